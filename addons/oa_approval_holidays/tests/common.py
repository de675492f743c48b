# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase


def first_free_monday(env, start):
    """The first Monday from ``start`` on whose two weeks hold no public holiday
    or mandatory day, so that Time Off counts plain working days."""
    monday = start + relativedelta(weekday=0)
    while True:
        end = monday + timedelta(days=13)
        holidays = env["resource.calendar.leaves"].search_count(
            [
                ("resource_id", "=", False),
                ("date_from", "<=", fields.Datetime.to_datetime(end) + timedelta(1)),
                ("date_to", ">=", fields.Datetime.to_datetime(monday)),
            ]
        )
        mandatory = env["hr.leave.mandatory.day"].search_count(
            [("start_date", "<=", end), ("end_date", ">=", monday)]
        )
        if not (holidays or mandatory):
            return monday
        monday += timedelta(days=7)


class OaLeaveCase(TransactionCase):
    """The demo bureau (江澄市统计局) requesting time off as its real roles.

    何佳 (zhk_he) is staff of 综合科, led by 徐明 (zhk_xu, also her Time Off
    approver), whose supervising leader is 王志明 (fgjz_wang). 高磊 (zhk_gao) is
    her colleague, 张丽华 (bgs_zhang) heads the office. Time off is of a test
    type with its own allocations, on weeks without holidays, well after the
    demo leaves.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The demo users read Chinese: the messages checked here are the source.
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, lang="en_US")
        )
        ref = cls.env.ref
        for login in (
            "juzhang",
            "fgjz_wang",
            "fgjz_li",
            "bgs_zhang",
            "zhk_xu",
            "zhk_he",
            "zhk_gao",
            "hsk_wu",
            "gjk_lin",
        ):
            setattr(cls, login, ref(f"oa_base.user_{login}_demo"))
            setattr(cls, f"emp_{login}", ref(f"oa_base.employee_{login}_demo"))
        cls.admin = ref("base.user_admin")
        cls.type_leave = ref("oa_approval_holidays.approval_type_leave")
        cls.type_return = ref("oa_approval_holidays.approval_type_leave_return")
        cls.Request = cls.env["oa.approval.request"]
        cls.Leave = cls.env["hr.leave"]
        company = ref("base.main_company")
        cls.annual = cls.env["hr.leave.type"].create(
            {
                "name": "Test Annual Leave",
                "company_id": company.id,
                "requires_allocation": "yes",
                "leave_validation_type": "manager",
                "request_unit": "day",
            }
        )
        cls.personal = cls.env["hr.leave.type"].create(
            {
                "name": "Test Personal Leave",
                "company_id": company.id,
                "requires_allocation": "no",
                "leave_validation_type": "manager",
                "request_unit": "half_day",
            }
        )
        today = fields.Date.today()
        allocations = cls.env["hr.leave.allocation"].create(
            [
                {
                    "name": "Test allocation",
                    "holiday_status_id": cls.annual.id,
                    "employee_id": employee.id,
                    "number_of_days": days,
                    "date_from": today - relativedelta(years=1),
                }
                for employee, days in (
                    (cls.emp_zhk_he, 10),
                    (cls.emp_zhk_xu, 10),
                    (cls.emp_zhk_gao, 3),
                )
            ]
        )
        allocations.action_validate()
        cls.monday = first_free_monday(cls.env, today + timedelta(days=56))

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def day(self, offset):
        """A day of the test fortnight: 0 is its Monday."""
        return self.monday + timedelta(days=offset)

    def new_leave_request(self, user, first, last, leave_type=None, **vals):
        """A draft 请假 of ``user`` from day ``first`` to day ``last``."""
        return self.Request.with_user(user).create(
            {
                "type_id": self.type_leave.id,
                "subject": vals.pop("subject", "Family matters"),
                "leave_type_id": (leave_type or self.annual).id,
                "leave_date_from": self.day(first),
                "leave_date_to": self.day(last),
                "reason": "Visit my parents.",
                **vals,
            }
        )

    def new_return_request(self, user, leave, back):
        return self.Request.with_user(user).create(
            {
                "type_id": self.type_return.id,
                "subject": "Back at work",
                "leave_id": leave.id,
                "leave_return_date": back,
            }
        )

    def item_of(self, request, user):
        """The pending to-do of ``user`` on ``request``, as ``user``."""
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

    def approve(self, request, *users):
        for user in users:
            self.item_of(request, user).action_agree(opinion="Agreed.")
        request.invalidate_recordset()

    def route_codes(self, request):
        return request.sudo().oa_flow_id.step_ids.mapped("code")

    def balance(self, employee, leave_type=None, day=None):
        """``(remaining, virtual remaining)`` as Time Off counts them."""
        leave_type = leave_type or self.annual
        self.env.invalidate_all()
        data = leave_type.get_allocation_data(employee, day or self.day(0))[employee]
        info = next(row[1] for row in data if row[3] == leave_type.id)
        return info["remaining_leaves"], info["virtual_remaining_leaves"]

    def approved_leave(self, user, first, last, approvers):
        """An approved 请假 of ``user``: ``(request, its time off)``."""
        request = self.new_leave_request(user, first, last)
        request.with_user(user).action_submit()
        self.approve(request, *approvers)
        self.assertEqual(request.state, "approved")
        return request, request.leave_id
