# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who sees what in the archives: the open catalogue for every OA user, the
items for their borrowers only, and the archive's audit trail for the auditor
alone (三员分立: the archivists do not read it)."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common_use import ArchiveUseCase

ARCHIVE_EVENTS = (
    "archive_file",
    "archive_exclude",
    "archive_access",
    "archive_loan",
    "archive_appraisal",
    "archive_destroy",
    "archive_check",
    "archive_export",
)


@tagged("post_install", "-at_install")
class TestArchiveAccess(ArchiveUseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_item = cls.make_item("2021年统计工作总结", 2021, "D30")
        cls.internal = cls.make_item("2021年内部统计分析", 2021, "D30", "internal")
        cls.secret = cls.make_item("2021年经济普查涉密数据", 2021, "Y", "secret")
        cls.unfiled = cls.env["oa.archive.item"].create(
            {
                "name": "待归档的2021年统计通报",
                "year": 2021,
                "retention": "D10",
                "fonds_id": cls.fonds.id,
                "org_id": cls.org_bgs.id,
            }
        )
        cls.mine = cls.open_item | cls.internal | cls.secret | cls.unfiled

    def menu_ids(self, user):
        self.env.invalidate_all()
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_catalogue_hides_classified_and_unfiled(self):
        Catalogue = self.env["oa.archive.catalogue"].with_user(self.sgzx_ma)
        entries = Catalogue.search([("id", "in", self.mine.ids)])
        self.assertEqual(entries.ids, (self.open_item | self.internal).sorted("id").ids)
        self.assertEqual(
            set(entries.mapped("archival_code")),
            {self.open_item.archival_code, self.internal.archival_code},
        )
        self.assertFalse(Catalogue.search([("name", "ilike", "涉密")]) & entries)
        # Catalogue columns only: no file, no handling record, no classification.
        for fname in ("file_ids", "event_ids", "secrecy", "note", "res_id"):
            self.assertNotIn(fname, Catalogue._fields)
        # Read-only for everyone.
        with self.assertRaises(AccessError):
            entries[:1].write({"name": "改名"})
        # A plain user still does not read the items themselves.
        with self.assertRaises(AccessError):
            self.env["oa.archive.item"].with_user(self.sgzx_ma).browse(
                self.open_item.id
            ).read(["name"])
        self.assertIn(
            self.env.ref("oa_archive.menu_archive_catalogue_search").id,
            self.menu_ids(self.sgzx_ma),
        )

    def test_borrower_reads_only_what_was_lent(self):
        self.lend(self.request_loan(self.open_item))
        Item = self.env["oa.archive.item"].with_user(self.zhk_he)
        self.assertEqual(Item.search([("id", "in", self.mine.ids)]), self.open_item)
        with self.assertRaises(AccessError):
            Item.browse(self.internal.id).read(["name"])
        with self.assertRaises(AccessError):
            Item.browse(self.secret.id).read(["name"])
        # Read access only.
        with self.assertRaises(AccessError):
            Item.browse(self.open_item.id).write({"note": "改"})

    def test_auditor_reads_the_trail_and_nothing_else(self):
        han = self.aqsj_han
        self.lend(self.request_loan(self.open_item))
        main = self.open_item.file_ids.filtered(lambda f: f.role == "main")
        main.with_user(self.zhk_he).action_open()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oa_archive.oa_audit_log_action_archive"
        )
        self.env.invalidate_all()
        trail = self.AuditLog.with_user(han).search(safe_eval(action["domain"]))
        events = set(trail.mapped("event"))
        self.assertTrue({"archive_file", "archive_loan", "archive_access"} <= events)
        self.assertTrue(events <= set(ARCHIVE_EVENTS))
        opened = trail.filtered(
            lambda r: r.event == "archive_access" and r.user_id == self.zhk_he
        )
        self.assertEqual(opened.res_id, main.id)
        # The auditor changes nothing …
        with self.assertRaises(UserError):
            trail[:1].write({"description": "x"})
        with self.assertRaises(UserError):
            trail[:1].unlink()
        # … and reads no archive record.
        with self.assertRaises(AccessError):
            self.env["oa.archive.item"].with_user(han).search([])
        with self.assertRaises(AccessError):
            self.env["oa.archive.loan"].with_user(han).search([])
        with self.assertRaises(AccessError):
            self.env["oa.archive.catalogue"].with_user(han).search([])
        self.assertIn(
            self.env.ref("oa_archive.menu_archive_audit").id, self.menu_ids(han)
        )

    def test_archivist_does_not_read_the_trail(self):
        with self.assertRaises(AccessError):
            self.AuditLog.with_user(self.da_chen).search(
                [("event", "=", "archive_file")]
            )
        self.assertNotIn(
            self.env.ref("oa_archive.menu_archive_audit").id,
            self.menu_ids(self.da_chen),
        )
        # The archivist manages every item, the clerk only the filing queue.
        Item = self.env["oa.archive.item"]
        self.assertEqual(
            Item.with_user(self.da_chen).search([("id", "in", self.mine.ids)]),
            self.mine,
        )
        self.assertEqual(
            Item.with_user(self.bgs_liu).search([("id", "in", self.mine.ids)]),
            self.unfiled,
        )

    def test_forms_open_for_each_role(self):
        """Borrower, leader and archivist open the loan; the approvers and the
        archivist open the appraisal; the borrower opens the item she reads."""
        loan = self.request_loan(self.open_item)
        self.assert_form_opens(loan, self.zhk_he)
        loan.action_submit()
        values = self.assert_form_opens(loan, self.zhk_xu)
        self.assertTrue(values["oa_can_act"])
        self.assertEqual(len(values["catalogue_ids"]), 1)
        self.pending_item(loan, self.zhk_xu).action_agree(opinion="同意。")
        self.pending_item(loan, self.da_chen).action_agree(opinion="同意。")
        values = self.assert_form_opens(loan, self.zhk_he)
        self.assertEqual(
            [f["id"] for f in values["file_ids"]], self.open_item.file_ids.ids
        )
        self.assert_form_opens(loan, self.da_chen)
        self.assert_form_opens(self.open_item, self.zhk_he)
        self.assert_form_opens(
            self.env["oa.archive.catalogue"].browse(self.internal.id), self.sgzx_ma
        )
        old = self.make_item("2012年统计报表目录", 2012, "D10")
        action = old.with_user(self.da_chen).action_appraise()
        appraisal = self.env["oa.archive.appraisal"].browse(action["res_id"])
        appraisal.with_user(self.da_chen).opinion = "到期销毁。"
        appraisal.with_user(self.da_chen).action_submit()
        self.assert_form_opens(appraisal, self.da_chen)
        values = self.assert_form_opens(appraisal, self.bgs_zhang)
        self.assertTrue(values["oa_can_act"])
        with self.assertRaises(AccessError):
            self.assert_form_opens(appraisal, self.zhk_he)
