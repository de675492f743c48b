# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import OaFlowCase


@tagged("post_install", "-at_install")
class TestDelegation(OaFlowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmpl = cls.make_template(
            [{"assignee_type": "users", "user_ids": cls.mgr_a}]
        )
        cls.other_tmpl = cls.make_template(
            [{"assignee_type": "users", "user_ids": cls.mgr_a}], name="Other flow"
        )
        now = fields.Datetime.now()
        cls.period = {
            "date_from": now - timedelta(hours=1),
            "date_to": now + timedelta(days=3),
        }

    def delegate(self, user=None, **kw):
        user = user or self.mgr_a
        return (
            self.env["oa.delegation"]
            .with_user(user)
            .create({**self.period, "delegate_id": self.colleague.id, **kw})
        )

    def test_items_go_to_delegate_on_behalf(self):
        self.delegate(template_ids=[(6, 0, self.tmpl.ids)])
        record = self.start(self.tmpl)
        item = self.item_of(record, self.colleague)
        self.assertEqual(item.on_behalf_of_id, self.mgr_a)
        item.with_user(self.colleague).action_agree(opinion="For Mgr_A")
        trace = record.oa_flow_id.sudo().trace_ids.filtered(
            lambda t: t.action == "agree"
        )
        self.assertEqual(trace.user_id, self.colleague)
        self.assertEqual(trace.on_behalf_of_id, self.mgr_a)
        self.assertEqual(trace.actor_display, "Colleague on behalf of Mgr_A")
        # Not delegated: the other flow type still reaches the manager.
        other = self.start(self.other_tmpl, name="Other")
        self.assertEqual(self.pending_users(other), self.mgr_a)
        # The delegate sees only what was delegated.
        self.assertFalse(
            self.Record.with_user(self.colleague).search([("id", "=", other.id)])
        )
        with self.assertRaises(AccessError):
            other.with_user(self.colleague).read(["name"])

    def test_revoke_hands_items_back(self):
        delegation = self.delegate()
        record = self.start(self.tmpl)
        self.assertEqual(self.pending_users(record), self.colleague)
        delegation.with_user(self.mgr_a).action_revoke()
        self.assertEqual(self.pending_users(record), self.mgr_a)
        self.assertFalse(self.item_of(record, self.mgr_a).on_behalf_of_id)
        activity = self.env["mail.activity"].search(
            [("res_id", "=", record.id), ("res_model", "=", record._name)]
        )
        self.assertEqual(activity.user_id, self.mgr_a)
        self.assertTrue(
            self.env["oa.audit.log"].search(
                [("event", "=", "delegation"), ("res_id", "=", delegation.id)]
            )
        )

    def test_expired_delegation_does_not_apply(self):
        now = fields.Datetime.now()
        self.env["oa.delegation"].with_user(self.mgr_a).create(
            {
                "delegate_id": self.colleague.id,
                "date_from": now - timedelta(days=5),
                "date_to": now - timedelta(days=1),
            }
        )
        record = self.start(self.tmpl)
        self.assertEqual(self.pending_users(record), self.mgr_a)

    def test_rules(self):
        with self.assertRaises(ValidationError):
            self.delegate(delegate_id=self.mgr_a.id)
        self.delegate()
        with self.assertRaises(ValidationError, msg="overlapping period"):
            self.delegate()
        with self.assertRaisesRegex(UserError, "security officer"):
            self.env["oa.delegation"].with_user(self.staff).create(
                dict(self.period, user_id=self.mgr_b.id, delegate_id=self.colleague.id)
            )
        mine = self.env["oa.delegation"].with_user(self.outsider).search([])
        self.assertFalse(mine, "others' delegations are not visible")
        officer = self.env["res.users"].create(
            {
                "name": "Officer",
                "login": "officer",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("oa_base.group_oa_security_officer").id,
                        ],
                    )
                ],
            }
        )
        delegation = (
            self.env["oa.delegation"]
            .with_user(officer)
            .create(
                dict(self.period, user_id=self.mgr_b.id, delegate_id=self.colleague.id)
            )
        )
        delegation.with_user(officer).action_revoke()
        self.assertEqual(delegation.state, "revoked")
        with self.assertRaisesRegex(UserError, "delegator or the security officer"):
            self.delegate(user=self.mgr_b).with_user(self.outsider).sudo(
                False
            ).action_revoke()
