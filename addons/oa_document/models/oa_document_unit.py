# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OaDocumentUnit(models.Model):
    """An authority or unit that documents come from or go to (收发文单位).

    The relation to this organisation drives the rules of 条例 第四章 (no lower
    unit in the 抄送 of an upward document); an internal unit is an hr department
    whose receivers get the dispatched document as an incoming one.
    """

    _name = "oa.document.unit"
    _description = "Document Unit"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    relation = fields.Selection(
        [
            ("superior", "Superior (上级机关)"),
            ("peer", "Peer (同级/不相隶属)"),
            ("lower", "Lower (下级机关)"),
            ("internal", "Internal (本机关内部)"),
        ],
        required=True,
        default="peer",
    )
    department_id = fields.Many2one(
        "hr.department", help="For internal units: the department it stands for."
    )
    receiver_ids = fields.Many2many(
        "res.users",
        string="Receivers",
        help="Who signs for documents dispatched to this internal unit (签收).",
    )
    active = fields.Boolean(default=True)

    @api.constrains("relation", "receiver_ids")
    def _check_receivers(self):
        for unit in self:
            if unit.relation == "internal" and not unit.receiver_ids:
                raise ValidationError(
                    self.env._(
                        "The internal unit %(unit)s needs at least one receiver who "
                        "signs for its documents.",
                        unit=unit.name,
                    )
                )
