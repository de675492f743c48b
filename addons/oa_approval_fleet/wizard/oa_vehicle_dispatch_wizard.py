# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..models.oa_vehicle_booking import ACTIVE_STATES


class OaVehicleDispatchWizard(models.TransientModel):
    """派车: the office sends a vehicle and its driver for an approved booking."""

    _name = "oa.vehicle.dispatch.wizard"
    _description = "Dispatch a Vehicle"

    booking_id = fields.Many2one(
        "oa.vehicle.booking", required=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="booking_id.company_id")
    user_id = fields.Many2one(related="booking_id.user_id")
    date_start = fields.Datetime(related="booking_id.date_start")
    date_end = fields.Datetime(related="booking_id.date_end")
    location = fields.Char(related="booking_id.location")
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        compute="_compute_vehicle_id",
        store=True,
        readonly=False,
        domain="[('company_id', 'in', [company_id, False])]",
    )
    driver_id = fields.Many2one(
        "res.partner",
        string="Driver",
        compute="_compute_driver_id",
        store=True,
        readonly=False,
    )
    last_odometer = fields.Float(related="vehicle_id.odometer", string="Last Odometer")
    odometer_unit = fields.Selection(related="vehicle_id.odometer_unit")
    vehicle_busy_warning = fields.Char(compute="_compute_vehicle_busy_warning")
    note = fields.Text()

    @api.depends("booking_id")
    def _compute_vehicle_id(self):
        for wizard in self:
            wizard.vehicle_id = wizard.booking_id.vehicle_id

    @api.depends("vehicle_id")
    def _compute_driver_id(self):
        for wizard in self:
            wizard.driver_id = (
                wizard.booking_id.driver_id or wizard.vehicle_id.driver_id
            )

    @api.depends("vehicle_id", "booking_id")
    def _compute_vehicle_busy_warning(self):
        Booking = self.env["oa.vehicle.booking"]
        for wizard in self:
            booking = wizard.booking_id
            other = Booking
            if wizard.vehicle_id and booking:
                other = Booking.search(
                    [
                        ("vehicle_id", "=", wizard.vehicle_id.id),
                        ("state", "in", list(ACTIVE_STATES)),
                        ("date_start", "<", booking.date_end),
                        ("date_end", ">", booking.date_start),
                        ("id", "!=", booking.id),
                    ],
                    order="date_start",
                    limit=1,
                )
            wizard.vehicle_busy_warning = (
                Booking._get_overlap_message(other) if other else False
            )

    def action_dispatch(self):
        self.ensure_one()
        self.booking_id._do_dispatch(self.vehicle_id, self.driver_id, self.note)
        return {"type": "ir.actions.act_window_close"}
