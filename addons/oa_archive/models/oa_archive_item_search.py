# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Chinese full-text search over the catalogue and the text of the files.

The same bigram tokens, generated tsvector column and GIN index as official
documents (``oa_document.models.oa_document_search``): an item's tokens come
from its catalogue entry (题名, 档号, 文号, 责任者, 主题词, 备注) and the indexed
text of its files. Files are sealed once the item is filed, so the tokens
follow the files while the item waits to be filed, and again when a
destruction removes their content.
"""

from odoo import api, fields, models

from odoo.addons.oa_document.tools.full_text import attachment_text

INDEX_NAME = "oa_archive_item_search_tsv_idx"


class OaArchiveItem(models.Model):
    _name = "oa.archive.item"
    _inherit = ["oa.archive.item", "oa.full.text.mixin"]

    search_tokens = fields.Text(
        help="Character bigrams and words of the catalogue entry and of the text "
        "of the files, for the full-text index.",
    )
    full_text = fields.Char(
        help="Search the title, archival code, document number, author, keywords, "
        "remarks and the text of the files; Chinese words of any length.",
    )

    @api.depends(
        "name",
        "archival_code",
        "doc_number",
        "author",
        "keywords",
        "note",
        "file_ids.name",
        "file_ids.file",
    )
    def _compute_search_tokens(self):
        return super()._compute_search_tokens()

    def _get_search_texts(self):
        """The catalogue entry, then the titles and indexed text of the files
        in their order, read as superuser in two queries for the batch."""
        items = self.sudo()
        files = items.file_ids
        file_ids = [file_id for file_id in files._origin.ids if file_id]
        contents = {}
        if file_ids:
            attachments = (
                self.env["ir.attachment"]
                .sudo()
                .search(
                    [
                        ("res_model", "=", files._name),
                        ("res_field", "=", "file"),
                        ("res_id", "in", file_ids),
                    ]
                )
            )
            attachments.fetch(["index_content", "mimetype", "res_id"])
            for attachment in attachments:
                text = attachment_text(attachment)
                if text:
                    contents[attachment.res_id] = text
        texts = {}
        for item in items:
            parts = texts[item.id] = [
                item.name,
                item.archival_code,
                item.doc_number,
                item.author,
                item.keywords,
                item.note,
            ]
            for file in item.file_ids:
                parts.append(file.name)
                if file._origin.id in contents:
                    parts.append(contents[file._origin.id])
        return texts
