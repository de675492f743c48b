# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OaFlowTemplateStep(models.Model):
    """Amount tiers on approval routes: a step applies only above an amount."""

    _inherit = "oa.flow.template.step"

    amount_above = fields.Float(
        string="Only Above Amount",
        help="Approval requests: the step is part of the route only when the "
        "request's amount is above this (e.g. above 5,000 the director approves "
        "too). 0: always.",
    )

    @api.constrains("amount_above")
    def _check_amount_above(self):
        for step in self:
            if step.amount_above < 0:
                raise ValidationError(
                    self.env._(
                        "Step %(step)s: the amount threshold cannot be negative.",
                        step=step.name,
                    )
                )
