# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import UserError


class OaArchiveItem(models.Model):
    """Export side of the items: the four-property check of a selection and
    the download of one item's DA/T 48 package (archivists)."""

    _inherit = "oa.archive.item"

    def action_check(self):
        """四性检测 of the selected filed items; opens the check."""
        check = self.env["oa.archive.check"]._run(self, stage="storage")
        return check._get_form_action()

    def action_export_eep(self):
        """Download the item's electronic file package (EEP)."""
        self.ensure_one()
        self._check_archivist()
        if self.state != "filed":
            raise UserError(
                self.env._(
                    "%(item)s is not filed: only filed items are packaged.",
                    item=self.name,
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/oa_archive/item/{self.id}/eep",
            "target": "download",
        }
