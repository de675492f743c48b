# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""用印: only a keeper presses the seal; the log keeps the SHA-256 of the file."""

import hashlib

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_redhead import RedHeadCase, pdf_text, squeeze


@tagged("post_install", "-at_install")
class TestSeal(RedHeadCase):
    def seal_doc(self, doc, user=None):
        doc = doc.with_user(user or self.office).with_context(
            force_report_rendering=True
        )
        doc.action_apply_seal()
        return doc

    def test_keeper_seals_and_log_verifies(self):
        doc = self.make_outgoing("江统发〔2026〕81号")
        self.assertTrue(doc.with_user(self.office).can_apply_seal)
        self.assertFalse(doc.with_user(self.clerk).can_apply_seal)
        self.apply_redhead(doc)
        self.seal_doc(doc)
        sealed = doc.sealed_attachment_id
        self.assertTrue(sealed)
        self.assertNotEqual(sealed, doc.redhead_attachment_id)
        self.assertIn("江统发〔2026〕81号", squeeze(pdf_text(sealed.raw)))
        use = doc.seal_use_ids
        self.assertEqual(len(use), 1)
        self.assertEqual(use.seal_id, self.seal)
        self.assertEqual(use.user_id, self.office)
        self.assertEqual(use.attachment_id, sealed)
        self.assertEqual(use.sha256, hashlib.sha256(sealed.raw).hexdigest())
        self.assertTrue(use._verify_content(sealed.raw))
        self.assertFalse(use._verify_content(sealed.raw + b"%"))
        result = doc.with_user(self.clerk).action_verify_seal()
        self.assertEqual(result["params"]["type"], "success")
        self.assertIn(use.sha256, doc.message_ids[0].body)
        # The sealed file is what internal units receive.
        self.assertEqual(doc._get_dispatch_file(), sealed.datas)
        self.assertEqual(doc._get_dispatch_file_name(), sealed.name)

    def test_altered_file_fails_verification(self):
        doc = self.make_outgoing("江统发〔2026〕82号")
        self.apply_redhead(doc)
        self.seal_doc(doc)
        use = doc.seal_use_ids
        sealed = doc.sealed_attachment_id
        sealed.sudo().raw = sealed.raw.replace(b"%%EOF", b"%%EOF\n% altered")
        self.assertFalse(use._verify())
        result = use.with_user(self.clerk).action_verify()
        self.assertEqual(result["params"]["type"], "danger")
        result = doc.with_user(self.office).action_verify_seal()
        self.assertEqual(result["params"]["type"], "danger")

    def test_only_keepers_seal(self):
        doc = self.make_outgoing("江统发〔2026〕83号")
        self.apply_redhead(doc)
        for user in (self.clerk, self.other_clerk, self.drafter):
            with self.assertRaises(UserError):
                self.seal_doc(doc, user=user)
        self.assertFalse(doc.sealed_attachment_id)
        self.assertFalse(doc.seal_use_ids)

    def test_red_head_comes_first(self):
        doc = self.make_outgoing("江统发〔2026〕84号")
        with self.assertRaises(UserError):
            self.seal_doc(doc)

    def test_content_changed_after_red_head(self):
        doc = self.make_outgoing("江统发〔2026〕85号")
        self.apply_redhead(doc)
        doc.with_user(self.clerk).body = "<p>改过的正文。</p>"
        with self.assertRaises(UserError):
            self.seal_doc(doc)
        # A new red head brings the content in again; the seal goes on it.
        self.apply_redhead(doc)
        self.seal_doc(doc)
        self.assertTrue(doc.sealed_attachment_id)

    def test_new_red_head_needs_new_seal(self):
        doc = self.make_outgoing("江统发〔2026〕86号")
        self.apply_redhead(doc)
        self.seal_doc(doc)
        self.apply_redhead(doc)
        self.assertFalse(doc.sealed_attachment_id)
        self.assertEqual(len(doc.seal_use_ids), 1, "the log keeps the earlier use")

    def test_dispatch_blockers(self):
        doc = self.make_outgoing("江统发〔2026〕87号")
        redhead = doc.env._("Apply the red head (套红).")
        seal = doc.env._("Apply the seal (用印).")
        blockers = doc._get_dispatch_blockers()
        self.assertIn(redhead, blockers)
        self.assertIn(seal, blockers)
        self.apply_redhead(doc)
        blockers = doc._get_dispatch_blockers()
        self.assertNotIn(redhead, blockers)
        self.assertIn(seal, blockers)
        self.assertEqual(doc._get_dispatch_file(), doc.redhead_attachment_id.datas)
        self.seal_doc(doc)
        self.assertFalse(doc._get_dispatch_blockers())
        # A change to what the red head shows calls for a new red head.
        doc.with_user(self.clerk).cc = "省统计局，市财政局。"
        self.assertTrue(doc._redhead_is_stale())
        self.assertEqual(len(doc._get_dispatch_blockers()), 1)
        # Minutes carry no seal: the red head is enough.
        minutes = self.make_outgoing(
            "江统发〔2026〕88号",
            name="江澄市统计局2026年第3次局务会议纪要",
            kind_id=self.kind_minutes.id,
            main_to=False,
        )
        self.apply_redhead(minutes)
        self.assertFalse(minutes._get_dispatch_blockers())

    def test_seal_step_handlers(self):
        """The seal step goes to the keepers; without a seal to press it is skipped."""
        step = self.env.ref("oa_document.flow_step_outgoing_seal")
        doc = self.make_outgoing("江统发〔2026〕89号")
        users, _leads = doc._oa_get_step_handlers(step)
        self.assertEqual(users, self.office)
        minutes = self.make_outgoing(
            "江统发〔2026〕90号", kind_id=self.kind_minutes.id, main_to=False
        )
        self.assertFalse(minutes._oa_get_step_handlers(step)[0])
        doc.seal_id = False
        self.assertFalse(doc._oa_get_step_handlers(step)[0])

    def test_log_is_append_only(self):
        doc = self.make_outgoing("江统发〔2026〕80号")
        self.apply_redhead(doc)
        self.seal_doc(doc)
        use = doc.seal_use_ids
        with self.assertRaises(UserError):
            use.sudo().write({"sha256": "0" * 64})
        with self.assertRaises(UserError):
            use.sudo().unlink()
        with self.assertRaises(AccessError):
            use.with_user(self.clerk).unlink()

    def test_seal_access(self):
        """The office manages seals; the image is the office's only."""
        Seal = self.env["oa.document.seal"]
        with self.assertRaises(AccessError):
            Seal.with_user(self.plain_user).create({"name": "Forged"})
        with self.assertRaises(AccessError):
            Seal.with_user(self.clerk).create({"name": "Forged"})
        seal = Seal.with_user(self.office).create(
            {"name": "江澄市统计局办公室", "keeper_ids": [(6, 0, self.office.ids)]}
        )
        self.assertEqual(seal.with_user(self.plain_user).name, "江澄市统计局办公室")
        with self.assertRaises(AccessError):
            self.seal.with_user(self.plain_user).read(["image"])
        self.assertTrue(self.seal.with_user(self.office).image)
