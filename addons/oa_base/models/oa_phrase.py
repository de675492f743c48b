# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaPhrase(models.Model):
    """常用语: opinion phrases, personal (``user_id`` set) or shared (empty).

    Everyone reads the shared phrases and their own; each user manages their own,
    administrators manage the shared ones.
    """

    _name = "oa.phrase"
    _description = "Opinion Phrase"
    _order = "user_id nulls first, sequence, id"

    name = fields.Char(string="Phrase", required=True, translate=True)
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        index=True,
        default=lambda self: self.env.user,
        help="Empty: shared with everyone.",
    )
    active = fields.Boolean(default=True)
