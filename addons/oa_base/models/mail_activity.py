# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    oa_workitem_id = fields.Many2one(
        "oa.workitem",
        string="Work Item",
        index="btree_not_null",
        ondelete="cascade",
        help="The OA work item this to-do mirrors; it disappears when the item "
        "is done.",
    )

    def _action_done(self, feedback=False, attachment_ids=None):
        # An OA to-do is done by acting on the flow (opinion, trace), not by
        # ticking the activity: ticking it would hide work that is still due.
        if not self.env.su and any(self.mapped("oa_workitem_id")):
            raise UserError(
                self.env._(
                    "Handle this item from the document: its flow needs your action "
                    "and opinion."
                )
            )
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
