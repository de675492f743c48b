# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

# Which request states let each hr_expense transition through, for a report
# under OA approval.
ALLOWED_REQUEST_STATES = {
    "submit": ("pending",),
    "approve": ("approved",),
    "post": ("approved",),
    "refuse": ("refused",),
    "reset": (False, "draft", "approved", "refused", "cancel"),
}


class HrExpenseSheet(models.Model):
    """Expense reports under OA approval (费用报销).

    When the company requires it, a report is submitted as an OA expense claim
    and nobody (finance included) can approve, refuse, post or reset it through
    hr_expense until the claim allows it: the claim's approval approves the
    report, its refusal refuses it, its withdrawal resets it. Whether a report
    is under OA approval is decided when it is submitted and kept, so changing
    the setting never releases a report already in the OA.
    """

    _inherit = "hr.expense.sheet"

    oa_request_ids = fields.One2many(
        "oa.approval.request", "expense_sheet_id", string="OA Requests"
    )
    oa_request_id = fields.Many2one(
        "oa.approval.request",
        string="OA Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The OA expense claim this report was last submitted with.",
    )
    oa_request_state = fields.Selection(
        related="oa_request_id.state", string="OA Approval"
    )
    oa_current_step = fields.Char(
        related="oa_request_id.oa_current_step", string="OA Current Step"
    )
    oa_request_count = fields.Integer(
        string="OA Request Count", compute="_compute_oa_request_count"
    )
    oa_approval_required = fields.Boolean(
        string="Under OA Approval",
        readonly=True,
        copy=False,
        help="Set when the report is submitted: it then needs its OA request "
        "approved before it can be approved or posted.",
    )
    oa_approval_needed = fields.Boolean(
        compute="_compute_oa_approval_needed",
        string="Needs OA Approval",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    def _compute_oa_request_count(self):
        counts = dict(
            self.env["oa.approval.request"]
            .sudo()
            ._read_group(
                [("expense_sheet_id", "in", self.ids)],
                ["expense_sheet_id"],
                ["__count"],
            )
        )
        for sheet in self:
            sheet.oa_request_count = counts.get(sheet._origin, 0)

    @api.depends(
        "state", "oa_approval_required", "company_id.oa_expense_approval_required"
    )
    def _compute_oa_approval_needed(self):
        for sheet in self:
            sheet.oa_approval_needed = sheet._oa_needs_approval()

    @api.depends("oa_request_id.state")
    def _compute_can_approve(self):
        res = super()._compute_can_approve()
        for sheet in self:
            if not sheet.can_approve:
                continue
            if sheet.sudo().oa_request_id.state in ("approved", "refused"):
                continue
            reason = sheet._oa_get_refusal("approve")
            if reason:
                sheet.can_approve = False
                sheet.cannot_approve_reason = reason
        return res

    @api.depends("oa_request_id.state")
    def _compute_is_editable(self):
        res = super()._compute_is_editable()
        for sheet in self:
            if sheet.state == "submit" and sheet.sudo().oa_request_id.state == (
                "pending"
            ):
                sheet.is_editable = False
        return res

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if not self.env.su and {"oa_request_id", "oa_approval_required"} & set(vals):
            raise UserError(
                self.env._(
                    "Whether an expense report is under OA approval is set by its "
                    "OA request only."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_oa_claimed(self):
        requests = (
            self.env["oa.approval.request"]
            .sudo()
            .search([("expense_sheet_id", "in", self.ids)])
        )
        if requests:
            raise UserError(
                self.env._(
                    "%(reports)s is claimed in the OA (%(requests)s) and cannot be "
                    "deleted.",
                    reports=", ".join(requests.expense_sheet_id.mapped("name")),
                    requests=", ".join(requests.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_oa_submit(self):
        """Submit for OA Approval: create the expense claim and submit it."""
        self.ensure_one()
        request = self._oa_submit_request()
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.approval.request",
            "res_id": request.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_open_oa_requests(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("OA Requests"),
            "res_model": "oa.approval.request",
            "views": [(False, "list"), (False, "kanban"), (False, "form")],
            "domain": [("expense_sheet_id", "=", self.id)],
            "context": {"create": False},
        }

    def action_submit_sheet(self):
        """Reports under OA approval are submitted as OA expense claims."""
        governed = self.filtered(
            lambda s: s.state == "draft" and s._oa_needs_approval()
        )
        for sheet in governed:
            sheet._oa_submit_request()
        rest = self - governed
        if rest:
            return super(HrExpenseSheet, rest).action_submit_sheet()
        return None

    def action_approve_expense_sheets(self):
        self._oa_check("approve")
        return super().action_approve_expense_sheets()

    def action_refuse_expense_sheets(self):
        self._oa_check("refuse")
        return super().action_refuse_expense_sheets()

    def action_sheet_move_post(self):
        self._oa_check("post")
        return super().action_sheet_move_post()

    def action_reset_expense_sheets(self):
        self._oa_check("reset")
        return super().action_reset_expense_sheets()

    # ------------------------------------------------------------
    # hr_expense transitions, guarded
    # ------------------------------------------------------------

    def _check_can_approve(self):
        self._oa_check("approve")
        return super()._check_can_approve()

    def _check_can_refuse(self):
        self._oa_check("refuse")
        return super()._check_can_refuse()

    def _do_submit(self):
        self._oa_check("submit")
        for sheet in self:
            required = bool(
                sheet.company_id.oa_expense_approval_required
                or sheet.sudo().oa_request_id.state == "pending"
            )
            if sheet.oa_approval_required != required:
                sheet.sudo().oa_approval_required = required
        return super()._do_submit()

    def _do_approve(self):
        self._oa_check("approve")
        return super()._do_approve()

    def _do_refuse(self, reason):
        self._oa_check("refuse")
        return super()._do_refuse(reason)

    def _do_reset_approval(self):
        self._oa_check("reset")
        # A decided request no longer covers a report sent back to draft: a
        # new submission needs a new approval.
        decided = self.filtered(
            lambda s: s.sudo().oa_request_id.state in ("approved", "refused")
        )
        res = super()._do_reset_approval()
        for sheet in decided.sudo():
            sheet.oa_request_id.message_post(
                body=self.env._(
                    "%(user)s reset the expense report %(report)s to draft: this "
                    "request no longer covers it.",
                    user=self.env.user.name,
                    report=sheet.name,
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        decided.sudo().oa_request_id = False
        return res

    def activity_update(self):
        # The OA request's work items are the approvers' to-dos: no hr_expense
        # approval activity besides them (nobody is notified out of turn).
        in_oa = self.filtered(lambda s: s.state == "submit" and s.oa_approval_required)
        res = super(HrExpenseSheet, self - in_oa).activity_update()
        if in_oa:
            in_oa.sudo().activity_unlink(["hr_expense.mail_act_expense_approval"])
        return res

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _oa_needs_approval(self):
        """Whether this report goes (or went) through OA approval.

        A report to submit follows the company setting; a submitted one keeps
        what was decided when it was submitted.
        """
        self.ensure_one()
        if self.state == "draft":
            return bool(self.company_id.oa_expense_approval_required)
        return self.oa_approval_required

    def _oa_submit_request(self):
        """Create (or reuse the draft) expense claim of this report; submit it."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(
                self.env._("%(report)s has already been submitted.", report=self.name)
            )
        user = self.employee_id.user_id
        if not user:
            raise UserError(
                self.env._(
                    "%(employee)s has no user: only employees with a user can "
                    "claim expenses in the OA.",
                    employee=self.employee_id.name,
                )
            )
        if user != self.env.user and not self.env.user.has_group(
            "oa_base.group_oa_office"
        ):
            raise UserError(
                self.env._(
                    "Only %(user)s or the office can submit the expense report "
                    "%(report)s for OA approval.",
                    user=user.name,
                    report=self.name,
                )
            )
        Request = self.env["oa.approval.request"]
        request = Request.search(
            [("expense_sheet_id", "=", self.id), ("state", "=", "draft")],
            order="id desc",
            limit=1,
        )
        if not request:
            approval_type = self.env["oa.approval.type"].search(
                [("kind", "=", "expense"), ("company_id", "=", self.company_id.id)],
                limit=1,
            )
            if not approval_type:
                raise UserError(
                    self.env._(
                        "No approval type for expense claims is available to you; "
                        "ask the OA administrator."
                    )
                )
            request = Request.create(
                {
                    "type_id": approval_type.id,
                    "user_id": user.id,
                    "subject": self.name,
                    "expense_sheet_id": self.id,
                    "company_id": self.company_id.id,
                }
            )
        request.action_submit()
        return request

    def _oa_check_expenses_locked(self):
        """Refuse changing the expenses of a report under OA approval."""
        for sheet in self.sudo():
            request = sheet.oa_request_id
            if request.state in ("pending", "approved") and sheet.state in (
                "submit",
                "approve",
            ):
                raise UserError(
                    self.env._(
                        "The expenses of %(report)s are under OA approval "
                        "(%(request)s): their amounts can no longer be changed.",
                        report=sheet.name,
                        request=request.display_name,
                    )
                )

    def _oa_check(self, action):
        """Refuse ``action`` with the reason of every report whose OA request
        does not allow it (translated, naming the request and its state)."""
        reasons = [sheet._oa_get_refusal(action) for sheet in self]
        reasons = [reason for reason in reasons if reason]
        if reasons:
            raise UserError("\n".join(reasons))

    def _oa_get_refusal(self, action):
        """Why hr_expense's ``action`` cannot run on this report now, or ``""``.

        ``action``: submit, approve, post, refuse or reset.
        """
        self.ensure_one()
        if not self._oa_needs_approval():
            return ""
        request = self.sudo().oa_request_id
        if request.state in ALLOWED_REQUEST_STATES[action]:
            return ""
        if action == "submit":
            return self.env._(
                "%(report)s needs OA approval: submit it with Submit for OA Approval.",
                report=self.name,
            )
        if not request:
            return self.env._(
                "%(report)s needs OA approval and has not been submitted for it yet.",
                report=self.name,
            )
        state = request._selection_label(request, "state")
        if action == "reset":
            return self.env._(
                "%(report)s is being approved in the OA (%(request)s, current "
                "step: %(step)s): the requester withdraws the request, or the "
                "office terminates it, to reset the report.",
                report=self.name,
                request=request.display_name,
                step=request.oa_current_step or "-",
            )
        if action == "refuse":
            if request.state == "approved":
                return self.env._(
                    "%(report)s was approved in the OA (%(request)s); reset it to "
                    "draft to send it back.",
                    report=self.name,
                    request=request.display_name,
                )
            return self.env._(
                "%(report)s is under OA approval (%(request)s: %(state)s): the "
                "approvers refuse the request there instead.",
                report=self.name,
                request=request.display_name,
                state=state,
            )
        if request.state == "pending":
            return self.env._(
                "%(report)s cannot be approved or posted before its OA request "
                "%(request)s is approved: it is %(state)s, at the step %(step)s.",
                report=self.name,
                request=request.display_name,
                state=state,
                step=request.oa_current_step or "-",
            )
        return self.env._(
            "%(report)s cannot be approved or posted: its OA request %(request)s "
            "is %(state)s.",
            report=self.name,
            request=request.display_name,
            state=state,
        )
