# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Loans (借阅): requested from the open catalogue, approved on the routing
engine by the borrower's leader and an archivist; electronic loans end by
themselves, physical ones are returned and reminded (催还); the register."""

import io
import re
import zipfile
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_use import ArchiveUseCase


def xlsx_text(content):
    """All the strings of an xlsx file."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        parts = [
            book.read(name).decode()
            for name in book.namelist()
            if name == "xl/sharedStrings.xml" or name.startswith("xl/worksheets/")
        ]
    return "\n".join(re.sub(r"<[^>]+>", "\n", part) for part in parts)


@tagged("post_install", "-at_install")
class TestLoan(ArchiveUseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.item = cls.make_item("江澄市2020年国民经济和社会发展统计公报", 2020, "Y")
        cls.other = cls.make_item("关于2020年统计执法检查情况的通报", 2020, "D30")
        cls.secret = cls.make_item("2020年人口普查汇总资料", 2020, "Y", "secret")
        cls.file = cls.item.file_ids.filtered(lambda f: f.role == "main")

    # ------------------------------------------------------------
    # Electronic loans
    # ------------------------------------------------------------

    def test_electronic_loan_expires(self):
        """何佳 borrows through her 科长 and the archivist, reads the item and
        its file, and loses access at the due time: first when she opens the
        file (before the cron runs), then everywhere once the cron ran."""
        he = self.zhk_he
        Item = self.env["oa.archive.item"]
        with self.assertRaises(AccessError):
            Item.with_user(he).browse(self.item.id).read(["name"])
        # She picks the entry in the catalogue and asks to borrow it.
        action = (
            self.env["oa.archive.catalogue"]
            .with_user(he)
            .browse(self.item.id)
            .action_borrow()
        )
        with Form(self.Loan.with_user(he).with_context(**action["context"])) as form:
            form.purpose = "编写《江澄统计年鉴2026》，查阅2020年统计公报。"
        loan = form.record
        self.assertRegex(loan.name, r"^JY-\d{4}-\d{4}$")
        self.assertEqual(loan.sudo().item_ids, self.item)
        self.assertEqual(loan.catalogue_ids.ids, self.item.ids)
        self.assertEqual(loan.loan_days, 7)
        loan.action_submit()
        self.assertEqual(loan.state, "pending")
        # Her 科长 reads the request (the catalogue entry), not the item.
        leader_item = self.pending_item(loan, self.zhk_xu)
        self.env.invalidate_all()
        as_leader = loan.with_user(self.zhk_xu)
        self.assertEqual(as_leader.catalogue_ids.mapped("name"), [self.item.name])
        with self.assertRaises(AccessError):
            Item.with_user(self.zhk_xu).browse(self.item.id).read(["name"])
        leader_item.action_agree(opinion="同意。")
        self.pending_item(loan, self.da_chen).action_agree(opinion="同意借阅。")
        self.env.invalidate_all()
        self.assertEqual(loan.state, "lent")
        self.assertEqual(loan.lent_by_id, self.da_chen)
        self.assertEqual(loan.date_due, loan.date_start + timedelta(days=7))
        # She reads the item, its handling record and its file.
        self.assertEqual(Item.with_user(he).browse(self.item.id).name, self.item.name)
        self.assertEqual(loan.with_user(he).file_ids, self.item.file_ids)
        file_as_he = self.file.with_user(he)
        self.assertTrue(file_as_he.with_context(bin_size=False).file)
        action = file_as_he.action_open()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(
            f"/web/content/oa.archive.file/{self.file.id}/file/", action["url"]
        )
        opened = self.audit_rows("archive_access", self.file)
        self.assertEqual(len(opened), 1)
        self.assertEqual(opened.user_id, he)
        self.assertIn(self.item.archival_code, opened.description)
        self.assertEqual(len(self.audit_rows("archive_loan", loan)), 2)
        # Due a minute ago, the cron has not run yet: the file no longer opens.
        loan.sudo().date_due = fields.Datetime.now() - timedelta(minutes=1)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.file.with_user(he).action_open()
        self.assertEqual(len(self.audit_rows("archive_access", self.file)), 1)
        # The cron ends the loan; the item and its file are closed to her.
        expired = self.Loan._cron_expire()
        self.assertIn(loan, expired)
        self.env.invalidate_all()
        self.assertEqual(loan.state, "expired")
        with self.assertRaises(AccessError):
            Item.with_user(he).browse(self.item.id).read(["name"])
        with self.assertRaises(AccessError):
            self.file.with_user(he).read(["name"])
        self.assertFalse(loan.with_user(he).file_ids)
        self.assertEqual(len(self.audit_rows("archive_loan", loan)), 3)

    def test_lending_triggers_expiry_at_due_time(self):
        loan = self.lend(self.request_loan(self.item, loan_days=3))
        cron = self.env.ref("oa_archive.ir_cron_oa_archive_loan_expire")
        triggers = self.env["ir.cron.trigger"].search(
            [("cron_id", "=", cron.id), ("call_at", "=", loan.date_due)]
        )
        self.assertEqual(len(triggers), 1)
        self.assertEqual(loan.date_due - loan.date_start, timedelta(days=3))

    def test_other_users_refused(self):
        """Only the borrower reads what was lent: not a colleague, not the
        items that were not lent to her."""
        loan = self.lend(self.request_loan(self.item))
        gao = self.zhk_gao
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.env["oa.archive.item"].with_user(gao).browse(self.item.id).read(
                ["name"]
            )
        with self.assertRaises(AccessError):
            self.file.with_user(gao).action_open()
        with self.assertRaises(AccessError):
            loan.with_user(gao).read(["name"])
        with self.assertRaises(AccessError):
            self.env["oa.archive.item"].with_user(self.zhk_he).browse(
                self.other.id
            ).read(["name"])
        with self.assertRaises(AccessError):
            self.other.file_ids[:1].with_user(self.zhk_he).action_open()
        # She cannot end someone else's loan, nor take over the approval.
        other_loan = self.lend(self.request_loan(self.other, borrower=self.zhk_gao))
        with self.assertRaises(UserError):
            other_loan.with_user(self.zhk_he).action_return()
        self.assertEqual(other_loan.state, "lent")
        # The borrower ends her electronic loan early.
        loan.with_user(self.zhk_he).action_return()
        self.assertEqual(loan.state, "returned")

    def test_refused_and_withdrawn(self):
        refused = self.request_loan(self.item)
        refused.action_submit()
        self.pending_item(refused, self.zhk_xu).action_disagree(opinion="无必要。")
        self.env.invalidate_all()
        self.assertEqual(refused.state, "refused")
        with self.assertRaises(AccessError):
            self.env["oa.archive.item"].with_user(self.zhk_he).browse(
                self.item.id
            ).read(["name"])
        self.assertEqual(len(self.audit_rows("archive_loan", refused)), 2)

        withdrawn = self.request_loan(self.item)
        withdrawn.action_submit()
        withdrawn.action_withdraw()
        self.assertEqual(withdrawn.state, "draft")
        self.assertEqual(withdrawn.sudo().oa_flow_id.state, "cancelled")
        withdrawn.purpose = "改为查阅2020年公报中的人口数据。"
        withdrawn.action_submit()
        self.assertEqual(withdrawn.state, "pending")

    def test_submit_problems(self):
        """Bad requests are refused with every problem listed, and stay draft."""
        loan = self.request_loan(
            self.item,
            loan_type="physical",
            date_due=fields.Datetime.now() - timedelta(days=1),
        )
        # She cannot pick items directly (a classified one, say) …
        with self.assertRaises(AccessError):
            loan.item_ids = [(4, self.secret.id)]
        # … and a classified item put on her request is refused at submission.
        loan.sudo().item_ids = [(4, self.secret.id)]
        with self.assertRaises(UserError) as caught:
            loan.action_submit()
        message = str(caught.exception)
        self.assertIn(self.secret.archival_code, message)
        self.assertEqual(message.count("\n"), 2, message)
        self.assertEqual(loan.state, "draft")
        self.assertFalse(loan.sudo().oa_flow_id)
        # The archivist may lend it (classified items are lent by archivists).
        archivist_loan = self.Loan.with_user(self.da_chen).create(
            {
                "borrower_id": self.zhk_he.id,
                "item_ids": [(6, 0, self.secret.ids)],
                "purpose": "人口普查数据核对。",
            }
        )
        self.assertFalse(archivist_loan.catalogue_ids)
        archivist_loan.action_submit()
        self.assertEqual(archivist_loan.state, "pending")
        # Nothing to borrow, no purpose.
        with self.assertRaises(UserError):
            self.Loan.with_user(self.zhk_he).create({"purpose": " "}).action_submit()

    # ------------------------------------------------------------
    # Physical loans
    # ------------------------------------------------------------

    def test_physical_overdue_reminded_once_a_day(self):
        due = fields.Datetime.now() + timedelta(days=5)
        loan = self.lend(
            self.request_loan(self.item, loan_type="physical", date_due=due)
        )
        self.assertEqual(loan.state, "lent")
        self.assertEqual(loan.date_due, due)
        electronic = self.lend(self.request_loan(self.other))
        mine = loan | electronic
        self.assertFalse(self.Loan._cron_remind_overdue() & mine)
        # Overdue: listed by the filter, reminded once however often the cron runs.
        (loan | electronic).sudo().date_due = fields.Datetime.now() - timedelta(days=1)
        overdue = self.Loan.with_user(self.da_chen).search(
            [("is_overdue", "=", True), ("id", "in", (loan | electronic).ids)]
        )
        self.assertEqual(overdue, loan | electronic)
        activity_type = self.env.ref("oa_archive.mail_activity_type_loan_return")

        def reminders():
            return loan.message_ids.filtered(
                lambda m: self.zhk_he.partner_id in m.partner_ids
                and m.message_type == "comment"
            )

        before = len(reminders())
        self.assertEqual(self.Loan._cron_remind_overdue() & mine, loan)
        self.assertFalse(self.Loan._cron_remind_overdue() & mine)
        self.env.invalidate_all()
        self.assertEqual(loan.reminder_count, 1)
        self.assertEqual(len(reminders()), before + 1)
        activities = loan.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertEqual(activities.user_id, self.zhk_he)
        # The archivist cannot remind again the same day either.
        with self.assertRaises(UserError):
            loan.with_user(self.da_chen).action_remind()
        # Next day: one more reminder, still one to-do.
        loan.sudo().date_last_reminder = fields.Date.today() - timedelta(days=1)
        self.assertEqual(self.Loan._cron_remind_overdue() & mine, loan)
        self.env.invalidate_all()
        self.assertEqual(loan.reminder_count, 2)
        self.assertEqual(len(reminders()), before + 2)
        self.assertEqual(
            len(
                loan.activity_ids.filtered(
                    lambda a: a.activity_type_id == activity_type
                )
            ),
            1,
        )
        # The borrower cannot record the return of paper items; the archivist does.
        with self.assertRaises(UserError):
            loan.with_user(self.zhk_he).action_return()
        loan.with_user(self.da_chen).action_return()
        self.env.invalidate_all()
        self.assertEqual(loan.state, "returned")
        self.assertEqual(loan.returned_to_id, self.da_chen)
        self.assertFalse(
            loan.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        )
        self.assertFalse(loan.is_overdue)

    # ------------------------------------------------------------
    # Register and speed
    # ------------------------------------------------------------

    def test_loan_register(self):
        lent = self.lend(self.request_loan(self.item))
        draft = self.request_loan(self.other, purpose="尚未提交的借阅申请。")
        today = fields.Date.context_today(lent.with_user(self.da_chen))
        Wizard = self.env["oa.archive.loan.register"]
        with self.assertRaises(AccessError):
            Wizard.with_user(self.zhk_he).create({"format": "xlsx"})
        wizard = Wizard.with_user(self.da_chen).create(
            {
                "format": "xlsx",
                "date_from": today - timedelta(days=1),
                "date_to": today + timedelta(days=1),
            }
        )
        action = wizard.action_export()
        attachment_id = int(re.search(r"/web/content/(\d+)", action["url"]).group(1))
        attachment = self.env["ir.attachment"].browse(attachment_id)
        text = xlsx_text(attachment.raw)
        for expected in (
            "借阅登记簿",
            lent.name,
            "何佳",
            self.item.archival_code,
            self.item.name,
            lent.purpose,
            "徐明, 陈晓丽",
        ):
            self.assertIn(expected, text)
        self.assertNotIn(draft.name, text)
        self.assertNotIn(draft.purpose, text)
        # The PDF shows the same rows (rendered as HTML in tests).
        html = (
            self.env["ir.actions.report"]
            .with_user(self.da_chen)
            ._render_qweb_html(wizard._oa_export_report, wizard.ids)[0]
            .decode()
        )
        self.assertIn(lent.name, html)
        self.assertIn(self.item.archival_code, html)
        self.assertNotIn(draft.name, html)
        # Another period: empty.
        wizard.write({"date_from": "2000-01-01", "date_to": "2000-12-31"})
        self.assertFalse(wizard._get_register_data()["rows"])

    def test_loan_list_query_count(self):
        """Reading the list costs the same whatever the number of loans."""
        items = [self.make_item(f"统计资料汇编第{n}册", 2019, "D30") for n in range(6)]
        loans = self.Loan.browse()
        for item in items:
            loans |= self.Loan.sudo().create(
                {
                    "borrower_id": self.zhk_he.id,
                    "item_ids": [(6, 0, (item | self.item).ids)],
                    "purpose": "查阅",
                }
            )
        fnames = ["name", "catalogue_ids", "item_codes", "item_count", "is_overdue"]

        def queries(records):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            records.with_user(self.da_chen).read(fnames)
            return self.cr.sql_log_count - start

        queries(loans)  # warm the caches (rules, groups)
        small = queries(loans[:2])
        self.assertEqual(small, queries(loans))
        self.assertLess(small, 12)
