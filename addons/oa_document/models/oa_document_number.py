# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaDocumentNumber(models.Model):
    """One 发文字号 taken from a code's sequence: used, reserved or skipped.

    预留号 (reserved) are taken ahead for a document still being written; 断号
    (skipped) are numbers released by a cancelled document or left unused. The
    office reuses both when it numbers a document.
    """

    _name = "oa.document.number"
    _description = "Document Number"
    _order = "code_id, year desc, seq desc"

    name = fields.Char(compute="_compute_name", store=True, string="Number")
    code_id = fields.Many2one(
        "oa.document.code", required=True, ondelete="cascade", index=True
    )
    year = fields.Integer(required=True)
    seq = fields.Integer(string="Sequence Number", required=True)
    state = fields.Selection(
        [
            ("reserved", "Reserved (预留)"),
            ("skipped", "Skipped (断号)"),
            ("used", "Used"),
        ],
        required=True,
        default="reserved",
        index=True,
    )
    document_id = fields.Many2one("oa.document", ondelete="set null", index=True)
    note = fields.Char()

    _sql_constraints = [
        (
            "number_uniq",
            "unique(code_id, year, seq)",
            "This document number has already been taken.",
        ),
        ("seq_positive", "check(seq > 0)", "The sequence number starts at 1."),
    ]

    @api.depends("code_id.name", "year", "seq")
    def _compute_name(self):
        for number in self:
            number.name = self.env["oa.document.code"]._format_number(
                number.code_id.name, number.year, number.seq
            )

    def action_mark_skipped(self):
        """Give a reserved number up: it becomes a 断号 the office may reuse."""
        self._check_office()
        if self.filtered(lambda n: n.state == "used"):
            raise UserError(self.env._("A number in use cannot be marked as skipped."))
        self.write({"state": "skipped"})
        return True

    def _release(self):
        """The document gave its number back (cancelled or renumbered)."""
        self.sudo().write({"state": "skipped", "document_id": False})

    def _check_office(self):
        if not self.env.user.has_group("oa_base.group_oa_office"):
            raise UserError(self.env._("Only the office manages document numbers."))
