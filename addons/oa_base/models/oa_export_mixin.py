# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

import xlsxwriter

from odoo import api, fields, models

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OaExportMixin(models.AbstractModel):
    """A wizard exporting a table as a PDF or a spreadsheet.

    Registers (登记簿), statistics (统计表) and catalogues (目录) of the suite
    inherit it (or ``oa.period.export.mixin`` for a period), set
    ``_oa_export_report`` (the xmlid of their PDF report) and implement
    ``_render_xlsx`` and ``_get_export_file_name``; the download is built here.
    """

    _name = "oa.export.mixin"
    _description = "Export Wizard"

    _oa_export_report = None

    format = fields.Selection(
        [("pdf", "PDF"), ("xlsx", "Spreadsheet (xlsx)")],
        required=True,
        default="xlsx",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def _check_export_access(self):
        """Raise when the current user may not export this table."""

    def _get_export_file_name(self, extension):
        raise NotImplementedError

    def _render_xlsx(self):
        raise NotImplementedError

    @api.model
    def _xlsx_formats(self, book):
        """The title, header and cell formats of the suite's spreadsheets."""
        return (
            book.add_format(
                {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}
            ),
            book.add_format(
                {
                    "bold": True,
                    "border": 1,
                    "bg_color": "#EEEEEE",
                    "align": "center",
                    "valign": "vcenter",
                    "text_wrap": True,
                }
            ),
            book.add_format({"border": 1, "valign": "top", "text_wrap": True}),
        )

    @api.model
    def _render_register_xlsx(self, data):
        """An A4 landscape register: ``data`` holds ``title``, ``org``,
        ``period``, ``headers``, ``rows`` (lists of text) and, optionally, a
        ``summary`` line written under the table."""
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(data["title"][:31])
        title_fmt, header_fmt, cell_fmt = self._xlsx_formats(book)
        headers = ["#", *data["headers"]]
        last_col = len(headers) - 1
        sheet.merge_range(0, 0, 0, last_col, data["title"], title_fmt)
        sheet.write(1, 0, data["org"])
        sheet.write(1, last_col, data["period"])
        sheet.write_row(2, 0, headers, header_fmt)
        rows = data["rows"]
        for index, row in enumerate(rows):
            sheet.write_row(3 + index, 0, [index + 1, *row], cell_fmt)
        if data.get("summary"):
            sheet.write(3 + len(rows), 0, data["summary"])

        def width(text):
            return max(len(line) for line in (str(text or "") or " ").split("\n"))

        widths = [5] + [
            min(40, max(10, len(header) + 2, *(width(r[i]) + 2 for r in rows)))
            for i, header in enumerate(data["headers"])
        ]
        for col, col_width in enumerate(widths):
            sheet.set_column(col, col, col_width)
        sheet.set_row(0, 28)
        sheet.freeze_panes(3, 0)
        sheet.repeat_rows(2)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        book.close()
        return output.getvalue()

    def _render_pdf(self):
        self.ensure_one()
        content, __ = self.env["ir.actions.report"]._render_qweb_pdf(
            self._oa_export_report, self.ids
        )
        return content

    def action_export(self):
        """Build the file and download it."""
        self.ensure_one()
        self._check_export_access()
        if self.format == "xlsx":
            content, extension, mimetype = self._render_xlsx(), "xlsx", XLSX_MIMETYPE
        else:
            content, extension, mimetype = self._render_pdf(), "pdf", "application/pdf"
        attachment = self.env["ir.attachment"].create(
            {
                "name": self._get_export_file_name(extension),
                "raw": content,
                "mimetype": mimetype,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }
