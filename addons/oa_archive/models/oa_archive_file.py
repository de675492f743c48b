# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype

FILE_ROLES = [
    ("main", "Main Text (正文)"),
    ("attachment", "Attachment (附件)"),
    ("draft", "Final Draft (定稿)"),
    ("sheet", "Handling Sheet (文件处理单/发文稿纸)"),
    ("reply", "Reply (复文)"),
    ("other", "Other"),
]


class OaArchiveFile(models.Model):
    """One file (文档) of an archived item, with the fingerprint taken when
    the item was filed: the 四性 check compares the stored content with it."""

    _name = "oa.archive.file"
    _description = "Archived File (文档)"
    _order = "item_id, sequence, id"

    item_id = fields.Many2one(
        "oa.archive.item", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    role = fields.Selection(FILE_ROLES, required=True, default="attachment")
    name = fields.Char(string="Title", required=True)
    file = fields.Binary(attachment=True)
    file_name = fields.Char()
    mimetype = fields.Char(string="Format (MIME)", readonly=True)
    file_size = fields.Integer(string="Size (bytes)", readonly=True)
    sha256 = fields.Char(string="SHA-256 at Filing", readonly=True, copy=False)
    pages = fields.Integer()
    removed = fields.Boolean(
        string="Content Destroyed", readonly=True, help="Removed by a destruction."
    )
    item_state = fields.Selection(related="item_id.state")
    company_id = fields.Many2one(related="item_id.company_id", store=True)

    @api.model_create_multi
    def create(self, vals_list):
        files = super().create(vals_list)
        files._check_item_open()
        return files

    def write(self, vals):
        if {"file", "item_id"} & set(vals) and not self.env.context.get(
            "oa_archive_destroying"
        ):
            self._check_item_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_open(self):
        self._check_item_open()

    def _check_item_open(self):
        closed = self.filtered(lambda f: f.item_id.state in ("filed", "destroyed"))
        if closed:
            raise UserError(
                self.env._(
                    "%(code)s is filed: its files are sealed and cannot be added, "
                    "replaced or removed.",
                    code=closed[0].item_id.archival_code,
                )
            )

    def _get_content(self):
        """The stored bytes of the file (as superuser), or ``b""``."""
        self.ensure_one()
        data = self.sudo().with_context(bin_size=False).file
        return base64.b64decode(data) if data else b""

    def _compute_fingerprint(self):
        """Record SHA-256, size and format of the stored content."""
        for record in self:
            content = record._get_content()
            record.write(
                {
                    "sha256": hashlib.sha256(content).hexdigest() if content else False,
                    "file_size": len(content),
                    "mimetype": guess_mimetype(
                        content, default="application/octet-stream"
                    )
                    if content
                    else False,
                }
            )
