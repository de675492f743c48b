# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL

from .oa_archive_retention_rule import RETENTIONS

# Classifications shown in the open catalogue; classified items (涉密) are not.
OPEN_SECRECY = ("none", "internal")


class OaArchiveCatalogue(models.Model):
    """The open catalogue (开放目录) every OA user searches to borrow.

    A read-only view of the filed items that are not classified, with their
    catalogue entry only: no file, no handling record, no classified item.
    Its id is the item's id, so a loan picks entries here and lends the items.
    """

    _name = "oa.archive.catalogue"
    _description = "Open Catalogue (开放目录)"
    _auto = False
    _order = "year desc, archival_code"
    _rec_name = "name"

    archival_code = fields.Char(string="Archival Code (档号)", readonly=True)
    name = fields.Char(string="Title (题名)", readonly=True)
    doc_number = fields.Char(string="Document No. (文号)", readonly=True)
    author = fields.Char(string="Author (责任者)", readonly=True)
    date = fields.Date(string="Date (日期)", readonly=True)
    year = fields.Integer(string="Year (年度)", readonly=True)
    retention = fields.Selection(
        RETENTIONS, string="Retention (保管期限)", readonly=True
    )
    org_id = fields.Many2one("oa.archive.org", string="Unit (机构/问题)", readonly=True)
    fonds_id = fields.Many2one("oa.archive.fonds", string="Fonds (全宗)", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT item.id, item.archival_code, item.name,
                           item.doc_number, item.author, item.date, item.year,
                           item.retention, item.org_id, item.fonds_id,
                           item.company_id
                      FROM oa_archive_item item
                     WHERE item.state = 'filed'
                       AND item.secrecy IN %s
                )
                """,
                SQL.identifier(self._table),
                OPEN_SECRECY,
            )
        )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_borrow(self):
        """A new loan request for these entries."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Borrow"),
            "res_model": "oa.archive.loan",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_catalogue_ids": [(6, 0, self.ids)]},
        }
