# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tour: the office dispatches a vehicle and records its return, desktop and phone."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestDispatchTour(HttpCase):
    def setUp(self):
        super().setUp()
        self.office = (
            self.env["res.users"]
            .with_context(no_reset_password=True, mail_create_nolog=True)
            .create(
                {
                    "name": "Tour Office Director",
                    "login": "tour_vehicle_office",
                    "password": "tour_vehicle_office",
                    "email": "tour_vehicle_office@example.com",
                    "lang": "en_US",
                    "tz": "Asia/Shanghai",
                    "groups_id": [(6, 0, [self.env.ref("oa_base.group_oa_office").id])],
                }
            )
        )
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Brand"})
        model = self.env["fleet.vehicle.model"].create(
            {"name": "Tour Model", "brand_id": brand.id}
        )
        self.driver = self.env["res.partner"].create({"name": "Tour Driver"})
        self.vehicle = self.env["fleet.vehicle"].create(
            {
                "model_id": model.id,
                "license_plate": "TOUR-001",
                "driver_id": self.driver.id,
                "odometer": 12000,
            }
        )
        start = fields.Datetime.now() - timedelta(hours=1)
        self.booking = self.env["oa.vehicle.booking"].create(
            {
                "purpose": "Tour: trip to the provincial bureau",
                "user_id": self.office.id,
                "date_start": start,
                "date_end": start + timedelta(hours=4),
                "state": "confirmed",
            }
        )

    def _check(self):
        self.start_tour(
            "/odoo/action-oa_approval_fleet.oa_vehicle_booking_action_to_dispatch",
            "oa_vehicle_dispatch_tour",
            login="tour_vehicle_office",
        )
        self.booking.invalidate_recordset()
        self.assertEqual(self.booking.state, "returned")
        self.assertEqual(self.booking.vehicle_id, self.vehicle)
        self.assertEqual(self.booking.driver_id, self.driver)
        self.assertEqual(self.booking.dispatched_by_id, self.office)
        self.assertEqual(self.booking.odometer_in, 12086)
        self.assertEqual(self.booking.odometer_id.value, 12086)
        self.assertEqual(self.vehicle.odometer, 12086)

    def test_dispatch_tour_desktop(self):
        self._check()

    def test_dispatch_tour_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self._check()
