# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models

DEFAULT_TZ = "Asia/Shanghai"
DEFAULT_HANDLING_DAYS = 7
HANDLING_DAYS_PARAM = "oa_base.default_handling_days"
# Calendars without attendance lines (e.g. flexible hours) work Monday to Friday.
DEFAULT_WORKING_WEEKDAYS = frozenset(range(5))


class ResourceCalendar(models.Model):
    """Working-day arithmetic on the company calendar.

    A working day is a working weekday of the calendar that is not a public
    holiday, or any day declared as a make-up workday (调休). Every deadline of
    the suite goes through :meth:`oa_add_working_days`.
    """

    _inherit = "resource.calendar"

    # ------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------

    oa_day_ids = fields.One2many(
        comodel_name="oa.calendar.day",
        inverse_name="calendar_id",
        string="Holidays and Make-up Workdays",
    )

    # ------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------

    @api.model
    def oa_default_handling_days(self):
        """Default handling time, in working days (system parameter)."""
        value = self.env["ir.config_parameter"].sudo().get_param(HANDLING_DAYS_PARAM)
        try:
            days = int(value)
        except (TypeError, ValueError):
            return DEFAULT_HANDLING_DAYS
        return days if days >= 0 else DEFAULT_HANDLING_DAYS

    def oa_is_working_day(self, day):
        """Return whether the date ``day`` is a working day of this calendar."""
        self.ensure_one()
        day = fields.Date.to_date(day)
        special = self._oa_special_days(day, day)
        return self._oa_is_working(day, self._oa_working_weekdays(), special)

    def oa_add_working_days(self, start, days):
        """Add ``days`` working days to ``start``.

        :param start: naive UTC datetime (Odoo convention)
        :param int days: number of working days, >= 0
        :return: naive UTC datetime, on the local date of the ``days``-th
            working day strictly after the local date of ``start``, at the
            same local clock time as ``start``
        """
        self.ensure_one()
        if days < 0:
            raise ValueError("oa_add_working_days() does not accept negative days")
        start = fields.Datetime.to_datetime(start)
        if start.tzinfo:
            start = start.astimezone(pytz.utc).replace(tzinfo=None)
        if not days:
            return start
        tz = pytz.timezone(self.tz or DEFAULT_TZ)
        local_start = pytz.utc.localize(start).astimezone(tz)
        weekdays = self._oa_working_weekdays()

        # One query per window: the first window is wide enough for any
        # realistic year (holidays take < 15 % of the working days); it is
        # only extended when the special days ate more than the margin.
        current = local_start.date()
        window = math.ceil(days * 7 / len(weekdays)) * 2 + 30
        remaining = days
        while True:
            window_end = current + timedelta(days=window)
            special = self._oa_special_days(current + timedelta(days=1), window_end)
            while current < window_end:
                current += timedelta(days=1)
                if self._oa_is_working(current, weekdays, special):
                    remaining -= 1
                    if not remaining:
                        local_end = tz.localize(
                            datetime.combine(current, local_start.time()), is_dst=False
                        )
                        return local_end.astimezone(pytz.utc).replace(tzinfo=None)

    def oa_add_working_hours(self, start, hours):
        """Add ``hours`` working hours to ``start`` (naive UTC datetimes).

        Working hours are the attendance lines of the calendar on working days
        (public holidays skipped, make-up workdays worked with the hours of the
        first working weekday). Before the day's first attendance, counting
        starts at it; after the last one, on the next working day.
        """
        self.ensure_one()
        if hours < 0:
            raise ValueError("oa_add_working_hours() does not accept negative hours")
        start = fields.Datetime.to_datetime(start)
        if start.tzinfo:
            start = start.astimezone(pytz.utc).replace(tzinfo=None)
        if not hours:
            return start
        tz = pytz.timezone(self.tz or DEFAULT_TZ)
        local_start = pytz.utc.localize(start).astimezone(tz)
        by_weekday = self._oa_attendance_hours()
        weekdays = frozenset(by_weekday) or DEFAULT_WORKING_WEEKDAYS
        default_hours = (
            by_weekday[min(by_weekday)] if by_weekday else [(8.0, 12.0), (13.0, 17.0)]
        )
        day = local_start.date()
        clock = local_start.hour + local_start.minute / 60 + local_start.second / 3600
        remaining = float(hours)
        window = math.ceil(hours / 4) * 2 + 30
        while True:
            window_end = day + timedelta(days=window)
            special = self._oa_special_days(day, window_end)
            while day < window_end:
                if self._oa_is_working(day, weekdays, special):
                    for hour_from, hour_to in by_weekday.get(
                        day.weekday(), default_hours
                    ):
                        hour_from = max(hour_from, clock)
                        if hour_to <= hour_from:
                            continue
                        if remaining <= hour_to - hour_from:
                            end = datetime.combine(day, datetime.min.time()) + (
                                timedelta(hours=hour_from + remaining)
                            )
                            local_end = tz.localize(end.replace(microsecond=0))
                            return local_end.astimezone(pytz.utc).replace(tzinfo=None)
                        remaining -= hour_to - hour_from
                day += timedelta(days=1)
                clock = 0.0

    def oa_count_working_days(self, date_from, date_to):
        """Number of working days in the interval (``date_from``, ``date_to``]."""
        self.ensure_one()
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_to <= date_from:
            return 0
        weekdays = self._oa_working_weekdays()
        special = self._oa_special_days(date_from + timedelta(days=1), date_to)
        count = 0
        current = date_from
        while current < date_to:
            current += timedelta(days=1)
            if self._oa_is_working(current, weekdays, special):
                count += 1
        return count

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _oa_working_weekdays(self):
        """Python weekdays (Monday = 0) with at least one attendance line."""
        self.ensure_one()
        weekdays = frozenset(
            int(attendance.dayofweek)
            for attendance in self.attendance_ids
            if not attendance.display_type and attendance.dayofweek
        )
        return weekdays or DEFAULT_WORKING_WEEKDAYS

    def _oa_attendance_hours(self):
        """Weekday (Monday = 0) -> sorted ``[(hour_from, hour_to)]`` worked."""
        self.ensure_one()
        result = {}
        for attendance in self.attendance_ids:
            if (
                attendance.display_type
                or not attendance.dayofweek
                or attendance.day_period == "lunch"
            ):
                continue
            result.setdefault(int(attendance.dayofweek), set()).add(
                (attendance.hour_from, attendance.hour_to)
            )
        return {day: sorted(spans) for day, spans in result.items()}

    def _oa_special_days(self, date_from, date_to):
        """Map date -> day_type of the special days in [date_from, date_to].

        One query.
        """
        self.ensure_one()
        days = (
            self.env["oa.calendar.day"]
            .sudo()
            .search_fetch(
                [
                    ("calendar_id", "=", self.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["date", "day_type"],
            )
        )
        return {day.date: day.day_type for day in days}

    @staticmethod
    def _oa_is_working(day, weekdays, special):
        day_type = special.get(day)
        if day_type == "workday":
            return True
        return day_type != "holiday" and day.weekday() in weekdays
