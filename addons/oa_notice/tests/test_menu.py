# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Notices app menu is shown to OA users only."""

from odoo.tests import TransactionCase, tagged

from odoo.addons.oa_base.tests.common import OaAppMenuMixin


@tagged("post_install", "-at_install")
class TestMenu(OaAppMenuMixin, TransactionCase):
    root_menu_xmlid = "oa_notice.menu_notice_root"
    inbox_menu_xmlid = "oa_notice.menu_notice_inbox"
