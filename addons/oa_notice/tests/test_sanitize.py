# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Script or event-handler HTML never runs in another reader's browser."""

import re

from odoo.tests import tagged

from .common import OaNoticeCase

TITLE = '<img src=x onerror="alert(1)">通知'
BODY = (
    "<p>正文</p><script>alert('body')</script>"
    '<img src="x" onerror="alert(2)">'
    '<a href="javascript:alert(3)">link</a>'
    '<p onclick="alert(4)" style="color:red">点击</p>'
    '<iframe src="https://evil.example"></iframe>'
)


@tagged("post_install", "-at_install")
class TestSanitize(OaNoticeCase):
    def assert_clean(self, html):
        """No element that runs code: script/iframe tags, on* attributes,
        javascript: links (escaped text such as &lt;img onerror is harmless)."""
        html = str(html or "")
        self.assertNotRegex(html, re.compile(r"<\s*(script|iframe)", re.I))
        self.assertNotRegex(html, re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I))
        self.assertNotRegex(
            html, re.compile(r"<[a-z][^>]*(href|src)\s*=\s*[\"']?\s*javascript:", re.I)
        )

    def test_notice_body_and_title(self):
        notice = self.draft_notice(name=TITLE, body=BODY)
        # Stored through a normal user's create: no script, no handler.
        self.assert_clean(notice.body)
        self.assertIn("正文", notice.body)
        notice.write({"body": BODY + "<p>修改</p>"})
        self.assert_clean(notice.body)
        self.assertIn("修改", notice.body)
        # The title is plain text: kept as typed, and escaped wherever rendered.
        self.assertEqual(notice.name, TITLE)
        self.publish(notice)
        notice.with_user(self.zhk_xu).action_remind_unread()
        reminder = self.env["mail.message"].search(
            [
                ("model", "=", "oa.notice"),
                ("res_id", "=", notice.id),
                ("message_type", "=", "user_notification"),
            ],
            limit=1,
        )
        self.assertTrue(reminder)
        self.assert_clean(reminder.body)
        self.assertIn("&lt;img", reminder.body)
        # The chatter log of the publication is clean too.
        for message in notice.message_ids:
            self.assert_clean(message.body)

    def test_information_body_and_bulletin(self):
        item = self.submit_item(name=TITLE, body=BODY)
        self.assert_clean(item.body)
        self.review_item(item, "adopt", level=self.level_bureau, opinion="采用。")
        bulletin = (
            self.env["oa.info.bulletin"]
            .with_user(self.bgs_zhang)
            .create({"name": "统计信息", "item_ids": [(6, 0, item.ids)]})
        )
        bulletin.action_issue()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("oa_notice.report_info_bulletin", bulletin.ids)[0]
            .decode()
        )
        # The page's own assets aside, the bulletin's content runs nothing.
        article = html[html.index('<div class="article o_oa_bulletin"') :]
        self.assert_clean(article)
        self.assertIn("&lt;img src=x onerror=", article)
        self.assertIn("正文", article)
        # Published on the board, the body stays clean.
        item.with_user(self.bgs_zhang).action_publish_to_board()
        self.assert_clean(item.notice_id.body)

    def test_meeting_agenda(self):
        meeting = self.Meeting.with_user(self.bgs_zhang).create(
            {
                "name": TITLE,
                "start": "2030-03-01 06:00:00",
                "stop": "2030-03-01 08:00:00",
                "body": BODY,
                "participant_user_ids": [(6, 0, self.gjk_lin.ids)],
            }
        )
        self.assert_clean(meeting.body)
        meeting.action_send()
        self.assert_clean(meeting.event_id.description)
        notification = self.env["mail.message"].search(
            [
                ("model", "=", "oa.meeting.notice"),
                ("res_id", "=", meeting.id),
                ("message_type", "=", "user_notification"),
            ],
            limit=1,
        )
        self.assert_clean(notification.body)
        self.assertIn("&lt;img", notification.body)
