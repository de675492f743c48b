# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OaVehicleReturnWizard(models.TransientModel):
    """还车: the office records when the vehicle came back and its odometer."""

    _name = "oa.vehicle.return.wizard"
    _description = "Record a Vehicle Return"

    booking_id = fields.Many2one(
        "oa.vehicle.booking", required=True, ondelete="cascade", readonly=True
    )
    vehicle_id = fields.Many2one(related="booking_id.vehicle_id")
    driver_id = fields.Many2one(related="booking_id.driver_id")
    date_dispatched = fields.Datetime(related="booking_id.date_dispatched")
    odometer_out = fields.Float(related="booking_id.odometer_out")
    last_odometer = fields.Float(related="vehicle_id.odometer", string="Last Odometer")
    odometer_unit = fields.Selection(related="vehicle_id.odometer_unit")
    date_returned = fields.Datetime(
        string="Returned At", required=True, default=fields.Datetime.now
    )
    odometer_in = fields.Float(
        compute="_compute_odometer_in",
        store=True,
        readonly=False,
    )
    note = fields.Text()

    @api.depends("booking_id")
    def _compute_odometer_in(self):
        for wizard in self:
            wizard.odometer_in = max(wizard.odometer_out, wizard.last_odometer)

    def action_return(self):
        self.ensure_one()
        self.booking_id._do_return(self.date_returned, self.odometer_in, self.note)
        return {"type": "ir.actions.act_window_close"}
