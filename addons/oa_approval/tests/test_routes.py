# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who approves: leaders from the org chart, amount tiers, modes, deadlines."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OaApprovalCase


@tagged("post_install", "-at_install")
class TestRoutes(OaApprovalCase):
    def test_department_leader_then_supervising_leader(self):
        request = self.submit(self.zhk_he, amount=3000)
        self.assertEqual(request.state, "pending")
        self.assertEqual(self.route(request), ["manager", "supervisor"])
        self.assertEqual(self.pending_users(request), self.zhk_xu)
        self.approve(request, self.zhk_xu)
        self.assertEqual(self.pending_users(request), self.fgjz_wang)
        self.approve(request, self.fgjz_wang, "同意购置。")
        self.assertEqual(request.state, "approved")
        self.assertTrue(request.date_approved)
        traces = request.sudo().oa_trace_ids.filtered(lambda t: t.action == "agree")
        self.assertEqual(traces.user_id, self.zhk_xu | self.fgjz_wang)
        self.assertIn("同意购置。", traces.mapped("opinion"))

    def test_amount_tier_routes_to_the_director(self):
        request = self.submit(self.zhk_he, amount=6800)
        self.assertEqual(self.route(request), ["manager", "supervisor", "director"])
        self.approve(request, self.zhk_xu)
        self.approve(request, self.fgjz_wang)
        self.assertEqual(request.state, "pending")
        self.assertEqual(self.pending_users(request), self.juzhang)
        self.approve(request, self.juzhang)
        self.assertEqual(request.state, "approved")

    def test_amount_at_or_below_the_tier_skips_the_director(self):
        for amount in (3000, 5000):
            request = self.submit(self.zhk_he, amount=amount)
            self.assertEqual(self.route(request), ["manager", "supervisor"], amount)
            self.approve(request, self.zhk_xu)
            self.approve(request, self.fgjz_wang)
            self.assertEqual(request.state, "approved")
            self.assertFalse(
                self.env["oa.workitem"].search_count(
                    [
                        ("flow_id", "=", request.sudo().oa_flow_id.id),
                        ("user_id", "=", self.juzhang.id),
                    ]
                )
            )

    def test_tiers_of_another_bureau_accounts(self):
        """Two tiers: above 2,000 the supervisor, above 10,000 the director."""
        tiered = self.make_type(
            "JE",
            [
                {"assignee_type": "initiator_manager", "code": "manager"},
                {
                    "assignee_type": "initiator_supervisor",
                    "code": "supervisor",
                    "amount_above": 2000,
                },
                {
                    "assignee_type": "users",
                    "user_ids": self.juzhang,
                    "code": "director",
                    "amount_above": 10000,
                },
            ],
        )
        expected = {
            1500: ["manager"],
            2000.01: ["manager", "supervisor"],
            12345.67: ["manager", "supervisor", "director"],
        }
        for amount, route in expected.items():
            request = self.submit(self.hsk_zheng, tiered, amount=amount)
            self.assertEqual(self.route(request), route, amount)
            self.assertEqual(self.pending_users(request), self.hsk_wu)

    def test_minimum_approvals_two_of_three(self):
        panel = self.fgjz_wang | self.fgjz_li | self.fgjz_chen
        council = self.make_type(
            "HQ",
            [
                {
                    "assignee_type": "users",
                    "user_ids": panel,
                    "mode": "all",
                    "min_approvals": 2,
                    "code": "panel",
                },
                {"assignee_type": "users", "user_ids": self.juzhang, "code": "final"},
            ],
        )
        request = self.submit(self.zhk_he, council)
        self.assertEqual(self.pending_users(request), panel)
        self.approve(request, self.fgjz_li)
        self.assertEqual(self.pending_users(request), self.fgjz_wang | self.fgjz_chen)
        self.approve(request, self.fgjz_chen)
        self.assertEqual(self.pending_users(request), self.juzhang)
        item = request.sudo().oa_flow_id.workitem_ids.filtered(
            lambda w: w.user_id == self.fgjz_wang
        )
        self.assertEqual(item.state, "cancelled", "the third one is not needed")
        self.assertIn("no longer needed", item._get_cannot_act_reason(self.fgjz_wang))

    def test_all_must_approve_in_parallel(self):
        both = self.make_type(
            "PX",
            [
                {
                    "assignee_type": "users",
                    "user_ids": self.fgjz_wang | self.fgjz_li,
                    "mode": "all",
                }
            ],
        )
        request = self.submit(self.zhk_he, both)
        self.assertEqual(self.pending_users(request), self.fgjz_wang | self.fgjz_li)
        self.approve(request, self.fgjz_li)
        self.assertEqual(request.state, "pending")
        self.approve(request, self.fgjz_wang)
        self.assertEqual(request.state, "approved")

    def test_in_sequence_one_after_the_other(self):
        chain = self.make_type(
            "CX",
            [
                {
                    "assignee_type": "users",
                    "user_ids": self.zhk_xu | self.fgjz_wang,
                    "mode": "sequence",
                }
            ],
        )
        request = self.submit(self.zhk_he, chain)
        self.assertEqual(self.pending_users(request), self.zhk_xu)
        # The second one waits: the request has not reached him yet.
        self.assertFalse(
            request.with_user(self.fgjz_wang).search_count([("id", "=", request.id)])
        )
        with self.assertRaises(AccessError):
            self.fresh(request, self.fgjz_wang).read(["subject"])
        self.approve(request, self.zhk_xu)
        self.assertEqual(self.pending_users(request), self.fgjz_wang)
        self.assertTrue(self.fresh(request, self.fgjz_wang).is_my_turn)
        self.approve(request, self.fgjz_wang)
        self.assertEqual(request.state, "approved")

    def test_leader_own_request_skips_their_own_step(self):
        request = self.submit(self.zhk_xu, amount=1200)
        self.assertEqual(self.pending_users(request), self.fgjz_wang)
        flow = request.sudo().oa_flow_id
        manager = flow.step_ids.filtered(lambda s: s.code == "manager")
        self.assertEqual(manager.state, "skipped")
        self.assertIn("skip", flow.trace_ids.mapped("action"))
        self.assertFalse(flow.workitem_ids.filtered(lambda w: w.user_id == self.zhk_xu))
        self.approve(request, self.fgjz_wang)
        self.assertEqual(request.state, "approved")

    def test_step_deadline_two_working_hours(self):
        calendar = self.env.company.resource_calendar_id
        # A Tuesday, 10:30 in Beijing: inside working hours on any calendar tz.
        with freeze_time("2026-03-10 02:30:00"):
            request = self.submit(self.zhk_he, amount=100)
            now = datetime(2026, 3, 10, 2, 30)
            expected = calendar.oa_add_working_hours(now, 2)
            step = request.sudo().oa_flow_id.current_step_id
            self.assertEqual(step.deadline_hours, 2)
            self.assertEqual(step.deadline, expected)
            self.assertEqual(request.step_deadline, expected)
            self.assertEqual(self.item_of(request, self.zhk_xu).deadline, expected)
            self.assertFalse(request.is_overdue)
        with freeze_time(expected + timedelta(minutes=1)):
            self.env.invalidate_all()
            mine = self.fresh(request, self.zhk_he)
            self.assertTrue(mine.is_overdue)
            self.assertIn(
                request,
                self.Request.with_user(self.zhk_xu).search([("is_overdue", "=", True)]),
            )
            self.assertNotIn(
                request,
                self.Request.with_user(self.zhk_xu).search(
                    [("is_overdue", "=", False)]
                ),
            )
            self.approve(request, self.zhk_xu)
            self.assertFalse(self.fresh(request, self.zhk_he).is_overdue)

    def test_to_approve_lists_only_my_turn(self):
        mine = self.submit(self.zhk_he, amount=100)
        other = self.submit(self.hsk_zheng, amount=100)
        to_approve = self.Request.with_user(self.zhk_xu).search(
            [("is_my_turn", "=", True)]
        )
        self.assertIn(mine, to_approve)
        self.assertNotIn(other, to_approve)
        self.assertNotIn(
            mine,
            self.Request.with_user(self.zhk_xu).search([("is_my_turn", "=", False)]),
        )
        self.approve(mine, self.zhk_xu)
        self.assertNotIn(
            mine,
            self.Request.with_user(self.zhk_xu).search([("is_my_turn", "=", True)]),
        )
        self.assertIn(
            mine,
            self.Request.with_user(self.fgjz_wang).search([("is_my_turn", "=", True)]),
        )
