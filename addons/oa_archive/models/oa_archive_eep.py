# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Electronic file encapsulation packages (电子文件封装包, EEP) after DA/T
48-2009, with the file-level metadata of DA/T 46-2009.

One package holds one filed item (件): its catalogue metadata, every file's
content in Base64 with its SHA-256 fingerprint taken at filing, the handling
record (业务实体) and the people who acted (机构人员实体). Packages are written
with lxml one item at a time and validated against the XML Schema that ships
with the addon (``schemas/eep_da48.xsd``, also put in every transfer package).

About the signature blocks: there are no CA keys here, so 电子签名块 and
锁定签名 carry a *digest seal*, not a PKI signature. 电子签名块 holds the
SHA-256 digest (Base64) of the exclusive XML canonicalization (exc-c14n) of
被签名对象; 锁定签名 holds the SHA-256 digest of the exc-c14n of 被签名对象
followed by that of 电子签名块. A seal proves that the package did not change
since it was written (any change to the metadata, the content or the first
seal breaks it) but not who wrote it: anyone can recompute a digest. A unit
with a signing certificate (e.g. SM2/SM3 under GB/T 38540) replaces
:meth:`OaArchiveEep._seal` and fills 证书块.
"""

import base64
import functools
import hashlib
import io
import re
import threading
import zipfile

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype
from odoo.tools.misc import file_open

EEP_NS = "http://www.saac.gov.cn/standards/ERM/encapsulation"
EEP_VERSION = "2009"
SCHEMA_PATH = "oa_archive/schemas/eep_da48.xsd"
SCHEMA_FILE_NAME = "eep_da48.xsd"
# Fixed texts of DA/T 48-2009: the package is written for a Chinese archive
# and its content is data, not interface, so it is in Chinese whatever the
# language of the user who writes it.
EEP_FORMAT_DESCRIPTION = (
    "本EEP根据中华人民共和国档案行业标准DA/T 48-2009《基于XML的电子文件封装规范》生成"
)
EEP_TYPE = "原始型"
EEP_TYPE_DESCRIPTION = "本封装包包含电子文件数据及其元数据，原始封装，未经修改"
C14N_URI = "http://www.w3.org/2001/10/xml-exc-c14n#"
DIGEST_ALGORITHM = "SHA-256"
SIGNATURE_ALGORITHM = "SHA-256 (OID 2.16.840.1.101.3.4.2.1)"
SIGNATURE_RULE = (
    "摘要封印（非PKI数字签名，无证书）：对“被签名对象”按排他式XML规范化"
    f"（{C14N_URI}）所得字节计算SHA-256摘要，签名结果为该摘要的Base64编码。"
)
LOCK_RULE = (
    "摘要封印（非PKI数字签名，无证书）：依次对“被签名对象”和“电子签名块”按排他式"
    f"XML规范化（{C14N_URI}）所得字节计算SHA-256摘要，签名结果为该摘要的Base64编码。"
)
SYSTEM_DESCRIPTION = "OA for Odoo（Odoo 18.0 社区版）档案管理模块 oa_archive"
LANGUAGE = "汉语"
DEFAULT_TZ = "Asia/Shanghai"
SECRECY_NAMES = {
    "none": "非密",
    "internal": "内部",
    "secret": "秘密",
    "confidential": "机密",
    "top_secret": "绝密",
}
# Format name (格式名称) by sniffed format key.
FORMAT_NAMES = {
    "pdf": "PDF",
    "ofd": "OFD",
    "xml": "XML",
    "txt": "TXT",
    "jpeg": "JPEG",
    "png": "PNG",
    "tiff": "TIFF",
}
_PDF_VERSION_RE = re.compile(rb"^%PDF-(\d\.\d)")

_schema_lock = threading.Lock()


@functools.cache
def get_eep_schema():
    """The XML Schema of the packages, loaded once per process."""
    with file_open(SCHEMA_PATH, "rb") as schema_file:
        return etree.XMLSchema(etree.parse(schema_file))


def get_eep_schema_bytes():
    with file_open(SCHEMA_PATH, "rb") as schema_file:
        return schema_file.read()


def eep_parser():
    """A parser for packages: no entities, no network, large Base64 texts."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False
    )


def q(tag):
    """``tag`` in the EEP namespace."""
    return f"{{{EEP_NS}}}{tag}"


def sniff_format(content, file_name=None):
    """The format of ``content`` as a key of :data:`FORMAT_NAMES`, or the
    lower-case extension of ``file_name`` (``"other"`` without one)."""
    head = content[:8]
    if content.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = {name.lower() for name in archive.namelist()}
        except (zipfile.BadZipFile, ValueError):
            names = set()
        return "ofd" if "ofd.xml" in names else "zip"
    text_head = content[:4096]
    if text_head.startswith(b"\xef\xbb\xbf"):
        text_head = text_head[3:]
    if text_head.lstrip().startswith(b"<?xml") or (
        (file_name or "").lower().endswith(".xml") and text_head.lstrip()[:1] == b"<"
    ):
        return "xml"
    if content and _looks_like_text(content):
        return "txt"
    # Not recognised: named after its extension, never after a format it
    # only claims to be (an executable called .pdf is not a PDF).
    stem, dot, extension = (file_name or "").rpartition(".")
    extension = extension.lower()
    if dot and stem and extension and extension not in FORMAT_NAMES:
        return extension
    return "other"


def _looks_like_text(content):
    for encoding in ("utf-8", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text[:65536])
    return False


class OaArchiveEep(models.AbstractModel):
    """Writes and reads DA/T 48 packages (see the module docstring)."""

    _name = "oa.archive.eep"
    _description = "Electronic File Package (EEP, DA/T 48)"

    # ------------------------------------------------------------
    # Content
    # ------------------------------------------------------------

    @api.model
    def _get_contents(self, files):
        """``{file id: bytes}`` of ``files``, read in one query (as superuser)."""
        if not files:
            return {}
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "oa.archive.file"),
                    ("res_field", "=", "file"),
                    ("res_id", "in", files.ids),
                ]
            )
        )
        contents = {
            attachment.res_id: attachment.raw or b"" for attachment in attachments
        }
        # Forget the bytes: the caller keeps them only as long as it needs them.
        attachments.invalidate_recordset(["raw", "datas", "db_datas"])
        return contents

    # ------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------

    @api.model
    def _build_eep(self, item, contents=None, now=None):
        """The package of the filed ``item`` as UTF-8 XML bytes, validated
        against the schema (a :class:`UserError` lists what is wrong)."""
        root = self._build_eep_tree(item, contents=contents, now=now)
        errors = self._schema_errors(root)
        if errors:
            raise UserError(
                self.env._(
                    "The package of %(code)s does not follow DA/T 48:\n%(errors)s",
                    code=item.archival_code or item.name,
                    errors="\n".join(errors),
                )
            )
        return self._serialize(root)

    @api.model
    def _serialize(self, root):
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    @api.model
    def _get_file_number(self, item):
        """电子文件号: stable and unique in the database."""
        return f"{item.fonds_id.code}-E{item.id:08d}"

    @api.model
    def _get_eep_file_name(self, item):
        return f"{item.archival_code or self._get_file_number(item)}.xml"

    @api.model
    def _build_eep_tree(self, item, contents=None, now=None):
        """The sealed package of ``item`` as an lxml element (not validated)."""
        item = item.sudo()
        if item.state != "filed" or not item.archival_code:
            raise UserError(
                self.env._(
                    "%(item)s is not filed: only filed items are packaged.",
                    item=item.name,
                )
            )
        files = item.file_ids
        if contents is None:
            contents = self._get_contents(files)
        now = now or fields.Datetime.now()
        fonds = item.fonds_id
        unit = fonds.unit_name or item.company_id.name or fonds.name
        file_number = self._get_file_number(item)

        root = etree.Element(q("电子文件封装包"), nsmap={None: EEP_NS})
        _sub(root, "封装包格式描述", EEP_FORMAT_DESCRIPTION)
        _sub(root, "版本", EEP_VERSION)
        signed = _sub(root, "被签名对象", attrib={"eep版本": EEP_VERSION})
        _sub(signed, "封装包类型", EEP_TYPE)
        _sub(signed, "封装包类型描述", EEP_TYPE_DESCRIPTION)
        _sub(signed, "封装包创建时间", self._xs_datetime(now))
        _sub(signed, "封装包创建单位", unit)
        content = _sub(signed, "封装内容")
        self._add_file_entity(content, item, files, contents, file_number)
        agents = self._add_business_entities(content, item, file_number)
        self._add_agent_entities(content, agents)

        signature = _sub(root, "电子签名块")
        signature_id = f"{file_number}-S1"
        _sub(signature, "签名标识符", signature_id)
        _sub(signature, "签名规则", SIGNATURE_RULE)
        _sub(signature, "签名时间", self._xs_datetime(now))
        _sub(signature, "签名人", unit)
        seal = _sub(signature, "签名结果", "")
        _sub(signature, "签名算法标识", SIGNATURE_ALGORITHM)
        lock = _sub(root, "锁定签名")
        _sub(lock, "被锁定签名标识符", signature_id)
        _sub(lock, "签名规则", LOCK_RULE)
        _sub(lock, "签名时间", self._xs_datetime(now))
        _sub(lock, "签名人", unit)
        lock_seal = _sub(lock, "签名结果", "")
        _sub(lock, "签名算法标识", SIGNATURE_ALGORITHM)

        # Lay the package out first: its whitespace is part of what is sealed.
        etree.indent(root, space="  ")
        seal.text = self._seal(signed)
        lock_seal.text = self._seal(signed, signature)
        return root

    def _add_file_entity(self, content, item, files, contents, file_number):
        fonds = item.fonds_id
        block = _sub(content, "文件实体块")
        _sub(block, "聚合层次", "文件")
        source = _sub(block, "来源")
        _opt(source, "档案馆名称", fonds.archive_name)
        _opt(source, "档案馆代码", fonds.archive_code)
        _sub(source, "全宗名称", fonds.name)
        _sub(
            source,
            "立档单位名称",
            fonds.unit_name or item.company_id.name or fonds.name,
        )
        _sub(block, "电子文件号", file_number)
        code = _sub(block, "档号")
        _sub(code, "全宗号", fonds.code)
        _sub(code, "年度", f"{item.year:04d}")
        _sub(code, "保管期限", item.retention)
        _opt(code, "机构或问题", item.org_id.code)
        _opt(code, "类别号", fonds.category_code)
        _sub(code, "件号", f"{item.item_no:04d}")
        description = _sub(block, "内容描述")
        _sub(description, "题名", item.name)
        _opt(description, "主题词", item.keywords)
        _opt(description, "文件编号", item.doc_number)
        _opt(description, "责任者", item.author)
        _opt(description, "日期", item.date_code)
        _opt(description, "文种", item.kind)
        _opt(description, "密级", SECRECY_NAMES.get(item.secrecy))
        form = _sub(block, "形式特征")
        _sub(form, "文件组合类型", "组合文件" if len(files) > 1 else "单件")
        _sub(form, "件数", "1")
        if item.pages:
            _sub(form, "页数", str(item.pages))
        _sub(form, "语种", LANGUAGE)
        _opt(block, "附注", item.note)
        data = _sub(block, "文件数据")
        for index, file in enumerate(files, start=1):
            self._add_document(
                data, file, contents.get(file.id, b""), file_number, index
            )

    def _add_document(self, parent, file, content, file_number, index):
        document = _sub(parent, "文档")
        _sub(document, "文档标识符", f"{file_number}-D{index:02d}")
        _sub(document, "文档序号", str(index))
        _sub(document, "文档主从声明", "主文件" if file.role == "main" else "附件")
        _opt(document, "题名", file.name)
        data = _sub(document, "文档数据")
        encoding = _sub(data, "编码")
        _sub(encoding, "编码描述", "Base64编码（RFC 2045），解码后为原始文件")
        _sub(encoding, "反编码关键字", "base64")
        _sub(encoding, "编码数据", base64.encodebytes(content).decode("ascii"))
        properties = _sub(data, "电子属性")
        fmt = sniff_format(content, file.file_name)
        format_info = _sub(properties, "格式信息")
        _sub(format_info, "格式名称", FORMAT_NAMES.get(fmt, fmt.upper()))
        version = _PDF_VERSION_RE.match(content[:16]) if fmt == "pdf" else None
        if version:
            _sub(format_info, "格式版本", version.group(1).decode())
        mimetype = file.mimetype or guess_mimetype(
            content, default="application/octet-stream"
        )
        _sub(format_info, "MIME媒体类型", mimetype)
        _sub(properties, "计算机文件名", file.file_name or file.name)
        # The metadata taken at filing; the receiver compares it with the data.
        sealed = bool(file.sha256)
        _sub(
            properties,
            "计算机文件大小",
            str(file.file_size if sealed else len(content)),
        )
        _sub(
            properties,
            "校验码",
            file.sha256 if sealed else hashlib.sha256(content).hexdigest(),
            attrib={"算法": DIGEST_ALGORITHM},
        )
        _sub(properties, "信息系统描述", SYSTEM_DESCRIPTION)

    def _add_business_entities(self, content, item, file_number):
        """One 业务实体 per handling step; returns the people and units named,
        ``{key: (identifier, type, name, position)}`` in order of appearance."""
        agents = {}
        events = item.event_ids
        if not events:
            return agents
        block = _sub(content, "业务实体块")
        for index, event in enumerate(events, start=1):
            key = (
                ("user", event.user_id.id)
                if event.user_id
                else ("name", event.agent_name)
            )
            if key not in agents:
                position = " ".join(
                    part for part in (event.department_name, event.position) if part
                )
                agents[key] = (
                    f"{file_number}-P{len(agents) + 1:03d}",
                    "个人" if event.user_id else "机构",
                    event.agent_name,
                    position,
                )
            entity = _sub(block, "业务实体")
            _sub(entity, "业务标识符", f"{file_number}-B{index:03d}")
            _sub(entity, "机构人员标识符", agents[key][0])
            _sub(entity, "文件标识符", file_number)
            _opt(entity, "业务状态", event.step_name)
            _sub(entity, "业务行为", event.action)
            _sub(entity, "行为时间", self._xs_datetime(event.date))
            _opt(entity, "行为依据", event.basis)
            description = event.description or ""
            if event.on_behalf_of:
                description = f"{description}（代{event.on_behalf_of}）".strip()
            _opt(entity, "行为描述", description)
        return agents

    def _add_agent_entities(self, content, agents):
        if not agents:
            return
        block = _sub(content, "机构人员实体块")
        for identifier, agent_type, name, position in agents.values():
            entity = _sub(block, "机构人员实体")
            _sub(entity, "机构人员标识符", identifier)
            _sub(entity, "机构人员类型", agent_type)
            _sub(entity, "机构人员名称", name)
            _opt(entity, "个人职位", position)

    @api.model
    def _seal(self, *elements):
        """Base64 SHA-256 digest of the exc-c14n of ``elements``, in order."""
        digest = hashlib.sha256()
        for element in elements:
            digest.update(etree.tostring(element, method="c14n", exclusive=True))
        return base64.b64encode(digest.digest()).decode("ascii")

    def _xs_datetime(self, value):
        """xs:dateTime in the user's time zone (Asia/Shanghai by default)."""
        tz = self.env.context.get("tz") or self.env.user.tz or DEFAULT_TZ
        stamp = fields.Datetime.context_timestamp(
            self.with_context(tz=tz), fields.Datetime.to_datetime(value)
        )
        return stamp.replace(microsecond=0).isoformat()

    # ------------------------------------------------------------
    # Reading and verifying
    # ------------------------------------------------------------

    @api.model
    def _parse(self, data):
        """The root element of the package ``data`` (bytes)."""
        return etree.fromstring(data, parser=eep_parser())

    @api.model
    def _schema_errors(self, root):
        """The schema's complaints about ``root``, as text lines."""
        schema = get_eep_schema()
        with _schema_lock:
            if schema.validate(root):
                return []
            return [
                f"{self.env._('line %(line)s', line=error.line)}: {error.message}"
                for error in schema.error_log
            ]

    @api.model
    def _verify_eep(self, root):
        """Every problem of the package ``root``: schema, seals, and each
        document's data against its size and fingerprint. Empty if sound."""
        problems = self._schema_errors(root)
        signed = root.find(q("被签名对象"))
        signature = root.find(q("电子签名块"))
        if signed is None or signature is None:
            return problems or [self.env._("The package has no signed object.")]
        if _text(signature, "签名结果") != self._seal(signed):
            problems.append(
                self.env._(
                    "The seal (电子签名块) does not match the package: it changed "
                    "after it was sealed."
                )
            )
        lock = root.find(q("锁定签名"))
        if lock is None:
            problems.append(self.env._("The package has no lock seal (锁定签名)."))
        elif _text(lock, "签名结果") != self._seal(signed, signature):
            problems.append(
                self.env._("The lock seal (锁定签名) does not match the package.")
            )
        for document in signed.iterfind(f".//{q('文档')}"):
            problems += self._verify_document(document)
        return problems

    def _verify_document(self, document):
        name = _text(document, "文档标识符")
        properties = document.find(f"{q('文档数据')}/{q('电子属性')}")
        data = _text(document, f"{q('文档数据')}/{q('编码')}/{q('编码数据')}")
        try:
            content = base64.b64decode(data or "", validate=False)
        except ValueError:
            return [self.env._("%(doc)s: the encoded data is not Base64.", doc=name)]
        problems = []
        if properties is None:
            return problems
        size = _text(properties, "计算机文件大小")
        if size and size.isdigit() and int(size) != len(content):
            problems.append(
                self.env._(
                    "%(doc)s: the data has %(actual)s bytes, the metadata says "
                    "%(size)s.",
                    doc=name,
                    actual=len(content),
                    size=size,
                )
            )
        check = properties.find(q("校验码"))
        if check is not None and (check.get("算法") or "").upper() == DIGEST_ALGORITHM:
            if (
                hashlib.sha256(content).hexdigest()
                != (check.text or "").strip().lower()
            ):
                problems.append(
                    self.env._(
                        "%(doc)s: the data does not match its SHA-256 fingerprint.",
                        doc=name,
                    )
                )
        return problems

    @api.model
    def _read_metadata(self, root):
        """The catalogue values the package carries (for comparisons)."""
        block = root.find(f"{q('被签名对象')}/{q('封装内容')}/{q('文件实体块')}")
        if block is None:
            return {}
        code = block.find(q("档号"))
        description = block.find(q("内容描述"))
        documents = [
            {
                "role": _text(document, "文档主从声明"),
                "file_name": _text(
                    document, f"{q('文档数据')}/{q('电子属性')}/{q('计算机文件名')}"
                ),
                "size": _text(
                    document, f"{q('文档数据')}/{q('电子属性')}/{q('计算机文件大小')}"
                ),
                "sha256": _text(
                    document, f"{q('文档数据')}/{q('电子属性')}/{q('校验码')}"
                ),
            }
            for document in block.iterfind(f"{q('文件数据')}/{q('文档')}")
        ]
        parts = [
            _text(code, tag)
            for tag in ("全宗号", "类别号", "年度", "保管期限", "机构或问题", "件号")
        ]
        return {
            "archival_code": "{}-{}·{}-{}-{}-{}".format(*parts) if all(parts) else None,
            "fonds_code": parts[0],
            "year": parts[2],
            "retention": parts[3],
            "org_code": parts[4],
            "item_no": parts[5],
            "title": _text(description, "题名"),
            "doc_number": _text(description, "文件编号"),
            "author": _text(description, "责任者"),
            "date": _text(description, "日期"),
            "secrecy": _text(description, "密级"),
            "documents": documents,
            "events": len(root.findall(f".//{q('业务实体')}")),
        }

    @api.model
    def _compare_with_item(self, root, item):
        """Differences between the package ``root`` and the catalogue entry
        of ``item`` (text lines)."""
        metadata = self._read_metadata(root)
        expected = {
            "archival_code": item.archival_code,
            "title": item.name,
            "doc_number": item.doc_number,
            "author": item.author,
            "date": item.date_code,
            "secrecy": SECRECY_NAMES.get(item.secrecy),
        }
        expected = {
            key: (value or "").strip() or None for key, value in expected.items()
        }
        labels = {
            "archival_code": "档号",
            "title": "题名",
            "doc_number": "文件编号",
            "author": "责任者",
            "date": "日期",
            "secrecy": "密级",
        }
        differences = [
            self.env._(
                "%(field)s is “%(package)s” in the package, “%(catalogue)s” in "
                "the catalogue.",
                field=labels[key],
                package=metadata.get(key) or "",
                catalogue=value or "",
            )
            for key, value in expected.items()
            if (metadata.get(key) or None) != (value or None)
        ]
        files = item.file_ids
        packaged = metadata.get("documents", [])
        if len(packaged) != len(files):
            differences.append(
                self.env._(
                    "The package has %(count)s documents, the item %(files)s files.",
                    count=len(packaged),
                    files=len(files),
                )
            )
        else:
            for file, document in zip(files, packaged, strict=True):
                if file.sha256 and document["sha256"] != file.sha256:
                    differences.append(
                        self.env._(
                            "%(file)s: the fingerprint in the package is not the "
                            "one taken at filing.",
                            file=file.file_name or file.name,
                        )
                    )
                if document["file_name"] != (file.file_name or file.name):
                    differences.append(
                        self.env._(
                            "%(file)s: the package names it %(name)s.",
                            file=file.file_name or file.name,
                            name=document["file_name"],
                        )
                    )
        if metadata.get("events", 0) != len(item.event_ids):
            differences.append(
                self.env._(
                    "The package has %(count)s handling steps, the item %(events)s.",
                    count=metadata.get("events", 0),
                    events=len(item.event_ids),
                )
            )
        return differences


def _sub(parent, tag, text=None, attrib=None):
    element = etree.SubElement(parent, q(tag), attrib=attrib or {})
    if text is not None:
        element.text = str(text)
    return element


def _opt(parent, tag, value):
    """Add ``tag`` only when ``value`` says something."""
    if value and str(value).strip():
        return _sub(parent, tag, str(value).strip())
    return None


def _text(parent, path):
    """Stripped text at ``path`` (a tag of the namespace, or a full path)."""
    if parent is None:
        return None
    element = parent.find(path if path.startswith("{") else q(path))
    if element is None or element.text is None:
        return None
    return element.text.strip()
