# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who reads, changes and approves a request: requesters, approvers, office."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OaApprovalCase


@tagged("post_install", "-at_install")
class TestAccess(OaApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls.Request.with_user(cls.zhk_he).create(
            {
                "type_id": cls.type_general.id,
                "subject": "购置统计年鉴编印用纸",
                "reason": "编印年度统计年鉴。",
                "amount": 6800,
            }
        )
        cls.request.action_submit()

    def test_staff_of_another_section_cannot_read_nor_approve(self):
        other = self.fresh(self.request, self.hsk_zheng)
        with self.assertRaises(AccessError):
            other.read(["subject"])
        self.assertFalse(
            self.Request.with_user(self.hsk_zheng).search(
                [("id", "=", self.request.id)]
            )
        )
        with self.assertRaises(AccessError):
            other.action_approve()
        with self.assertRaises(AccessError):
            other.action_bulk_approve()
        # A colleague of the same section neither.
        with self.assertRaises(AccessError):
            self.fresh(self.request, self.zhk_gao).read(["subject"])

    def test_auditor_is_refused(self):
        with self.assertRaises(AccessError):
            self.fresh(self.request, self.aqsj_han).read(["subject"])
        with self.assertRaises(AccessError):
            self.Request.with_user(self.aqsj_han).search([])
        with self.assertRaises(AccessError):
            self.new_request(self.aqsj_han)

    def test_office_sees_all(self):
        office = self.Request.with_user(self.bgs_zhang)
        self.assertIn(self.request, office.search([]))
        self.assertEqual(
            self.fresh(self.request, self.bgs_zhang).subject, "购置统计年鉴编印用纸"
        )
        # Seeing is not approving.
        seen = self.fresh(self.request, self.bgs_zhang)
        self.assertFalse(seen.oa_can_act)
        with self.assertRaises(UserError):
            seen.action_approve()

    def test_approver_reads_only_once_it_reached_them(self):
        with self.assertRaises(AccessError):
            self.fresh(self.request, self.fgjz_wang).read(["subject"])
        with self.assertRaises(AccessError):
            self.fresh(self.request, self.juzhang).read(["subject"])
        self.assertEqual(
            self.fresh(self.request, self.zhk_xu).subject, "购置统计年鉴编印用纸"
        )
        self.approve(self.request, self.zhk_xu)
        deputy = self.fresh(self.request, self.fgjz_wang)
        self.assertEqual(deputy.subject, "购置统计年鉴编印用纸")
        self.assertTrue(deputy.oa_can_act)
        self.assertTrue(deputy.oa_trace_ids, "the approver reads the trace")
        # The department leader who approved keeps reading it, without a button.
        leader = self.fresh(self.request, self.zhk_xu)
        self.assertFalse(leader.oa_can_act)
        self.assertIn("already been handled", leader.oa_cannot_act_reason)
        with self.assertRaises(AccessError):
            self.fresh(self.request, self.juzhang).read(["subject"])

    def test_requester_cannot_approve_own_request(self):
        mine = self.fresh(self.request, self.zhk_he)
        self.assertFalse(mine.oa_can_act)
        self.assertIn(self.zhk_xu.name, mine.oa_cannot_act_reason)
        with self.assertRaises(UserError):
            mine.action_approve()
        self.assertFalse(mine.is_my_turn)

    def test_only_the_turn_gets_the_approve_button(self):
        arch = self.Request.get_view(view_type="form")["arch"]
        self.assertIn('name="action_approve"', arch)
        leader = self.fresh(self.request, self.zhk_xu)
        self.assertTrue(leader.oa_can_act)
        self.assertFalse(leader.oa_cannot_act_reason)
        office = self.fresh(self.request, self.bgs_zhang)
        self.assertFalse(office.oa_can_act)
        self.assertIn(self.zhk_xu.name, office.oa_cannot_act_reason)

    def test_budget_of_my_department_only(self):
        budgets = self.env["oa.approval.budget"].with_user(self.zhk_he).search([])
        self.assertTrue(budgets)
        self.assertEqual(budgets.department_id, self.dept_general)
        self.assertTrue(
            self.env["oa.approval.budget"]
            .with_user(self.bgs_zhang)
            .search([("department_id", "=", self.dept_accounts.id)])
        )
        with self.assertRaises(AccessError):
            budgets[:1].with_user(self.zhk_he).write({"amount": 1})
        with self.assertRaises(AccessError):
            self.env["oa.approval.budget"].with_user(self.aqsj_han).search([])

    def test_approvers_see_the_remaining_budget_of_another_department(self):
        """The budget itself is not theirs to read, its remaining amount is."""
        self.type_general.sudo().budget_check = True
        self.approve(self.request, self.zhk_xu)
        deputy = self.fresh(self.request, self.fgjz_wang)
        self.assertTrue(deputy.has_budget)
        self.assertTrue(deputy.budget_remaining)
        deputy.read(["budget_id", "budget_remaining", "over_budget"])

    def test_form_and_kanban_open_for_every_role(self):
        """What the form and the kanban card read, each role can read."""
        self.approve(self.request, self.zhk_xu)
        views = self.Request.get_views([(False, "form"), (False, "kanban")])
        fnames = [
            fname
            for fname in views["models"][self.Request._name]["fields"]
            if fname in self.Request._fields
        ]
        for user in (self.zhk_he, self.zhk_xu, self.fgjz_wang, self.bgs_zhang):
            request = self.fresh(self.request, user)
            values = request.web_read({fname: {} for fname in fnames})[0]
            self.assertEqual(values["subject"], "购置统计年鉴编印用纸", user.login)
            traces = request.oa_trace_ids
            self.assertTrue(traces.read(["action", "user_id", "opinion"]), user.login)
