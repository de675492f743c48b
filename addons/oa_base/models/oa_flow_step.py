# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import psycopg2.errors

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, mute_logger

from .oa_flow_template_step import ASSIGNEE_TYPES, STEP_MODES


class OaFlowStep(models.Model):
    """A step of a running flow: the route snapshot taken when the flow started.

    Every action on a step writes this row (``action_count``) after locking it,
    so two people acting on the same step at the same moment can never both
    succeed: the second one waits for nothing and gets a clear message, or, if
    the first one committed after the second one's snapshot, PostgreSQL raises a
    serialization failure and Odoo replays the request, which then sees the step
    already handled.
    """

    _name = "oa.flow.step"
    _description = "Flow Step"
    _order = "flow_id, sequence, id"

    flow_id = fields.Many2one("oa.flow", required=True, ondelete="cascade", index=True)
    template_step_id = fields.Many2one("oa.flow.template.step", ondelete="set null")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    code = fields.Char()
    mode = fields.Selection(STEP_MODES, required=True, default="single")
    assignee_type = fields.Selection(ASSIGNEE_TYPES, required=True, default="users")
    user_ids = fields.Many2many(
        "res.users", "oa_flow_step_user_rel", "step_id", "user_id", string="Users"
    )
    group_id = fields.Many2one("res.groups")
    department_id = fields.Many2one("hr.department")
    choose_next = fields.Boolean()
    choose_lead = fields.Boolean()
    choice_group_id = fields.Many2one("res.groups")
    deadline_days = fields.Integer()
    deadline_days_urgent = fields.Integer()
    deadline_days_very_urgent = fields.Integer()
    allow_return = fields.Boolean(default=True)
    allow_transfer = fields.Boolean(default=True)
    allow_add_sign = fields.Boolean(default=True)
    allow_circulate = fields.Boolean(default=True)
    require_opinion = fields.Boolean()
    skip_if_empty = fields.Boolean(string="Skip When Nobody Is Set")
    skip_initiator = fields.Boolean(string="Initiator Never Handles")
    min_approvals = fields.Integer(string="Minimum Approvals")
    deadline_hours = fields.Integer(string="Working Hours")

    state = fields.Selection(
        [
            ("waiting", "Not Reached"),
            ("active", "In Progress"),
            ("done", "Done"),
            ("rejected", "Disagreed"),
            ("returned", "Returned"),
            ("cancelled", "Cancelled"),
            ("skipped", "Skipped"),
        ],
        default="waiting",
        required=True,
        index=True,
        copy=False,
    )
    date_start = fields.Datetime(copy=False)
    date_done = fields.Datetime(copy=False)
    deadline = fields.Datetime(copy=False)
    action_count = fields.Integer(
        default=0,
        copy=False,
        help="Incremented by every action on the step; the row write that makes "
        "concurrent actions on one step mutually exclusive.",
    )
    resume_step_id = fields.Many2one(
        "oa.flow.step",
        copy=False,
        help="Set when this step was returned to with 'come straight back to me': "
        "completing it jumps back to that step.",
    )
    chosen_user_ids = fields.Many2many(
        "res.users",
        "oa_flow_step_chosen_user_rel",
        "step_id",
        "user_id",
        copy=False,
        help="Handlers picked by the previous step (free routing).",
    )
    chosen_lead_ids = fields.Many2many(
        "res.users",
        "oa_flow_step_chosen_lead_rel",
        "step_id",
        "user_id",
        copy=False,
        help="Among the chosen handlers, the leads (主办); the others assist (协办).",
    )
    previous_step_id = fields.Many2one(
        "oa.flow.step",
        copy=False,
        help="The step whose completion activated this one (used by retract).",
    )
    resume_user_id = fields.Many2one("res.users", copy=False)
    workitem_ids = fields.One2many("oa.workitem", "step_id")

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _lock_for_action(self):
        """Lock the step rows and bump their action counter.

        Raises a translated ``UserError`` at once when another person holds the
        lock. Returns nothing; the caller re-reads the work items afterwards.
        """
        try:
            # A lock conflict is an expected outcome, not a bad query to log.
            with mute_logger("odoo.sql_db"):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM oa_flow_step WHERE id IN %s FOR UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
        except psycopg2.errors.LockNotAvailable as e:
            raise UserError(
                self.env._(
                    "Someone else is acting on this step right now. "
                    "Reload the record and try again."
                )
            ) from e
        self.env.cr.execute(
            SQL(
                "UPDATE oa_flow_step SET action_count = action_count + 1, "
                "write_date = now() at time zone 'UTC' WHERE id IN %s",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["action_count", "write_date"])
        # The work items may have been changed by the transaction we waited for.
        self.env["oa.workitem"].invalidate_model()

    def _get_acted_previous_step(self):
        """The step that sent the flow here, passing over skipped steps."""
        self.ensure_one()
        previous = self.previous_step_id
        while previous and previous.state == "skipped":
            previous = previous.previous_step_id
        return previous

    def _get_deadline(self, start, urgency):
        """Deadline of the step started at ``start``: working hours, else days."""
        self.ensure_one()
        calendar = self.env.company.resource_calendar_id
        if self.deadline_hours:
            return calendar.oa_add_working_hours(start, self.deadline_hours)
        days = self._get_deadline_days(urgency)
        return calendar.oa_add_working_days(start, days) if days else None

    def _get_deadline_days(self, urgency):
        self.ensure_one()
        if urgency == "very_urgent" and self.deadline_days_very_urgent:
            return self.deadline_days_very_urgent
        if urgency in ("urgent", "very_urgent") and self.deadline_days_urgent:
            return self.deadline_days_urgent
        return self.deadline_days

    def _resolve_handlers(self):
        """The users who must handle this step, resolved from hr and groups now.

        Returns ``(users, lead)``. Constant number of queries whatever the number
        of users.
        """
        self.ensure_one()
        flow = self.flow_id
        Users = self.env["res.users"]
        kind = self.assignee_type
        lead = Users
        if kind == "users":
            users = self.user_ids
        elif kind == "group":
            users = self.group_id.sudo().users
        elif kind == "initiator":
            users = flow.initiator_id
        elif kind in ("initiator_manager", "initiator_supervisor"):
            role = "manager" if kind == "initiator_manager" else "supervisor"
            users = flow.department_id._oa_get_leader_users(role)
        elif kind in ("department_manager", "department_supervisor"):
            role = "manager" if kind == "department_manager" else "supervisor"
            users = self.department_id._oa_get_leader_users(role)
        elif kind == "chosen":
            users = self.chosen_user_ids
            lead = self.chosen_lead_ids
        elif kind == "record":
            users, lead = flow._get_record()._oa_get_step_handlers(self)
        else:  # pragma: no cover - selection is closed
            users = Users
        users = users.filtered("active")
        if self.skip_initiator:
            users -= flow.initiator_id
            lead -= flow.initiator_id
        return users.sudo(False), lead
