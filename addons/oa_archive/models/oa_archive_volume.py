# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaArchiveVolume(models.Model):
    """A volume (案卷) for units that bind their items by volume: items of one
    class, in 件号 order, under a volume number ``…-J001`` of that class.

    Volume numbers run without gaps within their class (the class row is
    locked while one is taken, see ``oa.archive.series._next_volume_no``);
    a numbered volume is never deleted. Archivists make and change volumes;
    clerks read them. The volume report prints the cover, the list of the
    items in the volume (卷内目录) and the volume's notes sheet (备考表).
    """

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
    pages = fields.Integer(compute="_compute_item_range")
    date_start = fields.Date(string="From (起始日期)", compute="_compute_item_range")
    date_end = fields.Date(string="To (终止日期)", compute="_compute_item_range")
    note = fields.Text(string="Notes (备考)")
    user_id = fields.Many2one(
        "res.users",
        string="Made By (立卷人)",
        default=lambda self: self.env.user,
        tracking=True,
    )
    checker_id = fields.Many2one(
        "res.users", string="Checked By (检查人)", tracking=True
    )
    date_made = fields.Date(
        string="Made On (立卷时间)", default=fields.Date.context_today
    )
    company_id = fields.Many2one(related="series_id.company_id", store=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "This volume code is already used."),
    ]

    @api.depends("item_ids.item_no", "item_ids.pages", "item_ids.date")
    def _compute_item_range(self):
        for volume in self:
            numbers = sorted(n for n in volume.item_ids.mapped("item_no") if n)
            dates = sorted(d for d in volume.item_ids.mapped("date") if d)
            volume.item_count = len(volume.item_ids)
            volume.pages = sum(volume.item_ids.mapped("pages"))
            volume.item_range = (
                f"{numbers[0]:04d}–{numbers[-1]:04d}" if numbers else False
            )
            volume.date_start = dates[0] if dates else False
            volume.date_end = dates[-1] if dates else False

    @api.constrains("item_ids", "series_id")
    def _check_items(self):
        for volume in self:
            stray = volume.item_ids.filtered(
                lambda i, series=volume.series_id: i.series_id != series
            )
            if stray:
                raise UserError(
                    self.env._(
                        "%(item)s is not in the class %(series)s of this volume.",
                        item=stray[0].archival_code or stray[0].name,
                        series=volume.series_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        volumes = super().create(vals_list)
        for volume in volumes:
            number = volume.series_id._next_volume_no()
            volume.write(
                {
                    "volume_no": number,
                    "code": f"{volume.series_id.name}-J{number:03d}",
                }
            )
        return volumes

    def write(self, vals):
        if "series_id" in vals and any(
            volume.volume_no and volume.series_id.id != vals["series_id"]
            for volume in self
        ):
            raise UserError(
                self.env._(
                    "A numbered volume stays in its class: make a new volume instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_not_numbered(self):
        numbered = self.filtered("volume_no")
        if numbered:
            raise UserError(
                self.env._(
                    "%(code)s is numbered: a volume is never deleted (its number "
                    "would leave a gap). Take its items out instead.",
                    code=numbered[0].code,
                )
            )

    # ------------------------------------------------------------
    # Report
    # ------------------------------------------------------------

    def _get_report_items(self):
        """The items of the volume in 件号 order (卷内目录)."""
        self.ensure_one()
        return self.item_ids.sorted(lambda i: (i.item_no, i.id))
