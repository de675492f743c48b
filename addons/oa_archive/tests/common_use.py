# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fixtures of the use-and-care tests (loans, appraisal, destruction, audit).

The demo bureau acts as its real roles (addons/oa_base/demo/LOGINS.md):
何佳 (zhk_he) borrows, her 科长 徐明 (zhk_xu) approves first, 陈晓丽
(da_chen) is the archivist; 张丽华 (bgs_zhang) heads the office and 周建国
(juzhang) is the principal leader who approve appraisals; 刘芳 (bgs_liu) is a
clerk, 高磊 (zhk_gao) and 马骏 (sgzx_ma) are plain users and 韩雪 (aqsj_han)
the auditor. The items live in a fonds of their own (T901) so that their
numbers never meet the demo's or another test's.
"""

import base64

from odoo.tests import TransactionCase


def pdf_bytes(text):
    """A small PDF-looking content, distinct per ``text``."""
    return b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n"


class ArchiveUseCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        for login in (
            "zhk_he",
            "zhk_xu",
            "zhk_gao",
            "sgzx_ma",
            "bgs_zhang",
            "bgs_liu",
            "juzhang",
            "aqsj_han",
        ):
            setattr(cls, login, ref(f"oa_base.user_{login}_demo"))
        cls.da_chen = ref("oa_archive.user_da_chen_demo")
        cls.org_bgs = ref("oa_archive.org_bgs_demo")
        cls.org_zhk = ref("oa_archive.org_zhk_demo")
        cls.fonds = cls.env["oa.archive.fonds"].create(
            {"name": "测试全宗", "code": "T901", "unit_name": "江澄市统计局"}
        )
        cls.Loan = cls.env["oa.archive.loan"]
        cls.AuditLog = cls.env["oa.audit.log"]

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    @classmethod
    def make_item(cls, name, year=2020, retention="D30", secrecy="none", file=True):
        """A filed item of the test fonds (filed by the archivist)."""
        vals = {
            "name": name,
            "doc_number": f"江统字〔{year}〕1号",
            "author": "江澄市统计局",
            "date": f"{year}-06-30",
            "year": year,
            "retention": retention,
            "secrecy": secrecy,
            "pages": 3,
            "fonds_id": cls.fonds.id,
            "org_id": cls.org_bgs.id,
        }
        if file:
            # The main text, and the handling sheet it came with (filing would
            # otherwise print one).
            vals["file_ids"] = [
                (
                    0,
                    0,
                    {
                        "role": role,
                        "sequence": sequence,
                        "name": f"{name}{suffix}",
                        "file_name": f"{name}{suffix}.pdf",
                        "file": base64.b64encode(pdf_bytes(f"{name}{suffix}")),
                    },
                )
                for sequence, (role, suffix) in enumerate(
                    [("main", ""), ("sheet", " 文件处理单")]
                )
            ]
        item = cls.env["oa.archive.item"].with_user(cls.da_chen).create(vals)
        if file:
            item.action_file()
        return cls.env["oa.archive.item"].browse(item.id)

    def pending_item(self, record, user):
        """The pending to-do of ``user`` on ``record``'s flow, as that user."""
        self.env.invalidate_all()
        items = self.env["oa.workitem"].search(
            [
                ("flow_id", "=", record.sudo().oa_flow_id.id),
                ("user_id", "=", user.id),
                ("kind", "=", "todo"),
                ("state", "=", "pending"),
            ]
        )
        self.assertEqual(len(items), 1, f"{user.login} should have one pending item")
        return items.with_user(user)

    def request_loan(self, items, borrower=None, **vals):
        """A draft loan of ``items`` (catalogue entries), as the borrower."""
        values = {
            "catalogue_ids": [(6, 0, items.ids)],
            "purpose": "编写统计年鉴，查阅历年资料。",
        }
        values.update(vals)
        return self.Loan.with_user(borrower or self.zhk_he).create(values)

    def lend(self, loan):
        """Submit as the borrower; the leader, then the archivist agree."""
        loan.action_submit()
        self.pending_item(loan, self.zhk_xu).action_agree(opinion="同意。")
        self.pending_item(loan, self.da_chen).action_agree(opinion="同意借阅。")
        self.env.invalidate_all()
        return loan

    def assert_form_opens(self, record, user):
        """The form loads for ``user`` as the web client loads it: every field
        of the view, with the display name of related records."""
        Model = self.env[record._name].with_user(user)
        views = Model.get_views([(False, "form")])
        fields_info = views["models"][record._name]["fields"]
        spec = {
            name: {"fields": {"display_name": {}}} if info.get("relation") else {}
            for name, info in fields_info.items()
        }
        self.env.invalidate_all()
        return record.with_user(user).web_read(spec)[0]

    def audit_rows(self, event, record):
        return self.AuditLog.sudo().search(
            [
                ("event", "=", event),
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
            ]
        )
