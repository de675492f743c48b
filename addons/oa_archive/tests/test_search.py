# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Chinese full-text search over the catalogue and the text of the files."""

import base64
import json

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.oa_archive.models.oa_archive_item_search import INDEX_NAME


def _file(role, name, text):
    """``oa.archive.file`` values of a UTF-8 text file. Items filed here have
    their handling sheet already (role ``sheet``): filing does not render one."""
    return {
        "role": role,
        "name": name,
        "file_name": f"{name}.txt",
        "file": base64.b64encode(text.encode()),
    }


@tagged("post_install", "-at_install")
class TestArchiveSearch(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.archivist = new_test_user(
            cls.env, login="search_archivist", groups="oa_archive.group_oa_archivist"
        )
        cls.clerk = new_test_user(
            cls.env, login="search_clerk", groups="oa_base.group_oa_clerk"
        )
        cls.user = new_test_user(
            cls.env, login="search_user", groups="oa_base.group_oa_user"
        )
        cls.fonds = cls.env["oa.archive.fonds"].create(
            {"name": "检索测试全宗", "code": "S901"}
        )
        cls.org = cls.env["oa.archive.org"].create({"name": "检索科", "code": "SSK"})
        Item = cls.env["oa.archive.item"].with_user(cls.clerk)
        common = {
            "fonds_id": cls.fonds.id,
            "org_id": cls.org.id,
            "year": 2026,
            "retention": "D30",
            "date": fields.Date.to_date("2026-03-02"),
        }
        cls.inspection = Item.create(
            dict(
                common,
                name="关于开展2026年度统计执法检查的通知",
                doc_number="苏统发〔2026〕21号",
                author="省统计局",
                keywords="执法 检查",
                file_ids=[
                    (0, 0, _file("main", "通知正文", "请于规定时间内报送自查情况。")),
                    (
                        0,
                        0,
                        _file("attachment", "附件", "附件：安全生产大检查工作方案"),
                    ),
                    (0, 0, _file("sheet", "处理单", "文件处理单")),
                ],
            )
        )
        cls.letter = Item.create(
            dict(
                common,
                name="关于报送统计年报的函",
                author="市财政局",
                note="Budget review pending",
                file_ids=[
                    (0, 0, _file("main", "函", "请按时报送年报。")),
                    (0, 0, _file("sheet", "处理单", "文件处理单")),
                ],
            )
        )
        cls.minutes = Item.create(
            dict(
                common,
                name="办公会议纪要",
                author="江澄市统计局",
                file_ids=[
                    (0, 0, _file("main", "纪要", "会议讨论了档案管理办法的修订。"))
                ],
            )
        )
        cls.ours = cls.inspection | cls.letter | cls.minutes

    def find(self, query, user=None, operator="ilike"):
        """Our items that the full-text search finds for ``query``."""
        Item = self.env["oa.archive.item"].with_user(user or self.archivist)
        return Item.search(
            [("id", "in", self.ours.ids), ("full_text", operator, query)]
        )

    # ------------------------------------------------------------
    # What is searched
    # ------------------------------------------------------------

    def test_catalogue_entry(self):
        self.assertEqual(self.find("执法"), self.inspection, "title")
        self.assertEqual(self.find("统计"), self.ours, "title and author")
        self.assertEqual(self.find("苏统发〔2026〕21号"), self.inspection, "文号")
        self.assertEqual(self.find("财政局"), self.letter, "责任者")
        self.assertEqual(self.find("budget REV"), self.letter, "remarks, Latin prefix")
        self.assertEqual(self.find("函"), self.letter, "one character")
        self.assertFalse(self.find("检查执法"), "bigrams must follow each other")

    def test_file_text(self):
        self.assertEqual(self.find("安全生产"), self.inspection, "an attachment")
        self.assertEqual(self.find("检查工作方案"), self.inspection)
        self.assertEqual(self.find("档案管理办法"), self.minutes, "the main text")
        self.assertEqual(self.find("年报"), self.letter, "title and main text")
        self.assertEqual(self.find("会议 修订"), self.minutes, "words are and-ed")
        self.assertFalse(self.find("会议 年报"))

    def test_negative_and_bad_operators(self):
        self.assertEqual(
            self.find("统计执法", operator="not ilike"), self.letter | self.minutes
        )
        self.assertEqual(self.find(""), self.ours, "an empty query finds all")
        self.assertFalse(self.find("，。"), "punctuation only finds nothing")
        with self.assertRaises(UserError):
            self.find("执法", operator="in")

    def test_files_change_before_filing(self):
        """Tokens follow the files while the item waits to be filed."""
        self.assertFalse(self.find("防汛"))
        self.letter.with_user(self.clerk).write(
            {"file_ids": [(0, 0, _file("attachment", "补充", "关于防汛抗旱的说明"))]}
        )
        self.assertEqual(self.find("防汛抗旱"), self.letter)
        extra = self.letter.file_ids.filtered(lambda f: f.role == "attachment")
        extra.with_user(self.clerk).file = base64.b64encode(
            "关于森林防火的说明".encode()
        )
        self.assertEqual(self.find("森林防火"), self.letter)
        self.assertFalse(self.find("防汛"), "the replaced text is gone")
        extra.with_user(self.clerk).unlink()
        self.assertFalse(self.find("森林防火"), "the removed file is gone")

    def test_filed_item_found_by_archival_code(self):
        self.inspection.with_user(self.clerk).action_file()
        code = self.inspection.archival_code
        self.assertTrue(code.startswith("S901-WS·2026-D30-SSK-"), code)
        self.assertEqual(self.find(code), self.inspection)
        self.assertEqual(self.find("SSK"), self.inspection)
        # The files are sealed, their text still found.
        self.assertEqual(self.find("安全生产"), self.inspection)
        self.env.invalidate_all()
        self.assertEqual(
            self.find(code, user=self.clerk), self.inspection, "the clerk filed it"
        )

    # ------------------------------------------------------------
    # Access
    # ------------------------------------------------------------

    def test_record_rules_apply(self):
        self.assertFalse(self.find("统计", user=self.user), "not lent to them")
        other_clerk = new_test_user(
            self.env, login="search_clerk2", groups="oa_base.group_oa_clerk"
        )
        self.inspection.with_user(self.clerk).action_file()
        self.env.invalidate_all()
        self.assertEqual(
            self.find("统计", user=other_clerk),
            self.letter | self.minutes,
            "another clerk sees the filing queue, not what someone else filed",
        )
        self.assertEqual(self.find("统计", user=self.archivist), self.ours)

    def test_search_view_offers_full_text(self):
        arch = (
            self.env["oa.archive.item"]
            .with_user(self.clerk)
            .get_views([(False, "search")])["views"]["search"]["arch"]
        )
        self.assertIn('name="full_text"', arch)

    # ------------------------------------------------------------
    # Speed
    # ------------------------------------------------------------

    def test_query_count_does_not_grow(self):
        Item = self.env["oa.archive.item"].with_user(self.clerk)
        domain = [("fonds_id", "=", self.fonds.id), ("full_text", "ilike", "防汛抗旱")]
        counts = []
        for size in (10, 100):
            Item.create(
                [
                    {
                        "name": f"防汛抗旱工作通知 {i}",
                        "fonds_id": self.fonds.id,
                        "year": 2026,
                    }
                    for i in range(size)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            Item.with_user(self.archivist).search(domain)  # warm the rule caches
            with self.assertQueryCount(1):
                found = Item.with_user(self.archivist).search(domain)
            counts.append(len(found))
        self.assertEqual(counts, [10, 110])

    def test_tokens_built_in_batch(self):
        Item = self.env["oa.archive.item"]
        queries = []
        for size in (10, 50):
            items = Item.create(
                [
                    {
                        "name": f"批量 {i}",
                        "fonds_id": self.fonds.id,
                        "year": 2026,
                        "file_ids": [
                            (0, 0, _file("main", "正文", "正文内容")),
                            (0, 0, _file("attachment", "附件", "附件内容")),
                        ],
                    }
                    for i in range(size)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            self.env.add_to_compute(Item._fields["search_tokens"], items)
            items.flush_recordset(["search_tokens"])
            queries.append(self.env.cr.sql_log_count - start)
            self.assertIn("附件", items[-1].sudo().search_tokens)
            self.assertIn("内容", items[-1].sudo().search_tokens)
        self.assertEqual(queries[0], queries[1], "no query per item")

    def test_plan_uses_gin_index(self):
        query = self.env["oa.archive.item"]._search(
            [("full_text", "ilike", "执法检查")]
        )
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(SQL("SET enable_seqscan = off"))
        cr.execute(SQL("SET enable_indexscan = off"))
        try:
            cr.execute(SQL("EXPLAIN (FORMAT JSON) %s", query.select()))
            plan = json.dumps(cr.fetchone()[0])
        finally:
            cr.execute(SQL("RESET enable_seqscan"))
            cr.execute(SQL("RESET enable_indexscan"))
        self.assertIn(INDEX_NAME, plan)

    def test_open_catalogue(self):
        """The open catalogue searches the same index: filed, open items."""
        self.inspection.secrecy = "secret"
        (self.inspection | self.letter).with_user(self.clerk).action_file()
        Catalogue = self.env["oa.archive.catalogue"].with_user(self.user)
        self.env.invalidate_all()
        found = Catalogue.search(
            [("fonds_id", "=", self.fonds.id), ("full_text", "ilike", "统计")]
        )
        self.assertEqual(found.ids, self.letter.ids, "filed and not classified")
        found = Catalogue.search(
            [("fonds_id", "=", self.fonds.id), ("full_text", "ilike", "按时报送")]
        )
        self.assertEqual(found.ids, self.letter.ids, "the text of its main file")
