# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaInfoBulletin(models.Model):
    """An issue of the information bulletin (信息期刊, e.g. 《统计信息》).

    The office chooses adopted items and issues it: it then gets its number
    for the year (2026年第3期) and its overall number (总第45期) from two
    gapless sequences, whose row locks make two issues at the same moment
    queue rather than share a number; a unique index guards the result. Its
    PDF is kept as an attachment the first time it is printed.

    Access: every OA user reads issued bulletins; the office prepares them.
    """

    _name = "oa.info.bulletin"
    _description = "Information Bulletin Issue"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_issue desc, id desc"

    name = fields.Char(
        string="Bulletin",
        required=True,
        tracking=True,
        default=lambda self: self.env._("Statistical Information"),
    )
    year = fields.Integer(readonly=True, copy=False)
    issue_no = fields.Integer(string="Issue No.", readonly=True, copy=False)
    total_no = fields.Integer(string="Overall Issue No.", readonly=True, copy=False)
    number = fields.Char(compute="_compute_number")
    date_issue = fields.Date(
        string="Issued On", tracking=True, default=fields.Date.context_today
    )
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    editor_id = fields.Many2one(
        "res.users", string="Edited By", default=lambda self: self.env.user
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Compiled By",
        default=lambda self: self.env.user.employee_id.department_id,
    )
    foreword = fields.Html(string="Editor's Note")
    item_ids = fields.One2many("oa.info.item", "bulletin_id", string="Items")
    item_count = fields.Integer(compute="_compute_item_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "issue_uniq",
            "unique(company_id, year, issue_no)",
            "Another bulletin issue already has this number.",
        ),
    ]

    @api.depends("year", "issue_no", "total_no")
    def _compute_number(self):
        for bulletin in self:
            bulletin.number = (
                self.env._(
                    "Year %(year)s, Issue %(issue)s (No. %(total)s)",
                    year=bulletin.year,
                    issue=bulletin.issue_no,
                    total=bulletin.total_no,
                )
                if bulletin.issue_no
                else False
            )

    @api.depends("item_ids")
    def _compute_item_count(self):
        for bulletin in self:
            bulletin.item_count = len(bulletin.item_ids)

    @api.depends("name", "number")
    def _compute_display_name(self):
        for bulletin in self:
            bulletin.display_name = (
                f"《{bulletin.name}》{bulletin.number}"
                if bulletin.number
                else f"《{bulletin.name}》"
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if any(bulletin.state == "issued" for bulletin in self):
            raise UserError(self.env._("An issued bulletin cannot be deleted."))

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_issue(self):
        """印发: number the issue and freeze its content."""
        if not (self.env.su or self.env.user.has_group("oa_base.group_oa_office")):
            raise UserError(self.env._("Only the office issues bulletins."))
        for bulletin in self:
            if bulletin.state != "draft":
                raise UserError(
                    self.env._(
                        "%(bulletin)s has already been issued.",
                        bulletin=bulletin.display_name,
                    )
                )
            if not bulletin.item_ids:
                raise UserError(
                    self.env._("Choose the adopted information this issue carries.")
                )
            not_adopted = bulletin.item_ids.filtered(lambda i: i.state != "adopted")
            if not_adopted:
                raise UserError(
                    self.env._(
                        "Only adopted information goes into a bulletin: %(items)s.",
                        items=", ".join(not_adopted.mapped("name")),
                    )
                )
            bulletin._assign_number()
            bulletin.message_post(
                body=self.env._(
                    "Issued as %(number)s with %(count)s items.",
                    number=bulletin.number,
                    count=len(bulletin.item_ids),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _assign_number(self):
        """Take the next issue number of the year and the next overall number."""
        self.ensure_one()
        date = self.date_issue or fields.Date.context_today(self)
        Sequence = self.env["ir.sequence"].sudo()
        issue_no = int(Sequence.next_by_code("oa.info.bulletin", sequence_date=date))
        total_no = int(Sequence.next_by_code("oa.info.bulletin.total"))
        self.sudo().write(
            {
                "state": "issued",
                "date_issue": date,
                "year": date.year,
                "issue_no": issue_no,
                "total_no": total_no,
            }
        )

    def action_print(self):
        self.ensure_one()
        if self.state != "issued":
            raise UserError(self.env._("Issue the bulletin before printing it."))
        return self.env.ref("oa_notice.action_report_oa_info_bulletin").report_action(
            self
        )

    def action_add_adopted(self):
        """Put every adopted item not yet in a bulletin into this draft issue."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("An issued bulletin takes no more items."))
        items = self.env["oa.info.item"].search(
            [("state", "=", "adopted"), ("bulletin_id", "=", False)]
        )
        if not items:
            raise UserError(self.env._("No adopted information is waiting."))
        items.write({"bulletin_id": self.id})
        return True
