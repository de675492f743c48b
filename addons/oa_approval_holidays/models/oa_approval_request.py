# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import (
    SQL,
    float_compare,
    float_is_zero,
    format_date,
    format_duration,
    mute_logger,
)

LEAVE_KINDS = ("leave", "leave_return")

# Leave content the approvers approved: locked once the request is submitted.
LEAVE_LOCKED_FIELDS = {
    "leave_type_id",
    "leave_date_from",
    "leave_date_to",
    "leave_unit_half",
    "leave_date_from_period",
    "leave_unit_hours",
    "leave_hour_from",
    "leave_hour_to",
    "leave_id",
    "leave_return_date",
}


# Recorded by the approved 销假, never typed.
LEAVE_RESULT_FIELDS = {"leave_planned_date_to", "leave_days_returned"}


def format_days(value):
    """``2.5`` for 2.5 days, ``3`` for 3.0: as Time Off shows durations."""
    return "%g" % round(value, 2)


class OaApprovalRequest(models.Model):
    """请假 and 销假 requests, done through Time Off (hr_holidays).

    请假 (kind ``leave``): submitting creates the time off as the requester, so
    Time Off's own balance, overlap and mandatory-day checks hold; the approved
    route validates it through Time Off's approval methods, a refusal refuses
    it and a withdrawal cancels it.

    销假 (kind ``leave_return``): names an approved time off of the requester and
    the day they are back at work; once approved, an early return shortens the
    time off (Time Off recomputes its days, the days not taken go back to the
    balance) and a return on time is only recorded.
    """

    _inherit = "oa.approval.request"

    # ------------------------------------------------------------
    # 请假
    # ------------------------------------------------------------

    leave_type_id = fields.Many2one(
        "hr.leave.type",
        string="Time Off Type",
        tracking=True,
        domain="[('leave_validation_type', '!=', 'no_validation'), "
        "('company_id', 'in', [company_id, False]), "
        "'|', ('requires_allocation', '=', 'no'), "
        "('has_valid_allocation', '=', True)]",
        help="Types that Time Off validates without approval are requested in "
        "Time Off directly.",
    )
    leave_request_unit = fields.Selection(
        related="leave_type_id.request_unit", string="Time Off Unit"
    )
    leave_date_from = fields.Date(string="First Day", tracking=True)
    leave_date_to = fields.Date(string="Last Day", tracking=True)
    leave_unit_half = fields.Boolean(string="Half Day")
    leave_date_from_period = fields.Selection(
        [("am", "Morning"), ("pm", "Afternoon")],
        string="Half of the Day",
        default="am",
    )
    leave_unit_hours = fields.Boolean(string="Custom Hours")
    leave_hour_from = fields.Float(string="From Hour")
    leave_hour_to = fields.Float(string="To Hour")
    leave_id = fields.Many2one(
        "hr.leave",
        string="Time Off",
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="请假: the time off created when the request was submitted. 销假: the "
        "approved time off the requester is back from.",
    )
    leave_state = fields.Selection(related="leave_id.state", string="Time Off Status")
    leave_days = fields.Float(
        string="Days",
        compute="_compute_leave_days",
        store=True,
        help="Working days of the time off, as Time Off counts them.",
    )
    leave_duration_display = fields.Char(
        string="Duration", compute="_compute_leave_duration_display"
    )
    leave_remaining = fields.Float(
        string="Remaining Balance",
        compute="_compute_leave_balance",
        help="Allocated time off of this type less what is taken and requested, "
        "as Time Off counts it (this request included once submitted).",
    )
    leave_allocated = fields.Float(string="Allocated", compute="_compute_leave_balance")
    leave_balance_display = fields.Char(
        string="Balance", compute="_compute_leave_balance"
    )

    # ------------------------------------------------------------
    # 销假
    # ------------------------------------------------------------

    leave_start = fields.Date(
        related="leave_id.request_date_from", string="Time Off Starts"
    )
    leave_end = fields.Date(related="leave_id.request_date_to", string="Time Off Ends")
    leave_return_date = fields.Date(
        string="Back at Work On",
        tracking=True,
        help="销假: the first day the requester is back at work. Before the planned "
        "end, the time off is shortened and the days not taken go back to the "
        "balance; on the first day of the time off, none of it is taken.",
    )
    leave_planned_date_to = fields.Date(
        string="Planned Last Day", readonly=True, copy=False
    )
    leave_days_returned = fields.Float(
        string="Days Given Back", readonly=True, copy=False
    )
    leave_back_on = fields.Date(
        related="leave_id.oa_return_date", string="Back at Work (Recorded)"
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends(
        "kind",
        "state",
        "employee_id",
        "leave_type_id",
        "leave_date_from",
        "leave_date_to",
        "leave_unit_half",
        "leave_date_from_period",
        "leave_unit_hours",
        "leave_hour_from",
        "leave_hour_to",
        "leave_id.number_of_days",
        "leave_id.state",
    )
    def _compute_leave_days(self):
        for request in self:
            leave = request._get_leave_for_figures()
            request.leave_days = leave.number_of_days if leave else 0.0

    @api.depends("leave_days")
    def _compute_leave_duration_display(self):
        for request in self:
            leave = request._get_leave_for_figures() if request.leave_days else None
            request.leave_duration_display = leave.duration_display if leave else False

    @api.depends(
        "kind",
        "employee_id",
        "leave_type_id",
        "leave_date_from",
        "leave_id.state",
        "leave_id.number_of_days",
    )
    def _compute_leave_balance(self):
        today = fields.Date.context_today(self)
        groups = defaultdict(lambda: self.browse())
        for request in self:
            leave_type = request._get_leave_type()
            request.leave_remaining = 0.0
            request.leave_allocated = 0.0
            request.leave_balance_display = False
            if not (leave_type and request.employee_id):
                continue
            if leave_type.requires_allocation == "no":
                request.leave_balance_display = self.env._("No allocation needed")
                continue
            day = request.leave_date_from or request.leave_start or today
            groups[(leave_type, day)] |= request
        for (leave_type, day), requests in groups.items():
            employees = requests.employee_id.sudo()
            data = leave_type.sudo().get_allocation_data(employees, day)
            for request in requests:
                info = next(
                    (
                        row[1]
                        for row in data.get(request.employee_id, [])
                        if row[3] == leave_type.id
                    ),
                    {},
                )
                remaining = info.get("virtual_remaining_leaves", 0.0)
                allocated = info.get("max_leaves", 0.0)
                request.leave_remaining = remaining
                request.leave_allocated = allocated
                request.leave_balance_display = self._format_leave_balance(
                    leave_type, remaining, allocated
                )

    def _format_leave_balance(self, leave_type, remaining, allocated):
        remaining, allocated = format_days(remaining), format_days(allocated)
        if leave_type.request_unit == "hour":
            return self.env._(
                "%(remaining)s hours left of %(allocated)s",
                remaining=remaining,
                allocated=allocated,
            )
        return self.env._(
            "%(remaining)s days left of %(allocated)s",
            remaining=remaining,
            allocated=allocated,
        )

    def _get_leave_type(self):
        self.ensure_one()
        if self.kind == "leave_return":
            return self.leave_id.sudo().holiday_status_id
        if self.kind == "leave":
            return self.leave_type_id
        return self.env["hr.leave.type"]

    def _get_leave_for_figures(self):
        """The time off whose days the request shows.

        The linked time off once submitted (销假: the one chosen), else an
        unsaved time off built from the form, so that Time Off computes the
        days exactly as it will when the request is submitted.
        """
        self.ensure_one()
        if self.kind == "leave_return":
            return self.leave_id.sudo()
        if self.kind != "leave":
            return None
        if self.leave_id and self.state != "draft":
            return self.leave_id.sudo()
        if not (self.employee_id and self.leave_type_id and self.leave_date_from):
            return None
        vals = self._prepare_leave_vals()
        if (
            not vals["request_date_to"]
            or vals["request_date_to"] < vals["request_date_from"]
        ):
            return None
        vals.pop("oa_request_id")
        return self.env["hr.leave"].sudo().new(vals)

    # ------------------------------------------------------------
    # Onchanges
    # ------------------------------------------------------------

    @api.onchange("leave_type_id")
    def _onchange_leave_type_id(self):
        unit = self.leave_type_id.request_unit
        if unit == "day":
            self.leave_unit_half = False
            self.leave_unit_hours = False
        elif unit == "half_day":
            self.leave_unit_hours = False

    @api.onchange("leave_unit_half")
    def _onchange_leave_unit_half(self):
        if self.leave_unit_half:
            self.leave_unit_hours = False

    @api.onchange("leave_unit_hours")
    def _onchange_leave_unit_hours(self):
        if self.leave_unit_hours:
            self.leave_unit_half = False

    @api.onchange("leave_date_from")
    def _onchange_leave_date_from(self):
        if self.leave_date_from and (
            not self.leave_date_to or self.leave_date_to < self.leave_date_from
        ):
            self.leave_date_to = self.leave_date_from

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def init(self):
        res = super().init()
        # One 销假 per time off, also when two are submitted at the same moment.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS "
                "oa_approval_request_leave_return_uniq "
                "ON oa_approval_request (leave_id) "
                "WHERE kind = 'leave_return' AND state IN ('pending', 'approved')"
            )
        )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_leave_result_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_leave_result_fields(vals)
            if "leave_id" in vals and any(r.kind == "leave" for r in self):
                raise UserError(
                    self.env._(
                        "The time off of a request is booked when it is submitted, "
                        "not chosen by hand."
                    )
                )
        return super().write(vals)

    def _check_leave_result_fields(self, vals):
        """What the approved return recorded is not set by hand."""
        forbidden = set(vals) & LEAVE_RESULT_FIELDS
        if forbidden:
            raise UserError(
                self.env._(
                    "%(fields)s of a request are recorded by its approval, not by "
                    "hand.",
                    fields=", ".join(
                        self._fields[f].get_description(self.env)["string"]
                        for f in sorted(forbidden)
                    ),
                )
            )

    def _get_locked_fields(self):
        return super()._get_locked_fields() | LEAVE_LOCKED_FIELDS

    # ------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------

    def _get_submit_problems(self):
        problems = super()._get_submit_problems()
        if self.kind == "leave":
            problems += self._get_leave_problems()
        elif self.kind == "leave_return":
            problems += self._get_leave_return_problems()
        return problems

    def _get_leave_problems(self):
        self.ensure_one()
        problems = []
        if not self.employee_id:
            problems.append(
                self.env._(
                    "%(user)s has no employee in %(company)s: Time Off needs one.",
                    user=self.user_id.name,
                    company=self.company_id.name,
                )
            )
        if not self.leave_type_id:
            problems.append(self.env._("Choose the time off type."))
        elif self.leave_type_id.leave_validation_type == "no_validation":
            problems.append(
                self.env._(
                    "%(type)s needs no approval: request it in Time Off directly.",
                    type=self.leave_type_id.name,
                )
            )
        if not self.leave_date_from:
            problems.append(self.env._("Give the first day of the time off."))
        unit_half, unit_hours = self._get_leave_unit_flags()
        if not (unit_half or unit_hours):
            if not self.leave_date_to:
                problems.append(self.env._("Give the last day of the time off."))
            elif self.leave_date_from and self.leave_date_to < self.leave_date_from:
                problems.append(
                    self.env._("The last day cannot be before the first day.")
                )
        if unit_hours and self.leave_hour_to <= self.leave_hour_from:
            problems.append(
                self.env._("The time off must end after it starts (hours).")
            )
        if self.employee_id:
            # Time Off checks the balance and overlaps against what is
            # committed: two submissions of one person at the same moment would
            # both pass. Taken before numbering, so the second hears why.
            employee = self.employee_id.sudo()
            self._lock_row(
                employee,
                self.env._(
                    "Time off of %(employee)s is being submitted right now. "
                    "Reload and try again.",
                    employee=employee.name,
                ),
            )
        return problems

    def _get_leave_return_problems(self):
        self.ensure_one()
        problems = []
        leave = self.leave_id.sudo()
        if not leave:
            problems.append(self.env._("Choose the time off you are back from."))
        if not self.leave_return_date:
            problems.append(self.env._("Give the day you are back at work."))
        if not leave:
            return problems
        if leave.employee_id != self.employee_id:
            problems.append(
                self.env._(
                    "%(leave)s is not a time off of %(user)s.",
                    leave=leave.display_name,
                    user=self.user_id.name,
                )
            )
        if leave.state != "validate":
            problems.append(
                self.env._(
                    "%(leave)s is not approved (%(state)s): only an approved time "
                    "off can be returned from.",
                    leave=leave.display_name,
                    state=dict(leave._fields["state"]._description_selection(self.env))[
                        leave.state
                    ],
                )
            )
        if self.leave_return_date and self.leave_return_date < leave.request_date_from:
            problems.append(
                self.env._(
                    "The day back at work (%(back)s) is before the time off starts "
                    "(%(start)s).",
                    back=format_date(self.env, self.leave_return_date),
                    start=format_date(self.env, leave.request_date_from),
                )
            )
        # Taken now, so that two return requests for one time off submitted at
        # the same moment cannot both pass this check.
        self._lock_leave_for_return(leave)
        other = self.sudo().search(
            [
                ("id", "!=", self.id),
                ("kind", "=", "leave_return"),
                ("leave_id", "=", leave.id),
                ("state", "in", ("pending", "approved")),
            ],
            limit=1,
        )
        if other:
            problems.append(
                self.env._(
                    "%(leave)s already has the return request %(request)s: one "
                    "return per time off.",
                    leave=leave.display_name,
                    request=other.display_name,
                )
            )
        return problems

    def _lock_leave_for_return(self, leave):
        self._lock_row(
            leave,
            self.env._(
                "Someone is submitting a return from %(leave)s right now. "
                "Reload and try again.",
                leave=leave.display_name,
            ),
        )

    def _lock_row(self, record, busy_message):
        """Hold ``record``'s row until the submission commits.

        A second submission at the same moment gets ``busy_message`` at once;
        writing the row makes one that read it before this one committed fail
        to serialize, and Odoo replays it: it then sees this submission.
        """
        table = SQL.identifier(record._table)
        try:
            # A lock conflict is an expected outcome, not a bad query to log.
            with mute_logger("odoo.sql_db"):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                        table,
                        record.id,
                    )
                )
        except psycopg2.errors.LockNotAvailable as e:
            raise UserError(busy_message) from e
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = now() at time zone 'UTC' WHERE id = %s",
                table,
                record.id,
            )
        )
        record.invalidate_recordset(["write_date"])

    def _do_submit_effects(self):
        res = super()._do_submit_effects()
        if self.kind == "leave":
            leave = self._create_leave()
            self.sudo().write(
                {
                    "leave_id": leave.id,
                    "date_start": leave.date_from,
                    "date_end": leave.date_to,
                }
            )
        return res

    def _get_leave_unit_flags(self):
        """``(half day, custom hours)`` as the time off type allows them."""
        self.ensure_one()
        unit = self.leave_type_id.request_unit
        half = bool(self.leave_unit_half) and unit in ("half_day", "hour")
        hours = bool(self.leave_unit_hours) and unit == "hour" and not half
        return half, hours

    def _prepare_leave_vals(self):
        self.ensure_one()
        half, hours = self._get_leave_unit_flags()
        date_to = self.leave_date_from if (half or hours) else self.leave_date_to
        return {
            "employee_id": self.employee_id.id,
            "holiday_status_id": self.leave_type_id.id,
            "request_date_from": self.leave_date_from,
            "request_date_to": date_to,
            "request_unit_half": half,
            "request_date_from_period": self.leave_date_from_period or "am",
            "request_unit_hours": hours,
            "request_hour_from": self.leave_hour_from if hours else 0.0,
            "request_hour_to": self.leave_hour_to if hours else 0.0,
            "name": self.subject,
            "notes": self.reason or False,
            "oa_request_id": self.id,
        }

    def _create_leave(self):
        """Create the time off as the requester, through Time Off's own checks.

        Time Off's activities are not created: the OA route tells each approver
        when it is their turn.
        """
        self.ensure_one()
        Leave = (
            self.env["hr.leave"]
            .with_user(self.user_id)
            .with_company(self.company_id)
            .with_context(
                mail_activity_automation_skip=True, oa_approval_leave_sync=True
            )
        )
        try:
            with self.env.cr.savepoint():
                leave = Leave.create(self._prepare_leave_vals())
        except (UserError, AccessError) as e:  # ValidationError included
            raise UserError(self._get_leave_refusal_message(e)) from e
        return leave.with_env(self.env)

    def _get_leave_refusal_message(self, error):
        self.ensure_one()
        problems = [
            self.env._(
                "Time Off refused it: %(reason)s",
                reason=(error.args[0] if error.args else str(error)).strip(),
            )
        ]
        self.invalidate_recordset(
            ["leave_days", "leave_remaining", "leave_balance_display"]
        )
        if self.leave_type_id.requires_allocation == "yes":
            problems.append(
                self.env._(
                    "Balance of %(type)s: %(balance)s; this request takes "
                    "%(duration)s.",
                    type=self.leave_type_id.name,
                    balance=self.leave_balance_display or "-",
                    duration=self.leave_duration_display or "-",
                )
            )
        return self.env._(
            "%(request)s cannot be submitted:\n%(problems)s",
            request=self.subject or self.type_id.name,
            problems="\n".join(f"- {p}" for p in problems),
        )

    # ------------------------------------------------------------
    # Route
    # ------------------------------------------------------------

    def _oa_filter_route(self, template_steps):
        """Length tiers: a step with a number of days applies to longer leaves.

        It also applies when none of the steps kept before it has anyone but the
        requester to approve, so that nobody approves their own time off.
        """
        steps = super()._oa_filter_route(template_steps)
        days = self._get_route_leave_days()
        kept = self.env["oa.flow.template.step"]
        for step in steps:
            if (
                step.leave_days_above
                and float_compare(days, step.leave_days_above, precision_digits=2) <= 0
                and any(self._oa_template_step_has_handlers(s) for s in kept)
            ):
                continue
            kept |= step
        return kept

    def _get_route_leave_days(self):
        self.ensure_one()
        if self.kind not in LEAVE_KINDS:
            return 0.0
        return self.leave_id.sudo().number_of_days or self.leave_days

    def _oa_template_step_has_handlers(self, template_step):
        """Whether ``template_step`` would have a handler if the flow started now.

        Resolved by the engine itself, on an unsaved flow of the requester
        (the route is theirs, also when the office submits for them).
        """
        self.ensure_one()
        user = self.user_id.sudo()
        flow = (
            self.env["oa.flow"]
            .sudo()
            .new(
                {
                    "name": self.display_name,
                    "res_model": self._name,
                    "res_id": self.id,
                    "initiator_id": user.id,
                    "department_id": user.employee_id.department_id.id,
                }
            )
        )
        vals = template_step.sudo()._prepare_flow_step_vals()
        step = self.env["oa.flow.step"].sudo().new(dict(vals, flow_id=flow))
        users, _leads = step._resolve_handlers()
        return bool(users)

    # ------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------

    def _leave_sudo(self):
        """The linked time off, for Time Off's own approval methods.

        The OA route is the approval: Time Off's methods run as its
        administrator (OdooBot), with the OA's context key so that the time off
        accepts them, and without Time Off activities.
        """
        self.ensure_one()
        return (
            self.leave_id.with_user(SUPERUSER_ID)
            .sudo()
            .with_context(
                oa_approval_leave_sync=True, mail_activity_automation_skip=True
            )
        )

    def _get_deciders(self, action):
        """Employees who acted ``action`` on the route, in order."""
        self.ensure_one()
        traces = (
            self.oa_flow_id.sudo()
            .trace_ids.filtered(lambda t: t.action == action)
            .sorted("id")
        )
        employees = self.env["hr.employee"].sudo()
        for trace in traces:
            employees |= trace.user_id.sudo().with_company(self.company_id).employee_id
        return employees

    def _do_approve_effects(self):
        res = super()._do_approve_effects()
        if self.kind == "leave":
            self._validate_leave()
        elif self.kind == "leave_return":
            self._apply_leave_return()
        return res

    def _do_refuse_effects(self):
        res = super()._do_refuse_effects()
        if self.kind == "leave":
            leave = self._leave_sudo()
            if leave.state in ("confirm", "validate1"):
                field = (
                    "first_approver_id"
                    if leave.state == "validate1"
                    else "second_approver_id"
                )
                leave.action_refuse()
                leave.write({field: self._get_deciders("disagree")[-1:].id})
        return res

    def _do_cancel_effects(self):
        res = super()._do_cancel_effects()
        if self.kind == "leave":
            leave = self._leave_sudo()
            if leave.state in ("confirm", "validate1"):
                flow = self.oa_flow_id.sudo()
                if flow.state == "terminated":
                    reason = self.env._(
                        "terminated in the OA: %(reason)s",
                        reason=flow.terminate_reason or "",
                    )
                else:
                    reason = self.env._(
                        "taken back in the OA to be changed; submitting it again "
                        "books the time off again"
                    )
                leave._force_cancel(
                    self.env._(
                        "%(request)s: %(reason)s",
                        request=self.display_name,
                        reason=reason,
                    ),
                    "mail.mt_note",
                    notify_responsibles=False,
                )
        return res

    def _validate_leave(self):
        """The route approved the request: validate the time off in Time Off.

        Through Time Off's own approval methods, one or two levels as its type
        says; the OA approvers are recorded as its approvers.
        """
        self.ensure_one()
        leave = self._leave_sudo()
        if leave.state not in ("confirm", "validate1"):
            raise UserError(
                self.env._(
                    "%(leave)s is no longer waiting for approval (%(state)s); "
                    "refuse the request %(request)s instead.",
                    leave=leave.display_name,
                    state=dict(leave._fields["state"]._description_selection(self.env))[
                        leave.state
                    ],
                    request=self.display_name,
                )
            )
        if leave.state == "confirm":
            leave.action_approve()
        if leave.state == "validate1":
            leave.action_validate()
        approvers = self._get_deciders("agree")
        if leave.validation_type == "both":
            leave.write(
                {
                    "first_approver_id": approvers[:1].id,
                    "second_approver_id": approvers[-1:].id,
                }
            )
        else:
            leave.write({"first_approver_id": approvers[-1:].id})
        leave.message_post(
            body=self.env._(
                "Approved in the OA by %(approvers)s (%(request)s).",
                approvers=", ".join(approvers.mapped("name")) or "-",
                request=self.display_name,
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _apply_leave_return(self):
        """The return (销假) is approved: record it, shorten an early return."""
        self.ensure_one()
        leave = self._leave_sudo()
        if leave.state != "validate":
            raise UserError(
                self.env._(
                    "%(leave)s is no longer approved; refuse the return request "
                    "%(request)s instead.",
                    leave=leave.display_name,
                    request=self.display_name,
                )
            )
        back = self.leave_return_date
        planned_to = leave.request_date_to
        planned_days = leave.number_of_days
        reason = self.env._(
            "back at work on %(back)s (%(request)s)",
            back=format_date(self.env, back),
            request=self.display_name,
        )
        if back > planned_to:
            pass  # On time (or later): only recorded.
        elif back <= leave.request_date_from:
            leave._force_cancel(reason, "mail.mt_note", notify_responsibles=False)
        else:
            self._shorten_leave(leave, back - timedelta(days=1), reason)
        leave.write({"oa_return_date": back})
        taken = leave.number_of_days if leave.state == "validate" else 0.0
        returned = planned_days - taken
        if float_is_zero(returned, precision_digits=2):
            returned = 0.0
        self.sudo().write(
            {"leave_planned_date_to": planned_to, "leave_days_returned": returned}
        )
        if returned:
            body = self.env._(
                "Back at work on %(back)s: %(days)s day(s) not taken went back to "
                "the balance.",
                back=format_date(self.env, back),
                days=format_days(returned),
            )
        else:
            body = self.env._(
                "Back at work on %(back)s, as planned.",
                back=format_date(self.env, back),
            )
        self.message_post(
            body=body, message_type="notification", subtype_xmlid="mail.mt_note"
        )

    def _shorten_leave(self, leave, last_day, reason):
        """End the approved ``leave`` on ``last_day``, the way Time Off does.

        Like Time Off when public holidays change under approved leaves: its
        resource leave is removed, the new dates let Time Off recompute the
        duration (the balance follows), and the resource leave and the calendar
        event are made again. A remainder without working days cancels it.
        """
        # The recomputed dates are checked in this context too: flush them here.
        leave = leave.with_context(leave_skip_state_check=True)
        leave._remove_resource_leave()
        leave.write({"request_date_to": last_day})
        leave.flush_recordset()
        if float_is_zero(leave.number_of_days, precision_digits=2):
            leave._force_cancel(reason, "mail.mt_note", notify_responsibles=False)
            return
        leave._create_resource_leave()
        if leave.meeting_id:
            values = leave._prepare_holidays_meeting_values()[leave.user_id.id][0]
            leave.meeting_id.with_context(no_mail_to_attendees=True).write(
                {key: values[key] for key in ("name", "start", "stop", "allday")}
            )
        leave.message_post(
            body=self.env._(
                "Shortened to end on %(last_day)s: %(reason)s",
                last_day=format_date(self.env, last_day),
                reason=reason,
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------
    # Approval form
    # ------------------------------------------------------------

    def _report_leave_period(self):
        """The time off's days as the approval form prints them."""
        self.ensure_one()
        if self.kind == "leave_return" or (self.leave_id and self.state != "draft"):
            leave = self.leave_id.sudo()
            first, last = leave.request_date_from, leave.request_date_to
            half, hours = leave.request_unit_half, leave.request_unit_hours
            period = leave.request_date_from_period
            hour_from, hour_to = leave.request_hour_from, leave.request_hour_to
        else:
            first, last = self.leave_date_from, self.leave_date_to
            half, hours = self._get_leave_unit_flags()
            period = self.leave_date_from_period
            hour_from, hour_to = self.leave_hour_from, self.leave_hour_to
        if not first:
            return ""
        if half:
            periods = dict(
                self._fields["leave_date_from_period"]._description_selection(self.env)
            )
            return f"{self._report_date(first)} {periods.get(period, '')}"
        if hours:
            hours_text = f"{format_duration(hour_from)}–{format_duration(hour_to)}"
            return f"{self._report_date(first)} {hours_text}"
        if not last or last == first:
            return self._report_date(first)
        return f"{self._report_date(first)} – {self._report_date(last)}"

    # ------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------

    def _demo_submit_and_decide(self, decisions=()):
        """Demo data only: submit as the requester, then the handlers decide.

        ``decisions``: ``(decision, opinion)`` pairs for the successive steps,
        ``decision`` being ``"agree"`` or ``"disagree"``. Everyone acts in their
        own language, as they would from their browser.
        """
        for request in self:
            requester = request.user_id
            request.with_user(requester).with_context(
                lang=requester.lang
            ).action_submit()
            for decision, opinion in decisions:
                flow = request.sudo().oa_flow_id
                item = flow.current_step_id.workitem_ids.filtered(
                    lambda w: w.kind == "todo" and w.state == "pending"
                )[:1]
                item = item.with_user(item.user_id).with_context(lang=item.user_id.lang)
                if decision == "agree":
                    item.action_agree(opinion=opinion)
                else:
                    item.action_disagree(opinion=opinion)
        return True
