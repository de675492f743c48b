# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

LOAN_TYPES = [
    ("electronic", "Electronic (电子借阅)"),
    ("physical", "Physical (实体借阅)"),
]
LOAN_STATES = [
    ("draft", "Draft"),
    ("pending", "Awaiting Approval"),
    ("lent", "On Loan"),
    ("returned", "Returned"),
    ("expired", "Expired"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]
# System parameter: how many days an electronic loan lasts (default below).
LOAN_DAYS_PARAM = "oa_archive.loan_days"
DEFAULT_LOAN_DAYS = 7
MAX_LOAN_DAYS = 365


class OaArchiveLoan(models.Model):
    """A loan (借阅) of archived items, approved on the routing engine.

    The borrower picks entries of the open catalogue (archivists may also pick
    items directly, classified ones included) and gives the purpose; the
    request goes to the borrower's department leader, then to the archivists.
    Once approved the loan is *on loan* (借出):

    * an electronic loan gives its borrower read access to the items and their
      files until ``date_due``; it then ends by itself: the expiry cron runs
      every 15 minutes and is also triggered for the due time, and opening a
      file checks the due time itself, so nothing is read after it;
    * a physical loan lends the paper items; the archivist records the return
      and the borrower is reminded (催还) once a day while it is overdue.

    Access: the borrower reads their loans and changes their drafts; approvers
    read the loans that reached them (the catalogue entries, not the items);
    archivists manage all. Every step is written to the audit log.
    """

    _name = "oa.archive.loan"
    _description = "Archive Loan (借阅)"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.flow.mixin", "oa.state.mixin"]
    _order = "id desc"
    _mail_post_access = "read"
    _oa_flow_states = {
        "rejected": "refused",
        "cancelled": "draft",
        "terminated": "cancelled",
    }

    def _default_loan_days(self):
        param = self.env["ir.config_parameter"].sudo().get_param(LOAN_DAYS_PARAM) or ""
        try:
            days = int(param)
        except ValueError:
            days = 0
        return days if 0 < days <= MAX_LOAN_DAYS else DEFAULT_LOAN_DAYS

    name = fields.Char(
        string="Loan No.", readonly=True, copy=False, default="/", index=True
    )
    borrower_id = fields.Many2one(
        "res.users",
        string="Borrower (借阅人)",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
    )
    loan_type = fields.Selection(
        LOAN_TYPES, string="Type", required=True, default="electronic", tracking=True
    )
    item_ids = fields.Many2many(
        "oa.archive.item",
        "oa_archive_loan_item_rel",
        "loan_id",
        "item_id",
        string="Items",
        required=True,
        groups="oa_archive.group_oa_archivist",
        help="Others pick catalogue entries: reading the items themselves would "
        "show them only those they may read.",
    )
    catalogue_ids = fields.Many2many(
        "oa.archive.catalogue",
        string="Catalogue Entries",
        compute="_compute_catalogue_ids",
        inverse="_inverse_catalogue_ids",
        help="The entries of the open catalogue this loan asks for.",
    )
    item_count = fields.Integer(compute="_compute_item_summary")
    item_codes = fields.Char(string="Archival Codes", compute="_compute_item_summary")
    purpose = fields.Text(string="Purpose (利用目的)", required=True)
    loan_days = fields.Integer(
        string="Days",
        default=_default_loan_days,
        help="How long an electronic loan gives access, from its approval.",
    )
    date_start = fields.Datetime(string="From", tracking=True, copy=False)
    date_due = fields.Datetime(
        string="Due (归还期限)",
        tracking=True,
        index=True,
        copy=False,
        help="Physical loans: the requested return date. Electronic loans: set "
        "when approved, from the number of days.",
    )
    date_returned = fields.Datetime(string="Returned On", readonly=True, copy=False)
    state = fields.Selection(
        LOAN_STATES,
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    lent_by_id = fields.Many2one(
        "res.users",
        string="Approved By (Archivist)",
        readonly=True,
        copy=False,
        help="The archivist who approved the loan and lent the items.",
    )
    returned_to_id = fields.Many2one(
        "res.users", string="Return Recorded By", readonly=True, copy=False
    )
    date_last_reminder = fields.Date(
        string="Last Reminder (催还)", readonly=True, copy=False
    )
    reminder_count = fields.Integer(string="Reminders", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    file_ids = fields.Many2many(
        "oa.archive.file",
        string="Files to Read",
        compute="_compute_file_ids",
        help="The files the borrower reads while the electronic loan runs.",
    )
    is_mine = fields.Boolean(string="My Loan", compute="_compute_is_mine")
    can_end = fields.Boolean(compute="_compute_is_mine")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends_context("uid")
    @api.depends("borrower_id")
    def _compute_is_mine(self):
        archivist = self._is_archivist()
        for loan in self:
            loan.is_mine = loan.borrower_id == self.env.user
            loan.can_end = archivist or loan.is_mine

    @api.depends("borrower_id")
    def _compute_department_id(self):
        for loan in self:
            loan.department_id = loan.borrower_id.employee_id.department_id

    @api.depends("item_ids")
    def _compute_catalogue_ids(self):
        # The approvers and the borrower (before the loan runs) may not read the
        # items: the entries come from the catalogue, read as superuser (it
        # holds nothing secret).
        loans = self.sudo()
        open_ids = set(
            self.env["oa.archive.catalogue"]
            .sudo()
            .search([("id", "in", loans.item_ids.ids)])
            .ids
        )
        for loan, loan_sudo in zip(self, loans, strict=True):
            loan.catalogue_ids = [
                (6, 0, [i for i in loan_sudo.item_ids.ids if i in open_ids])
            ]

    @api.depends("item_ids")
    def _compute_item_summary(self):
        loans = self.sudo()
        loans.item_ids.fetch(["archival_code"])
        for loan, loan_sudo in zip(self, loans, strict=True):
            items = loan_sudo.item_ids
            loan.item_count = len(items)
            loan.item_codes = ", ".join(
                code for code in items.mapped("archival_code") if code
            )

    def _inverse_catalogue_ids(self):
        # Entries are items (same id); items picked directly by an archivist
        # that the catalogue does not show (classified) are kept.
        for loan in self:
            current = loan.sudo().item_ids
            chosen = set(loan.catalogue_ids.ids)
            visible = set(
                self.env["oa.archive.catalogue"]
                .sudo()
                .search([("id", "in", current.ids)])
                .ids
            )
            keep = [item_id for item_id in current.ids if item_id not in visible]
            loan.sudo().item_ids = [(6, 0, keep + sorted(chosen))]

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for loan in self:
            loan.is_overdue = bool(
                loan.state == "lent" and loan.date_due and loan.date_due < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue loans."))
        now = fields.Datetime.now()
        if (operator == "=") == value:
            return [("state", "=", "lent"), ("date_due", "<", now)]
        return [
            "|",
            "|",
            ("state", "!=", "lent"),
            ("date_due", "=", False),
            ("date_due", ">=", now),
        ]

    @api.depends_context("uid")
    @api.depends("state", "loan_type", "item_ids")
    def _compute_file_ids(self):
        archivist = self.env.user.has_group("oa_archive.group_oa_archivist")
        Files = self.env["oa.archive.file"]
        for loan in self:
            running = loan.state == "lent" and loan.loan_type == "electronic"
            if running and (archivist or loan.borrower_id == self.env.user):
                files = loan.sudo().item_ids.file_ids.filtered(lambda f: not f.removed)
                loan.file_ids = files.sudo(False)
            else:
                loan.file_ids = Files

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("loan_days")
    def _check_loan_days(self):
        for loan in self:
            if not 0 < loan.loan_days <= MAX_LOAN_DAYS:
                raise ValidationError(
                    self.env._(
                        "%(loan)s: a loan lasts from 1 to %(max)s days.",
                        loan=loan.name,
                        max=MAX_LOAN_DAYS,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("oa.archive.loan") or "/"
        loans = super().create(vals_list)
        for loan in loans:
            if loan.borrower_id.partner_id not in loan.message_partner_ids:
                loan.sudo().message_subscribe(
                    partner_ids=loan.borrower_id.partner_id.ids
                )
        return loans

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        for loan in self:
            if loan.state not in ("draft", "cancelled") or loan.oa_flow_id:
                raise UserError(
                    self.env._(
                        "%(loan)s has been submitted: it stays on record. Cancel "
                        "it instead.",
                        loan=loan.name,
                    )
                )

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    def _is_archivist(self):
        return self.env.user.has_group("oa_archive.group_oa_archivist")

    def _check_archivist(self):
        if not self._is_archivist():
            raise UserError(self.env._("Only archivists may do this."))

    def _check_borrower_or_archivist(self):
        if self._is_archivist():
            return
        for loan in self:
            if loan.borrower_id != self.env.user:
                raise UserError(
                    self.env._(
                        "%(loan)s: only its borrower or an archivist can do this.",
                        loan=loan.name,
                    )
                )

    def _get_submit_problems(self):
        """Every reason why ``self`` cannot be submitted, as text lines."""
        self.ensure_one()
        loan = self.sudo()
        problems = []
        if not loan.item_ids:
            problems.append(self.env._("Choose at least one catalogue entry."))
        if not (loan.purpose or "").strip():
            problems.append(self.env._("Give the purpose of the loan."))
        unavailable = loan.item_ids.filtered(lambda i: i.state != "filed")
        if unavailable:
            problems.append(
                self.env._(
                    "These items are not in the archives (not filed or destroyed): "
                    "%(items)s.",
                    items=", ".join(unavailable.mapped("name")),
                )
            )
        if not self._is_archivist():
            open_ids = set(
                self.env["oa.archive.catalogue"]
                .sudo()
                .search([("id", "in", loan.item_ids.ids)])
                .ids
            )
            hidden = loan.item_ids.filtered(lambda i: i.id not in open_ids)
            if hidden - unavailable:
                problems.append(
                    self.env._(
                        "Classified items are lent by the archivists only: %(items)s.",
                        items=", ".join((hidden - unavailable).mapped("archival_code")),
                    )
                )
        if loan.loan_type == "physical":
            if not loan.date_due:
                problems.append(self.env._("Give the date the items will be back."))
            elif loan.date_due <= fields.Datetime.now():
                problems.append(self.env._("The return date must be in the future."))
        if loan.loan_type == "electronic":
            no_file = loan.item_ids.filtered(lambda i: not i.file_ids)
            if no_file:
                problems.append(
                    self.env._(
                        "These items have no electronic file to read: %(items)s.",
                        items=", ".join(no_file.mapped("archival_code")),
                    )
                )
        return problems

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_submit(self):
        """Send the request for approval (department leader, then archivist)."""
        self._check_borrower_or_archivist()
        self._check_state(("draft",), self.env._("submitted"))
        problems = []
        for loan in self:
            problems += [f"{loan.name}: {p}" for p in loan._get_submit_problems()]
        if problems:
            raise UserError(
                self.env._(
                    "The loan request cannot be submitted:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
        for loan in self:
            loan.action_oa_start()
            loan.sudo().write({"state": "pending"})
            loan._log_audit(
                self.env._(
                    "Loan %(loan)s requested by %(borrower)s: %(codes)s",
                    loan=loan.name,
                    borrower=loan.borrower_id.name,
                    codes=loan.item_codes,
                )
            )
        return True

    def action_withdraw(self):
        """Take the request back before anyone acted on it (back to draft)."""
        self._check_borrower_or_archivist()
        self._check_state(("pending",), self.env._("withdrawn"))
        for loan in self:
            if loan.oa_flow_state == "running":
                loan.oa_flow_id.action_retract()
            if loan.state == "pending":
                loan.sudo().write({"state": "draft"})
        return True

    def action_cancel(self):
        self._check_borrower_or_archivist()
        self._check_state(("draft",), self.env._("cancelled"))
        self.sudo().write({"state": "cancelled"})
        return True

    def action_reset_draft(self):
        self._check_borrower_or_archivist()
        self._check_state(("refused", "cancelled"), self.env._("reopened"))
        self.sudo().write({"state": "draft"})
        return True

    def action_return(self):
        """归还: the archivist records a physical return; an electronic loan is
        ended early by its borrower or an archivist."""
        self._check_state(("lent",), self.env._("returned"))
        for loan in self:
            if loan.loan_type == "physical":
                loan._check_archivist()
            else:
                loan._check_borrower_or_archivist()
        now = fields.Datetime.now()
        self.sudo().write(
            {"state": "returned", "date_returned": now, "returned_to_id": self.env.uid}
        )
        self.sudo().activity_unlink(["oa_archive.mail_activity_type_loan_return"])
        for loan in self:
            loan._log_audit(
                self.env._(
                    "Loan %(loan)s returned: %(codes)s",
                    loan=loan.name,
                    codes=loan.item_codes,
                )
            )
        return True

    def action_remind(self):
        """催还 now (archivist), at most once a day per loan."""
        self._check_archivist()
        self._check_state(("lent",), self.env._("reminded"))
        if not self._remind_overdue():
            raise UserError(
                self.env._("The borrowers have been reminded today already.")
            )
        return True

    def action_view_items(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Items of %(loan)s", loan=self.name),
            "res_model": "oa.archive.item",
            "view_mode": "list,kanban,form",
            "domain": [("id", "in", self.sudo().item_ids.ids)],
        }

    # ------------------------------------------------------------
    # Routing engine hooks
    # ------------------------------------------------------------

    def _oa_get_flow_title(self):
        self.ensure_one()
        return self.env._(
            "%(loan)s: loan to %(borrower)s",
            loan=self.name,
            borrower=self.borrower_id.name,
        )

    def _oa_get_flow_template(self):
        self.ensure_one()
        return self.env["oa.flow.template"]._oa_get_default(
            self._name, code="archive_loan"
        )

    def _oa_get_step_handlers(self, step):
        """'borrower_manager': the borrower's department leader (not the
        borrower, when they lead it themselves)."""
        Users = self.env["res.users"]
        if step.code == "borrower_manager":
            department = self.sudo().borrower_id.employee_id.department_id
            leaders = department._oa_get_leader_users("manager") - self.borrower_id
            return leaders, Users
        return Users, Users

    def _oa_on_flow_done(self, flow):
        res = super()._oa_on_flow_done(flow)
        self._do_lend()
        return res

    def _oa_on_flow_rejected(self, flow):
        res = super()._oa_on_flow_rejected(flow)
        for loan in self:
            loan._log_audit(
                self.env._(
                    "Loan %(loan)s refused by %(user)s",
                    loan=loan.name,
                    user=self.env.user.name,
                )
            )
        return res

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _do_lend(self):
        """Approved: the items are lent from now until the due time."""
        now = fields.Datetime.now()
        cron = self.env.ref(
            "oa_archive.ir_cron_oa_archive_loan_expire", raise_if_not_found=False
        )
        for loan in self:
            loan_sudo = loan.sudo()
            due = now + timedelta(days=loan.loan_days or DEFAULT_LOAN_DAYS)
            if loan.loan_type == "physical" and loan.date_due and loan.date_due > now:
                due = loan.date_due
            loan_sudo.write(
                {
                    "state": "lent",
                    "date_start": now,
                    "date_due": due,
                    "lent_by_id": self.env.uid,
                }
            )
            if loan.loan_type == "electronic" and cron:
                # The access ends at the due time, not at the next 15-minute run.
                cron.sudo()._trigger(at=due)
            due_text = loan._format_datetime(due)
            loan._log_audit(
                self.env._(
                    "Loan %(loan)s approved: %(codes)s lent to %(borrower)s until "
                    "%(due)s",
                    loan=loan.name,
                    codes=loan.item_codes,
                    borrower=loan.borrower_id.name,
                    due=due_text,
                )
            )
            if loan.loan_type == "electronic":
                body = self.env._(
                    "Approved: you can read the items of %(loan)s until %(due)s "
                    "(Archives > Use > My Loans).",
                    loan=loan.name,
                    due=due_text,
                )
            else:
                body = self.env._(
                    "Approved: collect the items of %(loan)s from the archives; "
                    "please return them by %(due)s.",
                    loan=loan.name,
                    due=due_text,
                )
            loan_sudo.message_post(
                body=Markup("<p>%s</p>") % body,
                partner_ids=loan.borrower_id.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _format_datetime(self, value):
        """``value`` in the borrower's time zone, to the minute."""
        self.ensure_one()
        tz_loan = self.with_context(tz=self.borrower_id.tz or self.env.user.tz)
        stamp = fields.Datetime.context_timestamp(tz_loan, value)
        return stamp.strftime("%Y-%m-%d %H:%M")

    def _log_audit(self, description):
        self.ensure_one()
        self.env["oa.audit.log"].sudo()._log_event(
            "archive_loan", description, record=self
        )

    def _get_running_loans(self, items, user=None):
        """The electronic loans of ``user`` that let them read ``items`` now
        (on loan and not yet due), as superuser."""
        user = user or self.env.user
        return self.sudo().search(
            [
                ("borrower_id", "=", user.id),
                ("loan_type", "=", "electronic"),
                ("state", "=", "lent"),
                ("date_due", ">", fields.Datetime.now()),
                ("item_ids", "in", items.ids),
            ]
        )

    def _remind_overdue(self):
        """催还: remind the borrowers of these overdue physical loans, at most once
        a day each (in the borrower's time zone). Returns the loans reminded."""
        activity_type = self.env.ref("oa_archive.mail_activity_type_loan_return")
        now = fields.Datetime.now()
        reminded = self.browse()
        for loan in self.sudo():
            if not (loan.state == "lent" and loan.date_due and loan.date_due < now):
                continue
            today = fields.Date.context_today(
                loan.with_context(tz=loan.borrower_id.tz or "Asia/Shanghai")
            )
            if loan.date_last_reminder and loan.date_last_reminder >= today:
                continue
            loan.write(
                {
                    "date_last_reminder": today,
                    "reminder_count": loan.reminder_count + 1,
                }
            )
            due = loan._format_datetime(loan.date_due)
            note = loan.with_context(lang=loan.borrower_id.lang).env._(
                "Please return the items of %(loan)s (%(codes)s): they were due "
                "on %(due)s.",
                loan=loan.name,
                codes=loan.item_codes,
                due=due,
            )
            existing = loan.activity_ids.filtered(
                lambda a, t=activity_type, u=loan.borrower_id: a.activity_type_id == t
                and a.user_id == u
            )
            if existing:
                existing.write({"date_deadline": today, "note": note})
            else:
                loan.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=loan.borrower_id.id,
                    date_deadline=today,
                    note=note,
                )
            loan.message_post(
                body=Markup("<p>%s</p>") % note,
                partner_ids=loan.borrower_id.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            reminded |= loan
        return reminded.sudo(False)

    # ------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------

    @api.model
    def _cron_expire(self):
        """End the electronic loans that are due (their access ends with them)."""
        loans = self.sudo().search(
            [
                ("state", "=", "lent"),
                ("loan_type", "=", "electronic"),
                ("date_due", "<=", fields.Datetime.now()),
            ]
        )
        if not loans:
            return loans
        loans.write({"state": "expired"})
        self.env["oa.audit.log"].sudo().create(
            [
                {
                    "event": "archive_loan",
                    "description": self.env._(
                        "Loan %(loan)s expired: access to %(codes)s ended",
                        loan=loan.name,
                        codes=loan.item_codes,
                    ),
                    "user_id": loan.borrower_id.id,
                    "login": loan.borrower_id.login,
                    "res_model": self._name,
                    "res_id": loan.id,
                }
                for loan in loans
            ]
        )
        return loans

    @api.model
    def _cron_remind_overdue(self):
        """Daily 催还 of the overdue physical loans."""
        loans = self.sudo().search(
            [
                ("state", "=", "lent"),
                ("loan_type", "=", "physical"),
                ("date_due", "<", fields.Datetime.now()),
            ]
        )
        return loans._remind_overdue()
