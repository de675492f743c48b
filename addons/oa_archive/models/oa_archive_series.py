# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .oa_archive_retention_rule import RETENTIONS


class OaArchiveSeries(models.Model):
    """The lowest class of a fonds (年度 + 保管期限 + 机构): its items are
    numbered 0001, 0002, … without gaps by a no-gap ``ir.sequence``.

    Filing locks the sequence row (``FOR UPDATE NOWAIT``): two clerks filing
    into one class at once get consecutive numbers, the second after Odoo
    retries its transaction. A number is only taken in the transaction that
    files the item, so a failed filing never leaves a gap.
    """

    _name = "oa.archive.series"
    _description = "Archive Class (最低一级类目)"
    _order = "year desc, fonds_id, retention, org_id"

    name = fields.Char(string="Class", compute="_compute_name", store=True)
    fonds_id = fields.Many2one("oa.archive.fonds", required=True, ondelete="restrict")
    year = fields.Integer(string="Year (年度)", required=True)
    retention = fields.Selection(RETENTIONS, string="Retention", required=True)
    org_id = fields.Many2one(
        "oa.archive.org", string="Unit (机构/问题)", required=True, ondelete="restrict"
    )
    sequence_id = fields.Many2one("ir.sequence", readonly=True, ondelete="restrict")
    item_ids = fields.One2many("oa.archive.item", "series_id")
    item_count = fields.Integer(compute="_compute_item_count")
    company_id = fields.Many2one(related="fonds_id.company_id", store=True)

    _sql_constraints = [
        (
            "class_uniq",
            "unique(fonds_id, year, retention, org_id)",
            "This class already exists.",
        )
    ]

    @api.depends(
        "fonds_id.code", "fonds_id.category_code", "year", "retention", "org_id.code"
    )
    def _compute_name(self):
        for series in self:
            series.name = series._get_prefix()

    def _compute_item_count(self):
        counts = dict(
            self.env["oa.archive.item"]._read_group(
                [("series_id", "in", self.ids), ("item_no", ">", 0)],
                ["series_id"],
                ["__count"],
            )
        )
        for series in self:
            series.item_count = counts.get(series, 0)

    def _get_prefix(self):
        """``全宗号-门类代码·年度-保管期限-机构代码`` (DA/T 22-2015 §9.2)."""
        self.ensure_one()
        return (
            f"{self.fonds_id.code}-{self.fonds_id.category_code}·{self.year}"
            f"-{self.retention}-{self.org_id.code}"
        )

    @api.model
    def _get_or_create(self, fonds, year, retention, org):
        series = self.sudo().search(
            [
                ("fonds_id", "=", fonds.id),
                ("year", "=", year),
                ("retention", "=", retention),
                ("org_id", "=", org.id),
            ],
            limit=1,
        )
        if not series:
            series = self.sudo().create(
                {
                    "fonds_id": fonds.id,
                    "year": year,
                    "retention": retention,
                    "org_id": org.id,
                }
            )
        return series

    def _next_item_no(self):
        """Take the next 件号 of the class (no gap; see the class docstring)."""
        self.ensure_one()
        series = self.sudo()
        if not series.sequence_id:
            series.sequence_id = self.env["ir.sequence"].sudo().create(
                {
                    "name": self.env._("Archive items %(series)s", series=self.name),
                    "code": False,
                    "implementation": "no_gap",
                    "padding": 4,
                    "number_next": 1,
                    "company_id": series.company_id.id,
                }
            )
        return int(series.sequence_id.next_by_id())

    def _get_gaps(self):
        """``{series: [missing numbers]}`` between 1 and the highest 件号."""
        if not self:
            return {}
        self.env["oa.archive.item"].flush_model(["series_id", "item_no"])
        self.env.cr.execute(
            """
            SELECT series_id, array_agg(item_no ORDER BY item_no)
              FROM oa_archive_item
             WHERE series_id = ANY(%s) AND item_no > 0
          GROUP BY series_id
            """,
            [self.ids],
        )
        gaps = {}
        for series_id, numbers in self.env.cr.fetchall():
            missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
            if missing:
                gaps[self.browse(series_id)] = missing
        return gaps
