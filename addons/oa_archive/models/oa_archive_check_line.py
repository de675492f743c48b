# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

CATEGORIES = [
    ("authenticity", "Authenticity (真实性)"),
    ("integrity", "Integrity (完整性)"),
    ("usability", "Usability (可用性)"),
    ("safety", "Safety (安全性)"),
]
# Check codes of DA/T 70-2018 as run here, by category.
CHECK_CODES = [
    ("auth_fingerprint", "Content matches its filing fingerprint"),
    ("auth_properties", "Size and format match the metadata"),
    ("auth_metadata", "Package metadata matches the catalogue"),
    ("auth_package", "Package follows the schema and its seals verify"),
    ("int_metadata", "Required metadata present"),
    ("int_numbering", "Item numbers without gaps"),
    ("int_record", "Handling record included"),
    ("int_content", "Content present"),
    ("use_format", "Archival format"),
    ("use_open", "File opens"),
    ("use_encryption", "Not encrypted"),
    ("safe_executable", "No executable content"),
    ("safe_active", "No active content in PDF"),
]
CODE_CATEGORY = {
    "auth": "authenticity",
    "int": "integrity",
    "use": "usability",
    "safe": "safety",
}
RESULTS = [("pass", "Passed"), ("fail", "Failed")]


def category_of(code):
    return CODE_CATEGORY[code.split("_", 1)[0]]


class OaArchiveCheckLine(models.Model):
    """One result of a four-property check (四性检测, DA/T 70-2018): one
    check on one item, file or class, passed or failed with the reason."""

    _name = "oa.archive.check.line"
    _description = "Four-Property Check Result"
    _order = "check_id, result, category, item_id, id"

    check_id = fields.Many2one(
        "oa.archive.check",
        string="Four-Property Check",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    category = fields.Selection(CATEGORIES, required=True, readonly=True)
    code = fields.Selection(CHECK_CODES, string="Check", required=True, readonly=True)
    item_id = fields.Many2one(
        "oa.archive.item", string="Item", ondelete="cascade", index=True, readonly=True
    )
    archival_code = fields.Char(related="item_id.archival_code")
    file_id = fields.Many2one(
        "oa.archive.file", string="File", ondelete="set null", readonly=True
    )
    series_id = fields.Many2one(
        "oa.archive.series", string="Class", ondelete="set null", readonly=True
    )
    result = fields.Selection(RESULTS, required=True, readonly=True, index=True)
    message = fields.Text(readonly=True)
    company_id = fields.Many2one(related="check_id.company_id", store=True)
