# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

ITEM_ACTIONS = [
    ("agree", "Agree / Complete"),
    ("disagree", "Disagree"),
    ("return", "Return"),
    ("transfer", "Hand Over"),
    ("add_sign", "Add Handlers"),
    ("save", "Save Opinion Only"),
]
FLOW_ACTIONS = [
    ("circulate", "Circulate for Reading"),
    ("urge", "Urge"),
    ("terminate", "Terminate"),
]


class OaFlowAct(models.TransientModel):
    """The handling dialog: one action with an opinion (常用语), a signature, and
    the choices the action needs (return target, people, next handlers)."""

    _name = "oa.flow.act"
    _description = "Handle a Work Item"

    workitem_id = fields.Many2one("oa.workitem")
    flow_id = fields.Many2one(
        "oa.flow", compute="_compute_flow_id", store=True, readonly=False
    )
    action = fields.Selection(
        ITEM_ACTIONS + FLOW_ACTIONS, required=True, default="agree"
    )
    opinion = fields.Text()
    phrase_id = fields.Many2one("oa.phrase", string="Common Phrase")
    signature = fields.Binary(string="Handwritten Signature")
    step_name = fields.Char(related="workitem_id.step_id.name")
    return_step_ids = fields.Many2many(
        "oa.flow.step", compute="_compute_return_step_ids", string="Returnable Steps"
    )
    return_step_id = fields.Many2one(
        "oa.flow.step",
        string="Return To",
        domain="[('id', 'in', return_step_ids)]",
    )
    return_to_me = fields.Boolean(
        string="Come Straight Back to Me",
        help="When the returned step is done, the flow comes back to you instead of "
        "going through the steps in between again.",
    )
    user_id = fields.Many2one(
        "res.users", string="Hand Over To", domain="[('share', '=', False)]"
    )
    user_ids = fields.Many2many(
        "res.users", string="People", domain="[('share', '=', False)]"
    )
    add_position = fields.Selection(
        [("before", "Before Me"), ("after", "After Me")], default="before"
    )
    choose_next = fields.Boolean(related="workitem_id.step_id.choose_next")
    choose_lead = fields.Boolean(related="workitem_id.step_id.choose_lead")
    next_lead_id = fields.Many2one(
        "res.users", string="Lead (主办)", domain="[('share', '=', False)]"
    )
    next_user_ids = fields.Many2many(
        "res.users",
        "oa_flow_act_next_user_rel",
        "act_id",
        "user_id",
        string="Next Handlers",
        domain="[('share', '=', False)]",
    )

    # ------------------------------------------------------------
    # Computes and onchanges
    # ------------------------------------------------------------

    @api.depends("workitem_id")
    def _compute_flow_id(self):
        for wizard in self:
            if wizard.workitem_id:
                wizard.flow_id = wizard.workitem_id.flow_id

    @api.depends("workitem_id")
    def _compute_return_step_ids(self):
        for wizard in self:
            wizard.return_step_ids = (
                wizard.workitem_id._get_return_targets()
                if wizard.workitem_id
                else False
            )

    @api.onchange("phrase_id")
    def _onchange_phrase_id(self):
        if self.phrase_id:
            self.opinion = (
                f"{self.opinion}\n{self.phrase_id.name}"
                if self.opinion
                else self.phrase_id.name
            )
            self.phrase_id = False

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_confirm(self):
        self.ensure_one()
        item = self.workitem_id
        action = self.action
        if action in dict(ITEM_ACTIONS) and not item:
            raise UserError(self.env._("There is no work item to act on."))
        if action == "agree":
            item.action_agree(
                opinion=self.opinion,
                signature=self.signature,
                next_users=self.next_user_ids,
                next_leads=self.next_lead_id,
            )
        elif action == "disagree":
            item.action_disagree(opinion=self.opinion, signature=self.signature)
        elif action == "return":
            item.action_return(
                opinion=self.opinion,
                target_step=self.return_step_id or None,
                return_to_me=self.return_to_me,
            )
        elif action == "transfer":
            item.action_transfer(self.user_id, opinion=self.opinion)
        elif action == "add_sign":
            item.action_add_sign(
                self.user_ids, position=self.add_position, opinion=self.opinion
            )
        elif action == "save":
            item.action_save_draft(self.opinion)
        elif action == "circulate":
            self.flow_id.action_circulate(self.user_ids, opinion=self.opinion)
        elif action == "urge":
            self.flow_id.action_urge(self.opinion)
        elif action == "terminate":
            self.flow_id.action_terminate(self.opinion)
        return {"type": "ir.actions.act_window_close"}
