# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The claim shows the department's remaining budget and respects it."""

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OaExpenseCase


@tagged("post_install", "-at_install")
class TestExpenseBudget(OaExpenseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        year = fields.Date.today().year
        Budget = cls.env["oa.approval.budget"]
        budget = Budget.search(
            [
                ("department_id", "=", cls.dept_general.id),
                ("year", "=", year),
                ("type_id", "=", cls.type_expense.id),
            ]
        )
        if not budget:
            budget = Budget.create(
                {
                    "department_id": cls.dept_general.id,
                    "year": year,
                    "type_id": cls.type_expense.id,
                    "amount": 0,
                }
            )
        # What the demo claims of 综合科 already hold, plus 1,000 left.
        budget.amount = budget.consumed + 1000
        cls.budget = budget

    def test_remaining_budget_shown_and_over_budget_refused(self):
        sheet = self.make_sheet(self.zhk_he, [("住宿费", 1500)], "培训住宿费")
        request = self.Request.with_user(self.zhk_he).create(
            {
                "type_id": self.type_expense.id,
                "subject": sheet.name,
                "expense_sheet_id": sheet.id,
            }
        )
        self.assertEqual(request.budget_id, self.budget)
        self.assertEqual(request.budget_remaining, 1000)
        self.assertTrue(request.over_budget)
        with self.assertRaisesRegex(UserError, "over the remaining budget"):
            request.action_submit()
        self.assertEqual(request.state, "draft")
        self.assertEqual(sheet.state, "draft", "the report is not submitted either")
        # Within the budget it goes through, and the remaining budget shrinks.
        sheet.expense_line_ids.with_user(self.zhk_he).write(
            {"total_amount_currency": 800}
        )
        self.assertFalse(request.over_budget)
        request.action_submit()
        self.assertEqual(request.state, "pending")
        self.env.invalidate_all()
        self.assertEqual(self.budget.remaining, 200)
        other = self.make_sheet(self.zhk_gao, [("出租车费", 300)], "市内交通费")
        with self.assertRaisesRegex(UserError, "over the remaining budget"):
            other.with_user(self.zhk_gao).action_oa_submit()
        self.assertEqual(other.state, "draft")

    def test_over_budget_allowed_by_the_type(self):
        self.type_expense.with_user(self.sgzx_sun).allow_over_budget = True
        sheet = self.make_sheet(self.zhk_he, [("住宿费", 1500)], "培训住宿费")
        request = self.submit_sheet(sheet, self.zhk_he)
        self.assertEqual(request.state, "pending")
        self.assertTrue(request.over_budget, "the approvers see the overrun")
        self.assertEqual(sheet.state, "submit")
