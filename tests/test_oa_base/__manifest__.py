# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Base Tests",
    "summary": "Test-only flow model, engine tests and inbox browser tours for oa_base",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "depends": ["oa_base"],
    "data": [
        "security/ir.model.access.csv",
        "security/test_oa_base_security.xml",
        "views/test_oa_flow_record_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "test_oa_base/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
