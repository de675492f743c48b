# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

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
    retention = fields.Selection(RETENTIONS, required=True)
    org_id = fields.Many2one(
        "oa.archive.org", string="Unit (机构/问题)", required=True, ondelete="restrict"
    )
    sequence_id = fields.Many2one("ir.sequence", readonly=True, ondelete="restrict")
    last_volume_no = fields.Integer(
        string="Last Volume No.", readonly=True, copy=False, default=0
    )
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
        """The class of these values, created with its number sequence when
        it is the first item of the class.

        Classes of a fonds are created one at a time: the fonds row is locked
        (``NOWAIT``), so a clerk filing into the same new class at the same
        moment gets a concurrency error and Odoo replays the request, which
        then finds the class.
        """
        domain = [
            ("fonds_id", "=", fonds.id),
            ("year", "=", year),
            ("retention", "=", retention),
            ("org_id", "=", org.id),
        ]
        series = self.sudo().search(domain, limit=1)
        if series:
            return series
        self.env.cr.execute(
            SQL(
                "SELECT id FROM oa_archive_fonds WHERE id = %s "
                "FOR NO KEY UPDATE NOWAIT",
                fonds.id,
            )
        )
        try:
            with self.env.cr.savepoint():
                series = self.sudo().create(
                    {
                        "fonds_id": fonds.id,
                        "year": year,
                        "retention": retention,
                        "org_id": org.id,
                    }
                )
                series._get_sequence()
        except psycopg2.errors.UniqueViolation:
            # Created and committed by another user since this transaction
            # began: it cannot be seen from here.
            raise UserError(
                self.env._(
                    "Another user has just opened this class. Please file again."
                )
            ) from None
        return series

    def _get_sequence(self):
        """The no-gap sequence of the class's 件号 (created at first use)."""
        self.ensure_one()
        series = self.sudo()
        if not series.sequence_id:
            series.sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._(
                            "Archive items %(series)s", series=self.name
                        ),
                        "code": False,
                        "implementation": "no_gap",
                        "padding": 4,
                        "number_next": 1,
                        "company_id": series.company_id.id,
                    }
                )
            )
        return series.sequence_id

    def _next_item_no(self):
        """Take the next 件号 of the class (no gap; see the class docstring)."""
        self.ensure_one()
        return int(self._get_sequence().next_by_id())

    def _next_volume_no(self):
        """Take the next 案卷号 of the class: the class row is locked and its
        counter raised in this transaction (no gap, no number twice)."""
        self.ensure_one()
        self.flush_recordset(["last_volume_no"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM oa_archive_series WHERE id = %s "
                "FOR NO KEY UPDATE NOWAIT",
                self.id,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE oa_archive_series SET last_volume_no = "
                "COALESCE(last_volume_no, 0) + 1 WHERE id = %s "
                "RETURNING last_volume_no",
                self.id,
            )
        )
        number = self.env.cr.fetchone()[0]
        self.invalidate_recordset(["last_volume_no"])
        return number

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
