# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from urllib.parse import quote

from odoo import SUPERUSER_ID, api, models
from odoo.tools import consteq
from odoo.tools.misc import hmac

_logger = logging.getLogger(__name__)

# Actions an approver can take from the e-mail, and what the engine calls them.
MAIL_ACTIONS = {"approve": "agree", "refuse": "disagree"}
TOKEN_SCOPE = "oa-approval-act"
# Key of the mails waiting in the transaction (``cr.precommit.data``).
MAIL_QUEUE = "oa_approval.mail_queue"


class OaApprovalRequest(models.Model):
    """E-mails of the approval requests: the approver's turn, reminders, overdue.

    Only people whose turn it is get an e-mail (the engine calls
    ``_oa_on_items_pending`` with the to-dos that just became pending, never
    those still waiting in a sequence). The e-mail carries signed links to
    approve or refuse (``/oa/approval/act/<item>/<action>/<token>``): opening
    one only shows a confirmation page, and the action is done by the engine as
    the approver, with all its checks. Mails are created in one batch, each in
    its recipient's language, and are not kept once sent (their links are the
    approver's to use, nobody else's).
    """

    _inherit = "oa.approval.request"

    # ------------------------------------------------------------
    # Engine hooks
    # ------------------------------------------------------------

    def _oa_on_items_pending(self, flow, items):
        res = super()._oa_on_items_pending(flow, items)
        self._oa_mail_send(self._oa_mail_prepare_act(items, "turn"))
        return res

    @api.model
    def _oa_notify_items_due(self, items):
        res = super()._oa_notify_items_due(items)
        self._oa_mail_send(self._oa_mail_prepare_act(items, "due"))
        return res

    @api.model
    def _oa_notify_items_overdue(self, items):
        res = super()._oa_notify_items_overdue(items)
        vals_list = self._oa_mail_prepare_act(items, "overdue")
        vals_list += self._oa_mail_prepare_overdue_digests(items)
        self._oa_mail_send(vals_list)
        return res

    # ------------------------------------------------------------
    # Signed links
    # ------------------------------------------------------------

    @api.model
    def _oa_act_token(self, item, action):
        """Signature of the link by which ``item``'s handler does ``action``.

        Bound to the item, its handler and the action: it cannot be used for
        another item, by another person or for the other action.
        """
        return hmac(self.env(su=True), TOKEN_SCOPE, (item.id, item.user_id.id, action))

    @api.model
    def _oa_check_act_token(self, item, action, token):
        if action not in MAIL_ACTIONS or not item or not token:
            return False
        return consteq(self._oa_act_token(item, action), str(token))

    @api.model
    def _oa_act_url(self, item, action):
        token = self._oa_act_token(item, action)
        return f"{self.get_base_url()}/oa/approval/act/{item.id}/{action}/{token}"

    def _oa_web_url(self):
        """The request in the web client (phones included); login comes first."""
        self.ensure_one()
        return f"{self.get_base_url()}/odoo/{quote(self._name)}/{self.id}"

    # ------------------------------------------------------------
    # Mails
    # ------------------------------------------------------------

    @api.model
    def _oa_mail_items(self, items):
        """The pending to-dos of approval requests whose handler can get mail."""
        return items.sudo().filtered(
            lambda w: w.res_model == self._name
            and w.kind == "todo"
            and w.state == "pending"
            and w.user_id.active
            and not w.user_id.share
            and w.user_id.email
        )

    @api.model
    def _oa_mail_prepare_act(self, items, reason):
        """One mail per item to its handler, with the Approve and Refuse links.

        ``reason``: 'turn' (it became their turn), 'due' (reminder before the
        deadline) or 'overdue'. Rendered in each handler's language.
        """
        items = self._oa_mail_items(items)
        if not items:
            return []
        # Load what every mail shows at once, whatever the number of handlers.
        self.sudo().browse(items.mapped("res_id")).mapped(
            "oa_flow_id.current_step_id.name"
        )
        vals_list = []
        for __, user_items in items.grouped(
            lambda w: (w.user_id.lang, w.user_id.tz)
        ).items():
            env = self._oa_mail_env(user_items[0].user_id)
            Request = self.with_env(env)
            for item in user_items:
                request = Request.browse(item.res_id)
                if request.state != "pending":
                    continue
                user = item.user_id
                values = {
                    "approval": request,
                    "item": item.with_env(env),
                    "reason": reason,
                    "deadline": request._report_datetime(item.deadline),
                    "approve_url": self._oa_act_url(item, "approve"),
                    "refuse_url": self._oa_act_url(item, "refuse"),
                    "web_url": request._oa_web_url(),
                }
                if reason == "turn":
                    subject = env._(
                        "To approve: %(request)s", request=request.display_name
                    )
                elif reason == "due":
                    subject = env._(
                        "Reminder: %(request)s is due by %(deadline)s",
                        request=request.display_name,
                        deadline=values["deadline"],
                    )
                else:
                    subject = env._(
                        "Overdue: %(request)s waits for your approval",
                        request=request.display_name,
                    )
                vals_list.append(
                    self._oa_mail_values(
                        env,
                        user.partner_id,
                        subject,
                        "oa_approval.mail_approval_act",
                        values,
                        request.company_id,
                        item=item,
                    )
                )
        return vals_list

    @api.model
    def _oa_mail_prepare_overdue_digests(self, items):
        """Overdue requests: one list per office member and per requester."""
        items = items.sudo().filtered(
            lambda w: w.res_model == self._name
            and w.kind == "todo"
            and w.state == "pending"
        )
        if not items:
            return []
        requests = (
            self.sudo()
            .browse(items.mapped("res_id"))
            .exists()
            .filtered(lambda r: r.state == "pending")
        )
        if not requests:
            return []
        office = (
            self.env.ref("oa_base.group_oa_office")
            .sudo()
            .users.filtered(lambda u: u.active and not u.share and u.email)
        )
        recipients = {user: requests for user in office}
        for requester, mine in requests.grouped("user_id").items():
            if requester in office or not requester.active or not requester.email:
                continue
            recipients[requester] = mine
        by_request = items.grouped("res_id")
        vals_list = []
        for user, user_requests in recipients.items():
            env = self._oa_mail_env(user)
            is_office = user in office
            rows = []
            for request in user_requests.with_env(env):
                request_items = by_request.get(request.id, items.browse())
                deadlines = [d for d in request_items.mapped("deadline") if d]
                rows.append(
                    {
                        "approval": request,
                        "step": request.oa_flow_id.current_step_id.name or "",
                        "handlers": ", ".join(request_items.user_id.mapped("name")),
                        "deadline": request._report_datetime(
                            min(deadlines, default=False)
                        ),
                        "web_url": request._oa_web_url(),
                    }
                )
            if is_office:
                subject = env._(
                    "Overdue approvals: %(count)s request(s)", count=len(rows)
                )
            else:
                subject = env._(
                    "Your request is overdue: %(requests)s",
                    requests=", ".join(r["approval"].display_name for r in rows),
                )
            vals_list.append(
                self._oa_mail_values(
                    env,
                    user.partner_id,
                    subject,
                    "oa_approval.mail_approval_overdue_digest",
                    {
                        "rows": rows,
                        "for_office": is_office,
                        "overdue_url": self._oa_overdue_url(),
                    },
                    user_requests[:1].company_id,
                )
            )
        return vals_list

    @api.model
    def _oa_mail_env(self, user):
        """Superuser environment in ``user``'s language and time zone."""
        context = dict(self.env.context, lang=user.lang, tz=user.tz or False)
        return self.env(context=context, su=True)

    @api.model
    def _oa_overdue_url(self):
        action = self.env.ref(
            "oa_approval.oa_approval_request_action_overdue", raise_if_not_found=False
        )
        base = self.get_base_url()
        return f"{base}/odoo/action-{action.id}" if action else f"{base}/odoo"

    @api.model
    def _oa_mail_values(
        self, env, partner, subject, template, values, company, item=None
    ):
        """``mail.mail`` values of one e-mail rendered from a QWeb ``template``.

        No document is linked and the sender is the company: the message is
        readable by nobody but the administrators, as its links act for the
        recipient.
        """
        company = company or self.env.company
        body = env["ir.qweb"]._render(
            template, dict(values, company=company, recipient=partner.with_env(env))
        )
        return {
            "subject": subject,
            "body_html": body,
            "email_from": self._oa_mail_from(company),
            "author_id": company.partner_id.id,
            "recipient_ids": [(4, partner.id)],
            "message_type": "email_outgoing",
            "auto_delete": True,
            "oa_workitem_id": item.id if item else None,
        }

    @api.model
    def _oa_mail_from(self, company):
        return (
            company.email_formatted
            or self.env["ir.mail_server"].sudo()._get_default_from_address()
            or self.env.ref("base.partner_root").sudo().email_formatted
        )

    @api.model
    def _oa_mail_send(self, vals_list):
        """Queue the e-mails; they are created together just before commit.

        Whatever the number of approvers and of requests handled in the
        transaction (bulk approval), the mails are created in one ``create``.
        A mail for a to-do (``oa_workitem_id`` in its values) is dropped when
        the to-do is no longer pending by then (handled in the same
        transaction, or rolled back with a savepoint).
        """
        if not vals_list:
            return
        cr = self.env.cr
        data = cr.precommit.data
        if MAIL_QUEUE not in data:
            data[MAIL_QUEUE] = []
            # Created by the superuser, not by whoever triggered them: a message
            # is readable by its creator, and the links are the approver's.
            env = self.env(user=SUPERUSER_ID, su=True)

            @cr.precommit.add
            def _oa_create_mails():
                queued = data.pop(MAIL_QUEUE, [])
                if queued:
                    env["oa.approval.request"]._oa_mail_create(queued)
                    env.flush_all()

        data[MAIL_QUEUE].extend(vals_list)

    @api.model
    def _oa_mail_create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        item_ids = {vals["oa_workitem_id"] for vals in vals_list} - {None}
        pending = set()
        if item_ids:
            pending = set(
                self.env["oa.workitem"]
                .sudo()
                .search(
                    [
                        ("id", "in", list(item_ids)),
                        ("state", "=", "pending"),
                        ("kind", "=", "todo"),
                    ]
                )
                .ids
            )
        to_create = []
        for vals in vals_list:
            item_id = vals.pop("oa_workitem_id")
            if item_id is None or item_id in pending:
                to_create.append(vals)
        return self.env["mail.mail"].create(to_create)
