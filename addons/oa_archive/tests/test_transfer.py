# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
import zipfile

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common_export import YEAR, ExportCaseMixin, make_pdf

EEP_NS = {"e": "http://www.saac.gov.cn/standards/ERM/encapsulation"}


@tagged("post_install", "-at_install")
class TestTransfer(ExportCaseMixin, TransactionCase):
    """移交 as the archivist: check, export, accept; a tampered file stops
    the export and the failed check stays with the transfer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_export()
        cls.items = cls.make_item() | cls.make_item()
        cls.Transfer = cls.env["oa.archive.transfer"].with_user(cls.archivist)

    def new_transfer(self, **vals):
        return self.Transfer.create({"fonds_id": self.fonds.id, "year": YEAR, **vals})

    def test_year_transfer_checked_exported_accepted(self):
        transfer = self.new_transfer()
        self.assertRegex(transfer.name, r"^YJ\d{4}-\d{4}$")
        self.assertEqual(transfer.receiver, "江澄市档案馆")
        self.assertEqual(transfer.state, "draft")
        transfer.action_check()
        self.assertEqual(transfer.item_ids, self.items)
        self.assertEqual(transfer.state, "checked")
        self.assertEqual(transfer.check_id.state, "passed")
        self.assertEqual(transfer.check_id.stage, "transfer")
        self.assertEqual(transfer.item_count, 2)
        self.assertEqual(transfer.file_count, 6)
        self.assertEqual(
            transfer.data_size, sum(self.items.file_ids.mapped("file_size"))
        )
        action = transfer.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/oa_archive/transfer/{transfer.id}/download")
        self.assertEqual(transfer.state, "exported")
        self.assertEqual(transfer.exported_by_id, self.archivist)
        # The export checked again: two checks, both kept with the transfer.
        self.assertEqual(transfer.check_count, 2)
        log = self.env["oa.audit.log"].search(
            [
                ("event", "=", "archive_export"),
                ("res_model", "=", "oa.archive.transfer"),
                ("res_id", "=", transfer.id),
            ]
        )
        self.assertEqual(log.user_id, self.archivist)
        # What was sent stays as it was sent.
        with self.assertRaises(UserError):
            transfer.item_ids = [(5, 0, 0)]
        with self.assertRaises(UserError):
            transfer.action_check()
        with self.assertRaises(UserError):
            transfer.unlink()
        transfer.action_accept()
        self.assertEqual(transfer.state, "accepted")
        self.assertTrue(transfer.date_accepted)

    def test_tampered_file_stops_the_export(self):
        transfer = self.new_transfer(
            scope="selection", item_ids=[(6, 0, self.items.ids)]
        )
        file = self.items[1].file_ids.filtered(lambda f: f.role == "attachment")
        self.get_attachment(file).write({"raw": b"tampered text\n"})
        with self.assertRaises(UserError):
            transfer.action_export()
        self.assertEqual(transfer.state, "draft")
        self.assertFalse(transfer.date_exported)
        # Run as the form does: the failed check stays linked for review.
        transfer.action_check()
        self.assertEqual(transfer.state, "draft")
        check = transfer.check_id
        self.assertEqual(check.state, "failed")
        self.assertEqual(check.authenticity_result, "fail")
        failed = check.line_ids.filtered(lambda line: line.result == "fail")
        self.assertIn(file, failed.file_id)
        self.assertEqual(set(failed.item_id.ids), {self.items[1].id})
        with self.assertRaises(UserError):
            transfer.action_download()

    def test_changing_items_resets_a_checked_transfer(self):
        transfer = self.new_transfer(
            scope="selection", item_ids=[(6, 0, self.items.ids)]
        )
        transfer.action_check()
        self.assertEqual(transfer.state, "checked")
        transfer.item_ids = [(3, self.items[0].id)]
        self.assertEqual(transfer.state, "draft")

    def test_selection_must_be_filed_items_of_the_fonds(self):
        other = self.env["oa.archive.fonds"].create(
            {"name": "其他全宗", "code": "T902"}
        )
        transfer = self.Transfer.create(
            {
                "fonds_id": other.id,
                "scope": "selection",
                "item_ids": [(6, 0, self.items.ids)],
            }
        )
        with self.assertRaises(UserError):
            transfer.action_check()
        empty = self.Transfer.create({"fonds_id": self.fonds.id, "year": 1999})
        with self.assertRaises(UserError):
            empty.action_check()

    def test_only_archivists_transfer(self):
        transfer = self.new_transfer()
        self.env.invalidate_all()
        for user in (self.clerk, self.plain_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["oa.archive.transfer"].with_user(user).create(
                        {"fonds_id": self.fonds.id, "year": YEAR}
                    )
                with self.assertRaises(AccessError):
                    transfer.with_user(user).read(["name"])
                with self.assertRaises(UserError):
                    transfer.with_user(user).action_check()


@tagged("post_install", "-at_install")
class TestTransferDownload(ExportCaseMixin, HttpCase):
    """The package, downloaded through the route as 陈晓丽: its members, the
    catalogue, the description, the register; refused to a plain user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_export()
        cls.items = cls.make_item(
            files=[
                ("main", "正文.pdf", make_pdf("Main")),
                ("sheet", "文件处理单.pdf", make_pdf("Sheet")),
            ]
        ) | cls.make_item(note="补充件")
        cls.transfer = (
            cls.env["oa.archive.transfer"]
            .with_user(cls.archivist)
            .create({"fonds_id": cls.fonds.id, "year": YEAR})
        )
        cls.transfer.action_export()
        cls.url = f"/oa_archive/transfer/{cls.transfer.id}/download"

    def test_package_contents(self):
        self.authenticate("da_chen", "da_chen")
        response = self.url_open(self.url, timeout=180)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        self.assertIsNone(archive.testzip())
        codes = self.items.sorted("archival_code").mapped("archival_code")
        eeps = [f"电子档案/{YEAR}/{code}.xml" for code in codes]
        self.assertEqual(
            sorted(archive.namelist()),
            sorted(
                [
                    *eeps,
                    "文件目录.XML",
                    "说明文件.TXT",
                    "移交登记表.pdf",
                    "其他/eep_da48.xsd",
                ]
            ),
        )
        # Every package validates against the schema shipped in the package.
        schema = etree.XMLSchema(etree.fromstring(archive.read("其他/eep_da48.xsd")))
        Eep = self.env["oa.archive.eep"]
        for name, code in zip(eeps, codes, strict=True):
            root = etree.fromstring(archive.read(name))
            self.assertTrue(schema.validate(root), schema.error_log)
            self.assertEqual(Eep._verify_eep(root), [])
            self.assertEqual(Eep._read_metadata(root)["archival_code"], code)
        # 文件目录.XML: one entry per item, in order.
        catalogue = etree.fromstring(archive.read("文件目录.XML"))
        entries = catalogue.findall("文件")
        self.assertEqual([e.findtext("顺序号") for e in entries], ["1", "2"])
        self.assertEqual([e.findtext("档号") for e in entries], codes)
        self.assertEqual([e.findtext("电子档案名称") for e in entries], eeps)
        by_code = {item.archival_code: item for item in self.items}
        for entry in entries:
            item = by_code[entry.findtext("档号")]
            self.assertEqual(entry.findtext("题名"), item.name)
            self.assertEqual(entry.findtext("责任者"), item.author)
            self.assertEqual(entry.findtext("日期"), item.date_code)
            self.assertEqual(entry.findtext("密级"), "非密")
            self.assertEqual(entry.findtext("备注"), item.note or "")
        # 说明文件.TXT names the batch, the fonds, the counts and the check.
        readme = archive.read("说明文件.TXT").decode("utf-8-sig")
        self.assertIn(self.transfer.name, readme)
        self.assertIn("T901", readme)
        self.assertIn("2 件，文档 5 个", readme)
        self.assertIn(self.transfer.check_id.name, readme)
        self.assertTrue(archive.read("移交登记表.pdf").startswith(b"%PDF"))
        logs = self.env["oa.audit.log"].search(
            [
                ("event", "=", "archive_export"),
                ("res_model", "=", "oa.archive.transfer"),
                ("res_id", "=", self.transfer.id),
            ]
        )
        self.assertEqual(len(logs), 2)  # the export, then the download

    def test_item_package_download(self):
        item = self.items[0]
        self.authenticate("da_chen", "da_chen")
        response = self.url_open(f"/oa_archive/item/{item.id}/eep", timeout=60)
        self.assertEqual(response.status_code, 200)
        root = etree.fromstring(response.content)
        self.assertEqual(
            root.findtext(".//e:内容描述/e:题名", namespaces=EEP_NS), item.name
        )

    def test_plain_user_and_clerk_refused(self):
        for login in ("zhk_he", "bgs_liu"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(self.url, timeout=60)
                self.assertEqual(response.status_code, 403)
                response = self.url_open(
                    f"/oa_archive/item/{self.items[0].id}/eep", timeout=60
                )
                self.assertEqual(response.status_code, 403)
