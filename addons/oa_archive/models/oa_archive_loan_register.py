# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


from odoo import fields, models
from odoo.exceptions import UserError


class OaArchiveLoanRegister(models.TransientModel):
    """借阅登记簿: the loans lent in a period, as a PDF or a spreadsheet.

    A loan is listed by the time it was lent (approved), with what was lent,
    to whom, why, who approved it, when it was due and when it came back.
    """

    _name = "oa.archive.loan.register"
    _inherit = ["oa.period.export.mixin"]
    _description = "Export the Loan Register (借阅登记簿)"
    _oa_export_report = "oa_archive.action_report_oa_archive_loan_register"

    loan_type = fields.Selection(
        [
            ("all", "All Loans"),
            ("electronic", "Electronic (电子借阅)"),
            ("physical", "Physical (实体借阅)"),
        ],
        string="Loans",
        required=True,
        default="all",
    )

    # ------------------------------------------------------------
    # Data
    # ------------------------------------------------------------

    def _get_loans(self):
        self.ensure_one()
        start, end = self._get_utc_bounds()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date_start", ">=", start),
            ("date_start", "<", end),
        ]
        if self.loan_type != "all":
            domain.append(("loan_type", "=", self.loan_type))
        return self.env["oa.archive.loan"].sudo().search(domain, order="date_start, id")

    def _get_approvers(self, loans):
        """``{flow id: "name, name"}``: who agreed on each loan's flow (one query)."""
        traces = (
            self.env["oa.trace"]
            .sudo()
            .search_fetch(
                [("flow_id", "in", loans.oa_flow_id.ids), ("action", "=", "agree")],
                ["flow_id", "user_id"],
                order="date, id",
            )
        )
        names = {}
        for trace in traces:
            names.setdefault(trace.flow_id.id, []).append(trace.user_id.name)
        return {flow_id: ", ".join(users) for flow_id, users in names.items()}

    def _get_register_data(self):
        """Everything the register shows: title, period, headers and rows."""
        self.ensure_one()
        _ = self.env._
        loans = self._get_loans()
        loans.item_ids.fetch(["archival_code", "name"])
        loans.borrower_id.fetch(["name"])
        approvers = self._get_approvers(loans)
        Loan = self.env["oa.archive.loan"]
        types = dict(Loan._fields["loan_type"]._description_selection(self.env))
        states = dict(Loan._fields["state"]._description_selection(self.env))

        def local(value):
            if not value:
                return ""
            return fields.Datetime.context_timestamp(self, value).strftime(
                "%Y-%m-%d %H:%M"
            )

        rows = [
            [
                loan.name or "",
                loan.borrower_id.name or "",
                loan.department_id.name or "",
                types.get(loan.loan_type, ""),
                "\n".join(loan.item_ids.mapped(lambda i: i.archival_code or "")),
                "\n".join(loan.item_ids.mapped("name")),
                loan.purpose or "",
                approvers.get(loan.oa_flow_id.id, ""),
                local(loan.date_start),
                local(loan.date_due),
                local(loan.date_returned),
                states.get(loan.state, ""),
            ]
            for loan in loans
        ]
        return {
            "title": _("Loan Register (借阅登记簿)"),
            "org": self.company_id.name or "",
            "period": _(
                "Period: %(start)s to %(end)s",
                start=self.date_from.strftime("%Y-%m-%d"),
                end=self.date_to.strftime("%Y-%m-%d"),
            ),
            "headers": [
                _("Loan No. (借阅编号)"),
                _("Borrower (借阅人)"),
                _("Department (部门)"),
                _("Type (借阅方式)"),
                _("Archival Codes (档号)"),
                _("Titles (题名)"),
                _("Purpose (利用目的)"),
                _("Approved By (批准人)"),
                _("Lent On (借出时间)"),
                _("Due (归还期限)"),
                _("Returned On (归还时间)"),
                _("Status (状态)"),
            ],
            "rows": rows,
            "empty": _("No loan in this period."),
            "summary": _(
                "%(count)s loans, %(items)s items.",
                count=len(loans),
                items=sum(len(loan.item_ids) for loan in loans),
            ),
        }

    # ------------------------------------------------------------
    # Files
    # ------------------------------------------------------------

    def _check_export_access(self):
        if not self.env.user.has_group("oa_archive.group_oa_archivist"):
            raise UserError(self.env._("Only archivists export the loan register."))

    def _get_export_file_name(self, extension):
        self.ensure_one()
        return self.env._(
            "Loan Register %(start)s_%(end)s.%(extension)s",
            start=self.date_from,
            end=self.date_to,
            extension=extension,
        )

    def _render_xlsx(self):
        self.ensure_one()
        return self._render_register_xlsx(self._get_register_data())
