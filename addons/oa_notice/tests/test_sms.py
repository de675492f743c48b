# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The SMS queue: gateways, retries with back-off, failures reported."""

from datetime import timedelta
from unittest.mock import patch

import requests

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import OaNoticeCase

POST = "odoo.addons.oa_notice.models.oa_sms_provider.requests.post"


class FakeResponse:
    def __init__(self, status=200, data=None):
        self.status_code = status
        self._data = data if data is not None else {"ok": True}

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code} Server Error")

    def json(self):
        return self._data


@tagged("post_install", "-at_install")
class TestSms(OaNoticeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Provider = cls.env["oa.sms.provider"]
        cls.Message = cls.env["oa.sms.message"]
        cls.http = cls.Provider.create(
            {
                "name": "市政务短信平台",
                "provider_type": "http",
                "http_url": "https://sms.example.gov.cn/api/send",
                "http_token": "s3cret",
                "signature": "【江澄市统计局】",
                "max_attempts": 3,
                "retry_minutes": 5,
                "sequence": 1,
            }
        )
        cls.notice = cls.env["oa.notice"].create(
            {
                "name": "短信测试通知",
                "body": "<p>正文</p>",
                "author_id": cls.zhk_xu.id,
                "audience_type": "users",
                "audience_user_ids": [(6, 0, (cls.gjk_lin | cls.skk_zhu).ids)],
            }
        )

    def due(self, messages):
        """Make ``messages`` due now and run the cron."""
        messages.write({"next_attempt": fields.Datetime.now() - timedelta(seconds=1)})
        self.Message._cron_send()
        messages.invalidate_recordset()

    def test_numbers(self):
        numbers = self.Message._get_numbers(self.gjk_lin | self.gjk_luo | self.skk_zhu)
        self.assertEqual(numbers[self.gjk_lin.id], "13900000020")
        self.assertFalse(numbers[self.gjk_luo.id])
        # The partner's mobile is used when the employee has none.
        self.gjk_luo.partner_id.mobile = "138-0000-9999"
        numbers = self.Message._get_numbers(self.gjk_luo)
        self.assertEqual(numbers[self.gjk_luo.id], "13800009999")

    def test_http_gateway(self):
        messages = self.Message._queue(
            self.notice, self.gjk_lin | self.skk_zhu, "请阅读通知", sender=self.zhk_xu
        )
        self.assertEqual(set(messages.mapped("state")), {"queued"})
        self.assertEqual(messages.provider_id, self.http)
        with patch(POST, return_value=FakeResponse()) as post:
            self.due(messages)
        post.assert_called_once()
        kwargs = post.call_args.kwargs
        self.assertEqual(post.call_args.args[0], "https://sms.example.gov.cn/api/send")
        self.assertEqual(kwargs["headers"]["Authorization"], "Bearer s3cret")
        self.assertEqual(
            sorted(kwargs["json"]["numbers"]), ["13900000020", "13900000023"]
        )
        self.assertEqual(kwargs["json"]["text"], "【江澄市统计局】请阅读通知")
        self.assertEqual(kwargs["json"]["reference"], f"oa.notice,{self.notice.id}")
        self.assertTrue(kwargs["timeout"])
        self.assertEqual(set(messages.mapped("state")), {"sent"})
        self.assertEqual(set(messages.mapped("attempts")), {1})

    def test_failure_is_retried_then_reported(self):
        messages = self.Message._queue(
            self.notice, self.gjk_lin | self.skk_zhu, "会议通知", sender=self.zhk_xu
        )
        # One number refused by the provider, the other sent.
        answer = FakeResponse(data={"ok": True, "failed": {"13900000023": "空号"}})
        with patch(POST, return_value=answer):
            self.due(messages)
        sent = messages.filtered(lambda m: m.user_id == self.gjk_lin)
        failed = messages - sent
        self.assertEqual(sent.state, "sent")
        self.assertEqual(failed.state, "failed")
        self.assertEqual(failed.last_error, "空号")
        first_wait = failed.next_attempt - fields.Datetime.now()
        self.assertGreater(first_wait, timedelta(minutes=4))
        # Not due yet: the cron leaves it alone.
        with patch(POST, side_effect=AssertionError("not due")):
            self.Message._cron_send()
        # The gateway is down: retried with a doubling wait, then given up.
        with patch(POST, side_effect=requests.ConnectionError("timed out")) as post:
            self.due(failed)
            self.assertEqual(failed.state, "failed")
            self.assertEqual(failed.attempts, 2)
            second_wait = failed.next_attempt - fields.Datetime.now()
            self.assertGreater(second_wait, timedelta(minutes=9))
            self.assertIn("timed out", failed.last_error)
            self.due(failed)
        self.assertEqual(post.call_count, 2)
        self.assertEqual(failed.state, "exception")
        self.assertEqual(failed.attempts, 3)
        self.assertTrue(failed.reported)
        # Reported on the document and to the sender, never lost silently.
        note = self.notice.message_ids.filtered(lambda m: "timed out" in (m.body or ""))
        self.assertTrue(note)
        self.assertIn(self.skk_zhu.name, note[0].body)
        activity = self.notice.activity_ids.filtered(
            lambda a: a.user_id == self.zhk_xu
            and a.activity_type_id == self.env.ref("mail.mail_activity_data_warning")
        )
        self.assertTrue(activity)
        # The office retries by hand after fixing things.
        failed.with_user(self.bgs_zhang).action_retry()
        self.assertEqual(failed.state, "queued")
        with patch(POST, return_value=FakeResponse()):
            self.due(failed)
        self.assertEqual(failed.state, "sent")

    def test_refused_batch_and_no_number(self):
        messages = self.Message._queue(
            self.notice, self.gjk_lin | self.gjk_luo, "通知", sender=self.zhk_xu
        )
        no_number = messages.filtered(lambda m: m.user_id == self.gjk_luo)
        self.assertEqual(no_number.state, "exception")
        self.assertTrue(no_number.reported)
        self.assertTrue(
            any(
                self.gjk_luo.name in (body or "")
                for body in self.notice.message_ids.mapped("body")
            )
        )
        refused = FakeResponse(data={"ok": False, "error": "签名未报备"})
        with patch(POST, return_value=refused):
            self.due(messages - no_number)
        self.assertEqual((messages - no_number).state, "failed")
        self.assertIn("签名未报备", (messages - no_number).last_error)
        with patch(POST, return_value=FakeResponse(status=500)):
            self.due(messages - no_number)
        self.assertIn("500", (messages - no_number).last_error)

    def test_default_gateway_records_on_the_document(self):
        self.http.active = False
        messages = self.Message._queue(self.notice, self.gjk_lin, "仅记录的短信")
        self.assertEqual(
            messages.provider_id, self.env.ref("oa_notice.sms_provider_chatter")
        )
        self.due(messages)
        self.assertEqual(messages.state, "sent")
        self.assertTrue(
            any(
                "仅记录的短信" in (body or "") and "13900000020" in body
                for body in self.notice.message_ids.mapped("body")
            )
        )

    def test_gateway_settings_and_access(self):
        with self.assertRaises(ValidationError):
            self.Provider.create({"name": "坏的", "provider_type": "http"})
        with self.assertRaises(ValidationError):
            self.http.max_attempts = 0
        # The token is for administrators only; staff see no queue at all.
        with self.assertRaises(AccessError):
            self.http.with_user(self.bgs_zhang).read(["http_token"])
        with self.assertRaises(AccessError):
            self.Message.with_user(self.gjk_lin).search([])
