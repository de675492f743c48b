# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import Counter
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.bus.models.bus import channel_with_db, json_dump

from .oa_flow import OPEN_STATES, URGENCY

# Columns written by ``_bulk_create`` in one INSERT ... SELECT unnest(...).
_BULK_COLUMNS = [
    ("name", "varchar"),
    ("flow_id", "int4"),
    ("step_id", "int4"),
    ("res_model", "varchar"),
    ("res_id", "int4"),
    ("user_id", "int4"),
    ("on_behalf_of_id", "int4"),
    ("sender_id", "int4"),
    ("initiator_id", "int4"),
    ("kind", "varchar"),
    ("state", "varchar"),
    ("role", "varchar"),
    ("seq", "int4"),
    ("deadline", "timestamp"),
    ("urgency", "varchar"),
    ("parent_id", "int4"),
    ("add_position", "varchar"),
    ("added_by_id", "int4"),
    ("transferred_from_id", "int4"),
    ("company_id", "int4"),
]


class OaWorkitem(models.Model):
    """A work item: one person's part in one step of a flow — the inbox row.

    ``kind`` 'todo' is 待办 (to act) and 'read' is 待阅 (to read); ``state``
    'done' is 已办/已阅. Pending to-dos are mirrored as ``mail.activity`` rows so
    they show in the person's Odoo to-do list; read items are not (a fan-out to
    hundreds of readers must stay cheap).

    Access: a user reads their own items (also those handled for them by a
    delegate); the office reads all. Nobody writes items directly: the engine
    does, after checking who acts.
    """

    _name = "oa.workitem"
    _description = "Work Item"
    _order = "deadline, id desc"
    _rec_name = "name"

    name = fields.Char(string="Title", required=True)
    flow_id = fields.Many2one("oa.flow", required=True, ondelete="cascade", index=True)
    step_id = fields.Many2one("oa.flow.step", ondelete="cascade", index=True)
    step_name = fields.Char(related="step_id.name", string="Step Name")
    res_model = fields.Char(string="Document Model", required=True)
    res_id = fields.Many2oneReference(string="Document", model_field="res_model")
    user_id = fields.Many2one("res.users", string="Handler", required=True)
    on_behalf_of_id = fields.Many2one(
        "res.users",
        string="On Behalf Of",
        index="btree_not_null",
        help="Set when the item reached its handler through a delegation.",
    )
    sender_id = fields.Many2one("res.users", string="Sender")
    initiator_id = fields.Many2one("res.users", string="Initiator", index=True)
    kind = fields.Selection(
        [("todo", "To Do"), ("read", "To Read")], required=True, default="todo"
    )
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("waiting", "Not Yet"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="pending",
    )
    result = fields.Selection(
        [
            ("agree", "Agreed"),
            ("disagree", "Disagreed"),
            ("returned", "Returned"),
            ("transferred", "Handed Over"),
            ("read", "Read"),
            ("retracted", "Retracted"),
            ("terminated", "Terminated"),
            ("cancelled", "Not Needed"),
        ]
    )
    role = fields.Selection([("lead", "Lead (主办)"), ("assist", "Assist (协办)")])
    seq = fields.Integer(string="Order")
    deadline = fields.Datetime()
    urgency = fields.Selection(URGENCY, default="normal")
    date_done = fields.Datetime()
    opinion = fields.Text()
    draft_opinion = fields.Text(help="Saved without acting (暂存).")
    parent_id = fields.Many2one(
        "oa.workitem",
        string="Added By Item",
        index="btree_not_null",
        help="The item of whoever added this handler (加签).",
    )
    add_position = fields.Selection([("before", "Before Me"), ("after", "After Me")])
    added_by_id = fields.Many2one("res.users", string="Added By")
    transferred_from_id = fields.Many2one("oa.workitem", string="Handed Over From")
    urge_count = fields.Integer()
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    reminded = fields.Boolean(copy=False)
    escalated = fields.Boolean(copy=False)
    company_id = fields.Many2one("res.company")
    flow_state = fields.Selection(related="flow_id.state", string="Flow Status")

    def init(self):
        # The inbox: pending items of one user, by deadline (PERFORMANCE.md fact 4).
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS oa_workitem_inbox_idx ON oa_workitem "
                "(user_id, deadline, id) WHERE state = 'pending'"
            )
        )
        # Done items of a user (已办/已阅), newest first.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS oa_workitem_done_idx ON oa_workitem "
                "(user_id, date_done DESC, id) WHERE state = 'done'"
            )
        )
        # The reminder and escalation cron scans only pending items by deadline.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS oa_workitem_due_idx ON oa_workitem "
                "(deadline) WHERE state = 'pending' AND kind = 'todo'"
            )
        )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for item in self:
            item.is_overdue = bool(
                item.state == "pending" and item.deadline and item.deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue."))
        overdue = [("state", "=", "pending"), ("deadline", "<", fields.Datetime.now())]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_engine(self):
        if not self.env.su:
            raise UserError(self.env._("Work items cannot be deleted."))

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_open_record(self):
        """Open the document; opening a 待阅 item is its read receipt."""
        self.ensure_one()
        if (
            self.kind == "read"
            and self.state == "pending"
            and self.user_id == self.env.user
        ):
            self.action_mark_read()
        return self.flow_id.sudo()._get_record_action()

    def action_open_act_wizard(self):
        """Open the handling dialog (opinion, phrases, signature, action)."""
        self.ensure_one()
        self._check_can_act()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Handle"),
            "res_model": "oa.flow.act",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_workitem_id": self.id,
                "default_action": self.env.context.get("oa_action", "agree"),
                "default_opinion": self.draft_opinion,
            },
        }

    def action_agree(
        self, opinion=None, signature=None, next_users=None, next_leads=None
    ):
        """同意/完成.

        ``next_users``/``next_leads``: when this step chooses the next handlers.
        """
        self.ensure_one()
        self._lock_and_check()
        step = self.step_id
        flow = self.flow_id.sudo()
        self._check_opinion(opinion)
        chosen = self._check_chosen(next_users, next_leads)
        # Records on the engine inherit oa.flow.mixin, which defines both hooks.
        record = flow._get_record().sudo(False)
        record._oa_before_item_agree(self, opinion, chosen)
        self._close(state="done", result="agree", opinion=opinion)
        flow._log("agree", step=step, item=self, opinion=opinion, signature=signature)
        record._oa_on_item_agreed(self, opinion, chosen)
        if chosen:
            next_step = flow._get_next_step(step)
            next_step.write(
                {
                    "chosen_user_ids": [(4, uid) for uid in chosen["users"].ids],
                    "chosen_lead_ids": [(4, uid) for uid in chosen["leads"].ids],
                }
            )
        flow._on_item_done(self.sudo())
        return True

    def action_disagree(self, opinion=None, signature=None):
        """不同意: ends the flow as disagreed (one veto is enough)."""
        self.ensure_one()
        self._lock_and_check()
        self._check_opinion(opinion, required=True)
        flow = self.flow_id.sudo()
        self._close(state="done", result="disagree", opinion=opinion)
        flow._log(
            "disagree",
            step=self.step_id,
            item=self,
            opinion=opinion,
            signature=signature,
        )
        flow._reject(self.step_id, self)
        return True

    def action_return(self, opinion=None, target_step=None, return_to_me=False):
        """退回 to the previous step, or to ``target_step`` picked from the trace."""
        self.ensure_one()
        self._lock_and_check()
        self._check_opinion(opinion, required=True)
        step = self.step_id
        flow = self.flow_id.sudo()
        if not step.allow_return:
            raise UserError(self.env._("This step does not allow returning."))
        targets = self._get_return_targets()
        target = target_step.sudo() if target_step else targets[-1:]
        if not target:
            raise UserError(self.env._("There is no earlier step to return to."))
        if target not in targets:
            raise UserError(
                self.env._(
                    "You can only return to an earlier step that has been handled."
                )
            )
        self._close(state="done", result="returned", opinion=opinion)
        flow._log("return", step=step, to_step=target, item=self, opinion=opinion)
        flow._return_to(step, target, self.sudo(), return_to_me=return_to_me)
        return True

    def action_transfer(self, user, opinion=None):
        """转办: hand the item over to ``user``; both stay in the trace."""
        self.ensure_one()
        self._lock_and_check()
        if not self.step_id.allow_transfer:
            raise UserError(self.env._("This step does not allow handing over."))
        if not user or user == self.user_id:
            raise UserError(self.env._("Choose someone else to hand the item over to."))
        self._check_users_can_handle(user)
        item = self.sudo()
        item._close(state="done", result="transferred", opinion=opinion)
        item.flow_id._log(
            "transfer", step=item.step_id, item=self, opinion=opinion, targets=user
        )
        self._bulk_create(
            item.flow_id,
            item.step_id,
            [
                {
                    "user_id": user.id,
                    "state": "pending",
                    "role": item.role,
                    "seq": item.seq,
                    "parent_id": item.parent_id.id,
                    "add_position": item.add_position,
                    "added_by_id": item.added_by_id.id,
                    "transferred_from_id": item.id,
                }
            ],
            sender=self.env.user,
            deadline=item.deadline,
        )
        # Children added by the previous handler now belong to the new item.
        return True

    def action_add_sign(self, users, position="before", opinion=None):
        """加签: add handlers before me (they act first, then me) or after me."""
        self.ensure_one()
        self._lock_and_check()
        if not self.step_id.allow_add_sign:
            raise UserError(self.env._("This step does not allow adding handlers."))
        users = users - self.user_id
        if not users:
            raise UserError(self.env._("Choose at least one person to add."))
        if position not in ("before", "after"):
            raise UserError(self.env._("Choose to add the people before or after you."))
        self._check_users_can_handle(users)
        item = self.sudo()
        if position == "before":
            item._set_waiting()
        item.flow_id._log(
            "add_sign_before" if position == "before" else "add_sign_after",
            step=item.step_id,
            item=self,
            opinion=opinion,
            targets=users,
        )
        self._bulk_create(
            item.flow_id,
            item.step_id,
            [
                {
                    "user_id": user.id,
                    "state": "pending" if position == "before" else "waiting",
                    "seq": item.seq,
                    "parent_id": item.id,
                    "add_position": position,
                    "added_by_id": self.env.user.id,
                }
                for user in users
            ],
            sender=self.env.user,
            deadline=item.deadline,
        )
        return True

    def action_remove_sign(self, items=None):
        """减签: whoever added people removes those who have not acted yet."""
        self.ensure_one()
        self.step_id._lock_for_action()
        me = self.env.user
        candidates = self.sudo().search(
            [
                ("parent_id", "=", self.id),
                ("state", "in", list(OPEN_STATES)),
                ("kind", "=", "todo"),
            ]
        )
        if items is not None:
            candidates &= items.sudo()
        if self.user_id != me or not candidates:
            raise UserError(
                self.env._(
                    "Only who added people can remove those who have not acted yet."
                )
            )
        candidates._close(state="cancelled", result="cancelled")
        item = self.sudo()
        item.flow_id._log(
            "remove_sign", step=item.step_id, item=item, targets=candidates.user_id
        )
        if item.state == "waiting" and not item.search_count(
            [
                ("parent_id", "=", item.id),
                ("add_position", "=", "before"),
                ("state", "in", list(OPEN_STATES)),
            ]
        ):
            item._activate()
        return True

    def action_claim(self):
        """抢办: take the item; the other candidates' items are withdrawn."""
        self.ensure_one()
        self._lock_and_check()
        if self.step_id.mode != "claim":
            raise UserError(self.env._("Only first-to-claim steps can be claimed."))
        item = self.sudo()
        others = item.step_id.workitem_ids.filtered(
            lambda w: w.kind == "todo"
            and w.state in OPEN_STATES
            and w != item
            and not w.parent_id
        )
        others._close(state="cancelled", result="cancelled")
        item.flow_id._log("claim", step=item.step_id, item=self)
        return True

    def action_save_draft(self, opinion):
        """暂存: keep the opinion without acting."""
        self.ensure_one()
        self._check_can_act()
        self.sudo().draft_opinion = opinion
        return True

    def action_mark_read(self):
        """已阅: the read receipt of a 待阅 item (who and when)."""
        items = self.filtered(
            lambda w: w.kind == "read"
            and w.state == "pending"
            and w.user_id == self.env.user
        )
        if len(items) != len(self):
            raise UserError(
                self.env._("Only your own unread items can be marked as read.")
            )
        items.sudo().write(
            {"state": "done", "result": "read", "date_done": fields.Datetime.now()}
        )
        return True

    # ------------------------------------------------------------
    # Engine helpers
    # ------------------------------------------------------------

    @api.model
    def _bulk_create(self, flow, step, vals_list, sender, deadline=None, kind="todo"):
        """Create work items for many people in ONE insert, with delegation applied.

        ``vals_list`` items need ``user_id`` and may set ``state``, ``role``,
        ``seq``, ``parent_id``, ``add_position``, ``added_by_id``,
        ``transferred_from_id``. Pending to-dos get their activity, and every
        handler one small bus notification. The number of queries does not depend
        on ``len(vals_list)``.
        """
        self = self.sudo()  # noqa: PLW0642 - the engine writes items for others
        if not vals_list:
            return self.browse()
        flow = flow.sudo()
        delegates = (
            self.env["oa.delegation"]
            .sudo()
            ._get_delegate_map(
                [vals["user_id"] for vals in vals_list],
                flow.template_id,
                flow.res_model,
            )
        )
        rows = []
        for vals in vals_list:
            user_id = vals["user_id"]
            delegate_id = delegates.get(user_id)
            rows.append(
                {
                    "name": flow.name,
                    "flow_id": flow.id,
                    "step_id": step.id if step else None,
                    "res_model": flow.res_model,
                    "res_id": flow.res_id,
                    "user_id": delegate_id or user_id,
                    "on_behalf_of_id": user_id if delegate_id else None,
                    "sender_id": sender.id if sender else None,
                    "initiator_id": flow.initiator_id.id,
                    "kind": kind,
                    "state": vals.get("state", "pending"),
                    "role": vals.get("role") or None,
                    "seq": vals.get("seq", 0),
                    "deadline": deadline or None,
                    "urgency": flow.urgency,
                    "parent_id": vals.get("parent_id") or None,
                    "add_position": vals.get("add_position") or None,
                    "added_by_id": vals.get("added_by_id") or None,
                    "transferred_from_id": vals.get("transferred_from_id") or None,
                    "company_id": flow.company_id.id or None,
                }
            )
        self.env.flush_all()
        uid = self.env.uid
        columns = SQL(", ").join(SQL.identifier(col) for col, __ in _BULK_COLUMNS)
        arrays = SQL(", ").join(
            SQL("unnest(%s::" + sqltype + "[])", [row[col] for row in rows])
            for col, sqltype in _BULK_COLUMNS
        )
        self.env.cr.execute(
            SQL(
                "INSERT INTO oa_workitem (%s, urge_count, reminded, escalated, "
                "create_uid, write_uid, create_date, write_date) "
                "SELECT %s, 0, false, false, %s, %s, now() at time zone 'UTC', "
                "now() at time zone 'UTC' "
                "RETURNING id",
                columns,
                arrays,
                uid,
                uid,
            )
        )
        items = self.browse([row[0] for row in self.env.cr.fetchall()])
        flow.invalidate_recordset(["workitem_ids"])
        if step:
            step.invalidate_recordset(["workitem_ids"])
        pending = items.filtered(lambda w: w.state == "pending")
        if kind == "todo":
            pending._create_activities()
        pending._notify_new()
        return items

    def _create_activities(self):
        """Mirror pending to-dos as ``mail.activity`` rows, in one INSERT.

        The ORM path (``mail.activity.create``) subscribes each assignee and
        inserts by batches of 100, so its cost grows with the number of handlers;
        this insert does not. The systray counters are refreshed by bus.
        """
        if not self:
            return
        activity_type = self.env.ref("oa_base.mail_activity_type_oa_todo")
        IrModel = self.env["ir.model"]
        today = fields.Date.context_today(self)
        uid = self.env.uid
        rows = []
        for item in self:
            tz = pytz.timezone(item.user_id.tz or "Asia/Shanghai")
            deadline = (
                pytz.utc.localize(item.deadline).astimezone(tz).date()
                if item.deadline
                else today
            )
            rows.append(
                (
                    IrModel._get_id(item.res_model),
                    item.res_model,
                    item.res_id,
                    item.name,
                    activity_type.id,
                    item.step_id.name or item.name,
                    deadline,
                    item.user_id.id,
                    item.user_id.tz or None,
                    item.id,
                )
            )
        columns = list(zip(*rows, strict=True))
        self.env.cr.execute(
            SQL(
                "INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, "
                "activity_type_id, summary, date_deadline, user_id, user_tz, "
                "oa_workitem_id, automated, active, create_uid, write_uid, "
                "create_date, write_date) "
                "SELECT unnest(%s::int4[]), unnest(%s::varchar[]), unnest(%s::int4[]), "
                "unnest(%s::varchar[]), unnest(%s::int4[]), unnest(%s::varchar[]), "
                "unnest(%s::date[]), unnest(%s::int4[]), unnest(%s::varchar[]), "
                "unnest(%s::int4[]), true, true, %s, %s, now() at time zone 'UTC', "
                "now() at time zone 'UTC'",
                *[list(col) for col in columns],
                uid,
                uid,
            )
        )
        self.env["mail.activity"].invalidate_model()
        self._bus_sendmany(
            [
                (
                    user,
                    "mail.activity/updated",
                    {"activity_created": True, "count_diff": count},
                )
                for user, count in Counter(self.user_id).items()
            ]
        )

    def _remove_activities(self):
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("oa_workitem_id", "in", self.ids)])
        )
        activities.unlink()

    def _notify_new(self):
        """One small bus message per person: the web client refreshes its inbox.

        The record of each flow then hears of its newly pending to-dos
        (``_oa_on_items_pending``), e.g. to e-mail the approver whose turn it is.
        """
        self._bus_sendmany(
            [
                (user, "oa.workitem/new", {"count": count})
                for user, count in Counter(self.user_id).items()
            ]
        )
        todo = self.filtered(lambda w: w.kind == "todo" and w.state == "pending")
        for flow, items in todo.grouped("flow_id").items():
            flow._call_record_hook("_oa_on_items_pending", items)

    @api.model
    def _bus_sendmany(self, notifications):
        """Queue ``(user, type, payload)`` bus messages, written at commit at once.

        ``bus.bus._sendone`` inserts its rows by batches of 100 at commit, which
        makes a fan-out to N people cost N/100 queries; this keeps it at one and
        reuses the bus's own NOTIFY after commit.
        """
        if not notifications:
            return
        cr = self.env.cr
        self.env["bus.bus"]._ensure_hooks()
        data = cr.precommit.data
        if "oa.bus.values" not in data:
            data["oa.bus.values"] = []
            uid = self.env.uid

            @cr.precommit.add
            def _insert_bus_rows():
                rows = data.pop("oa.bus.values", [])
                if rows:
                    cr.execute(
                        SQL(
                            "INSERT INTO bus_bus (channel, message, create_uid, "
                            "write_uid, "
                            "create_date, write_date) SELECT unnest(%s::varchar[]), "
                            "unnest(%s::text[]), %s, %s, now() at time zone 'UTC', "
                            "now() at time zone 'UTC'",
                            [row[0] for row in rows],
                            [row[1] for row in rows],
                            uid,
                            uid,
                        )
                    )

        channels = cr.postcommit.data["bus.bus.channels"]
        for user, notification_type, payload in notifications:
            channel = channel_with_db(cr.dbname, user.partner_id)
            data["oa.bus.values"].append(
                (
                    json_dump(channel),
                    json_dump({"type": notification_type, "payload": payload}),
                )
            )
            channels.add(channel)

    def _close(self, state, result, opinion=None):
        if not self:
            return
        vals = {"state": state, "result": result, "date_done": fields.Datetime.now()}
        if opinion:
            vals["opinion"] = opinion
        todo = self.filtered(lambda w: w.kind == "todo" and w.state == "pending")
        self.sudo().write(vals)
        todo._remove_activities()

    def _activate(self):
        """Waiting items become pending (their turn has come)."""
        items = self.filtered(lambda w: w.state == "waiting")
        if not items:
            return
        items.sudo().write({"state": "pending"})
        items._create_activities()
        items._notify_new()

    def _set_waiting(self):
        self.sudo().write({"state": "waiting"})
        self._remove_activities()

    def _increment_urge(self):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE oa_workitem SET urge_count = urge_count + 1 WHERE id IN %s",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["urge_count"])

    def _get_descendants(self):
        """Items added (加签) below these, at any depth, in the same steps."""
        result = self.browse()
        parents = self
        pool = self.step_id.workitem_ids
        while parents:
            children = pool.filtered(lambda w, ps=parents: w.parent_id in ps) - result
            result |= children
            parents = children
        return result

    def _get_return_targets(self):
        """Earlier steps of the flow that were handled and can be returned to."""
        self.ensure_one()
        step = self.step_id
        return (
            self.flow_id.sudo()
            .step_ids.filtered(
                lambda s: s.state == "done"
                and (s.sequence, s.id) < (step.sequence, step.id)
            )
            .sorted(lambda s: (s.sequence, s.id))
        )

    def _lock_and_check(self):
        """Serialize actions on the step, then check that I may still act."""
        self.step_id.sudo()._lock_for_action()
        self._check_can_act()

    def _check_can_act(self):
        reason = self._get_cannot_act_reason(self.env.user)
        if reason:
            raise UserError(reason)

    def _get_cannot_act_reason(self, user):
        """Why ``user`` cannot act on this item, in words; ``""`` when they can."""
        self.ensure_one()
        item = self.sudo()
        if item.kind != "todo":
            return self.env._("This item is for reading only.")
        if item.user_id != user:
            if item.on_behalf_of_id == user:
                return self.env._(
                    "This item was delegated to %(delegate)s, who handles it for you.",
                    delegate=item.user_id.name,
                )
            return self.env._(
                "This item is for %(handler)s, not for you.", handler=item.user_id.name
            )
        if item.flow_id.state != "running":
            return self.env._("The flow is no longer running.")
        if item.state == "done":
            return self.env._(
                "This item has already been handled (%(result)s).",
                result=dict(
                    item._fields["result"]._description_selection(self.env)
                ).get(item.result, ""),
            )
        if item.state == "cancelled":
            return self.env._(
                "This item is no longer needed: someone else handled the step."
            )
        if item.state == "waiting":
            if item.step_id.mode == "sequence" and not item.parent_id:
                first = item.step_id.workitem_ids.filtered(
                    lambda w: w.kind == "todo" and w.state == "pending"
                )[:1]
                return self.env._(
                    "It is not your turn yet: %(user)s acts before you.",
                    user=first.user_id.name or "",
                )
            before = item.search(
                [
                    ("parent_id", "=", item.id),
                    ("add_position", "=", "before"),
                    ("state", "in", list(OPEN_STATES)),
                ]
            )
            if before:
                return self.env._(
                    "Waiting for %(users)s, whom you added before you, to act first.",
                    users=", ".join(before.user_id.mapped("name")),
                )
            if item.parent_id:
                return self.env._(
                    "You act after %(user)s, who added you.",
                    user=item.parent_id.user_id.name,
                )
            return self.env._("It is not your turn yet.")
        return ""

    def _check_opinion(self, opinion, required=False):
        if (required or self.step_id.require_opinion) and not (opinion or "").strip():
            raise UserError(self.env._("Write an opinion for this action."))

    def _check_users_can_handle(self, users):
        inactive = users.filtered(lambda u: not u.active or u.share)
        if inactive:
            raise UserError(
                self.env._(
                    "%(users)s cannot handle work items.",
                    users=", ".join(inactive.mapped("name")),
                )
            )

    def _check_chosen(self, next_users, next_leads):
        """Free routing: the next handlers chosen by this handler, within range."""
        step = self.step_id
        if not step.choose_next:
            if next_users:
                raise UserError(
                    self.env._("This step does not let you choose the next handlers.")
                )
            return None
        next_users = (next_users or self.env["res.users"]) | (
            next_leads or self.env["res.users"]
        )
        next_leads = next_leads or self.env["res.users"]
        if not next_users:
            raise UserError(self.env._("Choose who handles the next step."))
        if step.choose_lead and len(next_leads) != 1:
            raise UserError(
                self.env._("Choose exactly one lead (主办); the others assist (协办).")
            )
        if step.choice_group_id:
            outside = next_users - step.choice_group_id.sudo().users
            if outside:
                raise UserError(
                    self.env._(
                        "%(users)s cannot be chosen for the next step: allowed are "
                        "members of %(group)s.",
                        users=", ".join(outside.mapped("name")),
                        group=step.choice_group_id.name,
                    )
                )
        self._check_users_can_handle(next_users)
        return {"users": next_users, "leads": next_leads}

    # ------------------------------------------------------------
    # Scheduled: reminders and escalation
    # ------------------------------------------------------------

    def _call_model_hooks(self, hook):
        """Hand these items to their business models' ``hook``, one call per model."""
        for res_model, items in self.grouped("res_model").items():
            model = self.env.get(res_model)
            if model is not None and hasattr(model, hook):
                getattr(model, hook)(items)

    @api.model
    def _cron_deadlines(self, batch_size=1000):
        """Remind handlers before the deadline; escalate to the office after it.

        Reads only due items through the partial index ``oa_workitem_due_idx``;
        batches of ``batch_size`` and re-triggers itself while work remains.
        """
        now = fields.Datetime.now()
        hours = int(
            self.env["ir.config_parameter"].sudo().get_param("oa_base.remind_hours", 24)
        )
        soon = fields.Datetime.add(now, hours=hours)
        Item = self.sudo()
        # Due soon: within ``remind_hours`` of the deadline; a step shorter than
        # that is reminded at half its time (a two-hour step after an hour).
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT w.id FROM oa_workitem w "
                "LEFT JOIN oa_flow_step s ON s.id = w.step_id "
                "WHERE w.state = 'pending' AND w.kind = 'todo' AND NOT w.reminded "
                "AND w.deadline >= %s AND w.deadline <= %s "
                "AND (w.deadline - COALESCE(s.date_start, w.create_date) >= %s "
                "OR COALESCE(s.date_start, w.create_date) "
                "+ (w.deadline - COALESCE(s.date_start, w.create_date)) / 2 <= %s) "
                "ORDER BY w.deadline, w.id LIMIT %s",
                now,
                soon,
                timedelta(hours=hours),
                now,
                batch_size,
            )
        )
        to_remind = Item.browse([row[0] for row in self.env.cr.fetchall()])
        for user, items in to_remind.grouped("user_id").items():
            user._bus_send(
                "simple_notification",
                {
                    "type": "warning",
                    "title": self.env._("Deadline approaching"),
                    "message": self.env._(
                        "%(count)s item(s) are due soon, e.g. %(title)s",
                        count=len(items),
                        title=items[0].name,
                    ),
                },
            )
        to_remind.write({"reminded": True})
        to_remind._call_model_hooks("_oa_notify_items_due")
        overdue = Item.search(
            [
                ("kind", "=", "todo"),
                ("state", "=", "pending"),
                ("escalated", "=", False),
                ("deadline", "<", now),
            ],
            limit=batch_size,
        )
        if overdue:
            office = self.env.ref("oa_base.group_oa_office").sudo().users
            self.env["oa.trace"].sudo().create(
                [
                    flow._prepare_log_vals(
                        "escalate", step=items[0].step_id, targets=items.user_id
                    )
                    for flow, items in overdue.grouped("flow_id").items()
                ]
            )
            text = self.env._(
                "%(count)s work item(s) are overdue; see the overdue list.",
                count=len(overdue),
            )
            for user in office:
                user._bus_send(
                    "simple_notification",
                    {"type": "danger", "title": self.env._("Overdue"), "message": text},
                )
            overdue.write({"escalated": True})
            overdue._call_model_hooks("_oa_notify_items_overdue")
        if len(to_remind) == batch_size or len(overdue) == batch_size:
            self.env.ref("oa_base.ir_cron_oa_deadlines")._trigger()
        return True
