# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tour: a must-read notice greets its reader, who reads it; desktop and phone."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestMustReadTour(HttpCase):
    def setUp(self):
        super().setUp()
        department = self.env["hr.department"].create({"name": "Tour Section"})
        self.reader = (
            self.env["res.users"]
            .with_context(no_reset_password=True, mail_create_nolog=True)
            .create(
                {
                    "name": "Tour Reader",
                    "login": "tour_reader",
                    "password": "tour_reader",
                    "email": "tour_reader@example.com",
                    "lang": "en_US",
                    "tz": "Asia/Shanghai",
                    "groups_id": [(6, 0, self.env.ref("oa_base.group_oa_user").ids)],
                }
            )
        )
        self.env["hr.employee"].create(
            {
                "name": "Tour Reader",
                "user_id": self.reader.id,
                "department_id": department.id,
            }
        )
        Notice = self.env["oa.notice"]
        common = {
            "category_id": self.env.ref("oa_notice.category_notice").id,
            "audience_type": "departments",
            "audience_department_ids": [(6, 0, department.ids)],
        }
        self.other = Notice.create(
            dict(
                common,
                name="Tour: canteen opening hours",
                body="<p>The canteen opens at 11:30.</p>",
            )
        )
        self.notice = Notice.create(
            dict(
                common,
                name="Tour: must-read inspection notice",
                body="<p>Bring your ledgers to the inspection on Monday.</p>",
                must_read=True,
                is_pinned=True,
            )
        )
        (self.other | self.notice)._do_publish()

    def _check(self):
        Notice = self.env["oa.notice"].with_user(self.reader)
        self.assertEqual(
            [n["id"] for n in Notice.get_must_read_greeting()], self.notice.ids
        )
        self.start_tour(
            "/odoo/oa-notices", "oa_notice_must_read_tour", login="tour_reader"
        )
        receipt = self.notice.recipient_ids.filtered(lambda r: r.user_id == self.reader)
        self.assertEqual(receipt.read_state, "read")
        self.assertTrue(receipt.date_read)
        self.assertEqual(Notice.get_must_read_greeting(), [])
        other = self.other.recipient_ids.filtered(lambda r: r.user_id == self.reader)
        self.assertEqual(other.read_state, "unread", "only what was opened is read")

    def test_must_read_tour_desktop(self):
        self._check()

    def test_must_read_tour_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self._check()
