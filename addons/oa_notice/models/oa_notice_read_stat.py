# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL


class OaNoticeReadStat(models.Model):
    """Read and unread per department for one notice (a database view).

    Counts the audience snapshot only (``in_audience``); shown to the
    publisher on the notice.
    """

    _name = "oa.notice.read.stat"
    _description = "Notice Reading by Department"
    _auto = False
    _order = "unread_count desc, department_id"

    notice_id = fields.Many2one("oa.notice", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    recipient_count = fields.Integer(string="Audience Size", readonly=True)
    read_count = fields.Integer(string="Read", readonly=True)
    unread_count = fields.Integer(string="Unread", readonly=True)
    read_rate = fields.Float(string="Read (%)", readonly=True, digits=(16, 1))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT min(r.id) AS id,
                           r.notice_id,
                           r.department_id,
                           count(*) AS recipient_count,
                           count(r.date_read) AS read_count,
                           count(*) - count(r.date_read) AS unread_count,
                           round(100.0 * count(r.date_read) / count(*), 1)
                               AS read_rate
                      FROM oa_notice_recipient r
                     WHERE r.in_audience
                  GROUP BY r.notice_id, r.department_id
                )
                """,
                SQL.identifier(self._table),
            )
        )
