# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OaDocumentResult(models.Model):
    """办理结果: what a lead (主办) or assisting (协办) unit did with a document."""

    _name = "oa.document.result"
    _description = "Handling Result"
    _order = "document_id, id"

    document_id = fields.Many2one(
        "oa.document", required=True, ondelete="cascade", index=True
    )
    department_id = fields.Many2one("hr.department", string="Unit")
    role = fields.Selection(
        [("lead", "Lead (主办)"), ("assist", "Assist (协办)")],
        required=True,
        default="lead",
    )
    user_id = fields.Many2one("res.users", string="Handled By", required=True)
    on_behalf_of_id = fields.Many2one("res.users", string="On Behalf Of")
    result = fields.Text(required=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True)
