# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The demo bureau's requests went through the real actions of real people."""

from odoo.tests import tagged

from .common import OaApprovalCase


@tagged("post_install", "-at_install")
class TestDemo(OaApprovalCase):
    def demo(self, name):
        return self.env.ref(f"oa_approval.{name}")

    def agreed_by(self, request):
        traces = request.sudo().oa_trace_ids.filtered(lambda t: t.action == "agree")
        return traces.sorted("id").user_id

    def test_requests_in_every_state(self):
        general = self.demo("request_general_demo")
        self.assertEqual(general.state, "pending")
        self.assertTrue(general.name.startswith("TY-"))
        self.assertEqual(self.agreed_by(general), self.zhk_xu)
        self.assertEqual(self.pending_users(general), self.fgjz_wang)
        self.assertTrue(general.with_user(self.fgjz_wang).is_my_turn)
        self.assertEqual(
            self.pending_users(self.demo("request_meeting_demo")), self.zhk_xu
        )
        self.assertEqual(
            self.pending_users(self.demo("request_supplies_demo")), self.hsk_wu
        )
        printer = self.demo("request_printer_demo")
        self.assertEqual(printer.state, "approved")
        self.assertEqual(
            self.agreed_by(printer), self.zhk_xu | self.fgjz_wang | self.juzhang
        )
        survey = self.demo("request_survey_demo")
        self.assertEqual(survey.state, "approved")
        self.assertIn(self.gjk_lin.partner_id, survey.calendar_event_id.partner_ids)
        training = self.demo("request_training_demo")
        self.assertEqual(training.state, "refused")
        refusal = training.sudo().oa_trace_ids.filtered(
            lambda t: t.action == "disagree"
        )
        self.assertEqual(refusal.user_id, self.skk_yang)
        self.assertIn("培训计划已满", refusal.opinion)
        books = self.demo("request_books_demo")
        self.assertEqual(books.state, "draft")
        self.assertTrue(books.name)
        self.assertIn("书目清单", books.back_reason)
        for name in ("request_draft_demo", "request_activity_demo"):
            draft = self.demo(name)
            self.assertEqual((draft.state, draft.name), ("draft", False))

    def test_inboxes_of_the_demo_people(self):
        to_approve = self.Request.with_user(self.zhk_xu).search(
            [("is_my_turn", "=", True)]
        )
        self.assertIn(self.demo("request_meeting_demo"), to_approve)
        self.assertNotIn(self.demo("request_general_demo"), to_approve)
        mine = self.Request.with_user(self.zhk_he).search(
            [("user_id", "=", self.zhk_he.id)]
        )
        self.assertIn(self.demo("request_general_demo"), mine)
        self.assertFalse(
            self.Request.with_user(self.hsk_zheng).search(
                [("id", "=", self.demo("request_general_demo").id)]
            )
        )

    def test_populating_again_changes_nothing(self):
        before = self.Request.search_read([], ["name", "state"], order="id")
        self.Request._oa_demo_populate()
        self.assertEqual(
            self.Request.search_read([], ["name", "state"], order="id"), before
        )
