# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OaFlowCase


@tagged("post_install", "-at_install")
class TestEngineActions(OaFlowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmpl = cls.make_template(
            [
                {"name": "Review", "assignee_type": "users", "user_ids": cls.mgr_a},
                {
                    "name": "Countersign",
                    "assignee_type": "users",
                    "user_ids": cls.mgr_b,
                },
                {"name": "Sign", "assignee_type": "users", "user_ids": cls.leader},
            ]
        )

    def _to_sign(self):
        record = self.start(self.tmpl)
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree(opinion="a")
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree(opinion="b")
        return record

    def test_return_to_previous(self):
        record = self._to_sign()
        self.item_of(record, self.leader).with_user(self.leader).action_return(
            opinion="Redo"
        )
        self.assertEqual(record.oa_flow_id.current_step_id.name, "Countersign")
        self.assertEqual(
            self.pending_users(record), self.mgr_b, "back to who handled it"
        )
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree()
        self.assertEqual(self.pending_users(record), self.leader)

    def test_return_to_chosen_step_and_come_back(self):
        record = self._to_sign()
        flow = record.oa_flow_id.sudo()
        review = flow.step_ids.filtered(lambda s: s.name == "Review")
        item = self.item_of(record, self.leader).with_user(self.leader)
        with self.assertRaises(UserError, msg="returning needs a reason"):
            item.action_return(target_step=review)
        item.action_return(
            opinion="Fix the figures", target_step=review, return_to_me=True
        )
        self.assertEqual(flow.current_step_id, review)
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree(
            opinion="fixed"
        )
        self.assertEqual(
            self.pending_users(record),
            self.leader,
            "comes straight back, skipping Countersign",
        )
        self.assertEqual(flow.current_step_id.name, "Sign")
        self.assertIn("resume", self.actions(record))

    def test_cannot_return_to_unreached_step(self):
        record = self.start(self.tmpl)
        flow = record.oa_flow_id.sudo()
        sign = flow.step_ids.filtered(lambda s: s.name == "Sign")
        item = self.item_of(record, self.mgr_a).with_user(self.mgr_a)
        with self.assertRaisesRegex(UserError, "no earlier step"):
            item.action_return(opinion="x")
        with self.assertRaisesRegex(UserError, "only return to an earlier step"):
            self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_return(
                opinion="x", target_step=sign
            )

    def test_transfer_keeps_both_in_trace(self):
        record = self.start(self.tmpl)
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_transfer(
            self.colleague, opinion="You"
        )
        self.assertEqual(self.pending_users(record), self.colleague)
        self.item_of(record, self.colleague).with_user(self.colleague).action_agree()
        trace = record.oa_flow_id.sudo().trace_ids.sorted("id")
        self.assertEqual(trace.mapped("action"), ["start", "transfer", "agree"])
        self.assertEqual(trace[1].user_id, self.mgr_a)
        self.assertEqual(trace[1].target_names, self.colleague.name)
        self.assertEqual(trace[2].user_id, self.colleague)

    def test_add_sign_before_returns_to_adder(self):
        record = self.start(self.tmpl)
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_add_sign(
            self.colleague, "before"
        )
        a_item = self.item_of(record, self.mgr_a, state="waiting")
        self.assertIn(
            "whom you added before you",
            record.with_user(self.mgr_a).oa_cannot_act_reason,
        )
        self.item_of(record, self.colleague).with_user(self.colleague).action_agree(
            opinion="checked"
        )
        self.assertEqual(a_item.sudo().state, "pending", "back to the adder")
        a_item.with_user(self.mgr_a).action_agree()
        self.assertEqual(self.pending_users(record), self.mgr_b)

    def test_add_sign_after_and_remove_sign(self):
        record = self.start(self.tmpl)
        a_item = self.item_of(record, self.mgr_a).with_user(self.mgr_a)
        a_item.action_add_sign(self.colleague | self.outsider, "after")
        # 减签: only the adder, only those who have not acted.
        with self.assertRaises(UserError):
            self.item_of(record, self.colleague, state="waiting").with_user(
                self.colleague
            ).action_remove_sign()
        outsider_item = self.item_of(record, self.outsider, state="waiting")
        a_item.action_remove_sign(outsider_item)
        self.assertEqual(outsider_item.sudo().state, "cancelled")
        a_item.action_agree()
        self.assertEqual(
            self.pending_users(record),
            self.colleague,
            "the person added after acts next",
        )
        self.item_of(record, self.colleague).with_user(self.colleague).action_agree()
        self.assertEqual(self.pending_users(record), self.mgr_b)
        self.assertIn("remove_sign", self.actions(record))

    def test_circulate_with_read_receipts(self):
        record = self.start(self.tmpl)
        readers = self.colleague | self.outsider
        record.oa_flow_id.with_user(self.mgr_a).action_circulate(readers, opinion="FYI")
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_id", "=", record.id), ("user_id", "in", readers.ids)]
            ),
            "read items are not activities",
        )
        item = self.item_of(record, self.colleague, kind="read")
        self.assertEqual(record.with_user(self.colleague).oa_my_read_item_id, item)
        item.with_user(self.colleague).action_open_record()
        self.assertEqual(item.sudo().state, "done")
        self.assertTrue(item.sudo().date_done)
        with self.assertRaises(UserError):
            self.item_of(record, self.outsider, kind="read").with_user(
                self.colleague
            ).action_mark_read()
        with self.assertRaises(AccessError):
            record.oa_flow_id.with_user(self.leader).action_circulate(self.mgr_b)

    def test_retract_until_next_step_acts(self):
        record = self.start(self.tmpl)
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree(
            opinion="sent"
        )
        with self.assertRaisesRegex(UserError, "Only who sent it on"):
            record.oa_flow_id.with_user(self.staff).action_retract()
        record.oa_flow_id.with_user(self.mgr_a).action_retract()
        self.assertEqual(self.pending_users(record), self.mgr_a)
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree(
            opinion="sent again"
        )
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree()
        with self.assertRaisesRegex(
            UserError, "already been acted on|Only who sent it on"
        ):
            record.oa_flow_id.with_user(self.mgr_a).action_retract()

    def test_initiator_withdraws_before_anyone_acts(self):
        record = self.start(self.tmpl)
        record.oa_flow_id.with_user(self.staff).action_retract()
        self.assertEqual(record.oa_flow_id.state, "cancelled")
        self.assertEqual(record.state, "cancelled")
        self.assertFalse(self.pending_users(record))

    def test_urge_counts_and_logs(self):
        record = self.start(self.tmpl)
        flow = record.oa_flow_id
        flow.with_user(self.staff).action_urge("Please hurry")
        flow.with_user(self.office).action_urge()
        item = self.item_of(record, self.mgr_a)
        self.assertEqual(item.sudo().urge_count, 2)
        self.assertEqual(flow.sudo().urge_count, 2)
        self.assertEqual(self.actions(record).count("urge"), 2)
        with self.assertRaises(AccessError):
            flow.with_user(self.outsider).action_urge()

    def test_terminate_office_only_with_reason(self):
        record = self.start(self.tmpl)
        flow = record.oa_flow_id
        with self.assertRaises(AccessError):
            flow.with_user(self.staff).action_terminate("no")
        with self.assertRaisesRegex(UserError, "reason"):
            flow.with_user(self.office).action_terminate(" ")
        flow.with_user(self.office).action_terminate("Duplicate of another request")
        self.assertEqual(flow.state, "terminated")
        self.assertEqual(record.state, "terminated")
        self.assertFalse(self.pending_users(record))
        self.assertTrue(
            self.env["oa.audit.log"].search(
                [("event", "=", "flow_terminate"), ("res_id", "=", flow.id)]
            )
        )

    def test_save_draft_then_act(self):
        record = self.start(self.tmpl)
        item = self.item_of(record, self.mgr_a).with_user(self.mgr_a)
        item.action_save_draft("Half written")
        self.assertEqual(item.draft_opinion, "Half written")
        self.assertEqual(item.state, "pending")
        self.assertEqual(self.actions(record), ["start"], "saving is not an action")

    def test_activity_cannot_be_ticked_off(self):
        record = self.start(self.tmpl)
        activity = self.env["mail.activity"].search(
            [("res_id", "=", record.id), ("res_model", "=", record._name)]
        )
        with self.assertRaisesRegex(UserError, "Handle this item"):
            activity.with_user(self.mgr_a).action_feedback("done")

    def test_trace_is_append_only(self):
        record = self.start(self.tmpl)
        trace = record.oa_flow_id.sudo().trace_ids
        with self.assertRaises(UserError):
            trace.write({"opinion": "forged"})
        with self.assertRaises(UserError):
            trace.unlink()
        with self.assertRaises(UserError):
            trace.with_user(self.office).write({"opinion": "forged"})

    def test_why_cannot_i_act(self):
        record = self.start(self.tmpl)
        reason = record.with_user(self.leader).oa_cannot_act_reason
        self.assertIn("Review", reason)
        self.assertIn(self.mgr_a.name, reason)
        self.assertTrue(record.with_user(self.mgr_a).oa_can_act)
        item = self.item_of(record, self.mgr_a)
        with self.assertRaisesRegex(UserError, "not for you"):
            item.sudo().with_user(self.leader).action_agree()
        item.with_user(self.mgr_a).action_agree()
        self.assertIn(
            "already been handled",
            item.with_user(self.mgr_a)._get_cannot_act_reason(self.mgr_a),
        )

    def test_wizard_agree_with_phrase(self):
        record = self.start(self.tmpl)
        phrase = self.env.ref("oa_base.oa_phrase_agree")
        action = (
            record.with_user(self.mgr_a).with_context(oa_action="agree").action_oa_act()
        )
        wizard = (
            self.env["oa.flow.act"]
            .with_user(self.mgr_a)
            .with_context(**action["context"])
            .create({})
        )
        wizard.phrase_id = phrase
        wizard._onchange_phrase_id()
        self.assertEqual(wizard.opinion, phrase.name)
        wizard.action_confirm()
        self.assertEqual(self.pending_users(record), self.mgr_b)
        self.assertEqual(
            record.oa_flow_id.sudo()
            .trace_ids.filtered(lambda t: t.action == "agree")
            .opinion,
            phrase.name,
        )
