# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""套红: the red-head PDF laid out to GB/T 9704-2012, applied by the clerks."""

import re
import shutil
import subprocess
import tempfile
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged


def pdf_text(content):
    """Text of a PDF as pdftotext reads it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf.name, "-"],
            capture_output=True,
            check=True,
        ).stdout.decode()
    return out


def squeeze(text):
    """The text without any white space (a title may wrap over two lines)."""
    return re.sub(r"\s+", "", text)


class RedHeadCase(TransactionCase):
    """Real roles of the demo bureau, and outgoing documents ready to be laid out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # wkhtmltopdf would fetch the report assets from this very server, whose
        # request would wait for the test's transaction: point it nowhere. The
        # red head and the registers carry their own styles.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        ref = cls.env.ref
        cls.clerk = ref("oa_base.user_bgs_liu_demo")
        cls.office = ref("oa_base.user_bgs_zhang_demo")
        cls.drafter = ref("oa_base.user_zhk_he_demo")
        cls.principal = ref("oa_base.user_juzhang_demo")
        # A clerk who keeps no seal, and a plain user, both made here.
        cls.other_clerk = new_test_user(
            cls.env,
            login="oa_redhead_clerk",
            name="Redhead Clerk",
            groups="oa_base.group_oa_clerk",
        )
        cls.plain_user = new_test_user(
            cls.env,
            login="oa_redhead_user",
            name="Redhead User",
            groups="oa_base.group_oa_user",
        )
        cls.code = ref("oa_document.code_jtf_demo")
        cls.code_letter = ref("oa_document.code_jth_demo")
        cls.kind_report = ref("oa_document.kind_report")
        cls.kind_notice = ref("oa_document.kind_notice")
        cls.kind_letter = ref("oa_document.kind_letter")
        cls.kind_minutes = ref("oa_document.kind_minutes")
        cls.seal = ref("oa_document.seal_demo")

    def setUp(self):
        super().setUp()
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is needed to read the PDFs")
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is needed to render the PDFs")

    def make_outgoing(self, number, **vals):
        values = {
            "doc_type": "outgoing",
            "name": "江澄市统计局关于2026年上半年统计数据质量检查情况的报告",
            "kind_id": self.kind_report.id,
            "code_id": self.code.id,
            "main_to": "江澄市人民政府：",
            "cc": "省统计局。",
            "signer_id": self.principal.id,
            "body": "<p>按照市政府工作部署，我局对全市统计数据质量开展了专项检查。</p>"
            "<p>一、检查基本情况</p><p>本次检查共抽查调查对象120家。</p>",
            "attachment_note": "1.检查情况表\n2.问题清单",
            "note": "联系人：何佳，电话：12345678",
            "seal_id": self.seal.id,
        }
        values.update(vals)
        doc = self.env["oa.document"].with_user(self.drafter).create(values)
        doc.with_user(self.clerk).write(
            {"doc_number": number, "date_written": date(2026, 7, 1)}
        )
        return doc

    def apply_redhead(self, doc, user=None):
        doc = doc.with_user(user or self.clerk).with_context(
            force_report_rendering=True
        )
        doc.action_apply_redhead()
        return doc


@tagged("post_install", "-at_install")
class TestRedHead(RedHeadCase):
    def test_redhead_pdf(self):
        """The clerk's red head is a PDF with the title, the number and — 1 —."""
        doc = self.make_outgoing("江统发〔2026〕91号")
        self.apply_redhead(doc)
        attachment = doc.redhead_attachment_id
        self.assertTrue(attachment)
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertEqual((attachment.res_model, attachment.res_id), (doc._name, doc.id))
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        text = pdf_text(attachment.raw)
        flat = squeeze(text)
        self.assertIn(squeeze(doc.name), flat)
        self.assertIn("江统发〔2026〕91号", flat)
        self.assertIn("— 1 —", text)
        # 版头, 主体 and 版记 of GB/T 9704-2012.
        self.assertIn("江澄市统计局文件", flat)
        self.assertIn("签发人：周建国", flat)  # 上行文
        self.assertIn("江澄市人民政府：", flat)
        self.assertIn("附件：1.检查情况表", flat)
        self.assertIn("2026年7月1日", flat)
        self.assertIn("（联系人：何佳，电话：12345678）", flat)
        self.assertIn("抄送：省统计局。", flat)
        self.assertIn(f"{doc._format_date_cn(doc.print_date)}印发", flat)
        # 文, 人, 月... are read as ideographs, not as their Kangxi radicals.
        self.assertFalse(re.search("[\u2e80-\u2fdf]", text))
        # 印发日期 was set when the red head was applied.
        self.assertTrue(doc.print_date)
        self.assertIn(attachment, doc.message_ids.attachment_ids)

    def test_marks_top_left(self):
        """份号 and 紧急程度 appear when set; a notice carries no 签发人."""
        doc = self.make_outgoing(
            "江统发〔2026〕92号",
            name="江澄市统计局关于做好2026年统计执法检查的通知",
            kind_id=self.kind_notice.id,
            main_to="各科室：",
            copy_no="000123",
            urgency="very_urgent",
        )
        self.assertEqual(doc._redhead_marks(), ["000123", "特急"])
        self.apply_redhead(doc)
        flat = squeeze(pdf_text(doc.redhead_attachment_id.raw))
        self.assertIn("000123", flat)
        self.assertIn("特急", flat)
        self.assertNotIn("签发人", flat)

    def test_letter_format(self):
        """A 函 renders in the letter format: no page number on its first page."""
        doc = self.make_outgoing(
            "江统函〔2026〕93号",
            name="江澄市统计局关于商请提供2026年财政统计数据的函",
            kind_id=self.kind_letter.id,
            code_id=self.code_letter.id,
            main_to="江澄市财政局：",
            attachment_note=False,
            note=False,
        )
        self.assertEqual(doc._redhead_layout(), "letter")
        self.assertEqual(doc._redhead_margin_top(), 30)
        self.apply_redhead(doc)
        text = pdf_text(doc.redhead_attachment_id.raw)
        flat = squeeze(text)
        self.assertIn(squeeze(doc.name), flat)
        self.assertIn("江统函〔2026〕93号", flat)
        self.assertIn("江澄市统计局", flat)
        self.assertNotIn("— 1 —", text)
        # A letter's 版记 has no 印发机关 and 印发日期.
        self.assertNotIn("印发", flat)

    def test_refused_to_plain_user(self):
        doc = self.make_outgoing("江统发〔2026〕94号")
        with self.assertRaises(UserError):
            self.apply_redhead(doc, user=self.drafter)
        with self.assertRaises(UserError):
            self.apply_redhead(doc, user=self.plain_user)
        self.assertFalse(doc.redhead_attachment_id)

    def test_needs_number(self):
        doc = self.make_outgoing("江统发〔2026〕95号")
        doc.with_user(self.clerk).doc_number = False
        with self.assertRaises(UserError):
            self.apply_redhead(doc)

    def test_print_report_numbers_each_document(self):
        """The print menu report renders several documents, each from page 1."""
        docs = self.make_outgoing("江统发〔2026〕96号") | self.make_outgoing(
            "江统发〔2026〕97号", name="江澄市统计局关于统计数据质量的报告"
        )
        content, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("oa_document.action_report_oa_document_redhead", docs.ids)
        )
        self.assertEqual(report_type, "pdf")
        text = pdf_text(content)
        self.assertEqual(text.count("— 1 —"), 2)
        self.assertIn("江统发〔2026〕97号", squeeze(text))
