# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
import zipfile

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import split_every

from .oa_archive_check import CHUNK_SIZE
from .oa_archive_eep import (
    DEFAULT_TZ,
    SCHEMA_FILE_NAME,
    SECRECY_NAMES,
    SYSTEM_DESCRIPTION,
    get_eep_schema_bytes,
)

TRANSFER_STATES = [
    ("draft", "Draft"),
    ("checked", "Checked"),
    ("exported", "Exported"),
    ("accepted", "Accepted"),
]
SCOPES = [
    ("year", "A Year of the Fonds"),
    ("selection", "Selected Items"),
]
REGISTER_REPORT = "oa_archive.action_report_oa_archive_transfer_register"
# Names inside the package (the layout local archive bureaus take).
PACKAGE_FOLDER = "电子档案"
CATALOGUE_NAME = "文件目录.XML"
README_NAME = "说明文件.TXT"
REGISTER_NAME = "移交登记表.pdf"
OTHER_FOLDER = "其他"
# What the transfer says about itself can no longer change once exported.
LOCKED_FIELDS = {"fonds_id", "scope", "year", "item_ids", "receiver", "carrier"}


class OaArchiveTransfer(models.Model):
    """A transfer (移交) of electronic archives to the archive bureau: a year
    of a fonds, or selected filed items.

    The archivist runs the four-property check (四性检测); a transfer whose
    check passes can be exported: the export runs the check again and any
    failure stops it with the list of problems. The package is a ZIP written
    when it is downloaded, one member at a time into a temporary file:
    ``电子档案/<年度>/<档号>.xml`` (one DA/T 48 package per item),
    ``文件目录.XML``, ``说明文件.TXT``, ``移交登记表.pdf`` (电子档案移交与接收登记表)
    and ``其他/eep_da48.xsd``. The bureau's receipt is recorded as accepted.

    The package's own texts (目录, 说明文件) are in Chinese whatever the
    language of the archivist: they are data for a Chinese archive.
    """

    _name = "oa.archive.transfer"
    _description = "Archive Transfer (移交)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        default="/",
        copy=False,
        index=True,
    )
    fonds_id = fields.Many2one(
        "oa.archive.fonds",
        string="Fonds (全宗)",
        required=True,
        default=lambda self: self.env["oa.archive.fonds"]._get_default(),
        tracking=True,
    )
    scope = fields.Selection(SCOPES, required=True, default="year", tracking=True)
    year = fields.Integer(
        string="Year (年度)",
        default=lambda self: fields.Date.context_today(self).year - 1,
        tracking=True,
    )
    item_ids = fields.Many2many(
        "oa.archive.item",
        "oa_archive_transfer_item_rel",
        "transfer_id",
        "item_id",
        string="Items",
        domain="[('state', '=', 'filed'), ('fonds_id', '=', fonds_id)]",
        copy=False,
    )
    item_count = fields.Integer(compute="_compute_item_stats", string="Number of Items")
    file_count = fields.Integer(compute="_compute_item_stats", string="Number of Files")
    data_size = fields.Integer(
        compute="_compute_item_stats",
        string="Data Volume (bytes)",
        help="Total size of the files transferred.",
    )
    receiver = fields.Char(
        string="Receiving Archive (接收单位)",
        compute="_compute_receiver",
        store=True,
        readonly=False,
        tracking=True,
    )
    carrier = fields.Char(
        string="Carrier (载体)",
        default=lambda self: self.env._("Network transfer (ZIP package)"),
    )
    description = fields.Text(
        string="Content Description (内容描述)",
        compute="_compute_description",
        store=True,
        readonly=False,
    )
    state = fields.Selection(
        TRANSFER_STATES,
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    check_id = fields.Many2one(
        "oa.archive.check", string="Last Check", readonly=True, copy=False
    )
    check_state = fields.Selection(related="check_id.state", string="Check Result")
    check_ids = fields.One2many(
        "oa.archive.check", "transfer_id", string="Checks", readonly=True
    )
    check_count = fields.Integer(compute="_compute_check_count")
    date_exported = fields.Datetime(string="Exported On", readonly=True, copy=False)
    exported_by_id = fields.Many2one(
        "res.users", string="Exported By", readonly=True, copy=False
    )
    date_accepted = fields.Datetime(
        string="Accepted On", readonly=True, copy=False, tracking=True
    )
    note = fields.Text(string="Notes")
    company_id = fields.Many2one(
        related="fonds_id.company_id", store=True, index=True, string="Company"
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("item_ids")
    def _compute_item_stats(self):
        groups = self.env["oa.archive.file"]._read_group(
            [("item_id", "in", self.item_ids.ids)],
            ["item_id"],
            ["__count", "file_size:sum"],
        )
        by_item = {item.id: (count, size) for item, count, size in groups}
        for transfer in self:
            stats = [by_item.get(item_id, (0, 0)) for item_id in transfer.item_ids.ids]
            transfer.item_count = len(transfer.item_ids)
            transfer.file_count = sum(count for count, __ in stats)
            transfer.data_size = sum(size or 0 for __, size in stats)

    @api.depends("fonds_id")
    def _compute_receiver(self):
        for transfer in self:
            transfer.receiver = transfer.fonds_id.archive_name or False

    @api.depends("fonds_id", "scope", "year")
    def _compute_description(self):
        for transfer in self:
            if transfer.scope == "year" and transfer.fonds_id and transfer.year:
                transfer.description = self.env._(
                    "Documents (文书档案) of %(year)s of the fonds %(fonds)s",
                    year=transfer.year,
                    fonds=transfer.fonds_id.display_name,
                )
            elif transfer.fonds_id:
                transfer.description = self.env._(
                    "Selected documents (文书档案) of the fonds %(fonds)s",
                    fonds=transfer.fonds_id.display_name,
                )

    def _compute_check_count(self):
        counts = dict(
            self.env["oa.archive.check"]._read_group(
                [("transfer_id", "in", self.ids)], ["transfer_id"], ["__count"]
            )
        )
        for transfer in self:
            transfer.check_count = counts.get(transfer, 0)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("oa.archive.transfer") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        locked = LOCKED_FIELDS & set(vals)
        if locked:
            sent = self.filtered(lambda t: t.state in ("exported", "accepted"))
            if sent:
                raise UserError(
                    self.env._(
                        "%(transfer)s was exported: what it transfers stays as it "
                        "was sent.",
                        transfer=sent[0].name,
                    )
                )
            if "state" not in vals:
                # The last check no longer speaks for what is transferred.
                self.filtered(lambda t: t.state == "checked").state = "draft"
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_not_exported(self):
        if self.filtered(lambda t: t.state in ("exported", "accepted")):
            raise UserError(
                self.env._("An exported transfer is kept: it cannot be deleted.")
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_load_items(self):
        """Take the filed items of the fonds and year (scope "year")."""
        self.env["oa.archive.item"]._check_archivist()
        for transfer in self:
            transfer._check_open()
            if transfer.scope == "year":
                transfer.item_ids = [(6, 0, transfer._get_year_items().ids)]
        return True

    def action_check(self):
        """Run the four-property check and open it (kept with the transfer)."""
        self.ensure_one()
        check = self._do_check()
        return check._get_form_action()

    def action_export(self):
        """Check, then export: returns the download of the package."""
        self.ensure_one()
        check = self._do_check()
        if check.state != "passed":
            problems = check._get_problems()
            shown = problems[:30]
            if len(problems) > 30:
                shown.append(
                    self.env._("… and %(count)s more.", count=len(problems) - 30)
                )
            raise UserError(
                self.env._(
                    "The four-property check %(check)s failed, so %(transfer)s "
                    "was not exported. Run the check from the transfer to keep "
                    "its report. Problems:\n%(problems)s",
                    check=check.name,
                    transfer=self.name,
                    problems="\n".join(shown),
                )
            )
        self.write(
            {
                "state": "exported",
                "date_exported": fields.Datetime.now(),
                "exported_by_id": self.env.uid,
            }
        )
        self.env["oa.audit.log"].sudo()._log_event(
            "archive_export",
            self.env._(
                "Transfer %(transfer)s exported: %(count)s items, check %(check)s",
                transfer=self.name,
                count=len(self.item_ids),
                check=check.name,
            ),
            record=self,
        )
        self.message_post(
            body=self.env._(
                "Exported after the four-property check %(check)s passed.",
                check=check.name,
            )
        )
        return self.action_download()

    def action_download(self):
        self.ensure_one()
        self.env["oa.archive.item"]._check_archivist()
        if self.state not in ("exported", "accepted"):
            raise UserError(self.env._("Export the transfer first."))
        return {
            "type": "ir.actions.act_url",
            "url": self._get_download_url(),
            "target": "download",
        }

    def action_accept(self):
        """The archive bureau received the package (接收)."""
        self.env["oa.archive.item"]._check_archivist()
        if self.filtered(lambda t: t.state != "exported"):
            raise UserError(self.env._("Only an exported transfer can be accepted."))
        self.write({"state": "accepted", "date_accepted": fields.Datetime.now()})
        return True

    def action_reset_draft(self):
        self.env["oa.archive.item"]._check_archivist()
        if self.filtered(lambda t: t.state != "checked"):
            raise UserError(self.env._("Only a checked transfer goes back to draft."))
        self.write({"state": "draft"})
        return True

    def action_open_checks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Checks of %(transfer)s", transfer=self.name),
            "res_model": "oa.archive.check",
            "view_mode": "list,kanban,form",
            "domain": [("transfer_id", "=", self.id)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    def _check_open(self):
        if self.state not in ("draft", "checked"):
            raise UserError(
                self.env._(
                    "%(transfer)s was exported: it is not checked or changed again.",
                    transfer=self.name,
                )
            )

    def _get_year_items(self):
        self.ensure_one()
        return self.env["oa.archive.item"].search(
            [
                ("fonds_id", "=", self.fonds_id.id),
                ("year", "=", self.year),
                ("state", "=", "filed"),
            ]
        )

    def _do_check(self):
        """Fix the items (scope "year": the filed items of the year), check
        them, and keep the check with the transfer."""
        self.ensure_one()
        self.env["oa.archive.item"]._check_archivist()
        self._check_open()
        if self.scope == "year":
            if not self.year:
                raise UserError(self.env._("Give the year to transfer."))
            items = self._get_year_items()
            if set(items.ids) != set(self.item_ids.ids):
                self.item_ids = [(6, 0, items.ids)]
        items = self.item_ids
        if not items:
            raise UserError(self.env._("There is no filed item to transfer."))
        problems = [
            self.env._(
                "%(item)s is not a filed item of the fonds %(fonds)s.",
                item=item.archival_code or item.name,
                fonds=self.fonds_id.display_name,
            )
            for item in items
            if item.state != "filed" or item.fonds_id != self.fonds_id
        ]
        if problems:
            raise UserError("\n".join(problems))
        check = self.env["oa.archive.check"]._run(
            items, transfer=self, stage="transfer"
        )
        self.write(
            {
                "check_id": check.id,
                "state": "checked" if check.state == "passed" else "draft",
            }
        )
        if check.state == "passed":
            self.message_post(
                body=self.env._(
                    "Four-property check %(check)s passed (%(count)s items).",
                    check=check.name,
                    count=check.item_count,
                )
            )
        else:
            self.message_post(
                body=self.env._(
                    "Four-property check %(check)s failed: %(count)s problems.",
                    check=check.name,
                    count=check.failed_count,
                )
            )
        return check

    def _get_download_url(self):
        return f"/oa_archive/transfer/{self.id}/download"

    def _get_package_name(self):
        return f"{self.name}.zip".replace("/", "-")

    @api.model
    def _get_eep_path(self, item):
        return (
            f"{PACKAGE_FOLDER}/{item.year}/"
            f"{self.env['oa.archive.eep']._get_eep_file_name(item)}"
        )

    def _get_package_items(self):
        self.ensure_one()
        return self.sudo().item_ids.sorted(lambda i: (i.year, i.archival_code or ""))

    def _write_package(self, fileobj):
        """Write the ZIP package into ``fileobj``, one member at a time; the
        items' files are read 50 items at a time."""
        self.ensure_one()
        if self.state not in ("exported", "accepted"):
            raise UserError(self.env._("Export the transfer first."))
        Eep = self.env["oa.archive.eep"]
        now = fields.Datetime.now()
        items = self._get_package_items()
        with zipfile.ZipFile(
            fileobj, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True
        ) as archive:
            for chunk in split_every(CHUNK_SIZE, items.ids, items.browse):
                contents = Eep._get_contents(chunk.file_ids)
                for item in chunk:
                    with archive.open(
                        self._zip_info(self._get_eep_path(item), now),
                        "w",
                        force_zip64=True,
                    ) as member:
                        member.write(Eep._build_eep(item, contents=contents, now=now))
                del contents
                chunk.invalidate_recordset()
            archive.writestr(
                self._zip_info(CATALOGUE_NAME, now), self._build_catalogue(items)
            )
            archive.writestr(
                self._zip_info(README_NAME, now),
                self._build_readme(items, now).encode("utf-8-sig"),
            )
            archive.writestr(
                self._zip_info(REGISTER_NAME, now), self._render_register_pdf()
            )
            archive.writestr(
                self._zip_info(f"{OTHER_FOLDER}/{SCHEMA_FILE_NAME}", now),
                get_eep_schema_bytes(),
            )
        self.env["oa.audit.log"].sudo()._log_event(
            "archive_export",
            self.env._(
                "Package of transfer %(transfer)s written (%(count)s items)",
                transfer=self.name,
                count=len(items),
            ),
            record=self,
        )

    def _zip_info(self, name, now):
        local = self._local_time(now)
        info = zipfile.ZipInfo(name, date_time=local.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    def _local_time(self, value):
        tz = self.env.context.get("tz") or self.env.user.tz or DEFAULT_TZ
        return fields.Datetime.context_timestamp(self.with_context(tz=tz), value)

    def _build_catalogue(self, items):
        """文件目录.XML (UTF-8): one entry per item, in package order."""
        root = etree.Element("文件目录")
        for index, item in enumerate(items, start=1):
            entry = etree.SubElement(root, "文件")
            for tag, value in (
                ("顺序号", str(index)),
                ("档号", item.archival_code),
                ("责任者", item.author),
                ("题名", item.name),
                ("日期", item.date_code),
                ("密级", SECRECY_NAMES.get(item.secrecy)),
                ("电子档案名称", self._get_eep_path(item)),
                ("备注", item.note),
            ):
                etree.SubElement(entry, tag).text = value or ""
        etree.indent(root, space="  ")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def _build_readme(self, items, now):
        """说明文件.TXT: what the package holds and how it was made."""
        self.ensure_one()
        fonds = self.fonds_id
        check = self.check_id
        years = sorted(set(items.mapped("year")))
        files = items.file_ids
        formats = sorted(
            {
                (f.file_name or "").rpartition(".")[2].upper()
                for f in files
                if "." in (f.file_name or "")
            }
        )
        size = sum(files.mapped("file_size"))
        check_result = "通过" if check.state == "passed" else "未通过"
        check_time = (
            self._local_time(check.date).strftime("%Y-%m-%d %H:%M") if check else "-"
        )
        lxml_version = ".".join(map(str, etree.LXML_VERSION[:3]))
        lines = [
            "电子档案移交说明文件",
            "",
            f"移交批次：{self.name}",
            f"移交单位：{fonds.unit_name or self.company_id.name}",
            f"接收单位：{self.receiver or fonds.archive_name or ''}",
            f"全宗：{fonds.code} {fonds.name}",
            f"档案门类：文书档案（{fonds.category_code}）",
            f"年度：{'、'.join(str(year) for year in years)}",
            f"内容描述：{self.description or ''}",
            f"电子档案数量：{len(items)} 件，文档 {len(files)} 个",
            f"数据量：{size} 字节（{size / 1048576:.2f} MB）",
            f"载体：{self.carrier or ''}",
            "",
            "数据包结构：",
            f"  {PACKAGE_FOLDER}/<年度>/<档号>.xml："
            "每件一个电子文件封装包（DA/T 48-2009，原始型，文件级），"
            "元数据依据 DA/T 46-2009，文档内容为 Base64 编码，附 SHA-256 校验码；",
            f"  {CATALOGUE_NAME}：归档文件目录，UTF-8 编码"
            "（顺序号、档号、责任者、题名、日期、密级、电子档案名称、备注）；",
            f"  {README_NAME}：本说明文件，UTF-8 编码；",
            f"  {REGISTER_NAME}：电子档案移交与接收登记表；",
            f"  {OTHER_FOLDER}/{SCHEMA_FILE_NAME}：封装包的 XML Schema。",
            f"文档格式：{'、'.join(formats) or '-'}",
            "档号规则：全宗号-门类代码·年度-保管期限-机构（问题）代码-件号"
            "（DA/T 22-2015）。",
            "封装包签名：电子签名块与锁定签名为对排他式 XML 规范化结果的"
            "SHA-256 摘要封印，非 PKI 数字签名。",
            "",
            f"四性检测：{check.name or '-'}，{check_result}，检测时间 {check_time}",
            f"软件环境：{SYSTEM_DESCRIPTION}，lxml {lxml_version}",
            f"生成时间：{self._local_time(now).strftime('%Y-%m-%d %H:%M:%S %z')}",
            "",
        ]
        return "\r\n".join(lines)

    def _render_register_pdf(self):
        """移交登记表 as PDF bytes, in Simplified Chinese when installed.

        Rendered without the server's web assets (the report carries its own
        styles): the download request never waits on a request of its own.
        """
        self.ensure_one()
        lang = "zh_CN" if self.env["res.lang"]._lang_get("zh_CN") else self.env.lang
        content, report_type = (
            self.env["ir.actions.report"]
            .with_context(
                lang=lang, force_report_rendering=True, oa_archive_no_assets=True
            )
            ._render_qweb_pdf(REGISTER_REPORT, self.ids)
        )
        if report_type != "pdf" or not content.startswith(b"%PDF"):
            raise UserError(self.env._("The PDF renderer returned no PDF."))
        return content

    # ------------------------------------------------------------
    # Report helpers
    # ------------------------------------------------------------

    def _report_results(self):
        """``[(category label, result label, failed count)]`` of the last check."""
        self.ensure_one()
        check = self.check_id
        Line = self.env["oa.archive.check.line"]
        categories = Line._fields["category"]._description_selection(self.env)
        failed = (
            dict(
                Line._read_group(
                    [("check_id", "=", check.id), ("result", "=", "fail")],
                    ["category"],
                    ["__count"],
                )
            )
            if check
            else {}
        )
        results = []
        for code, label in categories:
            if not check:
                results.append((label, self.env._("Not checked"), 0))
            elif failed.get(code):
                results.append((label, self.env._("Failed"), failed[code]))
            else:
                results.append((label, self.env._("Passed"), 0))
        return results

    def _report_size(self):
        self.ensure_one()
        return self.env._(
            "%(bytes)s bytes (%(mb)s MB)",
            bytes=self.data_size,
            mb=f"{self.data_size / 1048576:.2f}",
        )

    def _report_date(self, value):
        if not value:
            return ""
        if isinstance(value, datetime.datetime):
            value = self._local_time(value)
        return value.strftime("%Y-%m-%d")
