# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

DECISIONS = [
    ("adopt", "Adopt"),
    ("return", "Return to the Unit"),
    ("reject", "Not Adopted"),
]


class OaInfoReview(models.TransientModel):
    """The office's decision on submitted information: 采用 at a level, 退回
    with the reason, or 不采用 with the reason. It acts on the office's work
    item, so the decision and the opinion are in the flow's trace."""

    _name = "oa.info.review"
    _description = "Review Submitted Information"

    item_id = fields.Many2one("oa.info.item", required=True, ondelete="cascade")
    decision = fields.Selection(DECISIONS, required=True, default="adopt")
    level_id = fields.Many2one("oa.info.level", string="Adoption Level")
    points = fields.Float(related="level_id.points")
    opinion = fields.Text()
    phrase_id = fields.Many2one("oa.phrase", string="Common Phrase")

    @api.onchange("phrase_id")
    def _onchange_phrase_id(self):
        if self.phrase_id:
            self.opinion = (
                f"{self.opinion}\n{self.phrase_id.name}"
                if self.opinion
                else self.phrase_id.name
            )
            self.phrase_id = False

    def action_confirm(self):
        self.ensure_one()
        item = self.item_id
        workitem = item.oa_my_workitem_id
        if not workitem or not item.oa_can_act:
            raise UserError(item.oa_cannot_act_reason)
        if self.decision == "adopt":
            if not self.level_id:
                raise UserError(self.env._("Choose the adoption level."))
            item.sudo().write({"level_id": self.level_id.id})
            workitem.action_agree(opinion=self.opinion)
        else:
            if not (self.opinion or "").strip():
                raise UserError(self.env._("Give the reason to the submitting unit."))
            outcome = "returned" if self.decision == "return" else "rejected"
            workitem.with_context(oa_info_outcome=outcome).action_disagree(
                opinion=self.opinion
            )
        return {"type": "ir.actions.act_window_close"}
