# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two people book one vehicle at the same moment: only one booking holds it."""

from datetime import datetime

import psycopg2.errors

from odoo import api
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger


@tagged("post_install", "-at_install")
class TestBookingConcurrency(TransactionCase):
    """Each office clerk works in their own committed transaction (two cursors)."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            brand = env["fleet.vehicle.model.brand"].create({"name": "并发品牌"})
            model = env["fleet.vehicle.model"].create(
                {"name": "并发车型", "brand_id": brand.id}
            )
            vehicle = env["fleet.vehicle"].create(
                {"model_id": model.id, "license_plate": "赣A·C0001"}
            )
            self.brand_id = brand.id
            self.model_id = model.id
            self.vehicle_id = vehicle.id
            # The numbering's yearly range exists before the race (first use
            # creates it, which two transactions cannot both do).
            env["ir.sequence"].next_by_code("oa.vehicle.booking")
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            bookings = env["oa.vehicle.booking"].search(
                [("vehicle_id", "=", self.vehicle_id)]
            )
            bookings.write({"state": "cancelled"})
            bookings.unlink()
            env["fleet.vehicle"].browse(self.vehicle_id).unlink()
            env["fleet.vehicle.model"].browse(self.model_id).unlink()
            env["fleet.vehicle.model.brand"].browse(self.brand_id).unlink()

    def _book(self, cr, login, hour):
        """``login`` books the vehicle on 2031-05-20 from ``hour`` for 4 hours."""
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        user = env.ref(f"oa_base.user_{login}_demo")
        return (
            env["oa.vehicle.booking"]
            .with_user(user)
            .create(
                {
                    "purpose": f"{login} 用车",
                    "user_id": user.id,
                    "vehicle_id": self.vehicle_id,
                    "date_start": datetime(2031, 5, 20, hour),
                    "date_end": datetime(2031, 5, 20, hour + 4),
                }
            )
            .name
        )

    def _holding(self):
        with self.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT user_id FROM oa_vehicle_booking WHERE vehicle_id = %s "
                    "AND state IN ('reserved', 'confirmed', 'dispatched')",
                    self.vehicle_id,
                )
            )
            return [row[0] for row in cr.fetchall()]

    @mute_logger("odoo.sql_db")
    def test_simultaneous_bookings(self):
        """Both in flight: the second waits for the first, then is told who won."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            first = self._book(cr1, "bgs_zhang", 1)  # not committed yet
            # The second booking waits on the first one's row (its transaction
            # would block until cr1 ends); the test gives up at once instead.
            cr2.execute(SQL("SET LOCAL lock_timeout = '100ms'"))
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                self._book(cr2, "bgs_zhang", 3)
            cr2.rollback()
            cr1.commit()
            # Odoo replays the refused request: now the ORM sees the winner.
            with self.assertRaises(ValidationError) as caught:
                self._book(cr2, "bgs_zhang", 3)
            self.assertIn(first, str(caught.exception))
            cr2.rollback()
        self.assertEqual(len(self._holding()), 1)

    @mute_logger("odoo.sql_db")
    def test_database_stops_what_the_orm_cannot_see(self):
        """The second transaction started before the first committed: its ORM
        check passes, and PostgreSQL's exclusion constraint refuses it."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env2 = api.Environment(cr2, api.SUPERUSER_ID, {})
            # cr2's snapshot is taken now (REPEATABLE READ): it never sees cr1's.
            self.assertFalse(
                env2["oa.vehicle.booking"].search_count(
                    [("vehicle_id", "=", self.vehicle_id)]
                )
            )
            self._book(cr1, "bgs_zhang", 1)
            cr1.commit()
            with self.assertRaisesRegex(UserError, "at the same moment"):
                self._book(cr2, "sgzx_sun", 2)
            cr2.rollback()
        self.assertEqual(
            self._holding(), [self.env.ref("oa_base.user_bgs_zhang_demo").id]
        )
