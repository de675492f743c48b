# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.full_text import INDEX_NAME

# A probe that pg_trgm cuts into trigrams only when Chinese characters are
# word characters for the database's LC_CTYPE (PERFORMANCE.md fact 2).
TRGM_PROBE = "关于印发公文处理办法的通知"


class OaDocumentSearchCheck(models.TransientModel):
    """What the database does to Chinese search, and how to fix it.

    The same diagnosis is logged as warnings when the module is installed
    (``hooks.post_init_hook``).
    """

    _name = "oa.document.search.check"
    _description = "Chinese Search Check"

    lc_ctype = fields.Char(string="Character Type (LC_CTYPE)", compute="_compute_check")
    lc_collate = fields.Char(string="Collation (LC_COLLATE)", compute="_compute_check")
    server_encoding = fields.Char(string="Encoding", compute="_compute_check")
    has_pg_trgm = fields.Boolean(string="pg_trgm Installed", compute="_compute_check")
    trigram_cjk = fields.Boolean(
        string="Trigrams Cover Chinese", compute="_compute_check"
    )
    search_index = fields.Boolean(
        string="Full-Text Index Present", compute="_compute_check"
    )
    pdf_indexing = fields.Boolean(
        string="PDF Attachments Indexed", compute="_compute_check"
    )
    missing_tokens = fields.Integer(
        string="Documents Not Indexed", compute="_compute_check"
    )
    state = fields.Selection(
        [("ok", "All Good"), ("warning", "Problems Found")], compute="_compute_check"
    )
    diagnosis = fields.Text(compute="_compute_check")

    def _compute_check(self):
        values, problems = self._diagnose()
        for wizard in self:
            wizard.update(values)
            wizard.state = "warning" if problems else "ok"
            wizard.diagnosis = "\n\n".join(problems) or self.env._(
                "Chinese search is fully served: trigram indexes cover Chinese and "
                "the full-text index is in place."
            )

    @api.model
    def _diagnose(self):
        """``(values, problems)``: the facts, and each problem with its fix."""
        _ = self.env._
        cr = self.env.cr
        cr.execute(SQL("SHOW lc_ctype"))
        ctype = cr.fetchone()[0]
        cr.execute(SQL("SHOW lc_collate"))
        collate = cr.fetchone()[0]
        cr.execute(SQL("SHOW server_encoding"))
        encoding = cr.fetchone()[0]
        cr.execute(SQL("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
        has_trgm = bool(cr.fetchone())
        trigram_cjk = False
        if has_trgm:
            cr.execute(SQL("SELECT cardinality(show_trgm(%s)) > 0", TRGM_PROBE))
            trigram_cjk = cr.fetchone()[0]
        cr.execute(SQL("SELECT 1 FROM pg_class WHERE relname = %s", INDEX_NAME))
        has_index = bool(cr.fetchone())
        self.env["oa.document"].flush_model(["search_tokens"])
        cr.execute(SQL("SELECT count(*) FROM oa_document WHERE search_tokens IS NULL"))
        missing = cr.fetchone()[0]
        indexation = (
            self.env["ir.module.module"]
            .sudo()
            .search_count(
                [
                    ("name", "=", "attachment_indexation"),
                    ("state", "in", ("installed", "to upgrade")),
                ]
            )
        )
        pdf = bool(indexation and importlib.util.find_spec("pdfminer"))
        problems = []
        if encoding.upper() not in ("UTF8", "UTF-8"):
            problems.append(
                _(
                    "The database encoding is %(encoding)s, not UTF8: Chinese text "
                    "cannot be stored reliably. Create the database with ENCODING "
                    "'UTF8' and restore a dump into it.",
                    encoding=encoding,
                )
            )
        ctype_fix = _(
            "Fix: create a database with a UTF-8 character type, e.g. "
            "'createdb -T template0 -E UTF8 --lc-collate=C --lc-ctype=C.UTF-8 "
            "NEWDB' (or zh_CN.UTF-8), restore a dump of this one into it and "
            "point Odoo to it; LC_CTYPE cannot be changed on an existing database."
        )
        if ctype.upper() in ("C", "POSIX"):
            problems.append(
                _(
                    "The database's LC_CTYPE is %(ctype)s: pg_trgm then treats "
                    "Chinese characters as non-word characters, so the trigram "
                    "indexes on document numbers and titles ignore Chinese and "
                    "'contains' searches on them read the whole table. The "
                    "full-text search (bigram index) still works. %(fix)s",
                    ctype=ctype,
                    fix=ctype_fix,
                )
            )
        elif has_trgm and not trigram_cjk:
            problems.append(
                _(
                    "pg_trgm extracts no trigram from Chinese text under LC_CTYPE "
                    "%(ctype)s: the trigram indexes on document numbers and titles "
                    "ignore Chinese. The full-text search (bigram index) still "
                    "works. %(fix)s",
                    ctype=ctype,
                    fix=ctype_fix,
                )
            )
        if not has_trgm:
            problems.append(
                _(
                    "The pg_trgm extension is not installed in this database: Odoo "
                    "silently skipped every trigram index (fields with "
                    "index='trigram'), so 'contains' searches on document numbers "
                    "read the whole table. The full-text search (bigram index) does "
                    "not need it. Fix: as a PostgreSQL superuser run 'CREATE "
                    "EXTENSION pg_trgm;' in this database, then update the module "
                    "(-u oa_document) so that Odoo creates the missing indexes."
                )
            )
        if not has_index:
            problems.append(
                _(
                    "The full-text index %(index)s is missing: update the module "
                    "(-u oa_document) to create it.",
                    index=INDEX_NAME,
                )
            )
        if missing:
            problems.append(
                _(
                    "%(count)s document(s) have no search tokens yet and cannot be "
                    "found by full-text search: use 'Index Missing Documents'.",
                    count=missing,
                )
            )
        if not pdf:
            problems.append(
                _(
                    "The text of PDF and Office attachments is not indexed: install "
                    "the Python library pdfminer.six and the module "
                    "attachment_indexation. Plain-text attachments are indexed "
                    "anyway."
                )
            )
        values = {
            "lc_ctype": ctype,
            "lc_collate": collate,
            "server_encoding": encoding,
            "has_pg_trgm": has_trgm,
            "trigram_cjk": trigram_cjk,
            "search_index": has_index,
            "pdf_indexing": pdf,
            "missing_tokens": missing,
        }
        return values, problems

    def action_index_missing(self):
        """Build the tokens of the documents that have none."""
        self.env["oa.document"]._refresh_missing_search_tokens()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Chinese Search Check"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
        }
