# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.oa_approval.models.oa_approval_type import FIELD_STATES

from .oa_vehicle_booking import ACTIVE_STATES


class OaApprovalRequest(models.Model):
    """Vehicle requests (用车申请) book, confirm and free fleet vehicles.

    Submitting a request that names a vehicle reserves it (an overlap refuses
    the submission, the request stays a draft); approval confirms the booking,
    or creates one for the office to dispatch when no vehicle was asked for;
    refusal, withdrawal or cancellation free the vehicle.
    """

    _inherit = "oa.approval.request"

    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        tracking=True,
        domain="[('company_id', 'in', [company_id, False])]",
        help="The vehicle you ask for; leave empty to let the office choose.",
    )
    field_vehicle = fields.Selection(
        FIELD_STATES,
        compute="_compute_field_vehicle",
        string="Vehicle on the Form",
    )
    vehicle_booking_ids = fields.One2many(
        "oa.vehicle.booking", "request_id", string="Vehicle Bookings", readonly=True
    )
    vehicle_booking_id = fields.Many2one(
        "oa.vehicle.booking",
        string="Vehicle Booking",
        compute="_compute_vehicle_booking",
        compute_sudo=True,
        store=True,
        index="btree_not_null",
        help="The booking of this request (the latest one not cancelled).",
    )
    vehicle_booking_state = fields.Selection(
        related="vehicle_booking_id.state", string="Booking Status"
    )
    vehicle_dispatched_id = fields.Many2one(
        related="vehicle_booking_id.vehicle_id", string="Dispatched Vehicle"
    )
    vehicle_driver_id = fields.Many2one(
        related="vehicle_booking_id.driver_id", string="Driver"
    )
    vehicle_date_dispatched = fields.Datetime(
        related="vehicle_booking_id.date_dispatched", string="Dispatched At"
    )
    vehicle_date_returned = fields.Datetime(
        related="vehicle_booking_id.date_returned", string="Returned At"
    )
    vehicle_odometer_out = fields.Float(
        related="vehicle_booking_id.odometer_out", string="Odometer Out"
    )
    vehicle_odometer_in = fields.Float(
        related="vehicle_booking_id.odometer_in", string="Odometer In"
    )
    vehicle_distance = fields.Float(
        related="vehicle_booking_id.distance", string="Distance"
    )
    vehicle_busy_warning = fields.Char(
        compute="_compute_vehicle_busy_warning",
        help="The chosen vehicle is already booked for an overlapping period.",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("form_snapshot", "state", "type_id.field_vehicle")
    def _compute_field_vehicle(self):
        for request in self:
            # As the other form settings: the type's in draft, then as submitted.
            snapshot = (request.state != "draft" and request.form_snapshot) or {}
            request.field_vehicle = (
                snapshot.get("field_vehicle") or request.type_id.field_vehicle
            )

    @api.depends("vehicle_booking_ids.state")
    def _compute_vehicle_booking(self):
        for request in self:
            bookings = request.vehicle_booking_ids.sorted("id", reverse=True)
            request.vehicle_booking_id = (
                bookings.filtered(lambda b: b.state != "cancelled")[:1] or bookings[:1]
            )

    @api.depends("vehicle_id", "date_start", "date_end", "state")
    def _compute_vehicle_busy_warning(self):
        for request in self:
            other = (
                request._get_vehicle_overlap()
                if request.state == "draft" and request.vehicle_id
                else self.env["oa.vehicle.booking"]
            )
            request.vehicle_busy_warning = (
                self.env["oa.vehicle.booking"]._get_overlap_message(other)
                if other
                else False
            )

    # ------------------------------------------------------------
    # Submission and flow effects
    # ------------------------------------------------------------

    def _get_locked_fields(self):
        return super()._get_locked_fields() | {"vehicle_id"}

    def _get_vehicle_overlap(self):
        """The booking in the way of the vehicle and period asked for, if any."""
        self.ensure_one()
        Booking = self.env["oa.vehicle.booking"].sudo()
        if not (self.vehicle_id and self.date_start and self.date_end):
            return Booking
        domain = [
            ("vehicle_id", "=", self.vehicle_id.id),
            ("state", "in", list(ACTIVE_STATES)),
            ("date_start", "<", self.date_end),
            ("date_end", ">", self.date_start),
        ]
        if self._origin.id:
            domain.append(("request_id", "!=", self._origin.id))
        return Booking.search(domain, order="date_start", limit=1)

    def _get_submit_problems(self):
        problems = super()._get_submit_problems()
        if self.kind != "vehicle":
            return problems
        if not (self.date_start and self.date_end):
            problems.append(self.env._("A vehicle request needs the period of use."))
        other = self._get_vehicle_overlap()
        if other:
            problems.append(self.env["oa.vehicle.booking"]._get_overlap_message(other))
        return problems

    def _do_submit_effects(self):
        res = super()._do_submit_effects()
        if self.kind == "vehicle" and self.vehicle_id:
            self._create_vehicle_booking("reserved")
        return res

    def _do_approve_effects(self):
        res = super()._do_approve_effects()
        if self.kind == "vehicle":
            booking = self.sudo().vehicle_booking_ids.filtered(
                lambda b: b.state == "reserved"
            )
            if booking:
                booking._do_confirm()
            else:
                booking = self._create_vehicle_booking("confirmed")
            booking.message_post(
                body=self.env._(
                    "Request approved: the vehicle waits for the office to dispatch it."
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        return res

    def _do_refuse_effects(self):
        res = super()._do_refuse_effects()
        self.sudo().vehicle_booking_ids._do_cancel()
        return res

    def _do_cancel_effects(self):
        res = super()._do_cancel_effects()
        self.sudo().vehicle_booking_ids._do_cancel()
        return res

    def _create_vehicle_booking(self, state):
        """Book the requested vehicle (or none yet) for the request's period."""
        self.ensure_one()
        return (
            self.env["oa.vehicle.booking"]
            .sudo()
            .create(
                {
                    "request_id": self.id,
                    "user_id": self.user_id.id,
                    "company_id": self.company_id.id,
                    "vehicle_id": self.vehicle_id.id,
                    "date_start": self.date_start,
                    "date_end": self.date_end,
                    "state": state,
                }
            )
        )

    # ------------------------------------------------------------
    # Actions (the office, from the request)
    # ------------------------------------------------------------

    def action_vehicle_dispatch(self):
        self.ensure_one()
        return self.vehicle_booking_id.sudo(False).action_open_dispatch()

    def action_vehicle_return(self):
        self.ensure_one()
        return self.vehicle_booking_id.sudo(False).action_open_return()

    def action_open_vehicle_booking(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.vehicle.booking",
            "res_id": self.vehicle_booking_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
