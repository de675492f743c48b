# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Audience rules as real users: nobody outside the audience sees a notice."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OaNoticeCase


@tagged("post_install", "-at_install")
class TestNoticeAccess(OaNoticeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 工业交通统计科 gets a sub-department with its own staff member.
        cls.dept_transport = cls.env["hr.department"].create(
            {"name": "交通运输统计组", "parent_id": cls.dept_industry.id}
        )
        cls.transport_staff = cls.make_staff("oa_notice_transport", cls.dept_transport)

    def assert_invisible(self, notice, user):
        Notice = self.Notice.with_user(user)
        self.assertNotIn(notice, Notice.search([]), f"{user.login} must not find it")
        self.assertEqual(Notice.search_count([("id", "=", notice.id)]), 0)
        with self.assertRaises(AccessError):
            notice.with_user(user).read(["name", "body"])
        with self.assertRaises(AccessError):
            notice.with_user(user).oa_record_read()
        self.assertFalse(
            self.env["oa.notice.recipient"]
            .with_user(user)
            .search([("notice_id", "=", notice.id)])
        )

    def assert_visible(self, notice, user):
        Notice = self.Notice.with_user(user)
        self.assertIn(notice, Notice.search([]), f"{user.login} must find it")
        notice.with_user(user).read(["name", "body"])

    def test_department_audience_with_and_without_sub_departments(self):
        with_subs = self.publish(self.draft_notice(name="含下级部门的通知"))
        without_subs = self.publish(
            self.draft_notice(name="仅本部门的通知", include_sub_departments=False)
        )
        for notice in (with_subs, without_subs):
            self.assert_visible(notice, self.gjk_lin)
            self.assert_visible(notice, self.gjk_huang)
            # Outside the audience: another section, and a leader not in it.
            self.assert_invisible(notice, self.skk_zhu)
            self.assert_invisible(notice, self.hsk_wu)
            self.assert_invisible(notice, self.fgjz_li)
        self.assert_visible(with_subs, self.transport_staff)
        self.assertIn(self.transport_staff, with_subs.recipient_ids.user_id)
        self.assert_invisible(without_subs, self.transport_staff)
        self.assertNotIn(self.transport_staff, without_subs.recipient_ids.user_id)
        # The office sees every notice.
        self.assert_visible(without_subs, self.bgs_zhang)

    def test_group_and_named_audiences(self):
        by_group = self.publish(
            self.draft_notice(
                name="给办公室的通知",
                audience_type="groups",
                audience_group_ids=[(6, 0, self.env.ref("oa_base.group_oa_clerk").ids)],
            )
        )
        self.assert_visible(by_group, self.bgs_liu)
        self.assert_invisible(by_group, self.gjk_lin)
        named = self.publish(
            self.draft_notice(
                name="给两位科长的通知",
                audience_type="users",
                audience_user_ids=[(6, 0, (self.hsk_wu | self.skk_yang).ids)],
            )
        )
        self.assertEqual(named.recipient_ids.user_id, self.hsk_wu | self.skk_yang)
        self.assert_visible(named, self.hsk_wu)
        self.assert_visible(named, self.skk_yang)
        self.assert_invisible(named, self.hsk_zheng)
        self.assert_invisible(named, self.skk_zhu)

    def test_drafts_and_reviews_are_private(self):
        notice = self.draft_notice(audience_type="all")
        # Even the future audience does not see a draft or a notice under review.
        self.assert_invisible(notice, self.gjk_lin)
        notice.action_submit()
        self.assert_invisible(notice, self.gjk_lin)
        self.assert_visible(notice, self.zhk_xu)
        self.assert_visible(notice, self.bgs_zhang)
        # Nobody but the author (and the office) edits it; never the audience.
        self.pending_item(notice, self.bgs_zhang).action_agree()
        notice.invalidate_recordset()
        self.assert_visible(notice, self.gjk_lin)
        with self.assertRaises(AccessError):
            notice.with_user(self.gjk_lin).write({"name": "篡改"})
        with self.assertRaises(AccessError):
            notice.with_user(self.zhk_xu).write({"body": "<p>发布后改正文</p>"})
        with self.assertRaises(AccessError):
            notice.with_user(self.gjk_lin).unlink()
        notice.with_user(self.bgs_zhang).write({"date_to": "2099-12-31"})

    def test_auditor_sees_nothing(self):
        """The auditor (三员) has no access to notices, information or meetings."""
        notice = self.publish(self.draft_notice(audience_type="all"))
        for model in ("oa.notice", "oa.info.item", "oa.meeting.notice"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.aqsj_han).search([])
        with self.assertRaises(AccessError):
            notice.with_user(self.aqsj_han).read(["name"])

    def test_forms_open_for_every_reader(self):
        """Readers, colleagues and participants who are not on a flow open the
        forms without an access error (the review trace is the flow's)."""
        notice = self.publish(self.draft_notice(audience_type="all"))
        self.assertTrue(notice.sudo().oa_flow_id.trace_ids)
        data = self.assert_form_opens(notice, self.skk_zhu)
        self.assertEqual(data["oa_trace_ids"], [], "not on the flow")
        data = self.assert_form_opens(notice, self.zhk_xu)
        self.assertTrue(data["oa_trace_ids"], "the author sees the review")
        item = self.submit_item()
        self.review_item(item, "adopt", level=self.level_bureau, opinion="采用。")
        self.assert_form_opens(item, self.gjk_huang)  # a colleague of the unit
        self.assert_form_opens(item, self.gjk_lin)
        meeting = self.Meeting.with_user(self.bgs_zhang).create(
            {
                "name": "会商会",
                "start": "2030-03-01 06:00:00",
                "stop": "2030-03-01 08:00:00",
                "participant_user_ids": [(6, 0, self.gjk_lin.ids)],
            }
        )
        meeting.action_send()
        self.assert_form_opens(meeting, self.gjk_lin)
        bulletin = (
            self.env["oa.info.bulletin"]
            .with_user(self.bgs_zhang)
            .create({"name": "统计信息", "item_ids": [(6, 0, item.ids)]})
        )
        bulletin.action_issue()
        self.assert_form_opens(bulletin, self.skk_zhu)
