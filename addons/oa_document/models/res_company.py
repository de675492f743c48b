# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    oa_principal_leader_id = fields.Many2one(
        "res.users",
        string="Principal Leader (主要负责人)",
        help="Signs off upward and important documents (条例 第二十二条).",
    )
