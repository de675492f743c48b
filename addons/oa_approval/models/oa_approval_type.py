# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

FIELD_STATES = [
    ("required", "Required"),
    ("optional", "Optional"),
    ("no", "Hidden"),
]

# Request fields an administrator shows, requires or hides per type:
# type field -> the request fields it governs.
CONFIGURABLE_FIELDS = {
    "field_amount": ("amount",),
    "field_date": ("date",),
    "field_period": ("date_start", "date_end"),
    "field_location": ("location",),
    "field_participants": ("participant_ids",),
    "field_partner": ("partner_id",),
    "field_reason": ("reason",),
    "field_attachment": ("attachment_ids",),
}


class OaApprovalType(models.Model):
    """An approval type (审批类型): the form a request asks for and its route.

    Administrators configure, without code, which fields a request shows or
    requires and who approves (the route is an ``oa.flow.template`` of the
    routing engine, edited here as the type's approval steps; steps can apply
    only above an amount). Routes are copied into every request when it is
    submitted, so editing a type never changes a running request.
    """

    _name = "oa.approval.type"
    _description = "Approval Type"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code, used in the request numbers (e.g. BX for 报销).",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    kind = fields.Selection(
        [("general", "General"), ("activity", "Official Activity")],
        required=True,
        default="general",
        tracking=True,
        help="What an approved request does in Odoo: an official activity "
        "creates the calendar event of its participants; other kinds come with "
        "their add-ons (expenses, time off, vehicles).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    group_ids = fields.Many2many(
        "res.groups",
        string="Allowed Groups",
        help="Who may submit requests of this type. Empty: every OA user.",
    )

    # Form configuration
    field_amount = fields.Selection(FIELD_STATES, string="Amount", default="no")
    field_date = fields.Selection(FIELD_STATES, string="Date", default="no")
    field_period = fields.Selection(FIELD_STATES, string="Period", default="no")
    field_location = fields.Selection(FIELD_STATES, string="Destination", default="no")
    field_participants = fields.Selection(
        FIELD_STATES, string="Participants", default="no"
    )
    field_partner = fields.Selection(FIELD_STATES, string="Partner", default="no")
    field_reason = fields.Selection(FIELD_STATES, string="Reason", default="required")
    field_attachment = fields.Selection(
        FIELD_STATES, string="Attachments", default="optional"
    )

    # Route and numbering
    flow_template_id = fields.Many2one(
        "oa.flow.template",
        string="Approval Route",
        ondelete="restrict",
        copy=False,
        domain="[('res_model', '=', 'oa.approval.request')]",
        help="The routing-engine template of this type, created with it.",
    )
    step_ids = fields.One2many(
        related="flow_template_id.step_ids",
        readonly=False,
        string="Approval Steps",
    )
    sequence_id = fields.Many2one(
        "ir.sequence", string="Numbering", copy=False, ondelete="restrict"
    )

    # Budget
    budget_check = fields.Boolean(
        string="Check Department Budget",
        help="Requests show the remaining budget of the requester's department "
        "for the year and cannot be submitted over it.",
    )
    allow_over_budget = fields.Boolean(
        help="Requests over the remaining budget can still be submitted (the "
        "approvers see the overrun).",
    )

    request_ids = fields.One2many("oa.approval.request", "type_id")
    to_approve_count = fields.Integer(compute="_compute_counts")
    my_pending_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of an approval type must be unique per company.",
        ),
    ]

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_counts(self):
        Request = self.env["oa.approval.request"]
        to_approve = dict(
            Request._read_group(
                [("type_id", "in", self.ids), ("is_my_turn", "=", True)],
                ["type_id"],
                ["__count"],
            )
        )
        mine = dict(
            Request._read_group(
                [
                    ("type_id", "in", self.ids),
                    ("user_id", "=", self.env.uid),
                    ("state", "=", "pending"),
                ],
                ["type_id"],
                ["__count"],
            )
        )
        for approval_type in self:
            approval_type.to_approve_count = to_approve.get(approval_type, 0)
            approval_type.my_pending_count = mine.get(approval_type, 0)

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("code")
    def _check_code(self):
        for approval_type in self:
            code = approval_type.code or ""
            if not code.strip() or len(code) > 10 or "%" in code:
                raise ValidationError(
                    self.env._(
                        "The code %(code)s of the approval type %(type)s must be "
                        "1 to 10 characters without '%%'.",
                        code=code,
                        type=approval_type.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        Template = self.env["oa.flow.template"].sudo()
        for vals in vals_list:
            # The route exists before the type, so that the steps typed in the
            # form of a new type are kept.
            steps = vals.pop("step_ids", None)
            if not vals.get("flow_template_id"):
                vals["flow_template_id"] = Template.create(
                    {
                        "name": vals.get("name") or "",
                        "code": self._get_template_code(vals.get("code")),
                        "res_model": "oa.approval.request",
                        "company_id": vals.get("company_id") or self.env.company.id,
                        "step_ids": steps or [],
                    }
                ).id
            elif steps:
                Template.browse(vals["flow_template_id"]).write({"step_ids": steps})
        types = super().create(vals_list)
        for approval_type in types:
            approval_type._ensure_sequence_and_route()
        return types

    def write(self, vals):
        if "kind" in vals or "company_id" in vals:
            used = self.filtered(
                lambda t: (
                    ("kind" in vals and t.kind != vals["kind"])
                    or ("company_id" in vals and t.company_id.id != vals["company_id"])
                )
            )
            if used and self.env["oa.approval.request"].sudo().search_count(
                [("type_id", "in", used.ids)], limit=1
            ):
                raise UserError(
                    self.env._(
                        "The kind and the company of an approval type cannot change "
                        "once it has requests: create a new type and archive this one."
                    )
                )
        res = super().write(vals)
        if "name" in vals or "code" in vals:
            for approval_type in self:
                approval_type._sync_route_and_sequence()
        return res

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default)
        for approval_type, vals in zip(self, vals_list, strict=True):
            if "name" not in default:
                vals["name"] = self.env._("%(name)s (copy)", name=approval_type.name)
            if "code" not in default:
                vals["code"] = approval_type._get_free_code()
        return vals_list

    def copy(self, default=None):
        new_types = super().copy(default)
        for old, new in zip(self, new_types, strict=True):
            # The copy gets its own route with the same steps.
            for step in old.sudo().flow_template_id.step_ids:
                step.copy({"template_id": new.sudo().flow_template_id.id})
        return new_types

    @api.model
    def _get_template_code(self, code):
        return f"approval_{code or ''}"

    def _get_free_code(self):
        """A code like ``BX2`` not used yet in the company (for copies)."""
        self.ensure_one()
        taken = set(
            self.with_context(active_test=False)
            .sudo()
            .search([("company_id", "=", self.company_id.id)])
            .mapped("code")
        )
        index = 2
        while True:
            suffix = str(index)
            code = f"{self.code[: 10 - len(suffix)]}{suffix}"
            if code not in taken:
                return code
            index += 1

    def _ensure_sequence_and_route(self):
        """Create the type's numbering sequence and route template if missing."""
        self.ensure_one()
        sudo = self.sudo()
        if not sudo.sequence_id:
            sudo.sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Approval %(type)s", type=self.name),
                        "code": f"oa.approval.request.{self.code}",
                        "prefix": f"{self.code}-%(range_year)s-",
                        "padding": 4,
                        "use_date_range": True,
                        "implementation": "no_gap",
                        "company_id": self.company_id.id,
                    }
                )
            )
        if not sudo.flow_template_id:
            sudo.flow_template_id = (
                self.env["oa.flow.template"]
                .sudo()
                .create(
                    {
                        "name": self.name,
                        "code": self._get_template_code(self.code),
                        "res_model": "oa.approval.request",
                        "company_id": self.company_id.id,
                    }
                )
            )

    def _sync_route_and_sequence(self):
        """After a rename or a new code: route name, number prefix follow."""
        self.ensure_one()
        sudo = self.sudo()
        if sudo.flow_template_id and sudo.flow_template_id.name != self.name:
            sudo.flow_template_id.name = self.name
        sequence = sudo.sequence_id
        prefix = f"{self.code}-%(range_year)s-"
        if sequence and sequence.prefix != prefix:
            sequence.write(
                {
                    "prefix": prefix,
                    "code": f"oa.approval.request.{self.code}",
                    "name": self.env._("Approval %(type)s", type=self.name),
                }
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_new_request(self):
        """Open a new request of this type (the dashboard's button)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.approval.request",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_type_id": self.id},
        }

    def action_open_to_approve(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oa_approval.oa_approval_request_action_to_approve"
        )
        action["domain"] = [("type_id", "=", self.id), ("is_my_turn", "=", True)]
        return action

    def action_open_route(self):
        self.ensure_one()
        self._ensure_sequence_and_route()
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.flow.template",
            "res_id": self.flow_template_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _get_field_states(self):
        """``{request field: 'required'|'optional'|'no'}`` of this type."""
        self.ensure_one()
        states = {}
        for type_field, request_fields in CONFIGURABLE_FIELDS.items():
            for fname in request_fields:
                states[fname] = self[type_field]
        return states

    def _is_allowed_for(self, user):
        """Whether ``user`` may submit requests of this type (its groups)."""
        self.ensure_one()
        groups = self.sudo().group_ids
        return not groups or bool(groups & user.groups_id)

    def _get_form_snapshot(self):
        """The form configuration kept by a request when it is submitted.

        ``{type field: state}`` for every ``field_*`` setting of the type (those
        of the add-ons included), so that editing the type later never changes
        what a running request shows or requires.
        """
        self.ensure_one()
        return {
            fname: self[fname]
            for fname, field in self._fields.items()
            if fname.startswith("field_") and field.type == "selection"
        }
