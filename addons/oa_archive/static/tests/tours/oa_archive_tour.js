/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// Filing and borrowing at desktop and phone size, as four tours run by
// different users (tests/test_ui.py prepares the data and checks each result):
//
// 1. a clerk opens Archives → To File, opens the item and files it (归档): it
//    shows its archival code (档号);
// 2. a staff member searches the open catalogue for words of the item's file
//    text (full text), borrows the item and submits an electronic loan;
// 3. the department leader, then the archivist, open the loan from the OA
//    inbox and approve it;
// 4. the borrower opens their loan (the test starts on it) and the lent file.
//
// Header buttons sit in the cog menu on phones. Triggers use field and button
// names and data, never translated labels (the demo users read Chinese).

import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";

const TITLE = "Tour: 2026年统计年鉴编纂工作方案";
// Words of the main file only (not of the title): found by the full text.
const FILE_WORDS = "分册编纂 口径说明";
const PURPOSE = "Tour: 编写2026年统计年鉴";
const BORROWER = "何佳";
const FILE_NAME = "tour_yearbook_plan.txt";

function inHeader(inner) {
    return [".o_form_view .o_statusbar_buttons", ".o-dropdown--menu"]
        .map((parent) => `${parent} ${inner}`)
        .join(", ");
}

function clickHeaderButton(selector, content) {
    return [
        {
            isActive: ["mobile"],
            content: "Open the cog menu holding the header buttons",
            trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content,
            trigger: inHeader(`${selector}:enabled`),
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

function statusIs(state, content) {
    // On a phone the status buttons may all fold into one dropdown (hidden):
    // the status bar itself is what is visible.
    return {
        content,
        trigger: `.o_form_view .o_statusbar_status:has(button[data-value="${state}"].o_arrow_button_current)`,
    };
}

registry.category("web_tour.tours").add("oa_archive_file_tour", {
    url: "/odoo/action-oa_archive.oa_archive_item_action_to_file",
    steps: () => [
        openRecord(TITLE, "Open the item waiting to be filed"),
        statusIs("proposed", "It is to be filed"),
        ...clickHeaderButton(`button[name="action_file"]`, "File it (归档)"),
        statusIs("filed", "It is filed"),
        {
            content: "It has its archival code (档号)",
            trigger: `.o_form_view .o_field_widget[name="archival_code"]:contains("-WS·")`,
        },
    ],
});

registry.category("web_tour.tours").add("oa_archive_borrow_tour", {
    url: "/odoo/archive-catalogue",
    steps: () => [
        {
            isActive: ["mobile"],
            content: "Show the search bar",
            trigger: ".o_control_panel button:has(.fa-search)",
            run: "click",
        },
        {
            content: "Search the catalogue for words of the file text",
            trigger: ".o_control_panel .o_searchview_input",
            run: `edit ${FILE_WORDS}`,
        },
        {
            content: "Search (full text comes first)",
            trigger: ".o_control_panel .o_searchview_input",
            run: "press Enter",
        },
        {
            content: "The search is applied",
            trigger: ".o_control_panel .o_searchview_facet",
        },
        {
            content: "Only the item whose file holds the words is found",
            trigger: `.o_kanban_renderer:has(.o_kanban_record:contains("${TITLE}")):not(:has(.o_kanban_record:not(.o_kanban_ghost):not(:contains("${TITLE}"))))`,
        },
        {
            content: "Borrow it",
            trigger: `.o_kanban_record:contains("${TITLE}") button[name="action_borrow"]`,
            run: "click",
        },
        {
            content: "The loan asks for the item",
            trigger: `.o_form_view .o_field_widget[name="catalogue_ids"]:contains("${TITLE}")`,
        },
        {
            content: "An electronic loan",
            trigger: `.o_form_view .o_field_widget[name="loan_type"] input[data-value="electronic"]:checked`,
        },
        {
            content: "Give the purpose (利用目的)",
            trigger: `.o_form_view .o_field_widget[name="purpose"] textarea`,
            run: `edit ${PURPOSE}`,
        },
        ...clickHeaderButton(`button[name="action_submit"]`, "Submit the request"),
        statusIs("pending", "The request awaits approval"),
    ],
});

registry.category("web_tour.tours").add("oa_archive_loan_approve_tour", {
    url: "/odoo/oa-todo",
    steps: () => [
        {
            content: "Open the loan request from the inbox",
            trigger: [
                `.o_list_view .o_data_row:contains("JY-"):contains("${BORROWER}") button[name="action_open_record"]`,
                `.o_kanban_view .o_kanban_record:contains("JY-"):contains("${BORROWER}")`,
            ].join(", "),
            run: "click",
        },
        {
            content: "The loan is open, with its purpose",
            trigger: `.o_form_view .o_field_widget[name="purpose"]:contains("${PURPOSE}")`,
        },
        ...clickHeaderButton(
            `button[name="action_oa_act"].btn-primary`,
            "Approve (the other handling button refuses)"
        ),
        {
            content: "Confirm in the handling dialog",
            trigger: `.modal button[name="action_confirm"]:enabled`,
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The loan no longer waits for me",
            trigger: `.o_form_view:not(:has(.o_statusbar_buttons button[name="action_oa_act"]))`,
        },
    ],
});

// Started on the loan itself: /odoo/archive-loans/<id> (no url here, which
// would redirect to the list).
registry.category("web_tour.tours").add("oa_archive_loan_read_tour", {
    steps: () => [
        {
            content: "Catch the file the browser is asked to open",
            trigger: "body",
            run() {
                browser.open = (url) => {
                    document.body.dataset.oaArchiveOpened = url;
                };
            },
        },
        statusIs("lent", "It is on loan"),
        {
            content: "Show the files to read",
            trigger: `.o_form_view .o_notebook_headers a[name="files"]`,
            run: "click",
        },
        {
            content: "Open the lent file",
            trigger: [
                `.o_field_widget[name="file_ids"] .o_data_row:contains("${FILE_NAME}") button[name="action_open"]`,
                `.o_field_widget[name="file_ids"] .o_kanban_record:contains("${FILE_NAME}") button[name="action_open"]`,
            ].join(", "),
            run: "click",
        },
        {
            content: "The file opens",
            trigger: `body[data-oa-archive-opened*="/web/content/oa.archive.file/"][data-oa-archive-opened*="${FILE_NAME}"]`,
        },
    ],
});
