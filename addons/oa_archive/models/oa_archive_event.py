# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaArchiveEvent(models.Model):
    """One handling step of an archived item's source, kept as business
    metadata (业务实体: 业务行为, 行为时间, 机构人员; GB/T 18894-2016, DA/T 46).

    Copied from the routing engine's trace when the item is proposed, so the
    record survives whatever later happens to the source.
    """

    _name = "oa.archive.event"
    _description = "Archived Handling Step (业务行为)"
    _order = "item_id, sequence, date, id"

    item_id = fields.Many2one(
        "oa.archive.item", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    action = fields.Char(string="Action (业务行为)", required=True)
    date = fields.Datetime(string="Time (行为时间)", required=True)
    user_id = fields.Many2one("res.users", string="User", ondelete="set null")
    agent_name = fields.Char(string="Person (机构人员名称)", required=True)
    department_name = fields.Char(string="Unit (机构)")
    position = fields.Char(string="Position (个人职位)")
    on_behalf_of = fields.Char()
    step_name = fields.Char(string="Step (业务状态)")
    description = fields.Text(string="Description (行为描述)")
    basis = fields.Char(string="Basis (行为依据)")
