# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Chinese full-text search: bigram tokens, phrase queries, attachments, rules."""

import importlib.util
import io
import json

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.oa_document.tools.full_text import (
    INDEX_NAME,
    make_search_tokens,
    make_tsquery,
)


@tagged("post_install", "-at_install")
class TestSearch(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.office = new_test_user(
            cls.env, login="search_office", groups="oa_base.group_oa_office"
        )
        cls.user = new_test_user(
            cls.env, login="search_user", groups="oa_base.group_oa_user"
        )
        Document = cls.env["oa.document"].with_user(cls.office)
        cls.Document = Document
        cls.inspection = Document.create(
            {
                "doc_type": "incoming",
                "name": "关于开展2026年度统计执法检查的通知",
                "sender_org": "省统计局",
                "sender_number": "苏统发〔2026〕21号",
                "body": "<p>请于规定时间内报送执法<b>检查</b>自查情况。</p>",
            }
        )
        cls.letter = Document.create(
            {
                "doc_type": "incoming",
                "name": "关于报送统计年报的函",
                "sender_org": "市财政局",
                "body": "<p>Budget Report for the year; please review it.</p>",
            }
        )
        cls.minutes = Document.create(
            {
                "doc_type": "memo",
                "name": "办公会议纪要",
                "body": "<p>会议讨论了公文处理办法的修订。</p>",
            }
        )
        attachment = cls.env["ir.attachment"].create(
            {
                "name": "方案.txt",
                "mimetype": "text/plain",
                "raw": "附件：安全生产大检查工作方案\n第一条 总则".encode(),
            }
        )
        cls.forwarded = Document.create(
            {
                "doc_type": "incoming",
                "name": "转发上级文件",
                "attachment_ids": [(6, 0, attachment.ids)],
            }
        )
        cls.ours = cls.inspection | cls.letter | cls.minutes | cls.forwarded

    def find(self, query, user=None, operator="ilike"):
        """Our documents that the full-text search finds for ``query``."""
        Document = self.env["oa.document"].with_user(user or self.office)
        return Document.search(
            [("id", "in", self.ours.ids), ("full_text", operator, query)]
        )

    # ------------------------------------------------------------
    # Tokens and queries
    # ------------------------------------------------------------

    def test_tokens(self):
        self.assertEqual(make_search_tokens(["公文处理，函"]), "公文 文处 处理 函 理")
        self.assertEqual(
            make_search_tokens(["ＡＢＣ 12号：Report"]), "abc 12 号 report"
        )
        self.assertEqual(make_tsquery("公文处理"), "('公文' <-> '文处' <-> '处理')")
        self.assertEqual(make_tsquery("通知 Budg"), "('通知') & ('budg':*)")
        self.assertEqual(make_tsquery("2026年"), "('2026' <-> '年':*)")
        self.assertEqual(make_tsquery("〔2026〕"), "('2026':*)")
        self.assertEqual(make_tsquery("年2026"), "('2026':* & '年':*)")
        self.assertEqual(make_tsquery("函"), "('函':*)")
        self.assertEqual(make_tsquery("a年b"), "('a' <-> '年' <-> 'b':*)")
        self.assertEqual(make_tsquery("，。"), "")

    def test_tokens_stay_within_tsvector_limits(self):
        # A huge attachment: many distinct bigrams, far more than 16 383 tokens.
        text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(400_000))
        tokens = make_search_tokens([text])
        self.env.cr.execute(SQL("SELECT length(to_tsvector('simple', %s))", tokens))
        self.assertGreater(self.env.cr.fetchone()[0], 10_000)

    def test_search_tokens_stored(self):
        self.assertIn("执法", self.inspection.sudo().search_tokens)
        self.assertIn("安全", self.forwarded.sudo().search_tokens)

    # ------------------------------------------------------------
    # Chinese queries
    # ------------------------------------------------------------

    def test_two_character_queries(self):
        self.assertEqual(self.find("执法"), self.inspection)
        self.assertEqual(self.find("通知"), self.inspection)
        self.assertEqual(self.find("公文"), self.minutes)
        self.assertEqual(self.find("统计"), self.inspection | self.letter)
        self.assertFalse(self.find("批复"))

    def test_one_character_query(self):
        self.assertEqual(self.find("函"), self.letter)
        self.assertEqual(self.find("纪"), self.minutes)

    def test_phrase_queries(self):
        self.assertEqual(self.find("公文处理办法"), self.minutes)
        self.assertFalse(self.find("办法处理"), "bigrams must follow each other")
        self.assertEqual(self.find("2026年度"), self.inspection)
        self.assertEqual(self.find("苏统发〔2026〕21号"), self.inspection)
        self.assertEqual(self.find("〔2026〕21"), self.inspection)
        self.assertEqual(self.find("执法检查"), self.inspection, "title and body")
        self.assertEqual(self.find("报送执法检查"), self.inspection, "html tags")
        self.assertEqual(self.find("省统计局"), self.inspection)

    def test_several_words_are_and_ed(self):
        self.assertEqual(self.find("统计 执法"), self.inspection)
        self.assertEqual(self.find("统计 年报"), self.letter)
        self.assertFalse(self.find("执法 年报"))

    def test_negative_operator(self):
        self.assertEqual(
            self.find("统计", operator="not ilike"), self.minutes | self.forwarded
        )

    def test_latin_words(self):
        self.assertEqual(self.find("budget"), self.letter)
        self.assertEqual(self.find("BUDG"), self.letter, "prefix, any case")
        self.assertEqual(self.find("budget review"), self.letter)
        self.assertFalse(self.find("budget 执法"))

    def test_text_attachment(self):
        self.assertEqual(self.find("安全生产"), self.forwarded)
        self.assertEqual(self.find("检查工作方案"), self.forwarded)
        self.assertEqual(self.find("检查"), self.inspection | self.forwarded)

    def test_pdf_attachment(self):
        """With attachment_indexation and pdfminer.six, PDF text is found."""
        if not importlib.util.find_spec("pdfminer"):
            self.skipTest("pdfminer.six is not installed")
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer)
        pdf.setFont("STSong-Light", 14)
        pdf.drawString(72, 720, "关于加强危险化学品监督检查的实施方案")
        pdf.save()
        attachment = self.env["ir.attachment"].create(
            {
                "name": "实施方案.pdf",
                "mimetype": "application/pdf",
                "raw": buffer.getvalue(),
            }
        )
        self.letter.write({"attachment_ids": [(4, attachment.id)]})
        self.assertEqual(self.find("危险化学品"), self.letter)

    def test_attachment_added_later(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "补充.txt",
                "mimetype": "text/plain",
                "raw": "关于防汛抗旱工作的补充说明".encode(),
            }
        )
        self.assertFalse(self.find("防汛"))
        self.letter.write({"attachment_ids": [(4, attachment.id)]})
        self.assertEqual(self.find("防汛抗旱"), self.letter)
        # The file changes: the office refreshes the tokens.
        attachment.raw = "关于森林防火工作的补充说明".encode()
        self.letter._refresh_search_tokens()
        self.assertEqual(self.find("森林防火"), self.letter)
        self.assertFalse(self.find("防汛"))

    def test_edit_updates_tokens(self):
        self.minutes.sudo().name = "关于防汛工作的会议纪要"
        self.assertEqual(self.find("防汛"), self.minutes)

    # ------------------------------------------------------------
    # Access, queries, plan
    # ------------------------------------------------------------

    def test_record_rules_apply(self):
        own = (
            self.env["oa.document"]
            .with_user(self.user)
            .create({"doc_type": "memo", "name": "执法情况的报告"})
        )
        self.ours |= own
        self.assertEqual(self.find("执法", user=self.user), own)
        self.assertEqual(self.find("执法", user=self.office), own | self.inspection)

    def test_query_count_does_not_grow(self):
        Document = self.env["oa.document"]
        domain = [("full_text", "ilike", "防汛抗旱")]
        counts = []
        for size in (10, 100):
            Document.create(
                [
                    {"doc_type": "memo", "name": f"防汛抗旱工作通知 {i}"}
                    for i in range(size)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            Document.with_user(self.office).search(domain)  # warm the rule caches
            with self.assertQueryCount(1):
                found = Document.with_user(self.office).search(domain)
            counts.append(len(found))
        self.assertEqual(counts, [10, 110])

    def test_tokens_built_in_batch(self):
        Document = self.env["oa.document"]
        attachment = self.env["ir.attachment"].create(
            {"name": "a.txt", "mimetype": "text/plain", "raw": "附件正文".encode()}
        )
        queries = []
        for size in (10, 100):
            docs = Document.create(
                [
                    {
                        "doc_type": "memo",
                        "name": f"批量 {i}",
                        "body": "<p>正文</p>",
                        "attachment_ids": [(6, 0, attachment.ids)],
                    }
                    for i in range(size)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            docs._refresh_search_tokens()
            queries.append(self.env.cr.sql_log_count - start)
            self.assertIn("附件", docs[-1].sudo().search_tokens)
        self.assertEqual(queries[0], queries[1], "no query per document")

    def test_plan_uses_gin_index(self):
        query = self.env["oa.document"]._search([("full_text", "ilike", "执法检查")])
        cr = self.env.cr
        self.env.flush_all()
        # Few rows here: make every scan that ignores the search index costly
        # (a GIN index only serves bitmap scans).
        cr.execute(SQL("SET enable_seqscan = off"))
        cr.execute(SQL("SET enable_indexscan = off"))
        try:
            cr.execute(SQL("EXPLAIN (FORMAT JSON) %s", query.select()))
            plan = json.dumps(cr.fetchone()[0])
        finally:
            cr.execute(SQL("RESET enable_seqscan"))
            cr.execute(SQL("RESET enable_indexscan"))
        self.assertIn(INDEX_NAME, plan)

    def test_search_check(self):
        check = self.env["oa.document.search.check"].with_user(self.office).create({})
        self.assertTrue(check.search_index)
        self.assertTrue(check.lc_ctype)
        self.assertIn(check.state, ("ok", "warning"))
        self.assertTrue(check.diagnosis)
