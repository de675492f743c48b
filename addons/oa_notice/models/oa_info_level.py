# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OaInfoLevel(models.Model):
    """An adoption level of submitted information and the points it earns
    (采用级别与积分), e.g. adopted by the bureau, by the city, by the province."""

    _name = "oa.info.level"
    _description = "Adoption Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    points = fields.Float(
        required=True,
        default=1.0,
        digits=(16, 1),
        help="Points an item earns when adopted at this level. Changing them "
        "does not change items already adopted.",
    )
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "An adoption level code must be unique."),
    ]

    @api.constrains("points")
    def _check_points(self):
        for level in self:
            if level.points < 0:
                raise ValidationError(
                    self.env._(
                        "The points of %(level)s cannot be negative.", level=level.name
                    )
                )
