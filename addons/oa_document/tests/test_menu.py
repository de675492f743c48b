# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Documents app menu is shown to OA users only."""

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMenu(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root_menu = cls.env.ref("oa_document.menu_document_root")
        cls.inbox_menu = cls.env.ref("oa_document.menu_document_inbox")
        cls.oa_user = new_test_user(
            cls.env, login="document_oa_user", groups="oa_base.group_oa_user"
        )
        cls.internal_user = new_test_user(
            cls.env, login="document_internal_user", groups="base.group_user"
        )
        # A folder menu is hidden when none of its children is visible, and the
        # Inbox child opens a model plain users cannot read. This probe child
        # (a URL action, readable by anyone) leaves the root's own group as the
        # only thing that can hide the app from a plain internal user.
        probe_action = cls.env["ir.actions.act_url"].create(
            {"name": "Menu probe", "url": "/odoo"}
        )
        cls.env["ir.ui.menu"].create(
            {
                "name": "Menu probe",
                "parent_id": cls.root_menu.id,
                "action": f"ir.actions.act_url,{probe_action.id}",
            }
        )

    def _visible_menu_ids(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_root_menu_visible_to_oa_user(self):
        visible = self._visible_menu_ids(self.oa_user)
        self.assertIn(self.root_menu.id, visible)
        self.assertIn(self.inbox_menu.id, visible)

    def test_root_menu_hidden_from_plain_internal_user(self):
        self.assertFalse(self.internal_user.has_group("oa_base.group_oa_user"))
        self.assertNotIn(self.root_menu.id, self._visible_menu_ids(self.internal_user))
