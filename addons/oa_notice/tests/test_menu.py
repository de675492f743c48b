# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Notices app menu is shown to OA users only; configuration to the office."""

from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.oa_base.tests.common import OaAppMenuMixin


@tagged("post_install", "-at_install")
class TestMenu(OaAppMenuMixin, TransactionCase):
    root_menu_xmlid = "oa_notice.menu_notice_root"
    inbox_menu_xmlid = "oa_notice.menu_notice_inbox"

    def test_board_for_users_configuration_for_the_office(self):
        office = new_test_user(
            self.env, login="oa_notice_menu_office", groups="oa_base.group_oa_office"
        )
        user_menus = self._visible_menu_ids(self.oa_user)
        office_menus = self._visible_menu_ids(office)
        ref = self.env.ref
        for xmlid in (
            "oa_notice.menu_notice_board",
            "oa_notice.menu_notice_mine",
            "oa_notice.menu_info_mine",
            "oa_notice.menu_info_bulletin",
            "oa_notice.menu_meeting_notice",
        ):
            self.assertIn(ref(xmlid).id, user_menus, xmlid)
        for xmlid in (
            "oa_notice.menu_notice_config",
            "oa_notice.menu_notice_review",
            "oa_notice.menu_info_review",
        ):
            self.assertNotIn(ref(xmlid).id, user_menus, xmlid)
            self.assertIn(ref(xmlid).id, office_menus, xmlid)
        # SMS gateways (tokens) are for OA administrators only.
        self.assertNotIn(ref("oa_notice.menu_sms_provider").id, office_menus)
