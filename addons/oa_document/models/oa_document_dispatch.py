# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import fields, models


class OaDocumentDispatch(models.Model):
    """分送: one unit an outgoing document went to, with its 回执 (receipt).

    For an internal unit the dispatch creates the unit's incoming document;
    when the unit signs for it (签收) the receipt comes back here by itself, and
    a return (退回) comes back with its reason.
    """

    _name = "oa.document.dispatch"
    _description = "Document Distribution"
    _order = "document_id, id"

    document_id = fields.Many2one(
        "oa.document", required=True, ondelete="cascade", index=True
    )
    unit_id = fields.Many2one("oa.document.unit", required=True, ondelete="restrict")
    relation = fields.Selection(related="unit_id.relation")
    incoming_id = fields.Many2one(
        "oa.document", string="Incoming Document", readonly=True, copy=False
    )
    state = fields.Selection(
        [
            ("sent", "Sent"),
            ("received", "Signed For (回执)"),
            ("returned", "Returned"),
        ],
        default="sent",
        required=True,
    )
    date_sent = fields.Datetime()
    date_received = fields.Datetime(string="Signed For On")
    received_by_id = fields.Many2one("res.users", string="Signed For By")
    return_reason = fields.Text()

    def _create_incoming(self):
        """Create the incoming document of each internal unit (one create)."""
        vals_list = []
        for line in self:
            doc = line.document_id
            attachments = doc.attachment_ids.sudo().copy({"res_id": 0})
            vals_list.append(
                {
                    "doc_type": "incoming",
                    "state": "draft",
                    "name": doc.name,
                    "kind_id": doc.kind_id.id,
                    "urgency": doc.urgency,
                    "secrecy": doc.secrecy,
                    "sender_org": doc.signature_org or doc.code_id.org_name,
                    "sender_number": doc.doc_number,
                    "body": doc.body,
                    "main_file": doc._get_dispatch_file(),
                    "main_file_name": doc._get_dispatch_file_name(),
                    "attachment_note": doc.attachment_note,
                    "attachment_ids": [(6, 0, attachments.ids)],
                    "date_written": doc.date_written,
                    "receiver_ids": [(6, 0, line.unit_id.receiver_ids.ids)],
                    "source_dispatch_id": line.id,
                    "company_id": doc.company_id.id,
                }
            )
        incoming = (
            self.env["oa.document"]
            .sudo()
            .with_context(mail_create_nolog=True)
            .create(vals_list)
        )
        for line, doc in zip(self, incoming, strict=True):
            line.incoming_id = doc
        return incoming

    def _mark_received(self, user, when):
        """The receiving unit signed for it: the receipt (回执) goes back."""
        for line in self:
            line.write(
                {"state": "received", "date_received": when, "received_by_id": user.id}
            )
            line.document_id._message_log(
                body=Markup("%s")
                % self.env._(
                    "Receipt (回执): %(unit)s signed for the document (%(user)s, "
                    "%(when)s).",
                    unit=line.unit_id.name,
                    user=user.name,
                    when=fields.Datetime.to_string(
                        fields.Datetime.context_timestamp(self, when)
                    ),
                )
            )

    def _mark_returned(self, user, reason):
        for line in self:
            line.write({"state": "returned", "return_reason": reason})
            line.document_id._message_log(
                body=self.env._(
                    "%(unit)s returned the document: %(reason)s",
                    unit=line.unit_id.name,
                    reason=reason,
                )
            )
