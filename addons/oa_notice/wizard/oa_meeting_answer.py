# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaMeetingAnswer(models.TransientModel):
    """A participant's answer to a meeting notice (参会回执)."""

    _name = "oa.meeting.answer"
    _description = "Answer a Meeting Notice"

    receipt_id = fields.Many2one(
        "oa.meeting.receipt", required=True, ondelete="cascade"
    )
    meeting_id = fields.Many2one(related="receipt_id.meeting_id")
    answer = fields.Selection(
        [
            ("attend", "Attending"),
            ("absent", "Absent"),
            ("substitute", "Sending Someone Else"),
        ],
        required=True,
        default="absent",
    )
    reason = fields.Text()
    substitute_id = fields.Many2one(
        "res.users", string="Sent Instead", domain="[('share', '=', False)]"
    )

    def action_confirm(self):
        self.ensure_one()
        self.receipt_id.action_answer(
            self.answer, reason=self.reason, substitute=self.substitute_id
        )
        return {"type": "ir.actions.act_window_close"}
