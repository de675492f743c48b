# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import AccessDenied, ValidationError

GROUP_FIELDS_PREFIXES = ("in_group_", "sel_groups_")


class ResUsers(models.Model):
    _inherit = "res.users"

    # ------------------------------------------------------------
    # Constraints: 三员分立
    # ------------------------------------------------------------

    @api.constrains("groups_id")
    def _check_oa_separation_of_duties(self):
        """The system administrator, the security officer and the auditor are
        three different people; the auditor takes no part in OA work."""
        ref = self.env.ref
        system = ref("base.group_system")
        officer = ref("oa_base.group_oa_security_officer", raise_if_not_found=False)
        auditor = ref("oa_base.group_oa_auditor", raise_if_not_found=False)
        oa_user = ref("oa_base.group_oa_user", raise_if_not_found=False)
        if not (officer and auditor and oa_user):
            return  # during the install of the groups themselves
        for user in self:
            groups = user.groups_id
            if auditor in groups and (groups & (system | officer | oa_user)):
                raise ValidationError(
                    self.env._(
                        "%(user)s is an auditor: an auditor cannot also be a system "
                        "administrator, a security officer or an OA user.",
                        user=user.name,
                    )
                )
            if officer in groups and system in groups:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be both the security officer and a system "
                        "administrator.",
                        user=user.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD: audit rights changes
    # ------------------------------------------------------------

    def write(self, vals):
        audit = "groups_id" in vals or any(
            key.startswith(GROUP_FIELDS_PREFIXES) for key in vals
        )
        before = {user.id: user.groups_id for user in self} if audit else {}
        res = super().write(vals)
        if audit:
            Log = self.env["oa.audit.log"].sudo()
            for user in self:
                added = user.groups_id - before[user.id]
                removed = before[user.id] - user.groups_id
                if not (added or removed):
                    continue
                Log._log_event(
                    "groups",
                    self.env._(
                        "Rights of %(user)s changed by %(by)s: added %(added)s; "
                        "removed %(removed)s",
                        user=user.login,
                        by=self.env.user.login,
                        added=", ".join(added.mapped("full_name")) or "-",
                        removed=", ".join(removed.mapped("full_name")) or "-",
                    ),
                    record=user,
                )
        return res

    # ------------------------------------------------------------
    # Login audit
    # ------------------------------------------------------------

    @api.model
    def _update_last_login(self):
        res = super()._update_last_login()
        self.env["oa.audit.log"].sudo()._log_event(
            "login", self.env._("Login of %(login)s", login=self.env.user.login)
        )
        return res

    @classmethod
    def _login(cls, db, credential, user_agent_env):
        try:
            return super()._login(db, credential, user_agent_env)
        except AccessDenied:
            login = credential.get("login")
            with cls.pool.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                env["oa.audit.log"]._log_event(
                    "login_failed",
                    env._("Failed login for %(login)s", login=login),
                    user=env["res.users"],
                    login=login,
                )
            raise
