# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bulk approval from the list: mine are approved, the others explained."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OaApprovalCase


@tagged("post_install", "-at_install")
class TestBulkApprove(OaApprovalCase):
    def test_approves_mine_and_explains_the_others(self):
        first = self.submit(self.zhk_he, amount=300, subject="购置墨盒")
        second = self.submit(self.zhk_gao, amount=500, subject="购置档案盒")
        not_yet = self.submit(self.zhk_he, amount=800, subject="购置U盘")
        opinion_type = self.make_type(
            "YJ",
            [
                {
                    "assignee_type": "initiator_manager",
                    "require_opinion": True,
                    "code": "manager",
                }
            ],
        )
        needs_opinion = self.submit(self.zhk_gao, opinion_type, subject="调整座位")
        self.approve(not_yet, self.zhk_xu)  # now the 分管领导's turn, not his
        selection = (first | second | not_yet | needs_opinion).with_user(self.zhk_xu)
        self.env.invalidate_all()
        result = selection.action_bulk_approve()
        self.assertEqual(first.state, "pending")
        self.assertEqual(self.pending_users(first), self.fgjz_wang)
        self.assertEqual(self.pending_users(second), self.fgjz_wang)
        self.assertEqual(self.pending_users(needs_opinion), self.zhk_xu)
        params = result["params"]
        self.assertEqual(params["type"], "warning")
        self.assertIn("2", params["message"])
        self.assertIn(not_yet.display_name, params["message"])
        self.assertIn(self.fgjz_wang.name, params["message"], "whose turn it is")
        self.assertIn(needs_opinion.display_name, params["message"])
        self.assertIn("opinion", params["message"])
        self.assertNotIn(first.display_name, params["message"])
        agree = first.sudo().oa_trace_ids.filtered(lambda t: t.action == "agree")
        self.assertEqual(agree.user_id, self.zhk_xu)

    def test_refused_when_none_is_mine(self):
        request = self.submit(self.zhk_he, amount=300)
        with self.assertRaises(UserError) as caught:
            request.with_user(self.fgjz_wang).action_bulk_approve()
        self.assertIn(self.zhk_xu.name, str(caught.exception))
        self.assertIn(request.display_name, str(caught.exception))
        self.assertEqual(self.pending_users(request), self.zhk_xu)
        # The requester cannot approve their own request in bulk either.
        with self.assertRaises(UserError):
            request.with_user(self.zhk_he).action_bulk_approve()

    def test_all_mine(self):
        requests = self.submit(self.zhk_he, amount=10) | self.submit(
            self.zhk_gao, amount=20
        )
        result = requests.with_user(self.zhk_xu).action_bulk_approve()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(self.pending_users(requests), self.fgjz_wang)

    def _prepare(self, co_approvers, count=3):
        """``count`` requests waiting for 王志明, whose step he shares ('any
        one') with ``co_approvers``."""
        self.runs = getattr(self, "runs", 0) + 1
        approval_type = self.make_type(
            f"Q{self.runs}",
            [
                {
                    "assignee_type": "users",
                    "user_ids": self.fgjz_wang | co_approvers,
                    "mode": "any",
                },
                {"assignee_type": "users", "user_ids": self.juzhang},
            ],
        )
        requests = self.Request.browse()
        for index in range(count):
            requests |= self.submit(
                self.zhk_he, approval_type, subject=f"请示事项{index}"
            )
        return requests.with_user(self.fgjz_wang)

    def _bulk_queries(self, requests):
        """Queries to bulk-approve ``requests`` as 王志明."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        requests.action_bulk_approve()
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        self.assertEqual(self.pending_users(requests), self.juzhang)
        return queries

    def test_cost_does_not_grow_with_the_approvers_of_the_step(self):
        crowd_users = (
            self.fgjz_li | self.fgjz_chen | self.bgs_zhang | self.skk_yang | self.hsk_wu
        )
        # Everything is set up before anything is measured: creating types and
        # requests may clear the registry caches, and a cold cache costs
        # queries that have nothing to do with the approvers.
        warm_up = self._prepare(crowd_users, count=1)
        pair_requests = self._prepare(self.fgjz_li)
        crowd_requests = self._prepare(crowd_users)
        one_request = self._prepare(self.fgjz_li, count=1)
        self._bulk_queries(warm_up)
        pair = self._bulk_queries(pair_requests)
        crowd = self._bulk_queries(crowd_requests)
        one = self._bulk_queries(one_request)
        # Four more co-approvers on each of the three requests: one query per
        # extra approver would cost 12 more; reading their names for the
        # notifications may cost one.
        self.assertLessEqual(abs(crowd - pair), 2, (pair, crowd))
        # Requests do not make each other dearer: each of three costs what one
        # alone costs (measured: 3 × 56 against 55), give or take three queries
        # of cache warming; a query per pair of requests would cost more.
        self.assertLessEqual(pair, 3 * (one + 3), (one, pair))

    def test_list_offers_bulk_approval(self):
        arch = self.Request.get_view(view_type="list")["arch"]
        self.assertIn('name="action_bulk_approve"', arch)
