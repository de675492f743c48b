# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OaDocumentSeal(models.Model):
    """An electronic seal (电子印章) of the issuing authority.

    Only its keepers (印章管理人) press it on a red-head PDF (用印); every use is
    recorded in ``oa.document.seal.use`` with the SHA-256 of the sealed file.
    The image is shown to the office only: others see the seal's name.
    """

    _name = "oa.document.seal"
    _description = "Electronic Seal"
    _order = "sequence, name"

    name = fields.Char(required=True, help="e.g. 江澄市统计局 (公章).")
    sequence = fields.Integer(default=10)
    image = fields.Image(
        string="Seal Image",
        max_width=512,
        max_height=512,
        groups="oa_base.group_oa_office",
        help="A red round seal on a transparent background (PNG), about 42 mm "
        "across when printed.",
    )
    keeper_ids = fields.Many2many(
        "res.users",
        "oa_document_seal_keeper_rel",
        "seal_id",
        "user_id",
        string="Keepers",
        help="The people who may press this seal (用印).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    note = fields.Text()
    use_ids = fields.One2many("oa.document.seal.use", "seal_id", string="Uses")
    use_count = fields.Integer(compute="_compute_use_count")

    @api.depends("use_ids")
    def _compute_use_count(self):
        data = self.env["oa.document.seal.use"]._read_group(
            [("seal_id", "in", self.ids)], ["seal_id"], ["__count"]
        )
        counts = {seal.id: count for seal, count in data}
        for seal in self:
            seal.use_count = counts.get(seal.id, 0)

    def action_view_uses(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "oa_document.action_oa_document_seal_use"
        )
        action["domain"] = [("seal_id", "=", self.id)]
        action["context"] = {"default_seal_id": self.id}
        return action
