# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The forms open for every role that reaches them (no field they cannot read)."""

from lxml import etree

from odoo.tests import Form, tagged

from .common import OaVehicleCase


@tagged("post_install", "-at_install")
class TestViews(OaVehicleCase):
    def test_request_form_for_each_role(self):
        """Requester, approver and office open a vehicle request with its booking."""
        with Form(self.Request.with_user(self.zhk_he)) as form:
            form.type_id = self.type_vehicle
            form.subject = "赴市政府报送材料"
            form.date_start = self.start
            form.date_end = self.end
            form.location = "市政府"
            form.reason = "报送年度统计公报送审稿。"
            form.vehicle_id = self.vehicle_a
        request = form.record
        request.action_submit()
        self.item_of(request, self.zhk_xu).action_agree(opinion="同意。")
        self.item_of(request, self.bgs_zhang).action_agree(opinion="同意。")
        self.dispatch(request.sudo().vehicle_booking_id, driver=self.driver)
        for user in (self.zhk_he, self.zhk_xu, self.bgs_zhang):
            with self.subTest(user=user.login):
                request.invalidate_model()
                form = Form(request.with_user(user))
                self.assertEqual(form.vehicle_booking_state, "dispatched")
                self.assertEqual(form.vehicle_driver_id, self.driver)

    def test_draft_form_warns_of_a_taken_vehicle(self):
        other = self.book()
        form = Form(self.Request.with_user(self.zhk_gao))
        form.type_id = self.type_vehicle
        form.date_start = self.start
        form.date_end = self.end
        self.assertFalse(form.vehicle_busy_warning)
        form.vehicle_id = self.vehicle_a
        self.assertIn(other.name, form.vehicle_busy_warning)

    def test_booking_views_for_the_office(self):
        booking = self.book()
        Booking = self.Booking.with_user(self.bgs_zhang)
        views = Booking.get_views(
            [(False, "calendar"), (False, "list"), (False, "kanban"), (False, "form")]
        )
        self.assertEqual(set(views["views"]), {"calendar", "list", "kanban", "form"})
        form = Form(booking.with_user(self.bgs_zhang))
        form.note = "提前十分钟到楼下。"
        form.save()
        self.assertEqual(booking.note, "提前十分钟到楼下。")
        vehicles = self.env.ref("oa_approval_fleet.fleet_vehicle_action_oa")
        self.assertTrue(vehicles.view_ids)
        Form(
            self.vehicle_a.with_user(self.bgs_zhang), view=vehicles.view_ids[-1].view_id
        )

    def test_booking_form_read_only_for_the_requester(self):
        request = self.new_request(vehicle=self.vehicle_a)
        request.with_user(self.zhk_he).action_submit()
        booking = request.sudo().vehicle_booking_id
        booking.invalidate_model()
        form = Form(booking.with_user(self.zhk_he))
        self.assertEqual(form.state, "reserved")
        self.assertEqual(form.vehicle_id, self.vehicle_a)

    def test_approval_form_prints_vehicle_and_trip(self):
        """The printed 用车申请审批单 shows the vehicle asked for and the trip."""
        request = self.new_request(vehicle=self.vehicle_a)
        request.with_user(self.zhk_he).action_submit()
        self.approve(request)
        booking = request.sudo().vehicle_booking_id
        self.dispatch(booking, driver=self.driver)
        self.record_return(booking, 10086)
        body, __ = (
            self.env["ir.actions.report"]
            .with_user(self.zhk_he)
            ._render_qweb_html(
                "oa_approval.action_report_oa_approval_request", request.ids
            )
        )
        html = body.decode()
        self.assertIn('name="row_vehicle"', html)
        self.assertIn(self.vehicle_a.license_plate, html)
        self.assertIn(self.driver.name, html)
        self.assertIn('name="row_return"', html)
        self.assertIn(">10086<", html)
        self.assertIn(">86<", html, "the distance driven")

    def test_vehicle_choice_dialog_for_each_role(self):
        """The vehicle picker (phone kanban, "Search More" list) opens for all."""
        context = {
            "kanban_view_ref": "oa_approval_fleet.fleet_vehicle_view_kanban_oa",
            "list_view_ref": "oa_approval_fleet.fleet_vehicle_view_list_oa",
            "search_view_ref": "oa_approval_fleet.fleet_vehicle_view_search_oa",
        }
        for user in (self.zhk_he, self.bgs_zhang):
            for view_type in ("kanban", "list"):
                with self.subTest(user=user.login, view=view_type):
                    Vehicle = (
                        self.env["fleet.vehicle"]
                        .with_user(user)
                        .with_context(**context)
                    )
                    views = Vehicle.get_views([(False, view_type), (False, "search")])
                    arch = etree.fromstring(views["views"][view_type]["arch"])
                    fnames = {node.get("name") for node in arch.iter("field")}
                    self.assertEqual(
                        "odometer" in fnames,
                        user == self.bgs_zhang,
                        "odometers are for the office",
                    )
                    self.env.invalidate_all()
                    records = Vehicle.web_search_read(
                        [("id", "in", (self.vehicle_a | self.vehicle_b).ids)],
                        {fname: {} for fname in fnames},
                    )["records"]
                    self.assertEqual(len(records), 2)
