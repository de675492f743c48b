# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, new_test_user


class OaNoticeCase(TransactionCase):
    """The demo bureau (江澄市统计局) acting as its real roles.

    Logins: addons/oa_base/demo/LOGINS.md. 张丽华 (bgs_zhang) heads the office
    and reviews; 刘芳 (bgs_liu) is an office clerk; each 科室 has its 科长 and
    staff; 韩雪 (aqsj_han) is the auditor, who sees nothing of OA.
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
            "bgs_liu",
            "zhk_xu",
            "zhk_he",
            "hsk_wu",
            "hsk_zheng",
            "gjk_huang",
            "gjk_lin",
            "gjk_luo",
            "skk_yang",
            "skk_zhu",
            "aqsj_han",
        ):
            setattr(cls, login, ref(f"oa_base.user_{login}_demo"))
        cls.dept_office = ref("oa_base.dept_office_demo")
        cls.dept_general = ref("oa_base.dept_general_demo")
        cls.dept_accounts = ref("oa_base.dept_accounts_demo")
        cls.dept_industry = ref("oa_base.dept_industry_demo")
        cls.dept_social = ref("oa_base.dept_social_demo")
        cls.category_notice = ref("oa_notice.category_notice")
        cls.category_news = ref("oa_notice.category_news")
        cls.level_bureau = ref("oa_notice.info_level_bureau")
        cls.level_city = ref("oa_notice.info_level_city")
        cls.level_province = ref("oa_notice.info_level_province")
        cls.Notice = cls.env["oa.notice"]
        cls.Item = cls.env["oa.info.item"]
        cls.Meeting = cls.env["oa.meeting.notice"]

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    @classmethod
    def make_staff(cls, login, department, groups="oa_base.group_oa_user", **vals):
        """A new OA user with an employee in ``department``."""
        user = new_test_user(cls.env, login=login, name=login, groups=groups, **vals)
        cls.env["hr.employee"].create(
            {"name": login, "user_id": user.id, "department_id": department.id}
        )
        return user

    def assert_form_opens(self, record, user):
        """The form loads for ``user`` as the web client loads it: every field
        of the view, and the display name of every related record."""
        Model = self.env[record._name].with_user(user)
        views = Model.get_views([(False, "form")])
        fields_info = views["models"][record._name]["fields"]
        spec = {
            name: {"fields": {"display_name": {}}} if info.get("relation") else {}
            for name, info in fields_info.items()
        }
        record.invalidate_recordset()
        self.env.invalidate_all()
        return record.with_user(user).web_read(spec)[0]

    def pending_item(self, record, user):
        """The pending to-do of ``user`` on ``record``'s flow, as that user."""
        record.invalidate_recordset()
        items = self.env["oa.workitem"].search(
            [
                ("flow_id", "=", record.sudo().oa_flow_id.id),
                ("user_id", "=", user.id),
                ("kind", "=", "todo"),
                ("state", "=", "pending"),
            ]
        )
        self.assertEqual(len(items), 1, f"{user.login} should have one pending item")
        return items.with_user(user)

    def draft_notice(self, author=None, **vals):
        values = {
            "name": "关于开展2026年统计执法检查的通知",
            "category_id": self.category_notice.id,
            "body": "<p>请各科室按要求做好自查。</p>",
            "audience_type": "departments",
            "audience_department_ids": [(6, 0, self.dept_industry.ids)],
        }
        values.update(vals)
        return self.Notice.with_user(author or self.zhk_xu).create(values)

    def publish(self, notice, reviewer=None):
        """Submit as the author and publish as the office reviewer."""
        notice.action_submit()
        self.pending_item(notice, reviewer or self.bgs_zhang).action_agree(
            opinion="同意发布。"
        )
        notice.invalidate_recordset()
        return notice

    def submit_item(self, author=None, **vals):
        values = {
            "name": "一季度全市规模以上工业增加值同比增长6.2%",
            "body": "<p>一季度，全市规模以上工业增加值同比增长6.2%。</p>",
        }
        values.update(vals)
        item = self.Item.with_user(author or self.gjk_lin).create(values)
        item.action_submit()
        return item

    def review_item(self, item, decision, level=None, opinion=None, user=None):
        user = user or self.bgs_zhang
        wizard = (
            self.env["oa.info.review"]
            .with_user(user)
            .create(
                {
                    "item_id": item.id,
                    "decision": decision,
                    "level_id": level.id if level else False,
                    "opinion": opinion,
                }
            )
        )
        wizard.action_confirm()
        item.invalidate_recordset()
        return item
