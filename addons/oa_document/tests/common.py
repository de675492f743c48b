# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase


class OaDocumentCase(TransactionCase):
    """The demo bureau (江澄市统计局) acting as its real roles.

    Logins and roles: addons/oa_base/demo/LOGINS.md. 刘芳 (bgs_liu) and 赵静
    are the office's clerks, 张丽华 (bgs_zhang) heads the office, 周建国
    (juzhang) is the principal leader, 王志明/李红梅/陈卫东 the 分管局长, and
    each 科室 has its 科长 and staff.
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
            "bgs_zhao",
            "zhk_xu",
            "zhk_he",
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
        cls.dept_industry = ref("oa_base.dept_industry_demo")
        cls.dept_social = ref("oa_base.dept_social_demo")
        cls.kind_notice = ref("oa_document.kind_notice")
        cls.kind_report = ref("oa_document.kind_report")
        cls.kind_request = ref("oa_document.kind_request")
        cls.kind_letter = ref("oa_document.kind_letter")
        cls.code = ref("oa_document.code_jtf_demo")
        cls.unit_city = ref("oa_document.unit_city_gov_demo")
        cls.unit_province = ref("oa_document.unit_province_stats_demo")
        cls.unit_towns = ref("oa_document.unit_towns_demo")
        cls.unit_general = ref("oa_document.unit_general_demo")
        cls.unit_accounts = ref("oa_document.unit_accounts_demo")
        cls.unit_industry = ref("oa_document.unit_industry_demo")
        cls.Document = cls.env["oa.document"]

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def item_of(self, doc, user, kind="todo"):
        """The pending work item of ``user`` on ``doc``."""
        doc.invalidate_recordset()
        items = self.env["oa.workitem"].search(
            [
                ("flow_id", "=", doc.oa_flow_id.id),
                ("user_id", "=", user.id),
                ("kind", "=", kind),
                ("state", "=", "pending"),
            ]
        )
        self.assertEqual(
            len(items), 1, f"{user.login} should have one pending {kind} item"
        )
        return items.with_user(user)

    def step_of(self, doc, code):
        return doc.oa_flow_id.sudo().step_ids.filtered(lambda s: s.code == code)

    def current(self, doc):
        doc.invalidate_recordset()
        return doc.sudo().oa_flow_id.current_step_id.code

    def register_incoming(self, clerk=None, **vals):
        clerk = clerk or self.bgs_liu
        values = {
            "doc_type": "incoming",
            "name": "关于开展2026年度统计执法检查的通知",
            "kind_id": self.kind_notice.id,
            "sender_unit_id": self.unit_province.id,
            "sender_org": "省统计局",
            "sender_number": "苏统发〔2026〕21号",
            "body": "<p>请于规定时间内报送执法检查自查情况。</p>",
        }
        values.update(vals)
        doc = self.Document.with_user(clerk).create(values)
        doc.action_receive()
        doc.action_register()
        return doc
