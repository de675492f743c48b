# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, html2plaintext

NOTICE_STATES = [
    ("draft", "Draft"),
    ("review", "Under Review"),
    ("published", "Published"),
    ("expired", "Expired"),
    ("withdrawn", "Withdrawn"),
]
AUDIENCE_TYPES = [
    ("all", "Everyone"),
    ("departments", "Departments"),
    ("groups", "Groups"),
    ("users", "Named People"),
]
# The board shows these states to the audience.
VISIBLE_STATES = ("published", "expired")
# Fields computed from the receipts (written in SQL, so invalidated by hand).
RECEIPT_FIELDS = [
    "recipient_ids",
    "read_stat_ids",
    "recipient_count",
    "read_count",
    "unread_count",
    "read_rate",
    "is_unread",
    "my_date_read",
]


class OaNotice(models.Model):
    """A notice (通知公告) on the intranet board, with read receipts.

    Life cycle: draft → review by the office on the routing engine (the office
    gets a 待办; it publishes or returns with its opinion) → published →
    expired (after its validity, by cron) or withdrawn. The reviewer's opinion
    is kept on the notice and in the flow's trace.

    Audience: everyone, departments (optionally with their sub-departments),
    groups or named people. At publication the audience is resolved into one
    ``oa.notice.recipient`` row per person (one INSERT whatever its size): the
    read receipts. A reader's first view is recorded once (who, when); the
    publisher sees read and unread per department and can remind the unread.
    A must-read notice greets its audience when they open Odoo until read.

    Access: the audience reads published and expired notices; the author reads
    and edits their drafts; the office reads and edits all. Anyone else does
    not even see that the notice exists.
    """

    _name = "oa.notice"
    _description = "Notice"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "oa.flow.mixin",
        "oa.state.mixin",
    ]
    _order = "is_pinned desc, date_publish desc, id desc"
    _mail_post_access = "read"

    name = fields.Char(string="Title", required=True, tracking=True)
    number = fields.Char(copy=False, readonly=True, index=True)
    category_id = fields.Many2one(
        "oa.notice.category",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env["oa.notice.category"].search([], limit=1),
    )
    category_color = fields.Integer(related="category_id.color")
    state = fields.Selection(
        NOTICE_STATES,
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    body = fields.Html()
    summary = fields.Char(compute="_compute_summary", store=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oa_notice_attachment_rel",
        "notice_id",
        "attachment_id",
        string="Attachments",
        copy=False,
    )
    author_id = fields.Many2one(
        "res.users",
        string="Drafted By",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Issuing Unit",
        default=lambda self: self.env.user.employee_id.department_id,
        tracking=True,
    )
    # -- audience ------------------------------------------------------------
    audience_type = fields.Selection(
        AUDIENCE_TYPES, string="Audience", required=True, default="all", tracking=True
    )
    audience_department_ids = fields.Many2many(
        "hr.department",
        "oa_notice_department_rel",
        "notice_id",
        "department_id",
        string="Departments",
    )
    include_sub_departments = fields.Boolean(default=True)
    audience_group_ids = fields.Many2many(
        "res.groups", "oa_notice_group_rel", "notice_id", "group_id", string="Groups"
    )
    audience_user_ids = fields.Many2many(
        "res.users", "oa_notice_user_rel", "notice_id", "user_id", string="People"
    )
    audience_scope_department_ids = fields.Many2many(
        "hr.department",
        "oa_notice_scope_department_rel",
        "notice_id",
        "department_id",
        string="Departments Reached",
        compute="_compute_audience_scope_department_ids",
        store=True,
        help="The audience departments with their sub-departments when asked; "
        "used by the access rules.",
    )
    audience_summary = fields.Char(compute="_compute_audience_summary")
    # -- board ---------------------------------------------------------------
    is_pinned = fields.Boolean(string="Pinned", tracking=True)
    pin_until = fields.Date(string="Pinned Until")
    must_read = fields.Boolean(
        tracking=True,
        help="Greets its audience when they open Odoo until they have read it.",
    )
    send_sms = fields.Boolean(
        string="Also by SMS",
        help="Send a text to the audience when published and when reminded.",
    )
    date_from = fields.Date(
        string="Valid From", default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(string="Valid Until", tracking=True)
    date_submitted = fields.Datetime(copy=False, readonly=True)
    date_publish = fields.Datetime(string="Published On", copy=False, readonly=True)
    # -- review --------------------------------------------------------------
    reviewer_id = fields.Many2one("res.users", copy=False, readonly=True)
    review_opinion = fields.Text(string="Reviewer's Opinion", copy=False, readonly=True)
    date_reviewed = fields.Datetime(copy=False, readonly=True)
    # -- receipts ------------------------------------------------------------
    recipient_ids = fields.One2many("oa.notice.recipient", "notice_id", copy=False)
    read_stat_ids = fields.One2many("oa.notice.read.stat", "notice_id")
    recipient_count = fields.Integer(compute="_compute_read_counts")
    read_count = fields.Integer(compute="_compute_read_counts")
    unread_count = fields.Integer(compute="_compute_read_counts")
    read_rate = fields.Float(compute="_compute_read_counts", digits=(16, 1))
    is_unread = fields.Boolean(
        compute="_compute_my_read", search="_search_is_unread", string="Unread"
    )
    my_date_read = fields.Datetime(compute="_compute_my_read", string="Read On")
    can_manage = fields.Boolean(compute="_compute_can_manage")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("body")
    def _compute_summary(self):
        for notice in self:
            text = " ".join(html2plaintext(notice.body or "").split())
            notice.summary = text[:120] if text else False

    @api.depends("audience_type", "audience_department_ids", "include_sub_departments")
    def _compute_audience_scope_department_ids(self):
        Department = self.env["hr.department"].sudo()
        for notice in self:
            departments = notice.audience_department_ids
            if notice.audience_type != "departments":
                departments = Department
            elif notice.include_sub_departments and departments:
                departments = Department.search([("id", "child_of", departments.ids)])
            notice.audience_scope_department_ids = departments

    @api.depends(
        "audience_type",
        "audience_department_ids",
        "audience_group_ids",
        "audience_user_ids",
        "include_sub_departments",
    )
    def _compute_audience_summary(self):
        labels = dict(self._fields["audience_type"]._description_selection(self.env))
        for notice in self:
            names = {
                "departments": notice.audience_department_ids.mapped("name"),
                "groups": notice.audience_group_ids.mapped("full_name"),
                "users": notice.audience_user_ids.mapped("name"),
            }.get(notice.audience_type, [])
            text = "、".join(names[:3])
            if len(names) > 3:
                text = self.env._(
                    "%(names)s and %(count)s more", names=text, count=len(names) - 3
                )
            if (
                notice.audience_type == "departments"
                and names
                and notice.include_sub_departments
            ):
                text = self.env._("%(names)s (with sub-departments)", names=text)
            notice.audience_summary = text or labels.get(notice.audience_type)

    def _compute_read_counts(self):
        groups = (
            self.env["oa.notice.recipient"]
            .sudo()
            ._read_group(
                [("notice_id", "in", self.ids), ("in_audience", "=", True)],
                ["notice_id"],
                ["__count", "date_read:count"],
            )
        )
        counts = {notice: (total, read) for notice, total, read in groups}
        for notice in self:
            total, read = counts.get(notice, (0, 0))
            notice.recipient_count = total
            notice.read_count = read
            notice.unread_count = total - read
            notice.read_rate = round(100.0 * read / total, 1) if total else 0.0

    @api.depends_context("uid")
    def _compute_my_read(self):
        receipts = (
            self.env["oa.notice.recipient"]
            .sudo()
            .search_fetch(
                [("notice_id", "in", self.ids), ("user_id", "=", self.env.uid)],
                ["notice_id", "date_read"],
            )
        )
        read = {r.notice_id.id: r.date_read for r in receipts if r.date_read}
        for notice in self:
            notice.my_date_read = read.get(notice.id, False)
            notice.is_unread = notice.state in VISIBLE_STATES and not read.get(
                notice.id
            )

    def _search_is_unread(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on unread notices."))
        read = (
            self.env["oa.notice.recipient"]
            .sudo()
            ._search([("user_id", "=", self.env.uid), ("date_read", "!=", False)])
        )
        if (operator == "=") == value:
            return [
                ("state", "in", VISIBLE_STATES),
                ("id", "not in", read.subselect("notice_id")),
            ]
        return [
            "|",
            ("state", "not in", VISIBLE_STATES),
            ("id", "in", read.subselect("notice_id")),
        ]

    @api.depends_context("uid")
    @api.depends("author_id")
    def _compute_can_manage(self):
        office = self.env.user.has_group("oa_base.group_oa_office")
        for notice in self:
            notice.can_manage = office or notice.author_id == self.env.user

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for notice in self:
            if (
                notice.date_from
                and notice.date_to
                and notice.date_to < notice.date_from
            ):
                raise ValidationError(
                    self.env._(
                        "%(notice)s: the notice cannot end (%(end)s) before it "
                        "starts (%(start)s).",
                        notice=notice.name,
                        end=notice.date_to,
                        start=notice.date_from,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        for notice in self:
            if notice.date_publish or notice.oa_flow_state == "running":
                raise UserError(
                    self.env._(
                        "%(notice)s has been submitted or published and cannot be "
                        "deleted; withdraw it instead.",
                        notice=notice.name,
                    )
                )

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    def _check_manager(self):
        """Only the author or the office manages a notice."""
        self.check_access("read")
        for notice in self:
            if not notice.can_manage and not self.env.su:
                raise UserError(
                    self.env._(
                        "Only the author of %(notice)s or the office can do this.",
                        notice=notice.name,
                    )
                )

    def _check_ready(self):
        """Everything a notice needs before it goes to review or out."""
        for notice in self:
            missing = []
            if not (notice.name or "").strip():
                missing.append(self.env._("a title"))
            if not html2plaintext(notice.body or "").strip() and not (
                notice.attachment_ids
            ):
                missing.append(self.env._("a body or an attachment"))
            audience = {
                "departments": notice.audience_department_ids,
                "groups": notice.audience_group_ids,
                "users": notice.audience_user_ids,
            }
            if notice.audience_type in audience and not audience[notice.audience_type]:
                missing.append(self.env._("the audience (who it is for)"))
            if missing:
                raise UserError(
                    self.env._(
                        "%(notice)s still needs %(missing)s.",
                        notice=notice.name,
                        missing=", ".join(missing),
                    )
                )

    # ------------------------------------------------------------
    # Actions: the life cycle
    # ------------------------------------------------------------

    def action_submit(self):
        """Send the draft to the office for review (a 待办 in its inbox)."""
        self._check_manager()
        self._check_state(("draft",), self.env._("submitted"))
        self._check_ready()
        for notice in self:
            notice.action_oa_start()
            notice.sudo().write(
                {"state": "review", "date_submitted": fields.Datetime.now()}
            )
            notice.sudo().activity_feedback(
                ["mail.mail_activity_data_todo"], user_id=notice.author_id.id
            )
        return True

    def action_publish(self):
        """The office publishes: as the reviewer when it holds the review item,
        directly otherwise (its own notices need no second review)."""
        if not self.env.user.has_group("oa_base.group_oa_office"):
            raise UserError(self.env._("Only the office publishes notices."))
        self._check_state(("draft", "review"), self.env._("published"))
        self._check_ready()
        for notice in self:
            if notice.oa_flow_state == "running":
                item = notice.oa_my_workitem_id
                if not item or not notice.oa_can_act:
                    raise UserError(notice.oa_cannot_act_reason)
                item.action_agree(opinion=self.env._("Published."))
            else:
                notice._do_publish(
                    reviewer=self.env.user,
                    opinion=self.env._("Published directly by the office."),
                )
        return True

    def action_withdraw(self):
        """Take the notice off the board (or drop a draft)."""
        self._check_manager()
        self._check_state(("draft", "published", "expired"), self.env._("withdrawn"))
        for notice in self:
            if notice.oa_flow_state == "running":
                raise UserError(
                    self.env._(
                        "%(notice)s is being reviewed: retract it first.",
                        notice=notice.name,
                    )
                )
        self.sudo().write({"state": "withdrawn", "is_pinned": False})
        for notice in self:
            notice.message_post(
                body=self.env._("Withdrawn by %(user)s.", user=self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_expire(self):
        self._check_manager()
        self._check_state(("published",), self.env._("expired"))
        self.sudo().write({"state": "expired", "is_pinned": False})
        return True

    def action_reset_draft(self):
        self._check_manager()
        self._check_state(("withdrawn", "expired"), self.env._("reopened"))
        self.sudo().write({"state": "draft"})
        return True

    def action_update_audience(self):
        """Add the people who joined the audience since publication."""
        self._check_manager()
        self._check_state(("published",), self.env._("updated"))
        added = 0
        for notice in self:
            self.env.add_to_compute(
                self._fields["audience_scope_department_ids"], notice
            )
            users = notice._get_audience_users()
            new = users - notice.recipient_ids.filtered("in_audience").user_id
            added += notice._add_recipients(new)
            notice._notify_published(new)
        return self._notification(
            self.env._("%(count)s people added to the audience.", count=added)
        )

    # ------------------------------------------------------------
    # Actions: reading
    # ------------------------------------------------------------

    def oa_record_read(self):
        """Record the current user's first view; called when the form opens.

        :return: ``{notice id: {"date_read": str, "first": bool}}``
        """
        notices = self.filtered(lambda n: n.state in VISIBLE_STATES)
        notices.check_access("read")
        first = notices._record_reads(self.env.user)
        return {
            notice.id: {
                "date_read": fields.Datetime.to_string(notice.my_date_read),
                "first": notice.id in first,
            }
            for notice in notices
        }

    def action_mark_read(self):
        self.oa_record_read()
        return True

    def action_remind_unread(self):
        """Remind the audience who has not read it yet: an inbox notification,
        and a text when the notice goes out by SMS too."""
        self.ensure_one()
        self._check_manager()
        self._check_state(("published",), self.env._("reminded"))
        unread = self.recipient_ids.sudo().filtered(
            lambda r: r.in_audience and not r.date_read
        )
        if not unread:
            raise UserError(self.env._("Everyone in the audience has read it."))
        users = unread.user_id
        self.message_notify(
            partner_ids=users.partner_id.ids,
            subject=self.env._("Please read: %(title)s", title=self.name),
            body=Markup("<p>%s</p>")
            % self.env._(
                "%(user)s reminds you to read the notice %(title)s.",
                user=self.env.user.name,
                title=self.name,
            ),
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE oa_notice_recipient "
                "SET reminded_count = COALESCE(reminded_count, 0) + 1, "
                "date_reminded = now() at time zone 'UTC' WHERE id IN %s",
                tuple(unread.ids),
            )
        )
        unread.invalidate_recordset(["reminded_count", "date_reminded"])
        if self.send_sms:
            self.env["oa.sms.message"]._queue(
                self,
                users,
                self.env._("Please read the notice: %(title)s", title=self.name),
            )
        self.message_post(
            body=self.env._(
                "%(user)s reminded %(count)s people who had not read it.",
                user=self.env.user.name,
                count=len(users),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self._notification(
            self.env._("%(count)s people reminded.", count=len(users))
        )

    def action_view_receipts(self):
        """Read receipts of this notice, by department (list, pivot, graph)."""
        self.ensure_one()
        self._check_manager()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oa_notice.action_oa_notice_recipient"
        )
        action["domain"] = [("notice_id", "=", self.id)]
        action["context"] = {
            "search_default_filter_audience": 1,
            "search_default_group_department": 1,
        }
        action["name"] = self.env._("Read Receipts: %(title)s", title=self.name)
        return action

    @api.model
    def get_must_read_greeting(self, limit=20):
        """Must-read notices the current user has not read yet (web client
        greeting). Empty for anyone who is not an OA user."""
        if not self.env.user.has_group("oa_base.group_oa_user"):
            return []
        today = fields.Date.context_today(self)
        notices = self.search(
            [
                ("state", "=", "published"),
                ("must_read", "=", True),
                "|",
                ("date_from", "=", False),
                ("date_from", "<=", today),
                (
                    "recipient_ids",
                    "any",
                    [("user_id", "=", self.env.uid), ("date_read", "=", False)],
                ),
            ],
            limit=limit,
        )
        return [
            {
                "id": notice.id,
                "name": notice.name,
                "category": notice.category_id.name,
                "unit": notice.department_id.name or "",
                "date": fields.Date.to_string(
                    fields.Datetime.context_timestamp(self, notice.date_publish).date()
                )
                if notice.date_publish
                else "",
            }
            for notice in notices
        ]

    # ------------------------------------------------------------
    # Publication
    # ------------------------------------------------------------

    def _do_publish(self, reviewer=None, opinion=None):
        """Publish: number, audience snapshot (receipts), notifications.

        The number of queries does not depend on the size of the audience.
        """
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        Sequence = self.env["ir.sequence"].sudo()
        for notice in self:
            vals = {
                "state": "published",
                "date_publish": now,
                "date_from": notice.date_from or today,
            }
            if not notice.number:
                vals["number"] = Sequence.next_by_code("oa.notice", sequence_date=today)
            if reviewer:
                vals.update(
                    reviewer_id=reviewer.id,
                    review_opinion=opinion,
                    date_reviewed=now,
                )
            notice.sudo().write(vals)
            self.env.add_to_compute(
                self._fields["audience_scope_department_ids"], notice
            )
            users = notice._get_audience_users()
            notice._add_recipients(users)
            notice._notify_published(users)
            notice.sudo().message_post(
                body=self.env._(
                    "Published as %(number)s to %(count)s people.",
                    number=notice.number,
                    count=len(users),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _get_audience_users(self):
        """The people the notice is for, now: active OA users only."""
        self.ensure_one()
        notice = self.sudo()
        oa_users = self.env.ref("oa_base.group_oa_user").sudo().users
        kind = notice.audience_type
        if kind == "all":
            users = oa_users
        elif kind == "departments":
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search_fetch(
                    [
                        (
                            "department_id",
                            "in",
                            notice.audience_scope_department_ids.ids,
                        ),
                        ("user_id", "!=", False),
                    ],
                    ["user_id"],
                )
            )
            users = employees.user_id & oa_users
        elif kind == "groups":
            users = notice.audience_group_ids.users & oa_users
        else:
            users = notice.audience_user_ids & oa_users
        return users.filtered(lambda u: u.active and not u.share).sudo(False)

    @api.model
    def _get_user_departments(self, users):
        """``{user id: department id}`` from the users' employees (one query)."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("user_id", "in", users.ids), ("department_id", "!=", False)],
                ["user_id", "department_id", "company_id"],
            )
        )
        departments = {}
        for employee in employees.sorted(lambda e: e.company_id != self.env.company):
            departments.setdefault(employee.user_id.id, employee.department_id.id)
        return departments

    def _add_recipients(self, users):
        """Put ``users`` in the audience snapshot; one INSERT; return how many
        rows were added or brought into the audience."""
        self.ensure_one()
        if not users:
            return 0
        departments = self._get_user_departments(users)
        self.env.flush_all()
        uid = self.env.uid
        self.env.cr.execute(
            SQL(
                "INSERT INTO oa_notice_recipient (notice_id, user_id, department_id, "
                "in_audience, read_state, reminded_count, create_uid, write_uid, "
                "create_date, write_date) "
                "SELECT %s, unnest(%s::int4[]), unnest(%s::int4[]), true, 'unread', 0, "
                "%s, %s, now() at time zone 'UTC', now() at time zone 'UTC' "
                "ON CONFLICT (notice_id, user_id) DO UPDATE SET in_audience = true "
                "WHERE NOT oa_notice_recipient.in_audience RETURNING id",
                self.id,
                users.ids,
                [departments.get(uid_) for uid_ in users.ids],
                uid,
                uid,
            )
        )
        count = len(self.env.cr.fetchall())
        self.env["oa.notice.recipient"].invalidate_model()
        self.invalidate_recordset(RECEIPT_FIELDS)
        return count

    def _record_reads(self, users):
        """Record the first view of these notices by ``users``; one query.

        A reader outside the audience (e.g. the office) gets a receipt too,
        marked as such. Two views at the same moment give one receipt: the
        row is unique per notice and person and only an unread row is updated.

        :return: set of the notice ids for which this was a first view
        """
        if not self or not users:
            return set()
        departments = self._get_user_departments(users)
        pairs = [(notice.id, user.id) for notice in self for user in users]
        self.env.flush_all()
        uid = self.env.uid
        self.env.cr.execute(
            SQL(
                "INSERT INTO oa_notice_recipient AS r (notice_id, user_id, "
                "department_id, in_audience, read_state, date_read, reminded_count, "
                "create_uid, write_uid, create_date, write_date) "
                "SELECT unnest(%s::int4[]), unnest(%s::int4[]), unnest(%s::int4[]), "
                "false, 'read', now() at time zone 'UTC', 0, %s, %s, "
                "now() at time zone 'UTC', now() at time zone 'UTC' "
                "ON CONFLICT (notice_id, user_id) DO UPDATE SET "
                "date_read = EXCLUDED.date_read, read_state = 'read', "
                "write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date "
                "WHERE r.date_read IS NULL RETURNING r.notice_id",
                [pair[0] for pair in pairs],
                [pair[1] for pair in pairs],
                [departments.get(pair[1]) for pair in pairs],
                uid,
                uid,
            )
        )
        first = {row[0] for row in self.env.cr.fetchall()}
        self.env["oa.notice.recipient"].invalidate_model()
        self.invalidate_recordset(RECEIPT_FIELDS)
        return first

    def _notify_published(self, users):
        """Tell ``users`` at once: a bus message (the web client shows it, or
        greets with a must-read notice), and a text when asked."""
        self.ensure_one()
        if not users:
            return
        payload = {"id": self.id, "name": self.name, "must_read": self.must_read}
        self.env["oa.workitem"]._bus_sendmany(
            [(user, "oa.notice/published", payload) for user in users]
        )
        if self.send_sms:
            self.env["oa.sms.message"]._queue(
                self,
                users,
                self.env._(
                    "New notice from %(unit)s: %(title)s",
                    unit=self.department_id.name or self.company_id.name,
                    title=self.name,
                ),
                sender=self.author_id,
            )

    def _notification(self, message, kind="success"):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": kind, "sticky": False},
        }

    # ------------------------------------------------------------
    # Scheduled
    # ------------------------------------------------------------

    @api.model
    def _cron_expire(self):
        """Expire notices past their validity; unpin those past their date."""
        today = fields.Date.context_today(self)
        self.sudo().search(
            [("state", "=", "published"), ("date_to", "<", today)]
        ).write({"state": "expired", "is_pinned": False})
        self.sudo().search([("is_pinned", "=", True), ("pin_until", "<", today)]).write(
            {"is_pinned": False}
        )
        return True

    # ------------------------------------------------------------
    # Routing engine hooks
    # ------------------------------------------------------------

    def _oa_get_flow_template(self):
        self.ensure_one()
        return self.env["oa.flow.template"]._oa_get_default(
            self._name, code="notice_review"
        )

    def _oa_get_flow_title(self):
        self.ensure_one()
        return f"【{self.category_id.name}】{self.name}"

    def _oa_on_item_agreed(self, item, opinion, chosen):
        self.sudo().write(
            {
                "reviewer_id": item.user_id.id,
                "review_opinion": opinion or self.env._("Agreed to publish."),
                "date_reviewed": fields.Datetime.now(),
            }
        )

    def _oa_on_flow_done(self, flow):
        self.sudo()._do_publish()

    def _oa_on_flow_rejected(self, flow):
        """The office returned the notice: back to the author with the opinion."""
        item = flow.sudo().workitem_ids.filtered(lambda w: w.result == "disagree")[-1:]
        notice = self.sudo()
        notice.write(
            {
                "state": "draft",
                "reviewer_id": item.user_id.id,
                "review_opinion": item.opinion,
                "date_reviewed": item.date_done,
            }
        )
        notice.message_post(
            body=self.env._(
                "Returned by %(user)s: %(opinion)s",
                user=item.user_id.name or "-",
                opinion=item.opinion or "-",
            ),
            subtype_xmlid="mail.mt_note",
        )
        notice.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=notice.author_id.id,
            summary=self.env._("Revise the returned notice"),
            note=item.opinion,
        )

    def _oa_on_flow_cancelled(self, flow):
        # Retracted by its author before the office acted.
        self.sudo().state = "draft"

    def _oa_on_flow_terminated(self, flow):
        self.sudo().write({"state": "withdrawn", "is_pinned": False})
