# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""发文字号 (GB/T 9704-2012 7.2.4): format, yearly sequences, 预留号 and 断号."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import OaDocumentCase


@tagged("post_install", "-at_install")
class TestNumbering(OaDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_code = cls.env["oa.document.code"].create(
            {
                "name": "江统测",
                "org_name": "江澄市统计局",
                "issuer_mark": "江澄市统计局文件",
            }
        )

    def _draft(self, **vals):
        values = {
            "doc_type": "outgoing",
            "name": "江澄市统计局关于做好2026年统计年报工作的通知",
            "kind_id": self.kind_notice.id,
            "code_id": self.new_code.id,
            "body": "<p>正文</p>",
        }
        values.update(vals)
        return self.Document.with_user(self.zhk_he).create(values)

    def _assign(self, doc, user=None, **vals):
        wizard = (
            self.env["oa.document.number.assign"]
            .with_user(user or self.bgs_liu)
            .with_context(default_document_id=doc.id)
            .create(vals)
        )
        wizard.action_confirm()
        return doc.doc_number

    def test_parse_good_and_bad(self):
        Code = self.env["oa.document.code"]
        self.assertEqual(Code._parse_number("国发〔2018〕1号"), ("国发", 2018, 1))
        self.assertEqual(Code._parse_number("江统发〔2026〕12号"), ("江统发", 2026, 12))
        self.assertEqual(
            Code._parse_number("江统办发〔2026〕120号"), ("江统办发", 2026, 120)
        )
        for bad in (
            "江统发(2026)12号",
            "江统发（2026）12号",
            "江统发[2026]12号",
            "江统发【2026】12号",
            "江统发〔26〕12号",
            "江统发〔2026〕第12号",
            "江统发〔2026〕012号",
            "江统发〔2026〕0号",
            "江统发〔2026〕12",
            "江统发2026年12号",
            "",
        ):
            with self.subTest(number=bad), self.assertRaises(UserError):
                Code._parse_number(bad)

    def test_yearly_sequence(self):
        numbers = [
            self._assign(self._draft(name=f"关于第{i}事项的通知"), year=2026)
            for i in range(3)
        ]
        self.assertEqual(
            numbers, [f"江统测〔2026〕{i}号" for i in (1, 2, 3)], "no leading zeros"
        )
        # Another year starts again at 1.
        doc = self._draft()
        self._assign(doc, year=2027)
        self.assertEqual(doc.doc_number, "江统测〔2027〕1号")
        # By default the year is the one of the date written.
        doc = self._draft(date_written="2027-03-02")
        self._assign(doc)
        self.assertEqual(doc.doc_number, "江统测〔2027〕2号")

    def test_reserve_skip_and_reuse(self):
        reserved = self.new_code.with_user(self.bgs_zhang).action_reserve(
            2, year=2026, note="留给年报通知"
        )
        self.assertEqual(
            reserved.mapped("name"), ["江统测〔2026〕1号", "江统测〔2026〕2号"]
        )
        self.assertEqual(set(reserved.mapped("state")), {"reserved"})
        # Only the office reserves.
        with self.assertRaises(UserError):
            self.new_code.with_user(self.bgs_liu).action_reserve(1, year=2026)
        # The next number skips the reserved ones.
        doc = self._draft()
        self._assign(doc, year=2026)
        self.assertEqual(doc.doc_number, "江统测〔2026〕3号")
        # A reserved number is used later.
        doc2 = self._draft()
        self._assign(doc2, year=2026, mode="reuse", number_id=reserved[0].id)
        self.assertEqual(doc2.doc_number, "江统测〔2026〕1号")
        self.assertEqual(reserved[0].state, "used")
        # A cancelled document gives its number back as 断号, which is reused.
        doc.with_user(self.zhk_he).action_cancel()
        released = self.env["oa.document.number"].search(
            [("code_id", "=", self.new_code.id), ("seq", "=", 3)]
        )
        self.assertEqual(released.state, "skipped")
        self.assertFalse(released.document_id)
        doc3 = self._draft()
        self._assign(doc3, year=2026, mode="reuse", number_id=released.id)
        self.assertEqual(doc3.doc_number, "江统测〔2026〕3号")
        # A used number cannot be given to another document.
        with self.assertRaises(UserError):
            self._assign(self._draft(), year=2026, mode="reuse", number_id=released.id)

    def test_manual_number(self):
        doc = self._draft()
        with self.assertRaises(UserError):
            self._assign(
                doc, year=2026, mode="manual", manual_number="江统测〔2026〕第5号"
            )
        with self.assertRaises(UserError):
            self._assign(
                doc, year=2026, mode="manual", manual_number="江统发〔2026〕5号"
            )
        self._assign(doc, year=2026, mode="manual", manual_number="江统测〔2026〕5号")
        self.assertEqual(doc.doc_number, "江统测〔2026〕5号")
        with self.assertRaises(UserError):
            self._assign(
                self._draft(),
                year=2026,
                mode="manual",
                manual_number="江统测〔2026〕5号",
            )
        # The sequence never hands out a number typed by hand.
        taken = [self._assign(self._draft(), year=2026) for _i in range(5)]
        self.assertNotIn("江统测〔2026〕5号", taken)
        self.assertEqual(taken[-1], "江统测〔2026〕6号")

    def test_typed_doc_number_checked(self):
        doc = self._draft()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            doc.with_user(self.bgs_zhang).doc_number = "江统测(2026)7号"
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            doc.with_user(self.bgs_zhang).doc_number = "江统发〔2026〕7号"
        doc.with_user(self.bgs_zhang).doc_number = "江统测〔2026〕7号"
        self.assertEqual(doc.doc_number, "江统测〔2026〕7号")

    def test_only_office_numbers(self):
        doc = self._draft()
        with self.assertRaises(AccessError):
            self._assign(doc, user=self.zhk_xu, year=2026)
        self.assertFalse(doc.doc_number)
