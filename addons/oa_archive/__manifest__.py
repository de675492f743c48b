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
    "depends": ["oa_base", "oa_document"],
    "external_dependencies": {"python": ["lxml"]},
    "data": [
        # security
        "security/oa_archive_groups.xml",
        "security/ir.model.access.csv",
        "security/oa_archive_security.xml",
        "security/oa_archive_export_security.xml",
        "security/oa_archive_use_security.xml",
        "security/oa_archive_search_security.xml",
        # menus (the app and its folders; each view file adds its own entries)
        "views/oa_archive_menus.xml",
        # data
        "data/oa_archive_retention_rule_data.xml",
        "data/oa_archive_flow_data.xml",
        "data/oa_archive_cron_data.xml",
        "data/oa_archive_mail_data.xml",
        "data/oa_archive_export_data.xml",
        # reports
        "report/oa_archive_filing_report.xml",
        "report/oa_archive_export_report.xml",
        "report/oa_archive_use_report.xml",
        # views
        "views/oa_archive_item_views.xml",
        "views/oa_archive_propose_views.xml",
        "views/oa_archive_catalog_export_views.xml",
        "views/oa_archive_transfer_views.xml",
        "views/oa_archive_check_views.xml",
        "views/oa_archive_catalogue_views.xml",
        "views/oa_archive_loan_views.xml",
        "views/oa_archive_search_views.xml",
        "views/oa_archive_appraisal_views.xml",
        "views/oa_archive_report_views.xml",
        "views/oa_archive_audit_views.xml",
        "views/oa_archive_volume_views.xml",
        "views/oa_archive_series_views.xml",
        "views/oa_archive_fonds_views.xml",
        "views/oa_archive_org_views.xml",
        "views/oa_archive_retention_rule_views.xml",
    ],
    "demo": [
        "demo/oa_archive_demo.xml",
        "demo/oa_archive_filing_demo.xml",
        "demo/oa_archive_use_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "oa_archive/static/tests/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
