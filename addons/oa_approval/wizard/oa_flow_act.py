# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

APPROVAL_MODEL = "oa.approval.request"


class OaFlowAct(models.TransientModel):
    """The handling dialog of approval requests can return to the requester.

    退回申请人: besides an earlier step of the route, an approver sends the
    request back to its requester, who changes it and submits it again. At
    the first step it is the only way back.
    """

    _inherit = "oa.flow.act"

    is_approval = fields.Boolean(compute="_compute_is_approval")
    return_to_requester = fields.Boolean(
        string="Back to the Requester",
        compute="_compute_return_to_requester",
        store=True,
        readonly=False,
        help="The request goes back to its requester to be changed and "
        "submitted again; its route starts over then.",
    )

    @api.depends("flow_id")
    def _compute_is_approval(self):
        for wizard in self:
            wizard.is_approval = wizard.flow_id.sudo().res_model == APPROVAL_MODEL

    @api.depends("workitem_id", "is_approval")
    def _compute_return_to_requester(self):
        for wizard in self:
            wizard.return_to_requester = bool(
                wizard.is_approval
                and wizard.workitem_id
                and not wizard.workitem_id._get_return_targets()
            )

    def action_confirm(self):
        self.ensure_one()
        if self.action == "return" and self.is_approval and self.return_to_requester:
            request = self.env[APPROVAL_MODEL].browse(self.flow_id.sudo().res_id)
            request._oa_return_to_requester(self.workitem_id, self.opinion)
            return {"type": "ir.actions.act_window_close"}
        return super().action_confirm()
