# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class OaDelegation(models.Model):
    """外出授权: while away, a person's new work items go to a delegate.

    Valid between ``date_from`` and ``date_to``, for every flow type or only the
    chosen templates. The delegate acts "on behalf of" the delegator (the trace
    says so) and only sees the items delegated to them. Revoking hands the
    pending items back.

    Access: each user manages their own delegations and reads those made to
    them; the security officer and the office read all, the security officer
    can revoke any.
    """

    _name = "oa.delegation"
    _description = "Delegation"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Delegator",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    delegate_id = fields.Many2one("res.users", required=True, index=True, tracking=True)
    date_from = fields.Datetime(
        required=True, default=fields.Datetime.now, tracking=True
    )
    date_to = fields.Datetime(required=True, tracking=True)
    template_ids = fields.Many2many(
        "oa.flow.template",
        string="Flow Types",
        help="Empty: every flow type.",
    )
    reason = fields.Char()
    state = fields.Selection(
        [("active", "Active"), ("revoked", "Revoked")],
        default="active",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    is_current = fields.Boolean(compute="_compute_is_current")

    # ------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------

    @api.depends("user_id", "delegate_id")
    def _compute_name(self):
        for delegation in self:
            delegation.name = self.env._(
                "%(user)s → %(delegate)s",
                user=delegation.user_id.name or "",
                delegate=delegation.delegate_id.name or "",
            )

    @api.depends("state", "date_from", "date_to")
    def _compute_is_current(self):
        now = fields.Datetime.now()
        for delegation in self:
            delegation.is_current = bool(
                delegation.state == "active"
                and delegation.date_from <= now <= delegation.date_to
            )

    @api.constrains(
        "user_id", "delegate_id", "date_from", "date_to", "state", "template_ids"
    )
    def _check_delegation(self):
        for delegation in self:
            if delegation.user_id == delegation.delegate_id:
                raise ValidationError(self.env._("You cannot delegate to yourself."))
            if delegation.date_to <= delegation.date_from:
                raise ValidationError(self.env._("The end must be after the start."))
            if delegation.state != "active":
                continue
            overlapping = self.search(
                [
                    ("id", "!=", delegation.id),
                    ("user_id", "=", delegation.user_id.id),
                    ("state", "=", "active"),
                    ("date_from", "<", delegation.date_to),
                    ("date_to", ">", delegation.date_from),
                ]
            ).filtered(
                lambda d, mine=delegation.template_ids: not d.template_ids
                or not mine
                or d.template_ids & mine
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "%(user)s already has a delegation for these flow types in "
                        "this period.",
                        user=delegation.user_id.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        officer = self.env.user.has_group("oa_base.group_oa_security_officer")
        for vals in vals_list:
            if vals.get("user_id", self.env.uid) != self.env.uid and not officer:
                raise UserError(
                    self.env._(
                        "Only the security officer can delegate for someone else."
                    )
                )
        delegations = super().create(vals_list)
        Log = self.env["oa.audit.log"].sudo()
        for delegation in delegations:
            Log._log_event(
                "delegation",
                self.env._(
                    "Delegation %(name)s created by %(by)s",
                    name=delegation.name,
                    by=self.env.user.login,
                ),
                record=delegation,
            )
        return delegations

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_revoke(self):
        """Revoke: the delegator gets back the items still pending with the delegate."""
        for delegation in self:
            if delegation.state != "active":
                continue
            if self.env.user != delegation.user_id and not self.env.user.has_group(
                "oa_base.group_oa_security_officer"
            ):
                raise UserError(
                    self.env._(
                        "Only the delegator or the security officer can revoke it."
                    )
                )
            delegation.sudo().state = "revoked"
            delegation._hand_back_items()
            self.env["oa.audit.log"].sudo()._log_event(
                "delegation",
                self.env._(
                    "Delegation %(name)s revoked by %(by)s",
                    name=delegation.name,
                    by=self.env.user.login,
                ),
                record=delegation,
            )
        return True

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _hand_back_items(self):
        self.ensure_one()
        domain = [
            ("user_id", "=", self.delegate_id.id),
            ("on_behalf_of_id", "=", self.user_id.id),
            ("state", "in", ("pending", "waiting")),
        ]
        if self.template_ids:
            domain.append(("flow_id.template_id", "in", self.template_ids.ids))
        items = self.env["oa.workitem"].sudo().search(domain)
        if not items:
            return
        pending = items.filtered(lambda w: w.state == "pending" and w.kind == "todo")
        pending._remove_activities()
        items.write({"user_id": self.user_id.id, "on_behalf_of_id": False})
        pending._create_activities()
        items._notify_new()

    @api.model
    def _get_delegate_map(self, user_ids, template, res_model=None):
        """``{user_id: delegate_id}`` for the users away now, in ONE query."""
        if not user_ids:
            return {}
        now = fields.Datetime.now()
        domain = [
            ("user_id", "in", list(set(user_ids))),
            ("state", "=", "active"),
            ("date_from", "<=", now),
            ("date_to", ">=", now),
        ]
        if template:
            domain += [
                "|",
                ("template_ids", "=", False),
                ("template_ids", "in", template.ids),
            ]
        else:
            domain.append(("template_ids", "=", False))
        rows = self.search_read(domain, ["user_id", "delegate_id"], load=False)
        return {row["user_id"]: row["delegate_id"] for row in rows}
