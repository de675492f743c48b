# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.oa_document.models.oa_document import SECRECY

from .oa_archive_retention_rule import RETENTION_YEARS, RETENTIONS

ITEM_STATES = [
    ("proposed", "To File (待归档)"),
    ("filed", "Filed (已归档)"),
    ("excluded", "Not Filed (不归档)"),
    ("destroyed", "Destroyed (已销毁)"),
]
# Catalogue fields fixed once the item is numbered: they are in its 档号.
NUMBERING_FIELDS = ("fonds_id", "year", "retention", "org_id", "item_no", "series_id")
# Fields an item must have to be filed (GB/T 18894-2016 minimum metadata).
REQUIRED_TO_FILE = ("name", "author", "date", "fonds_id", "year", "retention", "org_id")


class OaArchiveItem(models.Model):
    """An archived item (归档文件, 件) under DA/T 22-2015.

    One 件 groups a document's final text with its attachments, its draft and
    its handling sheet (文件处理单/发文稿纸). It is proposed when its source
    record is closed (办结); the clerk confirms (归档) — then it takes its 件号
    and 档号 ``全宗号-门类代码·年度-保管期限-机构代码-件号`` — or excludes it
    with a reason (不归档). The handling record of the source (业务行为,
    行为时间, 机构人员) is kept with the item (GB/T 18894-2016).
    """

    _name = "oa.archive.item"
    _description = "Archived Item (归档文件)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, archival_code, id desc"
    _rec_name = "name"

    name = fields.Char(string="Title (题名)", required=True, tracking=True)
    doc_number = fields.Char(string="Document No. (文号)", index="trigram")
    author = fields.Char(string="Author (责任者)")
    date = fields.Date(string="Date (日期)")
    date_code = fields.Char(
        string="Date (YYYYMMDD)", compute="_compute_date_code", store=True
    )
    secrecy = fields.Selection(
        SECRECY, string="Classification (密级)", default="none", required=True
    )
    pages = fields.Integer(string="Pages (页数)")
    note = fields.Char(string="Remarks (备注)", tracking=True)
    keywords = fields.Char(string="Keywords (主题词)")
    kind = fields.Char(string="Kind (文种)")
    # -- class and number ------------------------------------------------------
    fonds_id = fields.Many2one(
        "oa.archive.fonds",
        string="Fonds (全宗)",
        required=True,
        default=lambda self: self.env["oa.archive.fonds"]._get_default(),
        tracking=True,
        index=True,
    )
    year = fields.Integer(
        string="Year (年度)",
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
        index=True,
    )
    retention = fields.Selection(
        RETENTIONS, string="Retention (保管期限)", tracking=True, index=True
    )
    proposed_retention = fields.Selection(RETENTIONS, readonly=True)
    retention_rule_id = fields.Many2one(
        "oa.archive.retention.rule", string="Schedule Line", readonly=True
    )
    proposed_exclude = fields.Boolean(
        string="Outside the Filing Scope",
        readonly=True,
        help="The retention schedule says records like this one are not filed.",
    )
    org_id = fields.Many2one(
        "oa.archive.org", string="Unit (机构/问题)", tracking=True, index=True
    )
    series_id = fields.Many2one(
        "oa.archive.series", string="Class", readonly=True, index=True, copy=False
    )
    item_no = fields.Integer(
        string="Item No. (件号)", readonly=True, copy=False, default=0
    )
    archival_code = fields.Char(
        string="Archival Code (档号)", readonly=True, copy=False, index=True
    )
    volume_id = fields.Many2one(
        "oa.archive.volume", string="Volume (案卷)", index="btree_not_null"
    )
    state = fields.Selection(
        ITEM_STATES, default="proposed", required=True, tracking=True, index=True
    )
    exclude_reason = fields.Text(string="Reason Not Filed", tracking=True)
    retention_until = fields.Date(
        string="Retained Until",
        compute="_compute_retention_until",
        store=True,
        help="The last day of the retention period; empty for permanent items.",
    )
    # -- source and content ------------------------------------------------------
    res_model = fields.Char(string="Source Model", readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Source Record", model_field="res_model", readonly=True
    )
    source_name = fields.Char(string="Source", readonly=True)
    file_ids = fields.One2many("oa.archive.file", "item_id", string="Files (文档)")
    event_ids = fields.One2many(
        "oa.archive.event", "item_id", string="Handling Record (业务行为)"
    )
    file_count = fields.Integer(compute="_compute_file_count")
    loan_ids = fields.Many2many(
        "oa.archive.loan",
        "oa_archive_loan_item_rel",
        "item_id",
        "loan_id",
        string="Loans",
        readonly=True,
        copy=False,
    )
    date_filed = fields.Datetime(string="Filed On", readonly=True, copy=False)
    filed_by_id = fields.Many2one(
        "res.users", string="Filed By", readonly=True, copy=False
    )
    content_removed = fields.Boolean(readonly=True, copy=False)
    company_id = fields.Many2one(
        related="fonds_id.company_id", store=True, index=True, string="Company"
    )

    _sql_constraints = [
        (
            "archival_code_uniq",
            "unique(archival_code)",
            "This archival code is already used.",
        ),
        (
            "item_no_uniq",
            "unique(series_id, item_no)",
            "This item number is already used in its class.",
        ),
    ]

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("date")
    def _compute_date_code(self):
        for item in self:
            item.date_code = item.date.strftime("%Y%m%d") if item.date else False

    @api.depends("year", "retention")
    def _compute_retention_until(self):
        for item in self:
            years = RETENTION_YEARS.get(item.retention)
            item.retention_until = (
                datetime.date(item.year + years, 12, 31)
                if years and item.year
                else False
            )

    @api.depends("file_ids")
    def _compute_file_count(self):
        for item in self:
            item.file_count = len(item.file_ids)

    # ------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------

    def write(self, vals):
        numbered = NUMBERING_FIELDS[:4]
        if not self.env.context.get("oa_archive_numbering") and set(numbered) & set(
            vals
        ):
            for item in self:
                if item.item_no:
                    raise UserError(
                        self.env._(
                            "%(item)s is numbered %(code)s: its fonds, year, "
                            "retention and unit are part of that code and stay as "
                            "they are. Record a change in the remarks.",
                            item=item.name,
                            code=item.archival_code,
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_not_numbered(self):
        for item in self:
            if item.item_no:
                raise UserError(
                    self.env._(
                        "%(code)s is in the catalogue: a numbered item is never "
                        "deleted (its number would leave a gap). Destroy it through "
                        "an appraisal instead.",
                        code=item.archival_code,
                    )
                )

    def _check_archivist(self):
        if not self.env.user.has_group("oa_archive.group_oa_archivist"):
            raise UserError(self.env._("Only archivists may do this."))

    def _check_filer(self):
        if not (
            self.env.user.has_group("oa_archive.group_oa_archivist")
            or self.env.user.has_group("oa_base.group_oa_clerk")
        ):
            raise UserError(self.env._("Only clerks and archivists file records."))

    # ------------------------------------------------------------
    # Filing
    # ------------------------------------------------------------

    def _get_filing_problems(self):
        """Every reason why ``self`` cannot be filed yet, as text lines."""
        self.ensure_one()
        problems = []
        labels = {
            name: self._fields[name].get_description(self.env)["string"]
            for name in REQUIRED_TO_FILE
        }
        for name in REQUIRED_TO_FILE:
            if not self[name]:
                problems.append(self.env._("%(field)s is missing.", field=labels[name]))
        if not self.file_ids:
            problems.append(self.env._("The item has no file."))
        elif not self.file_ids.filtered(lambda f: f.role == "main"):
            problems.append(self.env._("The item has no main text (正文)."))
        if (
            self.fonds_id
            and self.org_id
            and self.org_id.company_id != (self.fonds_id.company_id)
        ):
            problems.append(
                self.env._("The unit class belongs to another company than the fonds.")
            )
        return problems

    def action_file(self):
        """归档: number the items and fix their catalogue entry."""
        self._check_filer()
        problems = []
        for item in self:
            if item.state != "proposed":
                problems.append(
                    self.env._(
                        "%(item)s: only an item to be filed can be filed.",
                        item=item.name,
                    )
                )
                continue
            problems += [
                f"{item.name}: {problem}" for problem in item._get_filing_problems()
            ]
        if problems:
            raise UserError(
                self.env._(
                    "Nothing was filed:\n%(problems)s", problems="\n".join(problems)
                )
            )
        # One savepoint: a failure (e.g. the handling sheet cannot be made)
        # leaves no number taken and nothing half filed, even when the caller
        # goes on with the transaction.
        with self.env.cr.savepoint():
            self._do_file()
        return True

    def _do_file(self):
        """Number the items in their classes (date order), add what filing
        adds to each (``_do_before_sealing``), then seal and record them."""
        now = fields.Datetime.now()
        Series = self.env["oa.archive.series"]
        classes = {}
        items = self.sorted(lambda i: (i.date or datetime.date.min, i.id))
        for item in items:
            key = (item.fonds_id, item.year, item.retention, item.org_id)
            if key not in classes:
                classes[key] = Series._get_or_create(*key)
            series = classes[key]
            number = series._next_item_no()
            item.with_context(oa_archive_numbering=True).sudo().write(
                {
                    "series_id": series.id,
                    "item_no": number,
                    "archival_code": f"{series.name}-{number:04d}",
                }
            )
        # Numbered but still open: the files filing adds join the item here,
        # before its files are sealed.
        items._do_before_sealing()
        items.sudo().write(
            {"state": "filed", "date_filed": now, "filed_by_id": self.env.uid}
        )
        for item in items:
            item._do_after_filing()

    def _do_before_sealing(self):
        """Hook: numbered items whose files are not sealed yet (e.g. to add
        the handling sheet). Runs once per filing, on all the items."""

    def _do_after_filing(self):
        """Seal the files (hashes) and record the filing; hooks extend it."""
        self.ensure_one()
        self.file_ids.sudo()._compute_fingerprint()
        self.env["oa.archive.event"].sudo().create(
            {
                "item_id": self.id,
                "action": self.env._("Filing (归档)"),
                "date": self.date_filed,
                "user_id": self.env.uid,
                "agent_name": self.env.user.name,
                "department_name": self.env.user.employee_id.department_id.name,
                "description": self.archival_code,
                "sequence": 10000,
            }
        )
        self.env["oa.audit.log"].sudo()._log_event(
            "archive_file",
            self.env._(
                "Filed %(code)s %(title)s", code=self.archival_code, title=self.name
            ),
            record=self,
        )
        self.message_post(
            body=self.env._("Filed as %(code)s.", code=self.archival_code)
        )

    def action_exclude(self):
        """不归档: kept on record with the reason, out of the catalogue."""
        self._check_filer()
        for item in self:
            if item.state != "proposed":
                raise UserError(
                    self.env._(
                        "%(item)s: only an item to be filed can be set aside.",
                        item=item.name,
                    )
                )
            if not (item.exclude_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(item)s: give the reason why it is not filed.",
                        item=item.name,
                    )
                )
        self.write({"state": "excluded"})
        for item in self:
            self.env["oa.audit.log"].sudo()._log_event(
                "archive_exclude",
                self.env._(
                    "Not filed: %(title)s (%(reason)s)",
                    title=item.name,
                    reason=item.exclude_reason,
                ),
                record=item,
            )
        return True

    def action_reconsider(self):
        """Bring an item set aside back to the filing queue."""
        self._check_filer()
        if self.filtered(lambda i: i.state != "excluded"):
            raise UserError(self.env._("Only an item set aside can be reconsidered."))
        self.write({"state": "proposed"})
        return True

    # ------------------------------------------------------------
    # Proposal from OA records
    # ------------------------------------------------------------

    @api.model
    def _propose_for(self, records):
        """Propose filing ``records`` (closed OA records): one item each,
        unless one is already proposed or filed. Returns the new items."""
        records = records.sudo()
        existing = self.sudo().search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("state", "!=", "excluded"),
            ]
        )
        done = set(existing.mapped("res_id"))
        records = records.filtered(lambda record: record.id not in done)
        companies = (
            records.company_id if "company_id" in records._fields else self.env.company
        ) or self.env.company
        rules = (
            self.env["oa.archive.retention.rule"]
            .sudo()
            .search([("company_id", "in", companies.ids)])
        )
        orgs = (
            self.env["oa.archive.org"]
            .sudo()
            .search([("company_id", "in", companies.ids)])
        )
        Fonds = self.env["oa.archive.fonds"].sudo()
        vals_list, filers, fonds = [], [], {}
        for record in records:
            vals = record._oa_archive_get_values()
            filers.append(vals.pop("filer_id", False))
            company = (
                record.company_id if "company_id" in record._fields else False
            ) or self.env.company
            rule = rules._find(record, rules=rules)
            org = vals.pop("org_id", False) or orgs._find_for_department(
                vals.pop("department", False), company, orgs=orgs
            )
            vals.update(
                res_model=record._name,
                res_id=record.id,
                source_name=record.display_name,
                org_id=org.id if org else False,
                retention=rule.retention or "D30",
                proposed_retention=rule.retention or False,
                retention_rule_id=rule.id,
                proposed_exclude=rule.exclude,
            )
            if "fonds_id" not in vals:
                if company not in fonds:
                    fonds[company] = Fonds._get_default(company)
                vals["fonds_id"] = fonds[company].id
            vals_list.append(vals)
        items = self.sudo().create(vals_list)
        items._notify_filers(dict(zip(items.ids, filers, strict=True)))
        return items

    def _notify_filers(self, filers):
        """A 待归档 activity for the clerk in charge of each item's source."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": item.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._("To file (待归档)"),
                    "user_id": filers[item.id],
                }
                for item in self
                if filers.get(item.id)
            ]
        )

    # ------------------------------------------------------------
    # Navigation
    # ------------------------------------------------------------

    def action_open_source(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
