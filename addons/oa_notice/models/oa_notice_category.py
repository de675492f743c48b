# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaNoticeCategory(models.Model):
    """A category of the notice board: 通知, 公告, 规章制度, 新闻 (configurable)."""

    _name = "oa.notice.category"
    _description = "Notice Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Technical code used by addons (e.g. 'news').")
    sequence = fields.Integer(default=10)
    color = fields.Integer(help="Colour of the category badge on the notice board.")
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    notice_count = fields.Integer(compute="_compute_notice_count")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A category code must be unique."),
    ]

    def _compute_notice_count(self):
        counts = dict(
            self.env["oa.notice"]._read_group(
                [("category_id", "in", self.ids)], ["category_id"], ["__count"]
            )
        )
        for category in self:
            category.notice_count = counts.get(category, 0)
