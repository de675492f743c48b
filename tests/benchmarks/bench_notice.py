# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Notice fan-out benchmark (PERFORMANCE.md P2): publish to N readers.

Run inside ``odoo shell`` on a database where ``oa_notice`` is installed::

    python3 -m odoo shell -c odoo.conf --addons-path=... -d DB \\
        < tests/benchmarks/bench_notice.py

For each N it measures, in the same process and database, publishing a
must-read notice to N named readers (N read receipts, N bus messages, N SMS
queue rows) and the "Odoo-native naive" peer: one
``message_post(partner_ids=...)`` of the same text to the N people as inbox
users. Then one reader's first view (``oa_record_read``, as the form does),
which must not depend on N. It prints queries and median milliseconds over 3
runs, then rolls back. ``OA_BENCH_SIZES=5,50,500`` sets the sizes.
"""
# pylint: disable=print-used,translation-required
# A shell script: it prints its table; the message body is benchmark data.

import os
import statistics
import time
from unittest.mock import patch

SIZES = tuple(
    int(size) for size in os.environ.get("OA_BENCH_SIZES", "5,50,500,2000").split(",")
)
RUNS = 3

env = env  # noqa: F821 - provided by odoo shell
cr = env.cr
group = env.ref("oa_base.group_oa_user")
office = env.ref("oa_base.group_oa_office")
users = env["res.users"].create(
    [
        {
            "name": f"Bench {i:04d}",
            "login": f"oa_notice_bench_{i:04d}",
            "groups_id": [(6, 0, group.ids)],
            "notification_type": "inbox",
        }
        for i in range(max(SIZES))
    ]
)
publisher = env["res.users"].create(
    {
        "name": "Bench publisher",
        "login": "oa_notice_bench_pub",
        "groups_id": [(6, 0, (group | office).ids)],
    }
)
category = env["oa.notice.category"].search([], limit=1)
Notice = env["oa.notice"].with_user(publisher)


def measure(func):
    with patch("random.random", lambda: 1):  # no bus garbage collection
        env.flush_all()
        env.invalidate_all()
        queries = cr.sql_log_count
        start = time.perf_counter()
        func()
        env.flush_all()
        cr.precommit.run()  # bus rows are written at commit: part of the cost
        return cr.sql_log_count - queries, (time.perf_counter() - start) * 1000


def new_notice(size, run):
    return Notice.create(
        {
            "name": f"Bench notice {size} {run}",
            "category_id": category.id,
            "body": "<p>正文</p>",
            "audience_type": "users",
            "audience_user_ids": [(6, 0, users[:size].ids)],
            "must_read": True,
        }
    )


print(
    f"{'N':>6} {'publish q':>10} {'publish ms':>11} {'peer q':>7} {'peer ms':>9}"
    f" {'ratio':>7} {'read q':>7} {'read ms':>8}"
)
for size in SIZES:
    ours, peer, reads = [], [], []
    for run in range(RUNS):
        notice = new_notice(size, run)
        ours.append(measure(notice.action_publish))
        reader = users[size - 1]
        reads.append(
            measure(lambda n=notice, u=reader: n.with_user(u).oa_record_read())
        )
        record = env["res.partner"].create({"name": f"peer {size} {run}"})
        peer.append(
            measure(
                lambda r=record, s=size: r.message_post(
                    body="<p>正文</p>",
                    partner_ids=users[:s].partner_id.ids,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
            )
        )
    ours_ms = statistics.median(ms for __, ms in ours)
    peer_ms = statistics.median(ms for __, ms in peer)
    print(
        f"{size:>6} {ours[-1][0]:>10} {ours_ms:>11.1f} {peer[-1][0]:>7}"
        f" {peer_ms:>9.1f} {peer_ms / ours_ms:>7.1f}"
        f" {reads[-1][0]:>7} {statistics.median(ms for __, ms in reads):>8.1f}"
    )
cr.rollback()
