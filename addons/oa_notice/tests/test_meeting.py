# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Meeting notices: calendar event, 参会回执, reminders of the silent."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import OaNoticeCase


@tagged("post_install", "-at_install")
class TestMeeting(OaNoticeCase):
    def make_meeting(self, organiser=None, **vals):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        values = {
            "name": "2026年第一季度统计数据会商会",
            "start": start,
            "stop": start + timedelta(hours=2),
            "location": "局机关三楼会议室",
            "reply_deadline": start - timedelta(days=1),
            "body": "<p>通报一季度主要统计指标。</p>",
            "participant_user_ids": [(6, 0, (self.hsk_wu | self.skk_yang).ids)],
            "participant_department_ids": [(6, 0, self.dept_industry.ids)],
        }
        values.update(vals)
        return self.Meeting.with_user(organiser or self.bgs_zhang).create(values)

    def receipt(self, meeting, user):
        return meeting.receipt_ids.filtered(lambda r: r.user_id == user)

    def attendee(self, meeting, user):
        return meeting.event_id.attendee_ids.filtered(
            lambda a: a.partner_id == user.partner_id
        )

    def test_send_answer_remind(self):
        meeting = self.make_meeting()
        industry = (
            self.env["hr.employee"]
            .search([("department_id", "=", self.dept_industry.id)])
            .user_id
        )
        participants = self.hsk_wu | self.skk_yang | industry
        # Nobody but the organiser sees a draft.
        self.assertFalse(
            self.Meeting.with_user(self.hsk_wu).search([("id", "=", meeting.id)])
        )
        meeting.action_send()
        self.assertEqual(meeting.state, "sent")
        # The calendar event with the participants (and the organiser).
        event = meeting.event_id
        self.assertTrue(event)
        self.assertEqual(event.start, meeting.start)
        self.assertEqual(event.user_id, self.bgs_zhang)
        self.assertEqual(
            event.partner_ids, participants.partner_id | self.bgs_zhang.partner_id
        )
        # One receipt each, all waiting.
        self.assertEqual(meeting.receipt_ids.user_id, participants)
        self.assertEqual(meeting.pending_count, len(participants))
        # Everyone was notified in Odoo, and by SMS.
        notification = self.env["mail.message"].search(
            [
                ("model", "=", "oa.meeting.notice"),
                ("res_id", "=", meeting.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(
            notification.notification_ids.res_partner_id, participants.partner_id
        )
        sms = self.env["oa.sms.message"].search(
            [("res_model", "=", "oa.meeting.notice"), ("res_id", "=", meeting.id)]
        )
        self.assertEqual(sms.user_id, participants)
        # 罗斌 has no mobile number: reported, not skipped.
        luo = sms.filtered(lambda m: m.user_id == self.gjk_luo)
        self.assertEqual(luo.state, "exception")
        self.assertTrue(luo.reported)
        self.assertTrue(
            any(
                self.gjk_luo.name in body for body in meeting.message_ids.mapped("body")
            )
        )

        # A participant reads it; an outsider does not.
        meeting.with_user(self.hsk_wu).read(["name", "location"])
        with self.assertRaises(AccessError):
            meeting.with_user(self.skk_zhu).read(["name"])
        # 参会: attending accepts the invitation.
        meeting.with_user(self.hsk_wu).action_answer_attend()
        self.assertEqual(self.receipt(meeting, self.hsk_wu).answer, "attend")
        self.assertEqual(self.attendee(meeting, self.hsk_wu).state, "accepted")
        # Absent needs a reason; then it declines.
        as_yang = meeting.with_user(self.skk_yang)
        with self.assertRaises(UserError):
            self.receipt(meeting, self.skk_yang).with_user(self.skk_yang).action_answer(
                "absent"
            )
        wizard = (
            self.env["oa.meeting.answer"]
            .with_user(self.skk_yang)
            .create(
                {
                    "receipt_id": as_yang.my_receipt_id.id,
                    "answer": "absent",
                    "reason": "同日赴省局参加培训。",
                }
            )
        )
        wizard.action_confirm()
        receipt = self.receipt(meeting, self.skk_yang)
        self.assertEqual(receipt.answer, "absent")
        self.assertEqual(receipt.reason, "同日赴省局参加培训。")
        self.assertEqual(self.attendee(meeting, self.skk_yang).state, "declined")
        # Sending someone else: the substitute is invited, told, and sees it.
        self.env["oa.meeting.answer"].with_user(self.gjk_huang).create(
            {
                "receipt_id": self.receipt(meeting, self.gjk_huang).id,
                "answer": "substitute",
                "substitute_id": self.skk_zhu.id,
                "reason": "在外调研。",
            }
        ).action_confirm()
        self.assertEqual(
            self.receipt(meeting, self.gjk_huang).substitute_id, self.skk_zhu
        )
        self.assertEqual(self.attendee(meeting, self.gjk_huang).state, "declined")
        self.assertEqual(self.attendee(meeting, self.skk_zhu).state, "accepted")
        meeting.with_user(self.skk_zhu).read(["name"])
        told = self.env["mail.message"].search(
            [
                ("model", "=", "oa.meeting.notice"),
                ("res_id", "=", meeting.id),
                ("partner_ids", "in", self.skk_zhu.partner_id.ids),
            ]
        )
        self.assertTrue(told)
        # Nobody answers for someone else.
        with self.assertRaises(UserError):
            self.receipt(meeting, self.gjk_lin).with_user(self.hsk_wu).action_answer(
                "attend"
            )
        # The organiser sees the answers and reminds the silent only.
        meeting.invalidate_recordset()
        self.assertEqual(
            (meeting.attend_count, meeting.absent_count, meeting.substitute_count),
            (1, 1, 1),
        )
        silent = meeting.receipt_ids.filtered(lambda r: r.answer == "pending")
        self.assertEqual(meeting.pending_count, len(silent))
        with self.assertRaises(UserError):
            meeting.with_user(self.hsk_wu).action_remind_pending()
        meeting.action_remind_pending()
        silent.invalidate_recordset()
        self.assertEqual(set(silent.mapped("reminded_count")), {1})
        answered = meeting.receipt_ids - silent
        self.assertEqual(set(answered.mapped("reminded_count")), {0})
        # Participants see their own receipt, not the others'.
        self.assertEqual(
            self.env["oa.meeting.receipt"]
            .with_user(self.hsk_wu)
            .search([("meeting_id", "=", meeting.id)]),
            self.receipt(meeting, self.hsk_wu),
        )

    def test_calendar_answer_reaches_the_receipt(self):
        meeting = self.make_meeting()
        meeting.action_send()
        self.attendee(meeting, self.gjk_lin).with_user(self.gjk_lin).do_decline()
        receipt = self.receipt(meeting, self.gjk_lin)
        self.assertEqual(receipt.answer, "absent")
        self.assertTrue(receipt.reason)
        self.attendee(meeting, self.gjk_lin).with_user(self.gjk_lin).do_accept()
        self.assertEqual(receipt.answer, "attend")

    def test_change_and_cancel(self):
        meeting = self.make_meeting()
        meeting.action_send()
        new_start = meeting.start + timedelta(days=1)
        meeting.write({"start": new_start, "stop": new_start + timedelta(hours=1)})
        self.assertEqual(meeting.event_id.start, new_start)
        changed = self.env["mail.message"].search(
            [
                ("model", "=", "oa.meeting.notice"),
                ("res_id", "=", meeting.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(len(changed), 2, "sent, then changed")
        # Only the organiser (or the office) cancels.
        with self.assertRaises(UserError):
            meeting.with_user(self.hsk_wu).action_cancel()
        meeting.action_cancel()
        self.assertEqual(meeting.state, "cancelled")
        self.assertFalse(meeting.event_id.active)
        with self.assertRaises(UserError):
            meeting.with_user(self.hsk_wu).action_answer_attend()
        with self.assertRaises(UserError):
            meeting.unlink()

    def test_bad_input(self):
        with self.assertRaises(ValidationError):
            self.make_meeting(stop=fields.Datetime.now() - timedelta(days=30))
        meeting = self.make_meeting(
            participant_user_ids=[], participant_department_ids=[]
        )
        with self.assertRaises(UserError):
            meeting.action_send()
        self.assertEqual(meeting.state, "draft")
        # Staff organise their own meetings; they cannot send the office's.
        with self.assertRaises(AccessError):
            self.make_meeting().with_user(self.gjk_lin).action_send()
        own = self.make_meeting(organiser=self.gjk_huang, participant_department_ids=[])
        own.action_send()
        self.assertEqual(own.state, "sent")
