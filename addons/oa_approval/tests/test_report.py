# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The printable approval form (审批单): PDF and HTML, as the real roles print it."""

import base64
import io
import re
import shutil
import subprocess
import tempfile
from datetime import timedelta

from lxml import html as lxml_html
from PIL import Image

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tools.pdf import PdfFileWriter

from odoo.addons.oa_base.tools.pdf_cjk import fix_cjk_pdf_text, radical_to_ideograph

REPORT = "oa_approval.action_report_oa_approval_request"


def pdf_text(content):
    """Text of a PDF as pdftotext reads it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf.name, "-"],
            capture_output=True,
            check=True,
        ).stdout.decode()


def squeeze(text):
    """The text without white space (cells wrap, titles are letter-spaced)."""
    return re.sub(r"\s+", "", text)


def signature_png():
    image = Image.new("RGB", (120, 40), "white")
    for x in range(10, 110):
        image.putpixel((x, 20 + (x % 7)), (0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return base64.b64encode(out.getvalue())


@tagged("post_install", "-at_install")
class TestApprovalForm(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # wkhtmltopdf would fetch the report assets from this very server, whose
        # answer would wait for the test's transaction: point it nowhere. The
        # form carries its own styles.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        ref = cls.env.ref
        cls.requester = ref("oa_base.user_zhk_he_demo")  # 何佳, 综合科
        cls.leader = ref("oa_base.user_zhk_xu_demo")  # 徐明, head of 综合科
        cls.supervisor = ref("oa_base.user_fgjz_wang_demo")  # 王志明, 分管
        cls.director = ref("oa_base.user_juzhang_demo")  # 周建国, 局长
        cls.deputy = ref("oa_base.user_fgjz_chen_demo")  # 陈卫东
        cls.office = ref("oa_base.user_bgs_zhang_demo")
        cls.outsider = ref("oa_base.user_gjk_lin_demo")
        cls.general = ref("oa_approval.approval_type_general")
        cls.activity = ref("oa_approval.approval_type_activity")
        cls.Report = cls.env["ir.actions.report"].with_context(
            force_report_rendering=True
        )

    def act(self, request, user, method, **kwargs):
        """``user`` acts on their item of ``request`` through the engine."""
        request = request.with_user(user)
        request.invalidate_recordset()
        item = request.oa_my_workitem_id
        self.assertTrue(item and request.oa_can_act, request.oa_cannot_act_reason)
        getattr(item.with_user(user), method)(**kwargs)

    def make_approved_expense(self):
        """12,345.67 of paper: returned once, signed, and the director's step
        handled by his delegate."""
        self.env["oa.delegation"].with_user(self.director).create(
            {
                "delegate_id": self.deputy.id,
                "date_from": fields.Datetime.now() - timedelta(hours=1),
                "date_to": fields.Datetime.now() + timedelta(days=2),
                "reason": "外出开会",
            }
        )
        request = (
            self.env["oa.approval.request"]
            .with_user(self.requester)
            .create(
                {
                    "type_id": self.general.id,
                    "subject": "购置统计年鉴编印用纸",
                    "amount": 12345.67,
                    "date": fields.Date.today(),
                    "reason": "编印年度统计年鉴，需采购专用纸张。",
                }
            )
        )
        request.action_submit()
        self.act(request, self.leader, "action_agree", opinion="同意，请王局审核。")
        self.act(request, self.supervisor, "action_return", opinion="请补充采购明细。")
        self.act(request, self.leader, "action_agree", opinion="已补充明细，同意。")
        self.act(
            request,
            self.supervisor,
            "action_agree",
            opinion="同意，报局长审批。",
            signature=signature_png(),
        )
        self.act(request, self.deputy, "action_agree", opinion="同意报销。")
        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        return request

    def test_pdf_as_requester(self):
        """The requester prints the approved form: every approver, opinion and the
        capitals are in the PDF's text, in Chinese characters (not radicals)."""
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is needed to read the PDF")
        if self.Report.get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is needed to render the PDF")
        request = self.make_approved_expense()
        content, kind = self.Report.with_user(self.requester)._render_qweb_pdf(
            REPORT, request.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        text = pdf_text(content)
        flat = squeeze(text)
        mine = request.with_user(self.requester)
        for expected in (
            request.name,
            request.subject,
            mine._report_title(),
            "壹万贰仟叁佰肆拾伍元陆角柒分",
            "编印年度统计年鉴，需采购专用纸张。",
            "何佳",
            "综合科",
            "徐明",
            "王志明",
            "陈卫东",
            "周建国",
            "同意，请王局审核。",
            "请补充采购明细。",
            "已补充明细，同意。",
            "同意，报局长审批。",
            "同意报销。",
        ):
            with self.subTest(expected=expected):
                self.assertIn(squeeze(expected), flat)
        # 用 and 角 are read as ideographs, not as their Kangxi radicals.
        self.assertFalse(re.search("[\u2e80-\u2fdf]", text), text)

    def test_html_approval_record(self):
        """Only approvers' acts are printed, in order, with the signature image
        when there is one, else the name; a delegate acts on behalf of."""
        request = self.make_approved_expense()
        body, __ = self.Report.with_user(self.requester)._render_qweb_html(
            REPORT, request.ids
        )
        root = lxml_html.fromstring(body)
        rows = root.xpath("//tr[@data-trace-id]")
        traces = request.sudo().oa_flow_id.trace_ids
        acts = traces.filtered(lambda t: t.action in ("agree", "return")).sorted(
            lambda t: (t.date, t.id)
        )
        self.assertEqual(len(acts), 5)
        self.assertEqual([int(row.get("data-trace-id")) for row in rows], acts.ids)
        # The engine's own rows (start, done) are not approvals.
        self.assertTrue(traces.filtered(lambda t: t.action in ("start", "done")))
        names = [squeeze(row.xpath("string(td[2])")) for row in rows]
        self.assertEqual(names[:4], ["徐明", "王志明", "徐明", "王志明"])
        self.assertIn("陈卫东", names[4])
        self.assertIn("周建国", names[4])  # on behalf of the director
        signed = acts.filtered("signature")
        self.assertEqual(signed.user_id, self.supervisor)
        for row, trace in zip(rows, acts, strict=True):
            sign = row.xpath(".//td[contains(@class, 'o_oa_af_sign')]")[0]
            images = sign.xpath(".//img")
            if trace.signature:
                self.assertEqual(len(images), 1)
                self.assertTrue(images[0].get("src").startswith("data:image/png"))
            else:
                self.assertFalse(images)
                self.assertEqual(squeeze(sign.text_content()), trace.user_id.name)
        self.assertIn("请补充采购明细。", rows[1].text_content())
        # Shown fields of the general type; hidden ones are not printed.
        self.assertTrue(root.xpath("//tr[@name='row_amount']"))
        self.assertIn(
            "壹万贰仟叁佰肆拾伍元陆角柒分",
            root.xpath("string(//tr[@name='row_amount'])"),
        )
        self.assertFalse(root.xpath("//tr[@name='row_location']"))
        self.assertFalse(root.xpath("//tr[@name='row_participants']"))
        # Add-ons (expenses, time off, vehicles) hook their sections here.
        self.assertTrue(root.xpath("//div[@name='extra_sections']"))

    def test_html_activity_fields(self):
        """公务活动: period, destination and participants; no amount; nobody has
        acted yet."""
        request = self.env.ref("oa_approval.request_activity_demo").with_user(
            self.requester
        )
        request.action_submit()
        body, __ = self.Report.with_user(self.requester)._render_qweb_html(
            REPORT, request.ids
        )
        root = lxml_html.fromstring(body)
        self.assertFalse(root.xpath("//tr[@name='row_amount']"))
        self.assertIn("东湖区统计局", root.xpath("string(//tr[@name='row_location'])"))
        participants = root.xpath("string(//tr[@name='row_participants'])")
        self.assertIn("徐明", participants)
        self.assertIn("高磊", participants)
        period = root.xpath("string(//tr[@name='row_period'])")
        self.assertIn(request._report_datetime(request.date_start), period)
        self.assertIn(request._report_datetime(request.date_end), period)
        self.assertIn(request.name, root.xpath("string(//span[@name='number'])"))
        self.assertFalse(root.xpath("//tr[@data-trace-id]"))
        self.assertTrue(root.xpath("//td[contains(@class, 'o_oa_af_empty')]"))

    def test_html_partner_and_attachments(self):
        """A type asking for a partner and attachments prints both; a field the
        type hides is not printed even when filled."""
        approval_type = self.env["oa.approval.type"].create(
            {
                "name": "Contract Payment",
                "code": "TRPA",
                "field_amount": "required",
                "field_partner": "required",
                "field_attachment": "required",
                "field_location": "no",
            }
        )
        partner = self.env["res.partner"].create({"name": "江澄印务有限公司"})
        Attachment = self.env["ir.attachment"].with_user(self.requester)
        attachments = Attachment.create(
            [
                {"name": "合同.pdf", "raw": b"%PDF-1.4 contract"},
                {"name": "发票.pdf", "raw": b"%PDF-1.4 invoice"},
            ]
        )
        request = (
            self.env["oa.approval.request"]
            .with_user(self.requester)
            .create(
                {
                    "type_id": approval_type.id,
                    "subject": "支付年鉴印刷费",
                    "amount": 1680.32,
                    "partner_id": partner.id,
                    "location": "不应打印",
                    "attachment_ids": [(6, 0, attachments.ids)],
                    "reason": "按合同支付",
                }
            )
        )
        body, __ = self.Report.with_user(self.requester)._render_qweb_html(
            REPORT, request.ids
        )
        root = lxml_html.fromstring(body)
        self.assertIn(
            "江澄印务有限公司", root.xpath("string(//tr[@name='row_partner'])")
        )
        files = root.xpath("string(//tr[@name='row_attachments'])")
        self.assertIn("合同.pdf", files)
        self.assertIn("发票.pdf", files)
        self.assertIn(
            "壹仟陆佰捌拾元零叁角贰分", root.xpath("string(//tr[@name='row_amount'])")
        )
        self.assertFalse(root.xpath("//tr[@name='row_location']"))
        self.assertNotIn("不应打印", body.decode())

    def test_outsider_refused(self):
        """Someone the request never reached cannot print it."""
        request = self.make_approved_expense()
        with self.assertRaises(AccessError):
            self.Report.with_user(self.outsider)._render_qweb_html(REPORT, request.ids)
        # The office prints any request.
        body, __ = self.Report.with_user(self.office)._render_qweb_html(
            REPORT, request.ids
        )
        self.assertIn(request.name, body.decode())

    def test_radicals_mapped_back(self):
        """The text-map repair maps radicals to their ideographs, nothing else."""
        self.assertEqual(chr(radical_to_ideograph(0x2F64)), "用")  # ⽤
        self.assertEqual(chr(radical_to_ideograph(0x2EC6)), "角")  # ⻆
        self.assertEqual(chr(radical_to_ideograph(0x2F42)), "文")  # ⽂
        self.assertIsNone(radical_to_ideograph(ord("用")))
        # A PDF without fonts goes through unchanged in content.
        blank = fix_cjk_pdf_text(self._blank_pdf())
        self.assertTrue(blank.startswith(b"%PDF"))

    def _blank_pdf(self):
        writer = PdfFileWriter()
        writer.addBlankPage(width=200, height=200)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
