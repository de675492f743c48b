# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

STEP_MODES = [
    ("single", "One Handler"),
    ("all", "All Must Act (会签)"),
    ("any", "Any One (或签)"),
    ("sequence", "In Sequence (串签)"),
    ("claim", "First to Claim (抢办)"),
]

ASSIGNEE_TYPES = [
    ("users", "Named Users"),
    ("group", "Members of a Group"),
    ("initiator", "The Initiator"),
    ("initiator_manager", "Initiator's Department Leader"),
    ("initiator_supervisor", "Initiator's Supervising Leader"),
    ("department_manager", "Leader of a Department"),
    ("department_supervisor", "Supervising Leader of a Department"),
    ("chosen", "Chosen by the Previous Step"),
    ("record", "Given by the Document"),
]

# Which step fields are copied into the route snapshot of a running flow.
SNAPSHOT_FIELDS = [
    "sequence",
    "name",
    "code",
    "mode",
    "assignee_type",
    "group_id",
    "department_id",
    "choose_next",
    "choose_lead",
    "choice_group_id",
    "deadline_days",
    "deadline_days_urgent",
    "deadline_days_very_urgent",
    "allow_return",
    "allow_transfer",
    "allow_add_sign",
    "allow_circulate",
    "require_opinion",
    "skip_if_empty",
    "skip_initiator",
    "min_approvals",
    "deadline_hours",
]


class OaFlowTemplateStep(models.Model):
    """One step of a flow template: who handles it and how (mode)."""

    _name = "oa.flow.template.step"
    _description = "Flow Template Step"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "oa.flow.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Technical code, used by addons to react to steps.")
    mode = fields.Selection(STEP_MODES, required=True, default="single")
    assignee_type = fields.Selection(ASSIGNEE_TYPES, required=True, default="users")
    user_ids = fields.Many2many("res.users", string="Users")
    group_id = fields.Many2one("res.groups")
    department_id = fields.Many2one("hr.department")
    choose_next = fields.Boolean(
        string="Handler Chooses Next Handlers",
        help="Free routing: whoever completes this step picks the handlers of the "
        "next step (which must be of type 'Chosen by the Previous Step').",
    )
    choose_lead = fields.Boolean(
        string="Choose One Lead and Assistants",
        help="When choosing the next handlers, exactly one lead (主办) and any "
        "number of assistants (协办).",
    )
    choice_group_id = fields.Many2one(
        "res.groups",
        string="Choice Range",
        help="The next handlers must be members of this group. Empty: any OA user.",
    )
    deadline_days = fields.Integer(string="Working Days (normal)")
    deadline_days_urgent = fields.Integer(string="Working Days (urgent)")
    deadline_days_very_urgent = fields.Integer(string="Working Days (very urgent)")
    allow_return = fields.Boolean(default=True)
    allow_transfer = fields.Boolean(default=True)
    allow_add_sign = fields.Boolean(default=True)
    allow_circulate = fields.Boolean(default=True)
    require_opinion = fields.Boolean()
    skip_if_empty = fields.Boolean(
        string="Skip When Nobody Is Set",
        help="When the step resolves to no handler (e.g. no department to "
        "countersign), the flow passes over it instead of stopping.",
    )

    skip_initiator = fields.Boolean(
        string="Initiator Never Handles",
        help="The initiator is removed from the handlers of this step: nobody "
        "approves their own request (e.g. a department leader's own expense "
        "claim goes on to the next level).",
    )
    min_approvals = fields.Integer(
        string="Minimum Approvals",
        help="For 'All Must Act': the step is complete once this many handlers "
        "agreed (the others are no longer needed). 0: all must agree.",
    )
    deadline_hours = fields.Integer(
        string="Working Hours",
        help="Handling time of the step in working hours of the company calendar; "
        "when set, it is used instead of the working days.",
    )

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("mode", "min_approvals", "deadline_hours")
    def _check_numbers(self):
        for step in self:
            if step.min_approvals < 0 or step.deadline_hours < 0:
                raise ValidationError(
                    self.env._(
                        "Step %(step)s: the minimum approvals and the working hours "
                        "cannot be negative.",
                        step=step.name,
                    )
                )
            if step.min_approvals and step.mode != "all":
                raise ValidationError(
                    self.env._(
                        "Step %(step)s: a minimum number of approvals only applies "
                        "to the mode 'All Must Act'.",
                        step=step.name,
                    )
                )

    @api.constrains("assignee_type", "user_ids", "group_id", "department_id")
    def _check_assignee(self):
        for step in self:
            missing = (
                (step.assignee_type == "users" and not step.user_ids)
                or (step.assignee_type == "group" and not step.group_id)
                or (
                    step.assignee_type
                    in ("department_manager", "department_supervisor")
                    and not step.department_id
                )
            )
            if missing:
                raise ValidationError(
                    self.env._(
                        "Step %(step)s: choose the users, group or department "
                        "its handlers come from.",
                        step=step.name,
                    )
                )

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _prepare_flow_step_vals(self):
        self.ensure_one()
        vals = {}
        for fname in SNAPSHOT_FIELDS:
            value = self[fname]
            vals[fname] = value.id if isinstance(value, models.BaseModel) else value
        vals["user_ids"] = [(6, 0, self.user_ids.ids)]
        vals["template_step_id"] = self.id
        return vals
