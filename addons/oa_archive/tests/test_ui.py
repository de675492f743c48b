# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tours: filing and borrowing, as the real roles, at desktop and phone size.

A clerk files an item; a staff member finds it in the open catalogue by words
of its file, borrows it; the department leader and the archivist approve from
the OA inbox; the borrower opens the lent file.
"""

import base64

from odoo import fields
from odoo.tests import HttpCase, tagged

TITLE = "Tour: 2026年统计年鉴编纂工作方案"
FILE_TEXT = "各分册编纂工作按附表的口径说明执行，数据截至2025年底。"
FILE_NAME = "tour_yearbook_plan.txt"
PURPOSE = "Tour: 编写2026年统计年鉴"


@tagged("post_install", "-at_install", "is_tour")
class TestArchiveTour(HttpCase):
    def setUp(self):
        super().setUp()
        self.clerk = self.env.ref("oa_base.user_bgs_liu_demo")
        self.borrower = self.env.ref("oa_base.user_zhk_he_demo")
        self.leader = self.env.ref("oa_base.user_zhk_xu_demo")
        self.archivist = self.env.ref("oa_archive.user_da_chen_demo")
        today = fields.Date.context_today(self.env["oa.archive.item"])
        self.item = self.env["oa.archive.item"].create(
            {
                "name": TITLE,
                "author": "江澄市统计局",
                "date": today,
                "year": today.year,
                "retention": "D30",
                "kind": "方案",
                "pages": 3,
                "fonds_id": self.env.ref("oa_archive.fonds_demo").id,
                "org_id": self.env.ref("oa_archive.org_zhk_demo").id,
                "file_ids": [
                    (
                        0,
                        0,
                        {
                            "role": "main",
                            "name": TITLE,
                            "file_name": FILE_NAME,
                            "file": base64.b64encode(FILE_TEXT.encode()),
                        },
                    )
                ],
            }
        )

    def _pending_loan_items(self, user):
        return self.env["oa.workitem"].search(
            [
                ("user_id", "=", user.id),
                ("kind", "=", "todo"),
                ("state", "=", "pending"),
                ("res_model", "=", "oa.archive.loan"),
            ]
        )

    def _check(self, leader_tour=True):
        # 1. The clerk files the item.
        self.start_tour(
            "/odoo/action-oa_archive.oa_archive_item_action_to_file",
            "oa_archive_file_tour",
            login=self.clerk.login,
        )
        self.assertEqual(self.item.state, "filed")
        self.assertEqual(self.item.filed_by_id, self.clerk)
        self.assertTrue(self.item.archival_code.endswith(f"-{self.item.item_no:04d}"))
        main = self.item.file_ids.filtered(lambda f: f.file_name == FILE_NAME)
        self.assertTrue(main.sha256, "the file is sealed")

        # 2. A staff member finds it by words of its file and borrows it.
        Loan = self.env["oa.archive.loan"]
        before = Loan.search([("borrower_id", "=", self.borrower.id)])
        self.start_tour(
            "/odoo/archive-catalogue", "oa_archive_borrow_tour", login="zhk_he"
        )
        loan = Loan.search([("borrower_id", "=", self.borrower.id)]) - before
        self.assertEqual(len(loan), 1)
        self.assertEqual(loan.state, "pending")
        self.assertEqual(loan.loan_type, "electronic")
        self.assertEqual(loan.item_ids, self.item)
        self.assertEqual(loan.purpose, PURPOSE)

        # 3. The leader, then the archivist, approve from the OA inbox (on a
        # phone the leader's approval is made here: the archivist's tour takes
        # the same path).
        leader_item = self._pending_loan_items(self.leader)
        self.assertEqual(leader_item.res_id, loan.id)
        if leader_tour:
            self.start_tour(
                "/odoo/oa-todo", "oa_archive_loan_approve_tour", login="zhk_xu"
            )
        else:
            leader_item.with_user(self.leader).action_agree(opinion="同意")
        self.assertEqual(loan.state, "pending")
        self.assertFalse(self._pending_loan_items(self.leader))
        self.assertEqual(self._pending_loan_items(self.archivist).res_id, loan.id)
        self.start_tour(
            "/odoo/oa-todo", "oa_archive_loan_approve_tour", login="da_chen"
        )
        self.assertEqual(loan.state, "lent")
        self.assertEqual(loan.lent_by_id, self.archivist)
        self.assertGreater(loan.date_due, fields.Datetime.now())
        agreed = loan.sudo().oa_flow_id.trace_ids.filtered(
            lambda t: t.action == "agree"
        )
        self.assertEqual(agreed.user_id, self.leader | self.archivist)

        # 4. The borrower opens their loan and the lent file.
        self.start_tour(
            f"/odoo/archive-loans/{loan.id}",
            "oa_archive_loan_read_tour",
            login="zhk_he",
        )
        opened = self.env["oa.audit.log"].search(
            [
                ("event", "=", "archive_access"),
                ("user_id", "=", self.borrower.id),
                ("res_model", "=", "oa.archive.file"),
                ("res_id", "=", main.id),
            ]
        )
        self.assertEqual(len(opened), 1)
        # The URL the tour caught serves the file to the borrower.
        self.authenticate("zhk_he", "zhk_he")
        response = self.url_open(
            f"/web/content/oa.archive.file/{main.id}/file/{FILE_NAME}?download=true"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, FILE_TEXT.encode())

    def test_archive_tour_desktop(self):
        self._check()

    def test_archive_tour_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self._check(leader_tour=False)
