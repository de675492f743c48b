# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import OaFlowCase


@tagged("post_install", "-at_install")
class TestDeadlines(OaFlowCase):
    """Deadlines in working days over the 2026 Spring Festival (holidays and the
    make-up Saturdays 2026-02-14 and 2026-02-28), by urgency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.tmpl = cls.make_template(
            [
                {
                    "assignee_type": "users",
                    "user_ids": cls.mgr_a,
                    "deadline_days": 5,
                    "deadline_days_urgent": 2,
                    "deadline_days_very_urgent": 1,
                },
                {"assignee_type": "users", "user_ids": cls.mgr_b},
            ]
        )

    @freeze_time("2026-02-13 01:00:00")  # Friday 09:00 in Beijing
    def test_flow_default_seven_working_days_over_spring_festival(self):
        record = self.start(self.tmpl)
        flow = record.oa_flow_id.sudo()
        # 14 (Sat, make-up) 1, 24 2, 25 3, 26 4, 27 5, 28 (Sat, make-up) 6, Mar 2 7.
        self.assertEqual(flow.deadline, datetime(2026, 3, 2, 1, 0))
        # Step: 5 working days → 2026-02-27, inside the flow deadline.
        self.assertEqual(flow.current_step_id.deadline, datetime(2026, 2, 27, 1, 0))
        self.assertEqual(
            self.item_of(record, self.mgr_a).deadline, datetime(2026, 2, 27, 1, 0)
        )
        activity = self.env["mail.activity"].search(
            [("res_id", "=", record.id), ("res_model", "=", record._name)]
        )
        self.assertEqual(str(activity.date_deadline), "2026-02-27")

    @freeze_time("2026-02-13 01:00:00")
    def test_urgency_shortens_step_deadline(self):
        urgent = self.start(self.tmpl, urgency="urgent")
        very = self.start(self.tmpl, urgency="very_urgent", name="Very urgent")
        self.assertEqual(
            urgent.oa_flow_id.sudo().current_step_id.deadline,
            datetime(2026, 2, 24, 1, 0),
        )
        self.assertEqual(
            very.oa_flow_id.sudo().current_step_id.deadline, datetime(2026, 2, 14, 1, 0)
        )
        self.assertEqual(self.item_of(very, self.mgr_a).urgency, "very_urgent")

    def test_reminder_then_escalation(self):
        with freeze_time("2026-02-13 01:00:00"):
            record = self.start(self.tmpl, urgency="very_urgent")
        item = self.item_of(record, self.mgr_a).sudo()
        Item = self.env["oa.workitem"]
        with freeze_time("2026-02-13 09:00:00"):  # 17:00, due tomorrow 09:00
            Item._cron_deadlines()
            self.assertTrue(item.reminded)
            self.assertFalse(item.escalated)
            self.assertFalse(item.is_overdue)
        with freeze_time("2026-02-14 02:00:00"):
            item.invalidate_recordset(["is_overdue"])  # computed from the clock
            self.assertTrue(item.is_overdue)
            self.assertIn(item, Item.search([("is_overdue", "=", True)]))
            self.assertTrue(
                record.oa_flow_id.sudo().search_count(
                    [("is_overdue", "=", False), ("id", "=", record.oa_flow_id.id)]
                )
            )
            Item._cron_deadlines()
            self.assertTrue(item.escalated)
            self.assertIn("escalate", self.actions(record))
            Item._cron_deadlines()
            self.assertEqual(
                self.actions(record).count("escalate"), 1, "escalated once"
            )
