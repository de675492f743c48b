# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request

AUDIT_EVENTS = [
    ("login", "Login"),
    ("login_failed", "Failed Login"),
    ("groups", "Access Rights Changed"),
    ("delegation", "Delegation"),
    ("flow_terminate", "Flow Terminated"),
    ("config", "Configuration Changed"),
]


class OaAuditLog(models.Model):
    """Security audit log (安全审计), kept apart from Odoo's own logs.

    Odoo's garbage collection keeps only each user's last ``res.users.log`` row
    and deletes old read notifications; this table is append-only and never
    vacuumed, so the auditor (安全审计员) can review logins, rights changes,
    delegations and terminated flows. Only the auditor and the security officer
    read it; nobody can change or delete a row.
    """

    _name = "oa.audit.log"
    _description = "Audit Log"
    _order = "date desc, id desc"
    _rec_name = "description"

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    event = fields.Selection(AUDIT_EVENTS, required=True, index=True)
    user_id = fields.Many2one("res.users", string="User", index=True)
    login = fields.Char()
    description = fields.Char(required=True)
    res_model = fields.Char(string="Model")
    res_id = fields.Many2oneReference(string="Record", model_field="res_model")
    ip_address = fields.Char(string="IP Address")

    def write(self, vals):
        if self:
            raise UserError(
                self.env._("The audit log is append-only: it cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("The audit log is append-only: it cannot be deleted.")
        )

    @api.model
    def _log_event(self, event, description, record=None, user=None, login=None):
        """Append one audit row; callers use ``sudo()``."""
        ip_address = False
        if request:
            ip_address = request.httprequest.environ.get("REMOTE_ADDR")
        user = user or self.env.user
        return self.create(
            {
                "event": event,
                "description": description,
                "user_id": user.id if user else False,
                "login": login or (user.login if user else False),
                "res_model": record._name if record else False,
                "res_id": record.id if record else False,
                "ip_address": ip_address,
            }
        )
