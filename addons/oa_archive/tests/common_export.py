# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import datetime
import io

from reportlab.pdfgen import canvas

from odoo.tools.pdf import PdfReader, PdfWriter

YEAR = 2024


def make_pdf(text="Jiangcheng Statistics Bureau", javascript=None, password=None):
    """A small real one-page PDF (reportlab), with a script or a password."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    data = buffer.getvalue()
    if javascript or password:
        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        if javascript:
            writer.add_js(javascript)
        if password:
            writer.encrypt(password)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data


class ExportCaseMixin:
    """Filed items of a fonds of their own (T901, class TST), made as the
    real roles: 陈晓丽 (da_chen) the archivist files them; 刘芳 (bgs_liu) is a
    clerk and 何 (zhk_he) a plain user, both refused the export."""

    @classmethod
    def setup_export(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        cls.archivist = ref("oa_archive.user_da_chen_demo")
        cls.clerk = ref("oa_base.user_bgs_liu_demo")
        cls.plain_user = ref("oa_base.user_zhk_he_demo")
        cls.fonds = cls.env["oa.archive.fonds"].create(
            {
                "name": "江澄市统计局（测试）",
                "code": "T901",
                "unit_name": "江澄市统计局",
                "archive_name": "江澄市档案馆",
                "archive_code": "432101",
            }
        )
        cls.org = cls.env["oa.archive.org"].create({"name": "测试科", "code": "TST"})
        cls.org_gap = cls.env["oa.archive.org"].create(
            {"name": "缺号测试科", "code": "TSG"}
        )
        cls._item_seq = 0

    @classmethod
    def make_item(cls, name=None, files=None, events=2, org=None, **vals):
        """A filed item: main PDF, handling sheet PDF and a text attachment
        unless ``files`` (``[(role, file_name, bytes)]``) says otherwise."""
        cls._item_seq += 1
        name = name or f"关于统计执法检查的通知（{cls._item_seq}）"
        if files is None:
            files = [
                ("main", "正文.pdf", make_pdf(f"Main text {cls._item_seq}")),
                ("sheet", "文件处理单.pdf", make_pdf("Handling sheet")),
                ("attachment", "附件说明.txt", "附件：检查安排表。\n".encode()),
            ]
        values = {
            "name": name,
            "doc_number": f"江统发〔{YEAR}〕{cls._item_seq}号",
            "author": "江澄市统计局",
            "date": datetime.date(YEAR, 3, min(cls._item_seq, 28)),
            "year": YEAR,
            "secrecy": "none",
            "kind": "通知",
            "fonds_id": cls.fonds.id,
            "org_id": (org or cls.org).id,
            "retention": "D30",
            "file_ids": [
                (
                    0,
                    0,
                    {
                        "role": role,
                        "sequence": index,
                        "name": file_name.rpartition(".")[0],
                        "file_name": file_name,
                        "file": base64.b64encode(content),
                    },
                )
                for index, (role, file_name, content) in enumerate(files)
            ],
        }
        values.update(vals)
        Item = cls.env["oa.archive.item"].with_user(cls.archivist)
        item = Item.create(values)
        people = [cls.clerk, cls.archivist]
        cls.env["oa.archive.event"].create(
            [
                {
                    "item_id": item.id,
                    "sequence": index,
                    "action": ("登记", "批办", "承办", "办结")[index % 4],
                    "step_name": "收文办理",
                    "date": datetime.datetime(YEAR, 3, 1, 8 + index, 30),
                    "user_id": people[index % 2].id,
                    "agent_name": people[index % 2].name,
                    "department_name": "办公室",
                    "position": "文书",
                    "description": "请办公室阅办。",
                }
                for index in range(events)
            ]
        )
        item.action_file()
        return item.with_env(cls.env)

    @classmethod
    def get_attachment(cls, file):
        return cls.env["ir.attachment"].search(
            [
                ("res_model", "=", "oa.archive.file"),
                ("res_field", "=", "file"),
                ("res_id", "=", file.id),
            ]
        )
