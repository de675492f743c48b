# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import formatLang

from odoo.addons.oa_base.models.oa_flow import OPEN_STATES

from .oa_approval_budget import CONSUMING_STATES
from .oa_approval_type import FIELD_STATES

# Content a requester cannot change once the request is submitted: the
# approvers approved what they saw. Add-ons extend it (``_get_locked_fields``).
LOCKED_FIELDS = {
    "type_id",
    "user_id",
    "company_id",
    "subject",
    "amount",
    "date",
    "date_start",
    "date_end",
    "location",
    "participant_ids",
    "partner_id",
    "reason",
}

# Fields only the approval itself writes (through its actions, as superuser):
# nobody sets a request's state or number by hand.
FLOW_FIELDS = {
    "name",
    "state",
    "date_submitted",
    "date_approved",
    "oa_flow_id",
    "calendar_event_id",
    "form_snapshot",
}

# The type settings a request shows (``field_*`` on both models).
FORM_SETTINGS = (
    "field_amount",
    "field_date",
    "field_period",
    "field_location",
    "field_participants",
    "field_partner",
    "field_reason",
    "field_attachment",
)


class OaApprovalRequest(models.Model):
    """An approval request (审批单) of one type, routed by the OA engine.

    Draft → submitted (pending, the route is taken from the type and kept) →
    approved / refused / cancelled. Approvers act through their work items
    (agree, disagree, return, hand over, add signers, circulate); the request
    follows the flow through the ``_oa_on_*`` hooks and, once approved, does
    the ERP work of its kind (``_do_approve_effects``). A request withdrawn by
    its requester or returned to them goes back to draft with its number, to
    be changed and submitted again.

    Access: requesters read and change their own requests, approvers read the
    requests that reached them (and comment), the office reads and manages
    every request. Nobody writes the state, the number or the flow: the
    actions do.
    """

    _name = "oa.approval.request"
    _description = "Approval Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.flow.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # Approvers read the request without being allowed to change it; they
    # still comment on it and handle their activities.
    _mail_post_access = "read"

    name = fields.Char(
        string="Number",
        readonly=True,
        copy=False,
        index="trigram",
        help="Given when the request is first submitted, kept when it is resubmitted.",
    )
    subject = fields.Char(required=True, tracking=True)
    type_id = fields.Many2one(
        "oa.approval.type",
        string="Approval Type",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('company_id', '=', company_id)]",
    )
    kind = fields.Selection(related="type_id.kind", store=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requester",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
    )
    is_requester = fields.Boolean(
        compute="_compute_is_requester", help="I am the requester."
    )
    employee_id = fields.Many2one(
        "hr.employee",
        compute="_compute_employee",
        store=True,
        index="btree_not_null",
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_employee",
        store=True,
        index="btree_not_null",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "To Submit"),
            ("pending", "Submitted"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("cancel", "Cancelled"),
        ],
        string="Status",
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
        readonly=True,
    )
    date_submitted = fields.Datetime(readonly=True, copy=False)
    date_approved = fields.Datetime(
        string="Date Decided", readonly=True, copy=False, tracking=True
    )
    back_reason = fields.Text(
        string="Sent Back",
        compute="_compute_back_reason",
        help="Why a request back in draft was returned or withdrawn.",
    )

    # Configurable content
    amount = fields.Monetary(tracking=True, currency_field="currency_id")
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", string="Currency"
    )
    date = fields.Date(tracking=True)
    date_start = fields.Datetime(string="From", tracking=True)
    date_end = fields.Datetime(string="To", tracking=True)
    location = fields.Char(string="Destination", tracking=True)
    participant_ids = fields.Many2many("res.partner", string="Participants")
    partner_id = fields.Many2one("res.partner", string="Partner", tracking=True)
    reason = fields.Text()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oa_approval_request_attachment_rel",
        "request_id",
        "attachment_id",
        string="Attachments",
    )

    # What the form shows and requires: the type's settings while in draft,
    # the settings kept at submission afterwards.
    form_snapshot = fields.Json(
        readonly=True,
        copy=False,
        help="The form settings of the type when the request was submitted.",
    )
    field_amount = fields.Selection(
        selection=FIELD_STATES,
        compute="_compute_form_settings",
        string="Amount on the Form",
    )
    field_date = fields.Selection(
        selection=FIELD_STATES,
        compute="_compute_form_settings",
        string="Date on the Form",
    )
    field_period = fields.Selection(
        selection=FIELD_STATES,
        compute="_compute_form_settings",
        string="Period on the Form",
    )
    field_location = fields.Selection(
        selection=FIELD_STATES,
        compute="_compute_form_settings",
        string="Destination on the Form",
    )
    field_participants = fields.Selection(
        selection=FIELD_STATES,
        compute="_compute_form_settings",
        string="Participants on the Form",
    )
    field_partner = fields.Selection(
        selection=FIELD_STATES,
        compute="_compute_form_settings",
        string="Partner on the Form",
    )
    field_reason = fields.Selection(
        selection=FIELD_STATES,
        compute="_compute_form_settings",
        string="Reason on the Form",
    )
    field_attachment = fields.Selection(
        selection=FIELD_STATES,
        compute="_compute_form_settings",
        string="Attachments on the Form",
    )

    calendar_event_id = fields.Many2one(
        "calendar.event", string="Calendar Event", readonly=True, copy=False
    )

    # Budget
    budget_check = fields.Boolean(related="type_id.budget_check")
    budget_year = fields.Integer(
        compute="_compute_budget_year",
        store=True,
        help="The year whose department budget the request counts against.",
    )
    budget_id = fields.Many2one(
        "oa.approval.budget", compute="_compute_budget", compute_sudo=True
    )
    has_budget = fields.Boolean(compute="_compute_budget", compute_sudo=True)
    budget_remaining = fields.Monetary(
        compute="_compute_budget",
        compute_sudo=True,
        currency_field="currency_id",
        help="Budget of the department for the year, less the amounts of its "
        "submitted and approved requests (this one excluded).",
    )
    over_budget = fields.Boolean(compute="_compute_budget", compute_sudo=True)

    # Turn and deadlines
    is_my_turn = fields.Boolean(
        compute="_compute_is_my_turn",
        search="_search_is_my_turn",
        help="A step of this request waits for me.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    step_deadline = fields.Datetime(
        related="oa_flow_id.current_step_id.deadline", string="Step Deadline"
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("form_snapshot", "state", "type_id")
    @api.depends(*(f"type_id.{fname}" for fname in FORM_SETTINGS))
    def _compute_form_settings(self):
        fnames = self._get_form_setting_fields()
        for request in self:
            # Back in draft, the request is filled in again with today's form.
            snapshot = (request.state != "draft" and request.form_snapshot) or {}
            for fname in fnames:
                request[fname] = snapshot.get(fname) or request.type_id[fname]

    @api.model
    def _get_form_setting_fields(self):
        """The ``field_*`` settings shown on the request, as on the type.

        Add-ons with more settings (e.g. ``field_vehicle``) declare the field
        on the request with ``compute="_compute_form_settings"`` and add its
        name here: a submitted request then keeps the setting it had.
        """
        return FORM_SETTINGS

    @api.depends_context("uid")
    @api.depends("user_id")
    def _compute_is_requester(self):
        for request in self:
            request.is_requester = request.user_id == self.env.user

    @api.depends("user_id")
    def _compute_employee(self):
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("user_id", "in", self.user_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ]
            )
        )
        by_user = {employee.user_id: employee for employee in employees}
        for request in self:
            employee = by_user.get(request.user_id)
            request.employee_id = employee
            request.department_id = employee.department_id if employee else False

    @api.depends("date", "date_start", "date_submitted")
    def _compute_budget_year(self):
        today = fields.Date.context_today(self)
        for request in self:
            day = (
                request.date
                or (request.date_start and request.date_start.date())
                or (request.date_submitted and request.date_submitted.date())
                or today
            )
            request.budget_year = day.year

    @api.depends(
        "type_id.budget_check",
        "type_id.allow_over_budget",
        "department_id",
        "amount",
        "budget_year",
        "state",
    )
    def _compute_budget(self):
        """Remaining budget of each request, this request left out.

        Three queries whatever the number of requests: the budgets, the
        type budgets of their departments, the consumed amounts.
        """
        Budget = self.env["oa.approval.budget"]
        checked = self.filtered(lambda r: r.budget_check and r.department_id)
        (self - checked).update(
            {
                "budget_id": False,
                "has_budget": False,
                "budget_remaining": 0.0,
                "over_budget": False,
            }
        )
        budgets = Budget._find_for_requests(checked)
        consumed = Budget.browse({b.id for b in budgets.values()})._get_consumed()
        for request in checked:
            budget = budgets.get(request)
            if not budget:
                request.update(
                    {
                        "budget_id": False,
                        "has_budget": False,
                        "budget_remaining": 0.0,
                        "over_budget": False,
                    }
                )
                continue
            remaining = budget.amount - consumed.get(budget.id, 0.0)
            # The request's own stored amount counts in ``consumed`` once it
            # is submitted: leave it out.
            origin = request._origin
            if origin.id and origin._get_counts_in_budget():
                remaining += origin.amount
            request.budget_id = budget
            request.has_budget = True
            request.budget_remaining = remaining
            request.over_budget = (
                request.currency_id.compare_amounts(request.amount, remaining) > 0
            )

    def _get_counts_in_budget(self):
        """Whether this request's stored amount is consumed from its budget."""
        self.ensure_one()
        return self.state in CONSUMING_STATES

    @api.depends_context("uid")
    @api.depends("oa_flow_id.state", "oa_flow_id.current_step_id")
    def _compute_is_my_turn(self):
        items = (
            self.env["oa.workitem"]
            .sudo()
            .search_fetch(
                [
                    ("flow_id", "in", self.oa_flow_id.ids),
                    *self._get_my_turn_item_domain(),
                ],
                ["flow_id"],
            )
        )
        flows = set(items.flow_id.ids)
        for request in self:
            request.is_my_turn = request.oa_flow_id.id in flows

    def _search_is_my_turn(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'my turn'."))
        items = self.env["oa.workitem"].sudo()._search(self._get_my_turn_item_domain())
        domain = [("oa_flow_id", "in", items.subselect("flow_id"))]
        return domain if (operator == "=") == value else ["!", *domain]

    def _get_my_turn_item_domain(self):
        return [
            ("user_id", "=", self.env.uid),
            ("state", "=", "pending"),
            ("kind", "=", "todo"),
            ("res_model", "=", self._name),
        ]

    @api.depends("oa_flow_id.current_step_id.deadline", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for request in self:
            deadline = request.sudo().oa_flow_id.current_step_id.deadline
            request.is_overdue = bool(
                request.state == "pending" and deadline and deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue."))
        flows = (
            self.env["oa.flow"]
            .sudo()
            ._search(
                [
                    ("res_model", "=", self._name),
                    ("state", "=", "running"),
                    ("current_step_id.deadline", "<", fields.Datetime.now()),
                ]
            )
        )
        domain = [
            ("state", "=", "pending"),
            ("oa_flow_id", "in", flows.subselect()),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.depends("state", "oa_flow_id.state")
    def _compute_back_reason(self):
        for request in self:
            request.back_reason = False
            flow = request.sudo().oa_flow_id
            if request.state != "draft" or not flow or flow.state == "running":
                continue
            last = flow.trace_ids.filtered(lambda t: t.action in ("return", "retract"))[
                :1
            ]
            if last:
                request.back_reason = self.env._(
                    "%(user)s: %(opinion)s",
                    user=last.actor_display,
                    opinion=last.opinion
                    or dict(last._fields["action"]._description_selection(self.env))[
                        last.action
                    ],
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_flow_fields(vals, creating=True)
                self._check_requester_change(vals)
        requests = super().create(vals_list)
        if not self.env.su:
            for request in requests:
                if not request.type_id._is_allowed_for(request.user_id):
                    raise AccessError(
                        self.env._(
                            "%(user)s may not submit requests of the type %(type)s.",
                            user=request.user_id.name,
                            type=request.type_id.name,
                        )
                    )
        requests._link_attachments()
        return requests

    def write(self, vals):
        if not self.env.su:
            # Who may not change the request at all hears so first.
            self.check_access("write")
            self._check_flow_fields(vals)
            self._check_requester_change(vals)
            locked = set(vals) & self._get_locked_fields()
            submitted = self.filtered(lambda r: r.state != "draft")
            if locked and submitted:
                raise UserError(
                    self.env._(
                        "%(request)s has been submitted: %(fields)s can no "
                        "longer be changed. Withdraw it or ask for it to be "
                        "returned first.",
                        request=submitted[0].display_name,
                        fields=", ".join(
                            self._fields[f].get_description(self.env)["string"]
                            for f in sorted(locked)
                        ),
                    )
                )
        res = super().write(vals)
        if "attachment_ids" in vals:
            self._link_attachments()
        return res

    def _check_flow_fields(self, vals, creating=False):
        """Refuse setting the state, number or flow by hand."""
        forbidden = set(vals) & FLOW_FIELDS
        if creating and vals.get("state") in (None, False, "draft"):
            forbidden.discard("state")
        if forbidden:
            raise UserError(
                self.env._(
                    "%(fields)s of a request are set by its approval, not by hand.",
                    fields=", ".join(
                        self._fields[f].get_description(self.env)["string"]
                        for f in sorted(forbidden)
                    ),
                )
            )

    def _check_requester_change(self, vals):
        """Only the office files a request for someone else."""
        user_id = vals.get("user_id")
        if (
            user_id
            and user_id != self.env.uid
            and not self.env.user.has_group("oa_base.group_oa_office")
        ):
            raise AccessError(
                self.env._("Only the office can file a request for someone else.")
            )

    def _link_attachments(self):
        """Attach the uploaded files to the request, so its approvers read them.

        Files uploaded in the form before the request was saved belong to
        nobody; only those the current user uploaded are taken over.
        """
        for request in self:
            loose = request.sudo().attachment_ids.filtered(
                lambda a: not a.res_id
                and a.res_model in (False, self._name)
                and a.create_uid == self.env.user
            )
            if loose:
                loose.write({"res_model": self._name, "res_id": request.id})

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for request in self:
            if request.state != "draft" or request.name or request.oa_flow_id:
                raise UserError(
                    self.env._(
                        "%(request)s has been submitted and cannot be deleted; "
                        "cancel it instead.",
                        request=request.display_name,
                    )
                )

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for request in self:
            if request.name and request.subject:
                request.display_name = f"{request.name} {request.subject}"
            else:
                request.display_name = (
                    request.subject or request.name or self.env._("New Request")
                )

    def _get_locked_fields(self):
        return set(LOCKED_FIELDS)

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_submit(self):
        """提交: check the form, take the route from the type and start it."""
        for request in self:
            if request.state != "draft":
                raise UserError(
                    self.env._(
                        "%(request)s has already been submitted.",
                        request=request.display_name,
                    )
                )
            request._check_requester_or_office(
                self.env._(
                    "Only %(user)s or the office can submit %(request)s.",
                    user=request.user_id.name,
                    request=request.display_name,
                )
            )
            request._check_submit()
            request._do_submit()
        return True

    def action_withdraw(self):
        """撤回: the requester takes the request back while nobody has acted.

        The request goes back to draft with its number, to be changed and
        submitted again (or cancelled).
        """
        self.ensure_one()
        if self.state != "pending":
            raise UserError(self.env._("Only a submitted request can be withdrawn."))
        if self.user_id != self.env.user:
            raise UserError(
                self.env._(
                    "Only %(user)s, who requested it, can withdraw %(request)s.",
                    user=self.user_id.name,
                    request=self.display_name,
                )
            )
        flow = self.sudo().oa_flow_id
        step = flow.current_step_id
        step._lock_for_action()
        acted = flow.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state == "done"
        )
        if acted:
            raise UserError(
                self.env._(
                    "%(user)s has already handled %(request)s: it can no longer "
                    "be withdrawn. Ask the current approver to return it to you.",
                    user=acted[0].user_id.name,
                    request=self.display_name,
                )
            )
        # Not the engine's retract: it would hand the request back to a step
        # skipped for nobody to handle (e.g. a leader's own department step).
        flow.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state in OPEN_STATES
        )._close(state="cancelled", result="retracted")
        flow._log("retract", step=step)
        flow.step_ids.filtered(lambda s: s.state in ("active", "waiting")).write(
            {"state": "cancelled"}
        )
        flow.write(
            {
                "state": "cancelled",
                "current_step_id": False,
                "date_done": fields.Datetime.now(),
            }
        )
        self._oa_on_flow_cancelled(flow)
        return True

    def action_cancel(self):
        """Cancel a request back in draft (never submitted, withdrawn, returned)."""
        for request in self:
            if request.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a request to submit can be cancelled; withdraw "
                        "%(request)s first.",
                        request=request.display_name,
                    )
                )
            request._check_requester_or_office(
                self.env._(
                    "Only the requester or the office can cancel %(request)s.",
                    request=request.display_name,
                )
            )
            request.sudo().state = "cancel"
            request.message_post(
                body=self.env._("Cancelled."),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_reset_to_draft(self):
        """Reopen a refused or cancelled request to change and submit it again.

        It keeps its number; the new submission gets a new route.
        """
        for request in self:
            if request.state not in ("refused", "cancel"):
                raise UserError(
                    self.env._("Only a refused or cancelled request can be reopened.")
                )
            request._check_requester_or_office(
                self.env._(
                    "Only the requester or the office can reopen %(request)s.",
                    request=request.display_name,
                )
            )
            request.sudo().write({"state": "draft"})
            request.message_post(
                body=self.env._("Reopened to be changed."),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_approve(self):
        """同意 from the form: opens the handling dialog of my work item."""
        self.ensure_one()
        return self.with_context(oa_action="agree").action_oa_act()

    def action_refuse(self):
        """不同意 from the form: opens the handling dialog to refuse with a reason."""
        self.ensure_one()
        return self.with_context(oa_action="disagree").action_oa_act()

    def action_return(self):
        """退回 from the form: to an earlier step, or to the requester."""
        self.ensure_one()
        return self.with_context(oa_action="return").action_oa_act()

    def action_print(self):
        return self.env.ref(
            "oa_approval.action_report_oa_approval_request"
        ).report_action(self)

    def action_bulk_approve(self):
        """Approve every selected request whose turn is mine; explain the others.

        A request that cannot be approved in bulk (not my turn, an opinion
        needed, more input needed by its add-on: ``_get_bulk_refusal``) is
        listed with the reason and the others still go through. Returns a
        notification; raises when nothing was approved.
        """
        approved = self.browse()
        refusals = []
        for request in self:
            reason = request._get_bulk_refusal()
            if reason:
                refusals.append(
                    self.env._(
                        "%(request)s: %(reason)s",
                        request=request.display_name,
                        reason=reason,
                    )
                )
                continue
            # Its own prefetch set: the engine then reads the step's items in
            # one query whatever their number.
            request.oa_my_workitem_id.with_prefetch().action_agree(
                opinion=self.env._("Approved (bulk).")
            )
            approved |= request
        if not approved:
            raise UserError("\n".join([self.env._("Nothing was approved."), *refusals]))
        message = self.env._("%(count)s request(s) approved.", count=len(approved))
        if refusals:
            message = "\n".join([message, self.env._("Not approved:"), *refusals])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if refusals else "success",
                "title": self.env._("Bulk approval"),
                "message": message,
                "sticky": bool(refusals),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _oa_get_cannot_act_reason(self, item):
        """The engine's reason, and who has the request now when it moved on."""
        reason = super()._oa_get_cannot_act_reason(item)
        flow = self.sudo().oa_flow_id
        if (
            reason
            and item
            and flow.state == "running"
            and item.sudo().state in ("done", "cancelled")
        ):
            handlers = flow.current_step_id.workitem_ids.filtered(
                lambda w: w.kind == "todo" and w.state == "pending"
            ).user_id
            if handlers:
                reason = self.env._(
                    "%(reason)s It is now with %(users)s (%(step)s).",
                    reason=reason,
                    users=", ".join(handlers.mapped("name")),
                    step=flow.current_step_id.name,
                )
        return reason

    def _get_bulk_refusal(self):
        """Why this request cannot be approved in bulk by me, or ``""``.

        Add-ons whose approval needs more input (e.g. a vehicle to dispatch)
        extend it so that bulk approval skips the request with the reason.
        """
        self.ensure_one()
        item = self.oa_my_workitem_id
        if not (item and self.oa_can_act):
            return self.oa_cannot_act_reason
        if item.sudo().step_id.require_opinion:
            return self.env._("this step needs an opinion; open it to approve.")
        return ""

    def _check_requester_or_office(self, message):
        self.ensure_one()
        if self.user_id != self.env.user and not self.env.user.has_group(
            "oa_base.group_oa_office"
        ):
            raise UserError(message)

    # ------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------

    def _check_submit(self):
        """Refuse with the whole list of problems, keeping what was typed."""
        self.ensure_one()
        problems = []
        approval_type = self.type_id.sudo()
        if not approval_type.active:
            problems.append(
                self.env._(
                    "The approval type %(type)s is archived.",
                    type=approval_type.name,
                )
            )
        if not approval_type._is_allowed_for(self.user_id):
            problems.append(
                self.env._(
                    "%(user)s may not submit requests of the type %(type)s.",
                    user=self.user_id.name,
                    type=approval_type.name,
                )
            )
        states = approval_type._get_field_states()
        for fname, state in states.items():
            if state == "required" and not self[fname]:
                problems.append(
                    self.env._(
                        "%(field)s is required.",
                        field=self._fields[fname].get_description(self.env)["string"],
                    )
                )
        if self.date_start and self.date_end and self.date_end <= self.date_start:
            problems.append(self.env._("The end must be after the start."))
        if self.amount < 0:
            problems.append(self.env._("The amount cannot be negative."))
        if (
            self.budget_check
            and self.over_budget
            and not self.type_id.allow_over_budget
        ):
            problems.append(
                self.env._(
                    "%(amount)s is over the remaining budget of %(department)s "
                    "for %(year)s (%(remaining)s).",
                    amount=self._format_amount(self.amount),
                    department=self.department_id.name,
                    year=self.budget_year,
                    remaining=self._format_amount(self.budget_remaining),
                )
            )
        problems += self._get_submit_problems()
        if problems:
            raise UserError(
                self.env._(
                    "%(request)s cannot be submitted:\n%(problems)s",
                    request=self.subject or self.type_id.name,
                    problems="\n".join(f"- {p}" for p in problems),
                )
            )

    def _get_submit_problems(self):
        """More problems found by the kind's add-on (translated strings)."""
        self.ensure_one()
        return []

    def _do_submit(self):
        self.ensure_one()
        approval_type = self.type_id.sudo()
        vals = {
            "state": "pending",
            "date_submitted": fields.Datetime.now(),
            "form_snapshot": approval_type._get_form_snapshot(),
        }
        if not self.name:
            vals["name"] = approval_type.sequence_id.next_by_id()
        self.sudo().write(vals)
        self._do_submit_effects()
        # The route is the requester's (their department, their leaders), also
        # when the office files the request for them.
        self.with_user(self.user_id).action_oa_start(
            template=approval_type.flow_template_id
        )
        self.message_post(
            body=self.env._("Submitted for approval."),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _do_submit_effects(self):
        """ERP work on submission (e.g. create the time-off request)."""

    # ------------------------------------------------------------
    # Return to the requester (退回申请人)
    # ------------------------------------------------------------

    def _oa_return_to_requester(self, item, opinion):
        """退回 to the requester: the route ends, the request is back in draft.

        ``item`` is the current user's work item. The requester changes the
        request and submits it again with the same number (a new route);
        the trace keeps the return and its reason.
        """
        self.ensure_one()
        item = item.with_env(self.env)
        item._lock_and_check()
        if self.state != "pending" or item.res_id != self.id:
            raise UserError(self.env._("This request is not waiting for you."))
        step = item.sudo().step_id
        if not step.allow_return:
            raise UserError(self.env._("This step does not allow returning."))
        if not (opinion or "").strip():
            raise UserError(
                self.env._("Write why the request goes back to the requester.")
            )
        flow = self.sudo().oa_flow_id
        now = fields.Datetime.now()
        item.sudo()._close(state="done", result="returned", opinion=opinion)
        flow.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state in OPEN_STATES
        )._close(state="cancelled", result="cancelled")
        flow._log("return", step=step, item=item, opinion=opinion, targets=self.user_id)
        step.write({"state": "returned", "date_done": now})
        flow.step_ids.filtered(lambda s: s.state in ("active", "waiting")).write(
            {"state": "cancelled"}
        )
        flow.write({"state": "cancelled", "current_step_id": False, "date_done": now})
        self.sudo().write({"state": "draft"})
        self._do_cancel_effects()
        self.message_post(
            body=self.env._(
                "Returned to %(requester)s by %(user)s: %(opinion)s",
                requester=self.user_id.name,
                user=self.env.user.name,
                opinion=opinion,
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.user_id.partner_id.ids,
        )
        return True

    # ------------------------------------------------------------
    # Engine hooks
    # ------------------------------------------------------------

    def _oa_get_flow_title(self):
        self.ensure_one()
        return self.env._(
            "%(type)s: %(subject)s (%(user)s)",
            type=self.type_id.name,
            subject=self.subject,
            user=self.user_id.name,
        )

    def _oa_get_flow_template(self):
        self.ensure_one()
        return self.type_id.sudo().flow_template_id

    def action_oa_start(self, template=None, urgency=None, deadline=None, chosen=None):
        """A request's route starts by submitting it (its checks, its number)."""
        if any(request.state != "pending" for request in self):
            raise UserError(self.env._("Submit the request to start its approval."))
        return super().action_oa_start(
            template=template, urgency=urgency, deadline=deadline, chosen=chosen
        )

    def _oa_filter_route(self, template_steps):
        """Amount tiers: a step with a threshold applies only above it."""
        self.ensure_one()
        return template_steps.filtered(
            lambda s: not s.amount_above
            or self.currency_id.compare_amounts(self.amount, s.amount_above) > 0
        )

    def _oa_on_flow_done(self, flow):
        self.sudo().write({"state": "approved", "date_approved": fields.Datetime.now()})
        self._do_approve_effects()
        self.message_post(
            body=self.env._("Approved."),
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.user_id.partner_id.ids,
        )

    def _oa_on_flow_rejected(self, flow):
        opinion = (
            flow.sudo().trace_ids.filtered(lambda t: t.action == "disagree")[:1].opinion
        )
        self.sudo().write({"state": "refused", "date_approved": fields.Datetime.now()})
        self._do_refuse_effects()
        self.message_post(
            body=self.env._("Refused: %(reason)s", reason=opinion or ""),
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.user_id.partner_id.ids,
        )

    def _oa_on_flow_cancelled(self, flow):
        """Withdrawn by the requester before anyone acted: back to draft."""
        self.sudo().write({"state": "draft"})
        self._do_cancel_effects()
        self.message_post(
            body=self.env._("Withdrawn by %(user)s.", user=self.env.user.name),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _oa_on_flow_terminated(self, flow):
        self.sudo().write({"state": "cancel"})
        self._do_cancel_effects()

    def _do_approve_effects(self):
        """ERP work once approved; official activities create their event."""
        self.ensure_one()
        if self.kind == "activity":
            self._create_calendar_event()

    def _do_refuse_effects(self):
        """ERP work once refused (e.g. refuse the expense report)."""

    def _do_cancel_effects(self):
        """Undo the submission's ERP work (e.g. free a vehicle).

        Called whenever a submitted request leaves its route unapproved:
        withdrawn or returned to the requester (back in draft, submitted again
        later: ``_do_submit_effects`` runs again then) or terminated by the
        office (cancelled).
        """

    # ------------------------------------------------------------
    # Official activities (公务活动)
    # ------------------------------------------------------------

    def _create_calendar_event(self):
        self.ensure_one()
        if self.calendar_event_id or not (self.date_start and self.date_end):
            return self.calendar_event_id
        partners = self.participant_ids | self.user_id.partner_id
        event = (
            self.env["calendar.event"]
            .with_user(self.user_id)
            .sudo()
            .create(
                {
                    "name": self.subject,
                    "start": self.date_start,
                    "stop": self.date_end,
                    "location": self.location or False,
                    "description": self.reason or False,
                    "user_id": self.user_id.id,
                    "partner_ids": [fields.Command.set(partners.ids)],
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": self.id,
                }
            )
        )
        self.sudo().calendar_event_id = event
        self.message_post(
            body=self.env._(
                "Calendar event created for %(count)s participant(s).",
                count=len(partners),
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )
        return event

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _format_amount(self, amount):
        return formatLang(self.env, amount, currency_obj=self.currency_id)

    # ------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------

    @api.model
    def _oa_demo_populate(self):
        """Play the demo requests through the real actions, as their people.

        Called by the demo data; a request already submitted (it has a number)
        is left alone, so loading the demo again changes nothing.
        """

        def user(login):
            return self.env.ref(f"oa_base.user_{login}_demo")

        def request(name):
            record = self.env.ref(f"oa_approval.{name}", raise_if_not_found=False)
            if not record or record.name or record.state != "draft":
                return None
            record = record.with_user(record.user_id)
            record.action_submit()
            return record

        def act(record, login, method="action_agree", **kwargs):
            approver = user(login)
            record.invalidate_recordset()
            item = record.with_user(approver).oa_my_workitem_id
            getattr(item, method)(**kwargs)

        # The demo people speak Chinese: their routes and messages too (the
        # module's translations are loaded after its demo data otherwise).
        lang = user("zhk_he").lang
        if lang and lang != "en_US":
            self.env["ir.module.module"]._load_module_terms(["oa_approval"], [lang])
            self = self.with_context(lang=lang)  # noqa: PLW0642
        record = request("request_general_demo")
        if record:
            act(record, "zhk_xu", opinion="同意，请按政府采购程序办理。")
        request("request_meeting_demo")
        request("request_supplies_demo")
        record = request("request_survey_demo")
        if record:
            act(record, "gjk_huang", opinion="同意。")
            act(record, "fgjz_li", opinion="同意，注意安全，做好调研记录。")
            act(record, "bgs_zhang", method="action_claim")
            act(record, "bgs_zhang", opinion="已备案。")
        record = request("request_printer_demo")
        if record:
            act(record, "zhk_xu", opinion="同意更换。")
            act(record, "fgjz_wang", opinion="同意，按程序采购。")
            act(record, "juzhang", opinion="同意。")
        record = request("request_training_demo")
        if record:
            act(
                record,
                "skk_yang",
                method="action_disagree",
                opinion="本季度培训计划已满，请下季度再申请。",
            )
        record = request("request_books_demo")
        if record:
            approver = user("hsk_wu")
            record.invalidate_recordset()
            item = record.with_user(approver).oa_my_workitem_id
            record.with_user(approver)._oa_return_to_requester(
                item, "请补充书目清单和报价。"
            )
        return True
