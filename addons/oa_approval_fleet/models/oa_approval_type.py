# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from odoo.addons.oa_approval.models.oa_approval_type import FIELD_STATES


class OaApprovalType(models.Model):
    """Vehicle requests (用车申请): the kind and the vehicle field of the form."""

    _inherit = "oa.approval.type"

    kind = fields.Selection(
        selection_add=[("vehicle", "Vehicle Request")],
        ondelete={"vehicle": "set default"},
    )
    field_vehicle = fields.Selection(
        FIELD_STATES,
        string="Vehicle",
        default="no",
        help="Whether the requester chooses the vehicle they ask for. Without "
        "one, the office assigns a vehicle when it dispatches.",
    )

    def _get_field_states(self):
        states = super()._get_field_states()
        states["vehicle_id"] = self.field_vehicle
        return states
