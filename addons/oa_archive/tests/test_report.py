# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Archive and loan statistics, checked against data made here."""

import base64
from collections import Counter
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestArchiveReport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.archivist = new_test_user(
            cls.env, login="report_archivist", groups="oa_archive.group_oa_archivist"
        )
        cls.clerk = new_test_user(
            cls.env, login="report_clerk", groups="oa_base.group_oa_clerk"
        )
        cls.user = new_test_user(
            cls.env, login="report_user", groups="oa_base.group_oa_user"
        )
        cls.fonds = cls.env["oa.archive.fonds"].create(
            {"name": "统计测试全宗", "code": "R901"}
        )
        cls.org_a = cls.env["oa.archive.org"].create({"name": "甲科", "code": "RKA"})
        cls.org_b = cls.env["oa.archive.org"].create({"name": "乙科", "code": "RKB"})
        # (year, retention, org, kind, source, pages, files, fate)
        cls.rows = [
            (2024, "Y", cls.org_a, "通知", "oa.document", 3, 2, "filed"),
            (2024, "D30", cls.org_a, "通知", "oa.document", 5, 1, "filed"),
            (2024, "D30", cls.org_b, "函", "oa.document", 2, 1, "filed"),
            (2025, "D10", cls.org_b, "函", False, 1, 1, "filed"),
            (2025, "Y", cls.org_a, "请示", "oa.document", 4, 3, "filed"),
            (2025, "D30", cls.org_b, "纪要", False, 6, 1, "proposed"),
            (2025, "D10", cls.org_a, "通知", False, 7, 1, "excluded"),
        ]
        Item = cls.env["oa.archive.item"].with_user(cls.archivist)
        sheet = base64.b64encode("文件处理单".encode())
        cls.items = Item.browse()
        for index, row in enumerate(cls.rows):
            year, retention, org, kind, source, pages, files, __ = row
            cls.items |= Item.create(
                {
                    "name": f"统计测试 {index}",
                    "author": "江澄市统计局",
                    "date": fields.Date.to_date(f"{year}-05-0{index + 1}"),
                    "fonds_id": cls.fonds.id,
                    "org_id": org.id,
                    "year": year,
                    "retention": retention,
                    "kind": kind,
                    "res_model": source,
                    "pages": pages,
                    "file_ids": [
                        (
                            0,
                            0,
                            {
                                "role": "main" if n == 0 else "attachment",
                                "name": f"文档 {n}",
                                "file": base64.b64encode(b"x" * (n + 1) * 1000),
                            },
                        )
                        for n in range(files)
                    ]
                    # The handling sheet is there: filing renders none.
                    + [(0, 0, {"role": "sheet", "name": "处理单", "file": sheet})],
                }
            )
        fates = {fate: Item.browse() for fate in ("filed", "proposed", "excluded")}
        for item, row in zip(cls.items, cls.rows, strict=True):
            fates[row[-1]] |= item
        fates["filed"].action_file()
        fates["excluded"].exclude_reason = "重复件"
        fates["excluded"].action_exclude()
        cls.filed = fates["filed"]
        cls.env.flush_all()

    def _stats(self, groupby, aggregates, domain=(), user=None):
        Report = self.env["oa.archive.report"].with_user(user or self.archivist)
        return Report._read_group(
            [("fonds_id", "=", self.fonds.id), *domain], groupby, aggregates
        )

    def test_by_year_and_retention(self):
        expected = Counter()
        pages = Counter()
        for year, retention, *__, page_count, _files, fate in self.rows:
            if fate == "filed":
                expected[year, retention] += 1
                pages[year, retention] += page_count
        rows = self._stats(
            ["year", "retention"],
            ["item_count:sum", "pages:sum", "__count"],
            [("state", "=", "filed")],
        )
        self.assertEqual(
            {(year, ret): (n, p) for year, ret, n, p, __ in rows},
            {key: (expected[key], pages[key]) for key in expected},
        )
        self.assertEqual(sum(row[2] for row in rows), len(self.filed))

    def test_by_unit_kind_source_and_state(self):
        by_org = Counter(row[2] for row in self.rows)
        rows = self._stats(["org_id"], ["item_count:sum"])
        self.assertEqual(dict(rows), dict(by_org))
        by_kind = Counter(row[3] for row in self.rows)
        self.assertEqual(dict(self._stats(["kind"], ["item_count:sum"])), by_kind)
        document_model = self.env["ir.model"]._get("oa.document")
        by_source = Counter(
            document_model if row[4] else self.env["ir.model"] for row in self.rows
        )
        self.assertEqual(dict(self._stats(["model_id"], ["__count"])), by_source)
        by_state = Counter(row[-1] for row in self.rows)
        self.assertEqual(dict(self._stats(["state"], ["item_count:sum"])), by_state)

    def test_files_pages_and_codes(self):
        ((pages,),) = self._stats([], ["pages:sum"])
        self.assertEqual(pages, sum(row[5] for row in self.rows))
        # Files per item as the ORM sees them (filing may add the handling
        # sheet): every file made here, at least.
        files = self.env["oa.archive.file"].sudo()
        per_item = dict(
            files._read_group(
                [("item_id", "in", self.items.ids)], ["item_id"], ["__count"]
            )
        )
        rows = self._stats(["item_id"], ["file_count:sum"])
        self.assertEqual(dict(rows), per_item)
        for item, row in zip(self.items, self.rows, strict=True):
            self.assertGreaterEqual(per_item[item], row[6])
        Report = self.env["oa.archive.report"].with_user(self.archivist)
        lines = Report.search([("item_id", "in", self.filed.ids)])
        self.assertEqual(
            sorted(lines.mapped("archival_code")),
            sorted(self.filed.mapped("archival_code")),
        )
        # Sizes are taken at filing (1 000 bytes for the first file made here,
        # 2 000 for the second...), none before.
        ((size,),) = self._stats([], ["file_size:sum"], [("state", "=", "filed")])
        filed_files = files.search([("item_id", "in", self.filed.ids)])
        self.assertAlmostEqual(
            size, sum(filed_files.mapped("file_size")) / 1048576.0, places=6
        )
        made_here = sum(
            sum((n + 1) * 1000 for n in range(row[6]))
            for row in self.rows
            if row[-1] == "filed"
        )
        self.assertGreaterEqual(size, made_here / 1048576.0 - 1e-9)
        ((unfiled_size,),) = self._stats(
            [], ["file_size:sum"], [("state", "!=", "filed")]
        )
        self.assertEqual(unfiled_size, 0)

    def test_archivists_only(self):
        self.env.invalidate_all()
        for user in (self.user, self.clerk):
            with self.assertRaises(AccessError):
                self.env["oa.archive.report"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["oa.archive.loan.report"].with_user(user).search([])

    def test_views_load(self):
        for model in ("oa.archive.report", "oa.archive.loan.report"):
            views = (
                self.env[model]
                .with_user(self.archivist)
                .get_views(
                    [
                        (False, "pivot"),
                        (False, "graph"),
                        (False, "list"),
                        (False, "kanban"),
                        (False, "search"),
                    ]
                )
            )
            self.assertEqual(
                set(views["views"]), {"pivot", "graph", "list", "kanban", "search"}
            )

    # ------------------------------------------------------------
    # Loans
    # ------------------------------------------------------------

    def _loans(self):
        """Four loans by two departments; one physical loan is overdue and
        one was returned late."""
        dept_a = self.env["hr.department"].create({"name": "统计借阅甲科"})
        dept_b = self.env["hr.department"].create({"name": "统计借阅乙科"})
        borrower_a = new_test_user(
            self.env, login="report_borrower_a", groups="oa_base.group_oa_user"
        )
        borrower_b = new_test_user(
            self.env, login="report_borrower_b", groups="oa_base.group_oa_user"
        )
        now = fields.Datetime.now()
        filed = self.filed.sorted("id")
        Loan = self.env["oa.archive.loan"].sudo()
        specs = [
            # borrower, dept, type, state, items, start, due, returned
            (borrower_a, dept_a, "electronic", "lent", filed[:2], -2, 5, None),
            (borrower_a, dept_a, "physical", "lent", filed[2:3], -20, -3, None),
            (borrower_b, dept_b, "physical", "returned", filed[3:5], -40, -30, -25),
            (borrower_b, dept_b, "electronic", "refused", filed[:1], None, None, None),
        ]
        loans = Loan.browse()
        for borrower, dept, loan_type, _state, items, start, due, _returned in specs:
            loans |= Loan.create(
                {
                    "borrower_id": borrower.id,
                    "department_id": dept.id,
                    "loan_type": loan_type,
                    "item_ids": [(6, 0, items.ids)],
                    "purpose": "编史修志",
                    "date_start": start is not None and now + timedelta(days=start),
                    "date_due": due is not None and now + timedelta(days=due),
                }
            )
        # The states as the loan flow would have left them.
        for loan, spec in zip(loans, specs, strict=True):
            returned = spec[-1]
            loan.write(
                {
                    "state": spec[3],
                    "date_returned": returned is not None
                    and now + timedelta(days=returned),
                }
            )
        # The statistics are SQL views: what is written goes to the database.
        self.env.flush_all()
        return loans, specs, dept_a, dept_b

    def _loan_stats(self, loans, groupby, aggregates, user=None):
        Report = self.env["oa.archive.loan.report"].with_user(user or self.archivist)
        return Report._read_group([("loan_id", "in", loans.ids)], groupby, aggregates)

    def test_loan_statistics(self):
        loans, specs, dept_a, dept_b = self._loans()
        by_type = self._loan_stats(
            loans, ["loan_type"], ["loan_id:count_distinct", "item_count:sum"]
        )
        expected = {}
        for spec in specs:
            loan_count, item_count = expected.get(spec[2], (0, 0))
            expected[spec[2]] = (loan_count + 1, item_count + len(spec[4]))
        self.assertEqual({t: (n, i) for t, n, i in by_type}, expected)

        by_dept = self._loan_stats(
            loans, ["department_id"], ["loan_id:count_distinct", "item_count:sum"]
        )
        self.assertEqual(
            {d: (n, i) for d, n, i in by_dept},
            {
                dept: (
                    sum(1 for s in specs if s[1] == dept),
                    sum(len(s[4]) for s in specs if s[1] == dept),
                )
                for dept in (dept_a, dept_b)
            },
        )

        overdue = self._loan_stats(
            loans,
            ["is_overdue"],
            ["loan_id:count_distinct", "item_count:sum", "overdue_count:sum"],
        )
        expected = {}
        for __, __, __, state, items, __, due, returned in specs:
            late = due is not None and (
                (state == "lent" and due < 0)
                or (returned is not None and returned > due)
            )
            loan_count, item_count, overdue_count = expected.get(late, (0, 0, 0))
            expected[late] = (
                loan_count + 1,
                item_count + len(items),
                overdue_count + (len(items) if late else 0),
            )
        # the physical loan past due (1 item), the one returned late (2 items)
        self.assertEqual(expected[True], (2, 3, 3))
        self.assertEqual({flag: tuple(v) for flag, *v in overdue}, expected)

        by_year = self._loan_stats(loans, ["item_year"], ["item_count:sum"])
        years = Counter()
        for spec in specs:
            for item in spec[4]:
                years[item.year] += 1
        self.assertEqual(dict(by_year), dict(years))

        months = self._loan_stats(loans, ["date:month"], ["loan_id:count_distinct"])
        self.assertEqual(sum(n for __, n in months), len(loans))
