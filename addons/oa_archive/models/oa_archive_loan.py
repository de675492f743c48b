# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

LOAN_TYPES = [
    ("electronic", "Electronic (电子借阅)"),
    ("physical", "Physical (实体借阅)"),
]
LOAN_STATES = [
    ("draft", "Draft"),
    ("pending", "Awaiting Approval"),
    ("lent", "On Loan"),
    ("returned", "Returned"),
    ("expired", "Expired"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]


class OaArchiveLoan(models.Model):
    """A loan (借阅) of archived items, approved on the routing engine.

    An electronic loan gives its borrower read access to the items' files
    until ``date_due``, then ends by itself; a physical loan lends the paper
    items and is returned to the archivist, who reminds (催还) when overdue.
    """

    _name = "oa.archive.loan"
    _description = "Archive Loan (借阅)"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.flow.mixin"]
    _order = "id desc"

    name = fields.Char(
        string="Loan No.", readonly=True, copy=False, default="/", index=True
    )
    borrower_id = fields.Many2one(
        "res.users",
        string="Borrower (借阅人)",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
    )
    loan_type = fields.Selection(
        LOAN_TYPES, string="Type", required=True, default="electronic", tracking=True
    )
    item_ids = fields.Many2many(
        "oa.archive.item",
        "oa_archive_loan_item_rel",
        "loan_id",
        "item_id",
        string="Items",
        required=True,
    )
    purpose = fields.Text(string="Purpose (利用目的)", required=True)
    date_start = fields.Datetime(string="From", tracking=True)
    date_due = fields.Datetime(string="Due (归还期限)", tracking=True, index=True)
    date_returned = fields.Datetime(string="Returned On", readonly=True, copy=False)
    state = fields.Selection(
        LOAN_STATES, default="draft", required=True, tracking=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("borrower_id")
    def _compute_department_id(self):
        for loan in self:
            loan.department_id = loan.borrower_id.employee_id.department_id
