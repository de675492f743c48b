# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""归档章 (DA/T 22-2015 §8.1, appendix A) on the first page of a PDF.

The stamp is a red box of 2 × 3 cells, 15 mm × 8 mm each::

    全宗号      | 年度     | 件号
    机构(问题)  | 保管期限 | 页数

It goes to the top blank area of page 1, centred (the top margin: 天头 is
37 mm in GB/T 9704-2012, so it covers no text of a standard document). The
text is drawn with reportlab's built-in Chinese CID font ``STSong-Light``,
which needs no font file; text tools (pdftotext, search) read it.
"""

import io

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from odoo.tools.pdf import PdfFileReader, PdfFileWriter

STAMP_FONT = "STSong-Light"
STAMP_RED = colors.Color(0.85, 0, 0)
CELL_WIDTH = 15 * mm
CELL_HEIGHT = 8 * mm
TOP_OFFSET = 10 * mm  # from the top edge of the page to the top of the stamp
FONT_SIZE = 9
MIN_FONT_SIZE = 4


def register_font():
    if STAMP_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(STAMP_FONT))


def _reader(content):
    return PdfFileReader(io.BytesIO(content), strict=False)


def pdf_page_count(content):
    """The number of pages of the PDF ``content``, or 0 if it is no PDF."""
    if not content or not content.startswith(b"%PDF"):
        return 0
    try:
        return _reader(content).getNumPages()
    except Exception:  # noqa: BLE001 - a broken PDF counts no page
        return 0


def _fit(text, width):
    """The font size (at most ``FONT_SIZE``) at which ``text`` fits ``width``."""
    size = FONT_SIZE
    while size > MIN_FONT_SIZE and (
        pdfmetrics.stringWidth(text, STAMP_FONT, size) > width
    ):
        size -= 0.5
    return size


def draw_stamp(can, x, y, rows):
    """Draw the stamp with its top-left corner at (``x``, ``y``) on ``can``.

    ``rows`` is two rows of three strings (see the module docstring).
    """
    register_font()
    width, height = 3 * CELL_WIDTH, 2 * CELL_HEIGHT
    can.saveState()
    can.setStrokeColor(STAMP_RED)
    can.setFillColor(STAMP_RED)
    can.setLineWidth(0.4 * mm)
    can.rect(x, y - height, width, height, stroke=1, fill=0)
    can.setLineWidth(0.25 * mm)
    can.line(x, y - CELL_HEIGHT, x + width, y - CELL_HEIGHT)
    for col in (1, 2):
        can.line(x + col * CELL_WIDTH, y, x + col * CELL_WIDTH, y - height)
    for row_index, row in enumerate(rows):
        for col, text in enumerate(row):
            text = str(text or "")
            if not text:
                continue
            size = _fit(text, CELL_WIDTH - 1.5 * mm)
            can.setFont(STAMP_FONT, size)
            center_x = x + (col + 0.5) * CELL_WIDTH
            center_y = y - (row_index + 0.5) * CELL_HEIGHT
            can.drawCentredString(center_x, center_y - size * 0.35, text)
    can.restoreState()


def stamp_pdf(content, rows):
    """A copy of the PDF ``content`` with the 归档章 on its first page.

    ``content`` is left as it is (the archived original keeps its hash).
    """
    reader = _reader(content)
    first = reader.getPage(0)
    box = first.mediaBox
    left = float(box.getLowerLeft_x())
    bottom = float(box.getLowerLeft_y())
    width = float(abs(box.getWidth()))
    height = float(abs(box.getHeight()))
    rotation = int(first.get("/Rotate") or 0) % 360
    packet = io.BytesIO()
    can = canvas.Canvas(packet, pagesize=(width, height))
    stamp_width = 3 * CELL_WIDTH
    if rotation in (90, 270):
        # The page is shown turned: its top edge is a side of the media box.
        can.translate(left, bottom)
        if rotation == 90:
            can.translate(width, 0)
            can.rotate(90)
        else:
            can.translate(0, height)
            can.rotate(-90)
        shown_width, shown_height = height, width
    else:
        if rotation == 180:
            can.translate(left + width, bottom + height)
            can.rotate(180)
        else:
            can.translate(left, bottom)
        shown_width, shown_height = width, height
    draw_stamp(can, (shown_width - stamp_width) / 2, shown_height - TOP_OFFSET, rows)
    can.showPage()
    can.save()
    marks = _reader(packet.getvalue())
    writer = PdfFileWriter()
    for index in range(reader.getNumPages()):
        page = reader.getPage(index)
        if index == 0:
            page.mergePage(marks.getPage(0))
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
