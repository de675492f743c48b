# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

# Nothing listens there: wkhtmltopdf gives up at once on the server's assets.
NO_ASSETS_URL = "http://127.0.0.1:9"


class IrActionsReport(models.Model):
    """Archive PDFs made by the server itself (the handling sheet at filing,
    the catalogue) carry their own styles and fonts: rendered with the context
    key ``oa_archive_no_assets``, wkhtmltopdf does not call back the server
    for its assets. Filing then never waits on the server's own request
    (inside an install, a test's transaction, or with a single worker)."""

    _inherit = "ir.actions.report"

    def _get_report_url(self, layout=None):
        if self.env.context.get("oa_archive_no_assets"):
            return NO_ASSETS_URL
        return super()._get_report_url(layout=layout)
