/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// A reader opens Odoo on the notice board: the must-read notice greets them;
// they open it, their reading is recorded, and back on the board it is no
// longer unread while another notice still is. Runs at desktop size and at
// phone size. Triggers use classes and field names, never translated labels.
// Data and checks are in tests/test_ui.py.

import {registry} from "@web/core/registry";

const TITLE = "Tour: must-read inspection notice";
const OTHER = "Tour: canteen opening hours";

registry.category("web_tour.tours").add("oa_notice_must_read_tour", {
    url: "/odoo/oa-notices",
    steps: () => [
        {
            content: "The must-read notice greets the reader",
            trigger: `.o_oa_notice_greeting .o_oa_notice_greeting_item:contains("${TITLE}")`,
        },
        {
            content: "Open it from the greeting",
            trigger: `.o_oa_notice_greeting .o_oa_notice_greeting_item:contains("${TITLE}") .o_oa_notice_greeting_open`,
            run: "click",
        },
        {
            content: "The notice is open",
            trigger: `.o_form_view .o_field_widget[name="name"]:contains("${TITLE}")`,
        },
        {
            content: "Its body reads",
            trigger: `.o_form_view .o_field_widget[name="body"]:contains("Bring your ledgers")`,
        },
        {
            content: "The reading is recorded",
            trigger: `.o_form_view .o_oa_notice_read_marker[data-read="1"] .o_oa_notice_read_date:not(:empty)`,
        },
        {
            content: "No greeting any more",
            trigger: "body:not(:has(.o_oa_notice_greeting))",
        },
        {
            content: "Back to the board (breadcrumb; in the navbar on a phone)",
            trigger: ".o_back_button",
            run: "click",
        },
        {
            content: "The other notice is still unread",
            trigger: `.o_oa_notice_board .o_kanban_record:contains("${OTHER}") .o_oa_notice_unread`,
        },
        {
            content: "The must-read notice is read now, pinned first",
            trigger: `.o_oa_notice_board .o_kanban_record:first:contains("${TITLE}"):not(:has(.o_oa_notice_unread)):has(.o_oa_notice_pinned)`,
        },
    ],
});
