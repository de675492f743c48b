# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Notices",
    "summary": "Notices with read receipts, information submission with bulletins "
    "and points, meeting notices with attendance receipts and SMS",
    "version": "18.0.1.0.0",
    "category": "Productivity/OA",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "maintainers": [],
    "depends": ["oa_base", "calendar"],
    "data": [
        # security
        "security/ir.model.access.csv",
        "security/oa_notice_security.xml",
        # data
        "data/ir_sequence_data.xml",
        "data/oa_notice_category_data.xml",
        "data/oa_info_level_data.xml",
        "data/oa_notice_flow_data.xml",
        "data/oa_sms_provider_data.xml",
        "data/ir_cron_data.xml",
        # views
        "views/oa_notice_views.xml",
        "views/oa_notice_recipient_views.xml",
        "views/oa_notice_category_views.xml",
        "views/oa_info_item_views.xml",
        "views/oa_info_level_views.xml",
        "views/oa_info_bulletin_views.xml",
        "views/oa_info_report_views.xml",
        "views/oa_meeting_notice_views.xml",
        "views/oa_meeting_receipt_views.xml",
        "views/oa_sms_views.xml",
        # wizards
        "wizard/oa_info_review_views.xml",
        "wizard/oa_meeting_answer_views.xml",
        "wizard/oa_info_report_export_views.xml",
        # reports
        "report/oa_info_bulletin_report.xml",
        "report/oa_info_statistics_report.xml",
        # menus
        "views/oa_notice_menus.xml",
    ],
    "demo": [
        "demo/oa_notice_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "oa_notice/static/src/**/*",
        ],
        "web.assets_tests": [
            "oa_notice/static/tests/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
