# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Appraisal (鉴定) and destruction (销毁): items whose retention has ended
are appraised; nothing is destroyed without an approved appraisal; the
destruction removes the content and keeps the catalogue entry, the approvers
and the destruction register."""

import base64
import datetime
import uuid

import psycopg2.errors

from odoo import api
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.oa_document.tests.test_redhead import pdf_text

from .common_use import ArchiveUseCase, pdf_bytes


@tagged("post_install", "-at_install")
class TestAppraisal(ArchiveUseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Kept ten years, ended 2020-12-31 and 2022-12-31: due.
        cls.old = cls.make_item("2010年度统计报表报送情况的通报", 2010, "D10")
        cls.older = cls.make_item("关于2012年统计执法检查的通知", 2012, "D10")
        # Not due: 30 years to run, and permanent.
        cls.recent = cls.make_item("2020年统计工作要点", 2020, "D30")
        cls.permanent = cls.make_item("江澄市统计局机构设置的决定", 2010, "Y")
        cls.Appraisal = cls.env["oa.archive.appraisal"]
        # wkhtmltopdf would fetch the report assets from this very server, whose
        # request would wait for the test's transaction: point it nowhere (the
        # registers carry their own styles).
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )

    def appraise(self, items, line_vals=None):
        """An appraisal of ``items`` (as the archivist), lines updated with
        ``line_vals`` ({item id: values})."""
        action = (
            self.env["oa.archive.item"]
            .with_user(self.da_chen)
            .browse(items.ids)
            .action_appraise()
        )
        appraisal = self.Appraisal.with_user(self.da_chen).browse(action["res_id"])
        appraisal.opinion = "已到期，经鉴定无继续保存价值。"
        for line in appraisal.line_ids:
            vals = (line_vals or {}).get(line.item_id.id)
            if vals:
                line.write(vals)
        return appraisal

    def approve(self, appraisal):
        """The office director, then the principal leader agree."""
        self.pending_item(appraisal, self.bgs_zhang).action_agree(opinion="同意销毁。")
        self.pending_item(appraisal, self.juzhang).action_agree(opinion="同意。")
        self.env.invalidate_all()

    def assert_content_kept(self, item):
        self.env.invalidate_all()
        self.assertEqual(item.state, "filed")
        files = item.file_ids.with_context(bin_size=True)
        self.assertTrue(files and all(files.mapped("file")))
        self.assertFalse(any(files.mapped("removed")))

    # ------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------

    def test_due_for_appraisal(self):
        Item = self.env["oa.archive.item"].with_user(self.da_chen)
        mine = self.old | self.older | self.recent | self.permanent
        due = Item.search([("is_appraisal_due", "=", True), ("id", "in", mine.ids)])
        self.assertEqual(due, self.old | self.older)
        self.assertEqual(self.old.appraisal_due_date, datetime.date(2021, 1, 1))
        self.assertFalse(self.permanent.appraisal_due_date)
        not_due = Item.search(
            [("is_appraisal_due", "=", False), ("id", "in", mine.ids)]
        )
        self.assertEqual(not_due, self.recent | self.permanent)
        # A clerk does not appraise.
        with self.assertRaises(UserError):
            self.env["oa.archive.item"].with_user(self.bgs_liu).browse(
                self.old.id
            ).action_appraise()
        appraisal = self.appraise(self.old | self.older)
        self.assertRegex(appraisal.name, r"^JD-\d{4}-\d{4}$")
        self.assertEqual(appraisal.line_ids.item_id, self.old | self.older)
        self.assertEqual(set(appraisal.line_ids.mapped("retention")), {"D10"})
        self.assertEqual(set(appraisal.line_ids.mapped("decision")), {"destroy"})
        # An item in an appraisal under way is not appraised twice.
        with self.assertRaises(UserError):
            self.appraise(self.old)

    def test_pending_or_refused_destroys_nothing(self):
        appraisal = self.appraise(self.old)
        appraisal.witness_id = self.bgs_liu
        with self.assertRaises(UserError):
            appraisal.action_destroy()  # draft
        appraisal.action_submit()
        self.assertEqual(appraisal.state, "pending")
        with self.assertRaises(UserError):
            appraisal.action_destroy()
        # The office director approves; the principal leader has not yet.
        self.pending_item(appraisal, self.bgs_zhang).action_agree(opinion="同意。")
        with self.assertRaises(UserError):
            appraisal.action_destroy()
        self.assert_content_kept(self.old)
        self.pending_item(appraisal, self.juzhang).action_disagree(opinion="暂缓销毁。")
        self.env.invalidate_all()
        self.assertEqual(appraisal.state, "refused")
        with self.assertRaises(UserError):
            appraisal.action_destroy()
        self.assert_content_kept(self.old)
        self.assertFalse(self.audit_rows("archive_destroy", self.old))
        self.assertEqual(len(self.audit_rows("archive_appraisal", appraisal)), 2)
        # The items are free for another appraisal.
        self.assertTrue(self.appraise(self.old))

    def test_destruction(self):
        appraisal = self.appraise(
            self.old | self.older,
            {
                self.older.id: {
                    "decision": "extend",
                    "new_retention": "D30",
                    "reason": "涉及执法检查后续问责，延长保存。",
                }
            },
        )
        appraisal.action_submit()
        # The approvers read the appraisal, not the items.
        self.env.invalidate_all()
        as_director = appraisal.with_user(self.bgs_zhang)
        self.assertEqual(
            set(as_director.line_ids.mapped("archival_code")),
            {self.old.archival_code, self.older.archival_code},
        )
        with self.assertRaises(AccessError):
            self.env["oa.archive.item"].with_user(self.juzhang).browse(
                self.old.id
            ).read(["name"])
        self.approve(appraisal)
        self.assertEqual(appraisal.state, "approved")
        # The extension took effect; the archival code keeps its retention.
        code = self.older.archival_code
        self.assertIn("-D10-", code)
        self.assertEqual(self.older.retention, "D10")
        self.assertEqual(self.older.retention_extended, "D30")
        self.assertEqual(
            self.older.retention_extended_until, datetime.date(2042, 12, 31)
        )
        self.assertFalse(self.older.is_appraisal_due)
        self.assertIn(appraisal.name, self.older.note)
        self.assertEqual(self.older.appraisal_id, appraisal)
        # Approved but not destroyed yet: the content is there.
        self.assert_content_kept(self.old)
        # Only an archivist destroys, with a witness who is someone else.
        with self.assertRaises(UserError):
            appraisal.with_user(self.bgs_zhang).action_destroy()
        with self.assertRaises(UserError):
            appraisal.action_destroy()  # no witness
        appraisal.witness_id = self.da_chen
        with self.assertRaises(UserError):
            appraisal.action_destroy()  # witness = who destroys
        self.assert_content_kept(self.old)
        appraisal.witness_id = self.bgs_liu
        old_files = self.old.file_ids
        old_file = old_files.filtered(lambda f: f.role == "main")
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "oa.archive.file"),
                ("res_id", "in", old_files.ids),
                ("res_field", "=", "file"),
            ]
        )
        self.assertTrue(attachment)
        appraisal.action_destroy()
        self.env.invalidate_all()
        # Content gone, catalogue entry kept.
        self.assertEqual(appraisal.state, "done")
        self.assertEqual(appraisal.destroyed_by_id, self.da_chen)
        self.assertEqual(self.old.state, "destroyed")
        self.assertTrue(self.old.content_removed)
        self.assertTrue(all(old_files.mapped("removed")))
        self.assertFalse(any(old_files.with_context(bin_size=False).mapped("file")))
        self.assertFalse(attachment.exists())
        self.assertEqual(self.old.name, "2010年度统计报表报送情况的通报")
        self.assertTrue(self.old.archival_code.startswith("T901-WS·2010-D10-BGS-"))
        self.assertEqual(self.old.appraisal_id, appraisal)
        self.assertEqual(self.old.date_destroyed, datetime.date.today())
        self.assertIn(datetime.date.today().strftime("%Y-%m-%d"), self.old.note)
        self.assertFalse(self.old.is_appraisal_due)
        self.assertFalse(
            self.env["oa.archive.catalogue"].search([("id", "=", self.old.id)])
        )
        self.assertEqual(self.older.state, "filed")
        with self.assertRaises(UserError):
            old_file.with_user(self.da_chen).action_open()
        # Who approved is kept with the appraisal, and the audit trail has it all.
        approvals = appraisal._get_approvals()
        self.assertEqual(
            [a["user"] for a in approvals], [self.bgs_zhang.name, self.juzhang.name]
        )
        self.assertEqual(len(self.audit_rows("archive_destroy", self.old)), 1)
        self.assertFalse(self.audit_rows("archive_destroy", self.older))
        self.assertEqual(len(self.audit_rows("archive_appraisal", appraisal)), 2)
        # The destruction register lists it with approvers and witness.
        html = (
            self.env["ir.actions.report"]
            .with_user(self.da_chen)
            ._render_qweb_html(
                "oa_archive.action_report_oa_archive_destruction", appraisal.ids
            )[0]
            .decode()
        )
        for expected in (
            self.old.archival_code,
            self.old.name,
            "20100630",
            self.bgs_zhang.name,
            self.juzhang.name,
            "同意销毁。",
            self.bgs_liu.name,
            self.da_chen.name,
        ):
            self.assertIn(expected, html)
        self.assertNotIn(code, html)
        # As a real PDF, its text reads in Chinese (CJK text layer fixed).
        pdf = (
            self.env["ir.actions.report"]
            .with_user(self.da_chen)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "oa_archive.action_report_oa_archive_destruction", appraisal.ids
            )[0]
        )
        text = "".join(pdf_text(pdf).split())
        self.assertIn("档案销毁清册", text)
        self.assertIn(self.old.name, text)
        # Done once: not again.
        with self.assertRaises(UserError):
            appraisal.action_destroy()

    def test_submit_problems(self):
        appraisal = self.Appraisal.with_user(self.da_chen).create(
            {
                "line_ids": [
                    (0, 0, {"item_id": self.old.id, "decision": "extend"}),
                    (
                        0,
                        0,
                        {
                            "item_id": self.older.id,
                            "decision": "extend",
                            "new_retention": "D10",
                            "reason": "x",
                        },
                    ),
                    (0, 0, {"item_id": self.recent.id, "reason": "x"}),
                    (0, 0, {"item_id": self.permanent.id, "reason": "x"}),
                ]
            }
        )
        with self.assertRaises(UserError) as caught:
            appraisal.action_submit()
        message = str(caught.exception)
        for item in (self.old, self.older, self.recent, self.permanent):
            self.assertIn(item.archival_code, message)
        # old: no new retention and no reason; the three others one problem each.
        self.assertEqual(message.count("\n"), 5, message)
        self.assertEqual(appraisal.state, "draft")
        self.assertFalse(appraisal.oa_flow_id)
        # Lines are frozen once submitted.
        appraisal.line_ids.filtered(lambda line: line.item_id != self.old).unlink()
        appraisal.line_ids.write({"decision": "destroy", "reason": "到期销毁。"})
        appraisal.action_submit()
        with self.assertRaises(UserError):
            appraisal.line_ids.write({"decision": "keep"})


@tagged("post_install", "-at_install")
class TestDestructionConcurrency(TransactionCase):
    """Two archivists click Destroy on one approved appraisal at the same
    moment (two database transactions): the content is destroyed once.

    The appraisal is committed so that both transactions see it, and removed
    afterwards.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            ref = env.ref
            self.archivists = (
                ref("oa_archive.user_da_chen_demo").id,
                ref("oa_base.user_sgzx_sun_demo").id,
            )
            code = "C" + uuid.uuid4().hex[:3].upper()
            fonds = env["oa.archive.fonds"].create(
                {"name": "并发测试全宗", "code": code}
            )
            item = env["oa.archive.item"].create(
                {
                    "name": "并发销毁测试件",
                    "author": "江澄市统计局",
                    "date": "2010-05-01",
                    "year": 2010,
                    "retention": "D10",
                    "fonds_id": fonds.id,
                    "org_id": ref("oa_archive.org_bgs_demo").id,
                    "file_ids": [
                        (
                            0,
                            0,
                            {
                                "role": role,
                                "name": f"并发销毁测试件 {role}",
                                "file_name": f"{role}.pdf",
                                "file": base64.b64encode(pdf_bytes(role)),
                            },
                        )
                        for role in ("main", "sheet")
                    ],
                }
            )
            item.action_file()
            da_chen = ref("oa_archive.user_da_chen_demo")
            appraisal = (
                env["oa.archive.appraisal"]
                .with_user(da_chen)
                .create(
                    {
                        "opinion": "到期，无保存价值。",
                        "line_ids": [(0, 0, {"item_id": item.id})],
                    }
                )
            )
            appraisal.action_submit()
            for login in ("bgs_zhang", "juzhang"):
                user = ref(f"oa_base.user_{login}_demo")
                env["oa.workitem"].search(
                    [
                        ("flow_id", "=", appraisal.sudo().oa_flow_id.id),
                        ("user_id", "=", user.id),
                        ("state", "=", "pending"),
                    ]
                ).with_user(user).action_agree(opinion="同意。")
            appraisal.witness_id = ref("oa_base.user_bgs_liu_demo")
            self.assertEqual(appraisal.state, "approved")
            self.ids = {
                "fonds": fonds.id,
                "item": item.id,
                "files": item.file_ids.ids,
                "series": item.series_id.id,
                "sequence": item.series_id.sequence_id.id,
                "appraisal": appraisal.id,
                "flow": appraisal.sudo().oa_flow_id.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        ids = self.ids
        with self.registry.cursor() as cr:
            for query in (
                SQL(
                    "DELETE FROM oa_audit_log WHERE (res_model = 'oa.archive.item' "
                    "AND res_id = %s) OR (res_model = 'oa.archive.appraisal' AND "
                    "res_id = %s)",
                    ids["item"],
                    ids["appraisal"],
                ),
                SQL(
                    "DELETE FROM mail_activity WHERE (res_model = 'oa.archive.item' "
                    "AND res_id = %s) OR (res_model = 'oa.archive.appraisal' AND "
                    "res_id = %s)",
                    ids["item"],
                    ids["appraisal"],
                ),
                SQL(
                    "DELETE FROM mail_message WHERE (model = 'oa.archive.item' "
                    "AND res_id = %s) OR (model = 'oa.archive.appraisal' AND "
                    "res_id = %s)",
                    ids["item"],
                    ids["appraisal"],
                ),
                SQL(
                    "DELETE FROM mail_followers WHERE (res_model = 'oa.archive.item' "
                    "AND res_id = %s) OR (res_model = 'oa.archive.appraisal' AND "
                    "res_id = %s)",
                    ids["item"],
                    ids["appraisal"],
                ),
                SQL("DELETE FROM oa_trace WHERE flow_id = %s", ids["flow"]),
                SQL("DELETE FROM oa_workitem WHERE flow_id = %s", ids["flow"]),
                SQL(
                    "UPDATE oa_archive_appraisal SET oa_flow_id = NULL WHERE id = %s",
                    ids["appraisal"],
                ),
                SQL("DELETE FROM oa_flow WHERE id = %s", ids["flow"]),
                SQL(
                    "UPDATE oa_archive_item SET appraisal_id = NULL WHERE id = %s",
                    ids["item"],
                ),
                SQL("DELETE FROM oa_archive_appraisal WHERE id = %s", ids["appraisal"]),
                SQL(
                    "DELETE FROM ir_attachment WHERE res_model = 'oa.archive.file' "
                    "AND res_id = ANY(%s)",
                    ids["files"],
                ),
                SQL("DELETE FROM oa_archive_item WHERE id = %s", ids["item"]),
                SQL("DELETE FROM oa_archive_series WHERE id = %s", ids["series"]),
                SQL("DELETE FROM ir_sequence WHERE id = %s", ids["sequence"]),
                SQL("DELETE FROM oa_archive_fonds WHERE id = %s", ids["fonds"]),
            ):
                cr.execute(query)

    def _destroy(self, cr, uid):
        """What the Destroy button does for ``uid``, in cursor ``cr``."""
        env = api.Environment(cr, uid, {})
        env["oa.archive.appraisal"].browse(self.ids["appraisal"]).action_destroy()

    @mute_logger("odoo.sql_db")
    def test_two_archivists_destroy_at_once(self):
        first, second = self.archivists
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr2.execute("SET LOCAL lock_timeout = '5s'")
            self._destroy(cr1, first)  # not committed yet
            with self.assertRaises(psycopg2.errors.LockNotAvailable) as caught:
                self._destroy(cr2, second)
            # Refused at once on the appraisal's lock, not after waiting.
            self.assertIn("oa_archive_appraisal", str(caught.exception))
            cr2.rollback()
            cr1.commit()
        # Odoo replays the failed request: the appraisal is done by then.
        with self.registry.cursor() as cr:
            with self.assertRaises(UserError):
                self._destroy(cr, second)
            cr.rollback()
            cr.execute(
                SQL(
                    "SELECT count(*) FROM oa_audit_log WHERE event = 'archive_destroy' "
                    "AND res_model = 'oa.archive.item' AND res_id = %s",
                    self.ids["item"],
                )
            )
            self.assertEqual(cr.fetchone()[0], 1)
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            appraisal = env["oa.archive.appraisal"].browse(self.ids["appraisal"])
            self.assertEqual(appraisal.state, "done")
            self.assertEqual(appraisal.destroyed_by_id.id, first)
            self.assertEqual(
                env["oa.archive.item"].browse(self.ids["item"]).state, "destroyed"
            )
