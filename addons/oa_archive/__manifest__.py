# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Archives",
    "summary": "Archives to DA/T 22, DA/T 48 and DA/T 70: filing, loans, appraisal, "
    "export",
    "version": "18.0.1.0.0",
    "category": "Productivity/OA",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "maintainers": [],
    "depends": ["oa_base"],
    "data": [
        # menus
        "views/oa_archive_menus.xml",
    ],
    "application": True,
    "installable": True,
}
