# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OaPeriodExportMixin(models.AbstractModel):
    """A wizard exporting a table of a period as a PDF or a spreadsheet.

    Registers (登记簿) and statistics (统计表) of the suite inherit it, set
    ``_oa_export_report`` (the xmlid of their PDF report) and implement
    ``_render_xlsx`` and ``_get_export_file_name``; the download is built here.
    """

    _name = "oa.period.export.mixin"
    _description = "Period Export Wizard"

    _oa_export_report = None

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    format = fields.Selection(
        [("pdf", "PDF"), ("xlsx", "Spreadsheet (xlsx)")],
        required=True,
        default="xlsx",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The period ends before it starts."))

    def _get_utc_bounds(self):
        """The period as naive UTC datetimes, from the user's days."""
        self.ensure_one()
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        start = tz.localize(datetime.combine(self.date_from, time.min))
        end = tz.localize(datetime.combine(self.date_to + timedelta(days=1), time.min))
        return (
            start.astimezone(pytz.utc).replace(tzinfo=None),
            end.astimezone(pytz.utc).replace(tzinfo=None),
        )

    def _check_export_access(self):
        """Raise when the current user may not export this table."""

    def _get_export_file_name(self, extension):
        raise NotImplementedError

    def _render_xlsx(self):
        raise NotImplementedError

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
