/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// The office dispatches an approved vehicle booking (派车) and records its
// return with the odometer (还车), from the To Dispatch kanban. Runs at desktop
// size and at phone size (header buttons in the cog menu). Triggers use field
// and button names, never translated labels. Data and checks are in
// tests/test_ui.py.

import {registry} from "@web/core/registry";

const PURPOSE = "Tour: trip to the provincial bureau";
const PLATE = "TOUR-001";
const DRIVER = "Tour Driver";

function openHeaderButtonsOnPhone() {
    return {
        isActive: ["mobile"],
        content: "Open the cog menu holding the header buttons",
        trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
        run: "click",
    };
}

function clickHeaderButton(name, content) {
    return [
        openHeaderButtonsOnPhone(),
        {
            content,
            trigger: [".o_form_view .o_statusbar_buttons", ".o-dropdown--menu"]
                .map((parent) => `${parent} button[name="${name}"]:enabled`)
                .join(", "),
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("oa_vehicle_dispatch_tour", {
    steps: () => [
        {
            content: "Open the approved booking waiting for a vehicle",
            trigger: `.o_kanban_record:contains("${PURPOSE}")`,
            run: "click",
        },
        {
            content: "It waits for dispatch",
            trigger: `.o_form_view .o_statusbar_status button[data-value="confirmed"].o_arrow_button_current`,
        },
        ...clickHeaderButton("action_open_dispatch", "Dispatch (派车)"),
        {
            content: "Choose the vehicle",
            trigger: `.modal .o_field_widget[name="vehicle_id"] input`,
            run: `edit ${PLATE}`,
        },
        {
            isActive: ["desktop"],
            content: "Pick the vehicle from the suggestions",
            trigger: `.o-autocomplete--dropdown-item:contains("${PLATE}")`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Pick the vehicle in the search dialog",
            trigger: `.modal .o_kanban_record:contains("${PLATE}")`,
            run: "click",
        },
        {
            content: "The vehicle's usual driver is proposed",
            trigger: `.modal .o_field_widget[name="driver_id"] input:value("${DRIVER}")`,
        },
        {
            content: "Dispatch",
            trigger: `.modal button[name="action_dispatch"]:enabled`,
            run: "click",
        },
        {
            content: "Dispatched",
            trigger: `.o_form_view .o_statusbar_status button[data-value="dispatched"].o_arrow_button_current`,
        },
        ...clickHeaderButton("action_open_return", "Record the return (还车)"),
        {
            content: "Enter the odometer",
            trigger: `.modal .o_field_widget[name="odometer_in"] input`,
            run: "edit 12086",
        },
        {
            content: "Record the return",
            trigger: `.modal button[name="action_return"]:enabled`,
            run: "click",
        },
        {
            content: "Returned",
            trigger: `.o_form_view .o_statusbar_status button[data-value="returned"].o_arrow_button_current`,
        },
        {
            content: "The distance is shown",
            trigger: `.o_form_view .o_field_widget[name="distance"]:contains("86")`,
        },
    ],
});
