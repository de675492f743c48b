# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaArchiveVolume(models.Model):
    """A volume (案卷) for units that bind their items by volume: items of one
    class, in 件号 order, under a volume number ``…-J001`` of that class."""

    _name = "oa.archive.volume"
    _description = "Archive Volume (案卷)"
    _inherit = ["mail.thread"]
    _order = "year desc, code"

    name = fields.Char(string="Volume Title (案卷题名)", required=True, tracking=True)
    series_id = fields.Many2one(
        "oa.archive.series", string="Class", required=True, ondelete="restrict"
    )
    fonds_id = fields.Many2one(related="series_id.fonds_id", store=True)
    year = fields.Integer(related="series_id.year", store=True)
    retention = fields.Selection(related="series_id.retention", store=True)
    org_id = fields.Many2one(related="series_id.org_id", store=True)
    volume_no = fields.Integer(string="Volume No. (案卷号)", readonly=True, copy=False)
    code = fields.Char(string="Volume Code", readonly=True, copy=False, index=True)
    item_ids = fields.One2many("oa.archive.item", "volume_id", string="Items")
    item_count = fields.Integer(compute="_compute_item_range")
    item_range = fields.Char(string="Items (起止件号)", compute="_compute_item_range")
    pages = fields.Integer(compute="_compute_item_range", string="Pages")
    note = fields.Text(string="Notes (备考)")
    company_id = fields.Many2one(related="series_id.company_id", store=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "This volume code is already used."),
    ]

    @api.depends("item_ids.item_no", "item_ids.pages")
    def _compute_item_range(self):
        for volume in self:
            numbers = sorted(n for n in volume.item_ids.mapped("item_no") if n)
            volume.item_count = len(volume.item_ids)
            volume.pages = sum(volume.item_ids.mapped("pages"))
            volume.item_range = (
                f"{numbers[0]:04d}–{numbers[-1]:04d}" if numbers else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        volumes = super().create(vals_list)
        for volume in volumes:
            # One volume number at a time per class: the class row is locked.
            self.env.cr.execute(
                "SELECT id FROM oa_archive_series WHERE id = %s FOR UPDATE",
                [volume.series_id.id],
            )
            count = self.search_count([("series_id", "=", volume.series_id.id)])
            volume.write(
                {
                    "volume_no": count,
                    "code": f"{volume.series_id.name}-J{count:03d}",
                }
            )
        return volumes

    @api.constrains("item_ids", "series_id")
    def _check_items(self):
        for volume in self:
            stray = volume.item_ids.filtered(lambda i: i.series_id != volume.series_id)
            if stray:
                raise UserError(
                    self.env._(
                        "%(item)s is not in the class %(series)s of this volume.",
                        item=stray[0].archival_code or stray[0].name,
                        series=volume.series_id.name,
                    )
                )
