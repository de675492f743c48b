# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from markupsafe import Markup, escape

from odoo import fields, models


class OaDocument(models.Model):
    """Closing (办结) a document proposes filing it with its 件: the final
    text, attachments, the signed-off draft and the handling sheet.

    Catalogue values (DA/T 22-2015 §9): 题名 is the title; 文号 and 责任者
    are the sender's number and the sender for incoming documents (来文字号,
    来文机关), our number and our authority for outgoing ones; 日期 is the
    date written (成文日期); the unit class is the drafting unit's (发文) or
    the lead unit's (收文); the year is the year the document was closed.
    The clerk who registered (收文) or dispatched (发文) it gets the 待归档
    activity.
    """

    _inherit = "oa.document"

    archive_item_ids = fields.One2many(
        "oa.archive.item",
        "res_id",
        domain=[("res_model", "=", "oa.document")],
        string="Archive Items",
        readonly=True,
    )

    def _oa_on_flow_done(self, flow):
        res = super()._oa_on_flow_done(flow)
        self.env["oa.archive.item"]._propose_for(self)
        return res

    def _oa_archive_local_date(self, value):
        """The local date (user's time zone) of the datetime ``value``."""
        if not value:
            return False
        return fields.Datetime.context_timestamp(self, value).date()

    def _oa_archive_get_values(self):
        vals = super()._oa_archive_get_values()
        incoming = self.doc_type == "incoming"
        date = self.date_written or self._oa_archive_local_date(
            self.date_received if incoming else self.sign_date
        )
        # 归属年度: the year the document was closed (跨年度 ones included).
        closed = self._oa_archive_local_date(self.date_done or fields.Datetime.now())
        if incoming:
            doc_number = self.sender_number
            author = self.sender_org or self.sender_unit_id.name
            department = self.lead_department_id
        else:
            doc_number = self.doc_number
            author = self.signature_org or self.code_id.org_name or self.company_id.name
            department = self.department_id or self.drafter_id.employee_id.department_id
        vals.update(
            {
                # 题名: the title alone (the number has its own column).
                "name": self.name,
                "doc_number": doc_number or False,
                "author": author or False,
                "date": date or vals["date"],
                "year": closed.year,
                "secrecy": self.secrecy,
                "pages": self.pages,
                # The 文种 word as written in the title (决定, 通知, ...).
                "kind": self.kind_id.title_word or self.kind_id.name or vals["kind"],
                "department": department,
                "filer_id": self._oa_archive_get_filer().id,
            }
        )
        return vals

    def _oa_archive_get_filer(self):
        """The clerk in charge of filing: who signed for an incoming document,
        who dispatched (核发) an outgoing one, else the last clerk who acted on
        it (签报: the office review)."""
        self.ensure_one()
        if self.doc_type == "incoming" and self.received_by_id:
            return self.received_by_id
        traces = (
            self.env["oa.trace"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("action", "=", "agree"),
                ],
                order="date desc, id desc",
            )
        )
        dispatch = traces.filtered(lambda t: t.step_id.code == "dispatch")[:1]
        if dispatch:
            return dispatch.user_id
        for trace in traces:
            if trace.user_id.has_group("oa_base.group_oa_clerk"):
                return trace.user_id
        return self.env["res.users"]

    def _oa_archive_get_files(self):
        self.ensure_one()
        doc = self.sudo()
        files = []
        final = doc._get_dispatch_file()
        if final:
            files.append(
                {
                    "role": "main",
                    "name": doc.name,
                    "file_name": doc._get_dispatch_file_name() or f"{doc.name}.pdf",
                    "file": final,
                }
            )
        elif doc.body:
            # No file: the body written in the system is the text (正文).
            files.append(doc._oa_archive_body_file("main", doc.name))
        # The signed-off draft (定稿) when the final text is a red-head print.
        if final and doc.main_file and final != doc.main_file:
            files.append(
                {
                    "role": "draft",
                    "name": self.env._("%(title)s (final draft)", title=doc.name),
                    "file_name": doc.main_file_name,
                    "file": doc.main_file,
                }
            )
        elif final and not doc.main_file and doc.body:
            files.append(
                doc._oa_archive_body_file(
                    "draft", self.env._("%(title)s (final draft)", title=doc.name)
                )
            )
        for attachment in doc.attachment_ids.sorted("id"):
            files.append(
                {
                    "role": "attachment",
                    "name": attachment.name,
                    "file_name": attachment.name,
                    "file": attachment.datas,
                }
            )
        for index, vals in enumerate(files):
            vals["sequence"] = index
        return files

    def _oa_archive_body_file(self, role, name):
        """``oa.archive.file`` values holding the body as an HTML document."""
        self.ensure_one()
        html = Markup(
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"/>'
            "<title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
        ).format(title=escape(self.name), body=Markup(self.body or ""))
        return {
            "role": role,
            "name": name,
            "file_name": f"{self.name}.html",
            "file": base64.b64encode(str(html).encode()),
        }

    def _oa_archive_get_events(self):
        """The trace, with 签收 and 登记 of an incoming document first (they
        happen before its flow starts)."""
        events = super()._oa_archive_get_events()
        if self.doc_type != "incoming":
            return events
        early = []
        for date, user, action, description in (
            (
                self.date_received,
                self.received_by_id,
                self.env._("Signed For (签收)"),
                self.sender_number,
            ),
            (
                self.date_registered,
                self.received_by_id,
                self.env._("Registered (登记)"),
                self.serial_no,
            ),
        ):
            if not date:
                continue
            employee = user.employee_id[:1]
            early.append(
                {
                    "action": action,
                    "step_name": action,
                    "date": date,
                    "user_id": user.id,
                    "agent_name": user.name or self.env._("Unknown"),
                    "department_name": employee.department_id.name or False,
                    "position": employee.job_title or False,
                    "description": description or False,
                }
            )
        for index, vals in enumerate(early + events):
            vals["sequence"] = index
        return early + events
