# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo import api, fields, models

from .oa_archive_retention_rule import RETENTION_YEARS, RETENTIONS

DECISIONS = [
    ("destroy", "Destroy (销毁)"),
    ("extend", "Extend Retention (延长保管期限)"),
    ("keep", "Keep (继续保存)"),
]
# Order of the retentions, shortest first: an extension goes up this list.
RETENTION_RANK = {"D10": 1, "D30": 2, "Y": 3}


class OaArchiveAppraisalLine(models.Model):
    """One item of an appraisal and what to do with it.

    The catalogue values (档号, 题名, 日期, 保管期限, 页数) are stored on the line
    so that the destruction register reads the same whoever prints it.
    """

    _name = "oa.archive.appraisal.line"
    _description = "Appraisal Line (鉴定明细)"
    _order = "appraisal_id, archival_code, id"

    appraisal_id = fields.Many2one(
        "oa.archive.appraisal", required=True, ondelete="cascade", index=True
    )
    item_id = fields.Many2one(
        "oa.archive.item", string="Item", required=True, ondelete="restrict", index=True
    )
    archival_code = fields.Char(
        string="Archival Code (档号)", related="item_id.archival_code", store=True
    )
    name = fields.Char(string="Title (题名)", related="item_id.name", store=True)
    doc_number = fields.Char(
        string="Document No. (文号)", related="item_id.doc_number", store=True
    )
    date = fields.Date(string="Date (日期)", related="item_id.date", store=True)
    year = fields.Integer(string="Year (年度)", related="item_id.year", store=True)
    pages = fields.Integer(string="Pages (页数)", related="item_id.pages", store=True)
    retention = fields.Selection(
        RETENTIONS,
        string="Retention (保管期限)",
        compute="_compute_retention",
        store=True,
        help="The retention the item had when it was appraised (an earlier "
        "extension included).",
    )
    retention_until = fields.Date(
        string="Retained Until", compute="_compute_retention", store=True
    )
    decision = fields.Selection(
        DECISIONS, required=True, default="destroy", string="Decision (鉴定结论)"
    )
    new_retention = fields.Selection(
        RETENTIONS,
        help="For an extension: the longer retention the item now has.",
    )
    new_retention_until = fields.Date(
        string="Extended Until", compute="_compute_new_retention_until"
    )
    reason = fields.Text(
        string="Reason (理由)",
        help="Why the item is destroyed or kept longer; the appraisal's opinion "
        "applies when empty.",
    )
    state = fields.Selection(related="appraisal_id.state", string="Status")
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "item_uniq",
            "unique(appraisal_id, item_id)",
            "An item is listed once per appraisal.",
        )
    ]

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("item_id")
    def _compute_retention(self):
        # Taken when the item joins the appraisal, not recomputed afterwards:
        # the register shows the retention that was appraised.
        for line in self:
            item = line.item_id.sudo()
            line.retention = item.retention_extended or item.retention
            line.retention_until = (
                item.retention_extended_until
                if item.retention_extended
                else item.retention_until
            )

    @api.depends("new_retention", "year")
    def _compute_new_retention_until(self):
        for line in self:
            years = RETENTION_YEARS.get(line.new_retention)
            line.new_retention_until = (
                datetime.date(line.year + years, 12, 31)
                if years and line.year
                else False
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.appraisal_id._check_editable()
        return lines

    def write(self, vals):
        self.appraisal_id._check_editable()
        res = super().write(vals)
        if "appraisal_id" in vals:
            self.appraisal_id._check_editable()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        self.appraisal_id._check_editable()

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _get_problems(self):
        """Every reason why these lines cannot go for approval, as text."""
        problems = []
        today = fields.Date.context_today(self)
        has_opinion = bool((self.appraisal_id.opinion or "").strip())
        for line in self:
            code = line.archival_code or line.name
            item = line.item_id.sudo()
            if item.state != "filed":
                problems.append(
                    self.env._(
                        "%(code)s is not a filed item (destroyed already?).", code=code
                    )
                )
            if line.decision in ("destroy", "extend") and not (
                (line.reason or "").strip() or has_opinion
            ):
                problems.append(
                    self.env._(
                        "%(code)s: give the reason for the decision (or the "
                        "appraisal's opinion).",
                        code=code,
                    )
                )
            if line.decision == "destroy" and not line.retention_until:
                problems.append(
                    self.env._(
                        "%(code)s is kept permanently: it cannot be destroyed.",
                        code=code,
                    )
                )
            elif line.decision == "destroy" and line.retention_until >= today:
                problems.append(
                    self.env._(
                        "%(code)s is retained until %(date)s: it cannot be "
                        "destroyed before.",
                        code=code,
                        date=line.retention_until,
                    )
                )
            if line.decision == "extend":
                current = RETENTION_RANK.get(line.retention, 0)
                if not line.new_retention:
                    problems.append(
                        self.env._("%(code)s: choose the new retention.", code=code)
                    )
                elif RETENTION_RANK[line.new_retention] <= current:
                    problems.append(
                        self.env._(
                            "%(code)s: an extension must be longer than the current "
                            "retention.",
                            code=code,
                        )
                    )
                elif line.new_retention_until and line.new_retention_until < today:
                    problems.append(
                        self.env._(
                            "%(code)s: the new retention would have ended already "
                            "(%(date)s); choose a longer one.",
                            code=code,
                            date=line.new_retention_until,
                        )
                    )
        return problems
