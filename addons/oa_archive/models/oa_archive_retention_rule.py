# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.oa_document.models.oa_document import DOC_TYPES

RETENTIONS = [
    ("Y", "Permanent (永久)"),
    ("D30", "30 Years (定期30年)"),
    ("D10", "10 Years (定期10年)"),
]
RETENTION_YEARS = {"Y": None, "D30": 30, "D10": 10}


class OaArchiveRetentionRule(models.Model):
    """One line of the unit's 归档范围和保管期限表 (国家档案局8号令): which
    records are filed, and for how long.

    A record takes the most specific matching line: its document kind first,
    then its type (收文/发文/签报), then its source model; among equals, the
    lowest sequence. A line may say the records it covers are not filed
    (不归档范围); the clerk still decides.
    """

    _name = "oa.archive.retention.rule"
    _description = "Retention Schedule Line (保管期限表)"
    _order = "sequence, id"

    name = fields.Char(string="Records Covered (归档范围)", required=True)
    sequence = fields.Integer(default=10)
    model_id = fields.Many2one(
        "ir.model",
        string="Source",
        ondelete="cascade",
        domain=[("model", "in", ("oa.document", "oa.approval.request", "oa.notice"))],
        help="Records of this kind; empty: any OA record.",
    )
    doc_type = fields.Selection(DOC_TYPES, string="Document Type")
    kind_id = fields.Many2one("oa.document.kind", string="Document Kind (文种)")
    retention = fields.Selection(
        RETENTIONS, string="Retention (保管期限)", default="D30", required=True
    )
    exclude = fields.Boolean(
        string="Not Filed (不归档)",
        help="Records covered by this line are proposed as not to be filed.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    @api.model
    def _find(self, record, rules=None):
        """The line that applies to ``record`` (an empty recordset if none),
        among ``rules`` when given (the lines searched once for a batch)."""
        company = (
            record.company_id if "company_id" in record._fields else self.env.company
        ) or self.env.company
        if rules is None:
            rules = self.search([("company_id", "=", company.id)])
        else:
            rules = rules.filtered(lambda rule: rule.company_id == company)
        kind = record.kind_id if "kind_id" in record._fields else None
        doc_type = record.doc_type if "doc_type" in record._fields else None
        best, best_score = self.browse(), -1
        for rule in rules:
            if rule.model_id and rule.model_id.model != record._name:
                continue
            if rule.kind_id and rule.kind_id != kind:
                continue
            if rule.doc_type and rule.doc_type != doc_type:
                continue
            score = (
                4 * bool(rule.kind_id) + 2 * bool(rule.doc_type) + bool(rule.model_id)
            )
            if score > best_score:
                best, best_score = rule, score
        return best
