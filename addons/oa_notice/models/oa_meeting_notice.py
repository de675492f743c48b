# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from .oa_meeting_receipt import ANSWERS

MEETING_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("done", "Held"),
    ("cancelled", "Cancelled"),
]
# Changing these after sending tells the participants again.
MEETING_KEY_FIELDS = ("name", "start", "stop", "location")


class OaMeetingNotice(models.Model):
    """A meeting notice (会议通知) that reaches its participants at once.

    Sending it creates the calendar event with its participants, one
    attendance receipt (参会回执) per participant, an Odoo notification for
    each (inbox or e-mail, as they chose) and a text through the SMS gateway.
    Each participant answers: attending, absent with a reason, or sending
    someone else; the organiser sees the answers and reminds the silent.

    Access: the organiser, the participants (and the people sent in their
    place) read it; the organiser edits it; the office reads and edits all.
    """

    _name = "oa.meeting.notice"
    _description = "Meeting Notice"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.state.mixin"]
    _order = "start desc, id desc"
    _mail_post_access = "read"

    name = fields.Char(string="Subject", required=True, tracking=True)
    organiser_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Organising Unit",
        default=lambda self: self.env.user.employee_id.department_id,
    )
    start = fields.Datetime(required=True, tracking=True)
    stop = fields.Datetime(string="End", required=True, tracking=True)
    location = fields.Char(tracking=True)
    body = fields.Html(string="Agenda and Requirements")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oa_meeting_notice_attachment_rel",
        "meeting_id",
        "attachment_id",
        string="Attachments",
        copy=False,
    )
    participant_user_ids = fields.Many2many(
        "res.users",
        "oa_meeting_notice_user_rel",
        "meeting_id",
        "user_id",
        string="Participants",
    )
    participant_department_ids = fields.Many2many(
        "hr.department",
        "oa_meeting_notice_department_rel",
        "meeting_id",
        "department_id",
        string="Whole Departments",
        help="Everyone in these departments takes part.",
    )
    reply_deadline = fields.Datetime(string="Answer By")
    send_sms = fields.Boolean(string="Also by SMS", default=True)
    state = fields.Selection(
        MEETING_STATES,
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    event_id = fields.Many2one(
        "calendar.event", string="Calendar Event", copy=False, readonly=True
    )
    receipt_ids = fields.One2many("oa.meeting.receipt", "meeting_id", copy=False)
    participant_count = fields.Integer(compute="_compute_answer_counts")
    attend_count = fields.Integer(compute="_compute_answer_counts")
    absent_count = fields.Integer(compute="_compute_answer_counts")
    substitute_count = fields.Integer(compute="_compute_answer_counts")
    pending_count = fields.Integer(compute="_compute_answer_counts")
    my_receipt_id = fields.Many2one("oa.meeting.receipt", compute="_compute_my_receipt")
    my_answer = fields.Selection(ANSWERS, compute="_compute_my_receipt")
    can_manage = fields.Boolean(compute="_compute_can_manage")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------

    def _compute_answer_counts(self):
        groups = (
            self.env["oa.meeting.receipt"]
            .sudo()
            ._read_group(
                [("meeting_id", "in", self.ids)], ["meeting_id", "answer"], ["__count"]
            )
        )
        counts = {}
        for meeting, answer, count in groups:
            counts.setdefault(meeting, {})[answer] = count
        for meeting in self:
            answers = counts.get(meeting, {})
            meeting.participant_count = sum(answers.values())
            meeting.attend_count = answers.get("attend", 0)
            meeting.absent_count = answers.get("absent", 0)
            meeting.substitute_count = answers.get("substitute", 0)
            meeting.pending_count = answers.get("pending", 0)

    @api.depends_context("uid")
    def _compute_my_receipt(self):
        receipts = (
            self.env["oa.meeting.receipt"]
            .sudo()
            .search_fetch(
                [("meeting_id", "in", self.ids), ("user_id", "=", self.env.uid)],
                ["meeting_id", "answer"],
            )
        )
        mine = {receipt.meeting_id.id: receipt for receipt in receipts}
        for meeting in self:
            receipt = mine.get(meeting.id)
            meeting.my_receipt_id = receipt.id if receipt else False
            meeting.my_answer = receipt.answer if receipt else False

    @api.depends_context("uid")
    @api.depends("organiser_id")
    def _compute_can_manage(self):
        office = self.env.user.has_group("oa_base.group_oa_office")
        for meeting in self:
            meeting.can_manage = office or meeting.organiser_id == self.env.user

    @api.constrains("start", "stop", "reply_deadline")
    def _check_dates(self):
        for meeting in self:
            if meeting.start and meeting.stop and meeting.stop <= meeting.start:
                raise ValidationError(
                    self.env._(
                        "%(meeting)s must end after it starts.", meeting=meeting.name
                    )
                )
            if (
                meeting.reply_deadline
                and meeting.start
                and (meeting.reply_deadline > meeting.start)
            ):
                raise ValidationError(
                    self.env._(
                        "Answers to %(meeting)s are due before it starts.",
                        meeting=meeting.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        changed = set(vals) & set(MEETING_KEY_FIELDS)
        sent = self.filtered(lambda m: m.state == "sent") if changed else self.browse()
        res = super().write(vals)
        for meeting in sent:
            meeting._sync_event()
            meeting._notify_participants(
                self.env._("Meeting changed: %(text)s", text=meeting._describe()),
                meeting.receipt_ids.user_id,
            )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(meeting.state != "draft" for meeting in self):
            raise UserError(
                self.env._("A meeting notice that was sent is cancelled, not deleted.")
            )

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _check_manager(self):
        self.check_access("read")
        for meeting in self:
            if not (self.env.su or meeting.can_manage):
                raise UserError(
                    self.env._(
                        "Only the organiser of %(meeting)s or the office can do this.",
                        meeting=meeting.name,
                    )
                )

    def _get_participants(self):
        """The named participants and everyone in the chosen departments."""
        self.ensure_one()
        meeting = self.sudo()
        users = meeting.participant_user_ids
        if meeting.participant_department_ids:
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search_fetch(
                    [
                        ("department_id", "in", meeting.participant_department_ids.ids),
                        ("user_id", "!=", False),
                    ],
                    ["user_id"],
                )
            )
            users |= employees.user_id
        return users.filtered(lambda u: u.active and not u.share).sudo(False)

    def _describe(self):
        """One line for notifications and texts: subject, time, place."""
        self.ensure_one()
        return self.env._(
            "%(subject)s, %(start)s, %(location)s",
            subject=self.name,
            start=self._format_time(self.start),
            location=self.location or "-",
        )

    def _format_time(self, value):
        """A time as the participants read it: in the organiser's time zone."""
        self.ensure_one()
        tz = self.organiser_id.tz or self.env.user.tz or "Asia/Shanghai"
        return format_datetime(self.env, value, tz=tz, dt_format="yyyy-MM-dd HH:mm")

    def _notify_participants(self, text, users, subject=None):
        """Odoo notification (inbox or e-mail) and, when asked, an SMS."""
        self.ensure_one()
        if not users:
            return
        self.message_notify(
            partner_ids=users.partner_id.ids,
            subject=subject or self.name,
            body=Markup("<p>%s</p>") % text,
        )
        if self.send_sms:
            self.env["oa.sms.message"]._queue(
                self, users, text, sender=self.organiser_id
            )

    def _sync_event(self):
        self.ensure_one()
        if self.event_id:
            self.event_id.sudo().with_context(no_mail_to_attendees=True).write(
                {
                    "name": self.name,
                    "start": self.start,
                    "stop": self.stop,
                    "location": self.location,
                }
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_send(self):
        """Send: calendar event, receipts, notifications and SMS."""
        self._check_manager()
        self._check_state(("draft",), self.env._("sent"))
        for meeting in self:
            users = meeting._get_participants()
            if not users:
                raise UserError(
                    self.env._(
                        "Choose who takes part in %(meeting)s.", meeting=meeting.name
                    )
                )
            partners = users.partner_id | meeting.organiser_id.partner_id
            event = (
                self.env["calendar.event"]
                .sudo()
                .with_context(no_mail_to_attendees=True, mail_create_nolog=True)
                .create(
                    {
                        "name": meeting.name,
                        "start": meeting.start,
                        "stop": meeting.stop,
                        "location": meeting.location,
                        "description": meeting.body,
                        "user_id": meeting.organiser_id.id,
                        "partner_ids": [(6, 0, partners.ids)],
                    }
                )
            )
            # Receipts prepared beforehand (e.g. answered on paper) are kept.
            existing = meeting.receipt_ids.sudo()
            missing = users - existing.user_id
            departments = self.env["oa.notice"]._get_user_departments(missing)
            self.env["oa.meeting.receipt"].sudo().create(
                [
                    {
                        "meeting_id": meeting.id,
                        "user_id": user.id,
                        "department_id": departments.get(user.id),
                    }
                    for user in missing
                ]
            )
            meeting.sudo().write({"state": "sent", "event_id": event.id})
            for receipt in existing.filtered(lambda r: r.answer != "pending"):
                receipt._sync_calendar(self.env["res.users"])
            organiser = event.attendee_ids.filtered(
                lambda a, p=meeting.organiser_id.partner_id: a.partner_id == p
            )
            organiser.state = "accepted"
            deadline = (
                meeting._format_time(meeting.reply_deadline)
                if meeting.reply_deadline
                else "-"
            )
            meeting._notify_participants(
                self.env._(
                    "Meeting notice: %(text)s. Please answer by %(deadline)s.",
                    text=meeting._describe(),
                    deadline=deadline,
                ),
                users,
            )
        return True

    def action_remind_pending(self):
        """Remind the participants who have not answered yet."""
        self.ensure_one()
        self._check_manager()
        self._check_state(("sent",), self.env._("reminded"))
        pending = self.receipt_ids.sudo().filtered(lambda r: r.answer == "pending")
        if not pending:
            raise UserError(self.env._("Everyone has answered."))
        pending._increment_reminded()
        self._notify_participants(
            self.env._(
                "Please answer the meeting notice: %(text)s", text=self._describe()
            ),
            pending.user_id,
            subject=self.env._("Please answer: %(subject)s", subject=self.name),
        )
        self.message_post(
            body=self.env._(
                "%(user)s reminded %(count)s participants who had not answered.",
                user=self.env.user.name,
                count=len(pending),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("%(count)s people reminded.", count=len(pending)),
                "type": "success",
                "sticky": False,
            },
        }

    def action_cancel(self):
        self._check_manager()
        self._check_state(("draft", "sent"), self.env._("cancelled"))
        for meeting in self:
            was_sent = meeting.state == "sent"
            meeting.sudo().state = "cancelled"
            if meeting.event_id:
                meeting.event_id.sudo().active = False
            if was_sent:
                meeting._notify_participants(
                    self.env._("Meeting cancelled: %(text)s", text=meeting._describe()),
                    meeting.receipt_ids.user_id | meeting.receipt_ids.substitute_id,
                )
        return True

    def action_done(self):
        self._check_manager()
        self._check_state(("sent",), self.env._("closed"))
        self.sudo().write({"state": "done"})
        return True

    def action_answer_attend(self):
        """I attend (参会)."""
        self.ensure_one()
        self._get_my_receipt().action_answer("attend")
        return True

    def action_open_answer(self):
        """Answer absent (with a reason) or send someone else: the dialog."""
        self.ensure_one()
        receipt = self._get_my_receipt()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Attendance Receipt"),
            "res_model": "oa.meeting.answer",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_receipt_id": receipt.id,
                "default_answer": self.env.context.get("oa_answer", "absent"),
            },
        }

    def _get_my_receipt(self):
        self.ensure_one()
        receipt = self.my_receipt_id
        if not receipt:
            raise UserError(
                self.env._(
                    "You are not a participant of %(meeting)s.", meeting=self.name
                )
            )
        return receipt

    def action_open_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.event_id.id,
            "views": [(False, "form")],
        }

    def action_view_receipts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oa_notice.action_oa_meeting_receipt"
        )
        action["domain"] = [("meeting_id", "=", self.id)]
        action["context"] = {"search_default_group_answer": 1}
        return action
