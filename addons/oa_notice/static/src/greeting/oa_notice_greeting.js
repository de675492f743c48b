/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// Greets an OA user with the must-read notices they have not read yet, each
// time the web client starts and when one is published for them (bus). The
// dialog lists them; "Read" opens the notice, whose form records the read
// (see read_marker). It comes back until every one of them is read.

import {Component} from "@odoo/owl";
import {Dialog} from "@web/core/dialog/dialog";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";

export class OaNoticeGreetingDialog extends Component {
    static template = "oa_notice.GreetingDialog";
    static components = {Dialog};
    static props = {
        notices: Array,
        onOpen: Function,
        close: Function,
    };

    get title() {
        return _t("Notices you must read");
    }

    open(notice) {
        this.props.close();
        this.props.onOpen(notice);
    }
}

export const oaNoticeGreetingService = {
    dependencies: ["orm", "dialog", "action", "notification", "bus_service"],
    start(env, {orm, dialog, action, notification, bus_service}) {
        let closeDialog = null;

        function openNotice(notice) {
            return action.doAction({
                type: "ir.actions.act_window",
                res_model: "oa.notice",
                res_id: notice.id,
                views: [[false, "form"]],
                target: "current",
            });
        }

        async function greet() {
            if (!(await user.hasGroup("oa_base.group_oa_user"))) {
                return;
            }
            const notices = await orm.silent.call(
                "oa.notice",
                "get_must_read_greeting",
                []
            );
            if (closeDialog) {
                closeDialog();
                closeDialog = null;
            }
            if (!notices.length) {
                return;
            }
            closeDialog = dialog.add(
                OaNoticeGreetingDialog,
                {notices, onOpen: openNotice},
                {
                    onClose: () => {
                        closeDialog = null;
                    },
                }
            );
        }

        bus_service.subscribe("oa.notice/published", (payload) => {
            if (payload.must_read) {
                greet();
                return;
            }
            notification.add(payload.name, {
                title: _t("New notice"),
                type: "info",
                buttons: [
                    {
                        name: _t("Read Now"),
                        primary: true,
                        onClick: () => openNotice(payload),
                    },
                ],
            });
        });
        // Greet once the first screen is shown, so that the notice opens on top
        // of it (with a way back) rather than instead of it.
        let started = false;
        env.bus.addEventListener("ACTION_MANAGER:UI-UPDATED", ({detail: mode}) => {
            if (!started && mode !== "new") {
                started = true;
                greet();
            }
        });
        return {greet};
    },
};

registry.category("services").add("oa_notice_greeting", oaNoticeGreetingService);
