# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Routing benchmark (PERFORMANCE.md P2/P3): route one record to N handlers.

Run inside ``odoo shell`` on a database where ``test_oa_base`` is installed::

    python3 -m odoo shell -c odoo.conf --addons-path=... -d DB \\
        < tests/benchmarks/bench_routing.py

For each N it measures, in the same process and database, our routing (start a
flow whose first step has N handlers, i.e. N work items and N activities) and
the "Odoo-native naive" peer: one ``message_post(partner_ids=...)`` to the N
people as inbox users (``notification_type`` "inbox"). It prints queries and
median milliseconds over 3 runs, then rolls back.
"""
# pylint: disable=print-used,translation-required
# A shell script: it prints its table; the message body is benchmark data.

import statistics
import time

SIZES = (5, 50, 500, 2000)
RUNS = 3

env = env  # noqa: F821 - provided by odoo shell
cr = env.cr
group = env.ref("oa_base.group_oa_user")
users = env["res.users"].create(
    [
        {
            "name": f"Bench {i:04d}",
            "login": f"oa_bench_{i:04d}",
            "groups_id": [(6, 0, group.ids)],
            "notification_type": "inbox",
        }
        for i in range(max(SIZES))
    ]
)
staff = users[0]
Record = env["test.oa.flow.record"]


def measure(func):
    env.flush_all()
    env.invalidate_all()
    queries = cr.sql_log_count
    start = time.perf_counter()
    func()
    env.flush_all()
    cr.precommit.run()  # the bus rows written at commit are part of the cost
    return cr.sql_log_count - queries, (time.perf_counter() - start) * 1000


print(
    f"{'N':>6} {'ours q':>7} {'ours ms':>9} {'peer q':>7} {'peer ms':>9} {'ratio':>7}"
)
for size in SIZES:
    handlers = users[:size]
    tmpl = env["oa.flow.template"].create(
        {
            "name": f"bench {size}",
            "res_model": Record._name,
            "step_ids": [
                (
                    0,
                    0,
                    {
                        "name": "All",
                        "mode": "all",
                        "assignee_type": "users",
                        "user_ids": [(6, 0, handlers.ids)],
                    },
                )
            ],
        }
    )
    ours, peer = [], []
    for __ in range(RUNS):
        rec = Record.with_user(staff).create({"name": f"ours {size}"})
        ours.append(
            measure(lambda rec=rec, tmpl=tmpl: rec.action_oa_start(template=tmpl))
        )
        rec2 = Record.create({"name": f"peer {size}"})
        peer.append(
            measure(
                lambda rec2=rec2, handlers=handlers: rec2.message_post(
                    body="Please handle",
                    partner_ids=handlers.partner_id.ids,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
            )
        )
    ours_ms = statistics.median(m for __, m in ours)
    peer_ms = statistics.median(m for __, m in peer)
    print(
        f"{size:>6} {ours[-1][0]:>7} {ours_ms:>9.1f} {peer[-1][0]:>7} {peer_ms:>9.1f} "
        f"{peer_ms / ours_ms:>6.1f}x"
    )
cr.rollback()
