# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user


class OaAppMenuMixin:
    """Shared check for the OA apps: the app menu is for OA users only.

    Mix into a ``TransactionCase`` (a mixin, so that the test loader does not
    run it on its own) and set ``root_menu_xmlid`` and ``inbox_menu_xmlid``.
    """

    root_menu_xmlid = None
    inbox_menu_xmlid = None
    # Odoo's loader runs only the test methods a class defines itself, unless:
    allow_inherited_tests_method = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root_menu = cls.env.ref(cls.root_menu_xmlid)
        cls.inbox_menu = cls.env.ref(cls.inbox_menu_xmlid)
        prefix = cls.root_menu_xmlid.replace(".", "_")
        cls.oa_user = new_test_user(
            cls.env, login=f"{prefix}_oa_user", groups="oa_base.group_oa_user"
        )
        cls.internal_user = new_test_user(
            cls.env, login=f"{prefix}_internal_user", groups="base.group_user"
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
