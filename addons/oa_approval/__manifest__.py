# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Approvals",
    "summary": "Online approvals linked to expenses, time off, fleet and calendar",
    "version": "18.0.1.0.0",
    "category": "Productivity/OA",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "maintainers": [],
    "depends": ["oa_base"],
    "data": [
        # menus
        "views/oa_approval_menus.xml",
    ],
    "application": True,
    "installable": True,
}
