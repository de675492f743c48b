# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Browser tours of the inbox (待办/待阅), at desktop size and at phone size."""

import logging
import time

from odoo.tests import HttpCase, tagged

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "is_tour")
class TestOaInboxTour(HttpCase):
    def setUp(self):
        super().setUp()
        Users = self.env["res.users"].with_context(
            no_reset_password=True, mail_create_nolog=True
        )
        oa_user = self.env.ref("oa_base.group_oa_user")

        def make_user(login, name):
            return Users.create(
                {
                    "name": name,
                    "login": login,
                    "password": login,
                    "email": f"{login}@example.com",
                    "lang": "en_US",
                    "tz": "Asia/Shanghai",
                    "groups_id": [(6, 0, [oa_user.id])],
                }
            )

        self.handler = make_user("tour_handler", "Tour Handler")
        self.initiator = make_user("tour_initiator", "Tour Initiator")
        Template = self.env["oa.flow.template"]
        # ``action_start`` uses the default template of the model: make it ours.
        Template.search([("res_model", "=", "test.oa.flow.record")]).active = False
        self.template = Template.create(
            {
                "name": "Tour Flow",
                "res_model": "test.oa.flow.record",
                "step_ids": [
                    (
                        0,
                        0,
                        {
                            "sequence": 10,
                            "name": "Tour Review",
                            "code": "review",
                            "mode": "single",
                            "assignee_type": "users",
                            "user_ids": [(6, 0, self.handler.ids)],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "sequence": 20,
                            "name": "Tour Approval",
                            "code": "approval",
                            "mode": "single",
                            "assignee_type": "users",
                            "user_ids": [(6, 0, self.initiator.ids)],
                        },
                    ),
                ],
            }
        )
        self.step_review, self.step_approval = self.template.step_ids.sorted("sequence")

    def _start_record(self, name):
        record = (
            self.env["test.oa.flow.record"]
            .with_user(self.initiator)
            .create({"name": name})
        )
        record.action_start()
        return record.sudo()

    def _handler_items(self, record, kind):
        return (
            self.env["oa.workitem"]
            .sudo()
            .search(
                [
                    ("flow_id", "=", record.oa_flow_id.id),
                    ("user_id", "=", self.handler.id),
                    ("kind", "=", kind),
                ]
            )
        )

    def _run_tour(self, url, tour):
        start = time.monotonic()
        self.start_tour(url, tour, login="tour_handler")
        _logger.info(
            "Tour %s at %s took %.1fs",
            tour,
            self.browser_size,
            time.monotonic() - start,
        )

    # ------------------------------------------------------------
    # 待办: open the item, Agree with an opinion, the flow moves on
    # ------------------------------------------------------------

    def _check_todo_tour(self):
        record = self._start_record("Tour: budget report")
        item = self._handler_items(record, "todo")
        self.assertEqual(item.state, "pending")
        self.assertEqual(record.oa_current_step, "Tour Review")

        self._run_tour("/odoo/oa-todo", "oa_inbox_tour")

        record.invalidate_recordset()
        item.invalidate_recordset()
        self.assertEqual(item.state, "done")
        self.assertEqual(item.result, "agree")
        self.assertEqual(item.opinion, "Figures checked, agreed by tour")
        self.assertTrue(item.date_done)
        self.assertEqual(record.oa_flow_state, "running")
        self.assertEqual(
            record.oa_flow_id.current_step_id.template_step_id, self.step_approval
        )
        self.assertEqual(record.oa_current_step, "Tour Approval")
        next_item = (
            self.env["oa.workitem"]
            .sudo()
            .search(
                [
                    ("flow_id", "=", record.oa_flow_id.id),
                    ("user_id", "=", self.initiator.id),
                    ("kind", "=", "todo"),
                    ("state", "=", "pending"),
                ]
            )
        )
        self.assertEqual(len(next_item), 1)

    def test_inbox_tour_desktop(self):
        self._check_todo_tour()

    def test_inbox_tour_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self._check_todo_tour()

    # ------------------------------------------------------------
    # 待阅: opening the circulated item is its read receipt
    # ------------------------------------------------------------

    def _check_read_tour(self):
        record = self._start_record("Tour: circular notice")
        record.oa_flow_id.with_user(self.initiator).action_circulate(self.handler)
        item = self._handler_items(record, "read")
        self.assertEqual(item.state, "pending")
        self.assertFalse(item.date_done)

        self._run_tour("/odoo/oa-to-read", "oa_inbox_read_tour")

        item.invalidate_recordset()
        self.assertEqual(item.state, "done")
        self.assertEqual(item.result, "read")
        self.assertTrue(item.date_done)
        # Reading does not act: the handler's to-do is still pending.
        self.assertEqual(self._handler_items(record, "todo").state, "pending")

    def test_inbox_read_tour_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self._check_read_tour()

    def test_inbox_read_tour_desktop(self):
        self._check_read_tour()
