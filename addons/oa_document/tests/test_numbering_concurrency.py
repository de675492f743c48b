# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two clerks number documents at the same moment: no number twice, no gap."""

import uuid

import psycopg2.errors

from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger


@tagged("post_install", "-at_install")
class TestNumberingConcurrency(TransactionCase):
    """Each clerk works in their own committed transaction (two cursors)."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            # A code has no digits: letters from a random tag keep runs apart.
            tag = "".join(chr(97 + int(c, 16)) for c in uuid.uuid4().hex[:6])
            code = env["oa.document.code"].create(
                {
                    "name": f"并发{tag}",
                    "org_name": "江澄市统计局",
                    "issuer_mark": "江澄市统计局文件",
                }
            )
            # The year's range exists before the race (first use creates it).
            code._take_number(2026)
            self.code_id = code.id
            self.sequence_id = code.sequence_id.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute(
                SQL("DELETE FROM oa_document_number WHERE code_id = %s", self.code_id)
            )
            cr.execute(SQL("DELETE FROM oa_document_code WHERE id = %s", self.code_id))
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["ir.sequence"].browse(self.sequence_id).unlink()

    def _take(self, cr):
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        return env["oa.document.code"].browse(self.code_id)._take_number(2026).seq

    def _numbers(self):
        with self.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT seq FROM oa_document_number WHERE code_id = %s "
                    "ORDER BY seq",
                    self.code_id,
                )
            )
            return [row[0] for row in cr.fetchall()]

    @mute_logger("odoo.sql_db")
    def test_simultaneous_numbering(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            first = self._take(cr1)  # holds the sequence row, not committed yet
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                self._take(cr2)
            cr2.rollback()
            cr1.commit()
            # Odoo replays the refused request: it gets the next number.
            second = self._take(cr2)
            cr2.commit()
        self.assertEqual((first, second), (2, 3))
        self.assertEqual(self._numbers(), [1, 2, 3], "no number twice, no gap")
