# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""收文 (条例 第二十四条) as the demo bureau's real roles, seed 000 included."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OaDocumentCase


@tagged("post_install", "-at_install")
class TestIncoming(OaDocumentCase):
    def test_seed_000_flow(self):
        """分管局长 gives it to one 科长, who hands it to staff, who handle it."""
        doc = self.register_incoming()
        self.assertEqual(doc.state, "registered")
        self.assertTrue(doc.date_received, "签收 records the time")
        self.assertEqual(doc.received_by_id, self.bgs_liu)
        year = fields.Datetime.context_timestamp(doc, doc.date_received).year
        self.assertRegex(doc.serial_no, rf"^{year}-\d{{4}}$")
        doc.action_start_handling()
        self.assertEqual(doc.state, "running")
        self.assertEqual(self.current(doc), "proposal")
        # Default handling time: 7 working days.
        calendar = self.env.company.resource_calendar_id
        flow = doc.sudo().oa_flow_id
        expected = calendar.oa_add_working_days(flow.date_start, 7)
        self.assertEqual(flow.deadline, expected)

        # 拟办: the office proposes and picks the 分管局长.
        self.item_of(doc, self.bgs_zhang).action_agree(
            opinion="拟请李红梅副局长阅示，交核算科办理。", next_users=self.fgjz_li
        )
        self.assertEqual(self.current(doc), "instruction")
        self.assertIn("李红梅", doc.proposal or "拟请李红梅")
        # 批办: exactly one section leader leads (主办).
        item = self.item_of(doc, self.fgjz_li)
        with self.assertRaises(UserError):
            item.action_agree(
                opinion="请核算科、工交科办理。",
                next_users=self.hsk_wu | self.gjk_huang,
                next_leads=self.hsk_wu | self.gjk_huang,
            )
        item.action_agree(
            opinion="请核算科办理。", next_users=self.hsk_wu, next_leads=self.hsk_wu
        )
        self.assertEqual(self.current(doc), "handling")
        self.assertEqual(doc.lead_department_id, self.dept_accounts)
        self.assertIn("请核算科办理", doc.instruction)
        # 科长: "交他人办理" to a member of staff.
        self.item_of(doc, self.hsk_wu).action_transfer(
            self.hsk_zheng, opinion="请郑雯具体办理。"
        )
        # The staff member reads the document that reached them, and handles it.
        self.assertEqual(doc.with_user(self.hsk_zheng).name, doc.name)
        with self.assertRaises(UserError):
            # The result of the handling is required.
            self.item_of(doc, self.hsk_zheng).action_agree(opinion="")
        self.item_of(doc, self.hsk_zheng).action_agree(
            opinion="已组织自查，情况已报省统计局。"
        )
        self.assertEqual(self.current(doc), "conclude")
        result = doc.result_ids
        self.assertEqual(len(result), 1)
        self.assertEqual(result.department_id, self.dept_accounts)
        self.assertEqual(result.role, "lead")
        self.assertEqual(result.user_id, self.hsk_zheng)
        # 办结 with 答复 by the clerk who registered it.
        self.item_of(doc, self.bgs_liu).action_agree(opinion="已电话答复来文单位。")
        doc.invalidate_recordset()
        self.assertEqual(doc.state, "done")
        self.assertTrue(doc.date_done)
        self.assertIn("已电话答复", doc.reply)
        actions = doc.sudo().oa_trace_ids.mapped("action")
        for action in ("start", "agree", "transfer", "done"):
            self.assertIn(action, actions)

    def test_several_leaders_and_sections(self):
        """The case seed 000's old system could not do: 2 分管局长, 3 sections."""
        doc = self.register_incoming(name="关于做好第五次全国经济普查后续工作的通知")
        doc.action_start_handling()
        self.item_of(doc, self.bgs_zhang).action_agree(
            opinion="拟请李局长、陈局长阅示。", next_users=self.fgjz_li | self.fgjz_chen
        )
        self.item_of(doc, self.fgjz_li).action_agree(
            opinion="核算科主办，工交科协办。",
            next_users=self.hsk_wu | self.gjk_huang,
            next_leads=self.hsk_wu,
        )
        self.assertEqual(self.current(doc), "instruction", "waits for every leader")
        chen = self.item_of(doc, self.fgjz_chen)
        with self.assertRaises(UserError):
            # One document, one lead unit: 核算科 already leads.
            chen.action_agree(
                opinion="社科科主办。",
                next_users=self.skk_yang,
                next_leads=self.skk_yang,
            )
        chen.action_agree(
            opinion="同意，社科科协办。",
            next_users=self.hsk_wu | self.skk_yang,
            next_leads=self.hsk_wu,
        )
        self.assertEqual(self.current(doc), "handling")
        self.assertEqual(doc.lead_department_id, self.dept_accounts)
        self.assertEqual(
            doc.assist_department_ids, self.dept_industry | self.dept_social
        )
        handling = self.step_of(doc, "handling")
        roles = {
            w.user_id: w.role for w in handling.workitem_ids if w.state == "pending"
        }
        self.assertEqual(
            roles,
            {self.hsk_wu: "lead", self.gjk_huang: "assist", self.skk_yang: "assist"},
        )
        # Lead and assisting units each record their result (seed 000).
        self.item_of(doc, self.gjk_huang).action_agree(opinion="工业部分已完成。")
        self.item_of(doc, self.skk_yang).action_agree(opinion="社科部分已完成。")
        self.assertEqual(self.current(doc), "handling", "the lead has not finished")
        self.item_of(doc, self.hsk_wu).action_agree(opinion="已汇总上报。")
        self.assertEqual(self.current(doc), "conclude")
        results = {(r.department_id, r.role) for r in doc.result_ids}
        self.assertEqual(
            results,
            {
                (self.dept_accounts, "lead"),
                (self.dept_industry, "assist"),
                (self.dept_social, "assist"),
            },
        )

    def test_unit_returns_to_office(self):
        """A unit sends a document that is not theirs back to the office."""
        doc = self.register_incoming()
        doc.action_start_handling()
        self.item_of(doc, self.bgs_liu).action_agree(
            opinion="请王局长阅示。", next_users=self.fgjz_wang
        )
        self.item_of(doc, self.fgjz_wang).action_agree(
            opinion="工交科办理。", next_users=self.gjk_huang, next_leads=self.gjk_huang
        )
        item = self.item_of(doc, self.gjk_huang)
        action = doc.with_user(self.gjk_huang).action_return_to_office()
        target = self.env["oa.flow.step"].browse(
            action["context"]["default_return_step_id"]
        )
        self.assertEqual(target.code, "proposal")
        with self.assertRaises(UserError):
            item.action_return(opinion="", target_step=target)  # a reason is required
        item.action_return(
            opinion="不属本科职责，请办公室另行交办。", target_step=target
        )
        self.assertEqual(self.current(doc), "proposal")
        # Back with the clerk who proposed it.
        self.item_of(doc, self.bgs_liu)
        trace = doc.sudo().oa_trace_ids.filtered(lambda t: t.action == "return")
        self.assertIn("不属本科职责", trace.opinion)

    def test_return_to_sender_at_screening(self):
        """初审: not to the rules → back to the sender with the reason."""
        doc = self.register_incoming()
        with self.assertRaises(UserError):
            doc.action_return_to_sender("")
        wizard = (
            self.env["oa.document.return"]
            .with_user(self.bgs_liu)
            .create(
                {"document_id": doc.id, "reason": "文种使用不当，请更正后重新报送。"}
            )
        )
        wizard.action_confirm()
        self.assertEqual(doc.state, "returned")
        self.assertIn("文种使用不当", doc.return_reason)

    def test_urgent_needs_deadline(self):
        doc = self.register_incoming(urgency="very_urgent")
        with self.assertRaises(UserError):
            doc.action_start_handling()
        self.assertEqual(doc.state, "registered", "nothing is lost")
        deadline = fields.Datetime.now() + timedelta(days=1)
        doc.with_user(self.bgs_liu).deadline = deadline
        doc.action_start_handling()
        self.assertEqual(doc.sudo().oa_flow_id.deadline, deadline)
        self.assertEqual(doc.sudo().oa_flow_id.urgency, "very_urgent")

    def test_for_reading_with_receipts(self):
        """阅件: leaders read, circulate, and every read is a receipt."""
        doc = self.register_incoming(handling_kind="read", name="省统计局工作简报")
        doc.action_start_handling()
        self.assertEqual(doc.sudo().oa_flow_id.template_id.code, "incoming_read")
        self.item_of(doc, self.bgs_liu).action_agree(
            opinion="请王局长阅。", next_users=self.fgjz_wang
        )
        doc.sudo().oa_flow_id.with_user(self.fgjz_wang).action_circulate(
            self.zhk_xu | self.zhk_he, opinion="请综合科传阅。"
        )
        self.item_of(doc, self.fgjz_wang).action_agree(opinion="已阅。")
        doc.invalidate_recordset()
        self.assertEqual(doc.state, "done")
        read = self.item_of(doc, self.zhk_xu, kind="read")
        read.action_mark_read()
        items = doc.sudo().oa_flow_id.workitem_ids.filtered(lambda w: w.kind == "read")
        done = items.filtered(lambda w: w.state == "done")
        self.assertEqual(done.user_id, self.zhk_xu)
        self.assertTrue(done.date_done)
        self.assertEqual((items - done).user_id, self.zhk_he)

    def test_classified_refused(self):
        """秘密/机密/绝密 never go online; the rest of the input stays."""
        doc = self.Document.with_user(self.bgs_liu).create(
            {"doc_type": "incoming", "name": "某来文", "sender_org": "省统计局"}
        )
        for level in ("secret", "confidential", "top_secret"):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                doc.write({"secrecy": level, "name": "涉密文件"})
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.Document.with_user(self.bgs_liu).create(
                    {"doc_type": "incoming", "name": "涉密来文", "secrecy": level}
                )
        doc.invalidate_recordset()
        self.assertEqual(doc.name, "某来文")
        self.assertEqual(doc.secrecy, "none")
        doc.write({"secrecy": "internal"})
        self.assertEqual(doc.secrecy, "internal")

    def test_only_clerks_register(self):
        doc = self.Document.with_user(self.bgs_liu).create(
            {"doc_type": "incoming", "name": "某来文", "sender_org": "省统计局"}
        )
        with self.assertRaises(UserError):
            doc.with_user(self.gjk_lin).action_receive()
        self.assertEqual(doc.state, "draft")
