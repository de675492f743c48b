# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class TestOaFlowRecord(models.Model):
    """A minimal business record on the routing engine, for tests and tours."""

    _name = "test.oa.flow.record"
    _description = "OA Test Flow Record"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.flow.mixin"]

    name = fields.Char(required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("done", "Done"),
            ("rejected", "Rejected"),
            ("cancelled", "Withdrawn"),
            ("terminated", "Terminated"),
        ],
        default="draft",
        tracking=True,
    )
    urgency = fields.Selection(
        [("normal", "Normal"), ("urgent", "Urgent"), ("very_urgent", "Very Urgent")],
        string="Record Urgency",
        default="normal",
    )
    activated_steps = fields.Char(help="Codes of the steps activated, in order.")

    def action_start(self):
        self.action_oa_start()
        self.write({"state": "running"})
        return True

    def _oa_get_urgency(self):
        return self.urgency

    def _oa_on_step_activated(self, flow, step):
        self.sudo().activated_steps = ",".join(
            filter(None, [self.activated_steps, step.code or step.name])
        )

    def _oa_on_flow_done(self, flow):
        self.sudo().state = "done"

    def _oa_on_flow_rejected(self, flow):
        self.sudo().state = "rejected"

    def _oa_on_flow_cancelled(self, flow):
        self.sudo().state = "cancelled"

    def _oa_on_flow_terminated(self, flow):
        self.sudo().state = "terminated"
