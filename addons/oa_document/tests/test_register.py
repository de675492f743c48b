# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""收文登记簿 / 发文登记簿, as a spreadsheet and as a PDF, for the clerks."""

import io
import re
import zipfile
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_redhead import RedHeadCase, pdf_text, squeeze


def xlsx_text(content):
    """All the strings of an xlsx file (shared strings and inline ones)."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        parts = [
            book.read(name).decode()
            for name in book.namelist()
            if name in ("xl/workbook.xml", "xl/sharedStrings.xml")
            or name.startswith("xl/worksheets/")
        ]
    return "\n".join(re.sub(r"<[^>]+>", "\n", part) for part in parts)


@tagged("post_install", "-at_install")
class TestRegister(RedHeadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Doc = cls.env["oa.document"].with_user(cls.clerk)
        cls.incoming = Doc.create(
            {
                "doc_type": "incoming",
                "name": "关于开展2026年度统计执法检查的通知",
                "kind_id": cls.kind_notice.id,
                "sender_org": "省统计局",
                "sender_number": "苏统发〔2026〕21号",
                "urgency": "urgent",
                "copies": 3,
            }
        )
        cls.incoming.action_receive()
        cls.incoming.action_register()
        cls.unregistered = Doc.create(
            {
                "doc_type": "incoming",
                "name": "尚未登记的来文",
                "sender_org": "省统计局",
            }
        )
        cls.outgoing = cls.env["oa.document"].create(
            {
                "doc_type": "outgoing",
                "name": "江澄市统计局关于报送2026年统计工作要点的报告",
                "kind_id": cls.kind_report.id,
                "code_id": cls.code.id,
                "doc_number": "江统发〔2026〕71号",
                "main_to": "江澄市人民政府：",
                "signer_id": cls.principal.id,
                "date_written": fields.Date.today(),
                "copies": 5,
            }
        )
        cls.today = fields.Date.context_today(cls.incoming.with_user(cls.clerk))

    def export(self, user=None, **vals):
        values = {
            "doc_type": "incoming",
            "format": "xlsx",
            "date_from": self.today - timedelta(days=1),
            "date_to": self.today + timedelta(days=1),
        }
        values.update(vals)
        Wizard = self.env["oa.document.register.export"].with_user(user or self.clerk)
        wizard = Wizard.with_context(force_report_rendering=True).create(values)
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        match = re.fullmatch(r"/web/content/(\d+)\?download=true", action["url"])
        self.assertTrue(match, action["url"])
        attachment = self.env["ir.attachment"].browse(int(match.group(1)))
        self.assertEqual(attachment.res_model, wizard._name)
        return attachment

    def test_incoming_xlsx(self):
        attachment = self.export()
        self.assertTrue(attachment.name.endswith(".xlsx"))
        with zipfile.ZipFile(io.BytesIO(attachment.raw)) as book:
            self.assertIn("xl/workbook.xml", book.namelist())
        text = xlsx_text(attachment.raw)
        self.assertIn("收文登记簿", text)
        self.assertIn("收文编号", text)
        self.assertIn(self.incoming.serial_no, text)
        self.assertIn(self.incoming.name, text)
        self.assertIn("苏统发〔2026〕21号", text)
        self.assertNotIn(self.unregistered.name, text)
        self.assertNotIn(self.outgoing.name, text)

    def test_outgoing_xlsx(self):
        attachment = self.export(doc_type="outgoing")
        text = xlsx_text(attachment.raw)
        self.assertIn("发文登记簿", text)
        self.assertIn("江统发〔2026〕71号", text)
        self.assertIn(self.outgoing.name, text)
        self.assertIn("周建国", text)
        self.assertNotIn(self.incoming.name, text)

    def test_period(self):
        attachment = self.export(
            date_from=self.today - timedelta(days=30),
            date_to=self.today - timedelta(days=2),
        )
        text = xlsx_text(attachment.raw)
        self.assertIn("收文登记簿", text)
        self.assertNotIn(self.incoming.name, text)

    def test_incoming_pdf(self):
        attachment = self.export(format="pdf")
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        flat = squeeze(pdf_text(attachment.raw))
        self.assertIn("收文登记簿", flat)
        self.assertIn(self.incoming.serial_no, flat)
        self.assertIn("苏统发〔2026〕21号", flat)

    def test_outgoing_pdf(self):
        attachment = self.export(doc_type="outgoing", format="pdf")
        flat = squeeze(pdf_text(attachment.raw))
        self.assertIn("发文登记簿", flat)
        self.assertIn("江统发〔2026〕71号", flat)

    def test_only_clerks_export(self):
        with self.assertRaises(AccessError):
            self.export(user=self.plain_user)
        with self.assertRaises(AccessError):
            self.export(user=self.drafter)
        self.assertTrue(self.export(user=self.office))
