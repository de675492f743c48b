# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import hashlib

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_open

from ..models.oa_archive_eep import EEP_FORMAT_DESCRIPTION, EEP_NS
from .common_export import ExportCaseMixin

NS = {"e": EEP_NS}


@tagged("post_install", "-at_install")
class TestEep(ExportCaseMixin, TransactionCase):
    """DA/T 48 packages: written from a filed item, valid against the
    schema shipped with the addon, sealed, and read back to the catalogue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_export()
        cls.item = cls.make_item("关于开展2024年度统计执法检查的通知", events=3)
        cls.Eep = cls.env["oa.archive.eep"]

    def _schema(self):
        # The shipped file itself, not the cached object the code uses.
        with file_open("oa_archive/schemas/eep_da48.xsd", "rb") as schema_file:
            return etree.XMLSchema(etree.parse(schema_file))

    def test_package_follows_the_schema_and_carries_the_item(self):
        item = self.item
        data = self.Eep.with_user(self.archivist)._build_eep(item)
        self.assertTrue(data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>"))
        root = etree.fromstring(data)
        schema = self._schema()
        self.assertTrue(schema.validate(root), schema.error_log)
        self.assertEqual(
            root.findtext("e:封装包格式描述", namespaces=NS), EEP_FORMAT_DESCRIPTION
        )
        self.assertEqual(root.findtext("e:版本", namespaces=NS), "2009")
        signed = root.find("e:被签名对象", NS)
        self.assertEqual(signed.get("eep版本"), "2009")
        self.assertEqual(signed.findtext("e:封装包类型", namespaces=NS), "原始型")
        block = signed.find("e:封装内容/e:文件实体块", NS)
        self.assertEqual(block.findtext("e:聚合层次", namespaces=NS), "文件")
        self.assertEqual(
            block.findtext("e:来源/e:全宗名称", namespaces=NS), self.fonds.name
        )
        self.assertEqual(block.findtext("e:来源/e:档案馆代码", namespaces=NS), "432101")
        code = block.find("e:档号", NS)
        parts = [
            code.findtext(f"e:{tag}", namespaces=NS)
            for tag in ("全宗号", "类别号", "年度", "保管期限", "机构或问题", "件号")
        ]
        self.assertEqual(parts[:5], ["T901", "WS", "2024", "D30", "TST"])
        self.assertEqual("{}-{}·{}-{}-{}-{}".format(*parts), item.archival_code)
        self.assertEqual(
            block.findtext("e:内容描述/e:题名", namespaces=NS),
            "关于开展2024年度统计执法检查的通知",
        )
        self.assertEqual(
            block.findtext("e:内容描述/e:文件编号", namespaces=NS), item.doc_number
        )
        self.assertEqual(
            block.findtext("e:内容描述/e:日期", namespaces=NS), item.date_code
        )
        self.assertEqual(block.findtext("e:内容描述/e:密级", namespaces=NS), "非密")
        # One 文档 per file, in order, with its content and fingerprint.
        documents = block.findall("e:文件数据/e:文档", NS)
        files = item.file_ids
        self.assertEqual(len(documents), len(files))
        self.assertEqual(
            [d.findtext("e:文档主从声明", namespaces=NS) for d in documents],
            ["主文件" if f.role == "main" else "附件" for f in files],
        )
        for document, file in zip(documents, files, strict=True):
            content = base64.b64decode(
                document.findtext("e:文档数据/e:编码/e:编码数据", namespaces=NS)
            )
            self.assertEqual(content, file._get_content())
            properties = document.find("e:文档数据/e:电子属性", NS)
            digest = properties.find("e:校验码", NS)
            self.assertEqual(digest.get("算法"), "SHA-256")
            self.assertEqual(digest.text, hashlib.sha256(content).hexdigest())
            self.assertEqual(digest.text, file.sha256)
            self.assertEqual(
                properties.findtext("e:计算机文件大小", namespaces=NS),
                str(len(content)),
            )
            self.assertEqual(
                properties.findtext("e:计算机文件名", namespaces=NS), file.file_name
            )
        self.assertEqual(
            documents[0].findtext(
                "e:文档数据/e:电子属性/e:格式信息/e:格式名称", namespaces=NS
            ),
            "PDF",
        )
        # One 业务实体 per handling step (3 given + filing), each person once.
        events = signed.findall("e:封装内容/e:业务实体块/e:业务实体", NS)
        self.assertEqual(len(events), len(item.event_ids))
        self.assertEqual(len(item.event_ids), 4)
        self.assertEqual(
            [e.findtext("e:业务行为", namespaces=NS) for e in events],
            item.event_ids.mapped("action"),
        )
        agents = signed.findall("e:封装内容/e:机构人员实体块/e:机构人员实体", NS)
        self.assertEqual(
            sorted(a.findtext("e:机构人员名称", namespaces=NS) for a in agents),
            sorted({self.clerk.name, self.archivist.name}),
        )
        # The seals verify, and the reader finds no difference.
        self.assertEqual(self.Eep._verify_eep(root), [])
        self.assertEqual(self.Eep._compare_with_item(root, item), [])

    def test_seals_reveal_changes(self):
        root = self.Eep._parse(self.Eep._build_eep(self.item))
        title = root.find("e:被签名对象/e:封装内容/e:文件实体块/e:内容描述/e:题名", NS)
        title.text = "改过的题名"
        problems = self.Eep._verify_eep(root)
        # Both seals break; the schema still holds.
        self.assertEqual(len(problems), 2, problems)
        self.assertTrue(self.Eep._compare_with_item(root, self.item))

        root = self.Eep._parse(self.Eep._build_eep(self.item))
        data = root.find(".//e:编码数据", NS)
        data.text = base64.encodebytes(b"%PDF-1.4 forged").decode()
        problems = self.Eep._verify_eep(root)
        # Seal, lock seal, size and fingerprint of the document.
        self.assertEqual(len(problems), 4, problems)

    def test_schema_refuses_an_incomplete_package(self):
        root = self.Eep._build_eep_tree(self.item)
        description = root.find(".//e:内容描述", NS)
        description.remove(description.find("e:责任者", NS))
        root.find(".//e:档号/e:件号", NS).text = "0000"
        errors = self.Eep._schema_errors(root)
        self.assertTrue(any("责任者" in error for error in errors), errors)
        self.assertTrue(any("件号" in error for error in errors), errors)
        self.assertFalse(self._schema().validate(root))

    def test_only_filed_items_are_packaged(self):
        item = self.env["oa.archive.item"].create(
            {"name": "待归档文件", "fonds_id": self.fonds.id, "org_id": self.org.id}
        )
        with self.assertRaises(UserError):
            self.Eep._build_eep(item)

    def test_download_action_is_for_archivists(self):
        action = self.item.with_user(self.archivist).action_export_eep()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/oa_archive/item/{self.item.id}/eep")
        self.env.invalidate_all()
        for user in (self.clerk, self.plain_user):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.item.with_user(user).action_export_eep()
