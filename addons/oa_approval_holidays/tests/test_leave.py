# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""请假 end to end: Time Off creates, counts, validates, refuses and cancels."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import OaLeaveCase


@tagged("post_install", "-at_install")
class TestLeave(OaLeaveCase):
    def test_long_leave_end_to_end(self):
        """5 days: section leader then supervising leader; Time Off validates."""
        request = self.new_leave_request(self.zhk_he, 0, 4)
        # The draft already shows what Time Off will count.
        self.assertEqual(request.leave_days, 5)
        self.assertEqual(request.leave_remaining, 10)
        self.assertEqual(request.leave_allocated, 10)
        self.assertEqual(self.balance(self.emp_zhk_he), (10, 10))

        request.with_user(self.zhk_he).action_submit()
        leave = request.leave_id
        self.assertEqual(request.state, "pending")
        self.assertTrue(request.name.startswith("QJ-"))
        self.assertEqual(leave.employee_id, self.emp_zhk_he)
        self.assertEqual(leave.state, "confirm")
        self.assertEqual(leave.number_of_days, 5)
        self.assertEqual(leave.oa_request_id, request)
        self.assertEqual(
            (leave.request_date_from, leave.request_date_to),
            (self.day(0), self.day(4)),
        )
        self.assertEqual(leave.create_uid, self.zhk_he, "created as the requester")
        self.assertEqual(request.date_start, leave.date_from)
        # Requested days are held at once, taken only once approved.
        self.assertEqual(self.balance(self.emp_zhk_he), (10, 5))
        self.assertEqual(self.route_codes(request), ["manager", "supervisor"])
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "hr.leave"), ("res_id", "=", leave.id)]
            ),
            "Time Off's own approval activity would notify out of turn",
        )

        self.approve(request, self.zhk_xu)
        self.assertEqual(request.state, "pending")
        self.assertEqual(leave.state, "confirm")
        self.approve(request, self.fgjz_wang)
        self.assertEqual(request.state, "approved")
        self.assertEqual(leave.state, "validate")
        self.assertEqual(leave.first_approver_id, self.emp_fgjz_wang)
        self.assertTrue(
            self.env["resource.calendar.leaves"].search([("holiday_id", "=", leave.id)])
        )
        self.assertEqual(self.balance(self.emp_zhk_he), (5, 5))

        # Every approver reads the request's time-off figures.
        request.invalidate_recordset()
        values = request.with_user(self.fgjz_wang).read(
            [
                "leave_id",
                "leave_days",
                "leave_balance_display",
                "leave_duration_display",
                "leave_state",
            ]
        )[0]
        self.assertEqual(values["leave_id"][0], leave.id)
        self.assertEqual(values["leave_days"], 5)
        self.assertEqual(values["leave_balance_display"], "5 days left of 10")
        self.assertEqual(values["leave_duration_display"], "5 days")
        self.assertEqual(values["leave_state"], "validate")

    def test_form_as_the_requester(self):
        """何佳 fills the form: Time Off's figures follow what she types."""
        form = Form(
            self.Request.with_user(self.zhk_he).with_context(
                default_type_id=self.type_leave.id
            )
        )
        form.subject = "Family matters"
        form.leave_type_id = self.annual
        form.leave_date_from = self.day(4)
        self.assertEqual(form.leave_date_to, self.day(4), "one day by default")
        form.leave_date_to = self.day(7)  # Friday to Monday: 2 working days
        form.reason = "Visit my parents."
        self.assertEqual(form.leave_days, 2)
        self.assertEqual(form.leave_duration_display, "2 days")
        self.assertEqual(form.leave_balance_display, "10 days left of 10")
        request = form.save()
        request.with_user(self.zhk_he).action_submit()
        self.assertEqual(request.leave_id.number_of_days, 2)
        self.assertEqual(request.leave_balance_display, "8 days left of 10")

    def test_short_leave_only_section_leader(self):
        request = self.new_leave_request(self.zhk_he, 0, 1)
        request.with_user(self.zhk_he).action_submit()
        self.assertEqual(self.route_codes(request), ["manager"])
        self.approve(request, self.zhk_xu)
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.leave_id.state, "validate")
        self.assertEqual(request.leave_id.first_approver_id, self.emp_zhk_xu)
        self.assertEqual(self.balance(self.emp_zhk_he), (8, 8))

    def test_section_leader_own_short_leave_goes_to_supervisor(self):
        """Nobody approves their own leave: the length tier steps in."""
        request = self.new_leave_request(self.zhk_xu, 0, 1)
        request.with_user(self.zhk_xu).action_submit()
        self.assertEqual(self.route_codes(request), ["manager", "supervisor"])
        with self.assertRaises(UserError):
            request.with_user(self.zhk_xu).action_approve()
        self.approve(request, self.fgjz_wang)
        self.assertEqual(request.leave_id.state, "validate")

    def test_editing_the_route_never_changes_a_running_request(self):
        request = self.new_leave_request(self.zhk_he, 0, 1)
        request.with_user(self.zhk_he).action_submit()
        supervisor = self.env.ref("oa_approval_holidays.flow_step_leave_supervisor")
        supervisor.leave_days_above = 0
        self.approve(request, self.zhk_xu)
        self.assertEqual(request.state, "approved", "taken at submission, kept")
        later = self.new_leave_request(self.zhk_he, 7, 8)
        later.with_user(self.zhk_he).action_submit()
        self.assertEqual(self.route_codes(later), ["manager", "supervisor"])

    def test_not_enough_balance_refused_and_nothing_lost(self):
        """高磊 has 3 days: Time Off refuses 5, the draft keeps what he typed."""
        request = self.new_leave_request(self.zhk_gao, 0, 4, subject="Long trip")
        with self.assertRaises(UserError) as caught:
            request.with_user(self.zhk_gao).action_submit()
        message = str(caught.exception)
        self.assertIn("Long trip cannot be submitted", message)
        self.assertIn("There is no valid allocation to cover that request.", message)
        self.assertIn("Balance of Test Annual Leave: 3 days left of 3", message)
        self.assertIn("this request takes 5 days", message)
        request.invalidate_recordset()
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.oa_flow_id)
        self.assertFalse(request.leave_id)
        self.assertEqual(
            (request.leave_type_id, request.leave_date_from, request.leave_date_to),
            (self.annual, self.day(0), self.day(4)),
        )
        self.assertEqual(request.reason, "Visit my parents.")
        self.assertFalse(
            self.Leave.search(
                [
                    ("employee_id", "=", self.emp_zhk_gao.id),
                    ("request_date_from", ">=", self.day(0)),
                ]
            )
        )
        self.assertEqual(self.balance(self.emp_zhk_gao), (3, 3))
        # Within the balance, the same draft goes through.
        request.with_user(self.zhk_gao).leave_date_to = self.day(2)
        request.with_user(self.zhk_gao).action_submit()
        self.assertEqual(request.leave_id.number_of_days, 3)

    def test_overlapping_leave_refused(self):
        first = self.new_leave_request(self.zhk_he, 0, 2)
        first.with_user(self.zhk_he).action_submit()
        second = self.new_leave_request(self.zhk_he, 2, 3, subject="Overlap")
        with self.assertRaises(UserError) as caught:
            second.with_user(self.zhk_he).action_submit()
        self.assertIn("Overlap cannot be submitted", str(caught.exception))
        self.assertIn("overlaps", str(caught.exception))
        second.invalidate_recordset()
        self.assertEqual(second.state, "draft")
        self.assertFalse(second.leave_id)

    def test_missing_content_listed(self):
        request = self.Request.with_user(self.zhk_he).create(
            {"type_id": self.type_leave.id, "subject": "Leave", "reason": "Rest."}
        )
        with self.assertRaises(UserError) as caught:
            request.with_user(self.zhk_he).action_submit()
        message = str(caught.exception)
        self.assertIn("Choose the time off type.", message)
        self.assertIn("Give the first day of the time off.", message)
        self.assertIn("Give the last day of the time off.", message)
        request.write(
            {
                "leave_type_id": self.annual.id,
                "leave_date_from": self.day(3),
                "leave_date_to": self.day(1),
            }
        )
        with self.assertRaises(UserError) as caught:
            request.with_user(self.zhk_he).action_submit()
        self.assertIn(
            "The last day cannot be before the first day.", str(caught.exception)
        )

    def test_type_without_validation_refused(self):
        free = self.env["hr.leave.type"].create(
            {
                "name": "Free Leave",
                "requires_allocation": "no",
                "leave_validation_type": "no_validation",
            }
        )
        request = self.new_leave_request(self.zhk_he, 0, 0, leave_type=free)
        with self.assertRaises(UserError) as caught:
            request.with_user(self.zhk_he).action_submit()
        self.assertIn("Free Leave needs no approval", str(caught.exception))
        self.assertFalse(request.leave_id)

    def test_half_day(self):
        request = self.new_leave_request(
            self.zhk_he,
            1,
            1,
            leave_type=self.personal,
            leave_unit_half=True,
            leave_date_from_period="pm",
        )
        self.assertEqual(request.leave_days, 0.5)
        self.assertEqual(request.leave_balance_display, "No allocation needed")
        request.with_user(self.zhk_he).action_submit()
        leave = request.leave_id
        self.assertTrue(leave.request_unit_half)
        self.assertEqual(leave.request_date_from_period, "pm")
        self.assertEqual(leave.number_of_days, 0.5)
        self.approve(request, self.zhk_xu)
        self.assertEqual(leave.state, "validate")

    def test_non_approvers_refused_with_reason(self):
        request = self.new_leave_request(self.zhk_he, 0, 4)
        request.with_user(self.zhk_he).action_submit()
        # A colleague does not even see it.
        request.invalidate_recordset()
        with self.assertRaises(AccessError):
            request.with_user(self.zhk_gao).read(["subject"])
        # The office sees it but it is not its turn: it is told why.
        office_view = request.with_user(self.bgs_zhang)
        self.assertFalse(office_view.oa_can_act)
        self.assertIn("徐明", office_view.oa_cannot_act_reason)
        with self.assertRaises(UserError):
            office_view.action_approve()
        with self.assertRaises(UserError) as caught:
            office_view.action_bulk_approve()
        self.assertIn(request.name, str(caught.exception))
        # The requester cannot approve her own leave either.
        with self.assertRaises(UserError):
            request.with_user(self.zhk_he).action_approve()
        self.assertEqual(request.leave_id.state, "confirm")
        # The section leader can.
        self.assertTrue(request.with_user(self.zhk_xu).oa_can_act)

    def test_time_off_cannot_decide_a_leave_the_oa_is_approving(self):
        request = self.new_leave_request(self.zhk_he, 0, 1)
        request.with_user(self.zhk_he).action_submit()
        leave = request.leave_id
        # 徐明 is her Time Off approver too: not while the OA approves it.
        as_manager = leave.with_user(self.zhk_xu)
        self.assertFalse(as_manager.can_approve)
        with self.assertRaises(UserError) as caught:
            as_manager.action_approve()
        self.assertIn(request.name, str(caught.exception))
        # Nor Time Off's administrator.
        as_admin = leave.with_user(self.admin)
        for method in (as_admin.action_approve, as_admin.action_validate):
            with self.assertRaises(UserError):
                method()
        with self.assertRaises(UserError):
            as_admin.action_refuse()
        # Nor can she change or delete it behind her approvers' back.
        with self.assertRaises(UserError):
            leave.with_user(self.zhk_he).write({"request_date_to": self.day(3)})
        with self.assertRaises(UserError):
            leave.with_user(self.zhk_he).unlink()
        leave.invalidate_recordset()
        self.assertEqual(leave.state, "confirm")
        self.assertEqual(leave.number_of_days, 2)
        # Once the OA has decided, Time Off is in charge again.
        self.approve(request, self.zhk_xu)
        self.assertEqual(leave.state, "validate")
        self.assertTrue(leave.with_user(self.admin).can_approve)

    def test_refusal_refuses_the_leave(self):
        request = self.new_leave_request(self.zhk_he, 0, 1)
        request.with_user(self.zhk_he).action_submit()
        self.assertEqual(self.balance(self.emp_zhk_he), (10, 8))
        self.item_of(request, self.zhk_xu).action_disagree(opinion="Quarter closing.")
        request.invalidate_recordset()
        self.assertEqual(request.state, "refused")
        self.assertEqual(request.leave_id.state, "refuse")
        self.assertEqual(request.leave_id.second_approver_id, self.emp_zhk_xu)
        self.assertEqual(self.balance(self.emp_zhk_he), (10, 10))

    def test_withdraw_cancels_the_leave_and_resubmit_books_again(self):
        request = self.new_leave_request(self.zhk_he, 0, 1)
        request.with_user(self.zhk_he).action_submit()
        first_leave = request.leave_id
        number = request.name
        request.with_user(self.zhk_he).action_withdraw()
        request.invalidate_recordset()
        self.assertEqual(request.state, "draft")
        self.assertEqual(first_leave.state, "cancel")
        self.assertEqual(self.balance(self.emp_zhk_he), (10, 10))
        # Changed and submitted again: a new time off, the same number.
        request.with_user(self.zhk_he).leave_date_to = self.day(2)
        request.with_user(self.zhk_he).action_submit()
        self.assertEqual(request.name, number)
        self.assertNotEqual(request.leave_id, first_leave)
        self.assertEqual(request.leave_id.state, "confirm")
        self.assertEqual(request.leave_id.number_of_days, 3)
        self.assertEqual(self.balance(self.emp_zhk_he), (10, 7))

    def test_returned_to_requester_cancels_the_leave(self):
        request = self.new_leave_request(self.zhk_he, 0, 4)
        request.with_user(self.zhk_he).action_submit()
        self.approve(request, self.zhk_xu)
        item = self.item_of(request, self.fgjz_wang)
        request.with_user(self.fgjz_wang)._oa_return_to_requester(
            item, "Take two days less."
        )
        request.invalidate_recordset()
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.leave_id.state, "cancel")
        self.assertEqual(self.balance(self.emp_zhk_he), (10, 10))

    def test_terminated_request_cancels_the_leave(self):
        request = self.new_leave_request(self.zhk_he, 0, 1)
        request.with_user(self.zhk_he).action_submit()
        request.sudo().oa_flow_id.with_user(self.bgs_zhang).action_terminate(
            "Filed by mistake."
        )
        request.invalidate_recordset()
        self.assertEqual(request.state, "cancel")
        self.assertEqual(request.leave_id.state, "cancel")
        self.assertTrue(
            any(
                "Filed by mistake." in body
                for body in request.leave_id.message_ids.mapped("body")
            )
        )

    def test_two_level_time_off_type(self):
        """A type Time Off validates twice gets both levels, from the OA route."""
        self.annual.leave_validation_type = "both"
        request = self.new_leave_request(self.zhk_he, 0, 4)
        request.with_user(self.zhk_he).action_submit()
        self.approve(request, self.zhk_xu, self.fgjz_wang)
        leave = request.leave_id
        self.assertEqual(leave.state, "validate")
        self.assertEqual(leave.first_approver_id, self.emp_zhk_xu)
        self.assertEqual(leave.second_approver_id, self.emp_fgjz_wang)
        self.assertEqual(self.balance(self.emp_zhk_he), (5, 5))

    def test_submitted_leave_content_locked(self):
        request = self.new_leave_request(self.zhk_he, 0, 1)
        request.with_user(self.zhk_he).action_submit()
        with self.assertRaises(UserError):
            request.with_user(self.zhk_he).leave_date_to = self.day(4)
        self.assertEqual(request.leave_date_to, self.day(1))

    def test_oa_links_not_set_by_hand(self):
        """徐明 cannot unlink a leave from its request to approve it himself."""
        request = self.new_leave_request(self.zhk_he, 0, 1)
        request.with_user(self.zhk_he).action_submit()
        leave = request.leave_id
        with self.assertRaises(UserError):
            leave.with_user(self.zhk_xu).write({"oa_request_id": False})
        with self.assertRaises(UserError):
            leave.with_user(self.zhk_he).write({"oa_return_date": self.day(1)})
        draft = self.new_leave_request(self.zhk_he, 7, 7)
        with self.assertRaises(UserError):
            draft.with_user(self.zhk_he).write({"leave_id": leave.id})
        with self.assertRaises(UserError):
            draft.with_user(self.zhk_he).write({"leave_days_returned": 3})
        leave.invalidate_recordset()
        self.assertEqual(leave.oa_request_id, request)

    def test_bulk_approval_validates_each_leave(self):
        """徐明 approves his section's short leaves from the list at once."""
        he = self.new_leave_request(self.zhk_he, 0, 1)
        gao = self.new_leave_request(self.zhk_gao, 0, 0)
        long_leave = self.new_leave_request(self.zhk_he, 7, 11)
        for request, user in ((he, self.zhk_he), (gao, self.zhk_gao)):
            request.with_user(user).action_submit()
        long_leave.with_user(self.zhk_he).action_submit()
        self.approve(long_leave, self.zhk_xu)  # now with 王志明
        requests = (he | gao | long_leave).with_user(self.zhk_xu)
        result = requests.action_bulk_approve()
        self.assertIn(long_leave.name, result["params"]["message"])
        (he | gao | long_leave).invalidate_recordset()
        self.assertEqual(he.leave_id.state, "validate")
        self.assertEqual(gao.leave_id.state, "validate")
        self.assertEqual(long_leave.leave_id.state, "confirm")
        self.assertEqual(self.balance(self.emp_zhk_gao), (2, 2))

    def test_custom_hours(self):
        hourly = self.env["hr.leave.type"].create(
            {
                "name": "Test Hourly Leave",
                "requires_allocation": "no",
                "leave_validation_type": "manager",
                "request_unit": "hour",
            }
        )
        request = self.new_leave_request(
            self.zhk_he,
            2,
            4,
            leave_type=hourly,
            leave_unit_hours=True,
            leave_hour_from=9.0,
            leave_hour_to=11.0,
        )
        request.with_user(self.zhk_he).action_submit()
        leave = request.leave_id
        self.assertTrue(leave.request_unit_hours)
        self.assertEqual(leave.request_date_to, self.day(2), "one day only")
        self.assertAlmostEqual(leave.number_of_hours, 2)
        self.assertAlmostEqual(request.leave_days, leave.number_of_days)
        self.assertEqual(request._report_leave_period().split(" ", 1)[1], "09:00–11:00")
        # Hours that end before they start are refused before Time Off sees them.
        wrong = self.new_leave_request(
            self.zhk_he,
            3,
            3,
            leave_type=hourly,
            leave_unit_hours=True,
            leave_hour_from=11.0,
            leave_hour_to=9.0,
        )
        with self.assertRaises(UserError) as caught:
            wrong.with_user(self.zhk_he).action_submit()
        self.assertIn("must end after it starts", str(caught.exception))

    def test_office_files_a_leave_for_someone(self):
        """The office files 徐明's leave: booked as him, routed as his."""
        request = self.Request.with_user(self.bgs_zhang).create(
            {
                "type_id": self.type_leave.id,
                "user_id": self.zhk_xu.id,
                "subject": "Sick, phoned in",
                "leave_type_id": self.annual.id,
                "leave_date_from": self.day(0),
                "leave_date_to": self.day(0),
                "reason": "Flu.",
            }
        )
        request.with_user(self.bgs_zhang).action_submit()
        leave = request.leave_id
        self.assertEqual(leave.employee_id, self.emp_zhk_xu)
        self.assertEqual(leave.create_uid, self.zhk_xu)
        # His own department step has nobody else: his supervising leader.
        self.assertEqual(self.route_codes(request), ["manager", "supervisor"])
        self.approve(request, self.fgjz_wang)
        self.assertEqual(leave.state, "validate")
