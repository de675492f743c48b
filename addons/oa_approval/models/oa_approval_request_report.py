# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools.misc import format_date, format_datetime

from ..tools.amount_words import amount_to_chinese

# Trace rows that are an approver's act, printed on the approval form; the
# engine's own rows (start, skip, escalate, done…) are not.
APPROVER_ACTIONS = (
    "agree",
    "disagree",
    "return",
    "transfer",
    "add_sign_before",
    "add_sign_after",
    "remove_sign",
    "claim",
)


class OaApprovalRequest(models.Model):
    """The printable approval form (审批单) and what it shows."""

    _inherit = "oa.approval.request"

    amount_in_words = fields.Char(
        string="Amount in Capitals",
        compute="_compute_amount_in_words",
        help="The amount in Chinese capital figures (大写金额), e.g. "
        "壹万贰仟叁佰肆拾伍元陆角柒分.",
    )

    @api.depends("amount")
    def _compute_amount_in_words(self):
        for request in self:
            request.amount_in_words = amount_to_chinese(request.amount)

    # ------------------------------------------------------------
    # Approval form
    # ------------------------------------------------------------

    def _report_title(self):
        """ "费用报销审批单": the type's name and "Approval Form"."""
        self.ensure_one()
        return self.env._("%(type)s Approval Form", type=self.sudo().type_id.name or "")

    def _report_field_states(self):
        """``{field: 'required'|'optional'|'no'}`` of the request's type."""
        self.ensure_one()
        return self.sudo().type_id._get_field_states()

    def _report_shows(self, fname):
        """Whether the form prints ``fname``: shown by the type, filled or required."""
        self.ensure_one()
        state = self._report_field_states().get(fname, "no")
        return state == "required" or (state == "optional" and bool(self[fname]))

    def _report_tz(self):
        return (
            self.env.context.get("tz")
            or self.env.user.tz
            or self.company_id.resource_calendar_id.tz
            or "UTC"
        )

    def _report_datetime(self, value):
        """A date-time of the form in the reader's time zone, ``2026-03-10 09:30``."""
        if not value:
            return ""
        return format_datetime(
            self.env, value, tz=self._report_tz(), dt_format="yyyy-MM-dd HH:mm"
        )

    def _report_date(self, value):
        if not value:
            return ""
        return format_date(self.env, value, date_format="yyyy-MM-dd")

    def _report_separator(self):
        return "、" if (self.env.lang or "").startswith("zh") else ", "

    def _report_traces(self):
        """The approvers' acts on the request's flow, oldest first.

        Read as superuser once the request itself was readable: whoever may
        print the form may see the whole approval record.
        """
        self.ensure_one()
        self.check_access("read")
        traces = self.sudo().oa_flow_id.trace_ids.filtered(
            lambda t: t.action in APPROVER_ACTIONS
        )
        return traces.sorted(lambda t: (t.date, t.id))

    def _report_trace_action(self, trace):
        return dict(trace._fields["action"]._description_selection(self.env)).get(
            trace.action, ""
        )

    def _report_state(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env)).get(
            self.state, ""
        )

    def _report_now(self):
        return fields.Datetime.now()
