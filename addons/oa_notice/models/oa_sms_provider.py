# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

import requests
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)


class OaSmsProvider(models.Model):
    """An SMS gateway (短信网关) that a bureau points at its own provider.

    Each ``provider_type`` has its sending method ``_send_sms_<type>``; an addon
    adds a provider by extending the selection and writing that method. Two
    come with this addon:

    * ``chatter``: sends nothing, only records the text on the document's
      chatter (the default, so that a bureau without a gateway loses nothing);
    * ``http``: posts ``{"numbers": [...], "text": ..., "reference": ...}`` as
      JSON to a URL with a bearer token, which most SMS platforms (or a small
      adapter in front of them) accept.

    Messages are never sent from here directly: ``oa.sms.message`` queues them
    and its cron sends, retries and reports them.
    """

    _name = "oa.sms.provider"
    _description = "SMS Gateway"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    provider_type = fields.Selection(
        [("chatter", "Record on the Document Only"), ("http", "HTTP JSON Gateway")],
        string="Type",
        required=True,
        default="chatter",
    )
    http_url = fields.Char(
        string="Gateway URL",
        help="The provider's endpoint; receives a JSON POST per text.",
    )
    http_token = fields.Char(
        string="Access Token",
        groups="oa_base.group_oa_admin",
        help="Sent as 'Authorization: Bearer <token>'.",
    )
    http_timeout = fields.Integer(string="Timeout (seconds)", default=10)
    signature = fields.Char(
        help="Put in front of every text, e.g. 【江澄市统计局】 (most Chinese "
        "providers require a registered signature)."
    )
    max_attempts = fields.Integer(
        default=5,
        help="After this many failed attempts the message is given up and "
        "reported to its sender.",
    )
    retry_minutes = fields.Integer(
        string="First Retry After (minutes)",
        default=5,
        help="Each further retry waits twice as long as the previous one.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    message_count = fields.Integer(compute="_compute_message_count")

    # ------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------

    def _compute_message_count(self):
        counts = dict(
            self.env["oa.sms.message"]._read_group(
                [("provider_id", "in", self.ids)], ["provider_id"], ["__count"]
            )
        )
        for provider in self:
            provider.message_count = counts.get(provider, 0)

    @api.constrains("provider_type", "http_url", "max_attempts", "retry_minutes")
    def _check_settings(self):
        for provider in self:
            url = (provider.http_url or "").strip()
            if provider.provider_type == "http" and not url.startswith(
                ("http://", "https://")
            ):
                raise ValidationError(
                    self.env._(
                        "The gateway %(name)s needs a URL starting with http:// or "
                        "https://.",
                        name=provider.name,
                    )
                )
            if provider.max_attempts < 1 or provider.retry_minutes < 1:
                raise ValidationError(
                    self.env._(
                        "The gateway %(name)s must try at least once and wait at "
                        "least a minute between attempts.",
                        name=provider.name,
                    )
                )

    # ------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------

    @api.model
    def _get_default(self):
        """The gateway used when none is given: the first active one."""
        return self.sudo().search(
            [("company_id", "in", [False, self.env.company.id])], limit=1
        )

    def _compose_text(self, text):
        self.ensure_one()
        signature = (self.signature or "").strip()
        return f"{signature}{text}" if signature else text

    def _send_sms(self, numbers, text, record=None):
        """Send ``text`` to ``numbers``; ``record`` is the document it is about.

        :return: ``{number: error message or False}``; raise when the whole
            batch failed (network error, refused request, ...).
        """
        self.ensure_one()
        method = getattr(self, f"_send_sms_{self.provider_type}", None)
        if method is None:
            raise UserError(
                self.env._(
                    "The SMS gateway type %(type)s has no sending method.",
                    type=self.provider_type,
                )
            )
        return method(numbers, self._compose_text(text), record=record)

    def _send_sms_chatter(self, numbers, text, record=None):
        """Default gateway: record the text on the document, send nothing."""
        if record is not None and hasattr(record, "message_post"):
            record.sudo().message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "SMS (recorded only, no gateway configured) to %(numbers)s: "
                    "%(text)s",
                    numbers=", ".join(numbers),
                    text=text,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return dict.fromkeys(numbers, False)

    def _send_sms_http(self, numbers, text, record=None):
        """POST the text as JSON; the answer may name the numbers that failed.

        Expected answer: HTTP 2xx with an optional JSON body
        ``{"ok": true, "failed": {"<number>": "<reason>"}}``; ``"ok": false``
        (with ``"error"``) refuses the whole batch.
        """
        self.ensure_one()
        provider = self.sudo()
        payload = {
            "numbers": list(numbers),
            "text": text,
            "reference": f"{record._name},{record.id}" if record else None,
        }
        headers = {"Content-Type": "application/json"}
        if provider.http_token:
            headers["Authorization"] = f"Bearer {provider.http_token}"
        response = requests.post(
            provider.http_url,
            json=payload,
            headers=headers,
            timeout=provider.http_timeout or 10,
        )
        response.raise_for_status()
        try:
            data = response.json()
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        if data.get("ok") is False:
            raise UserError(
                self.env._(
                    "The gateway refused the message: %(error)s",
                    error=data.get("error") or "-",
                )
            )
        failed = data.get("failed") or {}
        return {
            number: str(failed[number]) if number in failed else False
            for number in numbers
        }

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_open_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oa_notice.action_oa_sms_message"
        )
        action["domain"] = [("provider_id", "=", self.id)]
        return action
