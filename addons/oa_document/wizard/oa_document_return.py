# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaDocumentReturn(models.TransientModel):
    """初审 退回: send an incoming document back to its sender with a reason."""

    _name = "oa.document.return"
    _description = "Return to Sender"

    document_id = fields.Many2one("oa.document", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.document_id.action_return_to_sender(self.reason)
        return {"type": "ir.actions.act_window_close"}
