# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError

from .oa_archive_retention_rule import RETENTIONS

CATALOG_REPORT = "oa_archive.action_report_oa_archive_catalog"


class OaArchiveCatalogExport(models.TransientModel):
    """归档文件目录 (DA/T 22-2015 §9.3) of a fonds and year, as a PDF or a
    spreadsheet.

    One catalogue per lowest class, in the order of the fonds' class scheme
    (年度–机构–保管期限 or 年度–保管期限–机构), each with its cover (全宗名称,
    年度, 保管期限, 机构(问题)) and the table 序号, 档号, 文号, 责任者, 题名,
    日期 (YYYYMMDD), 密级, 页数, 备注, items in 件号 order. Destroyed items keep
    their line, marked in the remarks. Archivists export it.
    """

    _name = "oa.archive.catalog.export"
    _inherit = "oa.export.mixin"
    _description = "Export the Catalogue of Archived Items (归档文件目录)"

    fonds_id = fields.Many2one(
        "oa.archive.fonds",
        string="Fonds (全宗)",
        required=True,
        default=lambda self: self.env["oa.archive.fonds"]._get_default(),
    )
    year = fields.Integer(
        string="Year (年度)",
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    retention = fields.Selection(RETENTIONS, string="Retention (保管期限)")
    org_id = fields.Many2one("oa.archive.org", string="Unit (机构/问题)")
    format = fields.Selection(default="pdf")

    # ------------------------------------------------------------
    # Data
    # ------------------------------------------------------------

    def _get_items(self):
        self.ensure_one()
        domain = [
            ("fonds_id", "=", self.fonds_id.id),
            ("year", "=", self.year),
            ("item_no", ">", 0),
            ("state", "in", ("filed", "destroyed")),
        ]
        if self.retention:
            domain.append(("retention", "=", self.retention))
        if self.org_id:
            domain.append(("org_id", "=", self.org_id.id))
        return self.env["oa.archive.item"].search(domain)

    @api.model
    def _retention_rank(self, retention):
        return [code for code, _label in RETENTIONS].index(retention)

    def _get_catalogues(self):
        """``[{cover..., rows: [[cells]]}]``: one catalogue per class, in the
        scheme's order, rows in 件号 order."""
        self.ensure_one()
        _ = self.env._
        items = self._get_items()
        items.fetch(
            [
                "series_id",
                "item_no",
                "archival_code",
                "doc_number",
                "author",
                "name",
                "title_composed",
                "date_code",
                "secrecy",
                "pages",
                "note",
                "state",
                "retention",
                "org_id",
            ]
        )
        retention_labels = dict(
            items._fields["retention"]._description_selection(self.env)
        )
        secrecy_labels = dict(items._fields["secrecy"]._description_selection(self.env))
        by_series = items.grouped("series_id")
        org_first = self.fonds_id.scheme == "org_first"

        def class_key(series):
            org = (series.org_id.sequence, series.org_id.code)
            retention = self._retention_rank(series.retention)
            return (org, retention) if org_first else (retention, org)

        catalogues = []
        for series in sorted(by_series, key=class_key):
            rows = []
            for index, item in enumerate(
                by_series[series].sorted(lambda i: (i.item_no, i.id)), start=1
            ):
                note = item.note or ""
                if item.state == "destroyed":
                    note = "; ".join(filter(None, [note, _("Destroyed (已销毁)")]))
                rows.append(
                    [
                        str(index),
                        item.archival_code or "",
                        item.doc_number or "",
                        item.author or "",
                        f"[{item.name}]" if item.title_composed else item.name,
                        item.date_code or "",
                        # 非密 items leave the column empty, as on paper.
                        ""
                        if item.secrecy == "none"
                        else secrecy_labels.get(item.secrecy, ""),
                        str(item.pages or ""),
                        note,
                    ]
                )
            catalogues.append(
                {
                    "code": series.name,
                    "fonds": self.fonds_id.name,
                    "fonds_code": self.fonds_id.code,
                    "year": str(series.year),
                    "retention": retention_labels.get(series.retention, ""),
                    "org": series.org_id.name,
                    "rows": rows,
                    "pages": sum(item.pages for item in by_series[series]),
                }
            )
        return catalogues

    def _get_headers(self):
        _ = self.env._
        return [
            _("No. (序号)"),
            _("Archival Code (档号)"),
            _("Document No. (文号)"),
            _("Author (责任者)"),
            _("Title (题名)"),
            _("Date (日期)"),
            _("Classification (密级)"),
            _("Pages (页数)"),
            _("Remarks (备注)"),
        ]

    def _get_catalog_data(self):
        """Everything the report shows."""
        self.ensure_one()
        _ = self.env._
        return {
            "title": _("Catalogue of Archived Items (归档文件目录)"),
            "labels": {
                "fonds": _("Fonds Name (全宗名称)"),
                "fonds_code": _("Fonds No. (全宗号)"),
                "year": _("Year (年度)"),
                "retention": _("Retention (保管期限)"),
                "org": _("Unit (机构/问题)"),
                "count": _("Items (件数)"),
            },
            "headers": self._get_headers(),
            "catalogues": self._get_catalogues(),
            "empty": _("No item is filed for this selection."),
        }

    # ------------------------------------------------------------
    # Files
    # ------------------------------------------------------------

    def _get_export_file_name(self, extension):
        self.ensure_one()
        parts = [self.fonds_id.code, str(self.year)]
        if self.retention:
            parts.append(self.retention)
        if self.org_id:
            parts.append(self.org_id.code)
        label = self.env._("Catalogue")
        return f"{label} {'-'.join(parts)}.{extension}"

    def _render_pdf(self):
        self.ensure_one()
        content, __ = (
            self.env["ir.actions.report"]
            .with_context(oa_archive_no_assets=True)
            ._render_qweb_pdf(CATALOG_REPORT, self.ids)
        )
        return content

    def _render_xlsx(self):
        """One sheet per class: its cover lines, then the table."""
        self.ensure_one()
        data = self._get_catalog_data()
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        title_fmt, header_fmt, cell_fmt = self._xlsx_formats(book)
        label_fmt = book.add_format({"bold": True})
        widths = [6, 26, 18, 18, 48, 11, 8, 6, 16]
        headers = data["headers"]
        labels = data["labels"]
        catalogues = data["catalogues"]
        if not catalogues:
            sheet = book.add_worksheet(str(self.year))
            sheet.write(0, 0, data["title"], title_fmt)
            sheet.write(1, 0, data["empty"])
        for catalogue in catalogues:
            # Sheet names: at most 31 characters, no []:*?/\ .
            name = catalogue["code"].replace("/", "-")[:31]
            sheet = book.add_worksheet(name)
            last = len(headers) - 1
            sheet.merge_range(0, 0, 0, last, data["title"], title_fmt)
            cover = [
                (labels["fonds"], f"{catalogue['fonds']} ({catalogue['fonds_code']})"),
                (labels["year"], catalogue["year"]),
                (labels["retention"], catalogue["retention"]),
                (labels["org"], catalogue["org"]),
                (labels["count"], str(len(catalogue["rows"]))),
            ]
            for row, (label, value) in enumerate(cover, start=1):
                sheet.write(row, 0, label, label_fmt)
                sheet.write(row, 2, value)
            top = len(cover) + 2
            sheet.write_row(top, 0, headers, header_fmt)
            for index, cells in enumerate(catalogue["rows"]):
                sheet.write_row(top + 1 + index, 0, cells, cell_fmt)
            for col, width in enumerate(widths):
                sheet.set_column(col, col, width)
            sheet.set_row(0, 28)
            sheet.freeze_panes(top + 1, 0)
            sheet.repeat_rows(top)
            sheet.set_landscape()
            sheet.set_paper(9)  # A4
            sheet.fit_to_pages(1, 0)
        book.close()
        return output.getvalue()

    def _check_export_access(self):
        if not self.env.user.has_group("oa_archive.group_oa_archivist"):
            raise UserError(self.env._("Only archivists export the catalogue."))
