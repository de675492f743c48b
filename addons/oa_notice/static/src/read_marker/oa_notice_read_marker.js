/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
//
// Placed on the notice form: opening a published notice records the reader's
// first view on the server (oa.notice.oa_record_read, once per person, safe
// when two tabs open it at once) and shows when it was first read.

import {Component, onMounted, onWillUpdateProps, useState} from "@odoo/owl";
import {deserializeDateTime, formatDateTime} from "@web/core/l10n/dates";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";

const VISIBLE_STATES = ["published", "expired"];

export class OaNoticeReadMarker extends Component {
    static template = "oa_notice.ReadMarker";
    static props = {...standardWidgetProps};

    setup() {
        this.orm = useService("orm");
        this.state = useState({resId: false, dateRead: false, first: false});
        onMounted(() => this.recordRead(this.props.record));
        onWillUpdateProps((nextProps) => {
            if (nextProps.record.resId !== this.state.resId) {
                this.recordRead(nextProps.record);
            }
        });
    }

    get dateLabel() {
        return this.state.dateRead
            ? formatDateTime(deserializeDateTime(this.state.dateRead))
            : "";
    }

    async recordRead(record) {
        const resId = record.resId;
        this.state.resId = resId;
        if (!resId || !VISIBLE_STATES.includes(record.data.state)) {
            this.state.dateRead = false;
            return;
        }
        const result = await this.orm.call("oa.notice", "oa_record_read", [[resId]]);
        const info = result[resId];
        if (info && this.state.resId === resId) {
            this.state.dateRead = info.date_read;
            this.state.first = info.first;
        }
    }
}

export const oaNoticeReadMarker = {
    component: OaNoticeReadMarker,
};

registry.category("view_widgets").add("oa_notice_read_marker", oaNoticeReadMarker);
