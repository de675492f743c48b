# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""发文 (条例 第二十条-第二十五条) end to end as the demo bureau's roles."""

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import file_open

from .common import OaDocumentCase


@tagged("post_install", "-at_install")
class TestOutgoing(OaDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with file_open("oa_document/static/img/seal_demo.png", "rb") as f:
            image = base64.b64encode(f.read())
        cls.seal = cls.env["oa.document.seal"].create(
            {
                "name": "江澄市统计局",
                "image": image,
                "keeper_ids": [(6, 0, cls.bgs_zhang.ids)],
            }
        )

    def _draft(self, **vals):
        values = {
            "doc_type": "outgoing",
            "name": "江澄市统计局关于做好2026年统计年报工作的通知",
            "kind_id": self.kind_notice.id,
            "code_id": self.code.id,
            "main_to": "局各科室：",
            "main_to_unit_ids": [(6, 0, (self.unit_accounts | self.unit_industry).ids)],
            "cc": "省统计局。",
            "body": "<p>为做好2026年统计年报工作，现将有关事项通知如下。</p>",
            "countersign_department_ids": [(6, 0, self.dept_accounts.ids)],
            "seal_id": self.seal.id,
        }
        values.update(vals)
        return self.Document.with_user(self.zhk_he).create(values)

    def _tick_review(self, doc, user):
        doc.with_user(user).write(
            {
                "check_basis": True,
                "check_lawful": True,
                "check_consulted": True,
                "check_format": True,
                "check_other": True,
            }
        )

    def test_complete_outgoing_flow(self):
        doc = self._draft()
        # Only the drafter submits; the kind, code and body are required.
        with self.assertRaises(UserError):
            doc.with_user(self.zhk_xu).action_submit()
        doc.with_user(self.zhk_he).action_submit()
        self.assertEqual(doc.state, "running")
        self.assertEqual(self.current(doc), "dept_review")
        # 部门审核 by the drafter's section leader.
        self.item_of(doc, self.zhk_xu).action_agree(opinion="同意，请办公室核稿。")
        # 核稿 with the checklist of 第二十条.
        self.assertEqual(self.current(doc), "review")
        item = self.item_of(doc, self.bgs_liu)
        with self.assertRaises(UserError):
            item.action_agree(opinion="核稿完毕。")
        self._tick_review(doc, self.bgs_liu)
        doc.with_user(
            self.bgs_liu
        ).body = "<p>为做好2026年统计年报工作，经研究，现将有关事项通知如下。</p>"
        item.action_agree(opinion="核稿完毕。")
        # 会签 by the countersigning section.
        self.assertEqual(self.current(doc), "countersign")
        self.item_of(doc, self.hsk_wu).action_agree(opinion="会签同意。")
        # 签发 by the section's 分管局长 (a downward notice); 圈阅 = agreement.
        self.assertEqual(self.current(doc), "sign_off")
        self.item_of(doc, self.fgjz_wang).action_agree(opinion="")
        doc.invalidate_recordset()
        self.assertEqual(doc.signer_id, self.fgjz_wang)
        self.assertTrue(doc.sign_date)
        self.assertIn("圈阅", doc.sign_opinion)
        self.assertTrue(doc.date_written, "成文日期 is the sign-off date")
        # 复核: a material change after sign-off goes back to the signer.
        self.assertEqual(self.current(doc), "recheck")
        doc.with_user(self.bgs_liu).body = "<p>实质性修改后的正文。</p>"
        item = self.item_of(doc, self.bgs_liu)
        with self.assertRaises(UserError):
            item.action_agree(opinion="复核通过。")
        item.action_return(
            opinion="正文有实质性修改，请重新签发。",
            target_step=self.step_of(doc, "sign_off"),
            return_to_me=True,
        )
        self.assertEqual(self.current(doc), "sign_off")
        self.item_of(doc, self.fgjz_wang).action_agree(opinion="同意印发。")
        self.assertEqual(self.current(doc), "recheck")
        self.item_of(doc, self.bgs_liu).action_agree(opinion="复核通过。")
        # 登记编号 and 套红: blocked until both are done.
        self.assertEqual(self.current(doc), "register")
        item = self.item_of(doc, self.bgs_zhao)
        with self.assertRaises(UserError):
            item.action_agree(opinion="已登记。")
        self.env["oa.document.number.assign"].with_user(self.bgs_zhao).with_context(
            default_document_id=doc.id
        ).create({}).action_confirm()
        year = doc.date_written.year
        self.assertRegex(doc.doc_number, rf"^江统发〔{year}〕[1-9]\d*号$")
        doc.with_user(self.bgs_zhao).action_apply_redhead()
        self.assertTrue(doc.redhead_attachment_id)
        item.action_agree(opinion="已登记编号并套红。")
        # 用印 by the seal's keeper only.
        self.assertEqual(self.current(doc), "seal")
        with self.assertRaises(UserError):
            doc.with_user(self.bgs_liu).action_apply_seal()
        item = self.item_of(doc, self.bgs_zhang)
        with self.assertRaises(UserError):
            item.action_agree(opinion="已用印。")  # not sealed yet
        doc.with_user(self.bgs_zhang).action_apply_seal()
        use = doc.seal_use_ids
        self.assertEqual(len(use), 1)
        self.assertEqual(use.user_id, self.bgs_zhang)
        item.action_agree(opinion="已用印。")
        # 核发: dispatch to the internal units creates their incoming documents.
        self.assertEqual(self.current(doc), "dispatch")
        self.item_of(doc, self.bgs_liu).action_agree(opinion="核发。")
        doc.invalidate_recordset()
        self.assertEqual(doc.state, "done")
        self.assertTrue(doc.print_date)
        lines = doc.sudo().dispatch_ids
        self.assertEqual(lines.unit_id, self.unit_accounts | self.unit_industry)
        incoming = lines.incoming_id
        self.assertEqual(len(incoming), 2)
        self.assertEqual(set(incoming.mapped("doc_type")), {"incoming"})
        self.assertEqual(set(incoming.mapped("sender_number")), {doc.doc_number})
        self.assertEqual(set(incoming.mapped("state")), {"draft"})
        # The receiving section leader signs for it: the 回执 comes back.
        mine = incoming.filtered(lambda d: self.hsk_wu in d.receiver_ids)
        self.assertNotIn(
            mine, self.Document.with_user(self.gjk_huang).search([]), "not theirs"
        )
        mine.with_user(self.hsk_wu).action_receive()
        line = lines.filtered(lambda d: d.incoming_id == mine)
        self.assertEqual(line.state, "received")
        self.assertEqual(line.received_by_id, self.hsk_wu)
        self.assertEqual(doc.receipt_count, 1)
        # The trace of the whole route.
        steps = doc.sudo().oa_trace_ids.filtered(lambda t: t.action == "agree")
        self.assertIn("签发", " ".join(steps.mapped("step_name")))
        # Each step kept the version it received; a change is visible.
        versions = doc.version_ids
        self.assertGreaterEqual(len(versions), 8)
        changed = versions.filtered("changed")
        self.assertTrue(changed)
        self.assertIn("<ins", changed[0].diff_html)

    def test_upward_signed_by_principal(self):
        doc = self._draft(
            name="江澄市统计局关于2026年上半年统计工作情况的报告",
            kind_id=self.kind_report.id,
            main_to="江澄市人民政府：",
            main_to_unit_ids=[(6, 0, self.unit_city.ids)],
            signer_id=self.fgjz_wang.id,
            countersign_department_ids=False,
        )
        doc.with_user(self.zhk_he).action_submit()
        self.item_of(doc, self.zhk_xu).action_agree(opinion="同意。")
        self._tick_review(doc, self.bgs_liu)
        self.item_of(doc, self.bgs_liu).action_agree(opinion="核稿完毕。")
        # Nobody to countersign: the step is skipped; the principal signs.
        self.assertEqual(self.step_of(doc, "countersign").state, "skipped")
        self.assertEqual(self.current(doc), "sign_off")
        # The deputy named by the drafter cannot sign an upward document: it
        # never reaches him.
        doc.invalidate_recordset()
        with self.assertRaises(AccessError):
            doc.with_user(self.fgjz_wang).read(["oa_can_act"])
        self.item_of(doc, self.juzhang).action_agree(opinion="同意上报。")
        doc.invalidate_recordset()
        self.assertEqual(doc.signer_id, self.juzhang)
        self.assertEqual(doc.sign_opinion, "同意上报。")

    def test_memo(self):
        """签报 to the leadership on the same engine."""
        doc = self.Document.with_user(self.zhk_he).create(
            {
                "doc_type": "memo",
                "name": "关于购置统计执法记录仪的签报",
                "kind_id": self.env.ref("oa_document.kind_opinion").id,
                "body": "<p>拟购置执法记录仪4台，约1.2万元。</p>",
                "for_principal": True,
            }
        )
        doc.action_submit()
        self.item_of(doc, self.zhk_xu).action_agree(opinion="同意。")
        self.item_of(doc, self.bgs_zhao).action_agree(opinion="请王局长审示。")
        self.item_of(doc, self.fgjz_wang).action_agree(opinion="同意，请周局长审定。")
        self.item_of(doc, self.juzhang).action_agree(opinion="同意。")
        doc.invalidate_recordset()
        self.assertEqual(doc.state, "done")

    def test_disagree_and_reopen(self):
        doc = self._draft(countersign_department_ids=False)
        doc.with_user(self.zhk_he).action_submit()
        self.item_of(doc, self.zhk_xu).action_disagree(opinion="依据不足，请重新起草。")
        doc.invalidate_recordset()
        self.assertEqual(doc.state, "rejected")
        doc.with_user(self.zhk_he).action_reset_draft()
        self.assertEqual(doc.state, "draft")
        doc.with_user(self.zhk_he).action_submit()
        self.assertEqual(doc.state, "running")

    def test_clean_copy_keeps_marked_up(self):
        doc = self._draft(countersign_department_ids=False)
        doc.with_user(self.zhk_he).action_submit()
        doc.with_user(self.zhk_xu).body = "<p>修改后的正文内容。</p>"
        doc.with_user(self.zhk_xu).action_clean_copy()
        marked = doc.version_ids.filtered(lambda v: v.kind == "marked")
        clean = doc.version_ids.filtered(lambda v: v.kind == "clean")
        self.assertEqual(len(marked), 1)
        self.assertIn("<del", marked.diff_html)
        self.assertIn("修改后的正文内容", clean.body)
        with self.assertRaises(UserError):
            clean.with_user(self.bgs_zhang).write({"body": "<p>x</p>"})
        with self.assertRaises(UserError):
            doc.with_user(self.zhk_he).action_clean_copy()
