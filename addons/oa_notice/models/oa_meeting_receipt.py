# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

ANSWERS = [
    ("pending", "No Answer Yet"),
    ("attend", "Attending"),
    ("absent", "Absent"),
    ("substitute", "Sending Someone Else"),
]


class OaMeetingReceipt(models.Model):
    """A participant's attendance receipt (参会回执) for a meeting notice.

    The answer is mirrored on the calendar: attending accepts the invitation,
    absent declines it, sending someone declines it and invites the
    substitute, who is told at once.

    Access: a participant reads their own receipt; the organiser reads those of
    their meetings; the office reads all. Answers go through ``action_answer``.
    """

    _name = "oa.meeting.receipt"
    _description = "Attendance Receipt"
    _order = "meeting_id desc, answer, department_id, id"
    _rec_name = "user_id"

    meeting_id = fields.Many2one(
        "oa.meeting.notice",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Participant", required=True, index=True, readonly=True
    )
    department_id = fields.Many2one("hr.department", readonly=True)
    answer = fields.Selection(
        ANSWERS, default="pending", required=True, index=True, readonly=True
    )
    reason = fields.Text(string="Reason for Absence", readonly=True)
    substitute_id = fields.Many2one(
        "res.users", string="Sent Instead", index="btree_not_null", readonly=True
    )
    date_answered = fields.Datetime(string="Answered On", readonly=True)
    reminded_count = fields.Integer(string="Reminders", readonly=True)
    date_reminded = fields.Datetime(string="Last Reminded On", readonly=True)
    meeting_start = fields.Datetime(related="meeting_id.start", string="Meeting Start")
    meeting_state = fields.Selection(
        related="meeting_id.state", string="Meeting Status"
    )
    organiser_id = fields.Many2one(related="meeting_id.organiser_id")

    _sql_constraints = [
        (
            "meeting_user_uniq",
            "unique(meeting_id, user_id)",
            "A participant has one receipt per meeting.",
        ),
    ]

    # ------------------------------------------------------------
    # Answering
    # ------------------------------------------------------------

    def action_answer(self, answer, reason=None, substitute=None):
        """The participant answers (only for their own receipt)."""
        self.ensure_one()
        if self.user_id != self.env.user and not self.env.su:
            raise UserError(
                self.env._(
                    "Only %(user)s answers this attendance receipt.",
                    user=self.user_id.name,
                )
            )
        return self.sudo()._set_answer(answer, reason=reason, substitute=substitute)

    def _set_answer(self, answer, reason=None, substitute=None, sync_calendar=True):
        self.ensure_one()
        meeting = self.meeting_id
        if meeting.state != "sent":
            raise UserError(
                self.env._(
                    "%(meeting)s is no longer open for answers.", meeting=meeting.name
                )
            )
        if answer not in dict(ANSWERS) or answer == "pending":
            raise UserError(self.env._("Choose attending, absent or sending someone."))
        reason = (reason or "").strip()
        if answer == "absent" and not reason:
            raise UserError(self.env._("Give the reason for your absence."))
        if answer == "substitute":
            if not substitute or substitute == self.user_id:
                raise UserError(self.env._("Choose who goes in your place."))
            if not substitute.active or substitute.share:
                raise UserError(
                    self.env._(
                        "%(user)s cannot take part in meetings.", user=substitute.name
                    )
                )
        previous = self.substitute_id
        self.write(
            {
                "answer": answer,
                "reason": reason if answer in ("absent", "substitute") else False,
                "substitute_id": substitute.id if answer == "substitute" else False,
                "date_answered": fields.Datetime.now(),
            }
        )
        if sync_calendar:
            self._sync_calendar(previous)
        labels = dict(self._fields["answer"]._description_selection(self.env))
        text = labels[answer]
        if answer == "absent":
            text = self.env._("%(answer)s (%(reason)s)", answer=text, reason=reason)
        elif answer == "substitute":
            text = self.env._("%(answer)s: %(user)s", answer=text, user=substitute.name)
        meeting.message_post(
            body=self.env._(
                "Attendance receipt of %(user)s: %(answer)s",
                user=self.user_id.name,
                answer=text,
            ),
            subtype_xmlid="mail.mt_note",
        )
        if answer == "substitute" and substitute != previous:
            meeting._notify_participants(
                self.env._(
                    "%(user)s sends you to the meeting: %(text)s",
                    user=self.user_id.name,
                    text=meeting._describe(),
                ),
                substitute,
            )
        return True

    def _sync_calendar(self, previous_substitute):
        """Mirror the answer on the calendar event's attendees."""
        self.ensure_one()
        event = self.meeting_id.event_id.sudo()
        if not event:
            return
        event = event.with_context(no_mail_to_attendees=True)
        partner = self.user_id.partner_id
        substitute = self.substitute_id.partner_id
        if substitute and substitute not in event.partner_ids:
            event.write({"partner_ids": [(4, substitute.id)]})
        dropped = previous_substitute.partner_id - substitute
        if dropped:
            event.write({"partner_ids": [(3, dropped.id)]})
        states = {
            partner: "accepted" if self.answer == "attend" else "declined",
        }
        if substitute:
            states[substitute] = "accepted"
        for attendee in event.attendee_ids:
            state = states.get(attendee.partner_id)
            if state and attendee.state != state:
                attendee.state = state

    def _increment_reminded(self):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE oa_meeting_receipt "
                "SET reminded_count = COALESCE(reminded_count, 0) + 1, "
                "date_reminded = now() at time zone 'UTC' WHERE id IN %s",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["reminded_count", "date_reminded"])
