# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Request states that hold an expense report: a report is claimed by one of
# them at a time.
HOLDING_STATES = ("pending", "approved")


class OaApprovalRequest(models.Model):
    """Expense claims (费用报销): an OA request carrying an expense report.

    The report's employee is the requester; its total is the request's amount
    (it follows the report while the request is a draft and cannot be typed);
    its lines show on the request. Submitting the request submits the report,
    approving it approves the report through hr_expense's own code (draft
    journal entries for finance to post), refusing it refuses the report with
    the approver's reason, and withdrawing it resets the report to draft.
    """

    _inherit = "oa.approval.request"

    expense_sheet_id = fields.Many2one(
        "hr.expense.sheet",
        string="Expense Report",
        tracking=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        domain="[('employee_id.user_id', '=', user_id), ('state', '=', 'draft'), "
        "('company_id', '=', company_id)]",
        help="The requester's expense report to submit to this claim: its "
        "total is the amount claimed and its expenses are what the approvers "
        "approve.",
    )
    expense_sheet_state = fields.Selection(
        related="expense_sheet_id.state", string="Report Status"
    )
    expense_payment_mode = fields.Selection(
        related="expense_sheet_id.payment_mode", string="Paid By"
    )
    expense_line_ids = fields.One2many(
        related="expense_sheet_id.expense_line_ids", string="Expenses"
    )
    # An expense claim's amount is its report's total; other kinds keep the
    # amount typed by the requester (the compute leaves them alone).
    amount = fields.Monetary(
        compute="_compute_amount_from_expense", store=True, readonly=False
    )

    # ------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------

    @api.depends("expense_sheet_id.total_amount", "state")
    def _compute_amount_from_expense(self):
        for request in self:
            if request.expense_sheet_id and request.state == "draft":
                request.amount = request.expense_sheet_id.total_amount

    @api.constrains("expense_sheet_id", "user_id", "type_id", "state")
    def _check_expense_sheet(self):
        for request in self.filtered("expense_sheet_id"):
            sheet = request.expense_sheet_id.sudo()
            if request.kind != "expense":
                raise ValidationError(
                    self.env._(
                        "%(type)s is not an expense claim type: the expense report "
                        "%(report)s cannot be attached to it.",
                        type=request.type_id.name,
                        report=sheet.name,
                    )
                )
            if sheet.employee_id.user_id != request.user_id:
                raise ValidationError(
                    self.env._(
                        "%(report)s is the expense report of %(employee)s: "
                        "%(user)s can only claim their own expense reports.",
                        report=sheet.name,
                        employee=sheet.employee_id.name,
                        user=request.user_id.name,
                    )
                )
            if request.state in HOLDING_STATES:
                other = self.sudo().search(
                    [
                        ("expense_sheet_id", "=", sheet.id),
                        ("state", "in", HOLDING_STATES),
                        ("id", "!=", request.id),
                    ],
                    limit=1,
                )
                if other:
                    raise ValidationError(
                        self.env._(
                            "%(report)s is already claimed by %(request)s.",
                            report=sheet.name,
                            request=other.display_name,
                        )
                    )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("expense_sheet_id") and "amount" in vals:
                sheet = self.env["hr.expense.sheet"].browse(vals["expense_sheet_id"])
                self._check_amount_is_total(sheet, vals["amount"])
        return super().create(vals_list)

    def write(self, vals):
        if "amount" in vals and not self.env.su:
            for request in self:
                sheet = (
                    self.env["hr.expense.sheet"].browse(vals["expense_sheet_id"])
                    if "expense_sheet_id" in vals
                    else request.expense_sheet_id
                )
                if sheet:
                    self._check_amount_is_total(sheet, vals["amount"])
        return super().write(vals)

    def _check_amount_is_total(self, sheet, amount):
        sheet = sheet.sudo()
        currency = sheet.company_currency_id
        if currency.compare_amounts(amount or 0.0, sheet.total_amount) != 0:
            raise UserError(
                self.env._(
                    "The amount of an expense claim is the total of its expense "
                    "report %(report)s (%(total)s); it cannot be typed.",
                    report=sheet.name,
                    total=self._format_amount(sheet.total_amount),
                )
            )

    def _get_locked_fields(self):
        return super()._get_locked_fields() | {"expense_sheet_id"}

    @api.onchange("expense_sheet_id")
    def _onchange_expense_sheet_id(self):
        if self.expense_sheet_id and not self.subject:
            self.subject = self.expense_sheet_id.name

    # ------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------

    def _get_submit_problems(self):
        problems = super()._get_submit_problems()
        if self.kind != "expense":
            return problems
        sheet = self.expense_sheet_id.sudo()
        if not sheet:
            problems.append(self.env._("Choose the expense report to claim."))
            return problems
        if sheet.state != "draft":
            problems.append(
                self.env._(
                    "%(report)s is %(state)s: only an expense report to submit can "
                    "be claimed (reset it to draft first).",
                    report=sheet.name,
                    state=self._selection_label(sheet, "state"),
                )
            )
        if not sheet.expense_line_ids:
            problems.append(
                self.env._("%(report)s has no expenses.", report=sheet.name)
            )
        elif not sheet.journal_id:
            problems.append(
                self.env._(
                    "%(report)s has no journal: finance could not post it.",
                    report=sheet.name,
                )
            )
        if self.currency_id.compare_amounts(self.amount, sheet.total_amount) != 0:
            problems.append(
                self.env._(
                    "The amount claimed differs from the total of %(report)s "
                    "(%(total)s).",
                    report=sheet.name,
                    total=self._format_amount(sheet.total_amount),
                )
            )
        try:
            sheet._validate_analytic_distribution()
        except ValidationError as error:
            problems.append(error.args[0])
        holder = self.sudo().search(
            [
                ("expense_sheet_id", "=", sheet.id),
                ("state", "in", HOLDING_STATES),
                ("id", "!=", self.id),
            ],
            limit=1,
        )
        if holder:
            problems.append(
                self.env._(
                    "%(report)s is already claimed by %(request)s.",
                    report=sheet.name,
                    request=holder.display_name,
                )
            )
        return problems

    # ------------------------------------------------------------
    # Effects on the expense report
    # ------------------------------------------------------------

    def _do_submit_effects(self):
        super()._do_submit_effects()
        if self.kind != "expense" or not self.expense_sheet_id:
            return
        sheet = self.expense_sheet_id.sudo()
        sheet.write({"oa_request_id": self.id})
        sheet._do_submit()
        sheet.message_post(
            body=self.env._(
                "Submitted for OA approval: %(request)s.", request=self.display_name
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _do_approve_effects(self):
        super()._do_approve_effects()
        sheet = self._get_claimed_sheet()
        if not sheet or sheet.state not in ("draft", "submit"):
            return
        # hr_expense's own approval: draft journal entries for finance to post.
        # The engine checked who approved; the last approver is recorded by
        # hr_expense (as the current user) and every approver in the note.
        sheet._do_approve()
        approvers = (
            self.sudo()
            .oa_flow_id.trace_ids.filtered(lambda t: t.action == "agree")
            .user_id
        )
        sheet.message_post(
            body=self.env._(
                "Approved in the OA by %(request)s: %(approvers)s.",
                request=self.display_name,
                approvers=", ".join(approvers.mapped("name")),
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _do_refuse_effects(self):
        super()._do_refuse_effects()
        sheet = self._get_claimed_sheet()
        if not sheet or sheet.state not in ("draft", "submit", "approve"):
            return
        opinion = (
            self.sudo()
            .oa_flow_id.trace_ids.filtered(lambda t: t.action == "disagree")
            .sorted("id")[-1:]
            .opinion
        )
        sheet._do_refuse(
            opinion
            or self.env._("Refused in the OA (%(request)s).", request=self.display_name)
        )

    def _do_cancel_effects(self):
        super()._do_cancel_effects()
        sheet = self._get_claimed_sheet()
        if not sheet or sheet.state != "submit":
            return
        sheet._do_reset_approval()
        sheet.message_post(
            body=self.env._(
                "%(request)s left its route unapproved (withdrawn, returned or "
                "terminated): the report is back to draft.",
                request=self.display_name,
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _get_claimed_sheet(self):
        """The report this request governs (sudo), if it is an expense claim.

        The approvers act on the request; the engine has checked their turn,
        so the report's own transitions run with elevated rights (an approver
        need not be an expense manager). hr_expense's checks still run.
        """
        self.ensure_one()
        if self.kind != "expense" or not self.expense_sheet_id:
            return self.env["hr.expense.sheet"]
        sheet = self.expense_sheet_id.sudo()
        if sheet.oa_request_id and sheet.oa_request_id != self:
            return self.env["hr.expense.sheet"]
        return sheet

    # ------------------------------------------------------------
    # Engine hooks
    # ------------------------------------------------------------

    def _oa_before_item_agree(self, item, opinion, chosen):
        super()._oa_before_item_agree(item, opinion, chosen)
        sheet = self._get_claimed_sheet()
        if not sheet:
            return
        if (
            sheet.state != "submit"
            or self.currency_id.compare_amounts(self.amount, sheet.total_amount) != 0
        ):
            raise UserError(
                self.env._(
                    "%(report)s is no longer what %(request)s submitted (now "
                    "%(state)s, %(total)s): refuse the request so that it can be "
                    "corrected and submitted again.",
                    report=sheet.name,
                    request=self.display_name,
                    state=self._selection_label(sheet, "state"),
                    total=self._format_amount(sheet.total_amount),
                )
            )

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _selection_label(self, record, fname):
        selection = dict(record._fields[fname]._description_selection(self.env))
        return selection.get(record[fname], record[fname] or "")

    # ------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------

    @api.model
    def _oa_expense_demo_replay(self, steps):
        """Demo data only: replay ``(user id, report id, action, opinion)`` steps.

        Each person submits (``submit``) or acts on their work item (``agree``,
        ``disagree``) as themselves, so the demo requests run the real route.
        """
        for user_id, sheet_id, action, opinion in steps:
            user = self.env["res.users"].browse(user_id)
            sheet = self.env["hr.expense.sheet"].with_user(user).browse(sheet_id)
            if action == "submit":
                sheet._oa_submit_request()
                continue
            request = sheet.sudo().oa_request_id.with_user(user)
            item = request.oa_my_workitem_id
            if action == "agree":
                item.action_agree(opinion=opinion)
            else:
                item.action_disagree(opinion=opinion)
