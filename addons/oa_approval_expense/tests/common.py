# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields
from odoo.tests import TransactionCase


class OaExpenseCase(TransactionCase):
    """The demo bureau (江澄市统计局) claiming expenses as its real roles.

    何佳 (zhk_he) and 高磊 (zhk_gao) work in 综合科, led by 徐明 (zhk_xu) under
    the 分管局长 王志明 (fgjz_wang); 郑雯 (hsk_zheng) works in 核算科; 周建国
    (juzhang) is the 局长, who approves claims above 5,000; 钱淑芬 (cw_qian) is
    the accountant (Finance Review, expense manager, billing); 张丽华
    (bgs_zhang) heads the office; 孙浩 (sgzx_sun) administers the OA.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        for login in (
            "juzhang",
            "fgjz_wang",
            "fgjz_li",
            "bgs_zhang",
            "sgzx_sun",
            "zhk_xu",
            "zhk_he",
            "zhk_gao",
            "hsk_wu",
            "hsk_zheng",
        ):
            setattr(cls, login, ref(f"oa_base.user_{login}_demo"))
        cls.cw_qian = ref("oa_approval_expense.user_cw_qian_demo")
        cls.dept_general = ref("oa_base.dept_general_demo")
        cls.type_expense = ref("oa_approval_expense.approval_type_expense")
        cls.product_travel = ref("hr_expense.expense_product_travel_accommodation")
        cls.Request = cls.env["oa.approval.request"]
        cls.Sheet = cls.env["hr.expense.sheet"]
        cls.company = cls.env.ref("base.main_company")
        cls.company.oa_expense_approval_required = True

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def make_sheet(self, user, lines, name="赴省统计局参加统计业务培训差旅费"):
        """An expense report of ``user``'s employee, made by ``user``.

        ``lines``: ``[(description, amount), ...]``.
        """
        employee = user.employee_id
        Expense = self.env["hr.expense"].with_user(user)
        expenses = Expense.create(
            [
                {
                    "name": label,
                    "employee_id": employee.id,
                    "product_id": self.product_travel.id,
                    "total_amount_currency": amount,
                    "date": fields.Date.today(),
                }
                for label, amount in lines
            ]
        )
        sheet = self.Sheet.with_user(user).create(
            {
                "name": name,
                "employee_id": employee.id,
                "expense_line_ids": [Command.set(expenses.ids)],
            }
        )
        return sheet.with_env(self.env)

    def submit_sheet(self, sheet, user):
        """``user`` presses Submit for OA Approval; returns the request."""
        action = sheet.with_user(user).action_oa_submit()
        self.env.invalidate_all()
        return self.Request.browse(action["res_id"])

    def item_of(self, request, user):
        """The pending to-do of ``user`` on ``request``, as that user."""
        self.env.invalidate_all()
        items = self.env["oa.workitem"].search(
            [
                ("flow_id", "=", request.sudo().oa_flow_id.id),
                ("user_id", "=", user.id),
                ("kind", "=", "todo"),
                ("state", "=", "pending"),
            ]
        )
        self.assertEqual(len(items), 1, f"{user.login} should have one pending item")
        return items.with_user(user)

    def approve(self, request, user, opinion="同意。"):
        self.item_of(request, user).action_agree(opinion=opinion)
        self.env.invalidate_all()

    def refuse(self, request, user, opinion):
        self.item_of(request, user).action_disagree(opinion=opinion)
        self.env.invalidate_all()

    def pending_users(self, request):
        self.env.invalidate_all()
        return (
            request.sudo()
            .oa_flow_id.workitem_ids.filtered(
                lambda w: w.kind == "todo" and w.state == "pending"
            )
            .user_id
        )

    def route(self, request):
        return request.sudo().oa_flow_id.step_ids.sorted("sequence").mapped("code")
