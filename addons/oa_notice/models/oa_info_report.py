# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL

from .oa_info_item import INFO_STATES, INFO_TYPES


class OaInfoReport(models.Model):
    """Statistics of information submission (信息报送统计), one row per item
    submitted: submissions, adoptions, adoption rate and points by unit and
    period, as pivot, graph and an exportable list.

    The adoption rate is an average of 100 (adopted) and 0 (not): in any
    grouping it is the share of the submissions that were adopted.
    """

    _name = "oa.info.report"
    _description = "Information Submission Statistics"
    _auto = False
    _order = "date_submitted desc"
    _rec_name = "item_id"

    item_id = fields.Many2one("oa.info.item", string="Information", readonly=True)
    department_id = fields.Many2one(
        "hr.department", string="Submitting Unit", readonly=True
    )
    author_id = fields.Many2one("res.users", string="Submitted By", readonly=True)
    info_type = fields.Selection(INFO_TYPES, string="Type", readonly=True)
    state = fields.Selection(INFO_STATES, string="Status", readonly=True)
    level_id = fields.Many2one("oa.info.level", string="Adoption Level", readonly=True)
    date_submitted = fields.Datetime(string="Submitted On", readonly=True)
    date_adopted = fields.Datetime(string="Adopted On", readonly=True)
    submitted_count = fields.Integer(string="Submitted", readonly=True)
    adopted_count = fields.Integer(string="Adopted", readonly=True)
    bulletin_count = fields.Integer(string="In a Bulletin", readonly=True)
    adoption_rate = fields.Float(
        string="Adoption Rate (%)", readonly=True, aggregator="avg", digits=(16, 1)
    )
    points = fields.Float(readonly=True, digits=(16, 1))
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT i.id AS id,
                           i.id AS item_id,
                           i.department_id,
                           i.author_id,
                           i.info_type,
                           i.state,
                           i.level_id,
                           i.date_submitted,
                           i.date_adopted,
                           1 AS submitted_count,
                           CASE WHEN i.state = 'adopted' THEN 1 ELSE 0 END
                               AS adopted_count,
                           CASE WHEN b.state = 'issued' THEN 1 ELSE 0 END
                               AS bulletin_count,
                           CASE WHEN i.state = 'adopted' THEN 100.0 ELSE 0.0 END
                               AS adoption_rate,
                           COALESCE(i.points, 0) AS points,
                           i.company_id
                      FROM oa_info_item i
                 LEFT JOIN oa_info_bulletin b ON b.id = i.bulletin_id
                     WHERE i.date_submitted IS NOT NULL
                       AND i.state != 'cancelled'
                )
                """,
                SQL.identifier(self._table),
            )
        )
