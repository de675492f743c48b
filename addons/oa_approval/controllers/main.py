# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..models.oa_approval_request_notify import MAIL_ACTIONS

_logger = logging.getLogger(__name__)


class OaApprovalMailController(http.Controller):
    """Approve or refuse from the e-mail, by a signed link.

    GET only shows the request and a confirmation form (mail scanners open
    links: opening one must change nothing). POST, with the form's CSRF token,
    does the action as the approver through the routing engine, so every check
    of who may act still applies. A link for another item, person or action,
    or for an item no longer waiting for its holder, is explained and changes
    nothing.
    """

    @http.route(
        "/oa/approval/act/<int:item_id>/<string:action>/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
    )
    def oa_approval_act(self, item_id, action, token, opinion=None, **kwargs):
        Request = request.env["oa.approval.request"].sudo()
        item = request.env["oa.workitem"].sudo().browse(item_id).exists()
        if (
            not item
            or item.res_model != Request._name
            or not Request._oa_check_act_token(item, action, token)
        ):
            return self._render_page(
                error=request.env._(
                    "This link is not valid: it was altered, it is for another "
                    "request or action, or the request has since been handed to "
                    "someone else. Open the request in Odoo instead."
                ),
                status=403,
            )
        user = item.user_id
        # The page speaks the approver's language, whoever opens it.
        request.update_context(lang=user.lang or request.env.lang, tz=user.tz)
        env = request.env(user=user.id, su=False)
        approval = Request.with_env(env).sudo().browse(item.res_id).exists()
        values = {
            "approval": approval,
            "item": item.with_env(env).sudo(),
            "action": action,
            "action_url": request.httprequest.path,
            "web_url": approval._oa_web_url() if approval else "/odoo",
            "opinion": opinion or "",
        }
        reason = self._cannot_act(env, item, approval)
        if reason:
            return self._render_page(error=reason, **values)
        if request.httprequest.method != "POST":
            return self._render_page(show_form=True, **values)
        try:
            with env.cr.savepoint():
                item_as_user = env["oa.workitem"].browse(item.id)
                if MAIL_ACTIONS[action] == "agree":
                    item_as_user.action_agree(opinion=opinion or None)
                else:
                    item_as_user.action_disagree(opinion=opinion or None)
        except UserError as e:
            # Nothing was done; keep what was typed and say why.
            return self._render_page(error=e.args[0], show_form=True, **values)
        _logger.info(
            "Approval request %s: %s by %s from the e-mail link",
            approval.id,
            MAIL_ACTIONS[action],
            user.login,
        )
        approval.invalidate_recordset()
        if action == "approve":
            done = env._("You approved %(request)s.", request=approval.display_name)
        else:
            done = env._("You refused %(request)s.", request=approval.display_name)
        return self._render_page(done=done, **values)

    def _cannot_act(self, env, item, approval):
        """Why the approver cannot act on ``item`` now (translated), or ``""``."""
        user = item.user_id
        if not approval:
            return env._("This request no longer exists.")
        if not user.active or user.share:
            return env._("%(user)s can no longer approve in Odoo.", user=user.name)
        if approval.state != "pending":
            return env._(
                "%(request)s is no longer waiting for approval (%(state)s).",
                request=approval.display_name,
                state=approval._report_state(),
            )
        return item.with_env(env)._get_cannot_act_reason(user)

    def _render_page(self, status=200, **values):
        values.setdefault("approval", None)
        values.setdefault("item", None)
        values.setdefault("action", None)
        values.setdefault("web_url", "/odoo")
        values.setdefault("opinion", "")
        response = request.render("oa_approval.approval_act_page", values)
        response.status_code = status
        # Never cache or index a page reached by a personal link.
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
