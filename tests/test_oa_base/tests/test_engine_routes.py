# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Routes taken when a flow starts: minimum approvals, the initiator never
approving their own, conditional steps, working-hour deadlines, and the hooks
that tell the business record whose turn it is and what is due."""

from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OaFlowCase


class RouteCase(OaFlowCase):
    """A calendar of its own (Beijing time, 8-12 and 13-17 Monday to Friday,
    lunch 12-13) with a public holiday and a make-up workday, used as the
    company's working schedule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        attendances = []
        for day in "01234":
            attendances += [
                (
                    0,
                    0,
                    {
                        "name": "Morning",
                        "dayofweek": day,
                        "hour_from": 8,
                        "hour_to": 12,
                        "day_period": "morning",
                    },
                ),
                (
                    0,
                    0,
                    {
                        "name": "Lunch",
                        "dayofweek": day,
                        "hour_from": 12,
                        "hour_to": 13,
                        "day_period": "lunch",
                    },
                ),
                (
                    0,
                    0,
                    {
                        "name": "Afternoon",
                        "dayofweek": day,
                        "hour_from": 13,
                        "hour_to": 17,
                        "day_period": "afternoon",
                    },
                ),
            ]
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "OA route tests",
                "tz": "Asia/Shanghai",
                "attendance_ids": [(5, 0, 0), *attendances],
            }
        )
        cls.env["oa.calendar.day"].create(
            [
                # Thursday 1 October 2026: National Day (closed).
                {
                    "calendar_id": cls.calendar.id,
                    "date": "2026-10-01",
                    "day_type": "holiday",
                    "name": "National Day",
                },
                {
                    "calendar_id": cls.calendar.id,
                    "date": "2026-10-02",
                    "day_type": "holiday",
                    "name": "National Day",
                },
                # Saturday 10 October 2026: make-up workday (open).
                {
                    "calendar_id": cls.calendar.id,
                    "date": "2026-10-10",
                    "day_type": "workday",
                    "name": "National Day make-up workday",
                },
            ]
        )
        cls.env.company.resource_calendar_id = cls.calendar

    @staticmethod
    def utc(local):
        """Naive UTC of a naive Beijing time (UTC+8, no DST)."""
        return local - timedelta(hours=8)


@tagged("post_install", "-at_install")
class TestWorkingHours(RouteCase):
    def add(self, local_start, hours):
        return self.calendar.oa_add_working_hours(self.utc(local_start), hours)

    def test_within_a_morning(self):
        # Tuesday 13 October 2026, 09:00 in Beijing.
        self.assertEqual(
            self.add(datetime(2026, 10, 13, 9, 0), 2),
            self.utc(datetime(2026, 10, 13, 11, 0)),
        )

    def test_lunch_break_is_not_counted(self):
        self.assertEqual(
            self.add(datetime(2026, 10, 13, 10, 30), 2),
            self.utc(datetime(2026, 10, 13, 13, 30)),
        )
        # Started during lunch: counting starts at 13:00.
        self.assertEqual(
            self.add(datetime(2026, 10, 13, 12, 20), 2),
            self.utc(datetime(2026, 10, 13, 15, 0)),
        )

    def test_before_and_after_working_hours(self):
        self.assertEqual(
            self.add(datetime(2026, 10, 13, 6, 45), 2),
            self.utc(datetime(2026, 10, 13, 10, 0)),
        )
        self.assertEqual(
            self.add(datetime(2026, 10, 13, 18, 30), 2),
            self.utc(datetime(2026, 10, 14, 10, 0)),
        )
        # Half an hour left today, the rest tomorrow morning.
        self.assertEqual(
            self.add(datetime(2026, 10, 13, 16, 30), 2),
            self.utc(datetime(2026, 10, 14, 9, 30)),
        )

    def test_weekend_is_skipped(self):
        # Friday 16 October 16:00 → one hour on Friday, one on Monday.
        self.assertEqual(
            self.add(datetime(2026, 10, 16, 16, 0), 2),
            self.utc(datetime(2026, 10, 19, 9, 0)),
        )
        # Submitted on Sunday: Monday from 08:00.
        self.assertEqual(
            self.add(datetime(2026, 10, 18, 15, 0), 2),
            self.utc(datetime(2026, 10, 19, 10, 0)),
        )

    def test_public_holiday_and_make_up_workday(self):
        # Wednesday 30 September 16:00: one hour, then 1-2 October closed,
        # the weekend, Monday 5 October from 08:00.
        self.assertEqual(
            self.add(datetime(2026, 9, 30, 16, 0), 2),
            self.utc(datetime(2026, 10, 5, 9, 0)),
        )
        # Friday 9 October 16:30: half an hour, then the make-up Saturday.
        self.assertEqual(
            self.add(datetime(2026, 10, 9, 16, 30), 2),
            self.utc(datetime(2026, 10, 10, 9, 30)),
        )
        # A full day and more: 8 hours on Saturday 10, then Monday 12.
        self.assertEqual(
            self.add(datetime(2026, 10, 10, 8, 0), 10),
            self.utc(datetime(2026, 10, 12, 10, 0)),
        )

    def test_zero_and_negative_hours(self):
        start = self.utc(datetime(2026, 10, 13, 19, 0))
        self.assertEqual(self.calendar.oa_add_working_hours(start, 0), start)
        with self.assertRaises(ValueError):
            self.calendar.oa_add_working_hours(start, -1)

    def test_step_deadline_in_working_hours(self):
        tmpl = self.make_template(
            [
                {
                    "assignee_type": "users",
                    "user_ids": self.mgr_a,
                    "deadline_hours": 2,
                    "deadline_days": 5,
                },
                {"assignee_type": "users", "user_ids": self.mgr_b, "deadline_days": 1},
            ]
        )
        # Friday 9 October 2026, 16:30 in Beijing.
        start = self.utc(datetime(2026, 10, 9, 16, 30))
        with freeze_time(start):
            record = self.start(tmpl)
        step = record.oa_flow_id.sudo().current_step_id
        expected = self.calendar.oa_add_working_hours(start, 2)
        self.assertEqual(expected, self.utc(datetime(2026, 10, 10, 9, 30)))
        self.assertEqual(step.deadline, expected, "the hours win over the days")
        self.assertEqual(self.item_of(record, self.mgr_a).deadline, expected)
        # The next step, in working days, starts counting when it is reached.
        later = self.utc(datetime(2026, 10, 10, 9, 0))
        with freeze_time(later):
            self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree()
        step = record.oa_flow_id.sudo().current_step_id
        self.assertEqual(step.deadline, self.calendar.oa_add_working_days(later, 1))

    def test_constraints_on_numbers(self):
        with self.assertRaises(ValidationError):
            self.make_template(
                [
                    {
                        "assignee_type": "users",
                        "user_ids": self.mgr_a,
                        "deadline_hours": -2,
                    }
                ]
            )
        with self.assertRaises(ValidationError):
            self.make_template(
                [
                    {
                        "assignee_type": "users",
                        "user_ids": self.mgr_a | self.mgr_b,
                        "mode": "any",
                        "min_approvals": 1,
                    }
                ]
            )


@tagged("post_install", "-at_install")
class TestRouteSelection(RouteCase):
    def agree(self, record, user):
        self.item_of(record, user).with_user(user).action_agree()

    def test_minimum_approvals_n_of_m(self):
        tmpl = self.make_template(
            [
                {
                    "mode": "all",
                    "assignee_type": "users",
                    "min_approvals": 2,
                    "user_ids": self.mgr_a | self.mgr_b | self.deputy,
                },
                {"assignee_type": "users", "user_ids": self.leader},
            ]
        )
        record = self.start(tmpl)
        self.assertEqual(
            self.pending_users(record), self.mgr_a | self.mgr_b | self.deputy
        )
        self.agree(record, self.mgr_b)
        self.assertEqual(self.pending_users(record), self.mgr_a | self.deputy)
        self.agree(record, self.deputy)
        self.assertEqual(self.pending_users(record), self.leader)
        late = record.oa_flow_id.sudo().workitem_ids.filtered(
            lambda w: w.user_id == self.mgr_a
        )
        self.assertEqual((late.state, late.result), ("cancelled", "cancelled"))
        with self.assertRaisesRegex(UserError, "no longer needed"):
            late.with_user(self.mgr_a).action_agree()

    def test_minimum_approvals_and_one_veto(self):
        tmpl = self.make_template(
            [
                {
                    "mode": "all",
                    "assignee_type": "users",
                    "min_approvals": 2,
                    "user_ids": self.mgr_a | self.mgr_b | self.deputy,
                }
            ]
        )
        record = self.start(tmpl)
        self.agree(record, self.mgr_a)
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_disagree(
            opinion="No"
        )
        self.assertEqual(record.state, "rejected")
        self.assertFalse(self.pending_users(record))

    def test_without_minimum_everyone_approves(self):
        tmpl = self.make_template(
            [
                {
                    "mode": "all",
                    "assignee_type": "users",
                    "user_ids": self.mgr_a | self.mgr_b | self.deputy,
                }
            ]
        )
        record = self.start(tmpl)
        self.agree(record, self.mgr_a)
        self.agree(record, self.mgr_b)
        self.assertEqual(record.state, "running")
        self.agree(record, self.deputy)
        self.assertEqual(record.state, "done")

    def test_initiator_never_approves_own(self):
        tmpl = self.make_template(
            [
                {
                    "mode": "all",
                    "assignee_type": "users",
                    "skip_initiator": True,
                    "user_ids": self.staff | self.mgr_a,
                },
                {"assignee_type": "users", "user_ids": self.mgr_b},
            ]
        )
        record = self.start(tmpl)
        self.assertEqual(self.pending_users(record), self.mgr_a)
        self.agree(record, self.mgr_a)
        self.assertEqual(self.pending_users(record), self.mgr_b)
        # Without the option, the initiator is one of the handlers.
        plain = self.make_template(
            [
                {
                    "mode": "all",
                    "assignee_type": "users",
                    "user_ids": self.staff | self.mgr_a,
                }
            ]
        )
        self.assertEqual(self.pending_users(self.start(plain)), self.staff | self.mgr_a)

    def test_initiator_alone_on_a_step(self):
        """A leader's own request: their step is skipped or refused."""
        skipped = self.make_template(
            [
                {
                    "assignee_type": "initiator_manager",
                    "skip_initiator": True,
                    "skip_if_empty": True,
                },
                {"assignee_type": "initiator_supervisor"},
            ]
        )
        employee = self.env["hr.employee"].search([("user_id", "=", self.mgr_a.id)])
        employee.department_id = self.dept_a
        record = self.start(skipped, user=self.mgr_a)
        self.assertEqual(self.pending_users(record), self.deputy)
        self.assertEqual(self.actions(record), ["start", "skip"])
        stuck = self.make_template(
            [{"assignee_type": "initiator_manager", "skip_initiator": True}]
        )
        with self.assertRaisesRegex(UserError, "Nobody can handle"):
            self.start(stuck, user=self.mgr_a)

    def test_record_filters_the_route(self):
        tmpl = self.make_template(
            [
                {"assignee_type": "users", "user_ids": self.mgr_a, "code": "a"},
                {"assignee_type": "users", "user_ids": self.mgr_b, "code": "big"},
                {"assignee_type": "users", "user_ids": self.leader, "code": "z"},
            ]
        )
        Record = self.registry["test.oa.flow.record"]

        def small_only(record, steps):
            return steps.filtered(lambda s: s.code != "big")

        with patch.object(Record, "_oa_filter_route", small_only, create=True):
            record = self.start(tmpl)
        self.assertEqual(record.oa_flow_id.sudo().step_ids.mapped("code"), ["a", "z"])
        self.agree(record, self.mgr_a)
        self.assertEqual(self.pending_users(record), self.leader)
        # Later template edits change nothing: the snapshot is kept.
        tmpl.step_ids.filtered(lambda s: s.code == "z").user_ids = self.deputy
        self.agree(record, self.leader)
        self.assertEqual(record.state, "done")

    def test_nothing_left_is_a_translated_error(self):
        tmpl = self.make_template([{"assignee_type": "users", "user_ids": self.mgr_a}])
        Record = self.registry["test.oa.flow.record"]

        def nothing(record, steps):
            return steps.browse()

        self.env["res.lang"]._activate_lang("zh_CN")
        with patch.object(Record, "_oa_filter_route", nothing, create=True):
            with self.assertRaisesRegex(UserError, "No step of the flow template"):
                self.start(tmpl)
            record = (
                self.Record.with_user(self.staff)
                .with_context(lang="zh_CN")
                .create({"name": "无适用环节"})
            )
            with self.assertRaisesRegex(UserError, "没有适用于"):
                record.action_oa_start(template=tmpl)
        self.assertFalse(record.oa_flow_id)


@tagged("post_install", "-at_install")
class TestTurnHooks(RouteCase):
    """``_oa_on_items_pending``: once per batch of items whose turn came."""

    def setUp(self):
        super().setUp()
        self.calls = []
        Record = self.registry["test.oa.flow.record"]
        calls = self.calls

        def on_pending(record, flow, items):
            calls.append((record.id, frozenset(items.user_id.ids)))

        patcher = patch.object(Record, "_oa_on_items_pending", on_pending, create=True)
        patcher.start()
        self.addCleanup(patcher.stop)

    def turns(self):
        return [users for __, users in self.calls]

    def test_parallel_then_sequence(self):
        tmpl = self.make_template(
            [
                {
                    "mode": "all",
                    "assignee_type": "users",
                    "user_ids": self.mgr_a | self.mgr_b,
                },
                {
                    "mode": "sequence",
                    "assignee_type": "users",
                    "user_ids": self.deputy | self.leader,
                },
            ]
        )
        record = self.start(tmpl)
        self.assertEqual(
            self.turns(), [frozenset((self.mgr_a | self.mgr_b).ids)], "one batch"
        )
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree()
        self.assertEqual(len(self.calls), 1, "nobody's turn came")
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree()
        # The sequence: only the first one's turn, the second one waits.
        self.assertEqual(self.turns()[1:], [frozenset(self.deputy.ids)])
        self.item_of(record, self.deputy).with_user(self.deputy).action_agree()
        self.assertEqual(self.turns()[2:], [frozenset(self.leader.ids)])
        self.assertTrue(all(rid == record.id for rid, __ in self.calls))

    def test_hand_over_and_add_before(self):
        tmpl = self.make_template(
            [
                {"assignee_type": "users", "user_ids": self.mgr_a},
                {"assignee_type": "users", "user_ids": self.leader},
            ]
        )
        record = self.start(tmpl)
        self.calls.clear()
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_add_sign(
            self.colleague, position="before"
        )
        self.assertEqual(self.turns(), [frozenset(self.colleague.ids)])
        self.item_of(record, self.colleague).with_user(self.colleague).action_transfer(
            self.mgr_b
        )
        self.assertEqual(self.turns()[1:], [frozenset(self.mgr_b.ids)])
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree()
        # The one who added comes back.
        self.assertEqual(self.turns()[2:], [frozenset(self.mgr_a.ids)])

    def test_circulated_readers_are_not_a_turn(self):
        tmpl = self.make_template([{"assignee_type": "users", "user_ids": self.mgr_a}])
        record = self.start(tmpl)
        self.calls.clear()
        record.with_user(self.staff).oa_flow_id.action_circulate(self.colleague)
        self.assertFalse(self.calls)


@tagged("post_install", "-at_install")
class TestDeadlineHooks(RouteCase):
    """Reminders at half time for short steps, escalation after the deadline,
    each told once to the record's model."""

    def setUp(self):
        super().setUp()
        self.due = []
        self.overdue = []
        Record = self.registry["test.oa.flow.record"]
        due, overdue = self.due, self.overdue

        def notify_due(model, items):
            due.append(frozenset(items.ids))

        def notify_overdue(model, items):
            overdue.append(frozenset(items.ids))

        for name, method in (
            ("_oa_notify_items_due", notify_due),
            ("_oa_notify_items_overdue", notify_overdue),
        ):
            patcher = patch.object(Record, name, method, create=True)
            patcher.start()
            self.addCleanup(patcher.stop)
        self.tmpl = self.make_template(
            [{"assignee_type": "users", "user_ids": self.mgr_a, "deadline_hours": 2}]
        )

    def test_two_hour_step_reminded_at_half_time_then_escalated(self):
        start = self.utc(datetime(2026, 10, 13, 9, 0))  # Tuesday 09:00
        with freeze_time(start):
            record = self.start(self.tmpl)
        item = self.item_of(record, self.mgr_a).sudo()
        self.assertEqual(item.deadline, self.utc(datetime(2026, 10, 13, 11, 0)))
        Item = self.env["oa.workitem"]
        with freeze_time(self.utc(datetime(2026, 10, 13, 9, 45))):
            Item._cron_deadlines()
        self.assertFalse(item.reminded, "less than half the time has passed")
        self.assertEqual(self.due, [])
        with freeze_time(self.utc(datetime(2026, 10, 13, 10, 1))):
            Item._cron_deadlines()
            Item._cron_deadlines()
        self.assertTrue(item.reminded)
        self.assertEqual(self.due, [frozenset(item.ids)], "told once")
        self.assertEqual(self.overdue, [])
        with freeze_time(self.utc(datetime(2026, 10, 13, 11, 5))):
            Item._cron_deadlines()
            Item._cron_deadlines()
        self.assertTrue(item.escalated)
        self.assertEqual(self.overdue, [frozenset(item.ids)], "told once")
        self.assertEqual(self.actions(record).count("escalate"), 1)

    def test_handled_in_time_is_never_told(self):
        start = self.utc(datetime(2026, 10, 13, 9, 0))
        with freeze_time(start):
            record = self.start(self.tmpl)
        with freeze_time(start + timedelta(minutes=20)):
            self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree()
        with freeze_time(self.utc(datetime(2026, 10, 14, 9, 0))):
            self.env["oa.workitem"]._cron_deadlines()
        self.assertEqual((self.due, self.overdue), ([], []))
