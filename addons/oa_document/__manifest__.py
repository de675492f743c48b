# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Documents",
    "summary": "Official documents: incoming, outgoing and internal memos on the OA "
    "routing engine, to 条例 and GB/T 9704-2012",
    "version": "18.0.1.0.0",
    "category": "Productivity/OA",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "maintainers": [],
    "depends": ["oa_base"],
    "data": [
        "security/ir.model.access.csv",
        "security/oa_document_security.xml",
        "data/oa_document_kind_data.xml",
        "data/oa_document_flow_data.xml",
        "views/oa_document_views.xml",
        "views/oa_document_config_views.xml",
        "views/res_company_views.xml",
        "views/oa_document_menus.xml",
    ],
    "demo": ["demo/oa_document_demo.xml"],
    "application": True,
    "installable": True,
}
