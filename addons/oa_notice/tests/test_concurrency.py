# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two things at the same moment, each in its own committed transaction:
two first views of a notice give one receipt; two bulletin issues never
share a number."""

import threading

import psycopg2.errors

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger


@tagged("post_install", "-at_install")
class TestFirstReadConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            reader = env.ref("oa_base.user_gjk_lin_demo")
            notice = env["oa.notice"].create(
                {
                    "name": "并发阅读测试通知",
                    "body": "<p>正文</p>",
                    "category_id": env.ref("oa_notice.category_notice").id,
                    "audience_type": "users",
                    "audience_user_ids": [(6, 0, reader.ids)],
                }
            )
            notice._do_publish()
            self.notice_id, self.reader_id = notice.id, reader.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            for table in ("mail_message", "mail_followers"):
                cr.execute(
                    SQL(
                        "DELETE FROM %s WHERE model = 'oa.notice' AND res_id = %s"
                        if table == "mail_message"
                        else "DELETE FROM %s WHERE res_model = 'oa.notice' "
                        "AND res_id = %s",
                        SQL.identifier(table),
                        self.notice_id,
                    )
                )
            cr.execute(SQL("DELETE FROM oa_notice WHERE id = %s", self.notice_id))

    def _read(self, cr):
        # The test run holds the registry lock: give the cursor its transaction
        # so that no environment asks for the registry again (from the thread).
        cr.transaction = cr.transaction or api.Transaction(self.registry)
        env = api.Environment(cr, self.reader_id, {})
        return env["oa.notice"].browse(self.notice_id)._record_reads(env.user)

    @mute_logger("odoo.sql_db")
    def test_two_first_views_at_once_give_one_receipt(self):
        results = {}

        def second_view():
            with self.registry.cursor() as cr2:
                # Like a request, replayed after a serialization failure (what
                # odoo.service.model.retrying does; it cannot run here, in a
                # thread, while the test run holds the registry lock).
                for attempt in range(1, 6):
                    try:
                        results["second"] = self._read(cr2)
                        break
                    except psycopg2.errors.SerializationFailure:
                        cr2.rollback()
                        results["replays"] = attempt
                cr2.commit()

        with self.registry.cursor() as cr1:
            first = self._read(cr1)  # holds the receipt row, not committed yet
            thread = threading.Thread(target=second_view)
            thread.start()
            thread.join(timeout=2)
            self.assertTrue(thread.is_alive(), "the second view waits for the first")
            cr1.commit()
        thread.join(timeout=60)
        self.assertFalse(thread.is_alive())
        self.assertEqual(first, {self.notice_id})
        self.assertEqual(results["second"], set(), "the second view is not a first")
        self.assertEqual(results.get("replays"), 1, "replayed once, as Odoo does")
        with self.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT count(*), count(date_read) FROM oa_notice_recipient "
                    "WHERE notice_id = %s AND user_id = %s",
                    self.notice_id,
                    self.reader_id,
                )
            )
            self.assertEqual(cr.fetchone(), (1, 1), "one receipt, read once")


@tagged("post_install", "-at_install")
class TestBulletinNumberingConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            today = fields.Date.context_today(env["oa.info.bulletin"])
            sequence = env.ref("oa_notice.seq_oa_info_bulletin")
            # The year's range exists before the race (first use creates it).
            date_range = sequence.date_range_ids.filtered(
                lambda r: r.date_from <= today <= r.date_to
            ) or sequence._create_date_range_seq(today)
            total = env.ref("oa_notice.seq_oa_info_bulletin_total")
            self.saved = (
                date_range.id,
                date_range.number_next_actual,
                total.id,
                total.number_next_actual,
            )
            items = env["oa.info.item"].create(
                [
                    {
                        "name": f"并发期刊信息{i}",
                        "body": "<p>正文</p>",
                        "state": "adopted",
                        "level_id": env.ref("oa_notice.info_level_bureau").id,
                        "date_submitted": fields.Datetime.now(),
                    }
                    for i in range(2)
                ]
            )
            bulletins = env["oa.info.bulletin"].create(
                [
                    {"name": "并发测试期刊", "item_ids": [(6, 0, item.ids)]}
                    for item in items
                ]
            )
            self.item_ids, self.bulletin_ids = items.ids, bulletins.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cr.execute(
                SQL(
                    "DELETE FROM mail_message WHERE model IN "
                    "('oa.info.bulletin', 'oa.info.item') AND res_id IN %s",
                    tuple(self.bulletin_ids + self.item_ids),
                )
            )
            cr.execute(
                SQL("DELETE FROM oa_info_item WHERE id IN %s", tuple(self.item_ids))
            )
            cr.execute(
                SQL(
                    "DELETE FROM oa_info_bulletin WHERE id IN %s",
                    tuple(self.bulletin_ids),
                )
            )
            range_id, range_next, total_id, total_next = self.saved
            env["ir.sequence.date_range"].browse(
                range_id
            ).number_next_actual = range_next
            env["ir.sequence"].browse(total_id).number_next_actual = total_next

    def _issue(self, cr, index):
        env = api.Environment(cr, SUPERUSER_ID, {})
        bulletin = env["oa.info.bulletin"].browse(self.bulletin_ids[index])
        bulletin.action_issue()
        return bulletin.issue_no, bulletin.total_no

    @mute_logger("odoo.sql_db")
    def test_simultaneous_issues(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            first = self._issue(cr1, 0)  # holds the sequence row, not committed
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                self._issue(cr2, 1)
            cr2.rollback()
            cr1.commit()
            # Odoo replays the refused request: it gets the next numbers.
            second = self._issue(cr2, 1)
            cr2.commit()
        self.assertEqual(second, (first[0] + 1, first[1] + 1))
        with self.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT count(DISTINCT issue_no) FROM oa_info_bulletin "
                    "WHERE id IN %s",
                    tuple(self.bulletin_ids),
                )
            )
            self.assertEqual(cr.fetchone()[0], 2, "no number twice")
