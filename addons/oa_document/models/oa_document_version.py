# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import difflib

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext


class OaDocumentVersion(models.Model):
    """A kept version of a document's content (痕迹保留).

    One row each time a step receives the document, so who changed what between
    two steps is visible; ``clean``/``marked`` rows are the 清稿 and the
    marked-up copy kept beside it. Rows are never changed.
    """

    _name = "oa.document.version"
    _description = "Document Version"
    _order = "document_id, id"

    document_id = fields.Many2one(
        "oa.document", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [
            ("received", "Received by a Step"),
            ("marked", "Marked-up (花脸稿)"),
            ("clean", "Clean Copy (清稿)"),
        ],
        required=True,
        default="received",
    )
    step_name = fields.Char(string="Step")
    author_id = fields.Many2one("res.users", string="Passed On By")
    title = fields.Char()
    body = fields.Html(sanitize_style=True)
    main_file = fields.Binary(attachment=True)
    main_file_name = fields.Char()
    content_hash = fields.Char()
    previous_id = fields.Many2one(
        "oa.document.version", compute="_compute_previous", string="Previous Version"
    )
    changed = fields.Boolean(compute="_compute_previous")
    diff_html = fields.Html(compute="_compute_diff_html", sanitize=False)

    @api.depends("document_id", "content_hash")
    def _compute_previous(self):
        for version in self:
            earlier = version.document_id.version_ids.filtered(
                lambda v, version=version: v.id < version.id and v.kind != "marked"
            )
            version.previous_id = earlier[-1:]
            version.changed = bool(
                earlier and earlier[-1].content_hash != version.content_hash
            )

    @api.depends("body", "title")
    def _compute_diff_html(self):
        for version in self:
            if version.kind == "marked":
                base = version.document_id.version_ids[:1]
            else:
                base = version.previous_id
            version.diff_html = self._diff(
                base and base._plain() or "", version._plain()
            )

    def _plain(self):
        self.ensure_one()
        return "\n".join([self.title or "", html2plaintext(self.body or "")])

    @api.model
    def _diff(self, old, new):
        """Inserted text in green, deleted text struck through in red."""
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        out = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("delete", "replace"):
                out.append(
                    Markup('<del class="text-danger">%s</del>') % escape(old[i1:i2])
                )
            if tag in ("insert", "replace"):
                out.append(
                    Markup('<ins class="text-success">%s</ins>') % escape(new[j1:j2])
                )
            if tag == "equal":
                out.append(escape(new[j1:j2]))
        return Markup('<div style="white-space: pre-wrap">%s</div>') % Markup("").join(
            out
        )

    def write(self, vals):
        if not self.env.context.get("oa_version_system"):
            raise UserError(self.env._("Kept versions cannot be changed."))
        return super().write(vals)
