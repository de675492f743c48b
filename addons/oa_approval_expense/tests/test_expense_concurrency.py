# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two finance reviewers approve one claim at the same moment: one result.

Each reviewer works in their own database transaction (two cursors). The
claim and its report are committed so that both see them, and removed
afterwards. The claim has its own type (and numbering), so that the demo
numbers keep no gap.
"""

import uuid

from odoo import Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

MODEL = "oa.approval.request"


@tagged("post_install", "-at_install")
class TestExpenseConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            ref = env.ref
            self.finance = ref("oa_approval_expense.user_cw_qian_demo").id
            self.clerk = ref("oa_base.user_bgs_liu_demo").id
            requester = ref("oa_base.user_zhk_he_demo")
            code = "".join(chr(65 + int(c, 16)) for c in uuid.uuid4().hex[:6])
            approval_type = env["oa.approval.type"].create(
                {
                    "name": f"Concurrency {code}",
                    "code": code,
                    "kind": "expense",
                    "field_amount": "required",
                    "field_reason": "optional",
                    "step_ids": [
                        Command.create(
                            {
                                "name": "Finance Review",
                                "code": "finance",
                                "mode": "claim",
                                "assignee_type": "users",
                                "user_ids": [Command.set([self.finance, self.clerk])],
                            }
                        ),
                    ],
                }
            )
            expense = (
                env["hr.expense"]
                .with_user(requester)
                .create(
                    {
                        "name": "并发报销",
                        "employee_id": requester.employee_id.id,
                        "product_id": ref(
                            "hr_expense.expense_product_travel_accommodation"
                        ).id,
                        "total_amount_currency": 520,
                        "date": fields.Date.today(),
                    }
                )
            )
            sheet = (
                env["hr.expense.sheet"]
                .with_user(requester)
                .create(
                    {
                        "name": f"并发报销 {code}",
                        "employee_id": requester.employee_id.id,
                        "expense_line_ids": [Command.set(expense.ids)],
                    }
                )
            )
            request = (
                env[MODEL]
                .with_user(requester)
                .create(
                    {
                        "type_id": approval_type.id,
                        "subject": sheet.name,
                        "expense_sheet_id": sheet.id,
                    }
                )
            )
            request.action_submit()
            self.ids = {
                "type": approval_type.id,
                "template": approval_type.flow_template_id.id,
                "sequence": approval_type.sequence_id.id,
                "request": request.id,
                "sheet": sheet.id,
                "expense": expense.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            sheet = env["hr.expense.sheet"].browse(self.ids["sheet"])
            sheet.account_move_ids.filtered(lambda m: m.state == "draft").unlink()
            request = self.ids["request"]
            flows = SQL(
                "SELECT id FROM oa_flow WHERE res_model = %s AND res_id = %s",
                MODEL,
                request,
            )
            records = [
                (MODEL, request),
                ("hr.expense.sheet", self.ids["sheet"]),
                ("hr.expense", self.ids["expense"]),
            ]
            queries = []
            for model, res_id in records:
                queries += [
                    SQL(
                        "DELETE FROM mail_activity WHERE res_model = %s "
                        "AND res_id = %s",
                        model,
                        res_id,
                    ),
                    SQL(
                        "DELETE FROM mail_followers WHERE res_model = %s "
                        "AND res_id = %s",
                        model,
                        res_id,
                    ),
                    SQL(
                        "DELETE FROM mail_message WHERE model = %s AND res_id = %s",
                        model,
                        res_id,
                    ),
                ]
            queries += [
                SQL("DELETE FROM oa_trace WHERE flow_id IN (%s)", flows),
                SQL("DELETE FROM oa_workitem WHERE flow_id IN (%s)", flows),
                SQL(
                    "UPDATE oa_approval_request SET oa_flow_id = NULL WHERE id = %s",
                    request,
                ),
                SQL("DELETE FROM oa_flow WHERE id IN (%s)", flows),
                SQL(
                    "UPDATE hr_expense_sheet SET oa_request_id = NULL WHERE id = %s",
                    self.ids["sheet"],
                ),
                SQL("DELETE FROM oa_approval_request WHERE id = %s", request),
                SQL("DELETE FROM hr_expense WHERE id = %s", self.ids["expense"]),
                SQL("DELETE FROM hr_expense_sheet WHERE id = %s", self.ids["sheet"]),
                SQL("DELETE FROM oa_approval_type WHERE id = %s", self.ids["type"]),
            ]
            for query in queries:
                cr.execute(query)
            env.invalidate_all()
            env["oa.flow.template"].browse(self.ids["template"]).unlink()
            env["ir.sequence"].browse(self.ids["sequence"]).unlink()

    def _approve(self, cr, user_id):
        """What the Approve button does for ``user_id``, in cursor ``cr``."""
        env = api.Environment(cr, user_id, {})
        request = env[MODEL].browse(self.ids["request"])
        if not request.oa_can_act:
            raise UserError(request.oa_cannot_act_reason)
        request.oa_my_workitem_id.action_agree(opinion=f"审核通过 ({user_id})")

    def _state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            request = env[MODEL].browse(self.ids["request"])
            sheet = env["hr.expense.sheet"].browse(self.ids["sheet"])
            agreed = request.oa_flow_id.trace_ids.filtered(
                lambda t: t.action == "agree"
            )
            return len(agreed), request.state, sheet.state, len(sheet.account_move_ids)

    def test_two_reviewers_approve_at_once(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._approve(cr1, self.finance)  # holds the step, not committed yet
            with self.assertRaisesRegex(UserError, "Someone else is acting"):
                self._approve(cr2, self.clerk)
            cr2.rollback()
            cr1.commit()
        self.assertEqual(self._state(), (1, "approved", "approve", 1))
        # Reloaded, the other reviewer learns that the claim is decided.
        with self.registry.cursor() as cr:
            with self.assertRaises(UserError):
                self._approve(cr, self.clerk)
        self.assertEqual(self._state(), (1, "approved", "approve", 1))
