# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo import fields
from odoo.tests import TransactionCase


class OaVehicleCase(TransactionCase):
    """The demo bureau (江澄市统计局) asking for vehicles as its real roles.

    何佳 (zhk_he) and 高磊 (zhk_gao) work in 综合科 led by 徐明 (zhk_xu); 郑雯
    (hsk_zheng) in 核算科 led by 吴晓峰 (hsk_wu). 张丽华 (bgs_zhang) heads the
    office (group Office) and dispatches; 刘芳 (bgs_liu) is an office clerk
    without dispatch rights; 韩雪 (aqsj_han) is the auditor, no OA user.

    The vehicles are the test's own, booked in 2031, away from the demo's.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        for login in (
            "zhk_xu",
            "zhk_he",
            "zhk_gao",
            "hsk_wu",
            "hsk_zheng",
            "bgs_zhang",
            "bgs_liu",
            "aqsj_han",
        ):
            setattr(cls, login, ref(f"oa_base.user_{login}_demo"))
        cls.type_vehicle = ref("oa_approval_fleet.approval_type_vehicle")
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "测试品牌"})
        model = cls.env["fleet.vehicle.model"].create(
            {"name": "测试车型", "brand_id": brand.id}
        )
        Vehicle = cls.env["fleet.vehicle"]
        cls.vehicle_a = Vehicle.create(
            {"model_id": model.id, "license_plate": "赣A·T0001", "odometer": 10000}
        )
        cls.vehicle_b = Vehicle.create(
            {"model_id": model.id, "license_plate": "赣A·T0002", "odometer": 20000}
        )
        cls.driver = cls.env["res.partner"].create(
            {"name": "测试司机", "function": "驾驶员"}
        )
        # 09:00-17:00 Beijing time on 2031-03-10 (UTC+8).
        cls.start = datetime(2031, 3, 10, 1, 0)
        cls.end = datetime(2031, 3, 10, 9, 0)
        cls.Booking = cls.env["oa.vehicle.booking"]
        cls.Request = cls.env["oa.approval.request"]

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def new_request(self, user=None, vehicle=None, start=None, end=None, **vals):
        user = user or self.zhk_he
        values = {
            "type_id": self.type_vehicle.id,
            "subject": "赴东湖区开展统计执法检查",
            "date_start": start or self.start,
            "date_end": end or self.end,
            "location": "东湖区统计局",
            "reason": "按年度计划开展执法检查。",
            "vehicle_id": vehicle.id if vehicle else False,
        }
        values.update(vals)
        return self.Request.with_user(user).create(values)

    def item_of(self, request, user):
        """The pending to-do of ``user`` on ``request``, as ``user``."""
        request.invalidate_recordset()
        items = self.env["oa.workitem"].search(
            [
                ("flow_id", "=", request.sudo().oa_flow_id.id),
                ("user_id", "=", user.id),
                ("kind", "=", "todo"),
                ("state", "=", "pending"),
            ]
        )
        self.assertEqual(len(items), 1, f"{user.login} should have one pending item")
        return items.with_user(user)

    def approve(self, request, leader=None):
        """The department leader, then the office (first to claim) agree."""
        self.item_of(request, leader or self.zhk_xu).action_agree(opinion="同意。")
        self.item_of(request, self.bgs_zhang).action_agree(opinion="同意。")
        request.invalidate_recordset()

    def book(self, vehicle=None, start=None, end=None, user=None, **vals):
        """An office booking (without a request)."""
        values = {
            "purpose": "接送会议代表",
            "user_id": (user or self.bgs_zhang).id,
            "vehicle_id": (vehicle or self.vehicle_a).id,
            "date_start": start or self.start,
            "date_end": end or self.end,
        }
        values.update(vals)
        return self.Booking.with_user(self.bgs_zhang).create(values)

    def dispatch(self, booking, vehicle=None, driver=None):
        wizard = (
            self.env["oa.vehicle.dispatch.wizard"]
            .with_user(self.bgs_zhang)
            .with_context(default_booking_id=booking.id)
            .create({})
        )
        if vehicle:
            wizard.vehicle_id = vehicle
        if driver:
            wizard.driver_id = driver
        wizard.action_dispatch()
        booking.invalidate_recordset()
        return wizard

    def record_return(self, booking, odometer, when=None):
        wizard = (
            self.env["oa.vehicle.return.wizard"]
            .with_user(self.bgs_zhang)
            .with_context(default_booking_id=booking.id)
            .create(
                {
                    "odometer_in": odometer,
                    "date_returned": when or fields.Datetime.now(),
                }
            )
        )
        wizard.action_return()
        booking.invalidate_recordset()
        return wizard
