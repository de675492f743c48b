# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

URGENCY = [
    ("normal", "Normal"),
    ("urgent", "Urgent"),
    ("very_urgent", "Very Urgent"),
]

OPEN_STATES = ("pending", "waiting")


class OaFlow(models.Model):
    """A running flow (流程实例) attached to one business record.

    The routing engine of the suite. A flow holds the snapshot of its route
    (``step_ids``), the work items of the people on it (``workitem_ids``) and its
    append-only trace (``trace_ids``). Business models use it through
    ``oa.flow.mixin``; they never create work items themselves.

    Access: a user reads the flows they started or hold a work item on (also as
    a delegator); the office reads every flow.
    """

    _name = "oa.flow"
    _description = "Flow"
    _order = "id desc"

    name = fields.Char(required=True)
    res_model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, index=True
    )
    template_id = fields.Many2one("oa.flow.template", ondelete="restrict", index=True)
    initiator_id = fields.Many2one(
        "res.users", required=True, index=True, default=lambda self: self.env.user
    )
    department_id = fields.Many2one(
        "hr.department", help="The initiator's department when the flow started."
    )
    urgency = fields.Selection(URGENCY, default="normal", required=True)
    state = fields.Selection(
        [
            ("running", "Running"),
            ("done", "Completed"),
            ("rejected", "Disagreed"),
            ("cancelled", "Withdrawn"),
            ("terminated", "Terminated"),
        ],
        default="running",
        required=True,
        index=True,
        copy=False,
    )
    step_ids = fields.One2many("oa.flow.step", "flow_id", string="Route")
    current_step_id = fields.Many2one("oa.flow.step", index="btree_not_null")
    workitem_ids = fields.One2many("oa.workitem", "flow_id")
    trace_ids = fields.One2many("oa.trace", "flow_id")
    date_start = fields.Datetime(default=fields.Datetime.now, required=True)
    date_done = fields.Datetime()
    deadline = fields.Datetime()
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    urge_count = fields.Integer()
    terminate_reason = fields.Text()
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for flow in self:
            flow.is_overdue = bool(
                flow.state == "running" and flow.deadline and flow.deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue."))
        overdue = [
            ("state", "=", "running"),
            ("deadline", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_open_record(self):
        self.ensure_one()
        return self._get_record_action()

    def action_retract(self):
        """撤回: the sender takes the flow back while the next step has not acted."""
        self.ensure_one()
        self._check_running()
        step = self.sudo().current_step_id
        step._lock_for_action()
        user = self.env.user
        reason = self._get_retract_refusal(user)
        if reason:
            raise UserError(reason)
        flow = self.sudo()
        open_items = step.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state in OPEN_STATES
        )
        open_items._close(state="cancelled", result="retracted")
        previous = step._get_acted_previous_step()
        flow._log(
            "retract",
            step=step,
            to_step=previous,
            targets=previous and user or self.env["res.users"],
        )
        if not previous:
            step.write({"state": "waiting", "date_start": False, "deadline": False})
            flow.write({"state": "cancelled", "current_step_id": False})
            flow._call_record_hook("_oa_on_flow_cancelled")
            return True
        step.write({"state": "waiting", "date_start": False, "deadline": False})
        previous.write({"state": "waiting"})
        flow._activate_step(previous, users=user, sender=user)
        return True

    def action_urge(self, message=None):
        """催办: remind the handlers of the current step; counted and logged."""
        self.ensure_one()
        self._check_running()
        user = self.env.user
        if not self._can_urge(user):
            raise AccessError(
                self.env._(
                    "Only the initiator, a previous handler or the office can urge "
                    "this flow."
                )
            )
        flow = self.sudo()
        items = flow.current_step_id.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state == "pending"
        )
        if not items:
            raise UserError(self.env._("Nobody is waiting to act on this flow."))
        items._increment_urge()
        flow.urge_count += 1
        handlers = items.user_id
        flow._log(
            "urge",
            step=flow.current_step_id,
            opinion=message,
            targets=handlers,
        )
        text = self.env._(
            "%(user)s urges you to handle: %(title)s",
            user=user.name,
            title=flow.name,
        )
        for handler in handlers:
            handler._bus_send(
                "simple_notification",
                {"type": "warning", "title": self.env._("Urged"), "message": text},
            )
        flow._post_record_note(
            self.env._(
                "Urged by %(user)s: %(handlers)s",
                user=user.name,
                handlers=", ".join(handlers.mapped("name")),
            )
        )
        return True

    def action_terminate(self, reason):
        """终止: the office or an administrator ends the flow, with a reason."""
        if not self.env.user.has_group("oa_base.group_oa_office"):
            raise AccessError(
                self.env._("Only the office or an administrator can terminate a flow.")
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give a reason to terminate the flow."))
        for flow in self:
            flow._check_running()
            flow.current_step_id._lock_for_action()
            flow = flow.sudo()
            flow.workitem_ids.filtered(lambda w: w.state in OPEN_STATES)._close(
                state="cancelled", result="terminated"
            )
            flow.step_ids.filtered(lambda s: s.state in ("active", "waiting")).write(
                {"state": "cancelled"}
            )
            flow._log("terminate", step=flow.current_step_id, opinion=reason)
            flow.write(
                {
                    "state": "terminated",
                    "terminate_reason": reason,
                    "date_done": fields.Datetime.now(),
                }
            )
            self.env["oa.audit.log"].sudo()._log_event(
                "flow_terminate",
                self.env._(
                    "Flow %(flow)s terminated: %(reason)s",
                    flow=flow.name,
                    reason=reason,
                ),
                record=flow,
            )
            flow._call_record_hook("_oa_on_flow_terminated")
        return True

    # ------------------------------------------------------------
    # Engine: start and step activation
    # ------------------------------------------------------------

    @api.model
    def _start(self, record, template, urgency="normal", deadline=None, chosen=None):
        """Start ``template`` on ``record`` as the current user; return the flow.

        ``chosen`` is ``{"users": res.users, "leads": res.users}`` when the first
        step's handlers are chosen by the initiator.
        """
        if not template.step_ids:
            raise UserError(
                self.env._(
                    "The flow template %(template)s has no steps.",
                    template=template.name,
                )
            )
        route = record._oa_filter_route(template.step_ids)
        if not route:
            raise UserError(
                self.env._(
                    "No step of the flow template %(template)s applies to %(record)s.",
                    template=template.name,
                    record=record.display_name,
                )
            )
        user = self.env.user
        calendar = self.env.company.resource_calendar_id
        now = fields.Datetime.now()
        if not deadline:
            days = template.deadline_days or calendar.oa_default_handling_days()
            deadline = calendar.oa_add_working_days(now, days)
        flow = (
            self.sudo()
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .create(
                {
                    "name": record._oa_get_flow_title(),
                    "res_model": record._name,
                    "res_id": record.id,
                    "template_id": template.id,
                    "initiator_id": user.id,
                    "department_id": user.employee_id.department_id.id,
                    "urgency": urgency or "normal",
                    "deadline": deadline,
                    "date_start": now,
                    "step_ids": [
                        fields.Command.create(step._prepare_flow_step_vals())
                        for step in route
                    ],
                }
            )
        )
        first = flow.step_ids[:1]
        flow._log("start", to_step=first)
        flow._activate_step(first, sender=user, chosen=chosen)
        return flow.sudo(False)

    def _activate_step(self, step, users=None, sender=None, chosen=None):
        """Make ``step`` the current step and give its handlers their work items.

        ``users`` forces the handlers (return, retract, resume); otherwise they
        are resolved from the snapshot. Costs a constant number of queries
        whatever the number of handlers.
        """
        self.ensure_one()
        step = step.sudo()
        now = fields.Datetime.now()
        step_vals = {"state": "active", "date_start": now}
        if chosen:
            step_vals["chosen_user_ids"] = [(6, 0, chosen["users"].ids)]
            leads = chosen.get("leads") or self.env["res.users"]
            step_vals["chosen_lead_ids"] = [(6, 0, leads.ids)]
        step.write(step_vals)
        leads = self.env["res.users"]
        if users is None:
            users, leads = step._resolve_handlers()
        if not users and step.skip_if_empty:
            step.write({"state": "skipped", "date_done": now})
            self._log("skip", step=step)
            self._advance(step, sender or self.env.user, skipped=True)
            return
        if not users:
            raise UserError(
                self.env._(
                    "Nobody can handle the step %(step)s: check its handlers "
                    "(department leaders, group members or chosen people).",
                    step=step.name,
                )
            )
        deadline = self.deadline
        step_deadline = step._get_deadline(now, self.urgency)
        if step_deadline:
            deadline = min(step_deadline, deadline) if deadline else step_deadline
        step.deadline = deadline
        self.current_step_id = step
        vals_list = []
        for index, user in enumerate(users):
            role = False
            if leads:
                role = "lead" if user in leads else "assist"
            pending = step.mode != "sequence" or index == 0
            vals_list.append(
                {
                    "user_id": user.id,
                    "state": "pending" if pending else "waiting",
                    "role": role,
                    "seq": index,
                }
            )
        self.env["oa.workitem"]._bulk_create(
            self, step, vals_list, sender=sender or self.env.user, deadline=deadline
        )
        self._call_record_hook("_oa_on_step_activated", step)

    def _advance(self, step, sender, skipped=False):
        """``step`` is complete: go to the next step, or finish the flow."""
        self.ensure_one()
        step = step.sudo()
        if not skipped:
            step.write({"state": "done", "date_done": fields.Datetime.now()})
        if step.resume_step_id:
            target = step.resume_step_id
            user = step.resume_user_id
            step.write({"resume_step_id": False, "resume_user_id": False})
            target.write({"state": "waiting", "previous_step_id": step.id})
            self._log("resume", step=step, to_step=target, targets=user)
            self._activate_step(target, users=user, sender=sender)
            return
        next_step = self._get_next_step(step)
        if not next_step:
            self.write(
                {
                    "state": "done",
                    "current_step_id": False,
                    "date_done": fields.Datetime.now(),
                }
            )
            self._log("done", step=step)
            self._call_record_hook("_oa_on_flow_done")
            return
        next_step.previous_step_id = step
        self._activate_step(next_step, sender=sender)

    def _reject(self, step, item):
        """A handler disagreed: the step and the flow end as disagreed (一票否决)."""
        self.ensure_one()
        step = step.sudo()
        step.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state in OPEN_STATES
        )._close(state="cancelled", result="cancelled")
        step.write({"state": "rejected", "date_done": fields.Datetime.now()})
        self.write(
            {
                "state": "rejected",
                "current_step_id": False,
                "date_done": fields.Datetime.now(),
            }
        )
        self._call_record_hook("_oa_on_flow_rejected")

    def _return_to(self, step, target, item, return_to_me=False):
        """退回 from ``step`` to the earlier ``target`` step."""
        self.ensure_one()
        step, target = step.sudo(), target.sudo()
        step.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state in OPEN_STATES and w != item
        )._close(state="cancelled", result="cancelled")
        # Steps between the target and the current one are reached again later.
        between = self.step_ids.filtered(
            lambda s: (target.sequence, target.id)
            < (s.sequence, s.id)
            <= (step.sequence, step.id)
        )
        between.write({"state": "waiting", "date_start": False, "deadline": False})
        step.state = "returned"
        # The target goes back to whoever acted on it, else to its resolved handlers.
        actors = target.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state == "done" and w.result in ("agree",)
        )
        users = (
            actors.on_behalf_of_id
            | actors.filtered(lambda w: not w.on_behalf_of_id).user_id
        ) or None
        vals = {"state": "waiting", "previous_step_id": step.id}
        if return_to_me:
            vals.update(
                resume_step_id=step.id,
                resume_user_id=item.on_behalf_of_id.id or item.user_id.id,
            )
        target.write(vals)
        self._activate_step(target, users=users, sender=item.user_id)

    # ------------------------------------------------------------
    # Engine: after a work item is done
    # ------------------------------------------------------------

    def _on_item_done(self, item):
        """Move the flow on after ``item`` (a to-do) was completed with agree."""
        self.ensure_one()
        item = item.sudo()
        step = item.step_id
        # One read for all the step's items, whatever their number.
        step_items = step.workitem_ids.with_prefetch().filtered(
            lambda w: w.kind == "todo"
        )
        # 后加签: people added after this handler act now.
        after = step_items.filtered(
            lambda w: w.parent_id == item
            and w.add_position == "after"
            and w.state == "waiting"
        )
        to_activate = after
        # 前加签: the adder acts again once everyone added before them is done.
        parent = item.parent_id
        if parent and item.add_position == "before" and parent.state == "waiting":
            siblings = step_items.filtered(
                lambda w: w.parent_id == parent
                and w.add_position == "before"
                and w.state in OPEN_STATES
            )
            if not siblings:
                to_activate |= parent
        if not item.parent_id and step.mode in ("single", "any", "claim"):
            others = step_items.filtered(
                lambda w: w.state in OPEN_STATES and not w.parent_id and w != item
            )
            (others | others._get_descendants()).filtered(
                lambda w: w.state in OPEN_STATES
            )._close(state="cancelled", result="cancelled")
        to_activate._activate()
        if step.mode == "all" and step.min_approvals:
            agreed = step_items.filtered(
                lambda w: w.state == "done" and w.result == "agree" and not w.parent_id
            )
            if len(agreed) >= step.min_approvals:
                # Enough approvals (N of M): the others are no longer needed.
                step_items.filtered(lambda w: w.state in OPEN_STATES)._close(
                    state="cancelled", result="cancelled"
                )
        remaining = step.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state in OPEN_STATES
        )
        if remaining.filtered(lambda w: w.state == "pending"):
            return
        if step.mode == "sequence":
            waiting = remaining.filtered(lambda w: not w.parent_id).sorted("seq")
            if waiting:
                waiting[:1]._activate()
                return
        if remaining:
            # Only blocked items remain (should not happen); keep the step open.
            return
        self._advance(step, item.user_id)

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _check_running(self):
        for flow in self:
            if flow.state != "running":
                raise UserError(
                    self.env._(
                        "The flow %(flow)s is no longer running (%(state)s).",
                        flow=flow.name,
                        state=dict(
                            flow._fields["state"]._description_selection(self.env)
                        )[flow.state],
                    )
                )

    def _can_urge(self, user):
        self.ensure_one()
        if user.has_group("oa_base.group_oa_office") or self.initiator_id == user:
            return True
        return bool(
            self.sudo().workitem_ids.filtered(
                lambda w: w.state == "done" and user in (w.user_id | w.on_behalf_of_id)
            )
        )

    def _get_retract_refusal(self, user):
        """Why ``user`` cannot retract this flow now, or ``""`` when they can."""
        self.ensure_one()
        flow = self.sudo()
        step = flow.current_step_id
        previous = step._get_acted_previous_step()
        acted = step.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state == "done"
        ) | step.workitem_ids.filtered(lambda w: w.result == "transferred")
        if acted:
            return self.env._(
                "The step %(step)s has already been acted on; it can no longer be "
                "retracted.",
                step=step.name,
            )
        if not previous:
            if flow.initiator_id != user:
                return self.env._("Only the initiator can withdraw this flow.")
            return ""
        senders = previous.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state == "done" and w.result == "agree"
        )
        if user not in (senders.user_id | senders.on_behalf_of_id):
            return self.env._(
                "Only who sent it on from the step %(step)s can retract it.",
                step=previous.name,
            )
        return ""

    def _get_record(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _get_record_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }

    def _call_record_hook(self, hook, *args):
        record = self._get_record().sudo(False)
        method = getattr(record, hook, None)
        if method:
            method(self, *args)

    def _post_record_note(self, body):
        record = self._get_record()
        if hasattr(record, "_message_log"):
            record.sudo()._message_log(body=body)

    def _log(self, action, **kwargs):
        """Append one row to the trace (one INSERT); ``kwargs`` as below."""
        return (
            self.env["oa.trace"].sudo().create(self._prepare_log_vals(action, **kwargs))
        )

    def _prepare_log_vals(
        self,
        action,
        step=None,
        to_step=None,
        item=None,
        opinion=None,
        targets=None,
        signature=None,
    ):
        """Values of one trace row, so that batches are written in one create."""
        self.ensure_one()
        user = self.env.user
        return {
            "flow_id": self.id,
            "flow_name": self.name,
            "res_model": self.res_model,
            "res_id": self.res_id,
            "action": action,
            "step_name": step.name if step else False,
            "step_id": step.id if step else False,
            "to_step_name": to_step.name if to_step else False,
            "user_id": item.user_id.id if item else user.id,
            "on_behalf_of_id": item.on_behalf_of_id.id if item else False,
            "workitem_id": item.id if item else False,
            "opinion": opinion or False,
            "target_names": ", ".join(targets.mapped("name")) if targets else False,
            "signature": signature or False,
        }

    # ------------------------------------------------------------
    # Circulation (知会/传阅)
    # ------------------------------------------------------------

    def action_circulate(self, users, opinion=None):
        """Send read items (待阅) to ``users``; each read is its own receipt."""
        self.ensure_one()
        user = self.env.user
        flow = self.sudo()
        involved = flow.workitem_ids.filtered(
            lambda w: w.kind == "todo" and user in (w.user_id | w.on_behalf_of_id)
        )
        if not (
            involved
            or flow.initiator_id == user
            or user.has_group("oa_base.group_oa_office")
        ):
            raise AccessError(
                self.env._("Only people on this flow or the office can circulate it.")
            )
        if flow.current_step_id and not flow.current_step_id.allow_circulate:
            raise UserError(self.env._("This step does not allow circulating."))
        already = flow.workitem_ids.filtered(
            lambda w: w.kind == "read" and w.state == "pending"
        ).user_id
        users = users - already
        if not users:
            raise UserError(self.env._("Everyone chosen already has it to read."))
        self.env["oa.workitem"]._check_users_can_handle(users)
        flow._log(
            "circulate", step=flow.current_step_id, opinion=opinion, targets=users
        )
        self.env["oa.workitem"]._bulk_create(
            flow,
            flow.current_step_id,
            [{"user_id": u.id, "state": "pending"} for u in users],
            sender=user,
            kind="read",
        )
        return True

    def _get_next_step(self, step):
        self.ensure_one()
        return self.step_ids.filtered(
            lambda s: (s.sequence, s.id) > (step.sequence, step.id)
        ).sorted(lambda s: (s.sequence, s.id))[:1]
