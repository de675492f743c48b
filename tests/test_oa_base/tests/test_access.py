# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import OaFlowCase


@tagged("post_install", "-at_install")
class TestAccess(OaFlowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmpl = cls.make_template(
            [{"assignee_type": "users", "user_ids": cls.mgr_a}]
        )

    def test_outsider_cannot_read_flow_items_or_trace(self):
        record = self.start(self.tmpl)
        flow = record.oa_flow_id
        for model, ids in (
            ("oa.flow", flow.ids),
            ("oa.workitem", flow.sudo().workitem_ids.ids),
            ("oa.trace", flow.sudo().trace_ids.ids),
            ("oa.flow.step", flow.sudo().step_ids.ids),
            ("test.oa.flow.record", record.ids),
        ):
            with self.subTest(model=model):
                self.assertFalse(
                    self.env[model].with_user(self.outsider).search([("id", "in", ids)])
                )
                with self.assertRaises(AccessError):
                    self.env[model].with_user(self.outsider).browse(ids).read(
                        ["create_date"]
                    )
        # People on the flow read it; the handler sees only their own items.
        self.assertTrue(flow.with_user(self.mgr_a).read(["name"]))
        self.assertTrue(flow.with_user(self.staff).read(["name"]))
        self.assertEqual(
            self.env["oa.workitem"]
            .with_user(self.staff)
            .search([("flow_id", "=", flow.id)])
            .user_id,
            self.env["res.users"],
            "the initiator holds no item and reads none",
        )

    def test_office_reads_everything(self):
        record = self.start(self.tmpl)
        self.assertEqual(
            self.env["oa.flow"]
            .with_user(self.office)
            .search([("id", "=", record.oa_flow_id.id)]),
            record.oa_flow_id,
        )
        self.assertTrue(
            self.env["oa.workitem"]
            .with_user(self.office)
            .search([("flow_id", "=", record.oa_flow_id.id)])
        )
        self.assertTrue(record.with_user(self.office).read(["name"]))

    def test_nobody_writes_engine_rows_directly(self):
        record = self.start(self.tmpl)
        item = record.oa_flow_id.sudo().workitem_ids
        with self.assertRaises(AccessError):
            item.with_user(self.mgr_a).write({"state": "done"})
        with self.assertRaises(AccessError):
            record.oa_flow_id.with_user(self.office).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.env["oa.trace"].with_user(self.office).create(
                {
                    "flow_id": record.oa_flow_id.id,
                    "flow_name": "x",
                    "action": "agree",
                    "user_id": self.office.id,
                }
            )

    def test_auditor_reads_audit_trail_only(self):
        record = self.start(self.tmpl)
        Trace = self.env["oa.trace"].with_user(self.auditor)
        self.assertTrue(Trace.search([("flow_id", "=", record.oa_flow_id.id)]))
        self.assertTrue(
            self.env["oa.audit.log"].with_user(self.auditor).search_count([]) >= 0
        )
        for model in ("oa.flow", "oa.workitem", "test.oa.flow.record", "oa.delegation"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.auditor).search([])
        with self.assertRaises(AccessError):
            self.env["oa.audit.log"].with_user(self.office).search([])

    def test_separation_of_duties(self):
        with self.assertRaises(ValidationError):
            self.auditor.write(
                {"groups_id": [(4, self.env.ref("oa_base.group_oa_user").id)]}
            )
        with self.assertRaises(ValidationError):
            self.auditor.write(
                {"groups_id": [(4, self.env.ref("base.group_system").id)]}
            )

    def test_rights_changes_are_audited(self):
        self.outsider.write(
            {"groups_id": [(4, self.env.ref("oa_base.group_oa_clerk").id)]}
        )
        log = self.env["oa.audit.log"].search(
            [("event", "=", "groups"), ("res_id", "=", self.outsider.id)]
        )
        self.assertEqual(len(log), 1)
        self.assertIn("Clerk", log.description)
        with self.assertRaises(UserError):
            log.write({"description": "nothing happened"})

    def test_phrases_personal_and_shared(self):
        Phrase = self.env["oa.phrase"]
        mine = Phrase.with_user(self.staff).create({"name": "Mine"})
        self.assertIn(mine, Phrase.with_user(self.staff).search([]))
        self.assertIn(
            self.env.ref("oa_base.oa_phrase_agree"),
            Phrase.with_user(self.staff).search([]),
        )
        self.assertNotIn(mine, Phrase.with_user(self.outsider).search([]))
        with self.assertRaises(AccessError):
            self.env.ref("oa_base.oa_phrase_agree").with_user(self.staff).write(
                {"name": "changed"}
            )
