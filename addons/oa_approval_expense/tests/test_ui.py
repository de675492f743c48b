# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tour: submitting and approving an expense claim, at desktop and phone size."""

from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestExpenseTour(HttpCase):
    def setUp(self):
        super().setUp()
        self.env.ref("base.main_company").oa_expense_approval_required = True
        self.staff = self.env.ref("oa_base.user_zhk_he_demo")
        self.leader = self.env.ref("oa_base.user_zhk_xu_demo")
        employee = self.staff.employee_id
        expense = self.env["hr.expense"].create(
            {
                "name": "Tour: taxi fare",
                "employee_id": employee.id,
                "product_id": self.env.ref(
                    "hr_expense.expense_product_travel_accommodation"
                ).id,
                "total_amount_currency": 86,
                "date": fields.Date.today(),
            }
        )
        self.sheet = self.env["hr.expense.sheet"].create(
            {
                "name": "Tour: taxi to the provincial bureau",
                "employee_id": employee.id,
                "expense_line_ids": [Command.set(expense.ids)],
            }
        )

    def _check(self):
        self.start_tour(
            "/odoo/my-expense-reports",
            "oa_approval_expense_submit_tour",
            login=self.staff.login,
        )
        request = self.sheet.oa_request_id
        self.assertTrue(request)
        self.assertEqual(request.state, "pending")
        self.assertEqual(self.sheet.state, "submit")
        self.assertEqual(request.amount, 86)
        self.start_tour(
            "/odoo/action-oa_approval.oa_approval_request_action_to_approve",
            "oa_approval_expense_approve_tour",
            login=self.leader.login,
        )
        self.env.invalidate_all()
        flow = request.sudo().oa_flow_id
        agreed = flow.trace_ids.filtered(lambda t: t.action == "agree")
        self.assertEqual(agreed.user_id, self.leader)
        self.assertEqual(agreed.opinion, "Tour: checked, agreed")
        self.assertEqual(flow.current_step_id.code, "supervisor")
        self.assertEqual(request.state, "pending")

    def test_expense_tour_desktop(self):
        self._check()

    def test_expense_tour_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self._check()
