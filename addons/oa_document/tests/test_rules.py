# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""行文规则 (条例 第四章) and format rules (GB/T 9704-2012): good and bad cases."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OaDocumentCase


@tagged("post_install", "-at_install")
class TestRules(OaDocumentCase):
    def _doc(self, **vals):
        values = {
            "doc_type": "outgoing",
            "name": "江澄市统计局关于申请统计调查经费的请示",
            "kind_id": self.kind_request.id,
            "code_id": self.code.id,
            "main_to": "江澄市人民政府：",
            "main_to_unit_ids": [(6, 0, self.unit_city.ids)],
            "signer_id": self.juzhang.id,
            "body": "<p>为做好2026年统计调查工作，特申请专项经费50万元。"
            "妥否，请批示。</p>",
            "cc": "省统计局。",
            "cc_unit_ids": [(6, 0, self.unit_province.ids)],
            "attachment_note": "1.经费测算表\n2.调查方案",
            "date_written": "2026-07-01",
        }
        values.update(vals)
        return self.Document.with_user(self.zhk_he).create(values)

    def test_good_request_has_no_problem(self):
        doc = self._doc(doc_number="江统发〔2026〕30号")
        self.assertEqual(doc._get_rule_problems(), [])
        self.assertFalse(doc.rule_problems)

    def assertProblem(self, doc, needle):
        problems = doc._get_rule_problems()
        self.assertTrue(
            any(needle in p for p in problems), f"{needle!r} not in {problems}"
        )

    def test_request_rules(self):
        # One main recipient.
        doc = self._doc(
            main_to="江澄市人民政府，省统计局：",
            main_to_unit_ids=[(6, 0, (self.unit_city | self.unit_province).ids)],
        )
        self.assertProblem(doc, "one main recipient")
        # A signer.
        self.assertProblem(self._doc(signer_id=False), "signer")
        # No lower unit copied.
        doc = self._doc(
            cc="省统计局，各镇人民政府、街道办事处统计站。",
            cc_unit_ids=[(6, 0, (self.unit_province | self.unit_towns).ids)],
        )
        self.assertProblem(doc, "lower units")
        # One matter.
        self.assertProblem(
            self._doc(body="<p>申请经费。另请示增加编制事宜。</p>"), "one matter"
        )
        # Not to a leader in person.
        self.assertProblem(self._doc(main_to="市政府张市长："), "leaders")

    def test_report_carries_no_request(self):
        doc = self._doc(
            name="江澄市统计局关于上半年统计工作情况的报告",
            kind_id=self.kind_report.id,
        )
        self.assertProblem(doc, "report carries no request")
        doc.body = "<p>上半年统计工作总体平稳。特此报告。</p>"
        self.assertEqual(doc._get_rule_problems(), [])

    def test_format_rules(self):
        self.assertProblem(self._doc(cc="省统计局"), "。")
        self.assertProblem(self._doc(main_to="江澄市人民政府"), "colon")
        self.assertProblem(self._doc(attachment_note="经费测算表。"), "punctuation")
        self.assertProblem(
            self._doc(attachment_note="经费测算表\n调查方案"), "numbered"
        )
        self.assertProblem(self._doc(name="关于申请统计调查经费"), "end with the kind")
        self.assertProblem(
            self._doc(date_written="2027-01-05", doc_number="江统发〔2026〕31号"),
            "year of the number",
        )
        self.assertProblem(self._doc(kind_id=False), "kind")
        self.assertEqual(
            self.Document._format_date_cn(self._doc().date_written), "2026年7月1日"
        )

    def test_bad_number_listed(self):
        doc = self._doc()
        # Bypass the constraint to see how the checker reports a bad number.
        self.env.cr.execute(
            "UPDATE oa_document SET doc_number = %s WHERE id = %s",
            ["江统发〔2026〕第30号", doc.id],
        )
        doc.invalidate_recordset()
        self.assertProblem(doc, "第")

    def test_check_refuses_with_the_list(self):
        doc = self._doc(cc="省统计局", signer_id=False)
        with self.assertRaises(UserError) as err:
            doc._check_rules("sign_off")
        message = str(err.exception)
        self.assertIn("signer", message)
        self.assertIn("。", message)
        action = doc.action_check_rules()
        self.assertEqual(action["params"]["type"], "warning")
