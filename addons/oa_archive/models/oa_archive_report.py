# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.oa_document.models.oa_document import SECRECY

from .oa_archive_item import ITEM_STATES
from .oa_archive_retention_rule import RETENTIONS


class OaArchiveReport(models.Model):
    """Archive statistics (档案统计), one row per item: holdings by fonds,
    year, retention, unit, kind, source and status, with their pages and
    files, as pivot, graph and an exportable list."""

    _name = "oa.archive.report"
    _description = "Archive Statistics"
    _auto = False
    _order = "year desc, archival_code"
    _rec_name = "item_id"

    item_id = fields.Many2one("oa.archive.item", string="Item", readonly=True)
    archival_code = fields.Char(string="Archival Code (档号)", readonly=True)
    fonds_id = fields.Many2one("oa.archive.fonds", string="Fonds (全宗)", readonly=True)
    year = fields.Integer(string="Year (年度)", readonly=True, aggregator=None)
    retention = fields.Selection(
        RETENTIONS, string="Retention (保管期限)", readonly=True
    )
    org_id = fields.Many2one("oa.archive.org", string="Unit (机构/问题)", readonly=True)
    kind = fields.Char(string="Kind (文种)", readonly=True)
    model_id = fields.Many2one("ir.model", string="Source", readonly=True)
    state = fields.Selection(ITEM_STATES, string="Status", readonly=True)
    secrecy = fields.Selection(SECRECY, string="Classification (密级)", readonly=True)
    date = fields.Date(string="Date (日期)", readonly=True)
    date_filed = fields.Datetime(string="Filed On", readonly=True)
    volume_id = fields.Many2one(
        "oa.archive.volume", string="Volume (案卷)", readonly=True
    )
    item_count = fields.Integer(string="Items (件数)", readonly=True)
    pages = fields.Integer(string="Pages (页数)", readonly=True)
    file_count = fields.Integer(string="Files (文档数)", readonly=True)
    file_size = fields.Float(string="Size (MB)", readonly=True, digits=(16, 2))
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT i.id AS id,
                           i.id AS item_id,
                           i.archival_code,
                           i.fonds_id,
                           i.year,
                           i.retention,
                           i.org_id,
                           i.kind,
                           m.id AS model_id,
                           i.state,
                           i.secrecy,
                           i.date,
                           i.date_filed,
                           i.volume_id,
                           1 AS item_count,
                           COALESCE(i.pages, 0) AS pages,
                           COALESCE(f.file_count, 0) AS file_count,
                           COALESCE(f.file_size, 0) / 1048576.0 AS file_size,
                           i.company_id
                      FROM oa_archive_item i
                 LEFT JOIN ir_model m ON m.model = i.res_model
                 LEFT JOIN (
                        SELECT item_id,
                               count(*) AS file_count,
                               sum(COALESCE(file_size, 0)) AS file_size
                          FROM oa_archive_file
                      GROUP BY item_id
                      ) f ON f.item_id = i.id
                )
                """,
                SQL.identifier(self._table),
            )
        )
