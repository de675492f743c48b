# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ReportOaApprovalRequest(models.AbstractModel):
    """Values of the approval form: only requests the reader may read."""

    _name = "report.oa_approval.report_oa_approval_request"
    _description = "Approval Form"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["oa.approval.request"].browse(docids)
        # A clear refusal before rendering, rather than an error inside it.
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "data": data,
        }
