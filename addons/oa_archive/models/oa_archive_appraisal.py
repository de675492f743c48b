# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .oa_archive_item_care import OPEN_APPRAISAL_STATES

APPRAISAL_STATES = [
    ("draft", "Draft"),
    ("pending", "Awaiting Approval"),
    ("approved", "Approved, to Destroy"),
    ("done", "Done"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]


class OaArchiveAppraisal(models.Model):
    """An appraisal (鉴定) of archived items whose retention has ended, and the
    destruction (销毁) it approves.

    The archivists list the items due and decide for each: destroy, extend
    the retention, or keep. The appraisal goes for approval on the routing
    engine (the office director, then the principal leader; the template's
    steps can name another group, e.g. an appraisal committee). Once it is
    approved the extensions take effect, and an archivist destroys the items
    to be destroyed in the presence of a witness (监销人): their content is
    removed, their catalogue entry, handling record and this appraisal — with
    the trace of who approved it — are kept, and the destruction register
    (销毁清册) lists them. Nothing is destroyed without an approved appraisal.

    Access: archivists manage appraisals; the approvers read the ones that
    reached them (the lines, not the items).
    """

    _name = "oa.archive.appraisal"
    _description = "Archive Appraisal (鉴定)"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.flow.mixin", "oa.state.mixin"]
    _order = "id desc"
    _mail_post_access = "read"
    _oa_flow_states = {
        "rejected": "refused",
        "cancelled": "draft",
        "terminated": "cancelled",
    }

    name = fields.Char(
        string="Appraisal No.", readonly=True, copy=False, default="/", index=True
    )
    date = fields.Date(
        string="Appraisal Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    opinion = fields.Text(
        string="Appraisal Opinion (鉴定意见)",
        tracking=True,
        help="The appraisers' opinion; the reason of every line without its own.",
    )
    line_ids = fields.One2many(
        "oa.archive.appraisal.line", "appraisal_id", string="Items", copy=False
    )
    state = fields.Selection(
        APPRAISAL_STATES,
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Archivist",
        default=lambda self: self.env.user,
        required=True,
        tracking=True,
    )
    line_count = fields.Integer(compute="_compute_counts")
    destroy_count = fields.Integer(string="To Destroy", compute="_compute_counts")
    extend_count = fields.Integer(string="To Extend", compute="_compute_counts")
    keep_count = fields.Integer(string="To Keep", compute="_compute_counts")
    destroy_pages = fields.Integer(string="Pages to Destroy", compute="_compute_counts")
    date_approved = fields.Datetime(string="Approved On", readonly=True, copy=False)
    witness_id = fields.Many2one(
        "res.users",
        string="Witness (监销人)",
        tracking=True,
        copy=False,
        help="Who watches the destruction and signs the register with the "
        "archivist who destroys.",
    )
    destroyed_by_id = fields.Many2one(
        "res.users", string="Destroyed By (销毁人)", readonly=True, copy=False
    )
    date_destroyed = fields.Datetime(string="Destroyed On", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("line_ids.decision", "line_ids.pages")
    def _compute_counts(self):
        for appraisal in self:
            lines = appraisal.line_ids
            destroy = lines.filtered(lambda line: line.decision == "destroy")
            appraisal.line_count = len(lines)
            appraisal.destroy_count = len(destroy)
            appraisal.extend_count = len(
                lines.filtered(lambda line: line.decision == "extend")
            )
            appraisal.keep_count = len(
                lines.filtered(lambda line: line.decision == "keep")
            )
            appraisal.destroy_pages = sum(destroy.mapped("pages"))

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_archivist()
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("oa.archive.appraisal") or "/"
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        for appraisal in self:
            if appraisal.state != "draft" or appraisal.oa_flow_id:
                raise UserError(
                    self.env._(
                        "%(appraisal)s has been submitted: it stays on record. "
                        "Cancel it instead.",
                        appraisal=appraisal.name,
                    )
                )

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    def _check_archivist(self):
        if not self.env.su and not self.env.user.has_group(
            "oa_archive.group_oa_archivist"
        ):
            raise UserError(self.env._("Only archivists appraise and destroy."))

    def _check_editable(self):
        """Lines change in draft only (the approvers approve what they saw)."""
        if self.env.context.get("oa_archive_appraisal_engine"):
            return
        for appraisal in self:
            if appraisal.state != "draft":
                raise UserError(
                    self.env._(
                        "%(appraisal)s has been submitted: its items and decisions "
                        "no longer change.",
                        appraisal=appraisal.name,
                    )
                )

    def _get_submit_problems(self):
        self.ensure_one()
        problems = []
        if not self.line_ids:
            problems.append(self.env._("List the items to appraise."))
        problems += self.line_ids._get_problems()
        others = self.env["oa.archive.appraisal.line"].search(
            [
                ("item_id", "in", self.line_ids.item_id.ids),
                ("appraisal_id", "!=", self.id),
                ("appraisal_id.state", "in", OPEN_APPRAISAL_STATES),
            ]
        )
        for line in others:
            problems.append(
                self.env._(
                    "%(code)s is already in the appraisal %(appraisal)s.",
                    code=line.archival_code,
                    appraisal=line.appraisal_id.name,
                )
            )
        return problems

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_submit(self):
        """Send the appraisal for approval."""
        self._check_archivist()
        self._check_state(("draft",), self.env._("submitted"))
        problems = []
        for appraisal in self:
            problems += [
                f"{appraisal.name}: {p}" for p in appraisal._get_submit_problems()
            ]
        if problems:
            raise UserError(
                self.env._(
                    "The appraisal cannot be submitted:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
        for appraisal in self:
            appraisal.action_oa_start()
            appraisal.sudo().write({"state": "pending"})
            appraisal._log_audit(
                "archive_appraisal",
                self.env._(
                    "Appraisal %(appraisal)s submitted: %(destroy)s to destroy, "
                    "%(extend)s to extend, %(keep)s to keep",
                    appraisal=appraisal.name,
                    destroy=appraisal.destroy_count,
                    extend=appraisal.extend_count,
                    keep=appraisal.keep_count,
                ),
            )
        return True

    def action_withdraw(self):
        """Take the appraisal back before anyone acted on it."""
        self._check_archivist()
        self._check_state(("pending",), self.env._("withdrawn"))
        for appraisal in self:
            if appraisal.oa_flow_state == "running":
                appraisal.oa_flow_id.action_retract()
            if appraisal.state == "pending":
                appraisal.sudo().write({"state": "draft"})
        return True

    def action_cancel(self):
        self._check_archivist()
        self._check_state(("draft", "refused"), self.env._("cancelled"))
        self.write({"state": "cancelled"})
        return True

    def action_reset_draft(self):
        self._check_archivist()
        self._check_state(("refused", "cancelled"), self.env._("reopened"))
        self.write({"state": "draft"})
        return True

    def action_destroy(self):
        """销毁 (archivist, with a witness): remove the content of the items to
        destroy; keep their catalogue entry and this approved appraisal."""
        self._check_archivist()
        self._lock()
        self._check_state(("approved",), self.env._("carried out"))
        problems = []
        for appraisal in self:
            if appraisal.sudo().oa_flow_id.state != "done":
                problems.append(
                    self.env._(
                        "%(appraisal)s has not been approved on its flow.",
                        appraisal=appraisal.name,
                    )
                )
            if not appraisal.witness_id:
                problems.append(
                    self.env._(
                        "%(appraisal)s: name the witness (监销人) of the destruction.",
                        appraisal=appraisal.name,
                    )
                )
            elif appraisal.witness_id == self.env.user:
                problems.append(
                    self.env._(
                        "%(appraisal)s: the witness must be someone else than "
                        "who destroys.",
                        appraisal=appraisal.name,
                    )
                )
            lines = appraisal._get_lines("destroy")
            gone = lines.item_id.sudo().filtered(lambda i: i.state != "filed")
            if gone:
                problems.append(
                    self.env._(
                        "%(appraisal)s: these items are no longer filed: %(codes)s.",
                        appraisal=appraisal.name,
                        codes=", ".join(gone.mapped("archival_code")),
                    )
                )
        if problems:
            raise UserError(
                self.env._(
                    "Nothing was destroyed:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
        for appraisal in self:
            appraisal._do_destroy()
        return True

    def action_open_items(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Items of %(appraisal)s", appraisal=self.name),
            "res_model": "oa.archive.item",
            "view_mode": "list,kanban,form",
            "domain": [("id", "in", self.line_ids.item_id.ids)],
        }

    # ------------------------------------------------------------
    # Routing engine hooks
    # ------------------------------------------------------------

    def _oa_get_flow_title(self):
        self.ensure_one()
        return self.env._(
            "%(appraisal)s: appraisal of %(count)s archived items (%(destroy)s to "
            "destroy)",
            appraisal=self.name,
            count=self.line_count,
            destroy=self.destroy_count,
        )

    def _oa_get_flow_template(self):
        self.ensure_one()
        return self.env["oa.flow.template"]._oa_get_default(
            self._name, code="archive_appraisal"
        )

    def _oa_get_step_handlers(self, step):
        """'principal': the principal leader of the company (主要负责人)."""
        Users = self.env["res.users"]
        if step.code == "principal":
            return self.sudo().company_id.oa_principal_leader_id, Users
        return Users, Users

    def _oa_on_flow_done(self, flow):
        res = super()._oa_on_flow_done(flow)
        self._do_approve()
        return res

    def _oa_on_flow_rejected(self, flow):
        res = super()._oa_on_flow_rejected(flow)
        for appraisal in self:
            appraisal._log_audit(
                "archive_appraisal",
                self.env._(
                    "Appraisal %(appraisal)s refused by %(user)s",
                    appraisal=appraisal.name,
                    user=self.env.user.name,
                ),
            )
        return res

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _get_lines(self, decision):
        return self.sudo().line_ids.filtered(lambda line: line.decision == decision)

    def _lock(self):
        """Lock the appraisals' rows: two archivists cannot carry one out twice.

        The second one's transaction fails on the lock; Odoo retries it, and it
        then finds the appraisal done.
        """
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM oa_archive_appraisal WHERE id IN %s FOR UPDATE NOWAIT",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset()

    def _do_approve(self):
        """Approved: extensions and decisions to keep take effect now; the
        destruction waits for an archivist and a witness."""
        today = fields.Date.context_today(self)
        labels = dict(
            self.env["oa.archive.item"]
            ._fields["retention"]
            ._description_selection(self.env)
        )
        for appraisal in self.sudo():
            extend = appraisal._get_lines("extend")
            keep = appraisal._get_lines("keep")
            for new_retention, lines in extend.grouped("new_retention").items():
                lines.item_id.write(
                    {
                        "retention_extended": new_retention,
                        "appraisal_id": appraisal.id,
                        "date_appraised": today,
                    }
                )
                lines.item_id._add_note(
                    self.env._(
                        "Retention extended to %(retention)s (%(appraisal)s)",
                        retention=labels.get(new_retention, new_retention),
                        appraisal=appraisal.name,
                    )
                )
            keep.item_id.write({"appraisal_id": appraisal.id, "date_appraised": today})
            appraisal.write(
                {
                    "state": "approved" if appraisal._get_lines("destroy") else "done",
                    "date_approved": fields.Datetime.now(),
                }
            )
            appraisal._log_audit(
                "archive_appraisal",
                self.env._(
                    "Appraisal %(appraisal)s approved: %(destroy)s to destroy, "
                    "%(extend)s extended, %(keep)s kept",
                    appraisal=appraisal.name,
                    destroy=appraisal.destroy_count,
                    extend=appraisal.extend_count,
                    keep=appraisal.keep_count,
                ),
            )
            if appraisal.state == "approved":
                appraisal.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=appraisal.user_id.id,
                    summary=self.env._("Destroy with a witness (监销)"),
                )

    def _do_destroy(self):
        """Remove the content of the items to destroy (files, attachments)."""
        self.ensure_one()
        appraisal = self.sudo()
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        lines = appraisal._get_lines("destroy")
        items = lines.item_id
        files = items.file_ids
        # Emptying the binary field deletes its attachment; copies attached to
        # the items or files themselves (stamped prints, exports) go too.
        files.with_context(oa_archive_destroying=True).write(
            {"file": False, "removed": True}
        )
        self.env["ir.attachment"].sudo().search(
            [
                "|",
                "&",
                ("res_model", "=", "oa.archive.item"),
                ("res_id", "in", items.ids),
                "&",
                ("res_model", "=", "oa.archive.file"),
                ("res_id", "in", files.ids),
            ]
        ).unlink()
        items.with_context(oa_archive_destroying=True).write(
            {
                "state": "destroyed",
                "content_removed": True,
                "date_destroyed": today,
                "appraisal_id": appraisal.id,
                "date_appraised": today,
            }
        )
        items._add_note(
            self.env._(
                "Destroyed %(date)s (%(appraisal)s)",
                date=today.strftime("%Y-%m-%d"),
                appraisal=appraisal.name,
            )
        )
        appraisal.write(
            {
                "state": "done",
                "date_destroyed": now,
                "destroyed_by_id": self.env.uid,
            }
        )
        appraisal.activity_feedback(["mail.mail_activity_data_todo"])
        self.env["oa.audit.log"].sudo().create(
            [
                {
                    "event": "archive_destroy",
                    "description": self.env._(
                        "Destroyed %(code)s %(title)s (appraisal %(appraisal)s, "
                        "witness %(witness)s)",
                        code=line.archival_code,
                        title=line.name,
                        appraisal=appraisal.name,
                        witness=appraisal.witness_id.name,
                    ),
                    "user_id": self.env.uid,
                    "login": self.env.user.login,
                    "res_model": "oa.archive.item",
                    "res_id": line.item_id.id,
                }
                for line in lines
            ]
        )
        appraisal.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "%(count)s items destroyed by %(user)s, witnessed by %(witness)s.",
                count=len(items),
                user=self.env.user.name,
                witness=appraisal.witness_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _log_audit(self, event, description):
        self.ensure_one()
        self.env["oa.audit.log"].sudo()._log_event(event, description, record=self)

    def _get_approvals(self):
        """Who approved (or refused) the appraisal, from its flow's trace."""
        self.ensure_one()
        traces = (
            self.env["oa.trace"]
            .sudo()
            .search(
                [
                    ("flow_id", "=", self.sudo().oa_flow_id.id),
                    ("action", "in", ("agree", "disagree")),
                ],
                order="date, id",
            )
        )
        labels = dict(traces._fields["action"]._description_selection(self.env))
        return [
            {
                "step": trace.step_name or "",
                "user": trace.actor_display or "",
                "action": labels.get(trace.action, trace.action),
                "date": self._format_datetime(trace.date),
                "opinion": trace.opinion or "",
            }
            for trace in traces
        ]

    def _format_datetime(self, value):
        if not value:
            return ""
        return fields.Datetime.context_timestamp(self, value).strftime("%Y-%m-%d %H:%M")

    def _get_register_data(self):
        """The destruction register (销毁清册): what it shows."""
        self.ensure_one()
        _ = self.env._
        appraisal = self.sudo()
        labels = dict(
            appraisal.line_ids._fields["retention"]._description_selection(self.env)
        )
        lines = appraisal._get_lines("destroy")
        fonds = lines.item_id.fonds_id
        return {
            "title": _("Destruction Register (档案销毁清册)"),
            "number": appraisal.name,
            "org": ", ".join(fonds.mapped("display_name")) or appraisal.company_id.name,
            "headers": [
                _("Archival Code (档号)"),
                _("Title (题名)"),
                _("Date (日期)"),
                _("Retention (保管期限)"),
                _("Pages (页数)"),
                _("Reason (销毁理由)"),
            ],
            "rows": [
                [
                    line.archival_code or "",
                    line.name or "",
                    line.date.strftime("%Y%m%d") if line.date else "",
                    labels.get(line.retention, "") if line.retention else "",
                    str(line.pages or ""),
                    line.reason or appraisal.opinion or "",
                ]
                for line in lines
            ],
            "summary": _(
                "%(count)s items, %(pages)s pages.",
                count=len(lines),
                pages=sum(lines.mapped("pages")),
            ),
            "approvals": appraisal._get_approvals(),
            "destroyed_on": appraisal._format_datetime(appraisal.date_destroyed),
            "destroyed_by": appraisal.destroyed_by_id.name or "",
            "witness": appraisal.witness_id.name or "",
            "status": dict(self._fields["state"]._description_selection(self.env))[
                appraisal.state
            ],
        }
