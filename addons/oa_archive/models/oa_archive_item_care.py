# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .oa_archive_retention_rule import RETENTION_YEARS, RETENTIONS

# Appraisals that still hold their items (not finished, refused or cancelled).
OPEN_APPRAISAL_STATES = ("draft", "pending", "approved")


class OaArchiveItem(models.Model):
    """Care of the archives (鉴定, 销毁) on the archived item.

    An item is due for appraisal the day after its retention ends. An approved
    appraisal may extend its retention — the archival code keeps the retention
    the item was filed with (DA/T 22-2015), the extension is recorded beside
    it and in the remarks — or have it destroyed: the content goes, the
    catalogue entry, the handling record and the appraisal (with who approved
    it) stay.
    """

    _inherit = "oa.archive.item"

    appraisal_line_ids = fields.One2many(
        "oa.archive.appraisal.line", "item_id", string="Appraisals", readonly=True
    )
    appraisal_id = fields.Many2one(
        "oa.archive.appraisal",
        string="Last Appraisal (鉴定)",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    date_appraised = fields.Date(string="Appraised On", readonly=True, copy=False)
    retention_extended = fields.Selection(
        RETENTIONS,
        string="Extended Retention",
        readonly=True,
        copy=False,
        tracking=True,
        help="The retention an appraisal extended the item to. The archival code "
        "keeps the retention the item was filed with.",
    )
    retention_extended_until = fields.Date(
        string="Extended Until",
        compute="_compute_retention_extended_until",
        store=True,
        help="The last day of the extended retention; empty when permanent.",
    )
    appraisal_due_date = fields.Date(
        string="Due for Appraisal On",
        compute="_compute_appraisal_due_date",
        store=True,
        index="btree_not_null",
        help="The day after the retention (or the extended retention) ends, "
        "unless an appraisal has decided to keep the item since.",
    )
    is_appraisal_due = fields.Boolean(
        string="Due for Appraisal",
        compute="_compute_is_appraisal_due",
        search="_search_is_appraisal_due",
    )
    date_destroyed = fields.Date(string="Destroyed On", readonly=True, copy=False)

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("year", "retention_extended")
    def _compute_retention_extended_until(self):
        for item in self:
            years = RETENTION_YEARS.get(item.retention_extended)
            item.retention_extended_until = (
                datetime.date(item.year + years, 12, 31)
                if years and item.year
                else False
            )

    @api.depends(
        "retention_until",
        "retention_extended",
        "retention_extended_until",
        "date_appraised",
    )
    def _compute_appraisal_due_date(self):
        for item in self:
            until = (
                item.retention_extended_until
                if item.retention_extended
                else item.retention_until
            )
            if not until or (item.date_appraised and item.date_appraised > until):
                item.appraisal_due_date = False
            else:
                item.appraisal_due_date = until + timedelta(days=1)

    @api.depends("state", "appraisal_due_date")
    def _compute_is_appraisal_due(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.is_appraisal_due = bool(
                item.state == "filed"
                and item.appraisal_due_date
                and item.appraisal_due_date <= today
            )

    def _search_is_appraisal_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on items due."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return [("state", "=", "filed"), ("appraisal_due_date", "<=", today)]
        return [
            "|",
            "|",
            ("state", "!=", "filed"),
            ("appraisal_due_date", "=", False),
            ("appraisal_due_date", ">", today),
        ]

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_appraise(self):
        """鉴定: a new appraisal of these items (filed, in no open appraisal)."""
        self._check_archivist()
        problems = []
        not_filed = self.filtered(lambda i: i.state != "filed")
        if not_filed:
            problems.append(
                self.env._(
                    "Only filed items are appraised: %(items)s.",
                    items=", ".join(not_filed.mapped("name")),
                )
            )
        busy = self.appraisal_line_ids.filtered(
            lambda line: line.appraisal_id.state in OPEN_APPRAISAL_STATES
        )
        for line in busy:
            problems.append(
                self.env._(
                    "%(code)s is already in the appraisal %(appraisal)s.",
                    code=line.item_id.archival_code,
                    appraisal=line.appraisal_id.name,
                )
            )
        if not self:
            problems.append(self.env._("Select the items to appraise."))
        if problems:
            raise UserError(
                self.env._(
                    "No appraisal was created:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
        appraisal = self.env["oa.archive.appraisal"].create(
            {
                "line_ids": [
                    (0, 0, {"item_id": item.id})
                    for item in self.sorted(lambda i: (i.archival_code or "", i.id))
                ]
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.archive.appraisal",
            "res_id": appraisal.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_open_appraisal(self):
        self.ensure_one()
        if not self.appraisal_id:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.archive.appraisal",
            "res_id": self.appraisal_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _add_note(self, text):
        """Append ``text`` to the remarks (备注) of each item, as superuser."""
        items = self.sudo()
        blank = items.filtered(lambda i: not i.note)
        blank.write({"note": text})
        for item in items - blank:
            item.write({"note": f"{item.note}；{text}"})
