# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Archive benchmarks (PERFORMANCE.md P5 ingest and P9 export package).

Run inside ``odoo shell`` on a database where ``oa_archive`` is installed with
its demo data (fonds J001, unit class BGS, archivist da_chen)::

    python3 -m odoo shell -c odoo.conf --addons-path=... -d DB \\
        < tests/benchmarks/bench_archive.py

For N items (``OA_BENCH_SIZES``, default ``100,1000``), each with a PDF main
text (~40 KB) and a one-line text attachment, it measures as the archivist:

* filing (归档) with the handling sheet already joined: items/s and queries per
  item (numbering, seals, handling record, audit row);
* rendering the handling sheet (wkhtmltopdf), on 3 items: seconds per item;
* the 四性检测 over the N items: items/s and queries;
* building the N EEP packages (lxml, schema-validated) against the floor,
  ``etree.tostring`` of the same trees already built: MB/s and ratio;
* writing the transfer ZIP of the N items into a temporary file (with its
  移交登记表 PDF): MB/s and the growth of the process's peak RSS (measured
  before the EEP step, which keeps the N packages in memory on purpose).

Everything is rolled back at the end.
"""
# pylint: disable=print-used,translation-required
# A shell script: it prints its table; titles are benchmark data.

import base64
import io
import os
import resource
import tempfile
import time

from lxml import etree
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

SIZES = tuple(
    int(size) for size in os.environ.get("OA_BENCH_SIZES", "100,1000").split(",")
)

env = env  # noqa: F821 - provided by odoo shell
cr = env.cr
archivist = env.ref("oa_archive.user_da_chen_demo")
org = env.ref("oa_archive.org_bgs_demo")
Item = env["oa.archive.item"].with_user(archivist)


def make_pdf(pages=8):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for page in range(pages):
        for line in range(60):
            pdf.drawString(
                60, 800 - 12 * line, f"Benchmark page {page} line {line} " * 3
            )
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


PDF = base64.b64encode(make_pdf())
SHEET = base64.b64encode(make_pdf(1))


def make_items(count, year, with_sheet=True):
    vals = []
    for index in range(count):
        files = [
            (
                0,
                0,
                {"role": "main", "name": "正文", "file_name": "main.pdf", "file": PDF},
            ),
            (
                0,
                0,
                {
                    "role": "attachment",
                    "name": "附件",
                    "file_name": "note.txt",
                    "file": base64.b64encode(f"附件 {year}-{index}".encode()),
                },
            ),
        ]
        if with_sheet:
            files.append(
                (
                    0,
                    0,
                    {
                        "role": "sheet",
                        "name": "处理单",
                        "file_name": "s.pdf",
                        "file": SHEET,
                    },
                )
            )
        vals.append(
            {
                "name": f"关于统计工作的通知 {index}",
                "author": "江澄市统计局",
                "date": f"{year}-03-01",
                "year": year,
                "retention": "D30",
                "org_id": org.id,
                "file_ids": files,
                "event_ids": [
                    (
                        0,
                        0,
                        {
                            "action": "签发",
                            "date": f"{year}-03-01 09:00:00",
                            "agent_name": "周建国",
                            "department_name": "局领导",
                        },
                    )
                ],
            }
        )
    return env["oa.archive.item"].sudo().create(vals)


def timed(func):
    env.flush_all()
    env.invalidate_all()
    queries = cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    return result, time.perf_counter() - start, cr.sql_log_count - queries


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


print(
    "N | filing items/s | q/item | check items/s | q | EEP MB/s | floor MB/s | ratio "
    "| ZIP MB/s | ZIP MB | RSS growth MB"
)
for number, size in enumerate(SIZES):
    year = 2100 + number
    items = make_items(size, year).with_user(archivist)
    __, seconds, queries = timed(items.action_file)
    filing_rate, filing_queries = size / seconds, queries / size

    check_model = env["oa.archive.check"].with_user(archivist)
    check, check_seconds, check_queries = timed(
        lambda i=items, c=check_model: c._run(i)
    )

    transfer = (
        env["oa.archive.transfer"]
        .sudo()
        .create({"scope": "selection", "item_ids": [(6, 0, items.ids)]})
    )
    transfer.write({"state": "exported"})
    rss_before = peak_rss_mb()
    with tempfile.TemporaryFile() as handle:
        start = time.perf_counter()
        transfer._write_package(handle)
        zip_seconds = time.perf_counter() - start
        zip_mb = handle.tell() / 1e6
    rss_growth = peak_rss_mb() - rss_before

    Eep = env["oa.archive.eep"].sudo()
    contents = Eep._get_contents(items.sudo().file_ids)
    start = time.perf_counter()
    packages = [Eep._build_eep(item, contents=contents) for item in items.sudo()]
    eep_seconds = time.perf_counter() - start
    megabytes = sum(map(len, packages)) / 1e6
    trees = [etree.fromstring(package) for package in packages]
    start = time.perf_counter()
    for tree in trees:
        etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    floor_seconds = time.perf_counter() - start
    del packages, trees, contents
    print(
        f"{size} | {filing_rate:.0f} | {filing_queries:.1f} | "
        f"{size / check_seconds:.0f} | {check_queries} | "
        f"{megabytes / eep_seconds:.1f} | "
        f"{megabytes / floor_seconds:.1f} | {floor_seconds / eep_seconds:.2f} | "
        f"{zip_mb / zip_seconds:.1f} | {zip_mb:.1f} | {rss_growth:.0f}"
    )

sample = make_items(3, 2099, with_sheet=False).with_user(archivist)
__, seconds, __ = timed(sample.action_file)
print(
    f"handling sheet rendering (wkhtmltopdf), filing 3 items: {seconds / 3:.2f} s/item"
)
cr.rollback()
