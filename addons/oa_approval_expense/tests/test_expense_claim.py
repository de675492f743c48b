# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""费用报销 end to end, as the real people: staff, leaders, director, finance."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import OaExpenseCase


@tagged("post_install", "-at_install")
class TestExpenseClaim(OaExpenseCase):
    def test_staff_submits_leaders_and_finance_approve_finance_posts(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386), ("住宿费", 760)])
        self.assertTrue(sheet.with_user(self.zhk_he).oa_approval_needed)
        request = self.submit_sheet(sheet, self.zhk_he)

        self.assertEqual(request.kind, "expense")
        self.assertEqual(request.type_id, self.type_expense)
        self.assertEqual(request.state, "pending")
        self.assertTrue(request.name.startswith("BX-"))
        self.assertEqual(request.user_id, self.zhk_he)
        self.assertEqual(request.subject, sheet.name)
        self.assertEqual(request.amount, 1146)
        self.assertEqual(self.route(request), ["manager", "supervisor", "finance"])
        self.assertEqual(self.pending_users(request), self.zhk_xu)
        self.assertEqual(sheet.state, "submit")
        self.assertTrue(sheet.oa_approval_required)
        self.assertEqual(sheet.oa_request_id, request)
        self.assertEqual(sheet.oa_request_state, "pending")
        # Only the approver whose turn it is has a to-do: hr_expense's own
        # approval activity is not scheduled besides the OA work item.
        self.assertFalse(
            sheet.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("hr_expense.mail_act_expense_approval")
            )
        )

        # The section leader reads the expenses he approves (not his by hr_expense).
        self.env.invalidate_all()
        lines = request.with_user(self.zhk_xu).expense_line_ids
        self.assertEqual(sorted(lines.mapped("total_amount")), [386, 760])
        self.assertEqual(
            request.with_user(self.zhk_xu).expense_sheet_id.display_name, sheet.name
        )
        self.approve(request, self.zhk_xu, "情况属实。")
        self.assertEqual(sheet.state, "submit", "approved by the OA only at the end")
        self.approve(request, self.fgjz_wang)
        self.assertEqual(self.pending_users(request), self.cw_qian)
        self.approve(request, self.cw_qian, "票据齐全，审核通过。")

        self.assertEqual(request.state, "approved")
        self.assertEqual(sheet.state, "approve")
        self.assertTrue(sheet.approval_date)
        moves = sheet.account_move_ids
        self.assertEqual(len(moves), 1)
        self.assertEqual(moves.state, "draft")
        self.assertEqual(moves.amount_total, 1146)
        note = sheet.message_ids.filtered(
            lambda m: request.name in (m.body or "") and "徐明" in (m.body or "")
        )
        self.assertTrue(note, "the report names the OA approvers")

        # Finance posts as usual.
        sheet.with_user(self.cw_qian).action_sheet_move_post()
        self.assertEqual(sheet.state, "post")
        self.assertEqual(moves.state, "posted")

    def test_director_approves_above_5000(self):
        sheet = self.make_sheet(self.zhk_he, [("会场租用", 6800)], "统计工作会议会务费")
        request = self.submit_sheet(sheet, self.zhk_he)
        self.assertEqual(
            self.route(request), ["manager", "supervisor", "director", "finance"]
        )
        self.approve(request, self.zhk_xu)
        self.approve(request, self.fgjz_wang)
        self.assertEqual(self.pending_users(request), self.juzhang)
        # Finance's turn has not come: no item, and no approving the report.
        self.assertFalse(request.sudo().with_user(self.cw_qian).oa_can_act)
        with self.assertRaisesRegex(UserError, request.name):
            sheet.with_user(self.cw_qian).action_approve_expense_sheets()
        self.approve(request, self.juzhang, "同意。")
        self.approve(request, self.cw_qian)
        self.assertEqual(request.state, "approved")
        self.assertEqual(sheet.state, "approve")

    def test_no_director_at_5000(self):
        sheet = self.make_sheet(self.zhk_he, [("会场租用", 5000)], "统计培训会务费")
        request = self.submit_sheet(sheet, self.zhk_he)
        self.assertEqual(self.route(request), ["manager", "supervisor", "finance"])

    def test_refusal_refuses_the_report_then_the_staff_claims_again(self):
        sheet = self.make_sheet(self.zhk_he, [("工作餐", 480)], "走访企业工作餐费")
        request = self.submit_sheet(sheet, self.zhk_he)
        self.refuse(request, self.zhk_xu, "超出公务接待标准，请调整后重新报销。")
        self.assertEqual(request.state, "refused")
        self.assertEqual(sheet.state, "cancel")
        self.assertTrue(
            sheet.message_ids.filtered(lambda m: "超出公务接待标准" in (m.body or "")),
            "the report carries the approver's reason",
        )
        # Finance is refused approving or posting a report the OA refused.
        finance_sheet = sheet.with_user(self.cw_qian)
        with self.assertRaisesRegex(UserError, request.name):
            finance_sheet.action_approve_expense_sheets()
        with self.assertRaisesRegex(UserError, "Refused"):
            finance_sheet._do_approve()
        with self.assertRaisesRegex(UserError, request.name):
            finance_sheet.action_sheet_move_post()
        self.assertEqual(sheet.state, "cancel")
        self.assertFalse(sheet.account_move_ids)
        # The employee resets the report, corrects it and claims it again.
        sheet.with_user(self.zhk_he).action_reset_expense_sheets()
        self.assertEqual(sheet.state, "draft")
        self.assertFalse(sheet.oa_request_id, "the refusal no longer covers it")
        sheet.expense_line_ids.with_user(self.zhk_he).write(
            {"total_amount_currency": 300}
        )
        second = self.submit_sheet(sheet, self.zhk_he)
        self.assertNotEqual(second, request)
        self.assertEqual(second.amount, 300)
        self.assertEqual(sheet.oa_request_id, second)
        self.assertEqual(sheet.oa_request_count, 2)

    def test_withdraw_resets_the_report_and_resubmit_keeps_the_number(self):
        sheet = self.make_sheet(self.zhk_he, [("出租车费", 126)], "市内交通费")
        request = self.submit_sheet(sheet, self.zhk_he)
        number = request.name
        request.with_user(self.zhk_he).action_withdraw()
        self.env.invalidate_all()
        self.assertEqual(request.state, "draft")
        self.assertEqual(sheet.state, "draft")
        self.assertFalse(sheet.account_move_ids)
        # Changed and submitted again from the report: the same request.
        sheet.expense_line_ids.with_user(self.zhk_he).write(
            {"total_amount_currency": 150}
        )
        self.assertEqual(request.amount, 150, "a draft claim follows its report")
        again = self.submit_sheet(sheet, self.zhk_he)
        self.assertEqual(again, request)
        self.assertEqual(again.name, number)
        self.assertEqual(again.state, "pending")
        self.assertEqual(sheet.state, "submit")

    def test_return_to_the_requester_resets_the_report(self):
        sheet = self.make_sheet(self.zhk_he, [("出租车费", 126)], "市内交通费")
        request = self.submit_sheet(sheet, self.zhk_he)
        res = request.with_user(self.zhk_xu).action_return()
        wizard = (
            self.env["oa.flow.act"]
            .with_user(self.zhk_xu)
            .with_context(**res["context"])
            .create({"return_to_requester": True, "opinion": "请补充发票。"})
        )
        wizard.action_confirm()
        self.env.invalidate_all()
        self.assertEqual(request.state, "draft")
        self.assertEqual(sheet.state, "draft")

    def test_office_terminates_and_the_report_is_back_to_draft(self):
        sheet = self.make_sheet(self.zhk_he, [("出租车费", 126)], "市内交通费")
        request = self.submit_sheet(sheet, self.zhk_he)
        request.sudo().oa_flow_id.with_user(self.bgs_zhang).action_terminate(
            "重复报销。"
        )
        self.env.invalidate_all()
        self.assertEqual(request.state, "cancel")
        self.assertEqual(sheet.state, "draft")
        # A new claim is a new request.
        again = self.submit_sheet(sheet, self.zhk_he)
        self.assertNotEqual(again, request)

    def test_claimed_from_the_approvals_app(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        request = self.Request.with_user(self.zhk_he).create(
            {
                "type_id": self.type_expense.id,
                "subject": "培训差旅费",
                "expense_sheet_id": sheet.id,
            }
        )
        self.assertEqual(request.amount, 386)
        request.action_submit()
        self.assertEqual(sheet.state, "submit")
        self.assertEqual(sheet.oa_request_id, request)

    def test_hr_expense_submit_goes_through_the_oa(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        sheet.with_user(self.zhk_he).action_submit_sheet()
        self.assertEqual(sheet.state, "submit")
        self.assertEqual(sheet.oa_request_state, "pending")
        self.assertEqual(self.pending_users(sheet.oa_request_id), self.zhk_xu)

    def test_someone_not_on_the_route_is_refused(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        request = self.submit_sheet(sheet, self.zhk_he)
        # The requester sees the request but gets the reason, not the button.
        mine = request.with_user(self.zhk_he)
        self.env.invalidate_all()
        self.assertFalse(mine.oa_can_act)
        self.assertIn(self.zhk_xu.name, mine.oa_cannot_act_reason)
        with self.assertRaisesRegex(UserError, self.zhk_xu.name):
            mine.action_approve()
        # Another section's staff reads neither the request nor the report.
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            request.with_user(self.hsk_zheng).read(["amount"])
        with self.assertRaises(AccessError):
            sheet.with_user(self.hsk_zheng).read(["total_amount"])
        # The supervising leader reads the report only once it reached him.
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            sheet.with_user(self.fgjz_wang).read(["total_amount"])
        self.approve(request, self.zhk_xu)
        self.assertEqual(sheet.with_user(self.fgjz_wang).total_amount, 386)

    def test_a_report_of_someone_else_cannot_be_claimed(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        with self.assertRaisesRegex(ValidationError, "own expense reports"):
            self.Request.with_user(self.zhk_gao).create(
                {
                    "type_id": self.type_expense.id,
                    "subject": "他人报销单",
                    "expense_sheet_id": sheet.id,
                }
            )
        mine = self.Request.with_user(self.zhk_gao).create(
            {"type_id": self.type_expense.id, "subject": "高磊的报销"}
        )
        with self.assertRaisesRegex(ValidationError, "own expense reports"):
            mine.write({"expense_sheet_id": sheet.id})
        # Nor from the report: only its employee (or the office) submits it.
        with self.assertRaisesRegex(UserError, self.zhk_he.name):
            sheet.sudo().with_user(self.zhk_gao).action_oa_submit()

    def test_a_report_is_claimed_once(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        self.submit_sheet(sheet, self.zhk_he)
        second = self.Request.with_user(self.zhk_he).create(
            {
                "type_id": self.type_expense.id,
                "subject": "重复提交",
                "expense_sheet_id": sheet.id,
            }
        )
        with self.assertRaisesRegex(UserError, "already claimed"):
            second.action_submit()
        self.assertEqual(second.state, "draft")

    def test_claim_needs_a_report_with_expenses(self):
        request = self.Request.with_user(self.zhk_he).create(
            {"type_id": self.type_expense.id, "subject": "空报销"}
        )
        with self.assertRaisesRegex(UserError, "Choose the expense report"):
            request.action_submit()
        empty = self.Sheet.with_user(self.zhk_he).create(
            {"name": "空报销单", "employee_id": self.zhk_he.employee_id.id}
        )
        request.expense_sheet_id = empty
        with self.assertRaisesRegex(UserError, "has no expenses"):
            request.action_submit()
        self.assertEqual(request.state, "draft")

    def test_editing_the_route_never_changes_a_running_claim(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        request = self.submit_sheet(sheet, self.zhk_he)
        template = self.type_expense.flow_template_id
        supervisor = template.step_ids.filtered(lambda s: s.code == "supervisor")
        self.type_expense.with_user(self.sgzx_sun).write(
            {"step_ids": [Command.unlink(supervisor.id)]}
        )
        self.approve(request, self.zhk_xu)
        self.assertEqual(self.pending_users(request), self.fgjz_wang)
        self.assertEqual(self.route(request), ["manager", "supervisor", "finance"])
