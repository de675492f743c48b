# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Approve or refuse from the e-mail, by a signed link: only the approver whose
turn it is gets one, opening it changes nothing, and its POST acts through the
engine as that approver."""

import re
from unittest.mock import patch

import psycopg2
from lxml import html as lxml_html

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.oa_base.models.oa_flow_step import OaFlowStep

LINK_RE = re.compile(r"/oa/approval/act/(\d+)/(approve|refuse)/([0-9a-f]+)")


class ApprovalMailCase:
    """Demo roles, approval types made for the test, and the mails they get."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        cls.requester = ref("oa_base.user_zhk_he_demo")  # 何佳, 综合科
        cls.leader = ref("oa_base.user_zhk_xu_demo")  # 徐明, head of 综合科
        cls.supervisor = ref("oa_base.user_fgjz_wang_demo")  # 王志明, 分管
        cls.deputy_li = ref("oa_base.user_fgjz_li_demo")  # 李红梅
        cls.office = ref("oa_base.user_bgs_zhang_demo")
        cls.general = ref("oa_approval.approval_type_general")

    @classmethod
    def make_type(cls, code, mode, users, deadline_hours=2, **step_vals):
        """An approval type whose route is one step of ``users`` in ``mode``."""
        approval_type = cls.env["oa.approval.type"].create(
            {
                "name": f"Test {code}",
                "code": code,
                "field_amount": "optional",
                "field_reason": "required",
            }
        )
        cls.env["oa.flow.template.step"].create(
            {
                "template_id": approval_type.flow_template_id.id,
                "name": f"Step {code}",
                "mode": mode,
                "assignee_type": "users",
                "user_ids": [(6, 0, users.ids)],
                "deadline_hours": deadline_hours,
                **step_vals,
            }
        )
        return approval_type

    def submit(self, approval_type, amount=800.0, subject="购置打印纸"):
        request = (
            self.env["oa.approval.request"]
            .with_user(self.requester)
            .create(
                {
                    "type_id": approval_type.id,
                    "subject": subject,
                    "amount": amount,
                    "reason": "日常办公用纸",
                }
            )
        )
        request.action_submit()
        return request

    def mails_since(self, last_id, partner=None):
        # Mails are created together just before commit: flush the transaction.
        self.env.cr.flush()
        domain = [("id", ">", last_id)]
        if partner:
            domain.append(("recipient_ids", "in", partner.ids))
        return self.env["mail.mail"].sudo().search(domain, order="id")

    def last_mail_id(self):
        self.env.cr.flush()
        return self.env["mail.mail"].sudo().search([], order="id desc", limit=1).id

    def links(self, mail):
        """``{action: (item_id, path)}`` of the signed links in ``mail``."""
        found = {}
        for match in LINK_RE.finditer(mail.body_html):
            found[match.group(2)] = (int(match.group(1)), match.group(0))
        return found

    def pending_items(self, request):
        self.env.invalidate_all()
        return request.sudo().oa_flow_id.workitem_ids.filtered(
            lambda w: w.kind == "todo" and w.state == "pending"
        )


@tagged("post_install", "-at_install")
class TestMailToWhoseTurn(ApprovalMailCase, TransactionCase):
    def test_sequence_only_first(self):
        """串签: only the first approver gets a mail; the next one when it is
        their turn; the last one not before."""
        approvers = self.leader | self.supervisor | self.deputy_li
        approval_type = self.make_type("TSEQ", "sequence", approvers)
        start = self.last_mail_id()
        request = self.submit(approval_type)
        mails = self.mails_since(start)
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.leader.partner_id)
        item = self.pending_items(request)
        self.assertEqual(item.user_id, self.leader)
        self.assertEqual(self.links(mails)["approve"][0], item.id)
        self.assertEqual(self.links(mails)["refuse"][0], item.id)
        # Not a word to the others, whose items wait.
        waiting = request.sudo().oa_flow_id.workitem_ids - item
        self.assertEqual(set(waiting.mapped("state")), {"waiting"})

        start = self.last_mail_id()
        item.with_user(self.leader).action_agree(opinion="同意")
        mails = self.mails_since(start)
        self.assertEqual(mails.recipient_ids, self.supervisor.partner_id)
        self.assertFalse(self.mails_since(start, self.deputy_li.partner_id))

    def test_parallel_each_their_own_link(self):
        """会签: each approver gets one mail, in their language, with links for
        their own item only."""
        approvers = self.leader | self.supervisor | self.deputy_li
        approval_type = self.make_type("TALL", "all", approvers)
        approval_type.with_context(lang="zh_CN").name = "会签测试审批"
        approval_type.with_context(lang="en_US").name = "Joint Test Approval"
        self.supervisor.lang = "en_US"
        self.leader.lang = "zh_CN"
        start = self.last_mail_id()
        request = self.submit(approval_type)
        mails = self.mails_since(start)
        self.assertEqual(len(mails), 3)
        self.assertEqual(mails.recipient_ids, approvers.partner_id)
        items = self.pending_items(request)
        for mail in mails:
            user = approvers.filtered(lambda u, m=mail: u.partner_id == m.recipient_ids)
            item = items.filtered(lambda w, u=user: w.user_id == u)
            self.assertEqual(
                {action: link[0] for action, link in self.links(mail).items()},
                {"approve": item.id, "refuse": item.id},
            )
            self.assertIn(f"/odoo/oa.approval.request/{request.id}", mail.body_html)
            self.assertIn(request.name, mail.body_html)
            self.assertIn("捌佰元整", mail.body_html)
        to_leader = mails.filtered(lambda m: m.recipient_ids == self.leader.partner_id)
        to_supervisor = mails.filtered(
            lambda m: m.recipient_ids == self.supervisor.partner_id
        )
        self.assertIn("会签测试审批", to_leader.body_html)
        self.assertIn("Joint Test Approval", to_supervisor.body_html)
        self.assertNotIn("会签测试审批", to_supervisor.body_html)

    def test_no_mail_for_what_is_handled_before_commit(self):
        """Handled in the same transaction (e.g. approved right away): the mail
        for that turn is not sent; the next approver's is."""
        start = self.last_mail_id()
        request = self.submit(self.general)
        self.pending_items(request).with_user(self.leader).action_agree(opinion="同意")
        mails = self.mails_since(start).filtered(lambda m: request.name in m.body_html)
        self.assertEqual(mails.recipient_ids, self.supervisor.partner_id)
        self.assertEqual(
            self.links(mails)["approve"][0], self.pending_items(request).id
        )

    def test_mail_kept_from_others(self):
        """The links act for their approver: the requester cannot read the mail,
        and it is deleted once sent."""
        request = self.submit(self.general)
        mail = self.mails_since(0, self.leader.partner_id).filtered(
            lambda m: request.name in m.body_html
        )
        self.assertEqual(len(mail), 1)
        self.assertTrue(mail.auto_delete)
        self.assertFalse(mail.model)
        token = self.links(mail)["approve"][1].rsplit("/", 1)[1]
        Message = self.env["mail.message"].with_user(self.requester)
        self.assertFalse(Message.search([("body", "ilike", token)]))
        with self.assertRaises(AccessError):
            Message.browse(mail.mail_message_id.id).read(["body"])
        with self.assertRaises(AccessError):
            self.env["mail.mail"].with_user(self.requester).browse(mail.id).read(
                ["body_html"]
            )

    def test_query_count_does_not_grow(self):
        """One approver or ten: the turn notification costs the same queries,
        and the mails are created in one go."""
        users = self.env["res.users"]
        for index in range(10):
            users |= new_test_user(
                self.env,
                login=f"oa_mail_approver_{index}",
                name=f"Approver {index}",
                email=f"oa_mail_approver_{index}@example.com",
                groups="oa_base.group_oa_user",
            )

        def measure(code, approvers):
            approval_type = self.make_type(code, "all", approvers)
            request = self.submit(approval_type)
            items = self.pending_items(request)
            self.assertEqual(len(items), len(approvers))
            start = self.last_mail_id()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            request._oa_on_items_pending(request.oa_flow_id, items)
            self.cr.flush()  # the mails are created here, in one go
            count = self.cr.sql_log_count - before
            self.assertEqual(len(self.mails_since(start)), len(approvers))
            return count

        measure("TQW", users[:1])  # templates compiled, caches warm
        one = measure("TQ1", users[:1])
        ten = measure("TQ10", users)
        self.assertEqual(one, ten)


@tagged("post_install", "-at_install")
class TestMailLink(ApprovalMailCase, HttpCase):
    def setUp(self):
        super().setUp()
        self.start = self.last_mail_id()
        # 800 of paper: the department leader, then the supervising leader.
        self.request = self.submit(self.general)
        self.item = self.pending_items(self.request)
        self.assertEqual(self.item.user_id, self.leader)
        mail = self.mails_since(self.start, self.leader.partner_id)
        self.assertEqual(len(mail), 1)
        self.mail_links = self.links(mail)

    def state(self):
        """What an action would change: item, step, trace and request."""
        self.env.invalidate_all()
        flow = self.request.sudo().oa_flow_id
        return (
            self.item.state,
            self.item.result,
            flow.current_step_id.id,
            flow.current_step_id.action_count,
            len(flow.trace_ids),
            self.request.state,
        )

    def open_page(self, path, status=200):
        response = self.url_open(path)
        self.assertEqual(response.status_code, status, response.text[:2000])
        return lxml_html.fromstring(response.content)

    def csrf(self, page):
        return page.xpath("//form//input[@name='csrf_token']/@value")[0]

    def post(self, path, opinion, csrf, status=200):
        response = self.url_open(
            path, data={"csrf_token": csrf, "opinion": opinion}, allow_redirects=False
        )
        self.assertEqual(response.status_code, status, response.text[:2000])
        return lxml_html.fromstring(response.content)

    def test_get_changes_nothing(self):
        """Opening a link (as a mail scanner does) shows a form and acts not.

        The page speaks the approver's language, whoever opens it.
        """
        self.general.with_context(lang="en_US").name = "General Request"
        self.general.with_context(lang="zh_CN").name = "通用审批（测试）"
        self.assertEqual(self.leader.lang, "zh_CN")
        before = self.state()
        for action in ("approve", "refuse"):
            page = self.open_page(self.mail_links[action][1])
            self.assertTrue(page.xpath("//form[@method='post']"))
            self.assertTrue(self.csrf(page))
            self.assertTrue(page.xpath("//textarea[@name='opinion']"))
            self.assertIn(self.request.name, page.text_content())
            self.assertIn("通用审批（测试）", page.text_content())
            self.assertNotIn("General Request", page.text_content())
            web_link = f"/odoo/oa.approval.request/{self.request.id}"
            self.assertTrue(page.xpath(f"//a[contains(@href, '{web_link}')]"))
        self.assertEqual(self.state(), before)
        self.assertEqual(before[0], "pending")

    def test_post_approves_and_moves_on(self):
        """POST approves as the approver: the trace names them, the flow moves on
        to the supervising leader, who gets their mail."""
        path = self.mail_links["approve"][1]
        page = self.post(path, "同意，请王局审核。", self.csrf(self.open_page(path)))
        self.assertTrue(page.xpath("//*[contains(@class, 'o_oa_approval_done')]"))
        self.env.invalidate_all()
        self.assertEqual((self.item.state, self.item.result), ("done", "agree"))
        trace = self.request.sudo().oa_flow_id.trace_ids.filtered(
            lambda t: t.action == "agree"
        )
        self.assertEqual(trace.user_id, self.leader)
        self.assertEqual(trace.opinion, "同意，请王局审核。")
        nxt = self.pending_items(self.request)
        self.assertEqual(nxt.user_id, self.supervisor)
        self.assertEqual(self.request.state, "pending")
        mail = self.mails_since(self.start, self.supervisor.partner_id)
        self.assertEqual(self.links(mail)["approve"][0], nxt.id)
        # The same link again: handled already, nothing more happens.
        before = self.state()
        page = self.open_page(path)
        self.assertFalse(page.xpath("//form[@method='post']"))
        self.assertTrue(page.xpath("//*[contains(@class, 'o_oa_approval_error')]"))
        self.assertEqual(self.state(), before)

    def test_refuse_needs_opinion(self):
        """Refusing needs an opinion: without one nothing happens and the page
        says why; with one the request is refused."""
        path = self.mail_links["refuse"][1]
        csrf = self.csrf(self.open_page(path))
        before = self.state()
        page = self.post(path, "  ", csrf)
        self.assertTrue(page.xpath("//*[contains(@class, 'o_oa_approval_error')]"))
        self.assertTrue(page.xpath("//form[@method='post']"))
        self.assertEqual(self.state(), before)
        page = self.post(path, "预算不足，暂缓采购。", csrf)
        self.assertTrue(page.xpath("//*[contains(@class, 'o_oa_approval_done')]"))
        self.env.invalidate_all()
        self.assertEqual((self.item.state, self.item.result), ("done", "disagree"))
        self.assertEqual(self.request.state, "refused")
        self.assertFalse(self.pending_items(self.request))

    def test_forged_links_refused(self):
        """A link altered, for another item, or for the other action changes
        nothing, by GET or POST."""
        other = self.submit(self.general, subject="购置硒鼓")
        other_item = self.pending_items(other)
        other_mail = self.mails_since(self.start, self.leader.partner_id).filtered(
            lambda m: other.name in m.body_html
        )
        other_path = self.links(other_mail)["approve"][1]
        approve = self.mail_links["approve"][1]
        refuse = self.mail_links["refuse"][1]
        item_id, approve_token = approve.split("/")[-3], approve.split("/")[-1]
        refuse_token = refuse.split("/")[-1]
        csrf = self.csrf(self.open_page(approve))
        flipped = approve_token[:-1] + ("0" if approve_token[-1] != "0" else "1")
        forged = [
            # altered signature
            f"/oa/approval/act/{item_id}/approve/{flipped}",
            # the approve signature used to refuse, and the other way round
            f"/oa/approval/act/{item_id}/refuse/{approve_token}",
            f"/oa/approval/act/{item_id}/approve/{refuse_token}",
            # another request's link pointed at this item, and the reverse
            f"/oa/approval/act/{item_id}/approve/{other_path.split('/')[-1]}",
            f"/oa/approval/act/{other_item.id}/approve/{approve_token}",
            # an action the links do not offer
            f"/oa/approval/act/{item_id}/agree/{approve_token}",
            # no such item
            f"/oa/approval/act/999999999/approve/{approve_token}",
        ]
        before = self.state()
        other_before = (other_item.state, len(other.sudo().oa_flow_id.trace_ids))
        for path in forged:
            with self.subTest(path=path):
                page = self.open_page(path, status=403)
                self.assertFalse(page.xpath("//form[@method='post']"))
                self.assertTrue(
                    page.xpath("//*[contains(@class, 'o_oa_approval_error')]")
                )
                self.post(path, "同意", csrf, status=403)
        self.env.invalidate_all()
        self.assertEqual(self.state(), before)
        self.assertEqual(
            (other_item.state, len(other.sudo().oa_flow_id.trace_ids)), other_before
        )

    def test_post_needs_csrf(self):
        """A POST without the page's CSRF token is turned down."""
        before = self.state()
        self.post(self.mail_links["approve"][1], "同意", "not-a-token", status=400)
        self.assertEqual(self.state(), before)

    def test_handled_in_odoo_first(self):
        """Handled in Odoo (here handed over to someone else) before the link is
        used: the link explains and changes nothing."""
        path = self.mail_links["approve"][1]
        csrf = self.csrf(self.open_page(path))
        self.item.with_user(self.leader).action_transfer(
            self.env.ref("oa_base.user_zhk_gao_demo"), opinion="请高磊处理"
        )
        before = self.state()
        self.assertEqual(before[1], "transferred")
        page = self.post(path, "同意", csrf)
        self.assertTrue(page.xpath("//*[contains(@class, 'o_oa_approval_error')]"))
        self.assertFalse(page.xpath("//*[contains(@class, 'o_oa_approval_done')]"))
        self.assertEqual(self.state(), before)

    def test_approval_still_checked_by_engine(self):
        """The link acts as the approver through the engine: a step that needs
        an opinion refuses an empty approval, keeps the page and its form."""
        self.item.step_id.sudo().require_opinion = True
        path = self.mail_links["approve"][1]
        csrf = self.csrf(self.open_page(path))
        before = self.state()
        page = self.post(path, "", csrf)
        self.assertTrue(page.xpath("//*[contains(@class, 'o_oa_approval_error')]"))
        self.assertTrue(page.xpath("//form[@method='post']"))
        self.assertEqual(self.state(), before)
        self.post(path, "同意", csrf)
        self.env.invalidate_all()
        self.assertEqual(self.item.result, "agree")

    def test_delegation_handed_back(self):
        """Delegated (委托), the delegate gets the mail and acts on behalf of the
        leader; once the delegation is revoked, the delegate's link no longer
        works and the leader gets his own."""
        delegate = self.env.ref("oa_base.user_zhk_gao_demo")
        now = fields.Datetime.now()
        delegation = (
            self.env["oa.delegation"]
            .with_user(self.leader)
            .create(
                {
                    "delegate_id": delegate.id,
                    "date_from": fields.Datetime.subtract(now, hours=1),
                    "date_to": fields.Datetime.add(now, days=1),
                    "reason": "出差",
                }
            )
        )
        start = self.last_mail_id()
        request = self.submit(self.general, subject="购置硒鼓")
        item = self.pending_items(request)
        self.assertEqual((item.user_id, item.on_behalf_of_id), (delegate, self.leader))
        mail = self.mails_since(start)
        self.assertEqual(mail.recipient_ids, delegate.partner_id)
        self.assertIn(self.leader.name, mail.body_html)  # on behalf of
        delegate_path = self.links(mail)["approve"][1]
        page = self.open_page(delegate_path)
        self.assertTrue(page.xpath("//form[@method='post']"))

        start = self.last_mail_id()
        delegation.with_user(self.leader).action_revoke()
        self.env.invalidate_all()
        self.assertEqual(item.user_id, self.leader)
        page = self.open_page(delegate_path, status=403)
        self.assertFalse(page.xpath("//form[@method='post']"))
        mail = self.mails_since(start)
        self.assertEqual(mail.recipient_ids, self.leader.partner_id)
        leader_path = self.links(mail)["approve"][1]
        self.assertEqual(self.links(mail)["approve"][0], item.id)
        self.assertNotEqual(leader_path, delegate_path)
        page = self.open_page(leader_path)
        self.post(leader_path, "同意", self.csrf(page))
        self.env.invalidate_all()
        self.assertEqual((item.state, item.result), ("done", "agree"))

    def test_step_busy_explained(self):
        """Someone acts on the step at the same moment (the engine's lock fails
        and aborts the statement): the page explains, nothing is half done, and
        the approver can try again."""

        def busy(step):
            try:
                with mute_logger("odoo.sql_db"):
                    step.env.cr.execute("SELECT 1 / 0")
            except psycopg2.Error as e:
                raise UserError(
                    step.env._("Someone else is acting on this step right now.")
                ) from e

        path = self.mail_links["approve"][1]
        csrf = self.csrf(self.open_page(path))
        before = self.state()
        with patch.object(OaFlowStep, "_lock_for_action", busy):
            page = self.post(path, "同意", csrf)
        # The page speaks the approver's language.
        expected = (
            self.env["oa.flow.step"]
            .with_context(lang=self.leader.lang)
            .env._("Someone else is acting on this step right now.")
        )
        self.assertIn(expected, page.text_content())
        self.assertTrue(page.xpath("//form[@method='post']"))
        self.assertEqual(self.state(), before)
        self.post(path, "同意", csrf)
        self.env.invalidate_all()
        self.assertEqual(self.item.result, "agree")
