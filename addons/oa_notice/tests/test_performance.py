# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Publishing to a large audience and recording reads cost a constant number
of queries, whatever the size of the audience."""

from unittest.mock import patch

from odoo.tests import tagged

from .common import OaNoticeCase


@tagged("post_install", "-at_install", "is_query_count")
class TestNoticePerformance(OaNoticeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = cls.env.ref("oa_base.group_oa_user")
        cls.crowd = cls.env["res.users"].create(
            [
                {
                    "name": f"Reader {i:03d}",
                    "login": f"oa_notice_perf_{i:03d}",
                    "groups_id": [(6, 0, group.ids)],
                }
                for i in range(150)
            ]
        )
        cls.env["hr.employee"].create(
            [
                {
                    "name": user.name,
                    "user_id": user.id,
                    "department_id": cls.dept_social.id,
                    "mobile_phone": f"1380000{i:04d}",
                }
                for i, user in enumerate(cls.crowd)
            ]
        )

    def _notice(self, size):
        return self.Notice.with_user(self.bgs_zhang).create(
            {
                "name": f"面向{size}人的通知",
                "category_id": self.category_notice.id,
                "body": "<p>正文</p>",
                "audience_type": "users",
                "audience_user_ids": [(6, 0, self.crowd[:size].ids)],
                "must_read": True,
                "send_sms": True,
            }
        )

    def _count(self, func):
        # As assertQueryCount does: no random garbage collection of the bus.
        # cr.flush() runs the pre-commit hooks too: the bus rows are written
        # there, in one INSERT, and counted.
        with patch("random.random", lambda: 1):
            self.env.flush_all()
            self.env.cr.flush()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            func()
            self.env.flush_all()
            self.env.cr.flush()
            return self.env.cr.sql_log_count - before

    def test_publish_cost_does_not_grow_with_the_audience(self):
        self._count(self._notice(3).action_publish)  # warm-up: caches
        small = self._count(self._notice(5).action_publish)
        large = self._count(self._notice(150).action_publish)
        self.assertEqual(small, large, f"5 readers: {small} queries, 150: {large}")
        large_notice = self._notice(150)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(small):
            large_notice.action_publish()
        self.assertEqual(len(large_notice.recipient_ids), 150)
        self.assertEqual(
            self.env["oa.sms.message"].search_count(
                [("res_model", "=", "oa.notice"), ("res_id", "=", large_notice.id)]
            ),
            150,
        )

    def test_reading_cost_does_not_grow(self):
        notice = self._notice(150)
        notice.action_publish()
        readers = self.crowd[:150]
        notice.with_user(readers[0]).oa_record_read()  # warm-up
        counts = {
            self._count(notice.with_user(reader).oa_record_read)
            for reader in readers[1:4]
        }
        self.assertEqual(len(counts), 1, f"reading costs vary: {counts}")
        # Recording the reads of 5 or of 100 people at once: same queries.
        other = self._notice(150)
        other.action_publish()
        few = self._count(lambda: other._record_reads(readers[:5]))
        many = self._count(lambda: other._record_reads(readers[5:105]))
        self.assertEqual(few, many)
        other.invalidate_recordset()
        self.assertEqual(other.read_count, 105)
