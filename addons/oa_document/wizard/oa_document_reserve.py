# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaDocumentReserve(models.TransientModel):
    """预留号: the office takes numbers ahead for documents still being written."""

    _name = "oa.document.reserve"
    _description = "Reserve Document Numbers"

    code_id = fields.Many2one("oa.document.code", required=True)
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    count = fields.Integer(required=True, default=1)
    note = fields.Char()

    def action_confirm(self):
        self.ensure_one()
        numbers = self.code_id.action_reserve(self.count, self.year, self.note)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reserved Numbers"),
            "res_model": "oa.document.number",
            "view_mode": "list,form",
            "domain": [("id", "in", numbers.ids)],
        }
