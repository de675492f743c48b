# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL

from .oa_archive_loan import LOAN_STATES, LOAN_TYPES
from .oa_archive_retention_rule import RETENTIONS


class OaArchiveLoanReport(models.Model):
    """Loan statistics (利用统计), one row per item of a loan: loans and
    items lent by type, status, borrowing department and month, and by the
    year and retention of what was lent, with the overdue ones.

    ``loan_id`` is counted distinct (a loan of three items is one loan);
    ``item_count`` sums the items lent.
    """

    _name = "oa.archive.loan.report"
    _description = "Loan Statistics"
    _auto = False
    _order = "date desc, loan_id desc"
    _rec_name = "loan_id"

    loan_id = fields.Many2one(
        "oa.archive.loan", string="Loans", readonly=True, aggregator="count_distinct"
    )
    item_id = fields.Many2one("oa.archive.item", string="Item", readonly=True)
    borrower_id = fields.Many2one(
        "res.users", string="Borrower (借阅人)", readonly=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Borrowing Department", readonly=True
    )
    loan_type = fields.Selection(LOAN_TYPES, string="Type", readonly=True)
    state = fields.Selection(LOAN_STATES, string="Status", readonly=True)
    date = fields.Date(
        string="Requested On",
        readonly=True,
        help="The start of the loan, or the day it was requested if not started.",
    )
    date_due = fields.Datetime(string="Due (归还期限)", readonly=True)
    date_returned = fields.Datetime(string="Returned On", readonly=True)
    is_overdue = fields.Boolean(
        string="Overdue",
        readonly=True,
        help="Still on loan after its due date, or returned after it.",
    )
    item_year = fields.Integer(
        string="Item Year (年度)", readonly=True, aggregator=None
    )
    item_retention = fields.Selection(
        RETENTIONS, string="Item Retention (保管期限)", readonly=True
    )
    fonds_id = fields.Many2one("oa.archive.fonds", string="Fonds (全宗)", readonly=True)
    org_id = fields.Many2one("oa.archive.org", string="Unit (机构/问题)", readonly=True)
    item_count = fields.Integer(string="Items Lent", readonly=True)
    overdue_count = fields.Integer(string="Overdue Items", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        overdue = SQL(
            "(l.date_due IS NOT NULL AND ("
            "(l.state = 'lent' AND l.date_due < (now() AT TIME ZONE 'UTC')) "
            "OR l.date_returned > l.date_due))"
        )
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(table)s AS (
                    SELECT row_number() OVER (ORDER BY l.id, r.item_id) AS id,
                           l.id AS loan_id,
                           r.item_id,
                           l.borrower_id,
                           l.department_id,
                           l.loan_type,
                           l.state,
                           COALESCE(l.date_start, l.create_date)::date AS date,
                           l.date_due,
                           l.date_returned,
                           %(overdue)s AS is_overdue,
                           i.year AS item_year,
                           i.retention AS item_retention,
                           i.fonds_id,
                           i.org_id,
                           CASE WHEN r.item_id IS NULL THEN 0 ELSE 1 END
                               AS item_count,
                           CASE WHEN r.item_id IS NOT NULL AND %(overdue)s
                                THEN 1 ELSE 0 END AS overdue_count,
                           l.company_id
                      FROM oa_archive_loan l
                 LEFT JOIN oa_archive_loan_item_rel r ON r.loan_id = l.id
                 LEFT JOIN oa_archive_item i ON i.id = r.item_id
                )
                """,
                table=SQL.identifier(self._table),
                overdue=overdue,
            )
        )
