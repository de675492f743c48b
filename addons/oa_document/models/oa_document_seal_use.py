# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError


class OaDocumentSealUse(models.Model):
    """用印登记: one press of a seal on a document, with the fingerprint of the file.

    Rows are written once, by the seal action (with sudo), and never changed
    or deleted: the SHA-256 of the sealed PDF taken when it was stored lets
    anyone check later that the file was not altered.
    """

    _name = "oa.document.seal.use"
    _description = "Seal Use"
    _order = "date desc, id desc"
    _rec_name = "file_name"

    seal_id = fields.Many2one(
        "oa.document.seal", required=True, ondelete="restrict", index=True
    )
    document_id = fields.Many2one(
        "oa.document", required=True, ondelete="restrict", index=True
    )
    doc_number = fields.Char(related="document_id.doc_number", string="Document No.")
    user_id = fields.Many2one(
        "res.users", string="Sealed By", required=True, ondelete="restrict"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    attachment_id = fields.Many2one(
        "ir.attachment", string="Sealed File", required=True, ondelete="restrict"
    )
    file_name = fields.Char(required=True)
    sha256 = fields.Char(string="SHA-256", required=True)
    company_id = fields.Many2one(related="document_id.company_id", store=True)

    def write(self, vals):
        if self:
            raise UserError(
                self.env._("The seal log is kept as written: it cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("The seal log is kept as written: it cannot be deleted.")
        )

    @api.model
    def _hash(self, content):
        return hashlib.sha256(content or b"").hexdigest()

    def _verify_content(self, content):
        """Whether ``content`` (bytes) is the file that was sealed."""
        self.ensure_one()
        return self._hash(content) == self.sha256

    def _verify(self):
        """Whether the stored sealed file still has the fingerprint recorded."""
        self.ensure_one()
        return self._verify_content(self.attachment_id.sudo().raw)

    def action_verify(self):
        """Recompute the SHA-256 of the sealed file and say whether it matches."""
        self.ensure_one()
        ok = self._verify()
        if ok:
            message = self.env._(
                "%(file)s is intact: its SHA-256 matches the seal log (%(seal)s, "
                "%(user)s, %(date)s).",
                file=self.file_name,
                seal=self.seal_id.name,
                user=self.user_id.name,
                date=fields.Datetime.context_timestamp(self, self.date).strftime(
                    "%Y-%m-%d %H:%M"
                ),
            )
        else:
            message = self.env._(
                "%(file)s was altered after it was sealed: its SHA-256 no longer "
                "matches the seal log. Do not use this file.",
                file=self.file_name,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Seal verification"),
                "message": message,
                "type": "success" if ok else "danger",
                "sticky": not ok,
            },
        }
