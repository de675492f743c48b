# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Small Chinese text PDFs drawn with reportlab (demo files, test files).

A4, GB/T 9704-2012 margins (天头 37 mm, 订口 28 mm), the built-in CID font
``STSong-Light`` (no font file needed); the text is wrapped by character.
"""

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from .archive_stamp import STAMP_FONT, register_font

LEFT = 28 * mm
WIDTH = 156 * mm
TOP = 37 * mm
BOTTOM = 35 * mm
TITLE_SIZE = 18
TEXT_SIZE = 14
LEADING = 26
NO_LINE_START = "，。、；：？！”’）》」』】"


def _wrap(text, size, width):
    lines, line = [], ""
    for char in text:
        # Closing punctuation never starts a line (避头点).
        if char not in NO_LINE_START and (
            pdfmetrics.stringWidth(line + char, STAMP_FONT, size) > width
        ):
            lines.append(line)
            line = char
        else:
            line += char
    if line:
        lines.append(line)
    return lines


def text_pdf(title, paragraphs, number=None):
    """A PDF with ``title`` (centred), ``number`` (文号) and ``paragraphs``."""
    register_font()
    page_width, page_height = A4
    out = io.BytesIO()
    can = canvas.Canvas(out, pagesize=A4)
    can.setTitle(title)
    y = page_height - TOP

    def new_page():
        can.showPage()
        return page_height - TOP

    if number:
        can.setFont(STAMP_FONT, TEXT_SIZE)
        can.drawCentredString(page_width / 2, y, number)
        y -= LEADING * 1.5
    can.setFont(STAMP_FONT, TITLE_SIZE)
    for line in _wrap(title, TITLE_SIZE, WIDTH):
        can.drawCentredString(page_width / 2, y, line)
        y -= LEADING * 1.2
    y -= LEADING * 0.5
    for paragraph in paragraphs:
        # First line indented by two characters (首行缩进).
        for line in _wrap("\u3000\u3000" + paragraph, TEXT_SIZE, WIDTH):
            if y < BOTTOM:
                y = new_page()
            can.setFont(STAMP_FONT, TEXT_SIZE)
            can.drawString(LEFT, y, line)
            y -= LEADING
    can.showPage()
    can.save()
    return out.getvalue()
