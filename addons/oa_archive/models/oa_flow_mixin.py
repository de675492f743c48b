# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaFlowMixin(models.AbstractModel):
    """Any record handled on the routing engine can be filed: these defaults
    take its title, date, files (the attachments of its chatter) and its
    handling record (the trace). Models override what they know better."""

    _inherit = "oa.flow.mixin"

    def _oa_archive_get_values(self):
        """Catalogue values of a new ``oa.archive.item`` for ``self``.

        May hold ``department`` (an ``hr.department``: the unit class is the
        one mapped to it) and ``filer_id`` (who gets the 待归档 activity).
        """
        self.ensure_one()
        date = (
            fields.Datetime.context_timestamp(self, self.create_date).date()
            if self.create_date
            else False
        )
        department = self.env["hr.department"]
        field = self._fields.get("department_id")
        if (
            field
            and field.type == "many2one"
            and field.comodel_name == department._name
        ):
            department = self.sudo().department_id
        return {
            "department": department,
            "name": self._oa_get_flow_title(),
            "author": self.company_id.name if "company_id" in self._fields else False,
            "date": date,
            "year": (date or self.env.cr.now()).year,
            "kind": self.env["ir.model"]._get(self._name).name,
            "file_ids": [(0, 0, vals) for vals in self._oa_archive_get_files()],
            "event_ids": [(0, 0, vals) for vals in self._oa_archive_get_events()],
        }

    def _oa_archive_get_files(self):
        """``oa.archive.file`` values: by default the chatter's attachments,
        the first as the main text."""
        self.ensure_one()
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", False),
                ],
                order="id",
            )
        )
        return [
            {
                "role": "main" if index == 0 else "attachment",
                "sequence": index,
                "name": attachment.name,
                "file_name": attachment.name,
                "file": attachment.datas,
            }
            for index, attachment in enumerate(attachments)
        ]

    def _oa_archive_get_events(self):
        """``oa.archive.event`` values from the engine's trace, oldest first."""
        self.ensure_one()
        traces = (
            self.env["oa.trace"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("res_id", "=", self.id)],
                order="date, id",
            )
        )
        labels = dict(traces._fields["action"]._description_selection(self.env))
        traces.user_id.employee_id.fetch(["department_id", "job_title"])
        events = []
        for index, trace in enumerate(traces):
            employee = trace.user_id.employee_id[:1]
            action = labels.get(trace.action, trace.action)
            events.append(
                {
                    "sequence": index,
                    "action": trace.step_name or action,
                    "step_name": action,
                    "date": trace.date,
                    "user_id": trace.user_id.id,
                    "agent_name": trace.user_id.name,
                    "department_name": employee.department_id.name or False,
                    "position": employee.job_title or False,
                    "on_behalf_of": trace.on_behalf_of_id.name or False,
                    "description": trace.opinion or trace.target_names or False,
                }
            )
        return events

    def action_oa_archive_propose(self):
        """Propose filing these records now (the clerk confirms in Archives)."""
        items = self.env["oa.archive.item"]._propose_for(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.archive.item",
            "name": self.env._("To File"),
            "view_mode": "list,form",
            "domain": [("id", "in", items.ids)],
        }
