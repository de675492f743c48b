# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import re
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

SMS_STATES = [
    ("queued", "Queued"),
    ("sent", "Sent"),
    ("failed", "Failed, Will Retry"),
    ("exception", "Not Delivered"),
]
_NUMBER_JUNK = re.compile(r"[\s\-()（）]")


class OaSmsMessage(models.Model):
    """One SMS to one person about one document: the outgoing queue.

    ``_queue`` writes the messages (one INSERT whatever their number); the cron
    ``_cron_send`` sends the due ones through their gateway, one call per
    document and text. A failed message is retried with a doubling wait until
    its gateway's ``max_attempts``; then it is given up and reported: a note on
    the document and an exception activity for its sender. People without a
    mobile number get a message in the same 'Not Delivered' state at once, so
    nobody is skipped silently.

    Access: the office reads the queue; nobody edits it by hand except to retry.
    """

    _name = "oa.sms.message"
    _description = "SMS Message"
    _order = "id desc"
    _rec_name = "number"

    res_model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", index=True
    )
    user_id = fields.Many2one("res.users", string="Recipient", index=True)
    number = fields.Char(string="Mobile Number")
    body = fields.Text(string="Text", required=True)
    provider_id = fields.Many2one("oa.sms.provider", string="Gateway", index=True)
    sender_id = fields.Many2one(
        "res.users", string="Sent By", help="Who is told when it cannot be sent."
    )
    state = fields.Selection(SMS_STATES, default="queued", required=True, index=True)
    attempts = fields.Integer(readonly=True)
    next_attempt = fields.Datetime(readonly=True)
    last_error = fields.Text(readonly=True)
    date_sent = fields.Datetime(readonly=True)
    reported = fields.Boolean(
        readonly=True,
        help="Its failure was reported on the document and to the sender.",
    )
    company_id = fields.Many2one("res.company")

    def init(self):
        # The cron reads only the messages waiting to be sent, by due time.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS oa_sms_message_due_idx ON oa_sms_message "
                "(next_attempt, id) WHERE state IN ('queued', 'failed')"
            )
        )

    # ------------------------------------------------------------
    # Queueing
    # ------------------------------------------------------------

    @api.model
    def _get_numbers(self, users):
        """``{user id: mobile number or False}``: the employee's work mobile
        (``mobile_phone``), else the partner's mobile. Two queries."""
        numbers = dict.fromkeys(users.ids, False)
        if not users:
            return numbers
        for user in users.sudo():
            numbers[user.id] = _clean_number(user.partner_id.mobile)
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [("user_id", "in", users.ids), ("mobile_phone", "!=", False)],
                ["user_id", "mobile_phone"],
            )
        )
        for employee in employees:
            number = _clean_number(employee.mobile_phone)
            if number:
                numbers[employee.user_id.id] = number
        return numbers

    @api.model
    def _queue(self, record, users, text, sender=None, provider=None):
        """Queue ``text`` for ``users`` about ``record``; return the messages.

        One INSERT for all of them. People without a number are reported on
        ``record`` at once (note + activity for ``sender``). The cron is
        triggered to send soon.
        """
        users = users.filtered(lambda u: u.active)
        if not users or not text:
            return self.browse()
        provider = provider or self.env["oa.sms.provider"]._get_default()
        sender = sender or self.env.user
        numbers = self._get_numbers(users)
        now = fields.Datetime.now()
        no_gateway = self.env._("No SMS gateway is configured.")
        no_number = self.env._("No mobile number.")
        rows = []
        for user in users:
            number = numbers[user.id]
            error = (
                None if number and provider else (no_gateway if number else no_number)
            )
            rows.append(
                {
                    "res_model": record._name,
                    "res_id": record.id,
                    "user_id": user.id,
                    "number": number or None,
                    "body": text,
                    "provider_id": provider.id or None,
                    "sender_id": sender.id,
                    "state": "exception" if error else "queued",
                    "next_attempt": None if error else now,
                    "last_error": error,
                    "company_id": self.env.company.id,
                }
            )
        messages = self._insert_rows(rows)
        failed = messages.filtered(lambda m: m.state == "exception")
        failed._report_failures()
        if messages - failed:
            self.env.ref("oa_notice.ir_cron_oa_sms_send")._trigger()
        return messages

    @api.model
    def _insert_rows(self, rows):
        columns = [
            ("res_model", "varchar"),
            ("res_id", "int4"),
            ("user_id", "int4"),
            ("number", "varchar"),
            ("body", "text"),
            ("provider_id", "int4"),
            ("sender_id", "int4"),
            ("state", "varchar"),
            ("next_attempt", "timestamp"),
            ("last_error", "text"),
            ("company_id", "int4"),
        ]
        self.env.flush_all()
        uid = self.env.uid
        self.env.cr.execute(
            SQL(
                "INSERT INTO oa_sms_message (%s, attempts, reported, create_uid, "
                "write_uid, create_date, write_date) SELECT %s, 0, false, %s, %s, "
                "now() at time zone 'UTC', now() at time zone 'UTC' RETURNING id",
                SQL(", ").join(SQL.identifier(col) for col, __ in columns),
                SQL(", ").join(
                    SQL("unnest(%s::" + sqltype + "[])", [row[col] for row in rows])
                    for col, sqltype in columns
                ),
                uid,
                uid,
            )
        )
        return self.sudo().browse([row[0] for row in self.env.cr.fetchall()])

    # ------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------

    @api.model
    def _cron_send(self, batch_size=500):
        """Send the due messages; re-trigger while more are due."""
        due = self.sudo().search(
            [
                ("state", "in", ("queued", "failed")),
                ("next_attempt", "<=", fields.Datetime.now()),
            ],
            order="next_attempt, id",
            limit=batch_size,
        )
        due._send()
        if len(due) == batch_size:
            self.env.ref("oa_notice.ir_cron_oa_sms_send")._trigger()
        return True

    def _send(self):
        """Send these messages: one gateway call per gateway, document and text."""
        batches = defaultdict(lambda: self.browse())
        for message in self.filtered(lambda m: m.state in ("queued", "failed")):
            key = (message.provider_id, message.res_model, message.res_id, message.body)
            batches[key] |= message
        given_up = self.browse()
        for (provider, res_model, res_id, body), messages in batches.items():
            record = None
            if res_model in self.env:
                record = self.env[res_model].sudo().browse(res_id).exists() or None
            numbers = list(dict.fromkeys(messages.mapped("number")))
            if not provider:
                results = dict.fromkeys(numbers, self.env._("No SMS gateway."))
            else:
                try:
                    with self.env.cr.savepoint():
                        results = provider._send_sms(numbers, body, record=record)
                except Exception as e:  # noqa: BLE001 - every failure is retried
                    _logger.warning(
                        "SMS gateway %s failed for %s,%s: %s",
                        provider.name,
                        res_model,
                        res_id,
                        e,
                    )
                    results = dict.fromkeys(numbers, str(e) or e.__class__.__name__)
            given_up |= messages._record_results(results)
        given_up._report_failures()
        return True

    def _record_results(self, results):
        """Write the outcome of one attempt; return the messages given up."""
        now = fields.Datetime.now()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE oa_sms_message SET attempts = COALESCE(attempts, 0) + 1 "
                "WHERE id IN %s",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["attempts"])
        sent = self.filtered(lambda m: not results.get(m.number))
        sent.write({"state": "sent", "date_sent": now, "last_error": False})
        given_up = self.browse()
        for message in self - sent:
            provider = message.provider_id
            vals = {"last_error": results.get(message.number)}
            if message.attempts >= (provider.max_attempts or 1):
                vals.update(state="exception", next_attempt=False)
                given_up |= message
            else:
                wait = (provider.retry_minutes or 5) * 2 ** (message.attempts - 1)
                vals.update(state="failed", next_attempt=now + timedelta(minutes=wait))
            message.write(vals)
        return given_up

    def _report_failures(self):
        """Report undelivered messages: a note on each document listing who did
        not get the text and why, and an exception activity for the sender."""
        todo = self.filtered(lambda m: m.state == "exception" and not m.reported)
        for (res_model, res_id), messages in todo.grouped(
            lambda m: (m.res_model, m.res_id)
        ).items():
            record = (
                self.env[res_model].sudo().browse(res_id).exists()
                if res_model in self.env
                else None
            )
            lines = Markup("").join(
                Markup("<li>%s</li>")
                % self.env._(
                    "%(name)s (%(number)s): %(error)s",
                    name=m.user_id.name or "-",
                    number=m.number or "-",
                    error=m.last_error or "-",
                )
                for m in messages
            )
            title = self.env._(
                "%(count)s SMS could not be delivered: %(text)s",
                count=len(messages),
                text=messages[0].body,
            )
            if record and hasattr(record, "message_post"):
                record.message_post(
                    body=Markup("<p>%s</p><ul>%s</ul>") % (title, lines),
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
            if record and hasattr(record, "activity_schedule"):
                for sender in (
                    messages.sender_id
                    or self.env.ref("oa_base.group_oa_office").users.filtered("active")[
                        :1
                    ]
                ):
                    record.activity_schedule(
                        "mail.mail_activity_data_warning",
                        user_id=sender.id,
                        summary=self.env._("SMS not delivered"),
                        note=Markup("<p>%s</p><ul>%s</ul>") % (title, lines),
                    )
            elif record is None:
                _logger.warning(
                    "SMS not delivered for a missing document %s,%s: %s",
                    res_model,
                    res_id,
                    title,
                )
        todo.write({"reported": True})
        return True

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_retry(self):
        """Send again (the office, after fixing a number or the gateway)."""
        self.filtered(lambda m: m.state in ("failed", "exception")).write(
            {
                "state": "queued",
                "attempts": 0,
                "next_attempt": fields.Datetime.now(),
                "reported": False,
            }
        )
        self.env.ref("oa_notice.ir_cron_oa_sms_send")._trigger()
        return True

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }


def _clean_number(number):
    return _NUMBER_JUNK.sub("", number or "") or False
