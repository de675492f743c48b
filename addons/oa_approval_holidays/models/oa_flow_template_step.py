# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OaFlowTemplateStep(models.Model):
    """Length tiers on time-off routes: a step applies only to longer leaves."""

    _inherit = "oa.flow.template.step"

    leave_days_above = fields.Float(
        string="Only Above Days",
        help="Time-off requests: the step is part of the route only when the "
        "leave is longer than this many days (e.g. the supervising leader "
        "approves leaves over 3 days), or when no step before it has anyone "
        "but the requester to approve (a department leader's own leave). "
        "0: always.",
    )

    @api.constrains("leave_days_above")
    def _check_leave_days_above(self):
        for step in self:
            if step.leave_days_above < 0:
                raise ValidationError(
                    self.env._(
                        "Step %(step)s: the number of days cannot be negative.",
                        step=step.name,
                    )
                )
