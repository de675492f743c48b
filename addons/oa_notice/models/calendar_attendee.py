# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class CalendarAttendee(models.Model):
    """Answers given in the calendar reach the meeting notice's receipts."""

    _inherit = "calendar.attendee"

    def do_accept(self):
        res = super().do_accept()
        self._oa_sync_receipts("attend")
        return res

    def do_decline(self):
        res = super().do_decline()
        self._oa_sync_receipts("absent")
        return res

    def _oa_sync_receipts(self, answer):
        """Set the receipts of these attendees on OA meeting notices."""
        Receipt = self.env["oa.meeting.receipt"].sudo()
        receipts = Receipt.search(
            [
                ("meeting_id.event_id", "in", self.event_id.ids),
                ("meeting_id.state", "=", "sent"),
                ("user_id.partner_id", "in", self.partner_id.ids),
                ("answer", "!=", answer),
            ]
        )
        pairs = {(a.event_id.id, a.partner_id.id) for a in self}
        receipts = receipts.filtered(
            lambda r: (r.meeting_id.event_id.id, r.user_id.partner_id.id) in pairs
        )
        reason = self.env._("Declined in the calendar.")
        for receipt in receipts:
            receipt._set_answer(
                answer,
                reason=reason if answer == "absent" else None,
                sync_calendar=False,
            )
