# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An administrator editing a type never changes a running request."""

from odoo import Command
from odoo.tests import tagged

from .common import OaApprovalCase


@tagged("post_install", "-at_install")
class TestSnapshot(OaApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.purchase = cls.make_type(
            "CG",
            [
                {"assignee_type": "initiator_manager", "code": "manager"},
                {"assignee_type": "initiator_supervisor", "code": "supervisor"},
                {
                    "assignee_type": "users",
                    "user_ids": cls.juzhang,
                    "code": "director",
                    "amount_above": 5000,
                },
            ],
            field_amount="required",
            field_reason="required",
            field_location="no",
        )

    def edit_type_as_admin(self):
        steps = self.purchase.step_ids
        supervisor = steps.filtered(lambda s: s.code == "supervisor")
        director = steps.filtered(lambda s: s.code == "director")
        self.purchase.with_user(self.sgzx_sun).write(
            {
                "field_amount": "no",
                "field_reason": "no",
                "field_location": "required",
                "step_ids": [
                    Command.unlink(supervisor.id),
                    Command.update(
                        director.id,
                        {
                            "amount_above": 10000,
                            "user_ids": [Command.set(self.fgjz_chen.ids)],
                        },
                    ),
                    Command.create(
                        {
                            "name": "Office Filing",
                            "code": "office",
                            "sequence": 40,
                            "assignee_type": "users",
                            "user_ids": [Command.set(self.bgs_zhang.ids)],
                            "mode": "single",
                        }
                    ),
                ],
            }
        )

    def test_running_request_keeps_its_route_and_form(self):
        request = self.submit(self.zhk_he, self.purchase, amount=6800)
        self.assertEqual(self.route(request), ["manager", "supervisor", "director"])
        self.approve(request, self.zhk_xu)
        self.edit_type_as_admin()
        self.assertEqual(
            self.purchase.step_ids.mapped("code"), ["manager", "director", "office"]
        )
        # The running request: same route, same handlers, same form.
        request = self.fresh(request, self.zhk_he)
        self.assertEqual(self.route(request), ["manager", "supervisor", "director"])
        self.assertEqual(request.field_amount, "required")
        self.assertEqual(request.field_reason, "required")
        self.assertEqual(request.field_location, "no")
        self.assertEqual(self.pending_users(request), self.fgjz_wang)
        self.approve(request, self.fgjz_wang)
        self.assertEqual(self.pending_users(request), self.juzhang)
        self.approve(request, self.juzhang)
        self.assertEqual(request.state, "approved")
        self.assertEqual(self.fresh(request, self.zhk_he).field_amount, "required")

    def test_new_requests_take_the_new_configuration(self):
        self.edit_type_as_admin()
        draft = self.new_request(self.zhk_he, self.purchase, amount=6800)
        self.assertEqual(draft.field_location, "required")
        self.assertEqual(draft.field_amount, "no")
        draft.location = "市统计局"
        draft.action_submit()
        # 6,800 is no longer above the director's tier.
        self.assertEqual(self.route(draft), ["manager", "office"])
        big = self.submit(self.zhk_he, self.purchase, amount=12000, location="市局")
        self.assertEqual(self.route(big), ["manager", "director", "office"])
        self.approve(big, self.zhk_xu)
        self.assertEqual(self.pending_users(big), self.fgjz_chen)

    def test_returned_request_takes_the_new_route_when_resubmitted(self):
        request = self.submit(self.zhk_he, self.purchase, amount=6800)
        self.edit_type_as_admin()
        item = self.item_of(request, self.zhk_xu)
        request.with_user(self.zhk_xu)._oa_return_to_requester(item, "请补充地点。")
        mine = self.fresh(request, self.zhk_he)
        self.assertEqual(mine.field_location, "required", "back in draft: new form")
        mine.write({"location": "东湖区"})
        mine.action_submit()
        self.assertEqual(self.route(mine), ["manager", "office"])
