# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Documents",
    "summary": "Official documents: incoming, outgoing and internal memos on the OA "
    "routing engine",
    "version": "18.0.1.0.0",
    "category": "Productivity/OA",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "maintainers": [],
    "depends": ["oa_base"],
    "data": [
        # menus
        "views/oa_document_menus.xml",
    ],
    "application": True,
    "installable": True,
}
