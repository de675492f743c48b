# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestWorkingDays(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The shipped 2026/2027 days live on the standard schedule: use it as
        # the company calendar whatever other modules configured.
        cls.calendar = cls.env.ref("resource.resource_calendar_std")
        cls.calendar.tz = "Asia/Shanghai"
        cls.env.company.resource_calendar_id = cls.calendar
        cls.Day = cls.env["oa.calendar.day"]
        cls.user_internal = cls.env["res.users"].create(
            {
                "name": "Calendar Reader",
                "login": "oa_cal_reader",
                "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
            }
        )
        cls.user_admin = cls.env["res.users"].create(
            {
                "name": "Calendar Admin",
                "login": "oa_cal_admin",
                "groups_id": [(6, 0, [cls.env.ref("oa_base.group_oa_admin").id])],
            }
        )

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _add(self, start, days):
        """Add working days to a local (Asia/Shanghai) date at 09:00.

        Returns the local date.
        """
        start_utc = datetime(
            start.year, start.month, start.day, 1, 0
        )  # 09:00 in Shanghai
        result = self.calendar.oa_add_working_days(start_utc, days)
        self.assertEqual(
            (result.hour, result.minute), (1, 0), "The local clock time is kept"
        )
        return result.date()

    def _csv(self, text, bom=False):
        data = text.encode("utf-8")
        if bom:
            data = b"\xef\xbb\xbf" + data
        return base64.b64encode(data)

    # ------------------------------------------------------------
    # Working-day arithmetic
    # ------------------------------------------------------------

    def test_plain_week(self):
        # 2026-03-09 is a Monday with no special day around.
        self.assertEqual(self._add(date(2026, 3, 9), 1), date(2026, 3, 10))
        self.assertEqual(self._add(date(2026, 3, 9), 4), date(2026, 3, 13))
        self.assertEqual(self._add(date(2026, 3, 9), 5), date(2026, 3, 16))
        # From a Friday and from a Sunday.
        self.assertEqual(self._add(date(2026, 3, 13), 1), date(2026, 3, 16))
        self.assertEqual(self._add(date(2026, 3, 15), 1), date(2026, 3, 16))
        self.assertTrue(self.calendar.oa_is_working_day(date(2026, 3, 9)))
        self.assertFalse(self.calendar.oa_is_working_day(date(2026, 3, 14)))

    def test_spring_festival_2026(self):
        # Fri 13 Feb + 1 = Sat 14 Feb (make-up workday); + 2 = Tue 24 Feb.
        self.assertEqual(self._add(date(2026, 2, 13), 1), date(2026, 2, 14))
        self.assertEqual(self._add(date(2026, 2, 13), 2), date(2026, 2, 24))
        # Tue 24 .. Fri 27, then Sat 28 Feb make-up workday.
        self.assertEqual(self._add(date(2026, 2, 13), 6), date(2026, 2, 28))
        self.assertEqual(self._add(date(2026, 2, 13), 7), date(2026, 3, 2))
        self.assertTrue(self.calendar.oa_is_working_day(date(2026, 2, 14)))
        self.assertFalse(self.calendar.oa_is_working_day(date(2026, 2, 16)))

    def test_national_day_2026(self):
        # Fri 18 Sep + 1 = Sun 20 Sep (make-up workday).
        self.assertEqual(self._add(date(2026, 9, 18), 1), date(2026, 9, 20))
        # Thu 24 Sep + 1 = Mon 28 Sep (Mid-Autumn 25-27 Sep).
        self.assertEqual(self._add(date(2026, 9, 24), 1), date(2026, 9, 28))
        # Wed 30 Sep + 1 = Thu 8 Oct, + 3 = Sat 10 Oct (make-up workday),
        # + 4 = Mon 12 Oct.
        self.assertEqual(self._add(date(2026, 9, 30), 1), date(2026, 10, 8))
        self.assertEqual(self._add(date(2026, 9, 30), 3), date(2026, 10, 10))
        self.assertEqual(self._add(date(2026, 9, 30), 4), date(2026, 10, 12))

    def test_timezone(self):
        # 2026-02-12 17:00 UTC is Friday 2026-02-13 01:00 in Shanghai.
        start = datetime(2026, 2, 12, 17, 0)
        self.assertEqual(
            self.calendar.oa_add_working_days(start, 1), datetime(2026, 2, 13, 17, 0)
        )
        self.assertEqual(
            self.calendar.oa_add_working_days(start, 2), datetime(2026, 2, 23, 17, 0)
        )
        # The same instant on a UTC calendar is still Thursday 12 February.
        self.calendar.tz = "UTC"
        self.assertEqual(
            self.calendar.oa_add_working_days(start, 1), datetime(2026, 2, 13, 17, 0)
        )
        self.assertEqual(
            self.calendar.oa_add_working_days(start, 2), datetime(2026, 2, 14, 17, 0)
        )

    def test_zero_and_negative_days(self):
        start = datetime(2026, 2, 15, 3, 25, 7)  # a holiday: unchanged anyway
        self.assertEqual(self.calendar.oa_add_working_days(start, 0), start)
        with self.assertRaises(ValueError):
            self.calendar.oa_add_working_days(start, -1)

    def test_default_handling_days(self):
        days = self.calendar.oa_default_handling_days()
        self.assertEqual(days, 7)
        # Mon 9 Mar 2026 + 7 working days = Wed 18 Mar.
        self.assertEqual(self._add(date(2026, 3, 9), days), date(2026, 3, 18))
        # Thu 30 Apr 2026 + 7: Labour Day 1-5 May off, Sat 9 May worked (day 4).
        self.assertEqual(self._add(date(2026, 4, 30), days), date(2026, 5, 13))
        self.env["ir.config_parameter"].sudo().set_param(
            "oa_base.default_handling_days", "junk"
        )
        self.assertEqual(self.calendar.oa_default_handling_days(), 7)
        self.env["ir.config_parameter"].sudo().set_param(
            "oa_base.default_handling_days", "5"
        )
        self.assertEqual(self.calendar.oa_default_handling_days(), 5)

    def test_count_working_days(self):
        count = self.calendar.oa_count_working_days
        self.assertEqual(count(date(2026, 3, 9), date(2026, 3, 9)), 0)
        self.assertEqual(count(date(2026, 3, 10), date(2026, 3, 9)), 0)
        self.assertEqual(count(date(2026, 3, 9), date(2026, 3, 16)), 5)
        # (13 Feb, 24 Feb]: Sat 14 and Tue 24.
        self.assertEqual(count(date(2026, 2, 13), date(2026, 2, 24)), 2)
        # (30 Sep, 12 Oct]: Thu 8, Fri 9, Sat 10, Mon 12.
        self.assertEqual(count(date(2026, 9, 30), date(2026, 10, 12)), 4)
        # Consistent with oa_add_working_days.
        start = date(2026, 1, 5)
        for days in (1, 7, 30, 120):
            self.assertEqual(count(start, self._add(start, days)), days)

    def test_query_count(self):
        start = datetime(2026, 1, 5, 1, 0)
        # Warm the caches (attendances, tz, ...).
        self.calendar.oa_add_working_days(start, 1)
        self.calendar.oa_add_working_days(start, 60)
        self.calendar.oa_count_working_days(date(2026, 1, 5), date(2026, 6, 5))
        self.env.invalidate_all()
        self.calendar.oa_add_working_days(start, 1)
        with self.assertQueryCount(1):
            self.calendar.oa_add_working_days(start, 1)
        with self.assertQueryCount(1):
            self.calendar.oa_add_working_days(start, 60)
        with self.assertQueryCount(1):
            self.calendar.oa_add_working_days(start, 250)
        with self.assertQueryCount(1):
            self.calendar.oa_count_working_days(date(2026, 1, 5), date(2027, 12, 31))

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    def test_workday_on_working_weekday_refused(self):
        with self.assertRaises(ValidationError):
            self.Day.create(
                {"date": date(2026, 3, 11), "day_type": "workday", "name": "Wednesday"}
            )
        # A holiday may fall on any day, a make-up workday on a weekend.
        self.Day.create(
            {"date": date(2026, 3, 11), "day_type": "holiday", "name": "Local holiday"}
        )
        self.Day.create(
            {"date": date(2026, 3, 14), "day_type": "workday", "name": "Saturday"}
        )
        self.assertFalse(self.calendar.oa_is_working_day(date(2026, 3, 11)))
        self.assertTrue(self.calendar.oa_is_working_day(date(2026, 3, 14)))

    @mute_logger("odoo.sql_db")
    def test_duplicate_date_refused(self):
        self.assertEqual(
            self.Day.default_get(["calendar_id"])["calendar_id"], self.calendar.id
        )
        with self.assertRaises(IntegrityError):
            self.Day.create(
                {"date": date(2026, 1, 1), "day_type": "holiday", "name": "Again"}
            )
            self.env.flush_all()

    def test_year_computed(self):
        day = self.env.ref("oa_base.oa_calendar_day_2026_0214")
        self.assertEqual(day.year, 2026)
        self.assertEqual(day.day_type, "workday")
        self.assertEqual(
            self.Day.search_count(
                [("year", "=", 2026), ("calendar_id", "=", self.calendar.id)]
            ),
            39,
        )

    # ------------------------------------------------------------
    # Import wizard
    # ------------------------------------------------------------

    def test_import_good_csv(self):
        text = (
            "date,type,name\n"
            "2026-01-01,休,New Year's Day\n"
            "\n"
            "2026-03-02,假,Local holiday\n"
            "2026-03-07,班,Make-up Saturday\n"
            "2026-03-08,workday,Make-up Sunday\n"
            "2026-03-09,holiday,Another holiday\n"
        )
        wizard = self.env["oa.calendar.import"].create(
            {
                "calendar_id": self.calendar.id,
                "file": self._csv(text, bom=True),
                "filename": "2026.csv",
            }
        )
        action = wizard.action_import()
        self.assertEqual(action["res_model"], "oa.calendar.day")
        self.assertIn(("year", "in", [2026]), action["domain"])
        days = self.Day.search(
            [("calendar_id", "=", self.calendar.id), ("year", "=", 2026)]
        )
        self.assertEqual(
            [(d.date.isoformat(), d.day_type) for d in days],
            [
                ("2026-01-01", "holiday"),
                ("2026-03-02", "holiday"),
                ("2026-03-07", "workday"),
                ("2026-03-08", "workday"),
                ("2026-03-09", "holiday"),
            ],
        )
        # The year was replaced: the shipped Spring Festival is gone, 2027 kept.
        self.assertFalse(self.calendar.oa_is_working_day(date(2026, 3, 2)))
        self.assertTrue(self.calendar.oa_is_working_day(date(2026, 2, 16)))
        self.assertTrue(
            self.Day.search_count(
                [("calendar_id", "=", self.calendar.id), ("year", "=", 2027)]
            )
        )

    def test_import_without_replace_updates(self):
        text = (
            "date,type,name\n2026-01-01,holiday,New Year\n"
            "2026-03-02,holiday,Local holiday\n"
        )
        wizard = self.env["oa.calendar.import"].create(
            {
                "calendar_id": self.calendar.id,
                "file": self._csv(text),
                "replace_years": False,
            }
        )
        wizard.action_import()
        self.assertEqual(
            self.env.ref("oa_base.oa_calendar_day_2026_0101").name, "New Year"
        )
        self.assertEqual(
            self.Day.search_count(
                [("calendar_id", "=", self.calendar.id), ("year", "=", 2026)]
            ),
            40,
        )

    def test_import_bad_csv(self):
        before = self.Day.search_count([])
        text = (
            "date,type,name\n"
            "2026-03-02,holiday,Fine\n"
            "2026-13-45,holiday,Bad date\n"
            "2026-03-03,vacation,Unknown type\n"
            "2026-03-02,holiday,Duplicate\n"
            "2026-03-04,workday,Wednesday\n"
        )
        wizard = self.env["oa.calendar.import"].create(
            {"calendar_id": self.calendar.id, "file": self._csv(text)}
        )
        with self.assertRaises(UserError) as catcher:
            wizard.action_import()
        message = str(catcher.exception)
        self.assertIn("Line 3:", message)
        self.assertIn("2026-13-45", message)
        self.assertIn("Line 4:", message)
        self.assertIn("vacation", message)
        self.assertIn("Line 5:", message)
        self.assertIn("Line 6:", message)
        self.assertNotIn("Line 2:", message)
        self.assertEqual(self.Day.search_count([]), before)
        self.assertTrue(self.env.ref("oa_base.oa_calendar_day_2026_0101").exists())

    def test_import_bad_header(self):
        wizard = self.env["oa.calendar.import"].create(
            {
                "calendar_id": self.calendar.id,
                "file": self._csv("day;kind\n2026-03-02;holiday\n"),
            }
        )
        with self.assertRaises(UserError):
            wizard.action_import()

    # ------------------------------------------------------------
    # Access rights
    # ------------------------------------------------------------

    def test_access_internal_user(self):
        Day = self.Day.with_user(self.user_internal)
        self.assertTrue(Day.search_count([("year", "=", 2026)]))
        self.assertEqual(
            self.env.ref("oa_base.oa_calendar_day_2026_0101")
            .with_user(self.user_internal)
            .name,
            "New Year's Day",
        )
        with self.assertRaises(AccessError):
            Day.create(
                {"date": date(2026, 3, 11), "day_type": "holiday", "name": "Nope"}
            )
        with self.assertRaises(AccessError):
            self.env["oa.calendar.import"].with_user(self.user_internal).create(
                {"file": self._csv("x")}
            )
        # Deadlines are computed for everybody.
        calendar = self.calendar.with_user(self.user_internal)
        self.assertEqual(
            calendar.oa_add_working_days(datetime(2026, 2, 13, 1, 0), 2),
            datetime(2026, 2, 24, 1, 0),
        )

    def test_access_oa_admin(self):
        day = self.Day.with_user(self.user_admin).create(
            {"date": date(2026, 3, 11), "day_type": "holiday", "name": "Local holiday"}
        )
        self.assertEqual(day.calendar_id, self.calendar)
        day.name = "Renamed"
        day.unlink()
