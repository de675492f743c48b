# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""派车 and 还车: the office's wizards, their checks and fleet's odometer."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OaVehicleCase


@tagged("post_install", "-at_install")
class TestDispatchReturn(OaVehicleCase):
    def setUp(self):
        super().setUp()
        self.booking = self.book()
        self.booking.with_user(self.bgs_zhang).action_confirm()

    def test_dispatch_defaults_and_overlap(self):
        """The wizard proposes the booked vehicle and its usual driver."""
        self.vehicle_b.driver_id = self.driver
        other = self.book(vehicle=self.vehicle_b)
        wizard = (
            self.env["oa.vehicle.dispatch.wizard"]
            .with_user(self.bgs_zhang)
            .with_context(default_booking_id=self.booking.id)
            .create({})
        )
        self.assertEqual(wizard.vehicle_id, self.vehicle_a)
        self.assertFalse(wizard.vehicle_busy_warning)
        wizard.vehicle_id = self.vehicle_b
        self.assertEqual(wizard.driver_id, self.driver, "the vehicle's driver")
        self.assertIn(other.name, wizard.vehicle_busy_warning)
        with self.assertRaises(ValidationError):
            wizard.action_dispatch()
        self.booking.invalidate_recordset()
        self.assertEqual(self.booking.state, "confirmed")
        self.assertEqual(self.booking.vehicle_id, self.vehicle_a)

    def test_dispatch_only_when_confirmed(self):
        reserved = self.book(vehicle=self.vehicle_b)
        with self.assertRaises(UserError):
            reserved.with_user(self.bgs_zhang).action_open_dispatch()
        with self.assertRaises(UserError):
            reserved.with_user(self.bgs_zhang)._do_dispatch(self.vehicle_b, self.driver)

    def test_return_with_odometer(self):
        self.dispatch(self.booking, driver=self.driver)
        self.assertEqual(self.booking.odometer_out, 10000)
        wizard = (
            self.env["oa.vehicle.return.wizard"]
            .with_user(self.bgs_zhang)
            .with_context(default_booking_id=self.booking.id)
            .create({})
        )
        self.assertEqual(wizard.last_odometer, 10000)
        self.assertEqual(wizard.odometer_in, 10000, "proposed: the last reading")
        wizard.odometer_in = 10123.5
        wizard.action_return()
        self.booking.invalidate_recordset()
        self.assertEqual(self.booking.state, "returned")
        self.assertAlmostEqual(self.booking.distance, 123.5)
        odometers = self.env["fleet.vehicle.odometer"].search(
            [("vehicle_id", "=", self.vehicle_a.id)], order="value desc"
        )
        self.assertEqual(odometers.mapped("value"), [10123.5, 10000])
        self.assertEqual(odometers[0], self.booking.sudo().odometer_id)
        self.assertEqual(
            odometers[0].date,
            fields.Date.context_today(self.booking, self.booking.date_returned),
        )
        # Returned, the vehicle is free for the same period again.
        self.assertEqual(self.book().state, "reserved")

    def test_return_odometer_below_last_refused(self):
        self.dispatch(self.booking, driver=self.driver)
        # Someone logged a higher reading meanwhile (e.g. a refuel).
        self.env["fleet.vehicle.odometer"].create(
            {"vehicle_id": self.vehicle_a.id, "value": 10050}
        )
        for value in (9999, 10049):
            with (
                self.subTest(value=value),
                self.assertRaisesRegex(UserError, "cannot go back"),
            ):
                self.record_return(self.booking, value)
        self.booking.invalidate_recordset()
        self.assertEqual(self.booking.state, "dispatched")
        self.assertEqual(
            self.env["fleet.vehicle.odometer"].search_count(
                [("vehicle_id", "=", self.vehicle_a.id)]
            ),
            2,
            "no odometer logged for a refused return",
        )
        self.record_return(self.booking, 10050)
        self.assertEqual(self.booking.state, "returned")

    def test_return_time_checked(self):
        self.dispatch(self.booking, driver=self.driver)
        with self.assertRaisesRegex(UserError, "before it was"):
            self.record_return(
                self.booking,
                10080,
                when=self.booking.date_dispatched - timedelta(hours=1),
            )
        with self.assertRaisesRegex(UserError, "in the future"):
            self.record_return(
                self.booking, 10080, when=fields.Datetime.now() + timedelta(hours=2)
            )
        self.booking.invalidate_recordset()
        self.assertEqual(self.booking.state, "dispatched")

    def test_return_only_when_dispatched(self):
        with self.assertRaises(UserError):
            self.booking.with_user(self.bgs_zhang).action_open_return()
        with self.assertRaises(UserError):
            self.booking.with_user(self.bgs_zhang)._do_return(
                fields.Datetime.now(), 10100
            )

    def test_cancel(self):
        """The office cancels a booking not yet dispatched, not one out."""
        self.booking.with_user(self.bgs_zhang).action_cancel()
        self.assertEqual(self.booking.state, "cancelled")
        out = self.book()
        out.with_user(self.bgs_zhang).action_confirm()
        self.dispatch(out, driver=self.driver)
        with self.assertRaises(UserError):
            out.with_user(self.bgs_zhang).action_cancel()

    def test_cancel_refused_while_request_pending(self):
        request = self.new_request(vehicle=self.vehicle_b)
        request.with_user(self.zhk_he).action_submit()
        booking = request.sudo().vehicle_booking_ids
        with self.assertRaisesRegex(UserError, "withdraws the request"):
            booking.with_user(self.bgs_zhang).action_cancel()
        with self.assertRaisesRegex(UserError, "approved"):
            booking.with_user(self.bgs_zhang).action_confirm()

    def test_office_cancels_approved_booking(self):
        """The trip is called off after approval: the requester is told."""
        request = self.new_request(vehicle=self.vehicle_b)
        request.with_user(self.zhk_he).action_submit()
        self.approve(request)
        booking = request.sudo().vehicle_booking_id
        self.assertEqual(booking.state, "confirmed")
        booking.with_user(self.bgs_zhang).action_cancel()
        self.assertEqual(booking.state, "cancelled")
        message = request.message_ids[:1]
        self.assertIn(booking.name, message.body)
        self.assertIn(self.zhk_he.partner_id, message.partner_ids)
