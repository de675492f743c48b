# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""用车申请 end to end: submit, approve, dispatch, return, as the real roles."""

from ast import literal_eval

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OaVehicleCase


@tagged("post_install", "-at_install")
class TestVehicleRequest(OaVehicleCase):
    def test_type_configuration(self):
        """The built-in type asks for what a vehicle request needs."""
        states = self.type_vehicle._get_field_states()
        self.assertEqual(self.type_vehicle.kind, "vehicle")
        self.assertEqual(self.type_vehicle.code, "YC")
        self.assertEqual(states["date_start"], "required")
        self.assertEqual(states["location"], "required")
        self.assertEqual(states["participant_ids"], "optional")
        self.assertEqual(states["vehicle_id"], "optional")
        steps = self.type_vehicle.flow_template_id.step_ids.sorted("sequence")
        self.assertEqual(self.type_vehicle.flow_template_id.code, "approval_YC")
        self.assertEqual(steps.mapped("assignee_type"), ["initiator_manager", "group"])
        self.assertEqual(steps[1].group_id, self.env.ref("oa_base.group_oa_office"))
        self.assertEqual(steps[1].mode, "claim")
        self.assertEqual(steps.mapped("deadline_hours"), [2, 2])
        self.assertTrue(all(steps.mapped("skip_initiator")))
        # Other types keep the vehicle hidden.
        general = self.env.ref("oa_approval.approval_type_general")
        self.assertEqual(general._get_field_states()["vehicle_id"], "no")

    def test_request_with_vehicle_end_to_end(self):
        """Reserved at submit, confirmed at approval, dispatched, returned."""
        request = self.new_request(vehicle=self.vehicle_a)
        request.with_user(self.zhk_he).action_submit()
        self.assertEqual(request.state, "pending")
        self.assertTrue(request.name.startswith("YC-"))
        booking = request.with_user(self.zhk_he).vehicle_booking_ids
        booking.invalidate_recordset()
        self.assertEqual(len(booking), 1)
        self.assertEqual(booking.state, "reserved")
        self.assertEqual(booking.vehicle_id, self.vehicle_a)
        self.assertEqual(booking.user_id, self.zhk_he)
        self.assertEqual(
            booking.department_id, self.env.ref("oa_base.dept_general_demo")
        )
        self.assertEqual(booking.location, "东湖区统计局")
        self.assertEqual((booking.date_start, booking.date_end), (self.start, self.end))

        # The department leader, then the office's dispatch review.
        self.item_of(request, self.zhk_xu).action_agree(opinion="同意。")
        self.assertEqual(request.state, "pending")
        self.assertEqual(booking.state, "reserved")
        self.item_of(request, self.bgs_zhang).action_agree(opinion="同意。")
        request.invalidate_recordset()
        booking.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(request.vehicle_booking_id, booking)
        self.assertEqual(request.vehicle_booking_state, "confirmed")

        # The requester cannot dispatch; the office does.
        with self.assertRaises(AccessError):
            request.with_user(self.zhk_he).action_vehicle_dispatch()
        action = request.with_user(self.bgs_zhang).action_vehicle_dispatch()
        self.assertEqual(action["res_model"], "oa.vehicle.dispatch.wizard")
        wizard = self.dispatch(booking, driver=self.driver)
        self.assertEqual(wizard.vehicle_id, self.vehicle_a, "the requested vehicle")
        self.assertEqual(booking.state, "dispatched")
        self.assertEqual(booking.driver_id, self.driver)
        self.assertEqual(booking.dispatched_by_id, self.bgs_zhang)
        self.assertEqual(booking.odometer_out, 10000)
        request.invalidate_recordset()
        self.assertEqual(request.with_user(self.zhk_he).vehicle_driver_id, self.driver)
        self.assertIn(
            self.driver.name,
            request.message_ids[:1].body,
            "the request's chatter tells the requester who drives",
        )

        # Back with 86 km more: fleet gets the odometer log.
        self.record_return(booking, 10086)
        self.assertEqual(booking.state, "returned")
        self.assertEqual(booking.odometer_in, 10086)
        self.assertEqual(booking.distance, 86)
        odometer = booking.sudo().odometer_id
        self.assertEqual(odometer.vehicle_id, self.vehicle_a)
        self.assertEqual(odometer.value, 10086)
        self.vehicle_a.invalidate_recordset()
        self.assertEqual(self.vehicle_a.odometer, 10086)
        self.assertEqual(self.vehicle_a.odometer_count, 2)
        request.invalidate_recordset()
        self.assertEqual(request.with_user(self.zhk_he).vehicle_distance, 86)

    def test_request_without_vehicle_waits_for_dispatch(self):
        """No vehicle asked for: approval leaves a booking for the office."""
        request = self.new_request()
        request.with_user(self.zhk_he).action_submit()
        self.assertFalse(request.sudo().vehicle_booking_ids, "nothing to reserve")
        self.approve(request)
        self.assertEqual(request.state, "approved")
        booking = request.sudo().vehicle_booking_id
        self.assertEqual(booking.state, "confirmed")
        self.assertFalse(booking.vehicle_id)
        to_dispatch = self.env.ref(
            "oa_approval_fleet.oa_vehicle_booking_action_to_dispatch"
        )
        self.assertIn(
            booking,
            self.Booking.with_user(self.bgs_zhang).search(
                [*literal_eval(to_dispatch.domain), ("state", "=", "confirmed")]
            ),
            "the office finds it in To Dispatch",
        )
        # The wizard refuses to dispatch without a vehicle.
        with self.assertRaises(UserError):
            booking.with_user(self.bgs_zhang)._do_dispatch(
                self.env["fleet.vehicle"], self.driver
            )
        self.dispatch(booking, vehicle=self.vehicle_b, driver=self.driver)
        self.assertEqual(booking.vehicle_id, self.vehicle_b)
        self.assertEqual(booking.state, "dispatched")
        self.assertEqual(booking.odometer_out, 20000)

    def test_vehicle_required_by_type(self):
        """An administrator can require the vehicle on the form."""
        self.type_vehicle.field_vehicle = "required"
        request = self.new_request()
        with self.assertRaisesRegex(UserError, "Vehicle is required"):
            request.with_user(self.zhk_he).action_submit()
        self.assertEqual(request.state, "draft")

    def test_period_required(self):
        """A vehicle request without its period cannot be submitted."""
        self.type_vehicle.field_period = "optional"
        request = self.new_request(date_start=False, date_end=False)
        with self.assertRaisesRegex(UserError, "period of use"):
            request.with_user(self.zhk_he).action_submit()
        self.assertEqual(request.state, "draft")

    def test_overlap_refuses_submit_and_keeps_draft(self):
        """The vehicle is taken: the request stays a draft with its data."""
        other = self.book(vehicle=self.vehicle_a)
        request = self.new_request(vehicle=self.vehicle_a)
        self.assertIn(other.name, request.with_user(self.zhk_he).vehicle_busy_warning)
        with self.assertRaises(UserError) as caught:
            request.with_user(self.zhk_he).action_submit()
        self.assertIn(other.name, str(caught.exception))
        request.invalidate_recordset()
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.vehicle_id, self.vehicle_a)
        self.assertEqual(request.location, "东湖区统计局")
        self.assertFalse(request.oa_flow_id)
        self.assertFalse(request.sudo().vehicle_booking_ids)
        # Another vehicle is free for the same period.
        request.with_user(self.zhk_he).vehicle_id = self.vehicle_b
        self.assertFalse(request.with_user(self.zhk_he).vehicle_busy_warning)
        request.with_user(self.zhk_he).action_submit()
        self.assertEqual(request.sudo().vehicle_booking_ids.vehicle_id, self.vehicle_b)

    def test_refusal_cancels_booking(self):
        """不同意 frees the vehicle for the next request."""
        request = self.new_request(vehicle=self.vehicle_a)
        request.with_user(self.zhk_he).action_submit()
        booking = request.sudo().vehicle_booking_ids
        self.item_of(request, self.zhk_xu).action_disagree(opinion="本周不宜外出。")
        request.invalidate_recordset()
        booking.invalidate_recordset()
        self.assertEqual(request.state, "refused")
        self.assertEqual(booking.state, "cancelled")
        again = self.new_request(user=self.zhk_gao, vehicle=self.vehicle_a)
        again.with_user(self.zhk_gao).action_submit()
        self.assertEqual(again.sudo().vehicle_booking_ids.state, "reserved")

    def test_withdraw_cancels_booking(self):
        """撤回 before anyone acted frees the vehicle; submitting books again."""
        request = self.new_request(vehicle=self.vehicle_a)
        request.with_user(self.zhk_he).action_submit()
        booking = request.sudo().vehicle_booking_ids
        request.with_user(self.zhk_he).action_withdraw()
        request.invalidate_recordset()
        booking.invalidate_recordset()
        self.assertEqual(request.state, "draft")
        self.assertEqual(booking.state, "cancelled")
        self.assertFalse(request.with_user(self.zhk_he).vehicle_busy_warning)
        # Back in draft, the requester may change the vehicle and submit again.
        request.with_user(self.zhk_he).vehicle_id = self.vehicle_b
        request.with_user(self.zhk_he).action_submit()
        bookings = request.sudo().vehicle_booking_ids
        self.assertEqual(sorted(bookings.mapped("state")), ["cancelled", "reserved"])
        self.assertEqual(request.sudo().vehicle_booking_id.state, "reserved")
        self.assertEqual(request.sudo().vehicle_booking_id.vehicle_id, self.vehicle_b)

    def test_returned_to_requester_cancels_booking(self):
        """退回 to the requester frees the vehicle until submitted again."""
        request = self.new_request(vehicle=self.vehicle_a)
        request.with_user(self.zhk_he).action_submit()
        booking = request.sudo().vehicle_booking_ids
        item = self.item_of(request, self.zhk_xu)
        request.with_user(self.zhk_xu)._oa_return_to_requester(item, "请补充同行人员。")
        request.invalidate_recordset()
        booking.invalidate_recordset()
        self.assertEqual(request.state, "draft")
        self.assertEqual(booking.state, "cancelled")
        request.with_user(self.zhk_he).action_submit()
        self.assertEqual(request.sudo().vehicle_booking_id.state, "reserved")

    def test_type_edit_keeps_running_request_form(self):
        """Hiding the vehicle on the type does not change a submitted request."""
        request = self.new_request(vehicle=self.vehicle_a)
        request.with_user(self.zhk_he).action_submit()
        self.type_vehicle.field_vehicle = "no"
        request.invalidate_recordset()
        self.assertEqual(request.field_vehicle, "optional")
        draft = self.new_request(user=self.zhk_gao)
        self.assertEqual(draft.field_vehicle, "no")

    def test_vehicle_locked_after_submit(self):
        """The approvers approved the vehicle they saw."""
        request = self.new_request(vehicle=self.vehicle_a)
        request.with_user(self.zhk_he).action_submit()
        with self.assertRaises(UserError):
            request.with_user(self.zhk_he).vehicle_id = self.vehicle_b
