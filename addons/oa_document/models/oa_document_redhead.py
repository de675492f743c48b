# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import functools
import io
import logging
import subprocess

from markupsafe import Markup
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.pdf import (
    PdfFileReader,
    PdfFileWriter,
)

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin
from odoo.addons.oa_base.tools.pdf_cjk import fix_cjk_fonts

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
        fix_cjk_fonts(pages, writer)
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
