# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

# What the approvers approved: an expense under OA approval keeps these.
LOCKED_EXPENSE_FIELDS = {
    "sheet_id",
    "employee_id",
    "company_id",
    "product_id",
    "quantity",
    "price_unit",
    "total_amount",
    "total_amount_currency",
    "tax_ids",
    "currency_id",
    "payment_mode",
}


class HrExpense(models.Model):
    """Expenses of a report under OA approval keep the amounts approved.

    Finance may still set accounts and analytic distributions before posting.
    """

    _inherit = "hr.expense"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            sheet_ids = {vals["sheet_id"] for vals in vals_list if vals.get("sheet_id")}
            self.env["hr.expense.sheet"].browse(sheet_ids)._oa_check_expenses_locked()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and LOCKED_EXPENSE_FIELDS & set(vals):
            sheets = self.sheet_id
            if vals.get("sheet_id"):
                sheets |= self.env["hr.expense.sheet"].browse(vals["sheet_id"])
            sheets._oa_check_expenses_locked()
        return super().write(vals)
