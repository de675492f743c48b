# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OaArchiveOrg(models.Model):
    """A 机构(问题) class of the archives, with its three-letter code (BGS for
    办公室), and the departments whose documents it takes."""

    _name = "oa.archive.org"
    _description = "Archive Unit Class (机构/问题)"
    _order = "sequence, code"

    name = fields.Char(string="Unit or Subject (机构/问题)", required=True)
    code = fields.Char(
        string="Code (机构代码)", required=True, size=3, help="e.g. BGS for 办公室."
    )
    sequence = fields.Integer(default=10)
    department_ids = fields.Many2many(
        "hr.department",
        "oa_archive_org_department_rel",
        "org_id",
        "department_id",
        string="Departments",
        help="Documents handled by these departments are filed under this class.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A unit code is used once per company.",
        )
    ]

    @api.constrains("code")
    def _check_code(self):
        for org in self:
            if not re.match(r"^[A-Z0-9]{2,3}$", org.code or ""):
                raise ValidationError(
                    self.env._(
                        "The unit code %(code)s must be two or three capital letters "
                        "or digits, e.g. BGS.",
                        code=org.code,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for org in self:
            org.display_name = f"{org.code} {org.name}"

    @api.model
    def _find_for_department(self, department, company=None, orgs=None):
        """The class of ``department`` or of its nearest parent, if any, among
        ``orgs`` when given (the classes searched once for a batch)."""
        company = company or self.env.company
        if orgs is None:
            orgs = self.search([("company_id", "=", company.id)])
        else:
            orgs = orgs.filtered(lambda org: org.company_id == company)
        by_department = {}
        for org in orgs:
            for dept in org.department_ids:
                by_department.setdefault(dept.id, org)
        while department:
            if department.id in by_department:
                return by_department[department.id]
            department = department.parent_id
        return self.browse()
