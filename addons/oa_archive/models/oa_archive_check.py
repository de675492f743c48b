# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import io
import re
import zipfile
import zlib

from lxml import etree
from PIL import Image

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import split_every
from odoo.tools.mimetypes import guess_mimetype
from odoo.tools.pdf import PdfReader

from .oa_archive_check_line import CATEGORIES, RESULTS, category_of
from .oa_archive_eep import sniff_format

STAGES = [
    ("filing", "At Filing (归档)"),
    ("transfer", "At Transfer (移交)"),
    ("storage", "In Storage (长期保存)"),
]
CHECK_STATES = [("passed", "Passed"), ("failed", "Failed")]
# Archival formats (DA/T 70 可用性; GB/T 18894 归档格式), by sniffed format; the
# system parameter ``oa_archive.archival_formats`` (comma-separated) overrides.
DEFAULT_ARCHIVAL_FORMATS = "pdf,ofd,xml,txt,jpeg,png,tiff"
EXECUTABLE_EXTENSIONS = {
    "exe", "bat", "cmd", "com", "js", "jse", "vbs", "vbe", "scr", "ps1", "sh",
    "msi", "dll", "jar", "wsf", "hta", "pif", "cpl",
}  # fmt: skip
EXECUTABLE_MAGIC = [
    (b"MZ", "Windows executable (MZ)"),
    (b"\x7fELF", "ELF executable"),
    (b"\xfe\xed\xfa\xce", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "Mach-O universal binary"),
    (b"#!", "script (#!)"),
]
# PDF names that run or carry something: scripts, launch actions, embedded files.
_PDF_ACTIVE_RE = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?)(?=[\s/<>\[\]()%{}]|$)"
)
_PDF_NAME_ESCAPE_RE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM_RE = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
# At most this many bytes are inflated from a PDF's streams (zip-bomb guard).
_PDF_INFLATE_LIMIT = 64 * 1024 * 1024
# The core records filing as the item's last handling step at this sequence.
FILING_EVENT_SEQUENCE = 10000
# Items read together (their files' content is in memory at once).
CHUNK_SIZE = 50


class OaArchiveCheck(models.Model):
    """A four-property check (四性检测, DA/T 70-2018) of filed items or of a
    transfer: authenticity, integrity, usability and safety, item by item and
    file by file, with one result line per check.

    It runs before every export: a failed line stops the export. The
    catalogue is read in batches (one set of queries per 50 items, whatever
    their number); each item's package is written and read back as the
    receiving archive would.
    """

    _name = "oa.archive.check"
    _description = "Four-Property Check (四性检测)"
    _order = "date desc, id desc"

    name = fields.Char(string="Number", required=True, readonly=True, default="/")
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users",
        string="Checked By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    stage = fields.Selection(STAGES, required=True, readonly=True, default="storage")
    transfer_id = fields.Many2one(
        "oa.archive.transfer",
        string="Transfer",
        readonly=True,
        ondelete="cascade",
        index="btree_not_null",
    )
    item_ids = fields.Many2many(
        "oa.archive.item",
        "oa_archive_check_item_rel",
        "check_id",
        "item_id",
        string="Items",
        readonly=True,
    )
    item_count = fields.Integer(string="Items Checked", readonly=True)
    line_ids = fields.One2many(
        "oa.archive.check.line", "check_id", string="Results", readonly=True
    )
    state = fields.Selection(
        CHECK_STATES, string="Result", required=True, readonly=True
    )
    passed_count = fields.Integer(string="Passed", readonly=True)
    failed_count = fields.Integer(string="Failed", readonly=True)
    authenticity_result = fields.Selection(
        RESULTS, string="Authenticity (真实性)", readonly=True
    )
    integrity_result = fields.Selection(
        RESULTS, string="Integrity (完整性)", readonly=True
    )
    usability_result = fields.Selection(
        RESULTS, string="Usability (可用性)", readonly=True
    )
    safety_result = fields.Selection(RESULTS, string="Safety (安全性)", readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "oa.archive.check",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open_failed(self):
        """The failed results, to work through."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Problems of %(check)s", check=self.name),
            "res_model": "oa.archive.check.line",
            "view_mode": "list,kanban,form",
            "domain": [("check_id", "=", self.id)],
            "context": {"search_default_filter_failed": 1, "create": False},
        }

    def action_open_items(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Items of %(check)s", check=self.name),
            "res_model": "oa.archive.item",
            "view_mode": "list,kanban,form",
            "domain": [("id", "in", self.item_ids.ids)],
        }

    # ------------------------------------------------------------
    # Running
    # ------------------------------------------------------------

    @api.model
    def _run(self, items, transfer=None, stage="storage"):
        """Check the filed ``items`` (archivists only); returns the check."""
        self.env["oa.archive.item"]._check_archivist()
        items = items.sudo()
        if not items:
            raise UserError(self.env._("There is no item to check."))
        not_filed = items.filtered(lambda i: i.state != "filed")
        if not_filed:
            raise UserError(
                self.env._(
                    "Only filed items are checked; these are not:\n%(items)s",
                    items="\n".join(not_filed.mapped("name")),
                )
            )
        line_vals = self._check_items(items)
        failed = [vals for vals in line_vals if vals["result"] == "fail"]
        failed_categories = {vals["category"] for vals in failed}
        check = self.sudo().create(
            {
                "name": self.env["ir.sequence"].sudo().next_by_code("oa.archive.check")
                or "/",
                "stage": stage,
                "transfer_id": transfer.id if transfer else False,
                "item_ids": [(6, 0, items.ids)],
                "item_count": len(items),
                "state": "failed" if failed else "passed",
                "passed_count": len(line_vals) - len(failed),
                "failed_count": len(failed),
                "company_id": (
                    transfer.company_id if transfer else items.company_id[:1]
                ).id
                or self.env.company.id,
                **{
                    f"{category}_result": "fail"
                    if category in failed_categories
                    else "pass"
                    for category, __ in CATEGORIES
                },
            }
        )
        for vals in line_vals:
            vals["check_id"] = check.id
        self.env["oa.archive.check.line"].sudo().create(line_vals)
        self.env["oa.audit.log"].sudo()._log_event(
            "archive_check",
            self.env._(
                "Four-property check %(check)s of %(count)s items: %(result)s "
                "(%(failed)s failed results)",
                check=check.name,
                count=len(items),
                result=dict(self._fields["state"]._description_selection(self.env))[
                    check.state
                ],
                failed=len(failed),
            ),
            record=check,
        )
        return check.with_env(self.env)

    @api.model
    def _get_archival_formats(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("oa_archive.archival_formats", DEFAULT_ARCHIVAL_FORMATS)
        )
        return {fmt.strip().lower() for fmt in value.split(",") if fmt.strip()}

    @api.model
    def _check_items(self, items):
        """Result values (``oa.archive.check.line``) for ``items`` (sudo)."""
        Eep = self.env["oa.archive.eep"]
        formats = self._get_archival_formats()
        now = fields.Datetime.now()
        lines = self._check_numbering(items.series_id)
        for chunk in split_every(CHUNK_SIZE, items.ids, items.browse):
            contents = Eep._get_contents(chunk.file_ids)
            for item in chunk:
                lines += self._check_item(item, contents, formats, now)
            del contents
        return lines

    @api.model
    def _check_numbering(self, series):
        """完整性: the numbers of each class run from 0001 without a gap."""
        gaps = series._get_gaps()
        lines = []
        for klass in series:
            missing = gaps.get(klass)
            message = ""
            if missing:
                shown = ", ".join(f"{number:04d}" for number in missing[:20])
                if len(missing) > 20:
                    shown += self.env._(" and %(count)s more", count=len(missing) - 20)
                message = self.env._(
                    "%(klass)s: item numbers missing: %(numbers)s",
                    klass=klass.name,
                    numbers=shown,
                )
            lines.append(_line("int_numbering", not missing, message, series=klass))
        return lines

    def _check_item(self, item, contents, formats, now):
        """Result values of one item (``contents``: ``{file id: bytes}``)."""
        _ = self.env._
        failures = {}  # code -> [(message, file)]

        def fail(code, message, file=None):
            failures.setdefault(code, []).append((message, file))

        files = item.file_ids
        # -- integrity: metadata, handling record, content ----------------
        required = [
            (_("Title (题名)"), item.name),
            (_("Author (责任者)"), item.author),
            (_("Date (日期)"), item.date),
            (_("Archival Code (档号)"), item.archival_code),
            (_("Item No. (件号)"), item.item_no),
            (_("Year (年度)"), item.year),
            (_("Retention (保管期限)"), item.retention),
            (_("Fonds No. (全宗号)"), item.fonds_id.code),
            (_("Unit (机构/问题)"), item.org_id.code),
        ]
        missing = [label for label, value in required if not value]
        if missing:
            fail(
                "int_metadata",
                _("Missing metadata: %(fields)s", fields=", ".join(missing)),
            )
        handling = item.event_ids
        if item.res_model:
            handling = handling.filtered(lambda e: e.sequence < FILING_EVENT_SEQUENCE)
        if not handling:
            fail(
                "int_record",
                _("The handling record (业务行为) of the document is not included.")
                if item.res_model
                else _("The item has no handling record (业务行为)."),
            )
        if not files:
            fail("int_content", _("The item has no file."))
        elif not files.filtered(lambda f: f.role == "main"):
            fail("int_content", _("The item has no main text (正文)."))
        # -- per file -----------------------------------------------------
        for file in files:
            content = contents.get(file.id, b"")
            label = file.file_name or file.name
            if file.removed or not content:
                fail(
                    "int_content",
                    _("%(file)s: the content is missing.", file=label),
                    file,
                )
                continue
            self._check_file(file, label, content, formats, fail)
        # -- the package, written and read back --------------------------
        Eep = self.env["oa.archive.eep"]
        try:
            root = Eep._parse(
                Eep._serialize(Eep._build_eep_tree(item, contents=contents, now=now))
            )
        except (UserError, etree.LxmlError) as error:
            fail(
                "auth_package",
                _("The package cannot be written: %(error)s", error=error),
            )
        else:
            for problem in Eep._verify_eep(root):
                fail("auth_package", problem)
            for difference in Eep._compare_with_item(root, item):
                fail("auth_metadata", difference)
        # -- one line per failure, or one passed line per check ------------
        lines = []
        for code in ITEM_CODES:
            if code in failures:
                lines += [
                    _line(code, False, message, item=item, file=file)
                    for message, file in failures[code]
                ]
            else:
                lines.append(_line(code, True, "", item=item))
        return lines

    def _check_file(self, file, label, content, formats, fail):
        _ = self.env._
        # 真实性: the content is the one fingerprinted at filing.
        digest = hashlib.sha256(content).hexdigest()
        if not file.sha256:
            fail(
                "auth_fingerprint",
                _("%(file)s: no fingerprint was taken at filing.", file=label),
                file,
            )
        elif digest != file.sha256:
            fail(
                "auth_fingerprint",
                _(
                    "%(file)s: the content changed since filing (SHA-256 %(now)s, "
                    "at filing %(then)s).",
                    file=label,
                    now=digest,
                    then=file.sha256,
                ),
                file,
            )
        mimetype = guess_mimetype(content, default="application/octet-stream")
        if len(content) != file.file_size or mimetype != file.mimetype:
            fail(
                "auth_properties",
                _(
                    "%(file)s: the content is %(size)s bytes of %(mimetype)s, the "
                    "metadata says %(meta_size)s bytes of %(meta_mimetype)s.",
                    file=label,
                    size=len(content),
                    mimetype=mimetype,
                    meta_size=file.file_size,
                    meta_mimetype=file.mimetype or "-",
                ),
                file,
            )
        # 安全性 first: what an executable is, is not worth opening.
        executable = find_executable(content, file.file_name)
        if executable:
            fail(
                "safe_executable",
                _(
                    "%(file)s: executable content (%(kind)s).",
                    file=label,
                    kind=executable,
                ),
                file,
            )
        fmt = sniff_format(content, file.file_name)
        if fmt == "pdf":
            active = find_pdf_active_content(content)
            if active:
                fail(
                    "safe_active",
                    _(
                        "%(file)s: the PDF holds active content (%(names)s).",
                        file=label,
                        names=", ".join(f"/{name}" for name in active),
                    ),
                    file,
                )
        # 可用性: an archival format that opens, not encrypted.
        if fmt not in formats:
            fail(
                "use_format",
                _(
                    "%(file)s: %(format)s is not an archival format (allowed: "
                    "%(formats)s).",
                    file=label,
                    format=fmt.upper(),
                    formats=", ".join(sorted(f.upper() for f in formats)),
                ),
                file,
            )
        error, encrypted = open_content(content, fmt)
        if error:
            fail(
                "use_open",
                _(
                    "%(file)s: the file does not open: %(error)s",
                    file=label,
                    error=error,
                ),
                file,
            )
        if encrypted:
            fail(
                "use_encryption",
                _("%(file)s: the file is encrypted or password-protected.", file=label),
                file,
            )

    def _get_problems(self):
        """The failed results as text lines (for messages)."""
        self.ensure_one()
        code_labels = dict(
            self.env["oa.archive.check.line"]
            ._fields["code"]
            ._description_selection(self.env)
        )
        failed = self.line_ids.filtered(lambda line: line.result == "fail")
        return [
            f"{line.item_id.archival_code or line.series_id.name or ''} "
            f"[{code_labels[line.code]}] {line.message}".strip()
            for line in failed
        ]


ITEM_CODES = [
    "auth_fingerprint",
    "auth_properties",
    "auth_metadata",
    "auth_package",
    "int_metadata",
    "int_record",
    "int_content",
    "use_format",
    "use_open",
    "use_encryption",
    "safe_executable",
    "safe_active",
]


def _line(code, passed, message, item=None, file=None, series=None):
    series = series or (item.series_id if item else None)
    return {
        "category": category_of(code),
        "code": code,
        "result": "pass" if passed else "fail",
        "message": message or False,
        "item_id": item.id if item else False,
        "file_id": file.id if file else False,
        "series_id": series.id if series else False,
    }


def find_executable(content, file_name):
    """What makes ``content`` executable (magic bytes or name), or ``None``."""
    for magic, kind in EXECUTABLE_MAGIC:
        if content.startswith(magic):
            return kind
    extension = (file_name or "").rpartition(".")[2].lower()
    if "." in (file_name or "") and extension in EXECUTABLE_EXTENSIONS:
        return f".{extension}"
    return None


def find_pdf_active_content(content):
    """Names of active content in the PDF ``content`` (its objects and its
    compressed streams, name escapes such as ``/J#61vaScript`` decoded)."""
    found = set()

    def scan(data):
        data = _PDF_NAME_ESCAPE_RE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
        found.update(match.decode() for match in _PDF_ACTIVE_RE.findall(data))

    scan(content)
    budget = _PDF_INFLATE_LIMIT
    for match in _PDF_STREAM_RE.finditer(content):
        if budget <= 0:
            break
        try:
            inflated = zlib.decompressobj().decompress(match.group(1), budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        scan(inflated)
    return sorted(found)


def open_content(content, fmt):
    """Try to open ``content`` of format ``fmt``: ``(error or None, encrypted)``."""
    try:
        if fmt == "pdf":
            reader = PdfReader(io.BytesIO(content), strict=False)
            if reader.is_encrypted:
                return None, True
            if not len(reader.pages):
                return "no page", False
            return None, False
        if fmt in ("jpeg", "png", "tiff"):
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
            return None, False
        if fmt == "xml":
            etree.fromstring(
                content,
                parser=etree.XMLParser(
                    resolve_entities=False, no_network=True, huge_tree=True
                ),
            )
            return None, False
        if fmt == "txt":
            for encoding in ("utf-8", "gb18030"):
                try:
                    content.decode(encoding)
                    return None, False
                except UnicodeDecodeError:
                    continue
            return "not UTF-8 or GB 18030 text", False
        if fmt == "ofd":
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                encrypted = any(info.flag_bits & 0x1 for info in archive.infolist())
                if encrypted:
                    return None, True
                name = next(n for n in archive.namelist() if n.lower() == "ofd.xml")
                etree.fromstring(
                    archive.read(name),
                    parser=etree.XMLParser(resolve_entities=False, no_network=True),
                )
            return None, False
    except Exception as error:  # noqa: BLE001 - any reader failure means "does not open"
        return str(error) or error.__class__.__name__, False
    return "no reader for this format", False
