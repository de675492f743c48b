# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Chinese full-text search on documents: the texts of a document (title,
numbers, sender, body, attachments) for ``oa.full.text.mixin``, and Chinese
text files indexed as text. The tokenizer and the index live in
``oa_document.tools.full_text``."""

from odoo import api, fields, models

from ..tools.full_text import attachment_text, html_to_text


class OaDocument(models.Model):
    _name = "oa.document"
    _inherit = ["oa.document", "oa.full.text.mixin"]

    search_tokens = fields.Text(
        help="Character bigrams and words of the title, numbers, sender, body and "
        "attachments, for the full-text index.",
    )
    full_text = fields.Char(
        help="Search the title, numbers, sender, body and attachments; Chinese "
        "words of any length.",
    )

    @api.depends(
        "name",
        "doc_number",
        "serial_no",
        "sender_org",
        "sender_number",
        "body",
        "attachment_ids",
        "main_file",
    )
    def _compute_search_tokens(self):
        return super()._compute_search_tokens()

    def _get_search_texts(self):
        """The catalogue fields, the body, then the indexed text of the
        attachments and of the main file, read as superuser in three queries
        for the batch."""
        Attachment = self.env["ir.attachment"].sudo()
        docs = self.sudo()
        attachments = docs.attachment_ids
        origin_ids = [doc_id for doc_id in self._origin.ids if doc_id]
        main_files = Attachment.browse()
        if origin_ids:
            main_files = Attachment.search(
                [
                    ("res_model", "=", self._name),
                    ("res_field", "=", "main_file"),
                    ("res_id", "in", origin_ids),
                ],
                order="id",
            )
        (attachments | main_files).fetch(["index_content", "mimetype"])
        texts = {
            doc.id: [
                doc.name,
                doc.doc_number,
                doc.serial_no,
                doc.sender_org,
                doc.sender_number,
                html_to_text(doc.body),
                *filter(None, map(attachment_text, doc.attachment_ids.sorted("id"))),
            ]
            for doc in docs
        }
        by_origin = {doc._origin.id: doc.id for doc in docs}
        for attachment in main_files:
            text = attachment_text(attachment)
            if text and attachment.res_id in by_origin:
                texts[by_origin[attachment.res_id]].append(text)
        return texts


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _index(self, bin_data, file_type, checksum=None):
        """Index text files with their Chinese: base keeps ASCII runs only."""
        if bin_data and (file_type or "").startswith("text/"):
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    return bin_data.decode(encoding).replace("\x00", "")
                except UnicodeDecodeError:
                    continue
        return super()._index(bin_data, file_type, checksum=checksum)
