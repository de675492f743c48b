# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo.tests import tagged
from odoo.tools import SQL

from .common import OaFlowCase

# Budgets measured on Odoo 18.0 (see README, "Benchmarks"); equal for N=5 and N=200.
ROUTING_QUERIES = 43
ACTING_QUERIES = 25


@tagged("post_install", "-at_install", "oa_perf")
class TestPerformance(OaFlowCase):
    """Query counts of the engine's hot paths must not grow with the number of
    handlers (PERFORMANCE.md P1-P3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = cls.env.ref("oa_base.group_oa_user")
        cls.crowd = cls.env["res.users"].create(
            [
                {
                    "name": f"Handler {i:03d}",
                    "login": f"oa_perf_{i:03d}",
                    "groups_id": [(6, 0, group.ids)],
                }
                for i in range(200)
            ]
        )

    def _template(self, users):
        return self.make_template(
            [
                {"mode": "all", "assignee_type": "users", "user_ids": users},
                {"assignee_type": "users", "user_ids": self.leader},
            ]
        )

    def _count(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _route(self, size):
        tmpl = self._template(self.crowd[:size])
        record = self.Record.with_user(self.staff).create({"name": f"N={size}"})
        count = self._count(lambda: record.action_oa_start(template=tmpl))
        self.assertEqual(len(self.pending_users(record)), size)
        return record, count

    def test_routing_cost_does_not_grow_with_handlers(self):
        self._route(3)  # warm-up: caches of refs, models, access rules
        __, small = self._route(5)
        record, large = self._route(200)
        self.assertEqual(
            small, large, f"routing to 5 took {small} queries, to 200 took {large}"
        )
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_id", "=", record.id), ("res_model", "=", record._name)]
            ),
            200,
        )
        for size in (5, 200):
            tmpl = self._template(self.crowd[:size])
            rec = self.Record.with_user(self.staff).create({"name": f"budget {size}"})
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(ROUTING_QUERIES):
                rec.action_oa_start(template=tmpl)

    def test_acting_cost_does_not_grow_with_handlers(self):
        counts = {}
        for size in (3, 5, 200):
            record, __ = self._route(size)
            user = self.crowd[0]
            item = self.item_of(record, user).with_user(user)
            counts[size] = self._count(
                lambda item=item: item.action_agree(opinion="ok")
            )
        self.assertEqual(counts[5], counts[200], counts)
        self.assertLessEqual(counts[200], ACTING_QUERIES)

    def test_inbox_constant_queries_and_partial_index(self):
        small_user, big_user = self.crowd[0], self.crowd[1]
        tmpl_small = self.make_template(
            [{"assignee_type": "users", "user_ids": small_user}]
        )
        for index in range(5):
            self.start(tmpl_small, name=f"Small {index}")
        tmpl_big = self.make_template(
            [{"assignee_type": "users", "user_ids": big_user}]
        )
        for index in range(30):
            self.start(tmpl_big, name=f"Doc {index}")
        Item = self.env["oa.workitem"]
        spec = {
            "name": {},
            "step_name": {},
            "sender_id": {"fields": {"display_name": {}}},
            "deadline": {},
            "urgency": {},
            "state": {},
        }

        def inbox(user):
            domain = [
                ("user_id", "=", user.id),
                ("kind", "=", "todo"),
                ("state", "=", "pending"),
            ]
            return Item.with_user(user).web_search_read(domain, spec, limit=80)

        inbox(small_user)
        inbox(big_user)
        counts = [self._count(lambda u=u: inbox(u)) for u in (small_user, big_user)]
        self.assertEqual(counts[0], counts[1], counts)
        self.assertLessEqual(counts[1], 6)
        # The inbox query can use the partial index (forced: tables are tiny here).
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(
            SQL(
                "EXPLAIN (FORMAT JSON) SELECT id FROM oa_workitem WHERE user_id = %s "
                "AND state = 'pending' ORDER BY deadline, id LIMIT 80",
                big_user.id,
            )
        )
        plan = json.dumps(self.env.cr.fetchone()[0])
        self.assertIn("oa_workitem_inbox_idx", plan)
