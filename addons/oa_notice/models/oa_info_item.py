# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

INFO_STATES = [
    ("draft", "Draft"),
    ("review", "Under Review"),
    ("returned", "Returned"),
    ("rejected", "Not Adopted"),
    ("adopted", "Adopted"),
    ("cancelled", "Withdrawn"),
]
INFO_TYPES = [
    ("news", "Work News"),
    ("analysis", "Statistical Analysis"),
    ("practice", "Good Practice"),
    ("issue", "Problem and Suggestion"),
]
# Only the office sets these.
OFFICE_FIELDS = ("level_id", "extra_points", "level_points")


class OaInfoItem(models.Model):
    """An item of information submitted by a unit (上报信息 / 信息报送).

    A unit submits it; the office reviews it on the routing engine (a 待办 in
    its inbox) and decides: 采用 (adopted, at a level that earns points),
    退回 (returned to the unit with the reason, to revise and resubmit) or
    不采用 (not adopted, with the reason). Adopted items are published on the
    notice board or compiled into a bulletin issue (期刊). Points, submissions
    and the adoption rate by unit and period are in ``oa.info.report``.

    Access: the author and the people of the submitting unit read it; the
    author edits it while it is a draft or returned; the office reads and
    edits all.
    """

    _name = "oa.info.item"
    _description = "Submitted Information"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "oa.flow.mixin",
        "oa.state.mixin",
    ]
    _order = "date_submitted desc, id desc"
    _mail_post_access = "read"
    _oa_flow_states = {"cancelled": "draft", "terminated": "cancelled"}

    name = fields.Char(string="Title", required=True, tracking=True)
    number = fields.Char(copy=False, readonly=True, index=True)
    info_type = fields.Selection(
        INFO_TYPES, string="Type", required=True, default="news", tracking=True
    )
    body = fields.Html()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oa_info_item_attachment_rel",
        "item_id",
        "attachment_id",
        string="Attachments",
        copy=False,
    )
    author_id = fields.Many2one(
        "res.users",
        string="Submitted By",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Submitting Unit",
        index=True,
        default=lambda self: self.env.user.employee_id.department_id,
        tracking=True,
    )
    state = fields.Selection(
        INFO_STATES,
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date_submitted = fields.Datetime(copy=False, readonly=True, index=True)
    level_id = fields.Many2one(
        "oa.info.level", string="Adoption Level", tracking=True, copy=False
    )
    level_points = fields.Float(
        readonly=True,
        copy=False,
        digits=(16, 1),
        help="Points of the level when the item was adopted at it.",
    )
    extra_points = fields.Float(
        copy=False,
        tracking=True,
        digits=(16, 1),
        help="Points the office adds or removes by hand (e.g. a leader's "
        "instructions on the item).",
    )
    points = fields.Float(
        compute="_compute_points", store=True, digits=(16, 1), aggregator="sum"
    )
    reviewer_id = fields.Many2one("res.users", copy=False, readonly=True)
    review_opinion = fields.Text(string="Reviewer's Opinion", copy=False, readonly=True)
    date_reviewed = fields.Datetime(copy=False, readonly=True)
    date_adopted = fields.Datetime(copy=False, readonly=True)
    notice_id = fields.Many2one(
        "oa.notice", string="Published Notice", copy=False, readonly=True
    )
    bulletin_id = fields.Many2one(
        "oa.info.bulletin", string="Bulletin Issue", copy=False, index="btree_not_null"
    )
    is_office = fields.Boolean(compute="_compute_is_office")
    can_manage = fields.Boolean(compute="_compute_is_office")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("state", "level_points", "extra_points")
    def _compute_points(self):
        for item in self:
            item.points = (
                item.level_points + item.extra_points if item.state == "adopted" else 0
            )

    @api.depends_context("uid")
    @api.depends("author_id")
    def _compute_is_office(self):
        office = self.env.user.has_group("oa_base.group_oa_office")
        for item in self:
            item.is_office = office
            item.can_manage = office or item.author_id == self.env.user

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if not self.env.su and set(vals) & set(OFFICE_FIELDS):
            if not self.env.user.has_group("oa_base.group_oa_office"):
                raise UserError(
                    self.env._("Only the office sets adoption levels and points.")
                )
        if "bulletin_id" in vals:
            self._check_bulletin_change(vals["bulletin_id"])
        if "level_id" in vals:
            level = self.env["oa.info.level"].browse(vals["level_id"])
            adopted = self.filtered(lambda i: i.state == "adopted")
            if adopted:
                super(OaInfoItem, adopted).write({"level_points": level.points})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        for item in self:
            if item.date_submitted:
                raise UserError(
                    self.env._(
                        "%(item)s has been submitted and cannot be deleted; "
                        "withdraw it instead.",
                        item=item.name,
                    )
                )

    def _check_bulletin_change(self, bulletin_id):
        bulletin = self.env["oa.info.bulletin"].browse(bulletin_id)
        for item in self:
            if item.bulletin_id.state == "issued" and item.bulletin_id != bulletin:
                raise UserError(
                    self.env._(
                        "%(item)s is in the issued bulletin %(bulletin)s and stays "
                        "there.",
                        item=item.name,
                        bulletin=item.bulletin_id.display_name,
                    )
                )
            if bulletin and item.state != "adopted":
                raise UserError(
                    self.env._(
                        "Only adopted information goes into a bulletin; %(item)s "
                        "is not adopted.",
                        item=item.name,
                    )
                )
            if bulletin.state == "issued" and item.bulletin_id != bulletin:
                raise UserError(
                    self.env._(
                        "The bulletin %(bulletin)s has been issued; it cannot take "
                        "more items.",
                        bulletin=bulletin.display_name,
                    )
                )

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    def _check_author(self):
        self.check_access("read")
        for item in self:
            if not (
                self.env.su
                or item.author_id == self.env.user
                or self.env.user.has_group("oa_base.group_oa_office")
            ):
                raise UserError(
                    self.env._(
                        "Only the author of %(item)s or the office can do this.",
                        item=item.name,
                    )
                )

    def _check_office(self):
        if not (self.env.su or self.env.user.has_group("oa_base.group_oa_office")):
            raise UserError(self.env._("Only the office can do this."))

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_submit(self):
        """上报: send the item to the office for review."""
        self._check_author()
        self._check_state(("draft", "returned"), self.env._("submitted"))
        now = fields.Datetime.now()
        for item in self:
            missing = []
            if not html2plaintext(item.body or "").strip() and not item.attachment_ids:
                missing.append(self.env._("a text or an attachment"))
            if not item.department_id:
                missing.append(self.env._("the submitting unit"))
            if missing:
                raise UserError(
                    self.env._(
                        "%(item)s still needs %(missing)s.",
                        item=item.name,
                        missing=", ".join(missing),
                    )
                )
            item.action_oa_start()
            item._assign_number()
            item.sudo().write(
                {"state": "review", "date_submitted": item.date_submitted or now}
            )
            item.sudo().activity_feedback(
                ["mail.mail_activity_data_todo"], user_id=item.author_id.id
            )
        return True

    def _assign_number(self):
        """Give the items without one their submission number (XX2026-0001)."""
        Sequence = self.env["ir.sequence"].sudo()
        for item in self.filtered(lambda i: not i.number):
            item.sudo().number = Sequence.next_by_code(
                "oa.info.item",
                sequence_date=fields.Date.context_today(self, item.date_submitted)
                if item.date_submitted
                else None,
            )
        return True

    def action_cancel(self):
        """Withdraw a draft or a returned item."""
        self._check_author()
        self._check_state(("draft", "returned"), self.env._("withdrawn"))
        self.sudo().write({"state": "cancelled"})
        return True

    def action_reset_draft(self):
        self._check_author()
        self._check_state(("cancelled",), self.env._("reopened"))
        self.sudo().write({"state": "draft"})
        return True

    def action_open_review(self):
        """The office's review dialog: adopt (with a level), return or reject."""
        self.ensure_one()
        if not self.oa_can_act:
            raise UserError(self.oa_cannot_act_reason)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review Information"),
            "res_model": "oa.info.review",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_item_id": self.id,
                "default_decision": self.env.context.get("oa_decision", "adopt"),
                "default_level_id": self.level_id.id,
            },
        }

    def action_publish_to_board(self):
        """Publish the adopted item on the notice board (as 新闻, to everyone)."""
        self._check_office()
        self._check_state(("adopted",), self.env._("published"))
        category = self.env.ref("oa_notice.category_news")
        for item in self:
            if item.notice_id:
                raise UserError(
                    self.env._(
                        "%(item)s is already on the board.",
                        item=item.name,
                    )
                )
            notice = self.env["oa.notice"].create(
                {
                    "name": item.name,
                    "category_id": category.id,
                    "body": item.body,
                    "department_id": item.department_id.id,
                    "audience_type": "all",
                }
            )
            if item.attachment_ids:
                copies = [
                    attachment.copy({"res_model": "oa.notice", "res_id": notice.id}).id
                    for attachment in item.attachment_ids.sudo()
                ]
                notice.attachment_ids = [(6, 0, copies)]
            notice._do_publish(
                reviewer=self.env.user,
                opinion=self.env._(
                    "Adopted information %(number)s.", number=item.number or ""
                ),
            )
            item.sudo().notice_id = notice
            item.message_post(
                body=self.env._(
                    "Published on the notice board as %(number)s.",
                    number=notice.number,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_notice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.notice",
            "res_id": self.notice_id.id,
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------
    # Review outcomes
    # ------------------------------------------------------------

    def _do_adopt(self, level=None, reviewer=None, opinion=None):
        """采用 at ``level`` (the item's own when not given)."""
        now = fields.Datetime.now()
        for item in self:
            level = level or item.level_id
            if not level:
                raise UserError(
                    self.env._(
                        "Choose the adoption level of %(item)s before adopting it.",
                        item=item.name,
                    )
                )
            vals = {
                "state": "adopted",
                "level_id": level.id,
                "level_points": level.points,
                "date_adopted": now,
            }
            if reviewer:
                vals.update(
                    reviewer_id=reviewer.id, review_opinion=opinion, date_reviewed=now
                )
            item.sudo().write(vals)
            item._post_outcome(
                self.env._(
                    "Adopted (%(level)s, %(points)s points): %(opinion)s",
                    level=level.name,
                    points=level.points,
                    opinion=item.review_opinion or "-",
                )
            )
        return True

    def _do_return(self, reviewer=None, opinion=None):
        """退回: back to the unit with the reason, to revise and resubmit."""
        self._do_decline("returned", reviewer, opinion)
        for item in self:
            item.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=item.author_id.id,
                summary=self.env._("Revise and resubmit the returned information"),
                note=item.review_opinion,
            )
        return True

    def _do_reject(self, reviewer=None, opinion=None):
        """不采用: not adopted, with the reason."""
        return self._do_decline("rejected", reviewer, opinion)

    def _do_decline(self, state, reviewer, opinion):
        if not (opinion or "").strip():
            raise UserError(self.env._("Give the reason to the submitting unit."))
        now = fields.Datetime.now()
        self.sudo().write(
            {
                "state": state,
                "reviewer_id": reviewer.id if reviewer else False,
                "review_opinion": opinion,
                "date_reviewed": now,
            }
        )
        labels = dict(self._fields["state"]._description_selection(self.env))
        for item in self:
            item._post_outcome(
                self.env._(
                    "%(outcome)s: %(opinion)s", outcome=labels[state], opinion=opinion
                )
            )
        return True

    def _post_outcome(self, text):
        """Tell the submitter (a message they are notified of)."""
        self.ensure_one()
        self.sudo().message_post(
            body=Markup("<p>%s</p>") % text,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.author_id.partner_id.ids,
        )

    # ------------------------------------------------------------
    # Routing engine hooks
    # ------------------------------------------------------------

    def _oa_get_flow_template(self):
        self.ensure_one()
        return self.env["oa.flow.template"]._oa_get_default(
            self._name, code="info_review"
        )

    def _oa_get_flow_title(self):
        self.ensure_one()
        unit = self.department_id.name or ""
        return f"【{unit}】{self.name}" if unit else self.name

    def _oa_before_item_agree(self, item, opinion, chosen):
        if not self.level_id:
            raise UserError(
                self.env._(
                    "Choose the adoption level of %(item)s before adopting it.",
                    item=self.name,
                )
            )

    def _oa_on_item_agreed(self, item, opinion, chosen):
        self.sudo().write(
            {
                "reviewer_id": item.user_id.id,
                "review_opinion": opinion or self.env._("Adopted."),
                "date_reviewed": fields.Datetime.now(),
            }
        )

    def _oa_on_flow_done(self, flow):
        self._do_adopt()

    def _oa_on_flow_rejected(self, flow):
        item = flow.sudo().workitem_ids.filtered(lambda w: w.result == "disagree")[-1:]
        reviewer = item.user_id
        opinion = item.opinion or "-"
        if self.env.context.get("oa_info_outcome") == "returned":
            self._do_return(reviewer=reviewer, opinion=opinion)
        else:
            self._do_reject(reviewer=reviewer, opinion=opinion)
