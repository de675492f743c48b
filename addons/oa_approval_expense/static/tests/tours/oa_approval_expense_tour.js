/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// 费用报销 at desktop and phone size: a staff member submits an expense
// report for OA approval from Expenses, then the section leader opens
// Approvals → To Approve and approves it with an opinion. Header buttons sit
// in the cog menu on phones. Triggers use field and button names, never
// translated labels. Data and checks are in tests/test_ui.py.

import {registry} from "@web/core/registry";

const REPORT = "Tour: taxi to the provincial bureau";
const LINE = "Tour: taxi fare";
const OPINION = "Tour: checked, agreed";

function clickHeaderButton(name, content) {
    return [
        {
            isActive: ["mobile"],
            content: "Open the cog menu holding the header buttons",
            trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content,
            trigger: [".o_form_view .o_statusbar_buttons", ".o-dropdown--menu"]
                .map((parent) => `${parent} button[name="${name}"]:enabled`)
                .join(", "),
            run: "click",
        },
    ];
}

function openRecord(text, content) {
    return {
        content,
        trigger: [
            `.o_list_view .o_data_row:contains("${text}") .o_data_cell`,
            `.o_kanban_view .o_kanban_record:contains("${text}")`,
        ].join(", "),
        run: "click",
    };
}

registry.category("web_tour.tours").add("oa_approval_expense_submit_tour", {
    url: "/odoo/my-expense-reports",
    steps: () => [
        openRecord(REPORT, "Open my expense report"),
        {
            content: "The report is to submit",
            trigger: `.o_form_view .o_statusbar_status button[data-value="draft"].o_arrow_button_current`,
        },
        ...clickHeaderButton("action_oa_submit", "Submit it for OA approval"),
        {
            content: "The OA request is submitted",
            trigger: `.o_form_view .o_statusbar_status button[data-value="pending"].o_arrow_button_current`,
        },
        {
            content: "It claims my report",
            trigger: `.o_form_view .o_field_widget[name="expense_sheet_id"]:contains("${REPORT}")`,
        },
        {
            content: "Open the expenses",
            trigger: `.o_form_view .o_notebook_headers a[name="expenses"]`,
            run: "click",
        },
        {
            content: "The expenses are those of the report",
            trigger: `.o_form_view .o_field_widget[name="expense_line_ids"]:contains("${LINE}")`,
        },
    ],
});

registry.category("web_tour.tours").add("oa_approval_expense_approve_tour", {
    url: "/odoo/action-oa_approval.oa_approval_request_action_to_approve",
    steps: () => [
        openRecord(REPORT, "Open the claim waiting for me"),
        ...clickHeaderButton("action_approve", "Approve"),
        {
            content: "Write the opinion",
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
            content: "Open the approval record",
            trigger: `.o_form_view .o_notebook_headers a[name="trace"]`,
            run: "click",
        },
        {
            content: "The record shows my opinion",
            trigger: `.o_form_view .o_field_widget[name="oa_trace_ids"]:contains("${OPINION}")`,
        },
    ],
});
