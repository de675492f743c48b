# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""督办: the overdue board, who may supervise, reminders that follow urgency."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OaDocumentCase


@tagged("post_install", "-at_install")
class TestSupervision(OaDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Board = cls.env["oa.document.overdue.report"]

    def to_handling(self, urgency="normal", name="关于开展统计执法检查的通知"):
        """An incoming document at 承办 with 吴晓峰 (核算科), three days late."""
        deadline = fields.Datetime.now() + timedelta(days=10)
        doc = self.register_incoming(name=name, urgency=urgency, deadline=deadline)
        doc.action_start_handling()
        self.item_of(doc, self.bgs_zhang).action_agree(
            opinion="请李局长阅示。", next_users=self.fgjz_li
        )
        self.item_of(doc, self.fgjz_li).action_agree(
            opinion="请核算科办理。", next_users=self.hsk_wu, next_leads=self.hsk_wu
        )
        item = self.item_of(doc, self.hsk_wu)
        item.sudo().deadline = fields.Datetime.now() - timedelta(days=3)
        return doc, item

    def tomorrow_10am(self):
        """10:00 in Beijing tomorrow (the items are late already)."""
        now = fields.Datetime.now() + timedelta(days=1)
        return now.replace(hour=2, minute=0, second=0)

    def board(self, doc, user=None):
        self.env.flush_all()
        self.Board.invalidate_model()
        return self.Board.with_user(user or self.bgs_zhang).search(
            [("document_id", "=", doc.id)]
        )

    def test_board_lists_overdue_item(self):
        doc, item = self.to_handling(urgency="urgent")
        rows = self.board(doc)
        self.assertEqual(len(rows), 1, "one overdue to-do")
        row = rows
        self.assertEqual(row.workitem_id, item)
        self.assertEqual(row.user_id, self.hsk_wu)
        self.assertEqual(row.department_id, self.dept_accounts)
        self.assertEqual(row.leader_id.user_id, self.fgjz_li, "分管领导")
        self.assertEqual(row.leader_user_id, self.fgjz_li)
        self.assertEqual(row.urgency, "urgent")
        self.assertGreaterEqual(row.days_overdue, 3)
        self.assertFalse(row.supervised)
        doc.with_user(self.bgs_zhang).action_supervise()
        doc.invalidate_recordset()
        self.assertEqual(doc.supervisor_id, self.bgs_zhang)
        self.assertTrue(self.board(doc).supervised)
        # A clerk sees the board too; the aggregates group by department.
        groups = self.Board.with_user(self.bgs_liu).read_group(
            [("document_id", "=", doc.id)], ["days_overdue:max"], ["department_id"]
        )
        self.assertEqual(groups[0]["department_id"][0], self.dept_accounts.id)

    def test_items_not_overdue_are_not_listed(self):
        doc, item = self.to_handling()
        item.sudo().deadline = fields.Datetime.now() + timedelta(days=1)
        self.assertFalse(self.board(doc))

    def test_user_sees_own_rows_only(self):
        doc, __ = self.to_handling()
        # 拟办 items of the other clerks are overdue too.
        proposal = self.step_of(doc, "proposal")
        self.assertTrue(proposal)
        self.env.flush_all()
        mine = self.Board.with_user(self.hsk_wu).search([])
        self.assertTrue(mine)
        self.assertEqual(mine.user_id, self.hsk_wu)
        self.assertFalse(self.board(doc, user=self.zhk_he))

    def test_plain_user_cannot_supervise(self):
        doc, __ = self.to_handling()
        with self.assertRaises(AccessError):
            doc.with_user(self.hsk_wu).action_supervise()
        with self.assertRaises(AccessError):
            doc.with_user(self.hsk_wu).write({"supervised": True})
        with self.assertRaises(AccessError):
            doc.with_user(self.hsk_wu).write({"supervision_note": "快办"})
        self.assertFalse(doc.supervised)
        self.assertFalse(doc.with_user(self.hsk_wu).can_supervise)
        self.assertTrue(doc.with_user(self.bgs_zhang).can_supervise)
        doc.with_user(self.bgs_zhang).action_supervise()
        self.assertTrue(doc.supervised)
        doc.with_user(self.bgs_zhang).action_unsupervise()
        self.assertFalse(doc.supervised)

    def test_reminders_follow_urgency(self):
        very, __ = self.to_handling(urgency="very_urgent", name="特急：关于防汛的通知")
        normal, __ = self.to_handling(urgency="normal", name="关于报送年报的通知")
        (very | normal).with_user(self.bgs_zhang).action_supervise()
        Document = self.env["oa.document"]
        start = self.tomorrow_10am()
        counts = []
        for day in range(7):
            with freeze_time(start + timedelta(days=day)):
                urged = Document._cron_supervision_reminders()
            counts.append(
                (
                    very.sudo().oa_flow_id.urge_count,
                    normal.sudo().oa_flow_id.urge_count,
                )
            )
            self.assertLessEqual(urged, very | normal)
        self.assertEqual(
            counts,
            [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 2), (7, 2)],
            "very urgent: every day; normal: every 5 days",
        )
        self.assertEqual(very.last_supervision_reminder, start + timedelta(days=6))
        trace = very.sudo().oa_trace_ids.filtered(lambda t: t.action == "urge")
        self.assertEqual(len(trace), 7)
        self.assertEqual(trace.mapped("user_id"), self.bgs_zhang, "the supervisor")

    def test_interval_is_configurable(self):
        normal, __ = self.to_handling()
        normal.with_user(self.bgs_zhang).action_supervise()
        self.env["ir.config_parameter"].sudo().set_param(
            "oa_document.supervision_interval_normal", "2"
        )
        Document = self.env["oa.document"]
        start = self.tomorrow_10am()
        for day in range(3):
            with freeze_time(start + timedelta(days=day)):
                Document._cron_supervision_reminders()
        self.assertEqual(normal.sudo().oa_flow_id.urge_count, 2)

    def test_unsupervised_or_on_time_documents_are_not_urged(self):
        late, __ = self.to_handling()
        on_time, item = self.to_handling(name="关于按时办理的通知")
        item.sudo().deadline = fields.Datetime.now() + timedelta(days=30)
        on_time.with_user(self.bgs_zhang).action_supervise()
        urged = self.env["oa.document"]._cron_supervision_reminders()
        self.assertFalse(urged & (late | on_time))
        self.assertEqual(late.sudo().oa_flow_id.urge_count, 0)
