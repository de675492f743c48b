# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""公务活动: once approved, the participants get the calendar event."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OaApprovalCase


@tagged("post_install", "-at_install")
class TestOfficialActivity(OaApprovalCase):
    def submit_activity(self):
        return self.submit(
            self.zhk_he,
            self.type_activity,
            subject="赴东湖区开展规模以上企业统计执法检查",
            date_start="2026-06-09 01:00:00",
            date_end="2026-06-09 09:00:00",
            location="东湖区统计局",
            participant_ids=[(6, 0, (self.zhk_xu | self.zhk_gao).partner_id.ids)],
            reason="按年度执法检查计划抽查。",
        )

    def test_approved_activity_creates_the_calendar_event(self):
        request = self.submit_activity()
        self.assertEqual(self.route(request), ["manager", "supervisor", "office"])
        self.approve(request, self.zhk_xu)
        self.approve(request, self.fgjz_wang)
        # The office files it: the first clerk to take it.
        office = self.pending_users(request)
        self.assertIn(self.bgs_zhang, office)
        self.assertNotIn(self.zhk_he, office)
        self.item_of(request, self.bgs_zhang).action_claim()
        self.assertEqual(self.pending_users(request), self.bgs_zhang)
        self.approve(request, self.bgs_zhang, "已备案。")
        self.assertEqual(request.state, "approved")
        event = request.sudo().calendar_event_id
        self.assertTrue(event)
        self.assertEqual(
            event.partner_ids,
            (self.zhk_he | self.zhk_xu | self.zhk_gao).partner_id,
        )
        self.assertEqual(event.user_id, self.zhk_he)
        self.assertEqual(event.location, "东湖区统计局")
        self.assertEqual(str(event.start), "2026-06-09 01:00:00")
        self.assertEqual(str(event.stop), "2026-06-09 09:00:00")
        self.assertEqual((event.res_model, event.res_id), (request._name, request.id))
        # A participant finds it in their own calendar.
        self.env.invalidate_all()
        mine = (
            self.env["calendar.event"]
            .with_user(self.zhk_gao)
            .search(
                [
                    ("partner_ids", "in", self.zhk_gao.partner_id.ids),
                    ("id", "=", event.id),
                ]
            )
        )
        self.assertEqual(mine.name, "赴东湖区开展规模以上企业统计执法检查")

    def test_refused_activity_creates_nothing(self):
        request = self.submit_activity()
        self.item_of(request, self.zhk_xu).action_disagree(opinion="时间冲突。")
        self.assertEqual(request.state, "refused")
        self.assertFalse(request.calendar_event_id)
        self.assertFalse(
            self.env["calendar.event"].search(
                [("res_model", "=", request._name), ("res_id", "=", request.id)]
            )
        )

    def test_participants_and_period_are_required(self):
        request = self.new_request(self.zhk_he, self.type_activity, subject="调研")
        with self.assertRaises(UserError) as caught:
            request.action_submit()
        for fname in ("date_start", "date_end", "location", "participant_ids"):
            label = self.Request._fields[fname].get_description(self.env)["string"]
            self.assertIn(label, str(caught.exception))
