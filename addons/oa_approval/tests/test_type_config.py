# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Approval types configured without code: fields, groups, numbering, route."""

import base64

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OaApprovalCase


@tagged("post_install", "-at_install")
class TestTypeConfig(OaApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.strict = cls.make_type(
            "YZ",
            [{"assignee_type": "initiator_manager", "code": "manager"}],
            field_amount="required",
            field_date="required",
            field_location="required",
            field_reason="required",
            field_attachment="required",
            field_partner="no",
        )

    def label(self, fname):
        return self.Request._fields[fname].get_description(self.env)["string"]

    def test_required_fields_refused_with_the_whole_list_and_nothing_lost(self):
        request = self.new_request(
            self.zhk_he,
            self.strict,
            subject="赴东湖区开展执法检查",
            reason=False,
            partner_id=self.zhk_gao.partner_id.id,
        )
        with self.assertRaises(UserError) as caught:
            request.action_submit()
        message = str(caught.exception)
        for fname in ("amount", "date", "location", "reason", "attachment_ids"):
            self.assertIn(self.label(fname), message)
        # The hidden partner is not asked for, the optional period not either.
        self.assertNotIn(self.label("partner_id"), message)
        self.assertNotIn(self.label("date_start"), message)
        request = self.fresh(request, self.zhk_he)
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.name, "no number is taken by a refused submission")
        self.assertEqual(request.subject, "赴东湖区开展执法检查")
        self.assertFalse(request.oa_flow_id)

    def test_hidden_and_optional_fields(self):
        request = self.new_request(self.zhk_he, self.strict)
        self.assertEqual(request.field_partner, "no")
        self.assertEqual(request.field_amount, "required")
        self.assertEqual(request.field_period, "no")
        states = self.strict._get_field_states()
        self.assertEqual(states["partner_id"], "no")
        self.assertEqual(states["date_start"], "no")
        self.assertEqual(states["date_end"], "no")
        self.assertEqual(states["attachment_ids"], "required")
        # The form hides what the type hides.
        arch = self.Request.get_view(view_type="form")["arch"]
        self.assertIn("field_partner == 'no'", arch)
        self.assertIn("field_attachment == 'required'", arch)

    def test_attachment_required_then_readable_by_the_approver(self):
        request = self.new_request(
            self.zhk_he,
            self.strict,
            amount=800,
            date="2026-03-02",
            location="东湖区",
        )
        with self.assertRaisesRegex(UserError, self.label("attachment_ids")):
            request.action_submit()
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.zhk_he)
            .create(
                {
                    "name": "报价单.txt",
                    "datas": base64.b64encode("报价：800元".encode()),
                    "res_model": "oa.approval.request",
                    "res_id": 0,
                }
            )
        )
        request.attachment_ids = [(4, attachment.id)]
        self.assertEqual(attachment.sudo().res_id, request.id)
        request.action_submit()
        self.assertEqual(request.state, "pending")
        self.env.invalidate_all()
        seen = self.env["ir.attachment"].with_user(self.zhk_xu).browse(attachment.id)
        self.assertEqual(seen.name, "报价单.txt")
        # Someone the request never reached cannot read it.
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].with_user(self.hsk_zheng).browse(
                attachment.id
            ).read(["name"])

    def test_type_restricted_to_groups(self):
        office_only = self.make_type(
            "BG",
            [{"assignee_type": "users", "user_ids": self.bgs_zhang}],
            group_ids=[(6, 0, [self.env.ref("oa_base.group_oa_clerk").id])],
        )
        visible = self.Type.with_user(self.zhk_he).search([])
        self.assertNotIn(office_only, visible)
        self.assertIn(self.type_general, visible)
        with self.assertRaises(AccessError):
            self.new_request(self.zhk_he, office_only)
        request = self.submit(self.bgs_liu, office_only)
        self.assertEqual(request.state, "pending")
        # Even filed by the office, the requester must be allowed.
        with self.assertRaises(AccessError):
            self.Request.with_user(self.bgs_zhang).create(
                {
                    "type_id": office_only.id,
                    "user_id": self.zhk_he.id,
                    "subject": "代为申请",
                }
            )

    def test_numbering_per_type_and_year(self):
        first = self.submit(self.zhk_he, self.strict_ok())
        second = self.submit(self.zhk_gao, self.strict_ok())
        year = first.date_submitted.year
        self.assertEqual(first.name, f"YK-{year}-0001")
        self.assertEqual(second.name, f"YK-{year}-0002")
        self.assertEqual(first.display_name, f"YK-{year}-0001 购置统计年鉴编印用纸")

    def strict_ok(self):
        if not hasattr(self, "_ok_type"):
            self._ok_type = self.make_type(
                "YK", [{"assignee_type": "initiator_manager", "code": "manager"}]
            )
        return self._ok_type

    def test_code_rules(self):
        with self.assertRaises(ValidationError):
            self.make_type("A%B", [])
        with self.assertRaises(ValidationError):
            self.make_type("ABCDEFGHIJK", [])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.make_type("YZ", [])

    def test_steps_typed_in_a_new_type_are_kept(self):
        self.assertEqual(
            self.strict.step_ids.mapped("code"),
            ["manager"],
        )
        self.assertEqual(self.strict.flow_template_id.res_model, "oa.approval.request")
        self.assertTrue(self.strict.sequence_id)

    def test_rename_and_new_code_follow_in_route_and_numbers(self):
        approval_type = self.strict_ok()
        approval_type.with_user(self.sgzx_sun).write({"name": "物品采购", "code": "CG"})
        self.assertEqual(approval_type.flow_template_id.name, "物品采购")
        request = self.submit(self.zhk_he, approval_type)
        self.assertTrue(request.name.startswith("CG-"), request.name)

    def test_copy_keeps_steps_with_a_new_code(self):
        copy = self.strict.with_user(self.sgzx_sun).copy()
        self.assertNotEqual(copy.code, self.strict.code)
        self.assertNotEqual(copy.flow_template_id, self.strict.flow_template_id)
        self.assertEqual(copy.step_ids.mapped("code"), ["manager"])
        self.assertEqual(copy.field_amount, "required")
        self.assertEqual(len(self.strict.step_ids), 1, "the original keeps its step")

    def test_kind_fixed_once_used(self):
        approval_type = self.strict_ok()
        approval_type.with_user(self.sgzx_sun).kind = "activity"
        approval_type.with_user(self.sgzx_sun).kind = "general"
        self.new_request(self.zhk_he, approval_type)
        with self.assertRaisesRegex(UserError, "cannot change"):
            approval_type.with_user(self.sgzx_sun).kind = "activity"

    def test_only_administrators_configure_types(self):
        with self.assertRaises(AccessError):
            self.strict.with_user(self.bgs_zhang).write({"field_amount": "no"})
        with self.assertRaises(AccessError):
            self.Type.with_user(self.zhk_xu).create({"name": "X", "code": "XX"})

    def test_dashboard_counts(self):
        request = self.submit(self.zhk_he, self.strict_ok())
        approval_type = self.strict_ok()
        self.assertEqual(approval_type.with_user(self.zhk_xu).to_approve_count, 1)
        self.assertEqual(approval_type.with_user(self.zhk_he).my_pending_count, 1)
        self.assertEqual(approval_type.with_user(self.zhk_he).to_approve_count, 0)
        action = approval_type.with_user(self.zhk_xu).action_open_to_approve()
        found = self.Request.with_user(self.zhk_xu).search(action["domain"])
        self.assertEqual(found, request)
        new = approval_type.with_user(self.zhk_he).action_new_request()
        self.assertEqual(new["context"]["default_type_id"], approval_type.id)
