# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import uuid

import psycopg2.errors

from odoo import api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger


@tagged("post_install", "-at_install")
class TestConcurrency(TransactionCase):
    """Two people act on the same step at the same moment, each in their own
    database transaction: exactly one effect, and the other gets a clear message.

    The data is committed so that both cursors see it, and removed afterwards.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            group = env.ref("oa_base.group_oa_user")
            tag = uuid.uuid4().hex[:8]
            users = env["res.users"].create(
                [
                    {
                        "name": f"Concurrent {x}",
                        "login": f"oa_concurrent_{x}_{tag}",
                        "groups_id": [(6, 0, group.ids)],
                    }
                    for x in ("a", "b", "init")
                ]
            )
            tmpl = env["oa.flow.template"].create(
                {
                    "name": "Concurrency",
                    "res_model": "test.oa.flow.record",
                    "step_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Either",
                                "mode": "any",
                                "assignee_type": "users",
                                "user_ids": [(6, 0, users[:2].ids)],
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "name": "Next",
                                "assignee_type": "users",
                                "user_ids": [(6, 0, users[2:].ids)],
                            },
                        ),
                    ],
                }
            )
            record = (
                env["test.oa.flow.record"].with_user(users[2]).create({"name": "Race"})
            )
            record.action_oa_start(template=tmpl)
            self.ids = {
                "users": users.ids,
                "tmpl": tmpl.id,
                "record": record.id,
                "flow": record.oa_flow_id.id,
                "items": {
                    item.user_id.id: item.id
                    for item in record.oa_flow_id.sudo().workitem_ids
                },
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            flow = self.ids["flow"]
            for query in (
                "DELETE FROM mail_activity WHERE oa_workitem_id IN "
                "(SELECT id FROM oa_workitem WHERE flow_id = %s)",
                "DELETE FROM oa_trace WHERE flow_id = %s",
                "DELETE FROM oa_workitem WHERE flow_id = %s",
                "UPDATE test_oa_flow_record SET oa_flow_id = NULL "
                "WHERE oa_flow_id = %s",
                "DELETE FROM oa_flow WHERE id = %s",
            ):
                cr.execute(SQL(query, flow))
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["test.oa.flow.record"].browse(self.ids["record"]).unlink()
            env["oa.flow.template"].browse(self.ids["tmpl"]).unlink()
            env["res.users"].browse(self.ids["users"]).write({"active": False})

    def _agree(self, cr, user_id):
        env = api.Environment(cr, user_id, {})
        item = env["oa.workitem"].browse(self.ids["items"][user_id])
        item.action_agree(opinion=f"by {user_id}")

    def _agree_count(self):
        with self.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT count(*) FROM oa_trace "
                    "WHERE flow_id = %s AND action = 'agree'",
                    self.ids["flow"],
                )
            )
            return cr.fetchone()[0]

    def test_simultaneous_agree_one_waits_for_nothing(self):
        user_a, user_b = self.ids["users"][:2]
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._agree(cr1, user_a)  # holds the step lock, not committed yet
            with self.assertRaisesRegex(UserError, "Someone else is acting"):
                self._agree(cr2, user_b)
            cr2.rollback()
            cr1.commit()
        self.assertEqual(self._agree_count(), 1)
        with self.registry.cursor() as cr:
            with self.assertRaisesRegex(UserError, "no longer needed"):
                self._agree(cr, user_b)

    @mute_logger("odoo.sql_db")
    def test_simultaneous_agree_after_commit_serialization(self):
        user_a, user_b = self.ids["users"][:2]
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            # cr2's snapshot is taken before cr1 acts (REPEATABLE READ).
            cr2.execute("SELECT count(*) FROM oa_workitem")
            self._agree(cr1, user_a)
            cr1.commit()
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                self._agree(cr2, user_b)
            cr2.rollback()
        # Odoo replays a request that failed to serialize; the replay sees the
        # step already handled and says so.
        with self.registry.cursor() as cr:
            with self.assertRaisesRegex(UserError, "no longer needed"):
                self._agree(cr, user_b)
        self.assertEqual(self._agree_count(), 1)
