/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// A clerk registers an incoming document (签收 → 登记), hands it on, and
// proposes it to a leader (拟办) from the handling dialog. Runs at desktop size
// and at phone size (kanban first; header buttons in the cog menu). Triggers
// use field and button names, never translated labels. Data and checks are in
// tests/test_ui.py.

import {registry} from "@web/core/registry";

const TITLE = "Tour: statistics law inspection notice";
const SENDER = "Provincial Statistics Bureau";
const OPINION = "Proposed to the deputy director";
const LEADER = "Tour Deputy Director";

function openHeaderButtonsOnPhone() {
    return {
        isActive: ["mobile"],
        content: "Open the cog menu holding the header buttons",
        trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
        run: "click",
    };
}

function inHeader(inner) {
    return [".o_form_view .o_statusbar_buttons", ".o-dropdown--menu"]
        .map((parent) => `${parent} ${inner}`)
        .join(", ");
}

function clickHeaderButton(name, content) {
    return [
        openHeaderButtonsOnPhone(),
        {
            content,
            trigger: inHeader(`button[name="${name}"]:enabled`),
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("oa_document_incoming_tour", {
    url: "/odoo/oa-incoming",
    steps: () => [
        {
            content: "Create a new incoming document",
            trigger:
                ".o_control_panel .o-kanban-button-new, .o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Title",
            trigger: `.o_form_view .o_field_widget[name="name"] input, .o_form_view .o_field_widget[name="name"] textarea`,
            run: `edit ${TITLE}`,
        },
        {
            content: "Sender",
            trigger: `.o_form_view .o_field_widget[name="sender_org"] input`,
            run: `edit ${SENDER}`,
        },
        {
            content: "Sender's number",
            trigger: `.o_form_view .o_field_widget[name="sender_number"] input`,
            run: "edit 苏统发〔2026〕21号",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        ...clickHeaderButton("action_receive", "Sign for it (签收)"),
        {
            content: "Signed for",
            trigger: `.o_form_view .o_statusbar_status button[data-value="received"].o_arrow_button_current`,
        },
        ...clickHeaderButton("action_register", "Register it (登记)"),
        {
            content: "It has its registration number",
            trigger: `.o_form_view .o_field_widget[name="serial_no"] span:not(:empty)`,
        },
        ...clickHeaderButton("action_start_handling", "Hand it on for the proposal"),
        {
            content: "The proposal step is current",
            trigger: `.o_form_view .o_field_widget[name="oa_current_step"] span:not(:empty)`,
        },
        ...clickHeaderButton("action_oa_act", "Handle it (拟办)"),
        {
            content: "Write the proposal",
            trigger: `.modal .o_field_widget[name="opinion"] textarea`,
            run: `edit ${OPINION}`,
        },
        {
            content: "Choose the leader who instructs",
            trigger: `.modal .o_field_widget[name="next_user_ids"] input`,
            run: `edit ${LEADER}`,
        },
        {
            isActive: ["desktop"],
            content: "Pick the leader from the suggestions",
            trigger: `.o-autocomplete--dropdown-item:contains("${LEADER}")`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Pick the leader in the search dialog",
            trigger: `.modal .o_kanban_record:contains("${LEADER}")`,
            run: "click",
        },
        {
            content: "The leader is chosen",
            trigger: `.modal .o_field_widget[name="next_user_ids"] .o_tag:contains("${LEADER}")`,
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
            content: "Open the trace tab",
            trigger: `.o_form_view .o_notebook_headers a[name="trace"]`,
            run: "click",
        },
        {
            content: "The trace shows the proposal",
            trigger: `.o_form_view .o_field_widget[name="oa_trace_ids"]:contains("${OPINION}")`,
        },
    ],
});
