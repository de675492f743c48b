# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

import xlsxwriter

from odoo import fields, models


class OaInfoReportExport(models.TransientModel):
    """信息报送统计表 of a period: by submitting unit, the submissions, the
    adoptions at each level, the adoption rate and the points, as a PDF or a
    spreadsheet. Rows follow the reader's access (the office sees every unit,
    a unit its own)."""

    _name = "oa.info.report.export"
    _inherit = ["oa.period.export.mixin"]
    _oa_export_report = "oa_notice.action_report_oa_info_statistics"
    _description = "Export Information Submission Statistics"

    # ------------------------------------------------------------
    # Data
    # ------------------------------------------------------------

    def _get_statistics(self):
        """Everything the table shows: title, period, headers, rows, totals.

        Two grouped queries whatever the number of items.
        """
        self.ensure_one()
        _ = self.env._
        start, end = self._get_utc_bounds()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date_submitted", ">=", start),
            ("date_submitted", "<", end),
        ]
        Report = self.env["oa.info.report"]
        by_unit = Report._read_group(
            domain,
            ["department_id"],
            ["submitted_count:sum", "adopted_count:sum", "points:sum"],
        )
        by_level = Report._read_group(
            domain + [("adopted_count", "=", 1)],
            ["department_id", "level_id"],
            ["__count"],
        )
        levels = self.env["oa.info.level"].search([])
        adopted_at = {(dept, level): count for dept, level, count in by_level}
        rows = []
        for dept, submitted, adopted, points in sorted(
            by_unit, key=lambda group: (-group[3], group[0].name or "")
        ):
            rows.append(
                {
                    "unit": dept.name or _("No unit"),
                    "submitted": submitted,
                    "adopted": adopted,
                    "levels": [adopted_at.get((dept, level), 0) for level in levels],
                    "rate": _rate(adopted, submitted),
                    "points": points,
                }
            )
        submitted = sum(row["submitted"] for row in rows)
        adopted = sum(row["adopted"] for row in rows)
        totals = {
            "unit": _("Total"),
            "submitted": submitted,
            "adopted": adopted,
            "levels": [
                sum(row["levels"][i] for row in rows) for i in range(len(levels))
            ],
            "rate": _rate(adopted, submitted),
            "points": sum(row["points"] for row in rows),
        }
        Date = fields.Date
        return {
            "title": _("Information Submission Statistics"),
            "org": self.company_id.name or "",
            "period": _(
                "Period: %(start)s to %(end)s",
                start=Date.to_string(self.date_from),
                end=Date.to_string(self.date_to),
            ),
            "headers": [
                _("Submitting Unit"),
                _("Submitted"),
                _("Adopted"),
                *levels.mapped("name"),
                _("Adoption Rate (%)"),
                _("Points"),
            ],
            "rows": rows,
            "totals": totals,
            "empty": _("No submission in this period."),
        }

    # ------------------------------------------------------------
    # Files
    # ------------------------------------------------------------

    @staticmethod
    def _row_values(row):
        return [
            row["unit"],
            row["submitted"],
            row["adopted"],
            *row["levels"],
            row["rate"],
            row["points"],
        ]

    def _render_xlsx(self):
        self.ensure_one()
        data = self._get_statistics()
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(data["title"][:31])
        title_fmt = book.add_format({"bold": True, "font_size": 16, "align": "center"})
        header_fmt = book.add_format(
            {"bold": True, "border": 1, "bg_color": "#EEEEEE", "align": "center"}
        )
        cell_fmt = book.add_format({"border": 1})
        total_fmt = book.add_format({"border": 1, "bold": True})
        width = len(data["headers"])
        sheet.merge_range(0, 0, 0, width - 1, data["title"], title_fmt)
        sheet.write(1, 0, data["org"])
        sheet.write(1, width - 1, data["period"])
        sheet.write_row(3, 0, data["headers"], header_fmt)
        row_index = 4
        for row in data["rows"]:
            sheet.write_row(row_index, 0, self._row_values(row), cell_fmt)
            row_index += 1
        sheet.write_row(row_index, 0, self._row_values(data["totals"]), total_fmt)
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, width - 1, 12)
        book.close()
        return output.getvalue()

    def _get_export_file_name(self, extension):
        return self.env._(
            "Information Submission Statistics %(start)s_%(end)s.%(ext)s",
            start=self.date_from,
            end=self.date_to,
            ext=extension,
        )


def _rate(adopted, submitted):
    return round(100.0 * adopted / submitted, 1) if submitted else 0.0
