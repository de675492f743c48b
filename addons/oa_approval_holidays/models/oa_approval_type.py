# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaApprovalType(models.Model):
    _inherit = "oa.approval.type"

    kind = fields.Selection(
        selection_add=[
            ("leave", "Time Off"),
            ("leave_return", "Return from Leave"),
        ],
        ondelete={"leave": "set default", "leave_return": "set default"},
    )
