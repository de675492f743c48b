# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every action of the engine on a request, as the real people."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OaApprovalCase


@tagged("post_install", "-at_install")
class TestActions(OaApprovalCase):
    def act(self, request, user, action, **vals):
        """Fill and confirm the handling dialog as ``user`` (the form buttons)."""
        self.env.invalidate_all()
        request = request.with_user(user)
        button = {
            "agree": request.action_approve,
            "disagree": request.action_refuse,
            "return": request.action_return,
        }.get(action)
        if button:
            res = button()
        elif action in ("circulate", "urge", "terminate"):
            res = request.with_context(oa_action=action).action_oa_flow_dialog()
        else:
            res = request.with_context(oa_action=action).action_oa_act()
        wizard = (
            self.env["oa.flow.act"]
            .with_user(user)
            .with_context(**res["context"])
            .create(vals)
        )
        wizard.action_confirm()
        self.env.invalidate_all()
        return wizard

    # ------------------------------------------------------------
    # 退回
    # ------------------------------------------------------------

    def test_return_to_requester_then_resubmit_keeps_the_number(self):
        request = self.submit(self.zhk_he, amount=6800)
        number = request.name
        self.approve(request, self.zhk_xu)
        # Step 2 could go back to step 1; the 分管领导 sends it to the requester.
        wizard = (
            self.env["oa.flow.act"]
            .with_user(self.fgjz_wang)
            .with_context(
                **request.with_user(self.fgjz_wang).action_return()["context"]
            )
            .new({})
        )
        self.assertFalse(wizard.return_to_requester, "an earlier step exists")
        with self.assertRaisesRegex(UserError, "Write why"):
            self.act(request, self.fgjz_wang, "return", return_to_requester=True)
        self.act(
            request,
            self.fgjz_wang,
            "return",
            return_to_requester=True,
            opinion="请补充三家报价单。",
        )
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.name, number)
        self.assertIn("请补充三家报价单。", request.with_user(self.zhk_he).back_reason)
        flow = request.sudo().oa_flow_id
        self.assertEqual(flow.state, "cancelled")
        self.assertFalse(self.pending_users(request))
        ret = flow.trace_ids.filtered(lambda t: t.action == "return")
        self.assertEqual(ret.user_id, self.fgjz_wang)
        self.assertEqual(ret.target_names, self.zhk_he.name)
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", request._name), ("res_id", "=", request.id)]
            ),
            "no approver keeps a to-do",
        )
        # The requester changes what was asked and submits again.
        mine = self.fresh(request, self.zhk_he)
        mine.write({"amount": 4800, "reason": "已补充三家报价单。"})
        mine.action_submit()
        self.assertEqual(mine.state, "pending")
        self.assertEqual(mine.name, number)
        self.assertNotEqual(mine.sudo().oa_flow_id, flow)
        self.assertEqual(self.route(mine), ["manager", "supervisor"])
        self.assertEqual(self.pending_users(mine), self.zhk_xu)
        self.assertFalse(mine.back_reason)

    def test_return_at_the_first_step_goes_to_the_requester(self):
        request = self.submit(self.zhk_he, amount=300)
        wizard = self.act(request, self.zhk_xu, "return", opinion="事由不清。")
        self.assertTrue(wizard.return_to_requester)
        self.assertEqual(request.state, "draft")

    def test_return_to_an_earlier_step(self):
        request = self.submit(self.zhk_he, amount=6800)
        self.approve(request, self.zhk_xu)
        self.act(request, self.fgjz_wang, "return", opinion="请科室再核实金额。")
        self.assertEqual(request.state, "pending")
        self.assertEqual(self.pending_users(request), self.zhk_xu)
        self.approve(request, self.zhk_xu, "已核实。")
        self.approve(request, self.fgjz_wang)
        self.approve(request, self.juzhang)
        self.assertEqual(request.state, "approved")

    def test_refuse_needs_a_reason_then_reopen_and_resubmit(self):
        request = self.submit(self.zhk_he, amount=300)
        number = request.name
        with self.assertRaises(UserError):
            self.act(request, self.zhk_xu, "disagree")
        self.act(request, self.zhk_xu, "disagree", opinion="本年度已采购。")
        self.assertEqual(request.state, "refused")
        with self.assertRaises(UserError):
            request.with_user(self.hsk_wu).action_reset_to_draft()
        request.with_user(self.zhk_he).action_reset_to_draft()
        self.assertEqual(request.state, "draft")
        request.with_user(self.zhk_he).action_submit()
        self.assertEqual(request.name, number)
        self.assertEqual(self.pending_users(request), self.zhk_xu)

    # ------------------------------------------------------------
    # 加签, 转办, 知会, 委托
    # ------------------------------------------------------------

    def test_add_approver_before_me(self):
        request = self.submit(self.zhk_he, amount=300)
        self.act(
            request,
            self.zhk_xu,
            "add_sign",
            user_ids=[(6, 0, self.zhk_gao.ids)],
            add_position="before",
            opinion="请高磊先核对。",
        )
        self.assertEqual(self.pending_users(request), self.zhk_gao)
        self.assertFalse(self.fresh(request, self.zhk_xu).oa_can_act)
        self.assertIn(
            self.zhk_gao.name, self.fresh(request, self.zhk_xu).oa_cannot_act_reason
        )
        self.assertTrue(self.fresh(request, self.zhk_gao).is_my_turn)
        self.approve(request, self.zhk_gao, "已核对。")
        self.assertEqual(self.pending_users(request), self.zhk_xu)
        self.approve(request, self.zhk_xu)
        self.assertEqual(self.pending_users(request), self.fgjz_wang)

    def test_hand_over(self):
        request = self.submit(self.zhk_he, amount=300)
        self.act(request, self.zhk_xu, "transfer", user_id=self.zhk_gao.id)
        self.assertEqual(self.pending_users(request), self.zhk_gao)
        reason = self.fresh(request, self.zhk_xu).oa_cannot_act_reason
        self.assertIn("already been handled", reason)
        self.approve(request, self.zhk_gao)
        self.assertEqual(self.pending_users(request), self.fgjz_wang)
        actions = request.sudo().oa_trace_ids.mapped("action")
        self.assertIn("transfer", actions)

    def test_circulate_for_information(self):
        request = self.submit(self.zhk_he, amount=300)
        with self.assertRaises(AccessError):
            self.fresh(request, self.hsk_zheng).read(["subject"])
        self.act(
            request,
            self.zhk_he,
            "circulate",
            user_ids=[(6, 0, self.hsk_zheng.ids)],
            opinion="请知悉。",
        )
        reader = self.fresh(request, self.hsk_zheng)
        self.assertEqual(reader.subject, "购置统计年鉴编印用纸")
        self.assertFalse(reader.oa_can_act, "reading is not approving")
        self.assertTrue(reader.oa_my_read_item_id)
        with self.assertRaises(UserError):
            reader.action_approve()
        reader.action_oa_mark_read()
        item = self.env["oa.workitem"].search(
            [("flow_id", "=", request.sudo().oa_flow_id.id), ("kind", "=", "read")]
        )
        self.assertEqual((item.state, item.result), ("done", "read"))

    def test_delegation_while_away(self):
        self.env["oa.delegation"].with_user(self.fgjz_wang).create(
            {
                "delegate_id": self.fgjz_chen.id,
                "date_from": fields.Datetime.now() - timedelta(hours=1),
                "date_to": fields.Datetime.now() + timedelta(days=3),
                "reason": "外出学习",
            }
        )
        request = self.submit(self.zhk_he, amount=300)
        self.approve(request, self.zhk_xu)
        self.assertEqual(self.pending_users(request), self.fgjz_chen)
        item = self.item_of(request, self.fgjz_chen)
        self.assertEqual(item.on_behalf_of_id, self.fgjz_wang)
        # The delegator sees it, but the delegate handles it.
        away = self.fresh(request, self.fgjz_wang)
        self.assertFalse(away.oa_can_act)
        self.assertIn(self.fgjz_chen.name, away.oa_cannot_act_reason)
        self.approve(request, self.fgjz_chen, "代为同意。")
        self.assertEqual(request.state, "approved")
        trace = request.sudo().oa_trace_ids.filtered(
            lambda t: t.action == "agree" and t.user_id == self.fgjz_chen
        )
        self.assertEqual(trace.on_behalf_of_id, self.fgjz_wang)

    # ------------------------------------------------------------
    # 撤回, 催办, cancel, terminate
    # ------------------------------------------------------------

    def test_withdraw_before_anyone_acted(self):
        request = self.submit(self.zhk_he, amount=300)
        number = request.name
        with self.assertRaises(UserError):
            request.with_user(self.bgs_zhang).action_withdraw()
        request.with_user(self.zhk_he).action_withdraw()
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.name, number)
        flow = request.sudo().oa_flow_id
        self.assertEqual(flow.state, "cancelled")
        self.assertEqual(
            flow.workitem_ids.mapped("result"), ["retracted"], "the leader's item"
        )
        self.assertFalse(self.fresh(request, self.zhk_xu).is_my_turn)
        self.assertEqual(request.with_user(self.zhk_he).back_reason.count(":"), 1)
        request.with_user(self.zhk_he).write({"amount": 280})
        request.with_user(self.zhk_he).action_submit()
        self.assertEqual(request.name, number)
        self.assertEqual(self.pending_users(request), self.zhk_xu)

    def test_withdraw_refused_once_someone_acted(self):
        request = self.submit(self.zhk_he, amount=300)
        self.approve(request, self.zhk_xu)
        with self.assertRaisesRegex(UserError, "no longer be withdrawn"):
            request.with_user(self.zhk_he).action_withdraw()
        self.assertEqual(request.state, "pending")
        self.assertEqual(self.pending_users(request), self.fgjz_wang)

    def test_leader_withdraws_own_request_with_a_skipped_step(self):
        request = self.submit(self.zhk_xu, amount=300)
        self.assertEqual(self.pending_users(request), self.fgjz_wang)
        request.with_user(self.zhk_xu).action_withdraw()
        self.assertEqual(request.state, "draft")
        self.assertFalse(self.pending_users(request))

    def test_urge(self):
        request = self.submit(self.zhk_he, amount=300)
        request.with_user(self.zhk_he).action_oa_urge()
        flow = request.sudo().oa_flow_id
        self.assertEqual(flow.urge_count, 1)
        self.assertEqual(self.item_of(request, self.zhk_xu).urge_count, 1)
        self.assertIn("urge", flow.trace_ids.mapped("action"))
        with self.assertRaises(AccessError):
            self.fresh(request, self.zhk_gao).action_oa_urge()

    def test_cancel_and_delete(self):
        draft = self.new_request(self.zhk_he)
        draft.unlink()
        request = self.submit(self.zhk_he, amount=300)
        with self.assertRaises(UserError):
            request.with_user(self.zhk_he).action_cancel()
        request.with_user(self.zhk_he).action_withdraw()
        with self.assertRaises(UserError):
            request.with_user(self.zhk_he).unlink()
        request.with_user(self.zhk_he).action_cancel()
        self.assertEqual(request.state, "cancel")

    def test_office_terminates(self):
        request = self.submit(self.zhk_he, amount=300)
        with self.assertRaises(AccessError):
            request.with_user(self.zhk_he).oa_flow_id.action_terminate("不再需要")
        request.with_user(self.bgs_zhang).oa_flow_id.action_terminate("重复申请")
        self.assertEqual(request.state, "cancel")
        self.assertFalse(self.pending_users(request))

    # ------------------------------------------------------------
    # What nobody does by hand
    # ------------------------------------------------------------

    def test_state_number_and_content_are_not_edited_by_hand(self):
        request = self.new_request(self.zhk_he, amount=300)
        with self.assertRaises(UserError):
            request.write({"state": "approved"})
        with self.assertRaises(UserError):
            request.write({"name": "TY-2026-9999"})
        with self.assertRaises(UserError):
            self.new_request(self.zhk_he, state="approved")
        request.action_submit()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            request.write({"amount": 30000})
        # Not by the office either: the approvers approved what they saw.
        with self.assertRaises(UserError):
            request.with_user(self.bgs_zhang).write({"amount": 30000})
        # Approvers read, they do not write.
        with self.assertRaises(AccessError):
            self.fresh(request, self.zhk_xu).write({"reason": "改一下"})
        # Supporting documents can still be added by the requester.
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.zhk_he)
            .create({"name": "发票.txt", "raw": b"invoice"})
        )
        self.fresh(request, self.zhk_he).attachment_ids = [(4, attachment.id)]
        self.assertEqual(attachment.sudo().res_id, request.id)
        # Approvers comment on what they read.
        self.fresh(request, self.zhk_xu).message_post(body="请补充发票。")

    def test_route_starts_only_by_submitting(self):
        request = self.new_request(self.zhk_he, amount=300)
        with self.assertRaisesRegex(UserError, "Submit the request"):
            request.action_oa_start()
        self.assertFalse(request.oa_flow_id)
        request.action_submit()
        with self.assertRaises(UserError):
            request.action_oa_start()
        self.assertEqual(
            len(
                self.env["oa.flow"].search(
                    [("res_model", "=", request._name), ("res_id", "=", request.id)]
                )
            ),
            1,
        )

    def test_requester_set_by_the_office_only(self):
        with self.assertRaises(AccessError):
            self.new_request(self.zhk_he, user_id=self.zhk_gao.id)
        request = self.new_request(self.bgs_zhang, user_id=self.zhk_he.id)
        with self.assertRaises(UserError):
            request.with_user(self.zhk_gao).action_submit()
        request.with_user(self.bgs_zhang).action_submit()
        # Routed as the requester's: his department leader, his flow.
        flow = request.sudo().oa_flow_id
        self.assertEqual(flow.initiator_id, self.zhk_he)
        self.assertEqual(self.pending_users(request), self.zhk_xu)
        request.with_user(self.zhk_he).action_withdraw()
        self.assertEqual(request.state, "draft")
