# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

ARCHIVE_EVENTS = [
    ("archive_file", "Archive: Filed"),
    ("archive_exclude", "Archive: Not Filed"),
    ("archive_access", "Archive: File Opened"),
    ("archive_loan", "Archive: Loan"),
    ("archive_appraisal", "Archive: Appraisal"),
    ("archive_destroy", "Archive: Destroyed"),
    ("archive_check", "Archive: Four-Property Check"),
    ("archive_export", "Archive: Exported"),
]


class OaAuditLog(models.Model):
    """The archive's own audit trail lives in the append-only OA audit log."""

    _inherit = "oa.audit.log"

    event = fields.Selection(
        selection_add=ARCHIVE_EVENTS,
        ondelete={code: "cascade" for code, __ in ARCHIVE_EVENTS},
    )
