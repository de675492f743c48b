# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.oa_base.models.oa_flow import URGENCY

from ..models.oa_document import DOC_TYPES


class OaDocumentOverdueReport(models.Model):
    """督办 board: one row per overdue pending to-do on a document.

    With the handler's department (of their employee) and its supervising
    leader (分管领导), the urgency, how late it is, how often it was urged and
    whether the office supervises the document. A SQL view: it reads the work
    items through the partial index ``oa_workitem_due_idx`` (pending to-dos by
    deadline), so it costs the number of overdue items, not of all items.
    """

    _name = "oa.document.overdue.report"
    _description = "Overdue Documents (Supervision Board)"
    _auto = False
    _order = "days_overdue desc, id"
    _rec_name = "document_id"

    workitem_id = fields.Many2one("oa.workitem", string="Work Item", readonly=True)
    document_id = fields.Many2one("oa.document", string="Document", readonly=True)
    flow_id = fields.Many2one("oa.flow", string="Flow", readonly=True)
    step_id = fields.Many2one("oa.flow.step", string="Step", readonly=True)
    doc_type = fields.Selection(DOC_TYPES, string="Type", readonly=True)
    user_id = fields.Many2one("res.users", string="Handler", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)
    leader_id = fields.Many2one(
        "hr.employee", string="Supervising Leader (分管领导)", readonly=True
    )
    leader_user_id = fields.Many2one(
        "res.users", string="Supervising Leader User", readonly=True
    )
    urgency = fields.Selection(URGENCY, readonly=True)
    deadline = fields.Datetime(readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    urge_count = fields.Integer(string="Urged (Item)", readonly=True)
    flow_urge_count = fields.Integer(
        string="Urged (Flow)", readonly=True, aggregator="max"
    )
    supervised = fields.Boolean(readonly=True)
    supervisor_id = fields.Many2one("res.users", string="Supervisor", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                SELECT w.id AS id,
                       w.id AS workitem_id,
                       d.id AS document_id,
                       w.flow_id AS flow_id,
                       w.step_id AS step_id,
                       d.doc_type AS doc_type,
                       w.user_id AS user_id,
                       emp.department_id AS department_id,
                       dept.oa_supervisor_id AS leader_id,
                       leader.user_id AS leader_user_id,
                       d.urgency AS urgency,
                       w.deadline AS deadline,
                       CEIL(EXTRACT(EPOCH FROM (NOW() AT TIME ZONE 'UTC') - w.deadline)
                            / 86400)::int AS days_overdue,
                       w.urge_count AS urge_count,
                       f.urge_count AS flow_urge_count,
                       COALESCE(d.supervised, FALSE) AS supervised,
                       d.supervisor_id AS supervisor_id,
                       d.company_id AS company_id
                  FROM oa_workitem w
                  JOIN oa_document d ON d.id = w.res_id
                  JOIN oa_flow f ON f.id = w.flow_id
                  LEFT JOIN LATERAL (
                        SELECT e.department_id
                          FROM hr_employee e
                         WHERE e.user_id = w.user_id AND e.active
                         ORDER BY e.company_id = d.company_id DESC, e.id
                         LIMIT 1
                       ) emp ON TRUE
                  LEFT JOIN hr_department dept ON dept.id = emp.department_id
                  LEFT JOIN hr_employee leader ON leader.id = dept.oa_supervisor_id
                 WHERE w.res_model = 'oa.document'
                   AND w.kind = 'todo'
                   AND w.state = 'pending'
                   AND w.deadline < (NOW() AT TIME ZONE 'UTC')
                )
                """,
                SQL.identifier(self._table),
            )
        )
