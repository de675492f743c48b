# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

DIRECTIONS = [
    ("up", "Upward (上行文)"),
    ("down", "Downward (下行文)"),
    ("parallel", "Parallel (平行文)"),
    ("publish", "Published (公布)"),
    ("any", "Any Direction"),
    ("none", "No Direction"),
]

LAYOUTS = [
    ("standard", "Document (文件格式)"),
    ("letter", "Letter (信函格式)"),
    ("order", "Order (命令格式)"),
    ("minutes", "Minutes (纪要格式)"),
]


class OaDocumentKind(models.Model):
    """A document kind (文种), one of the fifteen of 条例 第八条."""

    _name = "oa.document.kind"
    _description = "Document Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical code, e.g. request, report.")
    title_word = fields.Char(
        string="Word in the Title",
        required=True,
        help="The kind as it ends a document title, e.g. 请示 (GB/T 9704 标题).",
    )
    sequence = fields.Integer(default=10)
    direction = fields.Selection(DIRECTIONS, required=True, default="down")
    layout = fields.Selection(LAYOUTS, required=True, default="standard")
    needs_seal = fields.Boolean(
        default=True,
        help="Documents of this kind carry the seal of the issuing authority "
        "(a minutes document usually does not).",
    )
    usage = fields.Text(translate=True, help="When to use this kind (条例 第八条).")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a document kind must be unique.")
    ]
