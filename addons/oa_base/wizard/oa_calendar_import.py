# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import csv
import io
from datetime import datetime

from odoo import fields, models
from odoo.exceptions import UserError

# Accepted spellings of the ``type`` column.
DAY_TYPES = {
    "holiday": "holiday",
    "休": "holiday",
    "假": "holiday",
    "workday": "workday",
    "班": "workday",
    "补班": "workday",
}
HEADER = ["date", "type", "name"]


class OaCalendarImport(models.TransientModel):
    """Import a year of public holidays and make-up workdays from a CSV file.

    Expected format (UTF-8, with or without BOM, comma separated)::

        date,type,name
        2026-01-01,holiday,New Year's Day
        2026-01-04,workday,New Year's Day make-up workday
    """

    _name = "oa.calendar.import"
    _description = "Import Holidays"

    # ------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------

    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Schedule",
        required=True,
        default=lambda self: self.env.company.resource_calendar_id,
    )
    file = fields.Binary(string="CSV File", required=True, attachment=False)
    filename = fields.Char()
    replace_years = fields.Boolean(
        string="Replace the Years of the File",
        default=True,
        help="Delete the existing special days of the years present in the file "
        "before importing.",
    )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_import(self):
        self.ensure_one()
        rows = self._parse_file()
        if not rows:
            raise UserError(self.env._("The file contains no day to import."))
        Day = self.env["oa.calendar.day"]
        years = sorted({row["date"].year for row in rows})
        if self.replace_years:
            Day.search(
                [("calendar_id", "=", self.calendar_id.id), ("year", "in", years)]
            ).unlink()
        existing = {
            day.date: day
            for day in Day.search(
                [
                    ("calendar_id", "=", self.calendar_id.id),
                    ("date", "in", [row["date"] for row in rows]),
                ]
            )
        }
        to_create = []
        for row in rows:
            vals = {"calendar_id": self.calendar_id.id, **row}
            if row["date"] in existing:
                existing[row["date"]].write(vals)
            else:
                to_create.append(vals)
        Day.create(to_create)

        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oa_base.oa_calendar_day_action"
        )
        action["domain"] = [
            ("calendar_id", "=", self.calendar_id.id),
            ("year", "in", years),
        ]
        action["context"] = {"default_calendar_id": self.calendar_id.id}
        action["target"] = "main"
        return action

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _parse_file(self):
        """Validate the whole file; return the values to import or raise UserError.

        :return: list of dicts with keys ``date``, ``day_type``, ``name``
        """
        self.ensure_one()
        try:
            content = base64.b64decode(self.file or b"").decode("utf-8-sig")
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(
                self.env._("The file must be a UTF-8 encoded CSV file.")
            ) from error
        reader = csv.reader(io.StringIO(content, newline=""))
        header = next(reader, None)
        if not header or [cell.strip().lower() for cell in header[:3]] != HEADER:
            raise UserError(
                self.env._(
                    "The first line of the file must be the header %(header)s.",
                    header=",".join(HEADER),
                )
            )
        working_weekdays = self.calendar_id._oa_working_weekdays()
        errors = []
        rows = []
        seen = {}
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            cells = [cell.strip() for cell in cells] + ["", "", ""]
            raw_date, raw_type, name = cells[:3]
            problems = []
            try:
                day = datetime.strptime(raw_date, "%Y-%m-%d").date()
            except ValueError:
                day = False
                problems.append(
                    self.env._(
                        "bad date %(value)r (expected YYYY-MM-DD)", value=raw_date
                    )
                )
            day_type = DAY_TYPES.get(raw_type.lower())
            if not day_type:
                problems.append(
                    self.env._(
                        "unknown type %(value)r (expected holiday, workday, "
                        "休, 班, 假 or 补班)",
                        value=raw_type,
                    )
                )
            if not name:
                problems.append(self.env._("missing name"))
            if day and day in seen:
                problems.append(
                    self.env._(
                        "date %(date)s already on line %(line)s",
                        date=raw_date,
                        line=seen[day],
                    )
                )
            elif day:
                seen[day] = line
            if day and day_type == "workday" and day.weekday() in working_weekdays:
                problems.append(
                    self.env._(
                        "%(date)s is already a working day: a make-up workday "
                        "must fall on a rest day",
                        date=raw_date,
                    )
                )
            if problems:
                errors.append(
                    self.env._(
                        "Line %(line)s: %(problems)s",
                        line=line,
                        problems="; ".join(problems),
                    )
                )
            else:
                rows.append({"date": day, "day_type": day_type, "name": name})
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was imported. Please fix the file:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )
        return rows
