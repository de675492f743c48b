# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Approvals: Vehicle Requests",
    "summary": "Vehicle requests (用车申请) approved in the OA, booked and "
    "dispatched on Odoo's fleet",
    "version": "18.0.1.0.0",
    "category": "Productivity/OA",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "maintainers": [],
    "depends": ["oa_approval", "fleet"],
    "data": [
        # security
        "security/ir.model.access.csv",
        "security/oa_approval_fleet_security.xml",
        # data
        "data/oa_approval_fleet_data.xml",
        # views
        "views/oa_vehicle_booking_views.xml",
        "views/fleet_vehicle_views.xml",
        "views/oa_approval_type_views.xml",
        "views/oa_approval_request_views.xml",
        "wizard/oa_vehicle_dispatch_wizard_views.xml",
        "wizard/oa_vehicle_return_wizard_views.xml",
        "report/oa_approval_fleet_report.xml",
        # menus
        "views/oa_approval_fleet_menus.xml",
    ],
    "demo": [
        "demo/oa_approval_fleet_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "oa_approval_fleet/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "application": False,
    "installable": True,
}
