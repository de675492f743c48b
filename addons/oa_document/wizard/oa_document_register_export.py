# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


from odoo import fields, models
from odoo.exceptions import UserError


class OaDocumentRegisterExport(models.TransientModel):
    """收文登记簿 / 发文登记簿 of a period, as a PDF or a spreadsheet.

    Incoming documents are listed by the time they were signed for (签收),
    outgoing ones by their date written (成文日期), once they have a number.
    """

    _name = "oa.document.register.export"
    _inherit = ["oa.period.export.mixin"]
    _description = "Export a Document Register"
    _oa_export_report = "oa_document.action_report_oa_document_register"

    doc_type = fields.Selection(
        [("incoming", "Incoming (收文登记簿)"), ("outgoing", "Outgoing (发文登记簿)")],
        string="Register",
        required=True,
        default="incoming",
    )
    # ------------------------------------------------------------
    # Data
    # ------------------------------------------------------------

    def _get_documents(self):
        self.ensure_one()
        domain = [
            ("doc_type", "=", self.doc_type),
            ("company_id", "=", self.company_id.id),
        ]
        if self.doc_type == "incoming":
            start, end = self._get_utc_bounds()
            domain += [
                ("serial_no", "!=", False),
                ("date_received", ">=", start),
                ("date_received", "<", end),
            ]
            order = "date_received, serial_no, id"
        else:
            domain += [
                ("doc_number", "!=", False),
                ("date_written", ">=", self.date_from),
                ("date_written", "<=", self.date_to),
            ]
            order = "date_written, doc_number, id"
        return self.env["oa.document"].search(domain, order=order)

    def _get_columns(self):
        """``[(label, getter), ...]`` of the register; getters give strings."""
        self.ensure_one()
        _ = self.env._
        Doc = self.env["oa.document"]

        def selection(fname):
            values = dict(Doc._fields[fname]._description_selection(self.env))
            return lambda d: values.get(d[fname], "") if d[fname] else ""

        def local(fname):
            def getter(doc):
                value = doc[fname]
                if not value:
                    return ""
                stamp = fields.Datetime.context_timestamp(self, value)
                return stamp.strftime("%Y-%m-%d %H:%M")

            return getter

        def date(fname):
            return lambda d: Doc._format_date_cn(d[fname]) if d[fname] else ""

        state = selection("state")
        if self.doc_type == "incoming":
            return [
                (_("Registration No. (收文编号)"), lambda d: d.serial_no or ""),
                (_("Signed For On (签收时间)"), local("date_received")),
                (_("Sender (来文机关)"), lambda d: d.sender_org or ""),
                (_("Sender's No. (来文字号)"), lambda d: d.sender_number or ""),
                (_("Title (标题)"), lambda d: d.name or ""),
                (_("Classification (密级)"), selection("secrecy")),
                (_("Urgency (紧急程度)"), selection("urgency")),
                (_("Copies (份数)"), lambda d: str(d.copies or "")),
                (
                    _("Lead Unit (承办部门)"),
                    lambda d: d.lead_department_id.name or "",
                ),
                (
                    _("Handling (办理情况)"),
                    lambda d: " / ".join(filter(None, [state(d), d.oa_current_step])),
                ),
                (_("Done On (办结时间)"), local("date_done")),
            ]
        return [
            (_("Document No. (发文字号)"), lambda d: d.doc_number or ""),
            (_("Title (标题)"), lambda d: d.name or ""),
            (_("Kind (文种)"), lambda d: d.kind_id.name or ""),
            (_("Drafting Unit (拟稿单位)"), lambda d: d.department_id.name or ""),
            (_("Signed Off By (签发人)"), lambda d: d.signer_id.name or ""),
            (_("Signed Off On (签发日期)"), local("sign_date")),
            (_("Date Written (成文日期)"), date("date_written")),
            (_("Main Recipient (主送)"), lambda d: d.main_to or ""),
            (_("Copies (份数)"), lambda d: str(d.copies or "")),
            (_("Printed On (印发日期)"), date("print_date")),
            (_("Status (状态)"), state),
        ]

    def _get_register_data(self):
        """Everything the register shows: title, period, headers and rows."""
        self.ensure_one()
        _ = self.env._
        columns = self._get_columns()
        docs = self._get_documents()
        if self.doc_type == "incoming":
            title = _("Incoming Register (收文登记簿)")
        else:
            title = _("Outgoing Register (发文登记簿)")
        Doc = self.env["oa.document"]
        return {
            "title": title,
            "org": self.company_id.name or "",
            "period": _(
                "Period: %(start)s to %(end)s",
                start=Doc._format_date_cn(self.date_from),
                end=Doc._format_date_cn(self.date_to),
            ),
            "headers": [label for label, _getter in columns],
            "rows": [[getter(doc) for _label, getter in columns] for doc in docs],
            "empty": _("No document in this period."),
            "summary": _("%(count)s documents.", count=len(docs)),
        }

    # ------------------------------------------------------------
    # Files
    # ------------------------------------------------------------

    def _get_export_file_name(self, extension):
        self.ensure_one()
        label = dict(self._fields["doc_type"]._description_selection(self.env))[
            self.doc_type
        ]
        return f"{label} {self.date_from}_{self.date_to}.{extension}"

    def _render_xlsx(self):
        self.ensure_one()
        return self._render_register_xlsx(self._get_register_data())

    def _check_export_access(self):
        if not self.env.user.has_group("oa_base.group_oa_clerk"):
            raise UserError(
                self.env._("Only the office's clerks export the registers.")
            )
