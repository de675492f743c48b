# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""信息报送: a unit submits → the office returns, rejects or adopts at a level
(points) → adopted items go on the board or into a numbered bulletin issue →
submissions, adoptions, adoption rate and points by unit and period."""

import io
import shutil
import subprocess
import tempfile
from datetime import date, datetime

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import OaNoticeCase


def pdf_text(content):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf.name, "-"],
            capture_output=True,
            check=True,
        ).stdout.decode()


@tagged("post_install", "-at_install")
class TestInformation(OaNoticeCase):
    def test_submit_return_resubmit_adopt(self):
        item = self.submit_item()
        self.assertEqual(item.state, "review")
        self.assertTrue(item.number.startswith("XX"))
        self.assertEqual(item.department_id, self.dept_industry)
        self.assertTrue(item.date_submitted)
        # The office has the 待办; the unit's staff cannot review their own item.
        self.pending_item(item, self.bgs_zhang)
        with self.assertRaises(UserError):
            self.review_item(item, "adopt", level=self.level_city, user=self.gjk_lin)
        with self.assertRaises(UserError):
            item.with_user(self.gjk_lin).write({"level_id": self.level_city.id})
        # 退回 needs a reason; with it the item goes back to the unit.
        with self.assertRaises(UserError):
            self.review_item(item, "return", opinion=" ")
        self.assertEqual(item.state, "review", "nothing lost on a refused action")
        self.review_item(item, "return", opinion="请补充高技术制造业数据。")
        self.assertEqual(item.state, "returned")
        self.assertEqual(item.review_opinion, "请补充高技术制造业数据。")
        self.assertEqual(item.reviewer_id, self.bgs_zhang)
        self.assertTrue(
            item.activity_ids.filtered(lambda a: a.user_id == self.gjk_lin),
            "the unit is asked to revise",
        )
        notified = item.message_ids.filtered(
            lambda m: self.gjk_lin.partner_id in m.partner_ids
        )
        self.assertTrue(notified, "the submitter is told the outcome")
        # The unit revises and resubmits: same number, same submission date.
        number, submitted = item.number, item.date_submitted
        item.with_user(self.gjk_lin).write(
            {"body": "<p>其中高技术制造业增加值增长12.5%。</p>"}
        )
        item.with_user(self.gjk_lin).action_submit()
        self.assertEqual((item.number, item.date_submitted), (number, submitted))
        # Adopting needs a level.
        with self.assertRaises(UserError):
            self.review_item(item, "adopt")
        self.review_item(item, "adopt", level=self.level_city, opinion="报市委办。")
        self.assertEqual(item.state, "adopted")
        self.assertEqual(item.level_id, self.level_city)
        self.assertEqual(item.points, 3)
        self.assertTrue(item.date_adopted)
        self.assertEqual(item.review_opinion, "报市委办。")
        # Points: manual extra points by the office; the level's points are a
        # snapshot, a later change of the configuration does not rewrite them.
        item.with_user(self.bgs_zhang).write({"extra_points": 2})
        self.assertEqual(item.points, 5)
        self.level_city.points = 10
        item.invalidate_recordset()
        self.assertEqual(item.points, 5)
        # Adopted later at a higher level: its points follow.
        item.with_user(self.bgs_zhang).write({"level_id": self.level_province.id})
        self.assertEqual(item.points, 7)
        # The unit cannot change an adopted item; a colleague reads it.
        with self.assertRaises(AccessError):
            item.with_user(self.gjk_lin).write({"name": "改"})
        item.with_user(self.gjk_huang).read(["name"])
        with self.assertRaises(AccessError):
            item.with_user(self.skk_zhu).read(["name"])

    def test_reject_and_withdraw(self):
        item = self.submit_item(author=self.skk_zhu, name="科室开展业务学习")
        with self.assertRaises(UserError):
            self.review_item(item, "reject", opinion="")
        self.review_item(item, "reject", opinion="信息价值不高，不予采用。")
        self.assertEqual(item.state, "rejected")
        self.assertEqual(item.points, 0)
        with self.assertRaises(UserError):
            item.with_user(self.skk_zhu).action_submit()
        draft = self.Item.with_user(self.skk_zhu).create(
            {"name": "草稿", "body": "<p>草稿</p>"}
        )
        draft.action_cancel()
        self.assertEqual(draft.state, "cancelled")
        draft.action_reset_draft()
        draft.unlink()
        # A submitted item is never deleted.
        with self.assertRaises(UserError):
            item.with_user(self.bgs_zhang).unlink()
        # The submitter retracts before the office acts.
        other = self.submit_item(author=self.skk_zhu, name="撤回的信息")
        other.action_oa_retract()
        other.invalidate_recordset()
        self.assertEqual(other.state, "draft")

    def test_bulletin_issue_and_board(self):
        items = self.Item
        for author, level in (
            (self.gjk_lin, self.level_city),
            (self.skk_zhu, self.level_province),
            (self.zhk_he, self.level_bureau),
        ):
            item = self.submit_item(author=author, name=f"{author.name}报送的信息")
            items |= self.review_item(item, "adopt", level=level, opinion="采用。")
        pending = self.submit_item(name="待审核的信息")
        Bulletin = self.env["oa.info.bulletin"]
        # Staff cannot compile a bulletin.
        with self.assertRaises(AccessError):
            Bulletin.with_user(self.gjk_lin).create({"name": "统计信息"})
        bulletin = Bulletin.with_user(self.bgs_zhang).create({"name": "统计信息"})
        with self.assertRaises(UserError):
            bulletin.action_issue()  # no item
        with self.assertRaises(UserError):
            bulletin.write({"item_ids": [(4, pending.id)]})
        bulletin.write({"item_ids": [(6, 0, items[:2].ids)]})
        # Only the office issues; a draft bulletin is the office's.
        self.assertFalse(
            Bulletin.with_user(self.gjk_lin).search([("id", "=", bulletin.id)])
        )
        bulletin.action_issue()
        self.assertEqual(bulletin.state, "issued")
        self.assertTrue(bulletin.issue_no and bulletin.total_no)
        self.assertEqual(bulletin.year, bulletin.date_issue.year)
        self.assertIn(str(bulletin.issue_no), bulletin.number)
        with self.assertRaises(UserError):
            bulletin.action_issue()
        with self.assertRaises(UserError):
            items[0].with_user(self.bgs_zhang).write({"bulletin_id": False})
        # The next issue gets the next numbers.
        second = Bulletin.with_user(self.bgs_zhang).create({"name": "统计信息"})
        second.action_add_adopted()
        self.assertIn(items[2], second.item_ids)
        self.assertFalse(
            second.item_ids & items[:2], "issued items stay where they are"
        )
        second.action_issue()
        self.assertEqual(
            (second.issue_no, second.total_no),
            (bulletin.issue_no + 1, bulletin.total_no + 1),
        )
        # Everyone reads issued bulletins and their items, even other units'.
        as_reader = bulletin.with_user(self.hsk_zheng)
        self.assertEqual(as_reader.item_ids, items[:2])
        as_reader.item_ids.read(["name", "body"])
        # An adopted item goes on the board, to everyone, already reviewed.
        items[2].with_user(self.bgs_zhang).action_publish_to_board()
        notice = items[2].notice_id
        self.assertEqual(notice.state, "published")
        self.assertEqual(notice.category_id, self.category_news)
        self.assertIn(notice, self.Notice.with_user(self.hsk_zheng).search([]))
        with self.assertRaises(UserError):
            items[2].with_user(self.bgs_zhang).action_publish_to_board()
        with self.assertRaises(UserError):
            items[1].with_user(self.gjk_lin).action_publish_to_board()

    def test_bulletin_pdf(self):
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is needed to read the PDF")
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is needed to render the PDF")
        # wkhtmltopdf would fetch assets from this very server, whose request
        # waits for the test's transaction: point it nowhere (own styles).
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        item = self.review_item(
            self.submit_item(name="一季度工业经济运行情况"),
            "adopt",
            level=self.level_city,
            opinion="采用。",
        )
        bulletin = (
            self.env["oa.info.bulletin"]
            .with_user(self.bgs_zhang)
            .create({"name": "统计信息", "item_ids": [(6, 0, item.ids)]})
        )
        bulletin.action_issue()
        report = self.env.ref("oa_notice.action_report_oa_info_bulletin")
        content, kind = report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf(report.report_name, bulletin.ids)
        self.assertEqual(kind, "pdf")
        raw = pdf_text(content)
        # 一, 工, 业 read as ideographs, not as the Kangxi radicals drawn alike.
        self.assertNotRegex(raw, "[\u2e80-\u2fdf]")
        text = "".join(raw.split())
        self.assertIn("统计信息", text)
        self.assertIn("一季度工业经济运行情况", text)
        self.assertIn("工业交通统计科", text)
        # The first print of the issue is kept as its attachment.
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "oa.info.bulletin"), ("res_id", "=", bulletin.id)]
        )
        self.assertEqual(len(attachment), 1)
        self.assertTrue(attachment.raw.startswith(b"%PDF"))

    def test_statistics_by_unit_and_period(self):
        Report = self.env["oa.info.report"]
        base = {
            (r["department_id"][0] if r["department_id"] else False): r
            for r in Report.with_user(self.bgs_zhang).read_group(
                [], ["submitted_count", "adopted_count", "points"], ["department_id"]
            )
        }

        def adopt(author, level, name):
            return self.review_item(
                self.submit_item(author=author, name=name), "adopt", level=level
            )

        adopt(self.gjk_lin, self.level_city, "工业一")
        adopt(self.gjk_luo, self.level_bureau, "工业二")
        self.review_item(
            self.submit_item(author=self.gjk_lin, name="工业三"), "reject", opinion="否"
        )
        self.submit_item(author=self.gjk_lin, name="工业四")  # under review
        adopt(self.skk_zhu, self.level_province, "社科一")
        self.env.flush_all()
        groups = {
            r["department_id"][0]: r
            for r in Report.with_user(self.bgs_zhang).read_group(
                [("department_id", "in", (self.dept_industry | self.dept_social).ids)],
                ["submitted_count", "adopted_count", "adoption_rate", "points"],
                ["department_id"],
            )
        }

        def delta(dept, field):
            before = base.get(dept.id, {}).get(field) or 0
            return groups[dept.id][field] - before

        self.assertEqual(delta(self.dept_industry, "submitted_count"), 4)
        self.assertEqual(delta(self.dept_industry, "adopted_count"), 2)
        self.assertEqual(delta(self.dept_industry, "points"), 4)
        self.assertEqual(delta(self.dept_social, "submitted_count"), 1)
        self.assertEqual(delta(self.dept_social, "points"), 5)
        industry = groups[self.dept_industry.id]
        self.assertAlmostEqual(
            industry["adoption_rate"],
            100.0 * industry["adopted_count"] / industry["submitted_count"],
            places=1,
        )
        # By period: this quarter's submissions only.
        old = self.submit_item(author=self.gjk_lin, name="去年的信息")
        old.sudo().date_submitted = datetime(2020, 5, 1, 2, 0)
        self.env.flush_all()
        by_year = Report.with_user(self.bgs_zhang).read_group(
            [("department_id", "=", self.dept_industry.id)],
            ["submitted_count"],
            ["date_submitted:year"],
        )
        years = {r["date_submitted:year"]: r["submitted_count"] for r in by_year}
        self.assertEqual(years.get("2020"), 1)
        # A unit's staff sees their unit's figures only; the office sees all.
        mine = Report.with_user(self.gjk_lin).search([])
        self.assertTrue(mine)
        self.assertEqual(
            mine.department_id | mine.author_id.employee_id.department_id,
            self.dept_industry,
        )
        self.assertIn(
            self.dept_social, Report.with_user(self.bgs_zhang).search([]).department_id
        )
        with self.assertRaises(AccessError):
            Report.with_user(self.aqsj_han).search([])

    def test_statistics_export(self):
        """The 信息报送统计表 of a period, by unit, as a spreadsheet and a PDF."""
        self.review_item(
            self.submit_item(author=self.gjk_lin, name="统计表一"),
            "adopt",
            level=self.level_city,
        )
        self.review_item(
            self.submit_item(author=self.gjk_luo, name="统计表二"),
            "reject",
            opinion="不采用",
        )
        self.review_item(
            self.submit_item(author=self.skk_zhu, name="统计表三"),
            "adopt",
            level=self.level_province,
        )
        today = date.today()
        Export = self.env["oa.info.report.export"]
        wizard = Export.with_user(self.bgs_zhang).create(
            {"date_from": today, "date_to": today, "format": "xlsx"}
        )
        stats = wizard._get_statistics()
        rows = {row["unit"]: row for row in stats["rows"]}
        industry = rows[self.dept_industry.name]
        self.assertEqual((industry["submitted"], industry["adopted"]), (2, 1))
        self.assertEqual(industry["rate"], 50.0)
        self.assertEqual(industry["points"], self.level_city.points)
        levels = self.env["oa.info.level"].search([])
        city = list(levels).index(self.level_city)
        self.assertEqual(industry["levels"][city], 1)
        for key in ("submitted", "adopted", "points"):
            self.assertEqual(
                stats["totals"][key], sum(row[key] for row in stats["rows"]), key
            )
        # The spreadsheet carries the same figures.
        action = wizard.action_export()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.raw)).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        industry_row = next(r for r in values if r[0] == self.dept_industry.name)
        self.assertEqual(industry_row[1:3], [2, 1])
        self.assertEqual(industry_row[-2:], [50.0, self.level_city.points])
        # A unit's staff export their own unit's figures only.
        mine = (
            Export.with_user(self.skk_zhu)
            .create({"date_from": today, "date_to": today})
            ._get_statistics()
        )
        self.assertEqual([row["unit"] for row in mine["rows"]], [self.dept_social.name])
        with self.assertRaises(ValidationError):
            Export.create({"date_from": today, "date_to": date(2000, 1, 1)})
        # The PDF.
        if not shutil.which("pdftotext"):
            return
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            return
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        wizard.format = "pdf"
        content = wizard.with_context(force_report_rendering=True)._render_pdf()
        raw = pdf_text(content)
        self.assertNotRegex(raw, "[\u2e80-\u2fdf]")
        flat = "".join(raw.split())
        self.assertIn(self.dept_industry.name, flat)
        self.assertIn("50.0", flat)
