# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import OaFlowCase


@tagged("post_install", "-at_install")
class TestEngineModes(OaFlowCase):
    def test_role_chain_to_done_with_activities(self):
        """Leaders resolved from hr: initiator's manager, then supervisor."""
        tmpl = self.make_template(
            [
                {"assignee_type": "initiator_manager"},
                {"assignee_type": "initiator_supervisor"},
            ]
        )
        record = self.start(tmpl)
        self.assertEqual(self.pending_users(record), self.mgr_a)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )
        self.assertEqual(
            activity.user_id, self.mgr_a, "the to-do is in the manager's activities"
        )
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("oa_base.mail_activity_type_oa_todo"),
        )
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree(
            opinion="OK"
        )
        self.assertFalse(
            activity.exists(), "the activity disappears when the item is done"
        )
        self.assertEqual(self.pending_users(record), self.deputy)
        self.item_of(record, self.deputy).with_user(self.deputy).action_agree()
        self.assertEqual(record.oa_flow_id.state, "done")
        self.assertEqual(record.state, "done", "the record hook ran")
        self.assertEqual(self.actions(record), ["start", "agree", "agree", "done"])
        self.assertEqual(record.activated_steps, "s1,s2")

    def test_all_must_act(self):
        tmpl = self.make_template(
            [
                {
                    "mode": "all",
                    "assignee_type": "users",
                    "user_ids": self.mgr_a | self.mgr_b | self.colleague,
                },
                {"assignee_type": "users", "user_ids": self.leader},
            ]
        )
        record = self.start(tmpl)
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree()
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree()
        self.assertEqual(
            self.pending_users(record), self.colleague, "still waiting for the last one"
        )
        self.item_of(record, self.colleague).with_user(self.colleague).action_agree()
        self.assertEqual(self.pending_users(record), self.leader)

    def test_all_must_act_one_veto(self):
        tmpl = self.make_template(
            [
                {
                    "mode": "all",
                    "assignee_type": "users",
                    "user_ids": self.mgr_a | self.mgr_b,
                }
            ]
        )
        record = self.start(tmpl)
        item = self.item_of(record, self.mgr_a).with_user(self.mgr_a)
        with self.assertRaises(UserError, msg="disagreeing needs an opinion"):
            item.action_disagree()
        item.action_disagree(opinion="Numbers are wrong")
        self.assertEqual(record.oa_flow_id.state, "rejected")
        self.assertEqual(record.state, "rejected")
        self.assertFalse(self.pending_users(record))

    def test_any_one(self):
        tmpl = self.make_template(
            [
                {
                    "mode": "any",
                    "assignee_type": "users",
                    "user_ids": self.mgr_a | self.mgr_b,
                },
                {"assignee_type": "users", "user_ids": self.leader},
            ]
        )
        record = self.start(tmpl)
        b_item = self.item_of(record, self.mgr_b)
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree()
        self.assertEqual(b_item.sudo().state, "cancelled")
        self.assertFalse(
            self.env["mail.activity"].search([("oa_workitem_id", "=", b_item.id)]),
            "the other candidate's to-do is gone too",
        )
        self.assertEqual(self.pending_users(record), self.leader)
        with self.assertRaisesRegex(UserError, "no longer needed"):
            b_item.with_user(self.mgr_b).action_agree()

    def test_in_sequence(self):
        tmpl = self.make_template(
            [
                {
                    "mode": "sequence",
                    "assignee_type": "users",
                    "user_ids": self.mgr_a | self.mgr_b,
                }
            ]
        )
        record = self.start(tmpl)
        self.assertEqual(self.pending_users(record), self.mgr_a)
        b_item = self.item_of(record, self.mgr_b, state="waiting")
        with self.assertRaisesRegex(UserError, "not your turn"):
            b_item.with_user(self.mgr_b).action_agree()
        record_b = record.with_user(self.mgr_b)
        self.assertFalse(record_b.oa_can_act)
        self.assertIn("not your turn", record_b.oa_cannot_act_reason)
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree()
        self.assertEqual(self.pending_users(record), self.mgr_b)
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree()
        self.assertEqual(record.oa_flow_id.state, "done")

    def test_first_to_claim(self):
        tmpl = self.make_template(
            [
                {
                    "mode": "claim",
                    "assignee_type": "users",
                    "user_ids": self.mgr_a | self.mgr_b,
                }
            ]
        )
        record = self.start(tmpl)
        a_item = self.item_of(record, self.mgr_a)
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_claim()
        self.assertEqual(a_item.sudo().state, "cancelled")
        self.assertEqual(self.pending_users(record), self.mgr_b)
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree()
        self.assertEqual(record.oa_flow_id.state, "done")

    def test_group_and_department_roles(self):
        tmpl = self.make_template(
            [
                {
                    "assignee_type": "department_supervisor",
                    "department_id": self.dept_b.id,
                },
                {
                    "assignee_type": "department_manager",
                    "department_id": self.dept_b.id,
                },
                {
                    "assignee_type": "group",
                    "group_id": self.env.ref("oa_base.group_oa_office").id,
                    "mode": "any",
                },
            ]
        )
        record = self.start(tmpl)
        self.assertEqual(self.pending_users(record), self.deputy2)
        self.item_of(record, self.deputy2).with_user(self.deputy2).action_agree()
        self.assertEqual(self.pending_users(record), self.mgr_b)
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree()
        self.assertIn(self.office, self.pending_users(record))

    def test_missing_leader_is_a_clear_error(self):
        tmpl = self.make_template([{"assignee_type": "initiator_manager"}])
        with self.assertRaisesRegex(UserError, "Nobody can handle the step"):
            self.start(tmpl, user=self.outsider)
        self.assertFalse(
            self.Record.search(
                [("create_uid", "=", self.outsider.id), ("oa_flow_id", "!=", False)]
            )
        )

    def test_free_routing_seed_000(self):
        """分管局长 gives the document to exactly one section leader (主办) and any
        number of others (协办); the section leader completes it or hands it on."""
        tmpl = self.make_template(
            [
                {
                    "name": "Instruct",
                    "assignee_type": "users",
                    "user_ids": self.deputy,
                    "choose_next": True,
                    "choose_lead": True,
                    "choice_group_id": self.env.ref("oa_base.group_oa_user").id,
                },
                {"name": "Handle", "mode": "all", "assignee_type": "chosen"},
            ]
        )
        record = self.start(tmpl)
        item = self.item_of(record, self.deputy).with_user(self.deputy)
        with self.assertRaisesRegex(UserError, "exactly one lead"):
            item.action_agree(next_users=self.mgr_b, next_leads=self.mgr_a | self.mgr_b)
        with self.assertRaisesRegex(UserError, "cannot be chosen"):
            item.action_agree(next_users=self.auditor, next_leads=self.mgr_a)
        item.action_agree(
            opinion="Section A leads", next_users=self.mgr_b, next_leads=self.mgr_a
        )
        items = record.oa_flow_id.sudo().current_step_id.workitem_ids
        self.assertEqual(items.filtered(lambda w: w.role == "lead").user_id, self.mgr_a)
        self.assertEqual(
            items.filtered(lambda w: w.role == "assist").user_id, self.mgr_b
        )
        # The section leader hands it on to staff, who handle it.
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_transfer(
            self.colleague, opinion="Please handle"
        )
        self.item_of(record, self.colleague).with_user(self.colleague).action_agree(
            opinion="Handled: replied"
        )
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree(
            opinion="Assisted"
        )
        self.assertEqual(record.oa_flow_id.state, "done")

    def test_several_deputies_several_sections(self):
        """What the seed's old system could not do: two 分管局长 on one document,
        each giving it to their own section."""
        tmpl = self.make_template(
            [
                {
                    "name": "Instruct",
                    "mode": "all",
                    "assignee_type": "users",
                    "user_ids": self.deputy | self.deputy2,
                    "choose_next": True,
                    "choose_lead": True,
                },
                {"name": "Handle", "mode": "all", "assignee_type": "chosen"},
            ]
        )
        record = self.start(tmpl)
        self.item_of(record, self.deputy).with_user(self.deputy).action_agree(
            next_leads=self.mgr_a
        )
        self.assertEqual(
            self.pending_users(record), self.deputy2, "the step waits for both deputies"
        )
        self.item_of(record, self.deputy2).with_user(self.deputy2).action_agree(
            next_leads=self.mgr_b, next_users=self.colleague
        )
        items = record.oa_flow_id.sudo().current_step_id.workitem_ids
        self.assertEqual(
            items.filtered(lambda w: w.role == "lead").user_id, self.mgr_a | self.mgr_b
        )
        self.assertEqual(
            items.filtered(lambda w: w.role == "assist").user_id, self.colleague
        )

    def test_route_snapshot_ignores_template_edits(self):
        """Editing a template never changes a running flow (OCA server-ux#306)."""
        tmpl = self.make_template(
            [
                {"assignee_type": "users", "user_ids": self.mgr_a},
                {"assignee_type": "users", "user_ids": self.mgr_b},
            ]
        )
        record = self.start(tmpl)
        admin = new_test_user(
            self.env, login="oa_admin_x", groups="oa_base.group_oa_admin"
        )
        tmpl.with_user(admin).step_ids[1].write(
            {"user_ids": [(6, 0, self.leader.ids)], "mode": "all"}
        )
        tmpl.with_user(admin).write(
            {
                "step_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Extra",
                            "assignee_type": "users",
                            "user_ids": [(6, 0, self.outsider.ids)],
                            "sequence": 99,
                        },
                    )
                ]
            }
        )
        self.item_of(record, self.mgr_a).with_user(self.mgr_a).action_agree()
        self.assertEqual(
            self.pending_users(record), self.mgr_b, "the snapshot, not the edit"
        )
        self.item_of(record, self.mgr_b).with_user(self.mgr_b).action_agree()
        self.assertEqual(
            record.oa_flow_id.state, "done", "no extra step in a running flow"
        )
        new = self.start(tmpl, name="After the edit")
        self.item_of(new, self.mgr_a).with_user(self.mgr_a).action_agree()
        self.assertEqual(self.pending_users(new), self.leader, "new flows use the edit")
        # Refused: a plain user cannot edit templates.
        with self.assertRaises(AccessError):
            tmpl.with_user(self.staff).write({"name": "hijacked"})
