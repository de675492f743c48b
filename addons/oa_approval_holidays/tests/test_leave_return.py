# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""销假: the return is recorded; back early, Time Off gives the days back."""

import psycopg2.errors

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OaLeaveCase


@tagged("post_install", "-at_install")
class TestLeaveReturn(OaLeaveCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The time off's calendar event shows the return too.
        cls.annual.create_calendar_meeting = True

    def setUp(self):
        super().setUp()
        # 何佳: Monday to Friday approved by both leaders.
        self.leave_request, self.leave = self.approved_leave(
            self.zhk_he, 0, 4, (self.zhk_xu, self.fgjz_wang)
        )
        self.assertEqual(self.balance(self.emp_zhk_he), (5, 5))

    def test_early_return_shortens_the_leave_and_restores_the_balance(self):
        back = self.day(3)  # Thursday: Monday to Wednesday taken
        request = self.new_return_request(self.zhk_he, self.leave, back)
        self.assertEqual(request.leave_days, 5)
        self.assertEqual(request.leave_start, self.day(0))
        self.assertEqual(request.leave_end, self.day(4))
        request.with_user(self.zhk_he).action_submit()
        self.assertTrue(request.name.startswith("XJ-"))
        self.assertEqual(self.route_codes(request), ["manager", "supervisor"])
        self.approve(request, self.zhk_xu)
        self.assertEqual(self.leave.number_of_days, 5, "not before it is approved")
        self.approve(request, self.fgjz_wang)

        self.assertEqual(request.state, "approved")
        self.leave.invalidate_recordset()
        self.assertEqual(self.leave.state, "validate")
        self.assertEqual(self.leave.request_date_to, self.day(2))
        self.assertEqual(self.leave.number_of_days, 3)
        self.assertEqual(self.leave.oa_return_date, back)
        self.assertEqual(request.leave_planned_date_to, self.day(4))
        self.assertEqual(request.leave_days_returned, 2)
        self.assertEqual(self.balance(self.emp_zhk_he), (7, 7))
        # Time Off's own records follow the new end.
        resource_leave = self.env["resource.calendar.leaves"].search(
            [("holiday_id", "=", self.leave.id)]
        )
        self.assertEqual(len(resource_leave), 1)
        self.assertEqual(resource_leave.date_to, self.leave.date_to)
        self.assertTrue(self.leave.meeting_id)
        self.assertEqual(self.leave.meeting_id.stop, self.leave.date_to)
        # The 请假 request shows the recorded return.
        self.leave_request.invalidate_recordset()
        self.assertEqual(self.leave_request.leave_days, 3)
        self.assertEqual(self.leave_request.leave_back_on, back)

    def test_return_on_time_only_recorded(self):
        back = self.day(7)  # the next Monday
        request = self.new_return_request(self.zhk_he, self.leave, back)
        request.with_user(self.zhk_he).action_submit()
        self.approve(request, self.zhk_xu, self.fgjz_wang)
        self.assertEqual(request.state, "approved")
        self.leave.invalidate_recordset()
        self.assertEqual(self.leave.state, "validate")
        self.assertEqual(self.leave.request_date_to, self.day(4))
        self.assertEqual(self.leave.number_of_days, 5)
        self.assertEqual(self.leave.oa_return_date, back)
        self.assertEqual(request.leave_days_returned, 0)
        self.assertEqual(self.balance(self.emp_zhk_he), (5, 5))

    def test_return_on_the_first_day_gives_everything_back(self):
        request = self.new_return_request(self.zhk_he, self.leave, self.day(0))
        request.with_user(self.zhk_he).action_submit()
        self.approve(request, self.zhk_xu, self.fgjz_wang)
        self.leave.invalidate_recordset()
        self.assertEqual(self.leave.state, "cancel")
        self.assertEqual(request.leave_days_returned, 5)
        self.assertEqual(self.balance(self.emp_zhk_he), (10, 10))
        self.assertFalse(
            self.env["resource.calendar.leaves"].search(
                [("holiday_id", "=", self.leave.id)]
            )
        )

    def test_one_return_per_leave(self):
        first = self.new_return_request(self.zhk_he, self.leave, self.day(3))
        first.with_user(self.zhk_he).action_submit()
        second = self.new_return_request(self.zhk_he, self.leave, self.day(2))
        with self.assertRaises(UserError) as caught:
            second.with_user(self.zhk_he).action_submit()
        self.assertIn("already has the return request", str(caught.exception))
        self.assertIn(first.name, str(caught.exception))
        # Still refused once the first one is approved.
        self.approve(first, self.zhk_xu, self.fgjz_wang)
        with self.assertRaises(UserError):
            second.with_user(self.zhk_he).action_submit()
        second.invalidate_recordset()
        self.assertEqual(second.state, "draft")
        # The database refuses it too, whatever the code path.
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
        ):
            second.sudo().write({"state": "pending"})
            second.flush_recordset()

    def test_refused_return_leaves_the_leave_alone(self):
        request = self.new_return_request(self.zhk_he, self.leave, self.day(1))
        request.with_user(self.zhk_he).action_submit()
        self.item_of(request, self.zhk_xu).action_disagree(opinion="Please check.")
        request.invalidate_recordset()
        self.assertEqual(request.state, "refused")
        self.leave.invalidate_recordset()
        self.assertEqual(self.leave.number_of_days, 5)
        self.assertFalse(self.leave.oa_return_date)
        # A refused return does not count: another one can be made.
        again = self.new_return_request(self.zhk_he, self.leave, self.day(7))
        again.with_user(self.zhk_he).action_submit()
        self.assertEqual(again.state, "pending")

    def test_return_checks(self):
        # Someone else's time off.
        gao_request = self.new_leave_request(self.zhk_gao, 7, 7)
        gao_request.with_user(self.zhk_gao).action_submit()
        self.approve(gao_request, self.zhk_xu)
        request = self.new_return_request(
            self.zhk_he, gao_request.leave_id, self.day(7)
        )
        with self.assertRaises(UserError) as caught:
            request.with_user(self.zhk_he).action_submit()
        self.assertIn("is not a time off of", str(caught.exception))
        # A time off not approved yet.
        pending = self.new_leave_request(self.zhk_he, 9, 9)
        pending.with_user(self.zhk_he).action_submit()
        request = self.new_return_request(self.zhk_he, pending.leave_id, self.day(10))
        with self.assertRaises(UserError) as caught:
            request.with_user(self.zhk_he).action_submit()
        self.assertIn("is not approved", str(caught.exception))
        # Back before it starts.
        request = self.new_return_request(self.zhk_he, self.leave, self.day(-1))
        with self.assertRaises(UserError) as caught:
            request.with_user(self.zhk_he).action_submit()
        self.assertIn("is before the time off starts", str(caught.exception))
        # Nothing chosen.
        request = self.Request.with_user(self.zhk_he).create(
            {"type_id": self.type_return.id, "subject": "Back"}
        )
        with self.assertRaises(UserError) as caught:
            request.with_user(self.zhk_he).action_submit()
        self.assertIn("Choose the time off you are back from.", str(caught.exception))
        self.assertIn("Give the day you are back at work.", str(caught.exception))

    def test_approval_forms_show_the_time_off(self):
        request = self.new_return_request(self.zhk_he, self.leave, self.day(3))
        request.with_user(self.zhk_he).action_submit()
        self.approve(request, self.zhk_xu, self.fgjz_wang)
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        html = (
            Report.with_user(self.zhk_he)
            ._render_qweb_html(
                "oa_approval.action_report_oa_approval_request",
                (self.leave_request | request).ids,
            )[0]
            .decode()
        )
        first = self.leave_request._report_date(self.day(0))
        self.assertIn(f"{first} – {self.leave_request._report_date(self.day(2))}", html)
        self.assertIn("Test Annual Leave", html)
        self.assertIn("Days Given Back", html)
        self.assertIn("Back at Work On", html)
