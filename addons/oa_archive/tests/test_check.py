# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common_export import ExportCaseMixin, make_pdf


@tagged("post_install", "-at_install")
class TestCheck(ExportCaseMixin, TransactionCase):
    """四性检测 (DA/T 70) as the archivist: clean items pass; a tampered
    file, a gap in the numbers, an executable dressed as a PDF, a PDF with a
    script or a password are caught, each by its own check."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_export()
        cls.items = cls.make_item() | cls.make_item()

    def run_check(self, items):
        self.env.invalidate_all()
        return (
            self.env["oa.archive.check"]
            .with_user(self.archivist)
            ._run(items.with_user(self.archivist))
        )

    def failed(self, check, code=None):
        lines = check.line_ids.filtered(lambda line: line.result == "fail")
        return lines.filtered(lambda line: line.code == code) if code else lines

    def test_clean_items_pass(self):
        action = self.items.with_user(self.archivist).action_check()
        check = self.env["oa.archive.check"].browse(action["res_id"])
        self.assertEqual(check.state, "passed")
        self.assertEqual(check.item_count, 2)
        self.assertFalse(self.failed(check))
        self.assertEqual(
            (check.authenticity_result, check.integrity_result),
            ("pass", "pass"),
        )
        self.assertEqual(
            (check.usability_result, check.safety_result), ("pass", "pass")
        )
        # Every check ran on every item, the class was checked once.
        per_item = check.line_ids.filtered("item_id")
        self.assertEqual(len(per_item), 2 * 12)
        self.assertEqual(
            set(per_item.mapped("category")),
            {"authenticity", "integrity", "usability", "safety"},
        )
        numbering = check.line_ids.filtered(lambda line: line.code == "int_numbering")
        self.assertEqual(numbering.series_id, self.items.series_id)
        log = self.env["oa.audit.log"].search(
            [("event", "=", "archive_check"), ("res_id", "=", check.id)]
        )
        self.assertEqual(log.user_id, self.archivist)

    def test_tampered_file_fails_authenticity(self):
        item = self.items[0]
        file = item.file_ids.filtered(lambda f: f.role == "main")
        # Swap the stored bytes underneath, as a disk or database edit would.
        self.get_attachment(file).write({"raw": make_pdf("Forged text")})
        check = self.run_check(self.items)
        self.assertEqual(check.state, "failed")
        self.assertEqual(check.authenticity_result, "fail")
        self.assertEqual(check.integrity_result, "pass")
        fingerprint = self.failed(check, "auth_fingerprint")
        self.assertEqual(fingerprint.file_id, file)
        self.assertIn(file.sha256, fingerprint.message)
        # The package carries the filing fingerprint: it no longer matches.
        self.assertEqual(self.failed(check, "auth_package").item_id, item)
        self.assertFalse(
            self.failed(check).filtered(lambda line: line.item_id == self.items[1])
        )

    def test_gap_in_numbering_fails_integrity(self):
        first = self.make_item(org=self.org_gap)
        second = self.make_item(org=self.org_gap)
        third = self.make_item(org=self.org_gap)
        self.assertEqual((first.item_no, second.item_no, third.item_no), (1, 2, 3))
        # A numbered item is never deleted by the application: force it.
        self.env.cr.execute("DELETE FROM oa_archive_item WHERE id = %s", [second.id])
        self.env.invalidate_all()
        check = self.run_check(first | third)
        self.assertEqual(check.state, "failed")
        gap = self.failed(check, "int_numbering")
        self.assertEqual(gap.series_id, first.series_id)
        self.assertIn("0002", gap.message)
        self.assertEqual(check.integrity_result, "fail")
        self.assertEqual(check.authenticity_result, "pass")

    def test_executable_disguised_as_pdf_fails_safety(self):
        executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)
        item = self.make_item(
            files=[
                ("main", "正文.pdf", make_pdf()),
                ("sheet", "处理单.pdf", make_pdf()),
                ("attachment", "扫描件.pdf", executable),
            ]
        )
        check = self.run_check(item)
        self.assertEqual(check.state, "failed")
        self.assertEqual(check.safety_result, "fail")
        disguised = item.file_ids.filtered(lambda f: f.file_name == "扫描件.pdf")
        self.assertEqual(self.failed(check, "safe_executable").file_id, disguised)
        # Not a PDF either: not an archival format, and it does not open.
        self.assertEqual(self.failed(check, "use_format").file_id, disguised)
        self.assertEqual(self.failed(check, "use_open").file_id, disguised)
        self.assertFalse(self.failed(check, "safe_active"))

    def test_script_file_by_name(self):
        item = self.make_item(
            files=[
                ("main", "正文.pdf", make_pdf()),
                ("sheet", "处理单.pdf", make_pdf()),
                ("attachment", "说明.vbs", b"MsgBox 1\r\n"),
            ]
        )
        check = self.run_check(item)
        self.assertEqual(
            self.failed(check, "safe_executable").file_id.file_name, "说明.vbs"
        )

    def test_pdf_with_javascript_fails_safety(self):
        item = self.make_item(
            files=[
                ("main", "正文.pdf", make_pdf(javascript="app.alert('x');")),
                ("sheet", "处理单.pdf", make_pdf()),
            ]
        )
        check = self.run_check(item)
        self.assertEqual(check.state, "failed")
        active = self.failed(check, "safe_active")
        self.assertEqual(active.file_id.role, "main")
        self.assertIn("/JavaScript", active.message)
        # It is still a readable PDF.
        self.assertFalse(self.failed(check, "use_open"))
        self.assertEqual(check.authenticity_result, "pass")

    def test_encrypted_pdf_fails_usability(self):
        item = self.make_item(
            files=[
                ("main", "正文.pdf", make_pdf(password="secret")),
                ("sheet", "处理单.pdf", make_pdf()),
            ]
        )
        check = self.run_check(item)
        self.assertEqual(check.usability_result, "fail")
        self.assertEqual(self.failed(check, "use_encryption").file_id.role, "main")
        self.assertEqual(check.safety_result, "pass")

    def test_missing_handling_record_and_metadata(self):
        item = self.make_item(events=0)
        # The filing step alone is a record for an item without a source.
        self.assertTrue(item.event_ids)
        self.env.cr.execute(
            "UPDATE oa_archive_item SET author = NULL, res_model = 'oa.document', "
            "res_id = 1 WHERE id = %s",
            [item.id],
        )
        self.env.invalidate_all()
        check = self.run_check(item)
        self.assertEqual(check.integrity_result, "fail")
        self.assertTrue(self.failed(check, "int_record"))
        self.assertTrue(self.failed(check, "int_metadata"))
        # The package misses its 责任者: the schema says so.
        self.assertTrue(self.failed(check, "auth_package"))

    def test_only_archivists_check(self):
        self.env.invalidate_all()
        for user in (self.clerk, self.plain_user):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.env["oa.archive.check"].with_user(user)._run(self.items)
        check = self.run_check(self.items)
        self.env.invalidate_all()
        for user in (self.clerk, self.plain_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                check.with_user(user).read(["name"])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                check.line_ids.with_user(user).read(["message"])
        self.assertEqual(
            check.with_user(self.archivist).read(["state"])[0]["state"], "passed"
        )
        # Checks are evidence: not even the archivist rewrites them.
        with self.assertRaises(AccessError):
            check.with_user(self.archivist).write({"state": "failed"})

    def test_not_filed_items_are_refused(self):
        proposed = self.env["oa.archive.item"].create(
            {"name": "待归档", "fonds_id": self.fonds.id, "org_id": self.org.id}
        )
        with self.assertRaises(UserError):
            self.run_check(self.items | proposed)

    def test_query_count_does_not_grow_per_item(self):
        items = self.items
        for __ in range(8):
            items |= self.make_item()
        self.assertEqual(len(items), 10)
        counts = []
        for subset in (items[:2], items):
            self.env.invalidate_all()
            self.env.flush_all()
            start = self.env.cr.sql_log_count
            check = self.run_check(subset)
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - start)
            self.assertEqual(check.state, "passed")
        # A few more batch inserts of results at most, never one per item.
        self.assertLessEqual(counts[1] - counts[0], 3, counts)
