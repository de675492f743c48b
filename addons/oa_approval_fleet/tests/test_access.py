# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who sees and who handles bookings and vehicles."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OaVehicleCase


@tagged("post_install", "-at_install")
class TestAccess(OaVehicleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls.Request.with_user(cls.zhk_he).create(
            {
                "type_id": cls.type_vehicle.id,
                "subject": "赴省统计局报送资料",
                "date_start": cls.start,
                "date_end": cls.end,
                "location": "省统计局",
                "reason": "报送年报资料。",
                "vehicle_id": cls.vehicle_a.id,
            }
        )
        cls.request.with_user(cls.zhk_he).action_submit()
        cls.booking = cls.request.sudo().vehicle_booking_ids

    def _read(self, user, record):
        record.invalidate_model()
        return record.with_user(user).read(["name", "state", "vehicle_id"])

    def test_requester_reads_own_booking_only(self):
        self.assertEqual(self._read(self.zhk_he, self.booking)[0]["state"], "reserved")
        mine = self.Booking.with_user(self.zhk_he).search([])
        self.assertIn(self.booking, mine)
        self.assertEqual(mine.user_id, self.zhk_he)
        # A colleague of the same section is refused.
        with self.assertRaises(AccessError):
            self._read(self.zhk_gao, self.booking)
        self.assertNotIn(self.booking, self.Booking.with_user(self.zhk_gao).search([]))

    def test_approver_reads_booking_of_request_that_reached_him(self):
        self.assertTrue(self._read(self.zhk_xu, self.booking))
        with self.assertRaises(AccessError):
            self._read(self.hsk_wu, self.booking)

    def test_office_reads_and_manages_all(self):
        self.assertTrue(self._read(self.bgs_zhang, self.booking))
        office = self.book(vehicle=self.vehicle_b)
        office.with_user(self.bgs_zhang).write({"note": "提前十分钟到楼下。"})
        office.with_user(self.bgs_zhang).action_confirm()
        self.assertEqual(office.state, "confirmed")

    def test_requester_cannot_change_or_handle_bookings(self):
        booking = self.booking.with_user(self.zhk_he)
        # Refused for who they are, before any word on the other booking.
        self.book(vehicle=self.vehicle_b)
        with self.assertRaises(AccessError):
            booking.write({"vehicle_id": self.vehicle_b.id})
        with self.assertRaises(AccessError):
            self.Booking.with_user(self.zhk_he).create(
                {
                    "user_id": self.zhk_he.id,
                    "vehicle_id": self.vehicle_b.id,
                    "date_start": self.start,
                    "date_end": self.end,
                }
            )
        with self.assertRaises(AccessError):
            booking.action_cancel()
        with self.assertRaises(AccessError):
            booking.action_confirm()

    def test_non_office_refused_dispatch_and_return(self):
        self.approve(self.request)
        self.assertEqual(self.booking.state, "confirmed")
        for user in (self.zhk_he, self.zhk_xu, self.bgs_liu):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.booking.with_user(user).action_open_dispatch()
                with self.assertRaises(AccessError):
                    self.booking.with_user(user)._do_dispatch(
                        self.vehicle_a, self.driver
                    )
                with self.assertRaises(AccessError):
                    self.env["oa.vehicle.dispatch.wizard"].with_user(user).create(
                        {"booking_id": self.booking.id}
                    )
        self.dispatch(self.booking, driver=self.driver)
        with self.assertRaises(AccessError):
            self.booking.with_user(self.bgs_liu)._do_return(
                self.booking.date_dispatched, 10100
            )
        with self.assertRaises(AccessError):
            self.env["oa.vehicle.return.wizard"].with_user(self.bgs_liu).create(
                {"booking_id": self.booking.id, "odometer_in": 10100}
            )
        self.assertEqual(self.booking.state, "dispatched")

    def test_vehicles_read_only_for_users(self):
        Vehicle = self.env["fleet.vehicle"]
        self.vehicle_a.invalidate_model()
        visible = Vehicle.with_user(self.zhk_he).search([])
        self.assertIn(self.vehicle_a, visible)
        self.assertIn(self.vehicle_b, visible)
        with self.assertRaises(AccessError):
            self.vehicle_a.with_user(self.zhk_he).write({"driver_id": self.driver.id})
        with self.assertRaises(AccessError):
            self.env["fleet.vehicle.odometer"].with_user(self.zhk_he).create(
                {"vehicle_id": self.vehicle_a.id, "value": 10500}
            )
        # A fleet officer restricted to their own vehicle still sees the pool.
        self.zhk_gao.groups_id |= self.env.ref("fleet.fleet_group_user")
        self.vehicle_a.invalidate_model()
        self.assertIn(self.vehicle_a, Vehicle.with_user(self.zhk_gao).search([]))

    def test_office_updates_vehicles_and_odometers(self):
        self.vehicle_a.with_user(self.bgs_zhang).write({"driver_id": self.driver.id})
        self.assertEqual(self.vehicle_a.driver_id, self.driver)
        log = (
            self.env["fleet.vehicle.odometer"]
            .with_user(self.bgs_zhang)
            .create({"vehicle_id": self.vehicle_a.id, "value": 10500})
        )
        self.vehicle_a.invalidate_model()
        self.assertEqual(self.vehicle_a.with_user(self.bgs_zhang).odometer, 10500)
        self.assertTrue(log.exists())

    def test_auditor_sees_no_booking(self):
        """韩雪 audits logs; she is no OA user and reads no booking."""
        with self.assertRaises(AccessError):
            self._read(self.aqsj_han, self.booking)

    def test_vehicle_menu_for_the_office_only(self):
        menu = self.env.ref("oa_approval_fleet.menu_vehicle_root")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.bgs_zhang)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.zhk_he)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.bgs_liu)._visible_menu_ids())
