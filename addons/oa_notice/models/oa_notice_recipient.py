# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaNoticeRecipient(models.Model):
    """One reader of one notice: the audience snapshot and the read receipt.

    Rows are written by ``oa.notice`` in bulk (publication) and by the reader's
    first view (``oa.notice._record_reads``), never edited by hand. One row per
    notice and person (unique index): a first view recorded twice at the same
    moment still gives one receipt.

    Access: a reader sees their own receipt; the author sees the receipts of
    their notices; the office sees all.
    """

    _name = "oa.notice.recipient"
    _description = "Notice Read Receipt"
    _order = "notice_id desc, read_state desc, department_id, id"
    _rec_name = "user_id"

    notice_id = fields.Many2one(
        "oa.notice", required=True, ondelete="cascade", index=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users", string="Reader", required=True, index=True, readonly=True
    )
    department_id = fields.Many2one(
        "hr.department", index=True, readonly=True, help="The reader's department."
    )
    in_audience = fields.Boolean(
        default=True,
        readonly=True,
        help="Part of the audience when published; others (e.g. the office) "
        "read it without being asked to.",
    )
    read_state = fields.Selection(
        [("unread", "Unread"), ("read", "Read")],
        string="Status",
        default="unread",
        required=True,
        readonly=True,
        index=True,
    )
    date_read = fields.Datetime(string="First Read On", readonly=True)
    reminded_count = fields.Integer(string="Reminders", readonly=True)
    date_reminded = fields.Datetime(string="Last Reminded On", readonly=True)
    notice_state = fields.Selection(related="notice_id.state", string="Notice Status")
    author_id = fields.Many2one(related="notice_id.author_id", string="Notice Author")

    _sql_constraints = [
        (
            "notice_user_uniq",
            "unique(notice_id, user_id)",
            "A person has one read receipt per notice.",
        ),
    ]
