# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.full_text import ensure_search_column, full_text_domain, make_search_tokens


class OaFullTextMixin(models.AbstractModel):
    """Chinese full-text search (see ``oa_document_search``) for a model.

    The model gets ``search_tokens`` (bigram tokens, kept in a generated
    tsvector column with a GIN index named ``<table>_search_tsv_idx``) and a
    ``full_text`` search field. It implements ``_get_search_texts`` and
    overrides ``_compute_search_tokens`` only to declare what the texts depend
    on.
    """

    _name = "oa.full.text.mixin"
    _description = "Full-Text Search Mixin"

    search_tokens = fields.Text(
        compute="_compute_search_tokens",
        store=True,
        copy=False,
        prefetch=False,
        groups="base.group_system",
        help="Character bigrams and words of the record's texts, for the full-text "
        "index.",
    )
    full_text = fields.Char(
        compute="_compute_full_text",
        search="_search_full_text",
        help="Search the record's texts; Chinese words of any length.",
    )

    def init(self):
        res = super().init()
        if not self._abstract:
            ensure_search_column(
                self.env.cr, self._table, f"{self._table}_search_tsv_idx"
            )
        return res

    def _get_search_texts(self):
        """``{record id: [text, ...]}`` for the batch, in reading order."""
        return {}

    def _compute_search_tokens(self):
        texts = self._get_search_texts()
        for record in self:
            record.search_tokens = make_search_tokens(texts.get(record.id, ()))

    def _refresh_search_tokens(self):
        """Rebuild the tokens now (e.g. after an attachment's file changed)."""
        self.env.add_to_compute(self._fields["search_tokens"], self)
        self.flush_recordset(["search_tokens"])
        return True

    @api.model
    def _refresh_missing_search_tokens(self, batch_size=1000):
        """Build the tokens of records that have none; returns their number."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE search_tokens IS NULL ORDER BY id",
                SQL.identifier(self._table),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        for start in range(0, len(ids), batch_size):
            batch = self.sudo().browse(ids[start : start + batch_size])
            batch._refresh_search_tokens()
            batch.invalidate_recordset()
        return len(ids)

    def _compute_full_text(self):
        self.full_text = False

    def _search_full_text(self, operator, value):
        return full_text_domain(self, operator, value)
