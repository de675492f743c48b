# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Department budgets: remaining shown, over-budget refused unless allowed."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OaApprovalCase

# A year of its own: the demo budgets are for the current year.
YEAR = 2031
DAY = f"{YEAR}-03-02"


@tagged("post_install", "-at_install")
class TestBudget(OaApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        steps = [{"assignee_type": "initiator_manager", "code": "manager"}]
        cls.travel = cls.make_type(
            "CL", steps, budget_check=True, field_date="optional"
        )
        cls.training = cls.make_type(
            "PX", steps, budget_check=True, field_date="optional"
        )
        cls.meeting = cls.make_type(
            "HY",
            steps,
            budget_check=True,
            allow_over_budget=True,
            field_date="optional",
        )
        cls.unchecked = cls.make_type("WJ", steps, field_date="optional")
        Budget = cls.env["oa.approval.budget"].with_user(cls.bgs_zhang)
        cls.general_budget = Budget.create(
            {"department_id": cls.dept_general.id, "year": YEAR, "amount": 20000}
        )
        cls.travel_budget = Budget.create(
            {
                "department_id": cls.dept_general.id,
                "year": YEAR,
                "type_id": cls.travel.id,
                "amount": 10000,
            }
        )

    def request(self, approval_type, amount, user=None, **vals):
        vals.setdefault("date", DAY)
        return self.new_request(
            user or self.zhk_he, approval_type, amount=amount, **vals
        )

    def test_remaining_shown_and_over_budget_refused(self):
        first = self.request(self.travel, 6000)
        self.assertEqual(first.budget_year, YEAR)
        self.assertTrue(first.has_budget)
        self.assertEqual(first.budget_remaining, 10000)
        first.action_submit()
        self.assertEqual(self.fresh(first, self.zhk_he).budget_remaining, 10000)
        second = self.request(self.travel, 3000, user=self.zhk_gao)
        self.assertEqual(second.budget_remaining, 4000)
        self.assertFalse(second.over_budget)
        second.amount = 4500
        self.assertTrue(second.over_budget)
        with self.assertRaises(UserError) as caught:
            second.action_submit()
        self.assertIn("over the remaining budget", str(caught.exception))
        self.assertIn(self.dept_general.name, str(caught.exception))
        self.assertIn("4,000.00", str(caught.exception))
        self.assertEqual(second.state, "draft")
        self.assertEqual(second.amount, 4500, "nothing typed is lost")
        second.amount = 4000
        second.action_submit()
        self.assertEqual(self.travel_budget.consumed, 10000)
        self.assertEqual(self.travel_budget.remaining, 0)

    def test_allowed_over_budget_when_the_type_allows(self):
        request = self.request(self.meeting, 25000)
        self.assertTrue(request.over_budget)
        request.action_submit()
        self.assertEqual(request.state, "pending")
        self.assertTrue(self.fresh(request, self.zhk_xu).over_budget)
        self.assertEqual(self.general_budget.remaining, -5000)

    def test_general_and_per_type_budgets(self):
        self.request(self.travel, 4000).action_submit()
        self.request(self.training, 3000).action_submit()
        self.request(self.meeting, 2000).action_submit()
        self.request(self.unchecked, 900).action_submit()
        self.env.invalidate_all()
        self.assertEqual(self.travel_budget.consumed, 4000)
        # Types without their own budget share the general one; unchecked
        # types consume nothing.
        self.assertEqual(self.general_budget.consumed, 5000)
        self.assertEqual(self.general_budget.remaining, 15000)
        draft = self.request(self.training, 100)
        self.assertEqual(draft.budget_id, self.general_budget)
        self.assertEqual(draft.budget_remaining, 15000)
        self.assertEqual(self.request(self.travel, 100).budget_remaining, 6000)
        self.assertFalse(self.request(self.unchecked, 100).has_budget)

    def test_only_submitted_and_approved_requests_consume(self):
        refused = self.request(self.training, 1000)
        refused.action_submit()
        self.item_of(refused, self.zhk_xu).action_disagree(opinion="不需要。")
        approved = self.request(self.training, 2000)
        approved.action_submit()
        self.approve(approved, self.zhk_xu)
        self.assertEqual(approved.state, "approved")
        withdrawn = self.request(self.training, 4000)
        withdrawn.action_submit()
        withdrawn.action_withdraw()
        self.request(self.training, 8000)  # a draft
        self.env.invalidate_all()
        self.assertEqual(self.general_budget.consumed, 2000)

    def test_years_are_kept_apart(self):
        self.request(self.training, 5000).action_submit()
        later = self.request(self.training, 100, date=f"{YEAR + 1}-01-05")
        self.assertEqual(later.budget_year, YEAR + 1)
        self.assertFalse(later.has_budget)
        self.env.invalidate_all()
        self.assertEqual(self.general_budget.consumed, 5000)

    def test_many_requests_at_once_each_leave_only_themselves_out(self):
        requests = self.request(self.training, 1000) | self.request(
            self.training, 2000, user=self.zhk_gao
        )
        for request in requests:
            request.with_user(request.user_id).action_submit()
        self.env.invalidate_all()
        # Computed together, each request leaves out its own amount only.
        both = self.Request.browse(requests.ids)
        self.assertEqual(both.mapped("budget_remaining"), [18000, 19000])

    def test_budget_cost_does_not_grow_with_the_requests(self):
        def cost(count):
            requests = self.Request.browse()
            for index in range(count):
                requests |= self.request(self.training, 10 + index)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            requests.mapped("budget_remaining")
            return self.env.cr.sql_log_count - before

        cost(1)  # warm-up
        self.assertEqual(cost(6), cost(2))

    def test_budget_values(self):
        Budget = self.env["oa.approval.budget"].with_user(self.bgs_zhang)
        with self.assertRaises(ValidationError):
            Budget.create(
                {"department_id": self.dept_accounts.id, "year": YEAR, "amount": -1}
            )
        with self.assertRaises(ValidationError):
            Budget.create(
                {"department_id": self.dept_accounts.id, "year": 31, "amount": 10}
            )
        self.assertEqual(
            self.travel_budget.display_name,
            f"{YEAR} {self.dept_general.name} {self.travel.name}",
        )
