# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Deadlines (seed 001 part 5: two hours): the approver is reminded at half time,
the office and the requester hear of it once it is overdue, each once; the
overdue list shows it."""

from datetime import datetime, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .test_mail_link import ApprovalMailCase

# Tuesday 10 March 2026, 09:30 in Beijing: a working day.
START = datetime(2026, 3, 10, 1, 30)
MINUTE = timedelta(minutes=1)


@tagged("post_install", "-at_install")
class TestReminders(ApprovalMailCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = cls.env.ref("oa_base.user_gjk_lin_demo")
        cls.office_users = cls.env.ref("oa_base.group_oa_office").users.filtered(
            lambda u: u.active and u.email and not u.share
        )

    def run_cron(self, when):
        with freeze_time(when):
            self.env["oa.workitem"]._cron_deadlines()
        self.env.invalidate_all()

    def mails_about(self, request, since):
        """Mails since ``since`` that mention ``request``, by recipient."""
        mails = self.mails_since(since).filtered(lambda m: request.name in m.body_html)
        return {mail: mail.recipient_ids for mail in mails}

    def overdue_list(self, user, when):
        """The requests of the Overdue menu, as ``user`` sees them at ``when``."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oa_approval.oa_approval_request_action_overdue"
        )
        context = safe_eval(action["context"])
        self.assertTrue(context.get("search_default_filter_overdue"))
        search_view = etree.fromstring(
            self.env.ref("oa_approval.oa_approval_request_view_search").arch
        )
        domain = safe_eval(
            search_view.xpath("//filter[@name='filter_overdue']/@domain")[0]
        ) + safe_eval(action.get("domain") or "[]")
        with freeze_time(when):
            Request = self.env["oa.approval.request"].with_user(user)
            Request.invalidate_model()
            return Request.search(domain)

    def test_remind_at_half_time_then_escalate_once(self):
        with freeze_time(START):
            request = self.submit(self.general)  # 800: the department leader
        item = self.pending_items(request)
        self.assertEqual(item.user_id, self.leader)
        step = item.step_id
        self.assertEqual(step.date_start, START)
        calendar = self.env.company.resource_calendar_id
        self.assertEqual(step.deadline, calendar.oa_add_working_hours(START, 2))
        self.assertEqual(item.deadline, step.deadline)
        deadline = step.deadline
        half = START + (deadline - START) / 2
        since = self.last_mail_id()

        # Before half time: no reminder.
        self.run_cron(half - MINUTE)
        self.assertFalse(self.mails_about(request, since))
        self.assertFalse(item.reminded)

        # After half time: the approver, once, with the signed links.
        self.run_cron(half + MINUTE)
        mails = self.mails_about(request, since)
        self.assertEqual(list(mails.values()), [self.leader.partner_id])
        reminder = next(iter(mails))
        self.assertEqual(self.links(reminder)["approve"][0], item.id)
        self.assertEqual(self.links(reminder)["refuse"][0], item.id)
        self.assertTrue(item.reminded)
        since = self.last_mail_id()
        self.run_cron(half + 2 * MINUTE)
        self.run_cron(deadline - MINUTE)
        self.assertFalse(self.mails_about(request, since))
        self.assertFalse(item.escalated)
        with freeze_time(deadline - MINUTE):
            request.invalidate_recordset(["is_overdue"])
            self.assertFalse(request.is_overdue)
        self.assertNotIn(request, self.overdue_list(self.office, deadline - MINUTE))

        # Overdue: the approver again (with links), every office member and
        # the requester (without links), once.
        self.run_cron(deadline + MINUTE)
        mails = self.mails_about(request, since)
        recipients = self.env["res.partner"].union(*mails.values())
        self.assertEqual(
            recipients,
            self.leader.partner_id
            | self.requester.partner_id
            | self.office_users.partner_id,
        )
        self.assertEqual(len(mails), len(recipients), "one mail each")
        for mail, partner in mails.items():
            links = self.links(mail)
            if partner == self.leader.partner_id:
                self.assertEqual(links["approve"][0], item.id)
            else:
                # The links act for the approver: nobody else gets them.
                self.assertFalse(links)
                self.assertIn(f"/odoo/oa.approval.request/{request.id}", mail.body_html)
        self.assertTrue(item.escalated)
        escalations = request.sudo().oa_flow_id.trace_ids.filtered(
            lambda t: t.action == "escalate"
        )
        self.assertEqual(len(escalations), 1)
        since = self.last_mail_id()
        self.run_cron(deadline + 2 * MINUTE)
        self.run_cron(deadline + timedelta(days=1))
        self.assertFalse(self.mails_about(request, since))

        # The overdue list: the office and the requester see it, an outsider not.
        later = deadline + 2 * MINUTE
        with freeze_time(later):
            request.invalidate_recordset(["is_overdue"])
            self.assertTrue(request.is_overdue)
        self.assertIn(request, self.overdue_list(self.office, later))
        self.assertIn(request, self.overdue_list(self.requester, later))
        self.assertNotIn(request, self.overdue_list(self.outsider, later))

        # Approved late: it leaves the overdue list.
        item.with_user(self.leader).action_agree(opinion="同意")
        self.env.invalidate_all()
        self.assertEqual(self.pending_items(request).user_id, self.supervisor)
        self.assertNotIn(request, self.overdue_list(self.office, later))

    def test_only_pending_approvers_reminded(self):
        """会签 of two: who has approved is not reminded, nor is a request
        handled in time ever escalated."""
        approval_type = self.make_type(
            "TREM", "all", self.leader | self.supervisor, deadline_hours=2
        )
        with freeze_time(START):
            request = self.submit(approval_type)
            on_time = self.submit(self.general, subject="按时处理")
        items = self.pending_items(request)
        self.assertEqual(items.user_id, self.leader | self.supervisor)
        deadline = items[0].deadline
        half = START + (deadline - START) / 2
        with freeze_time(START + MINUTE):
            items.filtered(lambda w: w.user_id == self.leader).with_user(
                self.leader
            ).action_agree(opinion="同意")
            self.pending_items(on_time).with_user(self.leader).action_agree(
                opinion="同意"
            )
            self.pending_items(on_time).with_user(self.supervisor).action_agree(
                opinion="同意"
            )
        self.env.invalidate_all()
        self.assertEqual(on_time.state, "approved")
        since = self.last_mail_id()
        self.run_cron(half + MINUTE)
        mails = self.mails_about(request, since)
        self.assertEqual(list(mails.values()), [self.supervisor.partner_id])
        self.run_cron(deadline + MINUTE)
        self.assertFalse(self.mails_about(on_time, since))
        overdue = self.mails_about(request, since)
        self.assertNotIn(
            self.leader.partner_id,
            self.env["res.partner"].union(*overdue.values()),
        )
