# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import re

from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext

from odoo.addons.oa_base.models.oa_flow import URGENCY

SECRECY = [
    ("none", "Not Classified (非密)"),
    ("internal", "Internal (内部)"),
    ("secret", "Secret (秘密)"),
    ("confidential", "Confidential (机密)"),
    ("top_secret", "Top Secret (绝密)"),
]
CLASSIFIED = ("secret", "confidential", "top_secret")

DOC_TYPES = [
    ("incoming", "Incoming (收文)"),
    ("outgoing", "Outgoing (发文)"),
    ("memo", "Internal Memo (签报)"),
]

STATES = [
    ("draft", "Draft"),
    ("received", "Signed For"),
    ("registered", "Registered"),
    ("running", "In Progress"),
    ("done", "Done"),
    ("returned", "Returned to Sender"),
    ("rejected", "Not Approved"),
    ("cancelled", "Cancelled"),
]

# Fields whose change after sign-off is a material change (实质性修改).
CONTENT_FIELDS = ("name", "body", "main_file", "main_to", "kind_id", "attachment_note")
# Fields that only the people handling the document (or the office) may change.
PROTECTED_FIELDS = (
    *CONTENT_FIELDS,
    "cc",
    "date_written",
    "note",
    "urgency",
    "secrecy",
    "copy_no",
    "signature_org",
)


class OaDocument(models.Model):
    """An official document (公文): incoming (收文), outgoing (发文) or memo (签报).

    The 文单 carries the elements of 条例 第九条 / GB/T 9704-2012; handling runs
    on the oa_base routing engine (``oa.flow.mixin``) with one flow template per
    document type. Incoming: 签收 → 登记 → 初审 → 拟办 → 批办 → 承办 (主办/协办) →
    办结 with 答复. Outgoing: 拟稿 → 核稿 → 会签 → 签发 → 复核 → 登记编号/套红 →
    用印 → 核发 (internal units receive it as incoming, with a 回执).

    Access: the office and clerks read every document; others read what they
    drafted, what reached them on a flow (to do, to read or delegated) and what
    was dispatched to them to sign for.
    """

    _name = "oa.document"
    _description = "Official Document"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.flow.mixin", "oa.state.mixin"]
    _order = "id desc"
    _mail_post_access = "read"

    # -- 文单 (GB/T 9704-2012 elements) ------------------------------------
    name = fields.Char(string="Title", required=True, tracking=True)
    doc_type = fields.Selection(
        DOC_TYPES, string="Type", required=True, default="incoming", index=True
    )
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    kind_id = fields.Many2one(
        "oa.document.kind", string="Kind (文种)", tracking=True, index=True
    )
    direction = fields.Selection(related="kind_id.direction", store=True)
    copy_no = fields.Char(string="Copy No. (份号)")
    secrecy = fields.Selection(
        SECRECY, string="Classification (密级)", default="none", required=True
    )
    secrecy_period = fields.Char(string="Secrecy Period (保密期限)")
    urgency = fields.Selection(
        URGENCY,
        string="Urgency (紧急程度)",
        default="normal",
        required=True,
        tracking=True,
    )
    code_id = fields.Many2one(
        "oa.document.code", string="Authority Code (代字)", tracking=True
    )
    issuer_mark = fields.Char(string="Issuer Mark (发文机关标志)")
    doc_number = fields.Char(
        string="Document No. (发文字号)", copy=False, tracking=True, index="trigram"
    )
    number_id = fields.Many2one("oa.document.number", copy=False, readonly=True)
    signer_id = fields.Many2one(
        "res.users", string="Signed Off By (签发人)", tracking=True, copy=False
    )
    sign_on_behalf_of_id = fields.Many2one(
        "res.users", string="Signed For (代签)", copy=False, readonly=True
    )
    sign_date = fields.Datetime(string="Signed Off On", copy=False, readonly=True)
    sign_opinion = fields.Text(string="Sign-off Opinion", copy=False, readonly=True)
    signed_hash = fields.Char(copy=False, readonly=True)
    main_to = fields.Char(string="Main Recipient (主送)")
    main_to_unit_ids = fields.Many2many(
        "oa.document.unit",
        "oa_document_main_to_unit_rel",
        "document_id",
        "unit_id",
        string="Main Recipient Units",
    )
    cc = fields.Char(string="Copied To (抄送)")
    cc_unit_ids = fields.Many2many(
        "oa.document.unit",
        "oa_document_cc_unit_rel",
        "document_id",
        "unit_id",
        string="Copied-To Units",
    )
    body = fields.Html(string="Body (正文)", sanitize_style=True)
    main_file = fields.Binary(
        string="Main File (正文文件)", attachment=True, copy=False
    )
    main_file_name = fields.Char(copy=False)
    attachment_note = fields.Text(string="Attachment Note (附件说明)")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oa_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Attachments (附件)",
        copy=False,
    )
    signature_org = fields.Char(string="Signed By Authority (署名)")
    date_written = fields.Date(string="Date Written (成文日期)", copy=False)
    note = fields.Char(string="Annotation (附注)")
    print_org = fields.Char(string="Printed By (印发机关)")
    print_date = fields.Date(string="Printed On (印发日期)", copy=False)
    copies = fields.Integer(string="Copies (份数)", default=1)
    pages = fields.Integer(string="Pages (页数)")
    is_important = fields.Boolean(
        string="Important (重要公文)",
        help="Important documents are signed off by the principal leader.",
    )
    # -- 收文 ---------------------------------------------------------------
    serial_no = fields.Char(
        string="Registration No. (收文编号)", copy=False, readonly=True, index=True
    )
    sender_unit_id = fields.Many2one("oa.document.unit", string="Sender Unit")
    sender_org = fields.Char(string="Sender (来文机关)")
    sender_number = fields.Char(string="Sender's No. (来文字号)", index="trigram")
    date_received = fields.Datetime(string="Signed For On (签收时间)", copy=False)
    received_by_id = fields.Many2one("res.users", string="Signed For By", copy=False)
    date_registered = fields.Datetime(copy=False, readonly=True)
    handling_kind = fields.Selection(
        [("handle", "For Action (办件)"), ("read", "For Reading (阅件)")],
        default="handle",
    )
    deadline = fields.Datetime(string="Deadline (办理时限)", copy=False, tracking=True)
    proposal = fields.Text(string="Proposal (拟办意见)", copy=False)
    instruction = fields.Text(string="Instructions (领导批示)", copy=False)
    lead_department_id = fields.Many2one(
        "hr.department", string="Lead Unit (主办)", copy=False, tracking=True
    )
    assist_department_ids = fields.Many2many(
        "hr.department",
        "oa_document_assist_dept_rel",
        "document_id",
        "department_id",
        string="Assisting Units (协办)",
        copy=False,
    )
    reply = fields.Text(string="Reply to Sender (答复)", copy=False)
    return_reason = fields.Text(copy=False, tracking=True)
    date_done = fields.Datetime(copy=False, readonly=True)
    receiver_ids = fields.Many2many(
        "res.users",
        "oa_document_receiver_rel",
        "document_id",
        "user_id",
        string="Receivers",
        copy=False,
        help="Who may sign for a document dispatched to their unit.",
    )
    source_dispatch_id = fields.Many2one(
        "oa.document.dispatch", copy=False, readonly=True, index="btree_not_null"
    )
    source_document_id = fields.Many2one(
        related="source_dispatch_id.document_id", string="Dispatched From"
    )
    # -- 发文 ---------------------------------------------------------------
    drafter_id = fields.Many2one(
        "res.users",
        string="Drafter (拟稿人)",
        default=lambda self: self.env.user,
        readonly=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Drafting Unit",
        default=lambda self: self.env.user.employee_id.department_id,
    )
    check_basis = fields.Boolean(string="Reason and basis sound (行文理由与依据)")
    check_lawful = fields.Boolean(string="Lawful, consistent and feasible (合法合规)")
    check_consulted = fields.Boolean(string="Other units consulted (协商会签)")
    check_format = fields.Boolean(string="Kind, format and wording correct (文种格式)")
    check_other = fields.Boolean(string="Other drafting requirements met (其他)")
    countersign_department_ids = fields.Many2many(
        "hr.department",
        "oa_document_countersign_dept_rel",
        "document_id",
        "department_id",
        string="Countersigning Units (会签)",
    )
    dispatch_unit_ids = fields.Many2many(
        "oa.document.unit",
        "oa_document_dispatch_unit_rel",
        "document_id",
        "unit_id",
        string="Distribution (分送)",
    )
    dispatch_ids = fields.One2many("oa.document.dispatch", "document_id")
    receipt_count = fields.Integer(compute="_compute_receipt_count")
    for_principal = fields.Boolean(
        string="To the Principal Leader",
        help="签报: after the supervising leader, the principal leader decides.",
    )
    # -- handling records -----------------------------------------------------
    version_ids = fields.One2many("oa.document.version", "document_id")
    result_ids = fields.One2many("oa.document.result", "document_id")
    oa_current_step_code = fields.Char(related="oa_flow_id.current_step_id.code")
    rule_problems = fields.Html(compute="_compute_rule_problems", sanitize=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------

    @api.depends("dispatch_ids.state")
    def _compute_receipt_count(self):
        for doc in self:
            doc.receipt_count = len(
                doc.dispatch_ids.filtered(lambda d: d.state == "received")
            )

    @api.depends(
        "doc_number",
        "kind_id",
        "main_to",
        "cc",
        "cc_unit_ids",
        "main_to_unit_ids",
        "signer_id",
        "name",
        "body",
        "attachment_note",
        "date_written",
        "doc_type",
    )
    def _compute_rule_problems(self):
        for doc in self:
            problems = doc._get_rule_problems() if doc.doc_type != "incoming" else []
            doc.rule_problems = doc._format_problems(problems) if problems else False

    @api.constrains("secrecy")
    def _check_secrecy(self):
        for doc in self:
            if doc.secrecy in CLASSIFIED:
                raise ValidationError(
                    self.env._(
                        "%(doc)s is marked %(secrecy)s. Classified documents "
                        "(秘密/机密/绝密) must never be handled in this system: "
                        "use the confidential channel (机要渠道). Set the "
                        "classification to 'Not Classified' or 'Internal' to save "
                        "the rest of your input.",
                        doc=doc.name,
                        secrecy=dict(
                            self._fields["secrecy"]._description_selection(self.env)
                        )[doc.secrecy],
                    )
                )

    @api.constrains("doc_number", "code_id")
    def _check_doc_number(self):
        Code = self.env["oa.document.code"]
        for doc in self.filtered("doc_number"):
            if doc.doc_type == "incoming":
                continue
            code, _year, _seq = Code._parse_number(doc.doc_number)
            if doc.code_id and code != doc.code_id.name:
                raise ValidationError(
                    self.env._(
                        "The number %(number)s does not use the code %(code)s.",
                        number=doc.doc_number,
                        code=doc.code_id.name,
                    )
                )
            if self.search_count(
                [
                    ("doc_number", "=", doc.doc_number),
                    ("doc_type", "!=", "incoming"),
                    ("id", "!=", doc.id),
                    ("state", "!=", "cancelled"),
                ]
            ):
                raise ValidationError(
                    self.env._(
                        "The number %(number)s is already used by another document.",
                        number=doc.doc_number,
                    )
                )

    @api.onchange("code_id")
    def _onchange_code_id(self):
        if self.code_id:
            self.issuer_mark = self.code_id.issuer_mark
            self.signature_org = self.signature_org or self.code_id.org_name
            self.print_org = self.print_org or self.code_id.org_name

    @api.onchange("main_to_unit_ids")
    def _onchange_main_to_unit_ids(self):
        if self.main_to_unit_ids:
            self.main_to = self._join_units(self.main_to_unit_ids, "：")

    @api.onchange("cc_unit_ids")
    def _onchange_cc_unit_ids(self):
        if self.cc_unit_ids:
            self.cc = self._join_units(self.cc_unit_ids, "。")

    @api.model
    def _join_units(self, units, end):
        return "，".join(units.mapped("name")) + end

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            code = self.env["oa.document.code"].browse(vals.get("code_id"))
            if code:
                vals.setdefault("issuer_mark", code.issuer_mark)
                vals.setdefault("signature_org", code.org_name)
                vals.setdefault("print_org", code.org_name)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) & set(PROTECTED_FIELDS):
            for doc in self:
                reason = doc._get_edit_refusal()
                if reason:
                    raise UserError(reason)
        if "doc_number" in vals:
            for doc in self.filtered("number_id"):
                if doc.number_id.name != vals["doc_number"]:
                    doc.number_id._release()
                    doc.number_id = False
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for doc in self:
            if doc.state not in ("draft", "cancelled") or doc.oa_flow_id:
                raise UserError(
                    self.env._(
                        "%(doc)s has been handled and cannot be deleted; cancel it "
                        "instead.",
                        doc=doc.name,
                    )
                )

    def _get_edit_refusal(self):
        """Why the current user may not change the content now, or ``""``."""
        self.ensure_one()
        user = self.env.user
        if user.has_group("oa_base.group_oa_office"):
            return ""
        if self.state in ("draft", "received", "registered", "returned"):
            if self.create_uid == user or user.has_group("oa_base.group_oa_clerk"):
                return ""
        elif self.state == "running" and self.oa_can_act:
            return ""
        return self.env._(
            "You cannot change %(doc)s now: only its current handler, its drafter "
            "before submitting, or the office can.",
            doc=self.name,
        )

    # ------------------------------------------------------------
    # Rules (条例 第四章, GB/T 9704-2012): list of problems
    # ------------------------------------------------------------

    def _get_rule_problems(self):
        """Problems against the 行文规则 and format rules, as translated strings."""
        self.ensure_one()
        return (
            self._rules_kind_and_number()
            + self._rules_upward()
            + self._rules_by_kind()
            + self._rules_recipients()
            + self._rules_attachment_note()
            + self._rules_dates()
        )

    def _rules_kind_and_number(self):
        _ = self.env._
        problems = []
        kind = self.kind_id
        title = (self.name or "").strip()
        if not kind:
            problems.append(_("Choose the document kind (文种)."))
        if self.doc_number:
            try:
                self.env["oa.document.code"]._parse_number(self.doc_number)
            except UserError as e:
                problems.append(e.args[0])
        if kind and title and not title.endswith(kind.title_word):
            problems.append(
                _(
                    "The title should end with the kind %(kind)s "
                    "(发文机关名称 + 事由 + 文种).",
                    kind=kind.title_word,
                )
            )
        if self.secrecy in CLASSIFIED:
            problems.append(_("Classified documents are not handled in this system."))
        return problems

    def _rules_upward(self):
        """上行文 and 请示: a signer, one main recipient, no lower unit copied."""
        _ = self.env._
        if self.direction != "up" and self.kind_id.code != "request":
            return []
        problems = []
        main_to = (self.main_to or "").strip()
        recipients = [p for p in _split_names(main_to) if p]
        if not self.signer_id:
            problems.append(
                _("An upward document or request names its signer (签发人).")
            )
        if len(recipients) > 1 or len(self.main_to_unit_ids) > 1:
            problems.append(
                _(
                    "An upward document or request has one main recipient "
                    "(主送一个上级机关)."
                )
            )
        lower = self.cc_unit_ids.filtered(lambda u: u.relation == "lower")
        if lower:
            problems.append(
                _(
                    "An upward document is not copied to lower units: %(units)s.",
                    units="、".join(lower.mapped("name")),
                )
            )
        if any(word in main_to for word in _LEADER_TITLES):
            problems.append(
                _(
                    "Documents go to an authority, not to its leaders in "
                    "person (主送: %(to)s).",
                    to=main_to,
                )
            )
        return problems

    def _rules_by_kind(self):
        """请示一文一事; 报告不得夹带请示事项."""
        _ = self.env._
        code = self.kind_id.code
        title = (self.name or "").strip()
        text = html2plaintext(self.body or "") if self.body else ""
        if code == "request" and (
            title.count("请示") > 1 or any(w in text for w in _MORE_REQUESTS)
        ):
            return [_("A request deals with one matter only (一文一事).")]
        if code == "report":
            found = next((w for w in _REQUEST_WORDS if w in text or w in title), None)
            if found:
                return [
                    _(
                        "A report carries no request (报告不得夹带请示事项): "
                        "found %(word)s.",
                        word=found,
                    )
                ]
        return []

    def _rules_recipients(self):
        _ = self.env._
        problems = []
        main_to = (self.main_to or "").strip()
        cc = (self.cc or "").strip()
        if (
            self.doc_type == "outgoing"
            and not main_to
            and self.kind_id.code not in _NO_MAIN_RECIPIENT
        ):
            problems.append(_("Name the main recipient (主送机关)."))
        if main_to and not main_to.endswith(("：", ":")):
            problems.append(_("The main recipient ends with a full-width colon (：)."))
        if cc and not cc.endswith("。"):
            problems.append(_("The copied-to line ends with 。 (抄送机关)."))
        return problems

    def _rules_attachment_note(self):
        _ = self.env._
        note = (self.attachment_note or "").strip()
        if not note:
            return []
        problems = []
        lines = [line.strip() for line in note.splitlines() if line.strip()]
        if lines[-1][-1:] in "。.，,；;：:":
            problems.append(
                _("The attachment note has no punctuation at its end (附件说明).")
            )
        if len(lines) > 1 and not all(
            line[:1].isdigit() or line.startswith("附件") for line in lines
        ):
            problems.append(
                _("Several attachments are numbered: 1.×××, 2.××× (附件说明).")
            )
        return problems

    def _rules_dates(self):
        _ = self.env._
        problems = []
        if self.doc_type == "outgoing" and not self.date_written and self.sign_date:
            problems.append(_("Set the date written (成文日期)."))
        if self.date_written:
            written = self._format_date_cn(self.date_written)
            if not _DATE_CN_RE.fullmatch(written):
                problems.append(_("The date written must read like 2026年7月1日."))
            year = self.doc_number and _year_of(self.doc_number)
            if year and year != self.date_written.year:
                problems.append(
                    _(
                        "The year of the number (%(year)s) differs from the year "
                        "written (%(written)s).",
                        year=year,
                        written=self.date_written.year,
                    )
                )
        return problems

    @api.model
    def _format_date_cn(self, date):
        """成文日期 as GB/T 9704 writes it: 2026年7月1日 (no leading zeros)."""
        return f"{date.year}年{date.month}月{date.day}日" if date else ""

    @api.model
    def _format_problems(self, problems):
        items = "".join(f"<li>{_escape(p)}</li>" for p in problems)
        return f"<ul class='mb-0'>{items}</ul>"

    def _check_rules(self, stage):
        """Refuse with the list of problems (before 签发 and 核发)."""
        for doc in self:
            problems = doc._get_rule_problems()
            if stage == "dispatch":
                problems += doc._get_dispatch_blockers()
            if problems:
                raise UserError(
                    self.env._(
                        "%(doc)s cannot go on yet. Please fix:\n%(problems)s",
                        doc=doc.name,
                        problems="\n".join(f"• {p}" for p in problems),
                    )
                )

    def _get_dispatch_blockers(self):
        """What must be done before 核发 (extended by the red-head and seal)."""
        self.ensure_one()
        blockers = []
        if self.doc_type == "outgoing" and not self.doc_number:
            blockers.append(self.env._("Give the document its number (登记编号)."))
        if self.doc_type == "outgoing" and not self.date_written:
            blockers.append(self.env._("Set the date written (成文日期)."))
        return blockers

    def _get_dispatch_file(self):
        """The file the receiving units get (the sealed PDF once there is one)."""
        self.ensure_one()
        return self.main_file

    def _get_dispatch_file_name(self):
        self.ensure_one()
        return self.main_file_name

    def action_check_rules(self):
        """Show the problems found (button on the form)."""
        self.ensure_one()
        problems = self._get_rule_problems()
        message = (
            "\n".join(f"• {p}" for p in problems)
            if problems
            else self.env._("No problem found against the drafting rules.")
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Rule check"),
                "message": message,
                "type": "warning" if problems else "success",
                "sticky": bool(problems),
            },
        }

    # ------------------------------------------------------------
    # Content fingerprint and versions
    # ------------------------------------------------------------

    def _content_hash(self):
        """SHA-256 of the content (a change after sign-off is material)."""
        return self._fields_hash(CONTENT_FIELDS)

    def _fields_hash(self, fnames):
        """SHA-256 of the values of ``fnames`` (relations by id)."""
        self.ensure_one()
        digest = hashlib.sha256()
        for fname in fnames:
            value = self[fname]
            if isinstance(value, models.BaseModel):
                value = value.id
            digest.update(str(value or "").encode())
            digest.update(b"\x1f")
        return digest.hexdigest()

    def _snapshot(self, kind, step_name=None, author=None):
        """Keep the version of the content as it is now (one row)."""
        versions = self.env["oa.document.version"].sudo()
        vals_list = []
        for doc in self:
            vals_list.append(
                {
                    "document_id": doc.id,
                    "kind": kind,
                    "step_name": step_name,
                    "author_id": (author or self.env.user).id,
                    "title": doc.name,
                    "body": doc.body,
                    "main_file": doc.main_file,
                    "main_file_name": doc.main_file_name,
                    "content_hash": doc._content_hash(),
                }
            )
        return versions.create(vals_list)

    def action_clean_copy(self):
        """清稿: keep the marked-up version (every change) and a clean copy."""
        for doc in self:
            reason = doc._get_edit_refusal()
            if reason:
                raise UserError(reason)
            if not doc.version_ids:
                raise UserError(
                    self.env._("There is no earlier version to clean up yet.")
                )
            doc._snapshot("marked", step_name=self.env._("Marked-up (花脸稿)"))
            doc._snapshot("clean", step_name=self.env._("Clean copy (清稿)"))
            doc.message_post(body=self.env._("A clean copy was made (清稿)."))
        return True

    def _get_result_values(self, item, opinion):
        dept = item.user_id.employee_id.department_id
        if item.on_behalf_of_id:
            dept = item.on_behalf_of_id.employee_id.department_id
        return {
            "document_id": self.id,
            "department_id": dept.id,
            "user_id": item.user_id.id,
            "on_behalf_of_id": item.on_behalf_of_id.id,
            "role": item.role or "lead",
            "result": opinion,
        }

    # ------------------------------------------------------------
    # 收文: 签收 → 登记 → 初审 → handling
    # ------------------------------------------------------------

    def _check_clerk(self):
        if not self.env.user.has_group("oa_base.group_oa_clerk"):
            if not (self.receiver_ids and self.env.user in self.receiver_ids):
                raise UserError(
                    self.env._("Only the office's clerks register incoming documents.")
                )

    def action_receive(self):
        """签收: sign for the document, with the time; a receipt goes back."""
        self._check_clerk()
        self._check_state(("draft",), self.env._("signed for"))
        now = fields.Datetime.now()
        self.sudo().write(
            {"state": "received", "date_received": now, "received_by_id": self.env.uid}
        )
        self.source_dispatch_id.sudo()._mark_received(self.env.user, now)
        return True

    def action_register(self):
        """登记: give the 收文编号 (a yearly sequence) and record the register."""
        self._check_clerk()
        self._check_state(("received",), self.env._("registered"))
        for doc in self:
            missing = [
                label
                for fname, label in (
                    ("name", self.env._("title")),
                    ("sender_org", self.env._("sender")),
                )
                if not doc[fname]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Fill in before registering: %(fields)s.",
                        fields=", ".join(missing),
                    )
                )
            serial = (
                self.env["ir.sequence"]
                .sudo()
                .next_by_code("oa.document.incoming", sequence_date=doc.date_received)
            )
            doc.sudo().write(
                {
                    "serial_no": serial,
                    "state": "registered",
                    "date_registered": fields.Datetime.now(),
                }
            )
        return True

    def action_return_to_sender(self, reason):
        """初审 退回: not ours or not to the rules; goes back with the reason."""
        self._check_clerk()
        self._check_state(("draft", "received", "registered"), self.env._("returned"))
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the document goes back to its sender."))
        for doc in self:
            doc.sudo().write({"state": "returned", "return_reason": reason})
            doc.source_dispatch_id.sudo()._mark_returned(self.env.user, reason)
            doc.message_post(
                body=self.env._("Returned to the sender: %(reason)s", reason=reason)
            )
        return True

    def action_start_handling(self):
        """Start 拟办 → 批办 → 承办 (办件) or 拟办 → 批阅 (阅件)."""
        self._check_clerk()
        self._check_state(("registered",), self.env._("handed on"))
        for doc in self:
            if doc.urgency != "normal" and not doc.deadline:
                raise UserError(
                    self.env._(
                        "An urgent document needs an explicit deadline (紧急公文应当"
                        "明确办理时限)."
                    )
                )
            doc.action_oa_start()
            doc.sudo().state = "running"
        return True

    def action_return_to_office(self):
        """A unit sends the document back to the office: not within its remit."""
        self.ensure_one()
        item = self.oa_my_workitem_id
        if not item or not self.oa_can_act:
            raise UserError(self.oa_cannot_act_reason)
        target = self.oa_flow_id.sudo().step_ids.filtered(
            lambda s: s.code == "proposal"
        )[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return to the Office"),
            "res_model": "oa.flow.act",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_workitem_id": item.id,
                "default_action": "return",
                "default_return_step_id": target.id,
            },
        }

    # ------------------------------------------------------------
    # 发文 / 签报
    # ------------------------------------------------------------

    def action_submit(self):
        """拟稿 done: send the draft into 核稿 (outgoing) or review (memo)."""
        for doc in self:
            if doc.doc_type == "incoming":
                raise UserError(self.env._("Incoming documents are registered."))
            doc._check_state(("draft",), self.env._("submitted"))
            if doc.create_uid != self.env.user and not self.env.user.has_group(
                "oa_base.group_oa_office"
            ):
                raise UserError(self.env._("Only the drafter submits the draft."))
            if not doc.kind_id or not (doc.body or doc.main_file):
                raise UserError(
                    self.env._("Choose the kind and write the body before submitting.")
                )
            if doc.doc_type == "outgoing" and not doc.code_id:
                raise UserError(
                    self.env._("Choose the authority code (机关代字) of the document.")
                )
            doc.action_oa_start()
            doc.sudo().state = "running"
        return True

    def action_cancel(self):
        for doc in self:
            if doc.state == "running":
                raise UserError(
                    self.env._(
                        "%(doc)s is being handled: retract it or ask the office to "
                        "terminate its flow.",
                        doc=doc.name,
                    )
                )
            if doc.state == "done":
                raise UserError(self.env._("A completed document cannot be cancelled."))
            if doc.create_uid != self.env.user and not self.env.user.has_group(
                "oa_base.group_oa_office"
            ):
                raise UserError(
                    self.env._("Only the drafter or the office can cancel.")
                )
        self.number_id._release()
        self.sudo().write({"state": "cancelled", "number_id": False})
        return True

    def action_reset_draft(self):
        self._check_state(("cancelled", "rejected"), self.env._("reopened"))
        if self.filtered(lambda d: d.create_uid != self.env.user) and not (
            self.env.user.has_group("oa_base.group_oa_office")
        ):
            raise UserError(self.env._("Only the drafter or the office can reopen."))
        self.sudo().write({"state": "draft"})
        return True

    def action_assign_number(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Number the Document"),
            "res_model": "oa.document.number.assign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def _assign_number(self, number):
        """Give ``number`` (an ``oa.document.number``) to this document."""
        self.ensure_one()
        if number.state == "used" and number.document_id != self:
            raise UserError(
                self.env._(
                    "%(number)s is already used by %(doc)s.",
                    number=number.name,
                    doc=number.document_id.name,
                )
            )
        if self.number_id and self.number_id != number:
            self.number_id._release()
        number.sudo().write({"state": "used", "document_id": self.id})
        self.sudo().write({"number_id": number.id, "doc_number": number.name})
        self.message_post(body=self.env._("Numbered %(number)s.", number=number.name))

    def _dispatch(self):
        """核发: distribute; internal units receive an incoming document each."""
        self.ensure_one()
        units = self.dispatch_unit_ids | self.main_to_unit_ids | self.cc_unit_ids
        now = fields.Datetime.now()
        Dispatch = self.env["oa.document.dispatch"].sudo()
        lines = Dispatch.create(
            [
                {
                    "document_id": self.id,
                    "unit_id": unit.id,
                    "date_sent": now,
                    "state": "sent",
                }
                for unit in units
                if unit not in self.dispatch_ids.unit_id
            ]
        )
        lines.filtered(lambda d: d.unit_id.relation == "internal")._create_incoming()
        vals = {"state": "done", "date_done": now}
        if not self.print_date:
            vals["print_date"] = fields.Date.context_today(self)
        self.sudo().write(vals)

    # ------------------------------------------------------------
    # Engine hooks
    # ------------------------------------------------------------

    def _oa_get_flow_template(self):
        self.ensure_one()
        code = self.doc_type
        if self.doc_type == "incoming" and self.handling_kind == "read":
            code = "incoming_read"
        return self.env["oa.flow.template"]._oa_get_default(self._name, code=code)

    def _oa_get_flow_title(self):
        self.ensure_one()
        prefix = self.doc_number or self.serial_no or ""
        return f"{prefix} {self.name}".strip()

    def _oa_get_urgency(self):
        return self.urgency

    def _oa_get_deadline(self):
        return self.deadline or None

    def _oa_get_step_handlers(self, step):
        Users = self.env["res.users"]
        if step.code == "countersign":
            users = self.countersign_department_ids._oa_get_leader_users("manager")
            return users, Users
        if step.code == "sign_off":
            return self._get_signer_candidates(), Users
        if step.code == "principal":
            if not self.for_principal:
                return Users, Users
            return self.company_id.oa_principal_leader_id, Users
        return Users, Users

    def _get_signer_candidates(self):
        """签发: the chosen signer; the principal leader for upward/important ones."""
        self.ensure_one()
        if self._needs_principal_signer():
            return self.company_id.oa_principal_leader_id
        if self.signer_id:
            return self.signer_id
        dept = self.department_id or self.drafter_id.employee_id.department_id
        return dept._oa_get_leader_users("supervisor") or (
            self.company_id.oa_principal_leader_id
        )

    def _needs_principal_signer(self):
        return self.direction == "up" or self.is_important

    def _oa_on_step_activated(self, flow, step):
        # Each step keeps the version it received.
        self._snapshot("received", step_name=step.name, author=flow.env.user)

    def _oa_before_item_agree(self, item, opinion, chosen):
        code = item.step_id.code
        _ = self.env._
        if code == "review":
            unchecked = [
                self._fields[f].get_description(self.env)["string"]
                for f in (
                    "check_basis",
                    "check_lawful",
                    "check_consulted",
                    "check_format",
                    "check_other",
                )
                if not self[f]
            ]
            if unchecked:
                raise UserError(
                    _(
                        "Tick every point of the review (条例 第二十条) before "
                        "passing the draft on, or return it to the drafter: "
                        "%(points)s.",
                        points="; ".join(unchecked),
                    )
                )
        elif code == "sign_off":
            self._check_rules("sign_off")
            principal = self.company_id.oa_principal_leader_id
            signer = item.on_behalf_of_id or item.user_id
            if self._needs_principal_signer() and signer != principal:
                raise UserError(
                    _(
                        "Upward and important documents are signed off by the "
                        "principal leader %(leader)s.",
                        leader=principal.name or "-",
                    )
                )
        elif code == "recheck":
            if self.signed_hash and self.signed_hash != self._content_hash():
                raise UserError(
                    _(
                        "The content changed materially after sign-off: return it to "
                        "the signer (复核 需作实质性修改的报原签批人复审)."
                    )
                )
        elif code == "register":
            blockers = self._get_dispatch_blockers()
            if blockers:
                raise UserError("\n".join(f"• {b}" for b in blockers))
        elif code == "dispatch":
            self._check_rules("dispatch")
        elif code == "handling" and not (opinion or "").strip():
            raise UserError(
                _("Record the result of your handling (办理结果) as your opinion.")
            )
        elif code == "instruction" and chosen and chosen.get("leads"):
            self._check_single_lead(item, chosen)

    def _check_single_lead(self, item, chosen):
        """One document, one 主办: later leaders keep the lead already chosen."""
        lead = chosen["leads"]
        previous = (
            item.step_id.sudo()
            .flow_id.step_ids.filtered(lambda s: s.code == "handling")
            .chosen_lead_ids
        )
        if previous and previous != lead:
            raise UserError(
                self.env._(
                    "%(lead)s already leads this document (主办); choose them as "
                    "lead too and add your units as assistants (协办).",
                    lead=", ".join(previous.mapped("name")),
                )
            )

    def _oa_on_item_agreed(self, item, opinion, chosen):
        code = item.step_id.code
        now = fields.Datetime.now()
        doc = self.sudo()
        signer = item.user_id
        line = f"{signer.name}: {opinion or self.env._('Agreed')} ({now:%Y-%m-%d})"
        if code == "proposal":
            doc.proposal = "\n".join(filter(None, [doc.proposal, line]))
        elif code == "instruction":
            doc.instruction = "\n".join(filter(None, [doc.instruction, line]))
            if chosen and chosen.get("leads"):
                dept = chosen["leads"][:1].employee_id.department_id
                assist = (chosen["users"] - chosen["leads"]).employee_id.department_id
                vals = {"assist_department_ids": [(4, d.id) for d in assist]}
                if dept:
                    vals["lead_department_id"] = dept.id
                doc.write(vals)
        elif code == "handling":
            self.env["oa.document.result"].sudo().create(
                self._get_result_values(item, opinion)
            )
        elif code == "sign_off":
            doc.write(
                {
                    "signer_id": (item.on_behalf_of_id or item.user_id).id,
                    "sign_on_behalf_of_id": item.on_behalf_of_id and item.user_id.id,
                    "sign_date": now,
                    # 圈阅或者签名的视为同意.
                    "sign_opinion": opinion
                    or self.env._("Circled: agreed (圈阅视为同意)"),
                    "signed_hash": doc._content_hash(),
                    "date_written": doc.date_written
                    or fields.Date.context_today(self, now),
                }
            )
        elif code == "conclude":
            doc.reply = "\n".join(filter(None, [doc.reply, opinion]))
        elif code == "dispatch":
            doc._dispatch()

    def _oa_on_flow_done(self, flow):
        vals = {"state": "done"}
        if not self.date_done:
            vals["date_done"] = fields.Datetime.now()
        self.sudo().write(vals)

    def _oa_on_flow_rejected(self, flow):
        self.sudo().state = "rejected"

    def _oa_on_flow_cancelled(self, flow):
        # Retracted before anyone acted: back to the drafter or the register.
        self.sudo().state = "registered" if self.doc_type == "incoming" else "draft"

    def _oa_on_flow_terminated(self, flow):
        self.number_id._release()
        self.sudo().write({"state": "cancelled", "number_id": False})


# 不得以本机关名义向上级机关负责人报送公文: titles that name a person.
_LEADER_TITLES = (
    "省长",
    "市长",
    "县长",
    "区长",
    "局长",
    "厅长",
    "处长",
    "主任",
    "书记",
    "部长",
    "领导",
)
# 请示一文一事: wording that adds a second request.
_MORE_REQUESTS = ("另请示", "同时请示", "一并请示", "另外请示")
# 报告不得夹带请示事项: wording that asks for something.
_REQUEST_WORDS = ("请批示", "请审批", "请批准", "请予批准", "妥否", "请示")
# Kinds published to all, with no main recipient.
_NO_MAIN_RECIPIENT = ("communique", "announcement", "public_notice", "minutes")
_DATE_CN_RE = re.compile(r"[12]\d{3}年[1-9]\d?月[1-9]\d?日")


def _split_names(text):
    for sep in ("，", ",", "、", "；", ";"):
        text = text.replace(sep, "\x1f")
    return [p.strip(" ：:。") for p in text.split("\x1f")]


def _year_of(number):
    match = re.search(r"〔(\d{4})〕", number or "")
    return int(match.group(1)) if match else None


def _escape(text):
    return str(escape(text))
