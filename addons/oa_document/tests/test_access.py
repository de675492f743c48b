# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who reads which document: sections only see what reached them."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OaDocumentCase


@tagged("post_install", "-at_install")
class TestAccess(OaDocumentCase):
    def test_sections_read_only_what_reached_them(self):
        doc = self.register_incoming()
        doc.action_start_handling()
        self.item_of(doc, self.bgs_zhang).action_agree(
            opinion="请李局长阅示。", next_users=self.fgjz_li
        )
        self.item_of(doc, self.fgjz_li).action_agree(
            opinion="核算科办理。", next_users=self.hsk_wu, next_leads=self.hsk_wu
        )
        Document = self.env["oa.document"]
        # The lead section's leader reads it; staff of other sections do not.
        self.assertIn(doc, Document.with_user(self.hsk_wu).search([]))
        for outsider in (self.gjk_lin, self.skk_zhu, self.hsk_zheng):
            self.assertNotIn(doc, Document.with_user(outsider).search([]))
            with self.assertRaises(AccessError):
                doc.with_user(outsider).read(["name"])
            with self.assertRaises(AccessError):
                doc.with_user(outsider).write({"name": "改标题"})
        # Versions and results follow the document.
        self.assertFalse(
            self.env["oa.document.version"]
            .with_user(self.gjk_lin)
            .search([("document_id", "=", doc.id)])
        )
        # Handed on to staff: now it reached them.
        self.item_of(doc, self.hsk_wu).action_transfer(self.hsk_zheng)
        self.assertIn(doc, Document.with_user(self.hsk_zheng).search([]))
        # The office reads every document, drafts of others included.
        draft = Document.with_user(self.zhk_he).create(
            {"doc_type": "memo", "name": "关于调整办公用房的签报"}
        )
        office_docs = Document.with_user(self.bgs_zhang).search([])
        self.assertIn(doc, office_docs)
        self.assertIn(draft, office_docs)
        self.assertNotIn(draft, Document.with_user(self.zhk_xu).search([]))
        # A clerk who is not on its flow reads it, with its trace, like the office.
        outgoing = Document.with_user(self.zhk_he).create(
            {
                "doc_type": "outgoing",
                "name": "江澄市统计局关于做好统计年报工作的通知",
                "kind_id": self.kind_notice.id,
                "code_id": self.code.id,
                "body": "<p>正文</p>",
            }
        )
        outgoing.action_submit()
        clerk_doc = outgoing.with_user(self.bgs_zhao)
        clerk_doc.invalidate_recordset()
        self.assertTrue(clerk_doc.oa_trace_ids)
        clerk_doc.oa_trace_ids.invalidate_recordset()
        clerk_doc.oa_trace_ids.read(["action", "opinion", "user_id"])
        self.assertNotIn(outgoing, Document.with_user(self.gjk_lin).search([]))
        # The auditor (三员) reads no document at all.
        with self.assertRaises(AccessError):
            Document.with_user(self.aqsj_han).search([])

    def test_only_handlers_edit(self):
        doc = self.register_incoming()
        doc.action_start_handling()
        self.item_of(doc, self.bgs_zhang).action_agree(
            opinion="请李局长阅示。", next_users=self.fgjz_li
        )
        # The previous handler read it but can no longer change it.
        with self.assertRaises(UserError):
            doc.with_user(self.zhk_xu).write({"body": "<p>改</p>"})
        doc.with_user(self.fgjz_li).write({"body": "<p>批注后的正文</p>"})
        self.assertIn("批注后的正文", doc.body)

    def test_receivers_see_dispatched(self):
        """A unit's receiver sees what was sent to it, nothing else."""
        doc = self.Document.sudo().create(
            {
                "doc_type": "incoming",
                "name": "转发的通知",
                "receiver_ids": [(6, 0, self.gjk_huang.ids)],
            }
        )
        self.assertIn(doc, self.Document.with_user(self.gjk_huang).search([]))
        self.assertNotIn(doc, self.Document.with_user(self.hsk_wu).search([]))
