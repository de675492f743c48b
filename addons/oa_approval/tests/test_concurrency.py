# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two approvers of an 'any one' step act at the same moment: one result.

Each approver works in their own database transaction (two cursors). The
request is committed so that both see it, and removed afterwards.
"""

import uuid

import psycopg2.errors

from odoo import Command, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

MODEL = "oa.approval.request"


@tagged("post_install", "-at_install")
class TestApprovalConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            ref = env.ref
            self.wang = ref("oa_base.user_fgjz_wang_demo").id
            self.li = ref("oa_base.user_fgjz_li_demo").id
            director = ref("oa_base.user_juzhang_demo")
            requester = ref("oa_base.user_zhk_he_demo")
            code = "".join(chr(65 + int(c, 16)) for c in uuid.uuid4().hex[:6])
            approval_type = env["oa.approval.type"].create(
                {
                    "name": f"Concurrency {code}",
                    "code": code,
                    "field_amount": "optional",
                    "step_ids": [
                        Command.create(
                            {
                                "name": "Either deputy",
                                "code": "either",
                                "mode": "any",
                                "assignee_type": "users",
                                "user_ids": [Command.set([self.wang, self.li])],
                            }
                        ),
                        Command.create(
                            {
                                "name": "Director",
                                "code": "director",
                                "sequence": 20,
                                "assignee_type": "users",
                                "user_ids": [Command.set(director.ids)],
                            }
                        ),
                    ],
                }
            )
            request = (
                env[MODEL]
                .with_user(requester)
                .create(
                    {
                        "type_id": approval_type.id,
                        "subject": "并发审批",
                        "reason": "两位分管领导同时审批。",
                        "amount": 100,
                    }
                )
            )
            request.action_submit()
            self.ids = {
                "type": approval_type.id,
                "template": approval_type.flow_template_id.id,
                "sequence": approval_type.sequence_id.id,
                "request": request.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            request = self.ids["request"]
            flows = SQL(
                "SELECT id FROM oa_flow WHERE res_model = %s AND res_id = %s",
                MODEL,
                request,
            )
            for query in (
                SQL(
                    "DELETE FROM mail_activity WHERE res_model = %s AND res_id = %s",
                    MODEL,
                    request,
                ),
                SQL(
                    "DELETE FROM mail_followers WHERE res_model = %s AND res_id = %s",
                    MODEL,
                    request,
                ),
                SQL(
                    "DELETE FROM mail_message WHERE model = %s AND res_id = %s",
                    MODEL,
                    request,
                ),
                SQL("DELETE FROM oa_trace WHERE flow_id IN (%s)", flows),
                SQL("DELETE FROM oa_workitem WHERE flow_id IN (%s)", flows),
                SQL(
                    "UPDATE oa_approval_request SET oa_flow_id = NULL WHERE id = %s",
                    request,
                ),
                SQL("DELETE FROM oa_flow WHERE id IN (%s)", flows),
                SQL("DELETE FROM oa_approval_request WHERE id = %s", request),
                SQL("DELETE FROM oa_approval_type WHERE id = %s", self.ids["type"]),
            ):
                cr.execute(query)
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["oa.flow.template"].browse(self.ids["template"]).unlink()
            env["ir.sequence"].browse(self.ids["sequence"]).unlink()

    def _approve(self, cr, user_id):
        """What the Approve button does for ``user_id``, in cursor ``cr``."""
        env = api.Environment(cr, user_id, {})
        request = env[MODEL].browse(self.ids["request"])
        if not request.oa_can_act:
            raise UserError(request.oa_cannot_act_reason)
        request.oa_my_workitem_id.action_agree(opinion=f"同意 ({user_id})")

    def _state(self):
        with self.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT count(*) FROM oa_trace t "
                    "JOIN oa_flow f ON f.id = t.flow_id "
                    "WHERE f.res_model = %s AND f.res_id = %s AND t.action = 'agree'",
                    MODEL,
                    self.ids["request"],
                )
            )
            agreed = cr.fetchone()[0]
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            request = env[MODEL].browse(self.ids["request"])
            return agreed, request.state, request.oa_flow_id.current_step_id.code

    def test_two_deputies_approve_at_once(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._approve(cr1, self.wang)  # holds the step, not committed yet
            with self.assertRaisesRegex(UserError, "Someone else is acting"):
                self._approve(cr2, self.li)
            cr2.rollback()
            cr1.commit()
        self.assertEqual(self._state(), (1, "pending", "director"))
        # Reloaded, the second deputy learns that it is no longer his turn.
        with self.registry.cursor() as cr:
            with self.assertRaisesRegex(UserError, "no longer needed"):
                self._approve(cr, self.li)
        self.assertEqual(self._state(), (1, "pending", "director"))

    @mute_logger("odoo.sql_db")
    def test_second_approval_after_the_first_committed(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            # cr2 read the request before cr1 acted (REPEATABLE READ snapshot).
            env2 = api.Environment(cr2, self.li, {})
            self.assertTrue(env2[MODEL].browse(self.ids["request"]).oa_can_act)
            self._approve(cr1, self.wang)
            cr1.commit()
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                self._approve(cr2, self.li)
            cr2.rollback()
        # Odoo replays a request that failed to serialize: the replay sees the
        # step handled.
        with self.registry.cursor() as cr:
            with self.assertRaisesRegex(UserError, "no longer needed"):
                self._approve(cr, self.li)
        self.assertEqual(self._state(), (1, "pending", "director"))
