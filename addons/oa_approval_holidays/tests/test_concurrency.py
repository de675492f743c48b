# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Submissions at the same moment: one passes, the other hears why at once.

Two 请假 of one person (Time Off checks balance and overlaps against what is
committed) and two returns (销假) of one time off.
"""

from datetime import timedelta

from odoo import api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import first_free_monday


@tagged("post_install", "-at_install")
class TestReturnConcurrency(TransactionCase):
    """Each submission runs in its own transaction (two cursors)."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            ref = env.ref
            self.user_id = ref("oa_base.user_zhk_he_demo").id
            employee = ref("oa_base.employee_zhk_he_demo")
            leave_type = env["hr.leave.type"].create(
                {
                    "name": "Concurrency Leave",
                    "requires_allocation": "no",
                    "leave_validation_type": "manager",
                    "create_calendar_meeting": False,
                }
            )
            monday = first_free_monday(env, fields.Date.today() + timedelta(days=400))
            leave = env["hr.leave"].create(
                {
                    "employee_id": employee.id,
                    "holiday_status_id": leave_type.id,
                    "request_date_from": monday,
                    "request_date_to": monday + timedelta(days=4),
                }
            )
            leave.action_approve()
            requests = env["oa.approval.request"].create(
                [
                    {
                        "type_id": ref(
                            "oa_approval_holidays.approval_type_leave_return"
                        ).id,
                        "user_id": self.user_id,
                        "subject": f"Back {index}",
                        "leave_id": leave.id,
                        "leave_return_date": monday + timedelta(days=index + 1),
                    }
                    for index in range(2)
                ]
            )
            self.leave_type_id = leave_type.id
            self.leave_id = leave.id
            self.request_ids = requests.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["oa.approval.request"].browse(self.request_ids).unlink()
            leave = env["hr.leave"].browse(self.leave_id)
            leave._force_cancel("test over", notify_responsibles=False)
            leave.unlink()
            env["hr.leave.type"].browse(self.leave_type_id).unlink()

    def _submit(self, cr, index):
        env = api.Environment(cr, self.user_id, {})
        env["oa.approval.request"].browse(self.request_ids[index]).action_submit()

    @mute_logger("odoo.sql_db")
    def test_simultaneous_returns(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._submit(cr1, 0)  # holds the time off, not committed yet
            with self.assertRaises(UserError) as caught:
                self._submit(cr2, 1)
            self.assertIn("Someone is submitting a return", str(caught.exception))
            cr2.rollback()
            cr1.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            states = env["oa.approval.request"].browse(self.request_ids).mapped("state")
        self.assertEqual(states, ["draft", "draft"], "nothing was committed")


@tagged("post_install", "-at_install")
class TestLeaveConcurrency(TransactionCase):
    """何佳 submits two overlapping 请假 from two browsers at the same moment."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            ref = env.ref
            self.user_id = ref("oa_base.user_zhk_he_demo").id
            leave_type = env["hr.leave.type"].create(
                {
                    "name": "Concurrency Leave",
                    "requires_allocation": "no",
                    "leave_validation_type": "manager",
                    "create_calendar_meeting": False,
                }
            )
            monday = first_free_monday(env, fields.Date.today() + timedelta(days=400))
            requests = env["oa.approval.request"].create(
                [
                    {
                        "type_id": ref("oa_approval_holidays.approval_type_leave").id,
                        "user_id": self.user_id,
                        "subject": f"Leave {index}",
                        "leave_type_id": leave_type.id,
                        "leave_date_from": monday + timedelta(days=index),
                        "leave_date_to": monday + timedelta(days=index + 2),
                        "reason": "Family matters.",
                    }
                    for index in range(2)
                ]
            )
            self.leave_type_id = leave_type.id
            self.request_ids = requests.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["oa.approval.request"].browse(self.request_ids).unlink()
            env["hr.leave.type"].browse(self.leave_type_id).unlink()

    def _submit(self, cr, index):
        env = api.Environment(cr, self.user_id, {})
        env["oa.approval.request"].browse(self.request_ids[index]).action_submit()

    @mute_logger("odoo.sql_db")
    def test_simultaneous_overlapping_leaves(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._submit(cr1, 0)  # books the time off, not committed yet
            with self.assertRaises(UserError) as caught:
                self._submit(cr2, 1)
            self.assertIn("is being submitted right now", str(caught.exception))
            cr2.rollback()
            cr1.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            requests = env["oa.approval.request"].browse(self.request_ids)
            self.assertEqual(requests.mapped("state"), ["draft", "draft"])
            self.assertFalse(requests.leave_id, "nothing was committed")
