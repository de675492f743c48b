# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

import psycopg2
import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_datetime, formatLang

_logger = logging.getLogger(__name__)

# A vehicle is taken while a booking is in one of these states.
ACTIVE_STATES = ("reserved", "confirmed", "dispatched")
# The fields that decide whether two bookings collide.
OVERLAP_FIELDS = ("vehicle_id", "date_start", "date_end", "state")
EXCLUSION_CONSTRAINT = "oa_vehicle_booking_vehicle_no_overlap"


class OaVehicleBooking(models.Model):
    """A vehicle booking (派车单): one vehicle for one period.

    Reserved when a vehicle request naming a vehicle is submitted, confirmed
    when it is approved (a request without a vehicle gets a confirmed booking
    waiting for one), dispatched by the office with vehicle and driver, and
    returned with the odometer reading, which is logged on the vehicle through
    fleet. Refused, withdrawn or cancelled requests cancel their booking.

    Two bookings of one vehicle never overlap while they hold it: the ORM
    refuses with the other booking's name, and a PostgreSQL exclusion
    constraint refuses what two people book at the same moment.

    Access: requesters read their bookings, approvers those of the requests
    that reached them; the office manages every booking.
    """

    _name = "oa.vehicle.booking"
    _description = "Vehicle Booking"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index="trigram",
    )
    request_id = fields.Many2one(
        "oa.approval.request",
        string="Vehicle Request",
        readonly=True,
        copy=False,
        ondelete="cascade",
        index="btree_not_null",
        check_company=True,
    )
    purpose = fields.Char(
        compute="_compute_purpose",
        store=True,
        readonly=False,
        help="What the vehicle is needed for (the request's subject).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requester",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    license_plate = fields.Char(related="vehicle_id.license_plate")
    driver_id = fields.Many2one(
        "res.partner",
        string="Driver",
        tracking=True,
        help="Who drives (a contact, as the drivers of Odoo's fleet).",
    )
    date_start = fields.Datetime(string="From", required=True, tracking=True)
    date_end = fields.Datetime(string="To", required=True, tracking=True)
    location = fields.Char(
        string="Destination",
        compute="_compute_from_request",
        store=True,
        readonly=False,
    )
    passenger_ids = fields.Many2many(
        "res.partner",
        "oa_vehicle_booking_passenger_rel",
        "booking_id",
        "partner_id",
        string="Passengers",
        compute="_compute_from_request",
        store=True,
        readonly=False,
    )
    note = fields.Text()
    state = fields.Selection(
        [
            ("reserved", "Reserved"),
            ("confirmed", "To Dispatch"),
            ("dispatched", "Dispatched"),
            ("returned", "Returned"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="reserved",
        copy=False,
        tracking=True,
        index=True,
    )
    date_dispatched = fields.Datetime(string="Dispatched At", readonly=True, copy=False)
    dispatched_by_id = fields.Many2one(
        "res.users", string="Dispatched By", readonly=True, copy=False
    )
    date_returned = fields.Datetime(
        string="Returned At", readonly=True, copy=False, tracking=True
    )
    odometer_out = fields.Float(
        readonly=True,
        copy=False,
        help="The vehicle's last odometer reading when it was dispatched.",
    )
    odometer_in = fields.Float(readonly=True, copy=False, tracking=True)
    odometer_unit = fields.Selection(related="vehicle_id.odometer_unit")
    distance = fields.Float(compute="_compute_distance", store=True)
    odometer_id = fields.Many2one(
        "fleet.vehicle.odometer",
        string="Odometer Log",
        readonly=True,
        copy=False,
        groups="oa_base.group_oa_office",
        help="The odometer reading logged on the vehicle at the return.",
    )

    _sql_constraints = [
        (
            "date_check",
            "CHECK (date_end > date_start)",
            "A booking must end after it starts.",
        ),
    ]

    def init(self):
        """The database refuses overlapping bookings of one vehicle.

        Two requests submitted at the same moment both pass the ORM check (each
        transaction sees only its own booking); the exclusion constraint lets
        only one of them commit. ``btree_gist`` (for ``vehicle_id WITH =``) is a
        trusted extension: the owner of the database may create it.
        """
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT 1 FROM pg_constraint WHERE conname = %s",
                EXCLUSION_CONSTRAINT,
            )
        )
        if cr.fetchone():
            return
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))
                cr.execute(
                    SQL(
                        "ALTER TABLE oa_vehicle_booking ADD CONSTRAINT %s "
                        "EXCLUDE USING gist (vehicle_id WITH =, "
                        "tsrange(date_start, date_end, '[)') WITH &&) "
                        "WHERE (state IN %s)",
                        SQL.identifier(EXCLUSION_CONSTRAINT),
                        ACTIVE_STATES,
                    )
                )
        except psycopg2.Error as error:
            _logger.error(
                "Could not create the constraint against overlapping vehicle "
                "bookings (%s): only the ORM check guards against double "
                "bookings.",
                error,
            )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("request_id")
    def _compute_purpose(self):
        for booking in self:
            if booking.request_id:
                booking.purpose = booking.request_id.subject

    @api.depends("request_id")
    def _compute_from_request(self):
        for booking in self:
            if booking.request_id:
                booking.location = booking.request_id.location
                booking.passenger_ids = booking.request_id.participant_ids

    @api.depends("user_id", "request_id")
    def _compute_department(self):
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "in", self.user_id.ids)])
            .grouped("user_id")
        )
        for booking in self:
            if booking.request_id.department_id:
                booking.department_id = booking.request_id.department_id
            else:
                employee = employees.get(booking.user_id, self.env["hr.employee"])
                booking.department_id = employee[:1].department_id

    @api.depends("odometer_in", "odometer_out", "state")
    def _compute_distance(self):
        for booking in self:
            booking.distance = (
                booking.odometer_in - booking.odometer_out
                if booking.state == "returned"
                else 0.0
            )

    @api.depends("name", "vehicle_id", "purpose")
    def _compute_display_name(self):
        for booking in self:
            parts = [booking.name, booking.vehicle_id.license_plate or booking.purpose]
            booking.display_name = " ".join(p for p in parts if p)

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    def _check_vehicle_available(self, values_list):
        """Refuse bookings that would overlap another one of their vehicle.

        ``values_list`` is ``[(booking or empty, {field: value})]``: the values
        the bookings are about to have, checked *before* they reach the
        database so the message can name the booking in the way. Bookings
        being written are excluded from "the others".
        """
        problems = []
        candidates = []
        for booking, values in values_list:
            vehicle = values.get("vehicle_id")
            start = fields.Datetime.to_datetime(values.get("date_start"))
            end = fields.Datetime.to_datetime(values.get("date_end"))
            if start and end and end <= start:
                problems.append(
                    self.env._(
                        "%(booking)s must end after it starts.",
                        booking=booking.display_name or values.get("purpose") or "",
                    )
                )
                continue
            if vehicle and start and end and values.get("state") in ACTIVE_STATES:
                candidates.append((booking, vehicle, start, end))
        if problems:
            raise ValidationError("\n".join(problems))
        if not candidates:
            return
        mine = [booking.id for booking, *__ in candidates if booking.id]
        domain = [
            ("vehicle_id", "in", list({c[1] for c in candidates})),
            ("state", "in", list(ACTIVE_STATES)),
            ("date_start", "<", max(c[3] for c in candidates)),
            ("date_end", ">", min(c[2] for c in candidates)),
        ]
        if mine:
            domain.append(("id", "not in", mine))
        others = self.sudo().search(domain)
        for index, (_booking, vehicle, start, end) in enumerate(candidates):
            for other in others:
                if (
                    other.vehicle_id.id == vehicle
                    and other.date_start < end
                    and other.date_end > start
                ):
                    raise ValidationError(self._get_overlap_message(other))
            for _other, other_vehicle, other_start, other_end in candidates[
                index + 1 :
            ]:
                if other_vehicle == vehicle and other_start < end and other_end > start:
                    raise ValidationError(
                        self.env._(
                            "%(vehicle)s cannot be booked twice for overlapping "
                            "periods.",
                            vehicle=self.env["fleet.vehicle"]
                            .sudo()
                            .browse(vehicle)
                            .display_name,
                        )
                    )

    def _get_overlap_message(self, other):
        other = other.sudo()
        return self.env._(
            "%(vehicle)s is already booked from %(start)s to %(end)s by "
            "%(booking)s (%(user)s, %(state)s). Choose another vehicle or period.",
            vehicle=other.vehicle_id.display_name,
            start=format_datetime(self.env, other.date_start, dt_format="short"),
            end=format_datetime(self.env, other.date_end, dt_format="short"),
            booking=other.name,
            user=other.user_id.name,
            state=dict(other._fields["state"]._description_selection(self.env)).get(
                other.state
            ),
        )

    def _raise_from_db_error(self, error):
        """Translate the database's refusal of an overlap into words."""
        if (
            isinstance(error, psycopg2.errors.ExclusionViolation)
            and error.diag.constraint_name == EXCLUSION_CONSTRAINT
        ):
            raise UserError(
                self.env._(
                    "The vehicle was booked by someone else at the same moment for "
                    "an overlapping period. Reload, then choose another vehicle or "
                    "period."
                )
            ) from error
        raise error

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # Who may not book at all hears so before any word on other bookings.
        self.check_access("create")
        defaults = self.default_get(["state"])
        self._check_vehicle_available(
            [(self.browse(), {**defaults, **vals}) for vals in vals_list]
        )
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = sequence.next_by_code("oa.vehicle.booking") or "/"
        try:
            with self.env.cr.savepoint():
                return super().create(vals_list)
        except psycopg2.IntegrityError as error:
            self._raise_from_db_error(error)

    def write(self, vals):
        if set(vals) & set(OVERLAP_FIELDS):
            self.check_access("write")
            self._check_vehicle_available(
                [
                    (
                        booking,
                        {
                            "vehicle_id": booking.vehicle_id.id,
                            "date_start": booking.date_start,
                            "date_end": booking.date_end,
                            "state": booking.state,
                            **{
                                key: value
                                for key, value in vals.items()
                                if key in OVERLAP_FIELDS
                            },
                        },
                    )
                    for booking in self
                ]
            )
            try:
                with self.env.cr.savepoint():
                    return super().write(vals)
            except psycopg2.IntegrityError as error:
                self._raise_from_db_error(error)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_use(self):
        for booking in self:
            if booking.state not in ("reserved", "cancelled") or booking.request_id:
                raise UserError(
                    self.env._(
                        "%(booking)s cannot be deleted; cancel it instead.",
                        booking=booking.display_name,
                    )
                )

    # ------------------------------------------------------------
    # Actions (the office)
    # ------------------------------------------------------------

    def _check_office(self):
        if not self.env.su and not self.env.user.has_group("oa_base.group_oa_office"):
            raise AccessError(
                self.env._("Only the office dispatches vehicles and records returns.")
            )

    def _check_state(self, states, message):
        """Refuse unless every booking is in ``states``.

        ``message`` is a translated sentence with ``%(booking)s`` and
        ``%(state)s``.
        """
        labels = dict(self._fields["state"]._description_selection(self.env))
        for booking in self:
            if booking.state not in states:
                raise UserError(
                    message
                    % {"booking": booking.display_name, "state": labels[booking.state]}
                )

    def action_confirm(self):
        """Confirm an office booking (one without a request awaiting approval)."""
        self._check_office()
        self._check_state(
            ("reserved",),
            self.env._(
                "%(booking)s is %(state)s: only a reserved booking can be confirmed."
            ),
        )
        for booking in self:
            if booking.request_id and booking.request_id.state != "approved":
                raise UserError(
                    self.env._(
                        "%(booking)s is confirmed when its request %(request)s is "
                        "approved.",
                        booking=booking.display_name,
                        request=booking.request_id.display_name,
                    )
                )
        self.write({"state": "confirmed"})
        return True

    def action_cancel(self):
        self._check_office()
        self._check_state(
            ("reserved", "confirmed"),
            self.env._(
                "%(booking)s is %(state)s: only a booking not yet dispatched can be "
                "cancelled."
            ),
        )
        for booking in self:
            if booking.request_id.state == "pending":
                raise UserError(
                    self.env._(
                        "%(booking)s belongs to %(request)s, which is still being "
                        "approved: the requester withdraws the request instead.",
                        booking=booking.display_name,
                        request=booking.request_id.display_name,
                    )
                )
        self._do_cancel()
        for booking in self.filtered("request_id"):
            booking.request_id.sudo().message_post(
                body=self.env._(
                    "The office cancelled the vehicle booking %(booking)s.",
                    booking=booking.name,
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
                partner_ids=booking.user_id.partner_id.ids,
            )
        return True

    def action_open_dispatch(self):
        """派车: choose the vehicle and the driver."""
        self.ensure_one()
        self._check_office()
        self._check_state(
            ("confirmed",),
            self.env._(
                "%(booking)s is %(state)s: only an approved booking can be dispatched."
            ),
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dispatch"),
            "res_model": "oa.vehicle.dispatch.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_id": self.id},
        }

    def action_open_return(self):
        """还车: record the return and the odometer."""
        self.ensure_one()
        self._check_office()
        self._check_state(
            ("dispatched",),
            self.env._(
                "%(booking)s is %(state)s: only a dispatched vehicle can be returned."
            ),
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Return"),
            "res_model": "oa.vehicle.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_id": self.id},
        }

    def action_open_request(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.approval.request",
            "res_id": self.request_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _do_confirm(self):
        """The request was approved: the booking now holds its vehicle."""
        self.filtered(lambda b: b.state == "reserved").write({"state": "confirmed"})

    def _do_cancel(self):
        """Free the vehicle (refused, withdrawn or cancelled request)."""
        open_bookings = self.filtered(lambda b: b.state in ("reserved", "confirmed"))
        open_bookings.write({"state": "cancelled"})
        for booking in open_bookings:
            booking.message_post(
                body=self.env._("Booking cancelled: the vehicle is free again."),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )

    def _do_dispatch(self, vehicle, driver, note=None):
        """派车: the office sends ``vehicle`` driven by ``driver``."""
        self.ensure_one()
        self._check_office()
        self._check_state(
            ("confirmed",),
            self.env._(
                "%(booking)s is %(state)s: only an approved booking can be dispatched."
            ),
        )
        if not vehicle or not driver:
            raise UserError(self.env._("Choose the vehicle and its driver."))
        vals = {
            "vehicle_id": vehicle.id,
            "driver_id": driver.id,
            "state": "dispatched",
            "date_dispatched": fields.Datetime.now(),
            "dispatched_by_id": self.env.uid,
            "odometer_out": self.env["fleet.vehicle.odometer"]
            .search([("vehicle_id", "=", vehicle.id)], order="value desc", limit=1)
            .value,
        }
        if note:
            vals["note"] = "\n".join(n for n in (self.note, note) if n)
        self.write(vals)
        body = self.env._(
            "Vehicle dispatched: %(vehicle)s, driver %(driver)s, from %(start)s "
            "to %(end)s.",
            vehicle=vehicle.display_name,
            driver=driver.display_name,
            start=format_datetime(self.env, self.date_start, dt_format="short"),
            end=format_datetime(self.env, self.date_end, dt_format="short"),
        )
        self.message_post(
            body=body,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.user_id.partner_id.ids,
        )
        if self.request_id:
            self.request_id.sudo().message_post(
                body=body, message_type="notification", subtype_xmlid="mail.mt_note"
            )
        return True

    def _format_odometer(self, value):
        """An odometer reading or distance as the user reads numbers."""
        return formatLang(self.env, value, digits=0 if float(value).is_integer() else 1)

    def _get_last_odometer(self):
        """The vehicle's highest odometer reading logged in fleet, read now."""
        self.ensure_one()
        last = self.env["fleet.vehicle.odometer"].search(
            [("vehicle_id", "=", self.vehicle_id.id)], order="value desc", limit=1
        )
        return last.value

    def _do_return(self, date_returned, odometer_in, note=None):
        """还车: log the odometer on the vehicle (through fleet) and close."""
        self.ensure_one()
        self._check_office()
        self._check_state(
            ("dispatched",),
            self.env._(
                "%(booking)s is %(state)s: only a dispatched vehicle can be returned."
            ),
        )
        date_returned = fields.Datetime.to_datetime(date_returned)
        if not date_returned:
            raise UserError(self.env._("Enter when the vehicle came back."))
        if date_returned > fields.Datetime.now() + timedelta(minutes=5):
            raise UserError(
                self.env._(
                    "The return time %(returned)s is in the future.",
                    returned=format_datetime(
                        self.env, date_returned, dt_format="short"
                    ),
                )
            )
        if self.date_dispatched and date_returned < self.date_dispatched:
            raise UserError(
                self.env._(
                    "The vehicle cannot be back (%(returned)s) before it was "
                    "dispatched (%(dispatched)s).",
                    returned=format_datetime(
                        self.env, date_returned, dt_format="short"
                    ),
                    dispatched=format_datetime(
                        self.env, self.date_dispatched, dt_format="short"
                    ),
                )
            )
        last = max(self._get_last_odometer(), self.odometer_out)
        if odometer_in < last:
            raise UserError(
                self.env._(
                    "The odometer of %(vehicle)s cannot go back: %(value)s is below "
                    "its last reading %(last)s.",
                    vehicle=self.vehicle_id.display_name,
                    value=self._format_odometer(odometer_in),
                    last=self._format_odometer(last),
                )
            )
        odometer = self.env["fleet.vehicle.odometer"].create(
            {
                "vehicle_id": self.vehicle_id.id,
                "value": odometer_in,
                "date": fields.Date.context_today(self, date_returned),
            }
        )
        vals = {
            "state": "returned",
            "date_returned": date_returned,
            "odometer_in": odometer_in,
            "odometer_id": odometer.id,
        }
        if note:
            vals["note"] = "\n".join(n for n in (self.note, note) if n)
        self.write(vals)
        self.message_post(
            body=self.env._(
                "Vehicle returned at %(date)s, odometer %(odometer)s (%(distance)s "
                "driven).",
                date=format_datetime(self.env, date_returned, dt_format="short"),
                odometer=self._format_odometer(odometer_in),
                distance=self._format_odometer(self.distance),
            ),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )
        return True
