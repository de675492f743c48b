/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// Inbox tours of the routing engine. They run at desktop size (list view, the
// row's "Open" button) and at phone size (kanban cards; the form header buttons
// are in the control panel's cog menu): steps marked `isActive: ["desktop"]` or
// `["mobile"]` only run in that layout. Data comes from tests/test_ui.py.

import {registry} from "@web/core/registry";

const TODO_TITLE = "Tour: budget report";
const READ_TITLE = "Tour: circular notice";
const OPINION = "Figures checked, agreed by tour";

/** Open the inbox item titled `title`: the row's Open button or the kanban card. */
function openInboxItem(title) {
    return [
        {
            isActive: ["desktop"],
            content: `Open "${title}" from the list`,
            trigger: `.o_list_view .o_data_row:contains("${title}") button[name="action_open_record"]`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Open "${title}" from its kanban card`,
            trigger: `.o_kanban_view .o_kanban_record:contains("${title}")`,
            run: "click",
        },
        {
            content: "The document form is open",
            trigger: `.o_form_view .o_field_widget[name="name"]:contains("${title}")`,
        },
    ];
}

/** On phones the header buttons live in the cog menu of the control panel. */
function openHeaderButtonsOnPhone() {
    return {
        isActive: ["mobile"],
        content: "Open the cog menu holding the header buttons",
        trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
        run: "click",
    };
}

/**
 * Selector of the header button(s) `inner`, in the form header (desktop) or in
 * the opened cog menu (phone); `container` is a suffix for the container itself.
 */
function inHeader(inner, container = "") {
    return [".o_form_view .o_statusbar_buttons", ".o-dropdown--menu"]
        .map((parent) => `${parent}${container}${inner ? " " + inner : ""}`)
        .join(", ");
}

registry.category("web_tour.tours").add("oa_inbox_tour", {
    url: "/odoo/oa-todo",
    steps: () => [
        {
            content: "The To Do inbox is open (its URL path, whatever the language)",
            trigger: `.o_action_manager .o_view_controller`,
            run() {
                if (!window.location.pathname.includes("oa-todo")) {
                    throw new Error(`Not the To Do inbox: ${window.location.pathname}`);
                }
            },
        },
        ...openInboxItem(TODO_TITLE),
        {
            content: "The current step is the first one",
            trigger: `.o_form_view .o_field_widget[name="oa_current_step"]:contains("Tour Review")`,
        },
        openHeaderButtonsOnPhone(),
        {
            content: "Click Agree",
            trigger: inHeader(`button[name="action_oa_act"]:enabled:contains("Agree")`),
            run: "click",
        },
        {
            content: "Type an opinion in the handling dialog",
            trigger: `.modal .o_field_widget[name="opinion"] textarea`,
            run: `edit ${OPINION}`,
        },
        {
            content: "Confirm",
            trigger: `.modal button[name="action_confirm"]:enabled`,
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The flow moved on to the second step",
            trigger: `.o_form_view .o_field_widget[name="oa_current_step"]:contains("Tour Approval")`,
        },
        {
            content: "The trace shows the agreement with its opinion",
            trigger: `.o_form_view .o_field_widget[name="oa_trace_ids"]:contains("${OPINION}")`,
        },
        openHeaderButtonsOnPhone(),
        {
            content: "Agree is no longer offered (other header buttons still are)",
            trigger: inHeader(
                "",
                `:has(button[name="action_oa_flow_dialog"]):not(:has(button[name="action_oa_act"]))`
            ),
        },
        {
            content: "Back to the inbox",
            trigger: ".o_back_button",
            run: "click",
        },
        {
            content: "The handled item left the To Do inbox",
            trigger: ".o_list_view .o_view_nocontent, .o_kanban_view .o_view_nocontent",
        },
    ],
});

registry.category("web_tour.tours").add("oa_inbox_read_tour", {
    url: "/odoo/oa-to-read",
    steps: () => [
        {
            content: "The To Read inbox is open (its URL path, whatever the language)",
            trigger: `.o_action_manager .o_view_controller`,
            run() {
                if (!window.location.pathname.includes("oa-to-read")) {
                    throw new Error(
                        `Not the To Read inbox: ${window.location.pathname}`
                    );
                }
            },
        },
        ...openInboxItem(READ_TITLE),
        openHeaderButtonsOnPhone(),
        {
            content: "Opening the item was the read receipt: Mark as Read is gone",
            trigger: inHeader(
                "",
                `:has(button[name="action_oa_flow_dialog"]):not(:has(button[name="action_oa_mark_read"]))`
            ),
        },
        {
            content: "Back to the inbox",
            trigger: ".o_back_button",
            run: "click",
        },
        {
            content: "The read item left the To Read inbox",
            trigger: ".o_list_view .o_view_nocontent, .o_kanban_view .o_view_nocontent",
        },
    ],
});
