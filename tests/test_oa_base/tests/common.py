# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, new_test_user


class OaFlowCase(TransactionCase):
    """Users, an org chart and template helpers shared by the engine tests.

    Section A (manager ``mgr_a``, supervisor ``deputy``) holds the initiator
    ``staff``; section B has ``mgr_b``; ``office`` is in the office group,
    ``outsider`` is an OA user on no flow, ``auditor`` the 安全审计员.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))

        def user(login, groups="oa_base.group_oa_user", **kw):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                name=login.title(),
                tz="Asia/Shanghai",
                lang="en_US",
                **kw,
            )

        cls.staff = user("staff")
        cls.mgr_a = user("mgr_a")
        cls.mgr_b = user("mgr_b")
        cls.deputy = user("deputy")
        cls.deputy2 = user("deputy2")
        cls.leader = user("leader")
        cls.colleague = user("colleague")
        cls.outsider = user("outsider")
        cls.office = user("office", groups="oa_base.group_oa_office")
        cls.auditor = user("auditor", groups="base.group_user,oa_base.group_oa_auditor")
        Employee = cls.env["hr.employee"]
        employees = {
            u: Employee.create({"name": u.name, "user_id": u.id})
            for u in (
                cls.staff,
                cls.mgr_a,
                cls.mgr_b,
                cls.deputy,
                cls.deputy2,
                cls.colleague,
            )
        }
        Dept = cls.env["hr.department"]
        cls.dept_a = Dept.create(
            {
                "name": "Section A",
                "manager_id": employees[cls.mgr_a].id,
                "oa_supervisor_id": employees[cls.deputy].id,
            }
        )
        cls.dept_b = Dept.create(
            {
                "name": "Section B",
                "manager_id": employees[cls.mgr_b].id,
                "oa_supervisor_id": employees[cls.deputy2].id,
            }
        )
        employees[cls.staff].department_id = cls.dept_a
        employees[cls.colleague].department_id = cls.dept_a
        cls.Record = cls.env["test.oa.flow.record"]

    @classmethod
    def make_template(cls, steps, **kw):
        """``steps``: dicts for ``oa.flow.template.step`` (name, code defaulted)."""
        lines = []
        for index, step in enumerate(steps, start=1):
            vals = {
                "name": f"Step {index}",
                "code": f"s{index}",
                "sequence": index * 10,
            }
            vals.update(step)
            if "user_ids" in vals:
                vals["user_ids"] = [(6, 0, vals["user_ids"].ids)]
            lines.append((0, 0, vals))
        return cls.env["oa.flow.template"].create(
            dict(
                {
                    "name": "Test flow",
                    "res_model": "test.oa.flow.record",
                    "step_ids": lines,
                },
                **kw,
            )
        )

    def start(self, template, user=None, name="Budget report", **kw):
        user = user or self.staff
        record = self.Record.with_user(user).create({"name": name, **kw})
        record.action_oa_start(template=template.with_user(user))
        record.state = "running"
        return record

    def item_of(self, record, user, kind="todo", state="pending"):
        """The work item of ``user`` on ``record``, read as that user."""
        items = (
            self.env["oa.workitem"]
            .with_user(user)
            .search(
                [
                    ("flow_id", "=", record.oa_flow_id.id),
                    ("user_id", "=", user.id),
                    ("kind", "=", kind),
                    ("state", "=", state),
                ]
            )
        )
        self.assertEqual(
            len(items), 1, f"{user.login} should have one {state} {kind} item"
        )
        return items

    def actions(self, record):
        return record.oa_flow_id.sudo().trace_ids.sorted("id").mapped("action")

    def pending_users(self, record):
        return (
            record.oa_flow_id.sudo()
            .workitem_ids.filtered(lambda w: w.kind == "todo" and w.state == "pending")
            .user_id
        )
