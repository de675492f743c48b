# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Notices: draft → office review (return, publish) → read receipts → expiry."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import OaNoticeCase


@tagged("post_install", "-at_install")
class TestNoticeFlow(OaNoticeCase):
    def test_review_return_publish_and_read(self):
        """The office returns with its opinion, then publishes; each reader's
        first view is recorded once; the publisher sees it by department."""
        notice = self.draft_notice(must_read=True)
        self.assertEqual(notice.state, "draft")
        self.assertEqual(notice.author_id, self.zhk_xu)
        # Staff cannot publish themselves.
        with self.assertRaises(UserError):
            notice.action_publish()
        notice.action_submit()
        self.assertEqual(notice.state, "review")
        self.assertEqual(notice.oa_flow_state, "running")
        # The office has a 待办 in its inbox; the author cannot act on it.
        item = self.pending_item(notice, self.bgs_zhang)
        self.assertFalse(notice.oa_can_act)
        with self.assertRaises(UserError):
            notice.action_oa_act()
        # The author cannot change a notice under review.
        with self.assertRaises(AccessError):
            notice.write({"name": "改了标题"})

        # 退回 with the opinion: back to the author, opinion kept, to-do for them.
        item.action_disagree(opinion="请补充自查报告的报送时间。")
        notice.invalidate_recordset()
        self.assertEqual(notice.state, "draft")
        self.assertEqual(notice.reviewer_id, self.bgs_zhang)
        self.assertEqual(notice.review_opinion, "请补充自查报告的报送时间。")
        todo = notice.activity_ids.filtered(lambda a: a.user_id == self.zhk_xu)
        self.assertTrue(todo, "the author is asked to revise")
        self.assertFalse(notice.recipient_ids, "nobody was told of a draft")

        # The author revises and submits again; the office publishes.
        notice.write({"body": "<p>请于5月25日前报送自查报告。</p>"})
        notice.action_submit()
        self.assertFalse(
            notice.activity_ids.filtered(lambda a: a.user_id == self.zhk_xu),
            "the revision to-do is done on resubmission",
        )
        self.pending_item(notice, self.bgs_zhang).action_agree(opinion="同意发布。")
        notice.invalidate_recordset()
        self.assertEqual(notice.state, "published")
        self.assertTrue(notice.number.startswith("TZ"))
        self.assertTrue(notice.date_publish)
        self.assertEqual(notice.review_opinion, "同意发布。")
        self.assertEqual(notice.reviewer_id, self.bgs_zhang)
        self.assertIn(
            "agree", notice.sudo().oa_flow_id.trace_ids.mapped("action"), "traced"
        )

        # The audience is the industry section, one receipt each, all unread.
        industry = (
            self.env["hr.employee"]
            .search([("department_id", "=", self.dept_industry.id)])
            .user_id
        )
        self.assertEqual(notice.recipient_ids.user_id, industry)
        self.assertEqual(notice.recipient_count, len(industry))
        self.assertEqual(notice.read_count, 0)

        # 林晨 opens it: first view recorded; opening again changes nothing.
        as_lin = notice.with_user(self.gjk_lin)
        self.assertTrue(as_lin.is_unread)
        first = as_lin.oa_record_read()[notice.id]
        self.assertTrue(first["first"])
        receipt = notice.recipient_ids.filtered(lambda r: r.user_id == self.gjk_lin)
        self.assertEqual(receipt.read_state, "read")
        self.assertTrue(receipt.date_read)
        self.assertEqual(receipt.department_id, self.dept_industry)
        date_read = receipt.date_read
        again = notice.with_user(self.gjk_lin).oa_record_read()[notice.id]
        self.assertFalse(again["first"])
        receipt.invalidate_recordset()
        self.assertEqual(receipt.date_read, date_read)
        self.assertEqual(
            self.env["oa.notice.recipient"].search_count(
                [("notice_id", "=", notice.id), ("user_id", "=", self.gjk_lin.id)]
            ),
            1,
        )
        as_lin.invalidate_recordset()
        self.assertFalse(as_lin.is_unread)
        self.assertIn(
            notice,
            self.Notice.with_user(self.gjk_luo).search([("is_unread", "=", True)]),
        )
        self.assertNotIn(
            notice,
            self.Notice.with_user(self.gjk_lin).search([("is_unread", "=", True)]),
        )

        # The publisher sees read and unread per department.
        notice.invalidate_recordset()
        stats = notice.with_user(self.zhk_xu).read_stat_ids
        self.assertEqual(stats.department_id, self.dept_industry)
        self.assertEqual(stats.recipient_count, len(industry))
        self.assertEqual(stats.read_count, 1)
        self.assertEqual(stats.unread_count, len(industry) - 1)
        self.assertEqual(notice.with_user(self.zhk_xu).read_count, 1)
        # A reader sees their own receipt only, not the others' nor the stats.
        self.assertEqual(
            self.env["oa.notice.recipient"]
            .with_user(self.gjk_lin)
            .search([("notice_id", "=", notice.id)]),
            receipt,
        )
        self.assertFalse(
            self.env["oa.notice.read.stat"]
            .with_user(self.gjk_lin)
            .search([("notice_id", "=", notice.id)])
        )
        # The office reading it is recorded too, outside the audience.
        notice.with_user(self.bgs_zhang).oa_record_read()
        office_receipt = notice.recipient_ids.filtered(
            lambda r: r.user_id == self.bgs_zhang
        )
        self.assertFalse(office_receipt.in_audience)
        notice.invalidate_recordset()
        self.assertEqual(notice.read_count, 1, "the stats count the audience only")

    def test_remind_unread(self):
        notice = self.publish(self.draft_notice(send_sms=True))
        notice.with_user(self.gjk_lin).oa_record_read()
        unread = notice.recipient_ids.filtered(lambda r: not r.date_read)
        self.assertTrue(unread)
        # A reader cannot remind the others.
        with self.assertRaises(UserError):
            notice.with_user(self.gjk_luo).action_remind_unread()
        before = self.env["oa.sms.message"].search_count([("res_id", "=", notice.id)])
        notice.with_user(self.zhk_xu).action_remind_unread()
        unread.invalidate_recordset()
        self.assertEqual(set(unread.mapped("reminded_count")), {1})
        read = notice.recipient_ids.filtered(lambda r: r.date_read)
        self.assertEqual(read.reminded_count, 0, "who read it is left alone")
        message = self.env["mail.message"].search(
            [
                ("model", "=", "oa.notice"),
                ("res_id", "=", notice.id),
                ("partner_ids", "in", unread.user_id.partner_id.ids),
            ]
        )
        self.assertTrue(message, "the unread got a notification")
        self.assertEqual(
            message.notification_ids.res_partner_id, unread.user_id.partner_id
        )
        sms = self.env["oa.sms.message"].search(
            [("res_model", "=", "oa.notice"), ("res_id", "=", notice.id)]
        )
        self.assertEqual(len(sms) - before, len(unread), "a text to each unread")
        # When everyone has read it, there is nobody to remind.
        for recipient in notice.recipient_ids.filtered(lambda r: not r.date_read):
            notice.with_user(recipient.user_id).oa_record_read()
        with self.assertRaises(UserError):
            notice.with_user(self.zhk_xu).action_remind_unread()

    def test_must_read_greeting(self):
        """A must-read notice greets its audience until they have read it."""
        notice = self.publish(self.draft_notice(must_read=True))
        Notice = self.Notice.with_user(self.gjk_lin)
        self.assertIn(notice.id, [n["id"] for n in Notice.get_must_read_greeting()])
        # Outside the audience: no greeting.
        outside = self.Notice.with_user(self.skk_zhu).get_must_read_greeting()
        self.assertNotIn(notice.id, [n["id"] for n in outside])
        # Not yet valid: no greeting either.
        notice.sudo().date_from = fields.Date.today() + timedelta(days=3)
        self.assertNotIn(notice.id, [n["id"] for n in Notice.get_must_read_greeting()])
        notice.sudo().date_from = fields.Date.today()
        notice.with_user(self.gjk_lin).oa_record_read()
        self.assertNotIn(notice.id, [n["id"] for n in Notice.get_must_read_greeting()])
        # A plain internal user (no OA) gets nothing and no error.
        plain = self.env["res.users"].create(
            {"name": "Plain", "login": "oa_notice_plain", "groups_id": [(6, 0, [])]}
        )
        self.assertEqual(self.Notice.with_user(plain).get_must_read_greeting(), [])

    def test_retract_withdraw_expire(self):
        notice = self.draft_notice(is_pinned=True)
        notice.action_submit()
        # 撤回 before the office acted: back to draft.
        notice.action_oa_retract()
        notice.invalidate_recordset()
        self.assertEqual(notice.state, "draft")
        self.publish(notice)
        self.assertIn(notice, self.Notice.with_user(self.gjk_lin).search([]))
        # Only the author or the office withdraws.
        with self.assertRaises(UserError):
            notice.with_user(self.gjk_lin).action_withdraw()
        notice.action_withdraw()
        self.assertEqual(notice.state, "withdrawn")
        self.assertFalse(notice.is_pinned)
        self.assertNotIn(notice, self.Notice.with_user(self.gjk_lin).search([]))
        self.assertIn(notice, self.Notice.with_user(self.zhk_xu).search([]))
        # Back to draft, and published again: the receipts are kept.
        notice.action_reset_draft()
        self.publish(notice)
        # Expiry: the cron expires notices past their validity and unpins.
        notice.sudo().write(
            {
                "date_to": fields.Date.today() - timedelta(days=1),
                "date_from": fields.Date.today() - timedelta(days=10),
                "is_pinned": True,
            }
        )
        other = self.publish(
            self.draft_notice(
                is_pinned=True, pin_until=fields.Date.today() - timedelta(days=1)
            )
        )
        self.Notice._cron_expire()
        self.assertEqual(notice.state, "expired")
        self.assertFalse(notice.is_pinned)
        self.assertEqual(other.state, "published")
        self.assertFalse(other.is_pinned, "unpinned after its date")
        # Expired notices stay readable by their audience.
        self.assertIn(notice, self.Notice.with_user(self.gjk_lin).search([]))

    def test_office_publishes_directly(self):
        notice = self.draft_notice(author=self.bgs_zhang, audience_type="all")
        notice.action_publish()
        self.assertEqual(notice.state, "published")
        self.assertEqual(notice.reviewer_id, self.bgs_zhang)
        self.assertFalse(notice.oa_flow_id)
        oa_users = self.env.ref("oa_base.group_oa_user").users.filtered("active")
        self.assertEqual(notice.recipient_ids.user_id, oa_users)
        # A new colleague joins: the office adds them to the audience.
        newcomer = self.make_staff("oa_notice_newcomer", self.dept_general)
        notice.action_update_audience()
        self.assertIn(newcomer, notice.recipient_ids.user_id)

    def test_bad_input_is_refused_clearly(self):
        """A notice without body or audience is refused with a message; the draft
        keeps what was typed."""
        notice = self.draft_notice(
            body=False, audience_type="users", audience_department_ids=[(5,)]
        )
        with self.assertRaises(UserError) as caught:
            notice.action_submit()
        self.assertIn(notice.name, str(caught.exception))
        self.assertEqual(notice.state, "draft")
        self.assertEqual(notice.name, "关于开展2026年统计执法检查的通知")
        with self.assertRaises(ValidationError):
            notice.write(
                {
                    "date_from": fields.Date.today(),
                    "date_to": fields.Date.today() - timedelta(days=1),
                }
            )
        # A submitted or published notice is not deleted.
        notice.write({"body": "<p>正文</p>", "audience_type": "all"})
        self.publish(notice)
        with self.assertRaises(UserError):  # AccessError is a UserError
            notice.unlink()
        draft = self.draft_notice()
        draft.unlink()
        self.assertFalse(draft.exists())
