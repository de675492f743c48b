# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SCHEMES = [
    ("org_first", "Year – Unit – Retention (年度-机构(问题)-保管期限)"),
    ("retention_first", "Year – Retention – Unit (年度-保管期限-机构(问题))"),
]
_FONDS_CODE_RE = re.compile(r"^[A-Z0-9]{4}$")


class OaArchiveFonds(models.Model):
    """A 全宗: the archives of one 立档单位, with its 全宗号 and the class
    scheme its items are arranged by (DA/T 22-2015 §6.1, chosen once)."""

    _name = "oa.archive.fonds"
    _description = "Fonds (全宗)"
    _inherit = ["mail.thread"]
    _order = "code"

    name = fields.Char(string="Fonds Name (全宗名称)", required=True, tracking=True)
    code = fields.Char(
        string="Fonds No. (全宗号)",
        required=True,
        size=4,
        tracking=True,
        help="Four letters or digits given by the archive bureau, e.g. J001.",
    )
    category_code = fields.Char(
        string="Category Code (门类代码)",
        required=True,
        default="WS",
        size=2,
        help="WS for documents (文书).",
    )
    scheme = fields.Selection(
        SCHEMES,
        string="Class Scheme (分类方案)",
        required=True,
        default="org_first",
        tracking=True,
    )
    unit_name = fields.Char(string="Archiving Unit (立档单位名称)")
    archive_name = fields.Char(string="Archive (档案馆名称)")
    archive_code = fields.Char(string="Archive Code (档案馆代码)")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    item_count = fields.Integer(compute="_compute_item_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A fonds number is used once per company.",
        )
    ]

    def _compute_item_count(self):
        counts = dict(
            self.env["oa.archive.item"]._read_group(
                [("fonds_id", "in", self.ids), ("item_no", ">", 0)],
                ["fonds_id"],
                ["__count"],
            )
        )
        for fonds in self:
            fonds.item_count = counts.get(fonds, 0)

    @api.constrains("code", "category_code")
    def _check_code(self):
        for fonds in self:
            if not _FONDS_CODE_RE.match(fonds.code or ""):
                raise ValidationError(
                    self.env._(
                        "The fonds number %(code)s must be four capital letters or "
                        "digits, e.g. J001.",
                        code=fonds.code,
                    )
                )
            if not re.match(r"^[A-Z]{2}$", fonds.category_code or ""):
                raise ValidationError(
                    self.env._(
                        "The category code %(code)s must be two capital letters, "
                        "e.g. WS.",
                        code=fonds.category_code,
                    )
                )

    def write(self, vals):
        locked = {"code", "category_code", "scheme"} & set(vals)
        if locked:
            for fonds in self:
                changed = [f for f in locked if fonds[f] != vals[f]]
                if changed and fonds.item_count:
                    raise UserError(
                        self.env._(
                            "%(fonds)s already has numbered items: its number, "
                            "category code and class scheme are kept as they are.",
                            fonds=fonds.display_name,
                        )
                    )
        return super().write(vals)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for fonds in self:
            fonds.display_name = f"{fonds.code} {fonds.name}"

    @api.model
    def _get_default(self, company=None):
        company = company or self.env.company
        return self.search([("company_id", "=", company.id)], limit=1)
