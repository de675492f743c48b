# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from urllib.parse import quote

from odoo import models
from odoo.exceptions import AccessError, UserError


class OaArchiveFile(models.Model):
    """Opening a file of the archives: checked at the moment it is opened and
    written to the audit log (who opened which file)."""

    _inherit = "oa.archive.file"

    def action_open(self):
        """Open (download) the file after checking the user may read it now."""
        self.ensure_one()
        self._check_open_access()
        item = self.sudo().item_id
        self.env["oa.audit.log"].sudo()._log_event(
            "archive_access",
            self.env._(
                "Opened %(file)s of %(code)s %(title)s",
                file=self.file_name or self.name,
                code=item.archival_code or "",
                title=item.name,
            ),
            record=self,
        )
        file_name = quote(self.file_name or self.name or "file")
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/oa.archive.file/{self.id}/file/{file_name}"
            "?download=true",
            "target": "download",
        }

    def _check_open_access(self):
        """Raise unless the current user may read the content of ``self`` now.

        Record rules let a borrower read the files of an electronic loan while
        it is on loan; the expiry cron ends it within minutes of its due time.
        Here the due time itself is checked, so a file is never opened after it.
        """
        self.ensure_one()
        self.check_access("read")
        item = self.sudo().item_id
        if self.removed or item.content_removed:
            raise UserError(
                self.env._(
                    "The content of %(code)s was destroyed; only its catalogue "
                    "entry is kept.",
                    code=item.archival_code or item.name,
                )
            )
        if not self.sudo().with_context(bin_size=True).file:
            raise UserError(self.env._("%(file)s has no content.", file=self.name))
        user = self.env.user
        if self.env.su or user.has_group("oa_archive.group_oa_archivist"):
            return
        if user.has_group("oa_base.group_oa_clerk") and (
            item.state in ("proposed", "excluded") or item.filed_by_id == user
        ):
            return
        if not self.env["oa.archive.loan"]._get_running_loans(item, user):
            raise AccessError(
                self.env._(
                    "You have no running loan of %(code)s: an electronic loan "
                    "gives access until its due time only.",
                    code=item.archival_code or item.name,
                )
            )
