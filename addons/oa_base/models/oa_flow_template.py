# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OaFlowTemplate(models.Model):
    """A flow template (流程模板): the ordered steps a record of one model goes through.

    Templates are configuration. When a flow starts, its steps are copied into
    ``oa.flow.step`` rows (the route snapshot), so editing or archiving a template
    never changes a running flow.
    """

    _name = "oa.flow.template"
    _description = "Flow Template"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        help="Technical code used by addons to find their default template.",
        index=True,
        tracking=True,
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    res_model = fields.Char(
        string="Document Model",
        required=True,
        index=True,
        tracking=True,
        help="Technical name of the model whose records run this flow.",
    )
    description = fields.Text(translate=True)
    step_ids = fields.One2many("oa.flow.template.step", "template_id", copy=True)
    step_count = fields.Integer(compute="_compute_step_count")
    deadline_days = fields.Integer(
        string="Handling Time (working days)",
        default=0,
        help="Working days allowed for the whole flow. 0 uses the default handling "
        "time (7 working days unless configured otherwise).",
        tracking=True,
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    _sql_constraints = [
        (
            "code_model_uniq",
            "unique(code, res_model, company_id)",
            "A flow template code must be unique per model and company.",
        ),
    ]

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("step_ids")
    def _compute_step_count(self):
        counts = {
            template.id: count
            for template, count in self.env["oa.flow.template.step"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        }
        for template in self:
            template.step_count = counts.get(template.id, 0)

    # ------------------------------------------------------------
    # Business
    # ------------------------------------------------------------

    @api.model
    def _oa_get_default(self, res_model, code=None):
        """Return the template to use for ``res_model`` (by ``code`` when given)."""
        domain = [("res_model", "=", res_model)]
        if code:
            domain.append(("code", "=", code))
        return self.search(domain, limit=1)

    def _prepare_flow_step_vals(self):
        """Snapshot of the steps, as values for ``oa.flow.step`` rows."""
        self.ensure_one()
        return [step._prepare_flow_step_vals() for step in self.step_ids]
