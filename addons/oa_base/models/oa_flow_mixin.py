# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaFlowMixin(models.AbstractModel):
    """Puts a record on the routing engine.

    Inherit it next to ``mail.thread`` and ``mail.activity.mixin``. It adds the
    flow, the current person's work item with the reason they cannot act, the
    trace, and the actions (start, handle, retract, urge, circulate, terminate).
    Override the ``_oa_on_*`` hooks to react to the flow (e.g. set the record's
    own state when the flow is done).
    """

    _name = "oa.flow.mixin"
    _description = "Routing Engine Mixin"

    # The ``state`` a record takes when its flow is "rejected", "cancelled"
    # (withdrawn before anyone acted) or "terminated"; models needing more
    # than a state override the hooks below.
    _oa_flow_states = {}

    oa_flow_id = fields.Many2one(
        "oa.flow", string="Flow", copy=False, readonly=True, index="btree_not_null"
    )
    oa_flow_state = fields.Selection(related="oa_flow_id.state", string="Flow Status")
    oa_current_step = fields.Char(
        related="oa_flow_id.current_step_id.name", string="Current Step"
    )
    oa_deadline = fields.Datetime(related="oa_flow_id.deadline", string="Flow Deadline")
    oa_urgency = fields.Selection(related="oa_flow_id.urgency", string="Urgency")
    oa_trace_ids = fields.One2many(
        "oa.trace",
        compute="_compute_oa_trace_ids",
        string="Trace",
        help="The trace rows of the flow that the current user may read.",
    )
    oa_my_workitem_id = fields.Many2one(
        "oa.workitem", compute="_compute_oa_my_workitem", string="My Work Item"
    )
    oa_my_read_item_id = fields.Many2one(
        "oa.workitem", compute="_compute_oa_my_workitem", string="My Item to Read"
    )
    oa_can_act = fields.Boolean(compute="_compute_oa_my_workitem")
    oa_cannot_act_reason = fields.Char(compute="_compute_oa_my_workitem")

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends_context("uid")
    @api.depends("oa_flow_id.trace_ids")
    def _compute_oa_trace_ids(self):
        # Readers of a record who are not on its flow (e.g. a notice's audience)
        # see what the trace's record rules let them see, without an error.
        flows = self.sudo().oa_flow_id
        traces = self.env["oa.trace"].search([("flow_id", "in", flows.ids)])
        by_flow = traces.grouped("flow_id")
        for record in self:
            flow = record.sudo().oa_flow_id
            record.oa_trace_ids = by_flow.get(flow.sudo(False), self.env["oa.trace"])

    @api.depends_context("uid")
    @api.depends("oa_flow_id.state", "oa_flow_id.current_step_id")
    def _compute_oa_my_workitem(self):
        user = self.env.user
        Item = self.env["oa.workitem"].sudo()
        flows = self.oa_flow_id
        items = Item.search(
            [
                ("flow_id", "in", flows.ids),
                "|",
                ("user_id", "=", user.id),
                ("on_behalf_of_id", "=", user.id),
            ],
            order="id desc",
        )
        by_flow = {}
        for item in items:
            by_flow.setdefault(item.flow_id.id, []).append(item)
        for record in self:
            mine = by_flow.get(record.oa_flow_id.id, [])
            todo = (
                next(
                    (
                        i
                        for i in mine
                        if i.kind == "todo"
                        and i.state == "pending"
                        and i.user_id == user
                    ),
                    None,
                )
                or next(
                    (
                        i
                        for i in mine
                        if i.kind == "todo" and i.state in ("pending", "waiting")
                    ),
                    None,
                )
                or next((i for i in mine if i.kind == "todo"), None)
            )
            read = next(
                (i for i in mine if i.kind == "read" and i.state == "pending"), None
            )
            record.oa_my_workitem_id = todo.id if todo else False
            record.oa_my_read_item_id = read.id if read else False
            reason = record._oa_get_cannot_act_reason(todo)
            record.oa_can_act = not reason
            record.oa_cannot_act_reason = reason

    def _oa_get_cannot_act_reason(self, item):
        """Why the current user cannot act on this record now, in words."""
        self.ensure_one()
        flow = self.oa_flow_id.sudo()
        if not flow:
            return self.env._("No flow is running on this record.")
        if flow.state != "running":
            return self.env._(
                "The flow is over: %(state)s.",
                state=dict(flow._fields["state"]._description_selection(self.env))[
                    flow.state
                ],
            )
        if item:
            return item._get_cannot_act_reason(self.env.user)
        handlers = flow.current_step_id.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state == "pending"
        ).user_id
        return self.env._(
            "The current step %(step)s is handled by %(users)s; you are not one of "
            "its handlers.",
            step=flow.current_step_id.name or "",
            users=", ".join(handlers.mapped("name")) or "-",
        )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_oa_start(self, template=None, urgency=None, deadline=None, chosen=None):
        """Start the flow (the record's default template unless given)."""
        for record in self:
            if record.oa_flow_id and record.oa_flow_id.state == "running":
                raise UserError(self.env._("A flow is already running on this record."))
            tmpl = template or record._oa_get_flow_template()
            if not tmpl:
                raise UserError(
                    self.env._(
                        "No flow template is configured for %(model)s.",
                        model=self.env["ir.model"]._get(record._name).name,
                    )
                )
            flow = self.env["oa.flow"]._start(
                record,
                tmpl,
                urgency=urgency or record._oa_get_urgency(),
                deadline=deadline or record._oa_get_deadline(),
                chosen=chosen,
            )
            record.sudo().oa_flow_id = flow
        return True

    def action_oa_act(self):
        """Open the handling dialog for my item (button context: ``oa_action``)."""
        self.ensure_one()
        item = self.oa_my_workitem_id
        if not item or not self.oa_can_act:
            raise UserError(self.oa_cannot_act_reason)
        return item.with_context(
            oa_action=self.env.context.get("oa_action", "agree")
        ).action_open_act_wizard()

    def action_oa_flow_dialog(self):
        """Open the dialog for flow-level actions (circulate, urge, terminate)."""
        self.ensure_one()
        if not self.oa_flow_id:
            raise UserError(self.env._("No flow is running on this record."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Flow"),
            "res_model": "oa.flow.act",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_flow_id": self.oa_flow_id.id,
                "default_action": self.env.context.get("oa_action", "circulate"),
            },
        }

    def action_oa_retract(self):
        self.ensure_one()
        return self.oa_flow_id.action_retract()

    def action_oa_urge(self):
        self.ensure_one()
        return self.oa_flow_id.action_urge()

    def action_oa_mark_read(self):
        self.ensure_one()
        return self.oa_my_read_item_id.action_mark_read()

    # ------------------------------------------------------------
    # Hooks for the business models
    # ------------------------------------------------------------

    def _oa_get_flow_title(self):
        self.ensure_one()
        return self.display_name

    def _oa_get_flow_template(self):
        self.ensure_one()
        return self.env["oa.flow.template"]._oa_get_default(self._name)

    def _oa_get_urgency(self):
        return "normal"

    def _oa_get_deadline(self):
        return None

    def _oa_filter_route(self, template_steps):
        """The template steps this record goes through (conditional steps).

        Called once when the flow starts; the result is the route snapshot.
        """
        return template_steps

    def _oa_on_items_pending(self, flow, items):
        """Called when to-do ``items`` become pending (it is their holders' turn)."""

    def _oa_notify_items_due(self, items):
        """Called by the deadline cron with pending to-dos of this model due soon."""

    def _oa_notify_items_overdue(self, items):
        """Called by the deadline cron with pending to-dos of this model overdue."""

    def _oa_get_step_handlers(self, step):
        """Handlers of a step of type 'Given by the Document': ``(users, leads)``."""
        return self.env["res.users"], self.env["res.users"]

    def _oa_before_item_agree(self, item, opinion, chosen):
        """Called before ``item`` is completed with agree; raise to refuse.

        ``chosen`` is ``{"users", "leads"}`` when the handler picked the next
        handlers, else ``None``.
        """

    def _oa_on_item_agreed(self, item, opinion, chosen):
        """Called after ``item`` was completed with agree (before the flow moves)."""

    def _oa_on_step_activated(self, flow, step):
        """Called when ``step`` becomes current."""

    def _oa_on_flow_done(self, flow):
        """Called when the last step is complete."""

    def _oa_on_flow_rejected(self, flow):
        """Called when a handler disagreed."""
        self._oa_set_flow_state("rejected")

    def _oa_on_flow_cancelled(self, flow):
        """Called when the initiator withdrew the flow before anyone acted."""
        self._oa_set_flow_state("cancelled")

    def _oa_on_flow_terminated(self, flow):
        """Called when the office terminated the flow."""
        self._oa_set_flow_state("terminated")

    def _oa_set_flow_state(self, outcome):
        """Write the ``state`` that ``_oa_flow_states`` gives for ``outcome``."""
        state = self._oa_flow_states.get(outcome)
        if state:
            self.sudo().write({"state": state})
