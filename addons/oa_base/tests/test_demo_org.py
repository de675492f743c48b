# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The demo organisation (江澄市统计局) is complete and consistent."""

from odoo.tests import TransactionCase, tagged

BUSINESS_SECTIONS = (
    "dept_general_demo",
    "dept_accounts_demo",
    "dept_industry_demo",
    "dept_social_demo",
)
ALL_DEPARTMENTS = (
    "dept_leadership_demo",
    "dept_office_demo",
    "dept_data_center_demo",
    *BUSINESS_SECTIONS,
)
DEPUTIES = ("user_fgjz_wang_demo", "user_fgjz_li_demo", "user_fgjz_chen_demo")
OA_CHAIN_GROUPS = (
    "oa_base.group_oa_user",
    "oa_base.group_oa_clerk",
    "oa_base.group_oa_office",
    "oa_base.group_oa_admin",
)


@tagged("post_install", "-at_install")
class TestDemoOrg(TransactionCase):
    def setUp(self):
        super().setUp()
        if self.env.ref("oa_base.user_juzhang_demo", raise_if_not_found=False) is None:
            self.skipTest("oa_base demo data is not installed")

    def _refs(self, model, xmlids):
        return self.env[model].browse(
            [self.env.ref("oa_base." + xmlid).id for xmlid in xmlids]
        )

    def test_business_sections_have_leaders(self):
        for section in self._refs("hr.department", BUSINESS_SECTIONS):
            self.assertTrue(section.manager_id.user_id, f"{section.name}: manager user")
            self.assertTrue(
                section.oa_supervisor_id.user_id, f"{section.name}: supervisor user"
            )
            staff = self.env["hr.employee"].search(
                [
                    ("department_id", "=", section.id),
                    ("id", "!=", section.manager_id.id),
                ]
            )
            self.assertTrue(2 <= len(staff) <= 3, f"{section.name}: 2-3 staff")
            self.assertTrue(
                all(staff.mapped("user_id")), f"{section.name}: staff users"
            )

    def test_leadership(self):
        juzhang = self.env.ref("oa_base.employee_juzhang_demo")
        deputies = self._refs("res.users", DEPUTIES).employee_ids
        self.assertEqual(len(deputies), 3)
        self.assertEqual(deputies.parent_id, juzhang)
        self.assertEqual(
            self.env.ref("oa_base.dept_leadership_demo").manager_id, juzhang
        )

    def test_supervisor_users_are_the_deputies(self):
        departments = self._refs("hr.department", ALL_DEPARTMENTS)
        self.assertEqual(
            departments._oa_get_leader_users("supervisor"),
            self._refs("res.users", DEPUTIES),
        )
        self.assertEqual(
            departments._oa_get_leader_users("manager"),
            departments.manager_id.user_id,
        )
        with self.assertRaises(ValueError):
            departments._oa_get_leader_users("secretary")

    def test_leader_users_constant_queries(self):
        departments = self._refs("hr.department", ALL_DEPARTMENTS)
        one = self.env.ref("oa_base.dept_office_demo")
        for role in ("supervisor", "manager"):
            # warm the registry caches (group checks); only the ORM cache is measured
            departments._oa_get_leader_users(role)
            self.env.invalidate_all()
            with self.assertQueryCount(2):
                one._oa_get_leader_users(role)
            self.env.invalidate_all()
            with self.assertQueryCount(2):
                departments._oa_get_leader_users(role)

    def test_separation_of_three_officers(self):
        """三员分立: security officer and auditor are outside the OA role chain."""
        officer = self.env.ref("oa_base.user_aqbm_tang_demo")
        auditor = self.env.ref("oa_base.user_aqsj_han_demo")
        self.assertTrue(officer.has_group("oa_base.group_oa_security_officer"))
        self.assertFalse(officer.has_group("oa_base.group_oa_auditor"))
        self.assertTrue(auditor.has_group("oa_base.group_oa_auditor"))
        self.assertFalse(auditor.has_group("oa_base.group_oa_security_officer"))
        for user in officer | auditor:
            self.assertTrue(user.has_group("base.group_user"))
            for group in OA_CHAIN_GROUPS:
                self.assertFalse(user.has_group(group), f"{user.login} in {group}")
        admin = self.env.ref("oa_base.user_sgzx_sun_demo")
        self.assertTrue(admin.has_group("oa_base.group_oa_admin"))
        self.assertFalse(admin.has_group("oa_base.group_oa_security_officer"))
        self.assertFalse(admin.has_group("oa_base.group_oa_auditor"))
