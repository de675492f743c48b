# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaDocument(models.Model):
    """Closing (办结) a document proposes filing it with its 件: the final
    text, attachments, the signed-off draft and the handling sheet."""

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

    def _oa_archive_get_values(self):
        vals = super()._oa_archive_get_values()
        incoming = self.doc_type == "incoming"
        date = self.date_written or (
            self.date_received.date() if self.date_received else False
        )
        # 归属年度: the year the document was closed (跨年度 ones included).
        year = (self.date_done or fields.Datetime.now()).year
        vals.update(
            {
                "doc_number": (self.sender_number if incoming else self.doc_number)
                or False,
                "author": (
                    self.sender_org or self.sender_unit_id.name
                    if incoming
                    else self.signature_org or self.company_id.name
                )
                or False,
                "date": date or vals["date"],
                "year": year,
                "secrecy": self.secrecy,
                "pages": self.pages,
                "kind": self.kind_id.name or vals["kind"],
                "department": self.lead_department_id
                if incoming
                else self.department_id,
                "filer_id": (self.received_by_id if incoming else self.drafter_id).id,
            }
        )
        return vals

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
        # The signed-off draft (定稿) when the final text is a red-head print.
        if doc.main_file and final != doc.main_file:
            files.append(
                {
                    "role": "draft",
                    "name": self.env._("%(title)s (final draft)", title=doc.name),
                    "file_name": doc.main_file_name,
                    "file": doc.main_file,
                }
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
