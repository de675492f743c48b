# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import TransactionCase


class OaApprovalCase(TransactionCase):
    """The demo bureau (江澄市统计局) approving requests as its real roles.

    Logins and roles: addons/oa_base/demo/LOGINS.md. 何佳 (zhk_he) and 高磊
    (zhk_gao) work in 综合科, led by 徐明 (zhk_xu) under the 分管局长 王志明
    (fgjz_wang); 郑雯 (hsk_zheng) in 核算科 led by 吴晓峰 (hsk_wu) under 李红梅
    (fgjz_li); 周建国 (juzhang) is the 局长; 张丽华 (bgs_zhang) heads the office
    and 刘芳 (bgs_liu) is its clerk; 孙浩 (sgzx_sun) administers the OA; 韩雪
    (aqsj_han) is the auditor.
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
            "fgjz_chen",
            "bgs_zhang",
            "bgs_liu",
            "sgzx_sun",
            "zhk_xu",
            "zhk_he",
            "zhk_gao",
            "hsk_wu",
            "hsk_zheng",
            "gjk_huang",
            "gjk_lin",
            "skk_yang",
            "skk_zhu",
            "aqsj_han",
        ):
            setattr(cls, login, ref(f"oa_base.user_{login}_demo"))
        cls.dept_general = ref("oa_base.dept_general_demo")
        cls.dept_accounts = ref("oa_base.dept_accounts_demo")
        cls.type_general = ref("oa_approval.approval_type_general")
        cls.type_activity = ref("oa_approval.approval_type_activity")
        cls.Request = cls.env["oa.approval.request"]
        cls.Type = cls.env["oa.approval.type"]

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    @classmethod
    def make_type(cls, code, steps, **vals):
        """A type configured by the OA administrator; ``steps``: step values."""
        lines = []
        for index, step in enumerate(steps, start=1):
            step_vals = {
                "name": f"Step {index}",
                "code": f"s{index}",
                "sequence": index * 10,
                "mode": "any",
            }
            step_vals.update(step)
            if "user_ids" in step_vals:
                step_vals["user_ids"] = [Command.set(step_vals["user_ids"].ids)]
            lines.append(Command.create(step_vals))
        values = {
            "name": f"Test {code}",
            "code": code,
            "field_amount": "optional",
            "field_reason": "optional",
            "step_ids": lines,
        }
        values.update(vals)
        return cls.Type.with_user(cls.sgzx_sun).create(values)

    def new_request(self, user, approval_type=None, **vals):
        values = {
            "type_id": (approval_type or self.type_general).id,
            "subject": "购置统计年鉴编印用纸",
            "reason": "编印年度统计年鉴。",
        }
        values.update(vals)
        return self.Request.with_user(user).create(values)

    def submit(self, user, approval_type=None, **vals):
        request = self.new_request(user, approval_type, **vals)
        request.action_submit()
        return request

    def item_of(self, request, user, kind="todo"):
        """The pending work item of ``user`` on ``request``, as that user."""
        self.env.invalidate_all()
        items = self.env["oa.workitem"].search(
            [
                ("flow_id", "=", request.sudo().oa_flow_id.id),
                ("user_id", "=", user.id),
                ("kind", "=", kind),
                ("state", "=", "pending"),
            ]
        )
        self.assertEqual(
            len(items), 1, f"{user.login} should have one pending {kind} item"
        )
        return items.with_user(user)

    def approve(self, request, user, opinion="同意。"):
        self.item_of(request, user).action_agree(opinion=opinion)
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
        """Codes of the route snapshot of the request's flow."""
        return request.sudo().oa_flow_id.step_ids.sorted("sequence").mapped("code")

    def fresh(self, request, user):
        """``request`` read by ``user`` from the database (no cached values)."""
        self.env.invalidate_all()
        return request.with_user(user)
