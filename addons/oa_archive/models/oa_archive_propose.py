# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

FLOW_MIXIN = "oa.flow.mixin"


class OaArchivePropose(models.TransientModel):
    """Propose filing any closed OA record (approvals, notices, documents...).

    Every model on the routing engine (inheriting ``oa.flow.mixin``) can be
    picked, except the archive's own records. The record must be closed (its
    flow completed) and readable by the clerk; the new item lands in the
    filing queue with its catalogue values, files and handling record.
    """

    _name = "oa.archive.propose"
    _description = "Propose Filing an OA Record"

    record_ref = fields.Reference(
        selection="_selection_record_ref", string="Record", required=True
    )

    @api.model
    def _get_flow_models(self):
        """Names of the concrete models on the routing engine."""
        registry = self.env.registry
        names, todo = set(), [FLOW_MIXIN]
        while todo:
            for child in registry[todo.pop()]._inherit_children:
                if child not in names and child in registry:
                    names.add(child)
                    todo.append(child)
        return sorted(
            name
            for name in names
            if not registry[name]._abstract
            and not registry[name]._transient
            and not name.startswith("oa.archive.")
        )

    @api.model
    def _selection_record_ref(self):
        models_ = (
            self.env["ir.model"]
            .sudo()
            .search([("model", "in", self._get_flow_models())])
        )
        return [(model.model, model.name) for model in models_.sorted("name")]

    def action_propose(self):
        """Propose filing the chosen record and open the new item."""
        self.ensure_one()
        if not self.env.user.has_group("oa_base.group_oa_clerk"):
            raise UserError(self.env._("Only clerks and archivists file records."))
        record = self.record_ref
        if not record or record._name not in self._get_flow_models():
            raise UserError(self.env._("Choose a record handled on the OA flows."))
        record.check_access("read")
        if record.sudo().oa_flow_id.state != "done":
            raise UserError(
                self.env._(
                    "%(record)s is not closed: only a record whose handling is "
                    "completed is filed.",
                    record=record.display_name,
                )
            )
        existing = (
            self.env["oa.archive.item"]
            .sudo()
            .search(
                [
                    ("res_model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("state", "!=", "excluded"),
                ],
                limit=1,
            )
        )
        if existing:
            raise UserError(
                self.env._(
                    "%(record)s is already proposed or filed (%(item)s).",
                    record=record.display_name,
                    item=existing.archival_code or existing.name,
                )
            )
        item = self.env["oa.archive.item"]._propose_for(record)
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.archive.item",
            "res_id": item.id,
            "view_mode": "form",
        }
