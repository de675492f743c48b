# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaDocumentNumberAssign(models.TransientModel):
    """登记编号: the next number, a reserved/skipped one, or one typed by hand."""

    _name = "oa.document.number.assign"
    _description = "Number a Document"

    document_id = fields.Many2one("oa.document", required=True)
    code_id = fields.Many2one("oa.document.code", required=True)
    year = fields.Integer(required=True)
    mode = fields.Selection(
        [
            ("next", "Next Number"),
            ("reuse", "A Reserved or Skipped Number"),
            ("manual", "Type the Number"),
        ],
        required=True,
        default="next",
    )
    number_id = fields.Many2one(
        "oa.document.number",
        string="Number to Reuse",
        domain="[('code_id', '=', code_id), ('year', '=', year), "
        "('state', 'in', ('reserved', 'skipped'))]",
    )
    manual_number = fields.Char(string="Number")

    @api.model
    def default_get(self, fields_list):
        vals = super().default_get(fields_list)
        doc = self.env["oa.document"].browse(vals.get("document_id"))
        if doc:
            vals.setdefault("code_id", doc.code_id.id)
            year = (doc.date_written or fields.Date.context_today(self)).year
            vals.setdefault("year", year)
        return vals

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("oa_base.group_oa_clerk"):
            raise UserError(self.env._("Only the office numbers documents."))
        doc = self.document_id
        if doc.doc_type == "incoming":
            raise UserError(self.env._("Incoming documents keep the sender's number."))
        if doc.number_id:
            raise UserError(
                self.env._(
                    "%(doc)s already has the number %(number)s.",
                    doc=doc.name,
                    number=doc.doc_number,
                )
            )
        code = self.code_id.sudo()
        Number = self.env["oa.document.number"].sudo()
        if self.mode == "next":
            number = code._take_number(self.year, state="used", document=doc)
        elif self.mode == "reuse":
            if not self.number_id:
                raise UserError(self.env._("Choose the number to reuse."))
            number = self.number_id
        else:
            name, year, seq = code._parse_number(self.manual_number)
            if name != code.name:
                raise UserError(
                    self.env._(
                        "%(number)s does not use the code %(code)s.",
                        number=self.manual_number,
                        code=code.name,
                    )
                )
            number = Number.search(
                [("code_id", "=", code.id), ("year", "=", year), ("seq", "=", seq)]
            )
            if number.state == "used":
                raise UserError(
                    self.env._(
                        "%(number)s is already used by %(doc)s.",
                        number=number.name,
                        doc=number.document_id.name or "-",
                    )
                )
            if not number:
                number = Number.create(
                    {
                        "code_id": code.id,
                        "year": year,
                        "seq": seq,
                        "state": "used",
                        "document_id": doc.id,
                    }
                )
        if doc.code_id != code:
            doc.sudo().code_id = code
        doc._assign_number(number)
        return {"type": "ir.actions.act_window_close"}
