# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oa_expense_approval_required = fields.Boolean(
        related="company_id.oa_expense_approval_required", readonly=False
    )
