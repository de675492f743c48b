# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A vehicle is never booked twice for overlapping periods."""

from datetime import timedelta
from unittest.mock import patch

import psycopg2.errors

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.oa_approval_fleet.models.oa_vehicle_booking import OaVehicleBooking

from .common import OaVehicleCase


@tagged("post_install", "-at_install")
class TestBookingOverlap(OaVehicleCase):
    def test_overlap_refused_naming_the_other(self):
        first = self.book()
        with self.assertRaises(ValidationError) as caught:
            self.book(
                start=self.start + timedelta(hours=2),
                end=self.end + timedelta(hours=2),
            )
        message = str(caught.exception)
        self.assertIn(first.name, message)
        self.assertIn(self.vehicle_a.license_plate, message)
        self.assertEqual(
            self.Booking.search_count([("vehicle_id", "=", self.vehicle_a.id)]), 1
        )

    def test_inside_and_around_refused(self):
        self.book()
        for start, end in (
            (self.start + timedelta(hours=1), self.end - timedelta(hours=1)),
            (self.start - timedelta(hours=1), self.end + timedelta(hours=1)),
            (self.start, self.end),
        ):
            with self.subTest(start=start, end=end), self.assertRaises(ValidationError):
                self.book(start=start, end=end)

    def test_adjacent_other_vehicle_and_freed_accepted(self):
        first = self.book()
        # Back to back: one ends when the next starts.
        after = self.book(start=self.end, end=self.end + timedelta(hours=3))
        before = self.book(start=self.start - timedelta(hours=2), end=self.start)
        # Another vehicle for the same period.
        other = self.book(vehicle=self.vehicle_b)
        self.assertEqual((after | before | other).mapped("state"), ["reserved"] * 3)
        # Cancelled or returned bookings no longer hold the vehicle.
        first.with_user(self.bgs_zhang).action_cancel()
        again = self.book()
        self.assertEqual(again.state, "reserved")

    def test_write_into_overlap_refused(self):
        first = self.book()
        later = self.book(
            start=self.end + timedelta(hours=1), end=self.end + timedelta(hours=4)
        )
        with self.assertRaises(ValidationError) as caught:
            later.with_user(self.bgs_zhang).date_start = self.end - timedelta(hours=1)
        self.assertIn(first.name, str(caught.exception))
        moved = self.book(vehicle=self.vehicle_b)
        with self.assertRaises(ValidationError):
            moved.with_user(self.bgs_zhang).vehicle_id = self.vehicle_a
        # Two bookings written together cannot take one vehicle twice.
        one = self.book(
            vehicle=self.vehicle_b,
            start=self.start + timedelta(days=1),
            end=self.end + timedelta(days=1),
        )
        two = self.book(
            vehicle=self.vehicle_b,
            start=self.start + timedelta(days=2),
            end=self.end + timedelta(days=2),
        )
        with self.assertRaises(ValidationError):
            (one | two).with_user(self.bgs_zhang).write(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "date_start": self.start + timedelta(days=5),
                    "date_end": self.end + timedelta(days=5),
                }
            )

    def test_end_before_start_refused(self):
        with self.assertRaisesRegex(ValidationError, "end after it starts"):
            self.book(start=self.end, end=self.start)

    def test_database_refuses_overlap(self):
        """The exclusion constraint holds even when the ORM is bypassed."""
        first = self.book()
        with (
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                SQL(
                    "INSERT INTO oa_vehicle_booking (name, user_id, company_id, "
                    "vehicle_id, date_start, date_end, state) "
                    "VALUES ('raw', %s, %s, %s, %s, %s, 'confirmed')",
                    self.bgs_zhang.id,
                    self.env.company.id,
                    self.vehicle_a.id,
                    first.date_start + timedelta(hours=1),
                    first.date_end + timedelta(hours=1),
                )
            )
        # A cancelled row may overlap: only bookings holding the vehicle count.
        self.env.cr.execute(
            SQL(
                "INSERT INTO oa_vehicle_booking (name, user_id, company_id, "
                "vehicle_id, date_start, date_end, state) "
                "VALUES ('raw', %s, %s, %s, %s, %s, 'cancelled')",
                self.bgs_zhang.id,
                self.env.company.id,
                self.vehicle_a.id,
                first.date_start,
                first.date_end,
            )
        )

    @mute_logger("odoo.sql_db")
    def test_database_refusal_is_translated(self):
        """When the ORM cannot see the other booking, the user still gets words."""
        self.book()
        with (
            patch.object(OaVehicleBooking, "_check_vehicle_available", lambda *a: None),
            self.assertRaisesRegex(UserError, "at the same moment"),
        ):
            self.book(start=self.start + timedelta(hours=1))
        booking = self.book(vehicle=self.vehicle_b)
        with (
            patch.object(OaVehicleBooking, "_check_vehicle_available", lambda *a: None),
            self.assertRaisesRegex(UserError, "at the same moment"),
        ):
            booking.with_user(self.bgs_zhang).vehicle_id = self.vehicle_a

    def test_booking_for_someone_without_employee(self):
        """The office books for a guest user who has no employee record."""
        guest = new_test_user(self.env, login="vehicle_guest", groups="base.group_user")
        booking = self.book(user=guest)
        self.assertFalse(booking.department_id)
        staff = self.book(vehicle=self.vehicle_b, user=self.zhk_he)
        self.assertEqual(staff.department_id, self.env.ref("oa_base.dept_general_demo"))
