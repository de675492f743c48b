# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Requests that consume a budget: submitted (committed) and approved.
CONSUMING_STATES = ("pending", "approved")


class OaApprovalBudget(models.Model):
    """A department's yearly budget for requests with amounts (部门预算).

    Set by the office or finance (the amounts come from the ERP's budget). A
    budget may be limited to one approval type; otherwise it covers every type
    that checks budgets. Consumed = the amounts of the department's submitted
    and approved requests dated in the year.
    """

    _name = "oa.approval.budget"
    _description = "Department Budget"
    _inherit = ["mail.thread"]
    _order = "year desc, department_id"
    _check_company_auto = True

    department_id = fields.Many2one(
        "hr.department", required=True, index=True, tracking=True, check_company=True
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
    )
    type_id = fields.Many2one(
        "oa.approval.type",
        string="Approval Type",
        check_company=True,
        help="Empty: the budget covers every approval type that checks budgets.",
        tracking=True,
    )
    amount = fields.Monetary(required=True, tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    consumed = fields.Monetary(compute="_compute_consumed")
    remaining = fields.Monetary(compute="_compute_consumed")
    note = fields.Char()

    _sql_constraints = [
        (
            "department_year_type_uniq",
            "unique NULLS NOT DISTINCT (department_id, year, type_id, company_id)",
            "A department has one budget per year and approval type.",
        ),
    ]

    @api.depends("department_id", "year", "type_id", "amount", "company_id")
    def _compute_consumed(self):
        consumed = self._get_consumed()
        for budget in self:
            budget.consumed = consumed.get(budget.id, 0.0)
            budget.remaining = budget.amount - budget.consumed

    @api.constrains("amount", "year")
    def _check_values(self):
        for budget in self:
            if budget.amount < 0:
                raise ValidationError(self.env._("A budget cannot be negative."))
            if not 2000 <= budget.year <= 2999:
                raise ValidationError(
                    self.env._("%(year)s is not a valid year.", year=budget.year)
                )

    @api.depends("department_id", "year", "type_id")
    def _compute_display_name(self):
        for budget in self:
            parts = [str(budget.year), budget.department_id.name or ""]
            if budget.type_id:
                parts.append(budget.type_id.name)
            budget.display_name = " ".join(parts)

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    @api.model
    def _find_for_requests(self, requests):
        """``{request: budget}``: the type's own budget, else the general one.

        One query whatever the number of requests.
        """
        requests = requests.filtered(lambda r: r.department_id)
        if not requests:
            return {}
        budgets = self.sudo().search_fetch(
            [
                ("department_id", "in", requests.department_id.ids),
                ("year", "in", list(set(requests.mapped("budget_year")))),
                ("company_id", "in", requests.company_id.ids),
                "|",
                ("type_id", "=", False),
                ("type_id", "in", requests.type_id.ids),
            ],
            ["department_id", "year", "type_id", "company_id", "amount"],
        )
        index = {
            (b.company_id.id, b.department_id.id, b.year, b.type_id.id or False): b
            for b in budgets
        }
        result = {}
        for request in requests:
            key = (request.company_id.id, request.department_id.id, request.budget_year)
            budget = index.get((*key, request.type_id.id)) or index.get((*key, False))
            if budget:
                result[request] = budget.with_env(self.env)
        return result

    def _get_consumed(self, exclude=None):
        """``{budget id: consumed amount}``, the ``exclude`` requests left out.

        Consumed: the amounts of the submitted and approved requests of the
        department dated in the year, of budget-checked types. A type's own
        budget takes its requests; the general budget (no type) takes those
        of the types without a budget of their own that year. Two queries
        whatever the number of budgets.
        """
        if not self:
            return {}
        budgets = self.sudo()
        departments = budgets.department_id.ids
        years = list(set(budgets.mapped("year")))
        companies = budgets.company_id.ids
        own = {
            (b.company_id.id, b.department_id.id, b.year, b.type_id.id)
            for b in budgets.search_fetch(
                [
                    ("department_id", "in", departments),
                    ("year", "in", years),
                    ("company_id", "in", companies),
                    ("type_id", "!=", False),
                ],
                ["department_id", "year", "type_id", "company_id"],
            )
        }
        domain = [
            ("department_id", "in", departments),
            ("budget_year", "in", years),
            ("state", "in", CONSUMING_STATES),
            ("type_id.budget_check", "=", True),
            ("company_id", "in", companies),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        groups = (
            self.env["oa.approval.request"]
            .sudo()
            ._read_group(
                domain,
                ["company_id", "department_id", "budget_year", "type_id"],
                ["amount:sum"],
            )
        )
        index = {
            (b.company_id.id, b.department_id.id, b.year, b.type_id.id or False): b.id
            for b in budgets
        }
        result = defaultdict(float)
        for company, department, year, req_type, amount in groups:
            key = (company.id, department.id, year, req_type.id)
            budget_id = index.get(key)
            if not budget_id and key not in own:
                budget_id = index.get((company.id, department.id, year, False))
            if budget_id:
                result[budget_id] += amount
        return result
