# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Nobody approves, refuses, resets or posts a report behind the OA's back."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OaExpenseCase


@tagged("post_install", "-at_install")
class TestExpenseGuards(OaExpenseCase):
    def test_finance_is_refused_before_the_oa_approved(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        request = self.submit_sheet(sheet, self.zhk_he)
        self.env.invalidate_all()
        finance = sheet.with_user(self.cw_qian)
        # No Approve button: the reason names the request and its state.
        self.assertFalse(finance.can_approve)
        self.assertIn(request.name, finance.cannot_approve_reason)
        self.assertIn("Submitted", finance.cannot_approve_reason)
        self.assertIn("Department Leader", finance.cannot_approve_reason)
        for method in (
            finance.action_approve_expense_sheets,
            finance._do_approve,
            finance.action_sheet_move_post,
            finance.action_refuse_expense_sheets,
            finance.action_reset_expense_sheets,
            lambda: finance._do_refuse("不予报销"),
            lambda: finance.write({"approval_state": "approve"}),
        ):
            with self.assertRaisesRegex(UserError, request.name):
                method()
        # Not even the superuser goes around the OA.
        with self.assertRaisesRegex(UserError, request.name):
            sheet.sudo()._do_approve()
        self.env.invalidate_all()
        self.assertEqual(sheet.state, "submit")
        self.assertFalse(sheet.account_move_ids)
        self.assertEqual(request.state, "pending")

    def test_a_draft_report_cannot_skip_the_oa(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        finance = sheet.with_user(self.cw_qian)
        with self.assertRaisesRegex(UserError, "has not been submitted for it"):
            finance.action_approve_expense_sheets()
        with self.assertRaisesRegex(UserError, "Submit for OA Approval"):
            sheet.with_user(self.zhk_he)._do_submit()
        self.assertEqual(sheet.state, "draft")

    def test_flags_are_set_by_the_request_only(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        with self.assertRaisesRegex(UserError, "OA request only"):
            sheet.with_user(self.zhk_he).write({"oa_approval_required": False})
        with self.assertRaisesRegex(UserError, "OA request only"):
            sheet.with_user(self.cw_qian).write({"oa_request_id": False})

    def test_finance_resets_an_approved_report_and_the_approval_is_spent(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        request = self.submit_sheet(sheet, self.zhk_he)
        for user in (self.zhk_xu, self.fgjz_wang, self.cw_qian):
            self.approve(request, user)
        self.assertEqual(sheet.state, "approve")
        with self.assertRaisesRegex(UserError, "reset it to draft"):
            sheet.with_user(self.cw_qian).action_refuse_expense_sheets()
        sheet.with_user(self.cw_qian).action_reset_expense_sheets()
        self.assertEqual(sheet.state, "draft")
        self.assertFalse(sheet.oa_request_id)
        self.assertEqual(request.state, "approved", "the decision stays on record")
        # The old approval does not cover it any more.
        with self.assertRaisesRegex(UserError, "has not been submitted for it"):
            sheet.with_user(self.cw_qian).action_approve_expense_sheets()

    def test_the_amount_is_the_report_total(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        Request = self.Request.with_user(self.zhk_he)
        with self.assertRaisesRegex(UserError, "cannot be typed"):
            Request.create(
                {
                    "type_id": self.type_expense.id,
                    "subject": "培训差旅费",
                    "expense_sheet_id": sheet.id,
                    "amount": 999,
                }
            )
        request = Request.create(
            {
                "type_id": self.type_expense.id,
                "subject": "培训差旅费",
                "expense_sheet_id": sheet.id,
            }
        )
        self.assertEqual(request.amount, 386)
        with self.assertRaisesRegex(UserError, "cannot be typed"):
            request.write({"amount": 1})
        # The draft claim follows its report.
        self.env["hr.expense"].with_user(self.zhk_he).create(
            {
                "name": "住宿费",
                "employee_id": self.zhk_he.employee_id.id,
                "product_id": self.product_travel.id,
                "total_amount_currency": 760,
                "sheet_id": sheet.id,
            }
        )
        self.assertEqual(request.amount, 1146)
        request.action_submit()
        self.assertEqual(request.amount, 1146)
        # Under approval the expenses keep the amounts the approvers see.
        line = sheet.expense_line_ids[0]
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            line.with_user(self.cw_qian).write({"total_amount_currency": 10})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            self.env["hr.expense"].with_user(self.cw_qian).create(
                {
                    "name": "补录",
                    "employee_id": self.zhk_he.employee_id.id,
                    "product_id": self.product_travel.id,
                    "total_amount_currency": 50,
                    "sheet_id": sheet.id,
                }
            )
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            line.with_user(self.cw_qian).write({"sheet_id": False})
        self.assertFalse(sheet.with_user(self.cw_qian).is_editable)
        self.assertEqual(sheet.total_amount, 1146)
        # Finance still sets how it is booked.
        line.with_user(self.cw_qian).write({"description": "已核对发票"})

    def test_approval_refused_when_the_report_changed_behind_the_oa(self):
        sheet = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        request = self.submit_sheet(sheet, self.zhk_he)
        # Changed by a superuser script, outside every check.
        sheet.expense_line_ids.sudo().write({"total_amount_currency": 3860})
        self.assertEqual(sheet.total_amount, 3860)
        self.assertEqual(request.amount, 386, "the submitted claim keeps its amount")
        with self.assertRaisesRegex(UserError, "no longer what"):
            self.approve(request, self.zhk_xu)

    def test_setting_off_releases_new_reports_not_running_ones(self):
        running = self.make_sheet(self.zhk_he, [("往返高铁票", 386)])
        request = self.submit_sheet(running, self.zhk_he)
        self.company.oa_expense_approval_required = False
        self.env.invalidate_all()
        # A report submitted under OA approval stays under it.
        with self.assertRaisesRegex(UserError, request.name):
            running.with_user(self.cw_qian).action_approve_expense_sheets()
        # New reports follow hr_expense's own approval.
        sheet = self.make_sheet(self.zhk_he, [("出租车费", 126)], "市内交通费")
        self.assertFalse(sheet.oa_approval_needed)
        sheet.with_user(self.zhk_he).action_submit_sheet()
        self.assertEqual(sheet.state, "submit")
        self.assertFalse(sheet.oa_request_id)
        self.assertFalse(sheet.oa_approval_required)
        sheet.with_user(self.cw_qian).action_approve_expense_sheets()
        self.assertEqual(sheet.state, "approve")
        # Switched on again, a report submitted without the OA is not caught.
        self.company.oa_expense_approval_required = True
        self.env.invalidate_all()
        sheet.with_user(self.cw_qian).action_sheet_move_post()
        self.assertEqual(sheet.state, "post")

    def test_cannot_delete_a_report_claimed_in_the_oa(self):
        sheet = self.make_sheet(self.zhk_he, [("出租车费", 126)], "市内交通费")
        request = self.submit_sheet(sheet, self.zhk_he)
        request.with_user(self.zhk_he).action_withdraw()
        self.env.invalidate_all()
        self.assertEqual(sheet.state, "draft")
        with self.assertRaisesRegex(UserError, "is claimed in the OA"):
            sheet.with_user(self.zhk_he).unlink()
