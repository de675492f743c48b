# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""督办: the office puts documents under supervision; reminders follow urgency.

The board itself is the SQL view ``oa.document.overdue.report``. A daily cron
urges (催办) the current handlers of supervised running documents that have an
overdue to-do, once every N days, N by urgency (very urgent 1, urgent 2,
normal 5; ``ir.config_parameter`` ``oa_document.supervision_interval_<urgency>``).
"""

import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

SUPERVISION_FIELDS = (
    "supervised",
    "supervisor_id",
    "supervision_note",
    "last_supervision_reminder",
)
DEFAULT_INTERVALS = {"very_urgent": 1, "urgent": 2, "normal": 5}


class OaDocument(models.Model):
    _inherit = "oa.document"

    supervised = fields.Boolean(
        string="Supervised (督办)", tracking=True, copy=False, index=True
    )
    supervisor_id = fields.Many2one(
        "res.users",
        string="Supervisor (督办人)",
        tracking=True,
        copy=False,
        help="Who follows the document up; reminders are sent in their name when "
        "they belong to the office.",
    )
    supervision_note = fields.Text(string="Supervision Note (督办要求)", copy=False)
    last_supervision_reminder = fields.Datetime(copy=False, readonly=True)
    can_supervise = fields.Boolean(compute="_compute_can_supervise")

    @api.depends_context("uid")
    def _compute_can_supervise(self):
        self.can_supervise = self.env.user.has_group("oa_base.group_oa_office")

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("supervised") for vals in vals_list):
            self._check_supervision_rights()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) & set(SUPERVISION_FIELDS):
            self._check_supervision_rights()
        return super().write(vals)

    def _check_supervision_rights(self):
        if not self.env.su and not self.env.user.has_group("oa_base.group_oa_office"):
            raise AccessError(
                self.env._("Only the office puts documents under supervision (督办).")
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_supervise(self):
        """督办: the office follows the document up until it is done."""
        self._check_supervision_rights()
        for doc in self:
            if doc.state in ("done", "cancelled"):
                raise UserError(
                    self.env._(
                        "%(doc)s is no longer being handled; it cannot be supervised.",
                        doc=doc.name,
                    )
                )
        for doc in self.filtered(lambda d: not d.supervised):
            doc.write(
                {
                    "supervised": True,
                    "supervisor_id": (doc.supervisor_id or self.env.user).id,
                    "last_supervision_reminder": False,
                }
            )
        return True

    def action_unsupervise(self):
        self._check_supervision_rights()
        self.filtered("supervised").write({"supervised": False})
        return True

    # ------------------------------------------------------------
    # Scheduled: reminders that follow urgency
    # ------------------------------------------------------------

    @api.model
    def _get_supervision_intervals(self):
        """Days between two reminders, by urgency."""
        params = self.env["ir.config_parameter"].sudo()
        intervals = {}
        for urgency, default in DEFAULT_INTERVALS.items():
            value = params.get_param(f"oa_document.supervision_interval_{urgency}")
            try:
                intervals[urgency] = max(1, int(value)) if value else default
            except ValueError:
                _logger.warning(
                    "Invalid oa_document.supervision_interval_%s %r; using %s days.",
                    urgency,
                    value,
                    default,
                )
                intervals[urgency] = default
        return intervals

    @api.model
    def _get_supervision_due(self, now, limit):
        """Ids of the supervised documents to remind now (one query).

        Running documents whose current step has an overdue pending to-do and
        that were not reminded during the last N days (calendar days in the
        company's time zone; N by urgency).
        """
        intervals = self._get_supervision_intervals()
        tz = (
            self.env.company.resource_calendar_id.tz
            or self.env.user.tz
            or "Asia/Shanghai"
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT d.id
                  FROM oa_document d
                  JOIN oa_flow f ON f.id = d.oa_flow_id AND f.state = 'running'
                 WHERE d.supervised
                   AND d.state = 'running'
                   AND EXISTS (
                        SELECT 1 FROM oa_workitem w
                         WHERE w.flow_id = f.id
                           AND w.step_id = f.current_step_id
                           AND w.kind = 'todo'
                           AND w.state = 'pending'
                           AND w.deadline < %(now)s)
                   AND (d.last_supervision_reminder IS NULL
                        OR (timezone(%(tz)s, d.last_supervision_reminder
                                     AT TIME ZONE 'UTC'))::date
                           <= (timezone(%(tz)s, %(now)s AT TIME ZONE 'UTC'))::date
                              - CASE d.urgency
                                    WHEN 'very_urgent' THEN %(very_urgent)s
                                    WHEN 'urgent' THEN %(urgent)s
                                    ELSE %(normal)s
                                END)
                 ORDER BY d.id
                 LIMIT %(limit)s
                """,
                now=now,
                tz=tz,
                limit=limit,
                **intervals,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _cron_supervision_reminders(self, batch_size=500):
        """Urge the handlers of overdue supervised documents at their cadence.

        One query finds the documents due; each flow is then urged through the
        engine (``oa.flow.action_urge``: counted, traced, notified) in the name
        of its supervisor when they are in the office, else as the system; the
        reminder time of the whole batch is written at once.
        """
        now = fields.Datetime.now()
        ids = self._get_supervision_due(now, batch_size)
        docs = self.sudo().browse(ids)
        root = self.env["res.users"].browse(SUPERUSER_ID)
        message = self.env._("Supervision reminder (督办催办)")
        urged = self.browse()
        for doc in docs:
            supervisor = doc.supervisor_id
            urger = (
                supervisor
                if supervisor.active and supervisor.has_group("oa_base.group_oa_office")
                else root
            )
            try:
                doc.oa_flow_id.with_user(urger).action_urge(message=message)
                urged |= doc
            except (UserError, AccessError) as error:
                _logger.info("Supervision reminder skipped for %s: %s", doc, error)
        docs.write({"last_supervision_reminder": now})
        if len(ids) == batch_size:
            self.env.ref("oa_document.ir_cron_oa_document_supervision")._trigger()
        return urged
