# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OaCalendarDay(models.Model):
    """A special day of a working-time calendar.

    Chinese public holidays close days that would otherwise be worked, and
    调休 make-up workdays open weekend days. Both are maintained per year by
    the administrators (by hand or through the import wizard) and are read by
    ``resource.calendar.oa_add_working_days``.
    """

    _name = "oa.calendar.day"
    _description = "Calendar Special Day"
    _order = "date"

    # ------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------

    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Schedule",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.company.resource_calendar_id,
    )
    date = fields.Date(required=True, index=True)
    day_type = fields.Selection(
        selection=[
            ("holiday", "Public Holiday"),
            ("workday", "Make-up Workday"),
        ],
        string="Type",
        required=True,
        default="holiday",
    )
    name = fields.Char(
        translate=True,
        string="Description",
        required=True,
        help="E.g. Spring Festival, Spring Festival make-up workday.",
    )
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    weekday = fields.Char(compute="_compute_weekday")

    _sql_constraints = [
        (
            "calendar_date_uniq",
            "unique(calendar_id, date)",
            "A date can only be declared once per working schedule.",
        ),
    ]

    # ------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------

    @api.depends("date")
    def _compute_year(self):
        for day in self:
            day.year = day.date.year if day.date else 0

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_weekday(self):
        weekdays = dict(
            self.env["resource.calendar.attendance"]
            ._fields["dayofweek"]
            ._description_selection(self.env)
        )
        for day in self:
            day.weekday = weekdays.get(str(day.date.weekday())) if day.date else False

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("date", "day_type", "calendar_id")
    def _check_workday_on_rest_day(self):
        for day in self:
            if day.day_type != "workday" or not day.date or not day.calendar_id:
                continue
            if day.date.weekday() in day.calendar_id._oa_working_weekdays():
                raise ValidationError(
                    self.env._(
                        "%(date)s (%(name)s) is already a working day of the schedule "
                        "%(calendar)s: a make-up workday must fall on a rest day.",
                        date=day.date,
                        name=day.name,
                        calendar=day.calendar_id.display_name,
                    )
                )
