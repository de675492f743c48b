# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Chinese text in the PDFs of wkhtmltopdf reads as ideographs, not radicals.

Noto CJK draws a Kangxi radical and its ideograph with one glyph, and Qt
writes the lowest code point into the font's text map (``ToUnicode``): 文, 用
and 角 would be copied, searched and indexed as ⽂, ⽤ and ⻆. Used by every
PDF of the suite (red heads, registers, approval forms).
This rewrites the text maps only; what is drawn does not change.

Kangxi radicals (U+2F00–U+2FDF) map back by NFKC; the CJK radicals
supplement (U+2E80–U+2EFF) by the table below (radical: ideograph, same glyph).
"""

import io
import re
import unicodedata

from odoo.tools.pdf import DecodedStreamObject, NameObject, PdfFileReader, PdfFileWriter

_SUPPLEMENT = (
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
SUPPLEMENT_IDEOGRAPHS = {
    int(radical, 16): int(ideograph, 16)
    for radical, ideograph in (pair.split(":") for pair in _SUPPLEMENT.split())
}
_RADICAL_HEX = re.compile(rb"<(2[EF][0-9A-Fa-f]{2})>")
# In a ToUnicode CMap, the Unicode side: whole bfrange arrays, or the second
# code of a bfchar line.
_CMAP_TARGETS = re.compile(
    rb"\[[^\]]*\]|^([ \t]*<[0-9A-Fa-f]+>[ \t]*)(<[0-9A-Fa-f]+>)[ \t]*$",
    re.MULTILINE,
)


def radical_to_ideograph(code):
    """The ideograph drawn like the radical ``code``, or ``None``."""
    if code in SUPPLEMENT_IDEOGRAPHS:
        return SUPPLEMENT_IDEOGRAPHS[code]
    if 0x2F00 <= code <= 0x2FDF:
        return ord(unicodedata.normalize("NFKC", chr(code))[0])
    return None


def _hex_to_ideograph(match):
    target = radical_to_ideograph(int(match.group(1), 16))
    return match.group(0) if target is None else b"<%04X>" % target


def _fix_targets(match):
    if match.group(2) is None:
        return _RADICAL_HEX.sub(_hex_to_ideograph, match.group(0))
    return match.group(1) + _RADICAL_HEX.sub(_hex_to_ideograph, match.group(2))


def fix_cjk_fonts(pages, writer):
    """Map radicals back to ideographs in the text maps of the fonts of ``pages``.

    ``writer`` is the ``PdfFileWriter`` the pages go to (it holds the new text
    maps). The glyphs do not change.
    """
    done = set()
    for page in pages:
        resources = page.get("/Resources")
        fonts = resources.getObject().get("/Font") if resources else None
        for ref in fonts.getObject().values() if fonts else []:
            font = ref.getObject()
            cmap = font.get("/ToUnicode")
            if cmap is None or id(font) in done:
                continue
            done.add(id(font))
            data = cmap.getObject().getData()
            fixed = _CMAP_TARGETS.sub(_fix_targets, data)
            if fixed != data:
                stream = DecodedStreamObject()
                stream.setData(fixed)
                font[NameObject("/ToUnicode")] = writer._addObject(stream)


def fix_cjk_pdf_text(content):
    """``content`` (a PDF) with radicals mapped back to ideographs in its text."""
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    writer = PdfFileWriter()
    pages = [reader.getPage(index) for index in range(reader.getNumPages())]
    fix_cjk_fonts(pages, writer)
    for page in pages:
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
