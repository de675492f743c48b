# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaArchiveCatalogue(models.Model):
    """Full-text search on the open catalogue: an entry's id is its item's,
    so the item's bigram index serves it (no tsvector in the view)."""

    _inherit = "oa.archive.catalogue"

    full_text = fields.Char(
        compute="_compute_full_text",
        search="_search_full_text",
        help="Search the title, archival code, document number, author, keywords, "
        "remarks and the text of the files; Chinese words of any length.",
    )

    def _compute_full_text(self):
        self.full_text = False

    def _search_full_text(self, operator, value):
        # ``[("id", "in", <items matching>)]``: the same ids here.
        return self.env["oa.archive.item"]._search_full_text(operator, value)
