# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import functools
import io
import logging
import re
import subprocess
import unicodedata

from markupsafe import Markup
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.pdf import (
    DecodedStreamObject,
    NameObject,
    PdfFileReader,
    PdfFileWriter,
)

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)

REDHEAD_REPORT = "oa_document.action_report_oa_document_redhead"
SEAL_RED = colors.Color(215 / 255, 0, 15 / 255)
# GB/T 9704-2012: A4, 版心 156 × 225 mm, 天头 37 mm, 订口 28 mm.
PAGE_LEFT = 28 * mm
TEXT_WIDTH = 156 * mm
TEXT_BOTTOM = (297 - 37 - 225) * mm  # from the bottom edge of the page
CHAR = 14  # 4号 (pt): page numbers, one character of indentation
WORD_SPACE = 3  # pt added to each space of the page number
LETTER_MARGIN_TOP = 30  # 信函格式: the issuer mark 30 mm from the top of the page
# wkhtmltopdf built on a Qt without its patches ignores --dpi, --zoom and
# --disable-smart-shrinking and prints 125 CSS px to the inch: a CSS zoom of
# 125/96 brings CSS millimetres back to paper millimetres.
UNPATCHED_QT_ZOOM = 125 / 96
# What the red head shows: a change to any of these calls for a new one.
REDHEAD_FIELDS = (
    "name",
    "body",
    "kind_id",
    "code_id",
    "issuer_mark",
    "doc_number",
    "signer_id",
    "copy_no",
    "secrecy",
    "secrecy_period",
    "urgency",
    "main_to",
    "cc",
    "attachment_note",
    "signature_org",
    "date_written",
    "note",
    "print_org",
    "print_date",
)


# Noto CJK draws a Kangxi radical and its ideograph with one glyph, and Qt
# writes the lowest code point into the PDF's text map: 文 would be copied
# and indexed as the radical U+2F42. Kangxi radicals map back with NFKC, the
# radicals supplement with this table (radical: ideograph, same glyph).
_RADICAL_PAIRS = (
    "2E82:4E5B 2E83:4E5A 2E85:4EBB 2E89:5202 2E8B:353E 2E8E:5140 2E8F:5C23 "
    "2E90:5C22 2E92:5DF3 2E93:5E7A 2E94:5F51 2E95:5F50 2E96:5FC4 2E98:624C "
    "2E99:6535 2E9B:65E1 2E9E:6B7A 2E9F:6BCD 2EA0:6C11 2EA1:6C35 2EA3:706C "
    "2EA4:722B 2EA6:4E2C 2EA8:72AD 2EAB:7F52 2EAD:793B 2EAF:7CF9 2EB0:7E9F "
    "2EB1:7F53 2EB2:7F52 2EB3:34C1 2EB9:8002 2EBA:8080 2EBE:8279 2EBF:8279 "
    "2EC1:864E 2EC2:8864 2EC3:8980 2EC4:897F 2EC5:89C1 2EC6:89D2 2EC8:8BA0 "
    "2EC9:8D1D 2ECB:8F66 2ECC:8FB6 2ECD:8FB6 2ECE:8FB6 2ED0:9485 2ED1:9577 "
    "2ED2:9578 2ED3:957F 2ED4:95E8 2ED6:961D 2ED8:9752 2ED9:97E6 2EDA:9875 "
    "2EDB:98CE 2EDC:98DE 2EDD:98DF 2EDF:98E0 2EE0:9963 2EE2:9A6C 2EE3:9AA8 "
    "2EE4:9B3C 2EE5:9C7C 2EE6:9E1F 2EE7:5364 2EE8:9EA6 2EE9:9EC4 2EEA:9EFE "
    "2EEB:6589 2EEC:9F50 2EED:6B6F 2EEE:9F7F 2EEF:7ADC 2EF0:9F99 2EF1:9F9C "
    "2EF2:4E80 2EF3:9F9F"
)
RADICAL_EQUIVALENTS = {
    int(radical, 16): int(ideograph, 16)
    for radical, ideograph in (pair.split(":") for pair in _RADICAL_PAIRS.split())
}
_RADICAL_HEX_RE = re.compile(rb"<(2[EF][0-9A-Fa-f]{2})>")
# In a ToUnicode CMap, the Unicode side: the arrays of bfrange, the second
# code of bfchar.
_CMAP_TARGET_RE = re.compile(
    rb"\[[^\]]*\]|^([ \t]*<[0-9A-Fa-f]+>[ \t]*)(<[0-9A-Fa-f]+>)[ \t]*$",
    re.MULTILINE,
)


def _ideograph_hex(match):
    code = int(match.group(1), 16)
    target = RADICAL_EQUIVALENTS.get(code)
    if target is None and 0x2F00 <= code <= 0x2FDF:
        target = ord(unicodedata.normalize("NFKC", chr(code))[0])
    if target is None:
        return match.group(0)
    return b"<%04X>" % target


def _fix_cmap_targets(match):
    if match.group(2) is None:
        return _RADICAL_HEX_RE.sub(_ideograph_hex, match.group(0))
    return match.group(1) + _RADICAL_HEX_RE.sub(_ideograph_hex, match.group(2))


def _fix_cjk_text(pages, writer):
    """Map radicals back to ideographs in the text maps of the fonts of ``pages``.

    The glyphs do not change; text copied, searched or indexed from the PDF
    then reads 文件, 人民, not their radicals.
    """
    done = set()
    for page in pages:
        resources = page.get("/Resources")
        fonts = resources.getObject().get("/Font") if resources else None
        if not fonts:
            continue
        for ref in fonts.getObject().values():
            font = ref.getObject()
            cmap_ref = font.get("/ToUnicode")
            if cmap_ref is None or id(font) in done:
                continue
            done.add(id(font))
            data = cmap_ref.getObject().getData()
            fixed = _CMAP_TARGET_RE.sub(_fix_cmap_targets, data)
            if fixed != data:
                stream = DecodedStreamObject()
                stream.setData(fixed)
                font[NameObject("/ToUnicode")] = writer._addObject(stream)


def fix_pdf_text(content):
    """``content`` (a PDF made by wkhtmltopdf) with its CJK text maps fixed."""
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    writer = PdfFileWriter()
    pages = [reader.getPage(index) for index in range(reader.getNumPages())]
    _fix_cjk_text(pages, writer)
    for page in pages:
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


@functools.cache
def _wkhtmltopdf_is_patched():
    try:
        out = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        _logger.info("Cannot run wkhtmltopdf to check its build.")
        return True
    return "patched qt" in out.lower()


class OaDocument(models.Model):
    """套红 (the red-head PDF) and 用印 (the electronic seal) of outgoing documents."""

    _inherit = "oa.document"

    seal_id = fields.Many2one(
        "oa.document.seal",
        string="Seal (印章)",
        tracking=True,
        check_company=True,
        help="The seal pressed on the document; its keepers handle the seal step.",
    )
    redhead_attachment_id = fields.Many2one(
        "ir.attachment", string="Red-Head PDF (套红)", copy=False, readonly=True
    )
    redhead_hash = fields.Char(copy=False, readonly=True)
    sealed_attachment_id = fields.Many2one(
        "ir.attachment", string="Sealed PDF (用印)", copy=False, readonly=True
    )
    seal_use_ids = fields.One2many(
        "oa.document.seal.use", "document_id", string="Seal Uses"
    )
    can_apply_seal = fields.Boolean(compute="_compute_can_apply_seal")

    @api.depends_context("uid")
    @api.depends("seal_id.keeper_ids")
    def _compute_can_apply_seal(self):
        user = self.env.user
        for doc in self:
            doc.can_apply_seal = user in doc.seal_id.sudo().keeper_ids

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_apply_redhead(self):
        """套红: lay the document out to GB/T 9704-2012 and keep the PDF."""
        if not self.env.user.has_group("oa_base.group_oa_clerk"):
            raise UserError(
                self.env._("Only the office's clerks apply the red head (套红).")
            )
        for doc in self:
            if doc.doc_type != "outgoing":
                raise UserError(
                    self.env._(
                        "%(doc)s is not an outgoing document: only outgoing "
                        "documents get a red head.",
                        doc=doc.name,
                    )
                )
            if doc.state not in ("draft", "running"):
                raise UserError(
                    self.env._(
                        "%(doc)s is no longer being drafted or handled: its red "
                        "head cannot change.",
                        doc=doc.name,
                    )
                )
            if not doc.doc_number:
                raise UserError(
                    self.env._(
                        "Give %(doc)s its number (发文字号) before the red head.",
                        doc=doc.name,
                    )
                )
            sudo = doc.sudo()
            if not doc.print_date:
                sudo.print_date = fields.Date.context_today(doc)
            attachment = doc._store_redhead_pdf(doc._render_redhead_pdf())
            sudo.write(
                {
                    "redhead_attachment_id": attachment.id,
                    "redhead_hash": doc._redhead_fingerprint(),
                    # A new red head needs a new seal.
                    "sealed_attachment_id": False,
                }
            )
            doc.message_post(
                body=self.env._(
                    "Red head applied (套红): %(file)s.", file=attachment.name
                ),
                attachment_ids=attachment.ids,
            )
        return True

    def action_apply_seal(self):
        """用印: a keeper presses the seal; the use is logged with the SHA-256."""
        Use = self.env["oa.document.seal.use"].sudo()
        for doc in self:
            seal = doc.seal_id
            if not seal:
                raise UserError(
                    self.env._("Choose the seal of %(doc)s first.", doc=doc.name)
                )
            if self.env.user not in seal.sudo().keeper_ids:
                raise UserError(
                    self.env._(
                        "Only the keepers of the seal %(seal)s may press it "
                        "(%(keepers)s).",
                        seal=seal.name,
                        keepers=", ".join(seal.sudo().keeper_ids.mapped("name")) or "-",
                    )
                )
            if not doc.kind_id.needs_seal:
                raise UserError(
                    self.env._(
                        "Documents of the kind %(kind)s carry no seal.",
                        kind=doc.kind_id.name or "-",
                    )
                )
            if doc.state not in ("draft", "running"):
                raise UserError(
                    self.env._(
                        "%(doc)s is no longer being handled: it cannot be sealed now.",
                        doc=doc.name,
                    )
                )
            if not doc.redhead_attachment_id:
                raise UserError(
                    self.env._(
                        "Apply the red head (套红) of %(doc)s before the seal.",
                        doc=doc.name,
                    )
                )
            if doc._redhead_is_stale():
                raise UserError(
                    self.env._(
                        "The content of %(doc)s changed after the red head: apply "
                        "the red head again before the seal.",
                        doc=doc.name,
                    )
                )
            content = doc._render_redhead_pdf(seal=seal)
            attachment = doc._store_redhead_pdf(content, sealed=True)
            # The fingerprint is taken of the bytes as stored, read back.
            use = Use.create(
                {
                    "seal_id": seal.id,
                    "document_id": doc.id,
                    "user_id": self.env.uid,
                    "attachment_id": attachment.id,
                    "file_name": attachment.name,
                    "sha256": Use._hash(attachment.raw),
                }
            )
            doc.sudo().sealed_attachment_id = attachment
            doc.message_post(
                body=Markup("%s<br/><code>SHA-256 %s</code>")
                % (
                    self.env._(
                        "Seal %(seal)s pressed (用印) by %(user)s: %(file)s.",
                        seal=seal.name,
                        user=self.env.user.name,
                        file=attachment.name,
                    ),
                    use.sha256,
                ),
                attachment_ids=attachment.ids,
            )
        return True

    def action_verify_seal(self):
        """Check the sealed PDF against the fingerprint of its last seal use."""
        self.ensure_one()
        use = self.seal_use_ids.sudo().filtered(
            lambda u: u.attachment_id == self.sealed_attachment_id
        )[:1]
        if not use:
            raise UserError(
                self.env._("%(doc)s has not been sealed yet.", doc=self.name)
            )
        return use.action_verify()

    # ------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------

    def _render_redhead_pdf(self, seal=None):
        """The red-head PDF of the document (bytes), with ``seal`` pressed if given."""
        self.ensure_one()
        data = {}
        if seal:
            data["oa_seal_image"] = seal.sudo().image
        content, _report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            REDHEAD_REPORT, self.ids, data=data
        )
        # Tests render HTML unless they ask for PDFs (force_report_rendering).
        return content.encode() if isinstance(content, str) else content

    def _store_redhead_pdf(self, content, sealed=False):
        self.ensure_one()
        if sealed:
            label = self.env._("sealed")
        else:
            label = self.env._("red head")
        is_pdf = content.startswith(b"%PDF")
        extension = "pdf" if is_pdf else "html"
        name = f"{self.doc_number or self.name} {self.name} ({label}).{extension}"
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name.replace("/", "-"),
                    "raw": content,
                    "mimetype": "application/pdf" if is_pdf else "text/html",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )

    def _redhead_fingerprint(self):
        """SHA-256 of what the red head shows."""
        return self._fields_hash(REDHEAD_FIELDS)

    def _redhead_is_stale(self):
        """Whether the document changed since its red head was applied."""
        self.ensure_one()
        return bool(
            self.redhead_attachment_id
            and self.redhead_hash
            and self.redhead_hash != self._redhead_fingerprint()
        )

    def _redhead_layout(self):
        """The GB/T 9704 format of the document: standard, letter, order, minutes."""
        self.ensure_one()
        return self.kind_id.layout or "standard"

    def _redhead_margin_top(self):
        """Top margin (mm) when every document is a letter: its mark is 30 mm down."""
        if self and all(doc._redhead_layout() == "letter" for doc in self):
            return LETTER_MARGIN_TOP
        return None

    def _redhead_page_height(self):
        """Height (mm) of the text block of a page, for placing the 版记."""
        self.ensure_one()
        top = LETTER_MARGIN_TOP if self._redhead_layout() == "letter" else 37
        return 297 - top - 35

    @api.model
    def _redhead_zoom(self):
        """CSS zoom making the layout's millimetres true on paper.

        The system parameter ``oa_document.redhead_zoom`` overrides the value
        chosen from the build of wkhtmltopdf.
        """
        param = (
            self.env["ir.config_parameter"].sudo().get_param("oa_document.redhead_zoom")
        )
        try:
            zoom = float(param) if param else 0.0
        except ValueError:
            zoom = 0.0
        if zoom <= 0:
            zoom = 1.0 if _wkhtmltopdf_is_patched() else UNPATCHED_QT_ZOOM
        return round(zoom, 4)

    @api.model
    def _redhead_issuer_size(self, issuer):
        """Font size (mm) of the 发文机关标志: large, but within the text width."""
        return round(min(18.0, 150.0 / max(len(issuer or ""), 1)), 1)

    def _redhead_note(self):
        """附注 in parentheses (全角)."""
        self.ensure_one()
        note = (self.note or "").strip().strip("()（）")
        return f"（{note}）" if note else ""

    def _redhead_marks(self):
        """份号, 密级★保密期限 and 紧急程度, top left, one per line."""
        self.ensure_one()
        marks = []
        if self.copy_no:
            marks.append(self.copy_no)
        if self.secrecy and self.secrecy != "none":
            secrecy = {
                "internal": "内部",
                "secret": "秘密",
                "confidential": "机密",
                "top_secret": "绝密",
            }[self.secrecy]
            if self.secrecy_period:
                secrecy = f"{secrecy}★{self.secrecy_period}"
            marks.append(secrecy)
        urgency = {"urgent": "加急", "very_urgent": "特急"}.get(self.urgency)
        if urgency:
            marks.append(urgency)
        return marks

    def _redhead_attachment_lines(self):
        """附件说明 lines without the leading 附件：."""
        self.ensure_one()
        lines = [
            line.strip()
            for line in (self.attachment_note or "").splitlines()
            if line.strip()
        ]
        if lines:
            first = lines[0]
            for prefix in ("附件：", "附件:", "附件"):
                if first.startswith(prefix):
                    lines[0] = first[len(prefix) :].strip()
                    break
        return [line for line in lines if line]

    def _redhead_print_line(self):
        """印发机关 and 印发日期 (2026年7月1日印发) of the 版记."""
        self.ensure_one()
        org = self.print_org or self.code_id.org_name or ""
        date = self.print_date or self.date_written
        return org, f"{self._format_date_cn(date)}印发" if date else ""

    def _redhead_finish_pdf(self, content):
        """Page numbers (— 1 —) and a letter's bottom double line, on ``content``.

        wkhtmltopdf draws the HTML; these page-level marks are drawn here so
        that they do not depend on its build (header and footer HTML need the
        patched Qt one). Odd pages carry the number at the right, even pages at
        the left (one character in); a letter has none on its first page.
        """
        self.ensure_one()
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        letter = self._redhead_layout() == "letter"
        packet = io.BytesIO()
        can = canvas.Canvas(packet)
        count = reader.getNumPages()
        for index in range(count):
            page = reader.getPage(index)
            width = float(abs(page.mediaBox.getWidth()))
            height = float(abs(page.mediaBox.getHeight()))
            can.setPageSize((width, height))
            number = index + 1
            if letter and number == 1:
                # 信函格式: red double line 20 mm above the bottom, thin above thick.
                can.setStrokeColor(SEAL_RED)
                left = PAGE_LEFT + TEXT_WIDTH / 2 - 85 * mm
                right = left + 170 * mm
                can.setLineWidth(0.35 * mm)
                can.line(left, 20 * mm, right, 20 * mm)
                can.setLineWidth(1 * mm)
                can.line(left, 18.5 * mm, right, 18.5 * mm)
            else:
                text = f"— {number} —"
                # A half-width space each side of the number, kept by text tools.
                text_width = stringWidth(text, "Times-Roman", CHAR) + 2 * WORD_SPACE
                # 一字线 7 mm below the text block.
                y = TEXT_BOTTOM - 7 * mm - CHAR * 0.35
                if number % 2:
                    x = PAGE_LEFT + TEXT_WIDTH - CHAR - text_width
                else:
                    x = PAGE_LEFT + CHAR
                line = can.beginText(x, y)
                line.setFont("Times-Roman", CHAR)
                line.setFillColor(colors.black)
                line.setWordSpace(WORD_SPACE)
                line.textOut(text)
                can.drawText(line)
            can.showPage()
        can.save()
        marks = PdfFileReader(packet, strict=False)
        writer = PdfFileWriter()
        pages = [reader.getPage(index) for index in range(count)]
        _fix_cjk_text(pages, writer)
        for index, page in enumerate(pages):
            page.mergePage(marks.getPage(index))
            writer.addPage(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()

    # ------------------------------------------------------------
    # Hooks of the outgoing flow
    # ------------------------------------------------------------

    def _get_dispatch_blockers(self):
        blockers = super()._get_dispatch_blockers()
        if self.doc_type != "outgoing":
            return blockers
        if not self.redhead_attachment_id:
            blockers.append(self.env._("Apply the red head (套红)."))
        elif self._redhead_is_stale():
            blockers.append(
                self.env._(
                    "The document changed after its red head: apply the red head "
                    "(套红) again."
                )
            )
        # The seal step comes after 登记编号·套红: the seal is due from then on.
        if (
            self.kind_id.needs_seal
            and not self.sealed_attachment_id
            and self.oa_current_step_code != "register"
        ):
            blockers.append(self.env._("Apply the seal (用印)."))
        return blockers

    def _get_dispatch_file(self):
        self.ensure_one()
        attachment = self.sealed_attachment_id or self.redhead_attachment_id
        if attachment:
            return attachment.sudo().datas
        return super()._get_dispatch_file()

    def _get_dispatch_file_name(self):
        self.ensure_one()
        attachment = self.sealed_attachment_id or self.redhead_attachment_id
        if attachment:
            return attachment.sudo().name
        return super()._get_dispatch_file_name()

    def _oa_get_step_handlers(self, step):
        if step.code == "seal":
            Users = self.env["res.users"]
            if self.kind_id.needs_seal and self.seal_id:
                return self.seal_id.sudo().keeper_ids, Users
            return Users, Users
        return super()._oa_get_step_handlers(step)

    def _oa_before_item_agree(self, item, opinion, chosen):
        if item.step_id.code == "seal" and not self.sealed_attachment_id:
            raise UserError(
                self.env._("Press the seal (用印) before passing the document on.")
            )
        return super()._oa_before_item_agree(item, opinion, chosen)
