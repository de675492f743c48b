# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

TRACE_ACTIONS = [
    ("start", "Started"),
    ("agree", "Agreed"),
    ("disagree", "Disagreed"),
    ("return", "Returned"),
    ("resume", "Came Back"),
    ("transfer", "Handed Over"),
    ("add_sign_before", "Added Before"),
    ("add_sign_after", "Added After"),
    ("remove_sign", "Removed Added"),
    ("claim", "Claimed"),
    ("circulate", "Circulated"),
    ("retract", "Retracted"),
    ("urge", "Urged"),
    ("escalate", "Escalated"),
    ("terminate", "Terminated"),
    ("skip", "Skipped"),
    ("done", "Completed"),
]


class OaTrace(models.Model):
    """The trace (流转记录): an append-only history of every action on a flow.

    One row per action: who, on whose behalf, what, when, the opinion, and from
    which step to which. Rows are written by the engine only and can never be
    changed or deleted, by anyone, the superuser included (the auditor relies
    on it). The flow name and document are copied so the row stays readable on
    its own.
    """

    _name = "oa.trace"
    _description = "Flow Trace"
    _order = "date desc, id desc"
    _rec_name = "flow_name"
    _log_access = True

    flow_id = fields.Many2one("oa.flow", required=True, index=True, ondelete="restrict")
    flow_name = fields.Char(required=True)
    res_model = fields.Char(string="Document Model")
    res_id = fields.Many2oneReference(string="Document", model_field="res_model")
    step_id = fields.Many2one("oa.flow.step", ondelete="set null")
    step_name = fields.Char(string="From Step")
    to_step_name = fields.Char(string="To Step")
    workitem_id = fields.Many2one("oa.workitem", ondelete="set null")
    action = fields.Selection(TRACE_ACTIONS, required=True)
    user_id = fields.Many2one("res.users", string="By", required=True, index=True)
    on_behalf_of_id = fields.Many2one("res.users", string="On Behalf Of")
    opinion = fields.Text()
    target_names = fields.Char(string="Sent To")
    signature = fields.Binary(attachment=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    actor_display = fields.Char(string="Handled By", compute="_compute_actor_display")

    @api.depends("user_id", "on_behalf_of_id")
    def _compute_actor_display(self):
        for trace in self:
            if trace.on_behalf_of_id:
                trace.actor_display = self.env._(
                    "%(delegate)s on behalf of %(user)s",
                    delegate=trace.user_id.name,
                    user=trace.on_behalf_of_id.name,
                )
            else:
                trace.actor_display = trace.user_id.name

    def write(self, vals):
        if self:
            raise UserError(
                self.env._("The trace is append-only: it cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The trace is append-only: it cannot be deleted."))
