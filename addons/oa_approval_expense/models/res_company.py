# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    oa_expense_approval_required = fields.Boolean(
        string="Expense Reports Need OA Approval",
        default=True,
        help="Expense reports are submitted as OA expense claims (费用报销) and "
        "cannot be approved or posted until their claim is approved. The "
        "setting applies to reports when they are submitted: changing it never "
        "releases a report already under OA approval.",
    )
