# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Departments as OA routing units.

Besides its manager (科长/主任), a department of a Chinese government bureau
has a *supervising leader* (分管领导): the deputy head of the bureau
(分管局长) in charge of it. Documents and approvals climb from the
department manager to that supervising leader, so routing needs both.
"""

from odoo import fields, models

LEADER_ROLE_FIELDS = {
    "manager": "manager_id",
    "supervisor": "oa_supervisor_id",
}


class HrDepartment(models.Model):
    _inherit = "hr.department"

    oa_supervisor_id = fields.Many2one(
        "hr.employee",
        string="Supervising Leader",
        index=True,
        tracking=True,
        help="分管领导: the deputy in charge of this department",
    )

    def _oa_get_leader_users(self, role):
        """Return the users leading these departments in the given role.

        :param str role: ``'manager'`` for the users of the departments'
            managers (``manager_id.user_id``), ``'supervisor'`` for the users
            of their supervising leaders (``oa_supervisor_id.user_id``).
        :return: ``res.users`` recordset (deduplicated, in the caller's
            environment); leaders without a user are skipped.

        The organisation chart is structural data every routing step needs,
        so it is read as superuser; the number of queries does not depend on
        the number of departments (one batched read per relation).
        """
        field_name = LEADER_ROLE_FIELDS.get(role)
        if not field_name:
            raise ValueError(
                "Unknown leader role %r, expected one of %s"
                % (role, ", ".join(sorted(LEADER_ROLE_FIELDS)))
            )
        users = self.sudo().mapped(field_name).mapped("user_id")
        return users.with_env(self.env)
