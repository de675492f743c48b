# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

# What the approvers of a pending OA request approve: Time Off must not change
# it behind their back.
OA_LOCKED_LEAVE_FIELDS = {
    "employee_id",
    "holiday_status_id",
    "request_date_from",
    "request_date_to",
    "request_date_from_period",
    "request_unit_half",
    "request_unit_hours",
    "request_hour_from",
    "request_hour_to",
    "date_from",
    "date_to",
}

# Set by the OA only.
OA_FIELDS = {"oa_request_id", "oa_return_date"}


class HrLeave(models.Model):
    """Time off requested through an OA 请假 request.

    While the request is being approved in the OA, the time off cannot be
    approved, refused, changed or deleted in Time Off: the OA route is its
    approval. The OA side works with the context key ``oa_approval_leave_sync``.
    """

    _inherit = "hr.leave"

    oa_request_id = fields.Many2one(
        "oa.approval.request",
        string="Approval Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The OA request (请假) this time off was requested with; it is "
        "approved there.",
    )
    oa_return_date = fields.Date(
        string="Back at Work On",
        readonly=True,
        copy=False,
        tracking=True,
        help="Recorded by the approved return request (销假).",
    )

    def _check_approval_update(self, state):
        if state in ("validate1", "validate", "refuse"):
            self._check_not_in_oa_approval()
        return super()._check_approval_update(state)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_oa_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_oa_fields(vals)
        if OA_LOCKED_LEAVE_FIELDS & set(vals):
            self._check_not_in_oa_approval()
        return super().write(vals)

    def _check_oa_fields(self, vals):
        """The link to the OA and the recorded return are the OA's to set."""
        if (
            OA_FIELDS & set(vals)
            and not self.env.su
            and not self.env.context.get("oa_approval_leave_sync")
        ):
            raise UserError(
                self.env._(
                    "The approval request and the return of a time off are set "
                    "by the OA, not by hand."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_oa_approval(self):
        self._check_not_in_oa_approval()

    def _check_not_in_oa_approval(self):
        """Refuse, naming the request, when an OA request is approving this."""
        if self.env.context.get("oa_approval_leave_sync"):
            return
        for leave in self.sudo():
            request = leave.oa_request_id
            if request.state == "pending":
                raise UserError(
                    self.env._(
                        "%(leave)s is being approved in the OA by the request "
                        "%(request)s: it is approved, refused, withdrawn or "
                        "terminated there, not in Time Off.",
                        leave=leave.display_name,
                        request=request.display_name,
                    )
                )
