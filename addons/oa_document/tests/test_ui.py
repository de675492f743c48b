# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tour: a clerk registers and hands on an incoming document, desktop and phone."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestIncomingTour(HttpCase):
    def setUp(self):
        super().setUp()
        Users = self.env["res.users"].with_context(
            no_reset_password=True, mail_create_nolog=True
        )

        def make_user(login, name, group):
            return Users.create(
                {
                    "name": name,
                    "login": login,
                    "password": login,
                    "email": f"{login}@example.com",
                    "lang": "en_US",
                    "tz": "Asia/Shanghai",
                    "groups_id": [(6, 0, [self.env.ref(group).id])],
                }
            )

        self.clerk = make_user("tour_clerk", "Tour Clerk", "oa_base.group_oa_clerk")
        self.leader = make_user(
            "tour_leader", "Tour Deputy Director", "oa_base.group_oa_user"
        )

    def _check(self):
        self.start_tour(
            "/odoo/oa-incoming", "oa_document_incoming_tour", login="tour_clerk"
        )
        doc = self.env["oa.document"].search(
            [("name", "=", "Tour: statistics law inspection notice")]
        )
        self.assertEqual(len(doc), 1)
        self.assertEqual(doc.doc_type, "incoming")
        self.assertEqual(doc.received_by_id, self.clerk)
        self.assertTrue(doc.date_received)
        self.assertTrue(doc.serial_no)
        self.assertEqual(doc.state, "running")
        self.assertEqual(doc.oa_flow_id.current_step_id.code, "instruction")
        self.assertIn("Proposed to the deputy director", doc.proposal)
        pending = doc.oa_flow_id.workitem_ids.filtered(
            lambda w: w.state == "pending" and w.kind == "todo"
        )
        self.assertEqual(pending.user_id, self.leader)

    def test_incoming_tour_desktop(self):
        self._check()

    def test_incoming_tour_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self._check()
