# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# 代字〔2026〕12号: year in full inside 六角括号, no 第, no leading zero.
NUMBER_RE = re.compile(
    r"^(?P<code>[^\s〔〕()（）\[\]【】]+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$"
)


class OaDocumentCode(models.Model):
    """An issuing authority's code (机关代字) with its yearly number sequence.

    Numbers are ``代字〔年份〕顺序号号`` (GB/T 9704-2012 7.2.4): the year in full
    inside 六角括号, the sequence number without leading zeros or 第. Each year
    restarts at 1 (an ``ir.sequence`` with yearly date ranges, no gaps). Every
    number taken is recorded in ``oa.document.number`` so that reserved and
    skipped numbers (预留号/断号) can be reused by the office.
    """

    _name = "oa.document.code"
    _description = "Issuing Authority Code"
    _order = "sequence, name"

    name = fields.Char(string="Code (代字)", required=True)
    sequence = fields.Integer(default=10)
    org_name = fields.Char(
        string="Issuing Authority",
        required=True,
        translate=True,
        help="Full name of the issuing authority, used as 署名 and 印发机关.",
    )
    issuer_mark = fields.Char(
        string="Issuer Mark (发文机关标志)",
        required=True,
        translate=True,
        help="The red mark at the top of the document, e.g. 江澄市统计局文件.",
    )
    doc_type = fields.Selection(
        [("outgoing", "Outgoing"), ("memo", "Internal Memo")],
        required=True,
        default="outgoing",
    )
    sequence_id = fields.Many2one(
        "ir.sequence",
        string="Number Sequence",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    number_ids = fields.One2many("oa.document.number", "code_id", string="Numbers")
    reserved_count = fields.Integer(compute="_compute_reserved_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "The code (代字) must be unique.",
        )
    ]

    @api.depends("number_ids.state")
    def _compute_reserved_count(self):
        data = self.env["oa.document.number"]._read_group(
            [("code_id", "in", self.ids), ("state", "in", ("reserved", "skipped"))],
            ["code_id"],
            ["__count"],
        )
        counts = {code.id: count for code, count in data}
        for code in self:
            code.reserved_count = counts.get(code.id, 0)

    @api.constrains("name")
    def _check_name(self):
        for code in self:
            if not re.fullmatch(r"[^\s〔〕()（）\[\]【】0-9]+", code.name or ""):
                raise ValidationError(
                    self.env._(
                        "The code %(code)s may not contain spaces, digits or brackets.",
                        code=code.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        codes = super().create(vals_list)
        for code in codes:
            code.sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Document numbers %(code)s", code=code.name),
                        "code": f"oa.document.code.{code.id}",
                        "implementation": "no_gap",
                        "use_date_range": True,
                        "padding": 0,
                        "number_increment": 1,
                        "company_id": code.company_id.id,
                    }
                )
            )
        return codes

    # ------------------------------------------------------------
    # Numbers
    # ------------------------------------------------------------

    @api.model
    def _format_number(self, code, year, seq):
        return f"{code}〔{year}〕{seq}号"

    @api.model
    def _parse_number(self, text):
        """``(code, year, seq)`` of a typed 发文字号; a clear error if malformed."""
        text = (text or "").strip()
        match = NUMBER_RE.match(text)
        if match:
            return match["code"], int(match["year"]), int(match["seq"])
        raise UserError(self._describe_number_error(text))

    @api.model
    def _describe_number_error(self, text):
        _ = self.env._
        example = _("e.g. %(example)s", example="江统发〔2026〕12号")
        if re.search(r"[(（)）\[\]【】]", text):
            problem = _("the year goes in 六角括号 〔〕, not in (), （）, [] or 【】")
        elif re.search(r"〔\d{1,3}〕", text):
            problem = _("the year must be written in full, with four digits")
        elif "第" in text:
            problem = _("the sequence number takes no 第")
        elif re.search(r"〕0\d*号", text):
            problem = _("the sequence number has no leading zeros")
        elif not text.endswith("号"):
            problem = _("the number ends with 号")
        elif "〔" not in text:
            problem = _("the year in 六角括号 〔〕 is missing")
        else:
            problem = _("it must read 代字〔year〕number号")
        return _(
            "The document number %(number)s is not valid: %(problem)s (%(example)s).",
            number=text or "-",
            problem=problem,
            example=example,
        )

    def _next_seq(self, year):
        """Take the next free sequence number of ``year`` (no gaps, locked)."""
        self.ensure_one()
        Number = self.env["oa.document.number"].sudo()
        date = fields.Date.to_date(f"{year}-01-01")
        while True:
            seq = int(self.sequence_id.sudo().next_by_id(sequence_date=date))
            # A number typed by hand may already hold this value: take the next.
            if not Number.search_count(
                [("code_id", "=", self.id), ("year", "=", year), ("seq", "=", seq)]
            ):
                return seq

    def _take_number(self, year, state="used", document=None, note=None):
        """Take the next number of ``year`` and record it; returns the record."""
        self.ensure_one()
        seq = self._next_seq(year)
        return (
            self.env["oa.document.number"]
            .sudo()
            .create(
                {
                    "code_id": self.id,
                    "year": year,
                    "seq": seq,
                    "state": state,
                    "document_id": document.id if document else False,
                    "note": note,
                }
            )
        )

    def action_reserve(self, count=1, year=None, note=None):
        """预留号: take ``count`` numbers now, to be used later by the office."""
        self.ensure_one()
        if not self.env.user.has_group("oa_base.group_oa_office"):
            raise UserError(self.env._("Only the office can reserve numbers."))
        if count < 1 or count > 100:
            raise UserError(self.env._("Reserve between 1 and 100 numbers at a time."))
        year = year or fields.Date.context_today(self).year
        numbers = self.env["oa.document.number"]
        for _i in range(count):
            numbers |= self._take_number(year, state="reserved", note=note)
        return numbers
