# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Chinese search benchmark (PERFORMANCE.md P4): ``ILIKE`` vs the bigram index.

Needs a scratch database with ``oa_document`` installed (demo data optional)::

    python3 -m odoo -c odoo.conf --addons-path=... -d oa_bench_search \\
        -i oa_document --without-demo=all --stop-after-init
    OA_BENCH_N=100000 python3 -m odoo shell -c odoo.conf --addons-path=... \\
        -d oa_bench_search < tests/benchmarks/bench_search.py

or standalone, with ``--n`` (and ``--keep`` to commit the documents)::

    python3 tests/benchmarks/bench_search.py -c odoo.conf --addons-path=... \\
        -d oa_bench_search --n 100000

It COPYs N synthetic documents (Zipf-distributed words: 20 000 words of 2–3
characters over 500 characters, plus a few real words at chosen ranks; title
≈ 5 words, body ≈ 75 words in ``<p>`` paragraphs) with their ``search_tokens``
built in Python by ``make_search_tokens`` (timed), rebuilds the GIN index
(timed) and, for comparison, a GIN index on the same tsvector as an expression,
runs ANALYZE, then times each query (median of 5 after one warm-up):
``count(*)`` with ``body ILIKE '%词%'`` against the stored bigram ``tsvector``
and the expression; a newest-first page of 80 in the ORM's query shape; and
the ORM itself (``search(limit=80)`` + ``search_count``) with the ``ilike`` peer
on ``body`` against ``full_text``. It also times the ORM recompute of the
tokens on a sample. Rolls back unless ``--keep``.
"""
# pylint: disable=print-used
# A benchmark script: it prints its table.

import io
import os
import random
import statistics
import time

from odoo.tools import SQL

QUERIES = (
    ("通知", "2-char, frequent"),
    ("执法", "2-char, mid"),
    ("批复", "2-char, rare"),
    ("安全生产", "4-char word"),
    ("检查通知", "4-char phrase"),
)
# Real words placed at these Zipf ranks of the vocabulary.
REAL_WORDS = {5: "通知", 50: "检查", 100: "安全生产", 200: "执法", 5000: "批复"}
VOCABULARY = 20_000
ALPHABET = 500
RUNS = 5
ORM_SAMPLE = 5_000
CHUNK = 10_000


def make_corpus_tools(seed=2026):
    rng = random.Random(seed)
    reserved = set("".join(REAL_WORDS.values()))
    alphabet = []
    while len(alphabet) < ALPHABET:
        char = chr(rng.randint(0x4E00, 0x9FA5))
        if char not in reserved and char not in alphabet:
            alphabet.append(char)
    words = [
        "".join(rng.choice(alphabet) for __ in range(rng.choice((2, 2, 3))))
        for __ in range(VOCABULARY)
    ]
    for rank, word in REAL_WORDS.items():
        words[rank - 1] = word
    cumulative = []
    total = 0.0
    for rank in range(1, VOCABULARY + 1):
        total += 1.0 / rank
        cumulative.append(total)

    def draw(count):
        return rng.choices(words, cum_weights=cumulative, k=count)

    def document():
        title = "关于" + "".join(draw(rng.randint(3, 6))) + "的通知"
        paragraphs = []
        for __ in range(rng.randint(2, 4)):
            sentences = [
                "".join(draw(rng.randint(5, 12))) for __ in range(rng.randint(2, 3))
            ]
            paragraphs.append("<p>" + "，".join(sentences) + "。</p>")
        return title, "".join(paragraphs)

    return document


def measure(func, runs=RUNS):
    func()  # warm-up
    times = []
    result = None
    for __ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def run(env, size, keep=False):
    from odoo.addons.oa_document.tools.full_text import (
        INDEX_NAME,
        SEARCH_COLUMN,
        TSVECTOR_EXPRESSION,
        html_to_text,
        make_search_tokens,
        make_tsquery,
    )

    cr = env.cr
    company = env.company.id
    document = make_corpus_tools()
    cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(INDEX_NAME)))
    columns = (
        "name, doc_type, state, secrecy, urgency, company_id, body, search_tokens, "
        "create_date, write_date"
    )
    token_seconds = 0.0
    copy_seconds = 0.0
    body_chars = 0
    token_chars = 0
    for start in range(0, size, CHUNK):
        buffer = io.StringIO()
        for __ in range(min(CHUNK, size - start)):
            title, body = document()
            tick = time.perf_counter()
            tokens = make_search_tokens([title, html_to_text(body)])
            token_seconds += time.perf_counter() - tick
            body_chars += len(body)
            token_chars += len(tokens)
            buffer.write(
                f"{title}\tincoming\trunning\tnone\tnormal\t{company}\t{body}\t"
                f"{tokens}\tnow\tnow\n"
            )
        buffer.seek(0)
        tick = time.perf_counter()
        # COPY also fills the generated tsvector column.
        cr._obj.copy_expert(f"COPY oa_document ({columns}) FROM STDIN", buffer)
        copy_seconds += time.perf_counter() - tick
    tick = time.perf_counter()
    env["oa.document"].init()  # CREATE INDEX … USING gin (search_tsv)
    index_seconds = time.perf_counter() - tick
    # The peer design: the same tsvector as an index expression only.
    tick = time.perf_counter()
    cr.execute(
        SQL(
            "CREATE INDEX bench_search_expression_idx ON oa_document USING gin (%s)",
            SQL(TSVECTOR_EXPRESSION),
        )
    )
    expression_seconds = time.perf_counter() - tick
    cr.execute(SQL("ANALYZE oa_document"))
    cr.execute(
        SQL(
            "SELECT count(*), pg_relation_size('oa_document'), "
            "pg_total_relation_size('oa_document'), pg_relation_size(%s), "
            "pg_relation_size('bench_search_expression_idx'), "
            "avg(pg_column_size(search_tokens)), avg(pg_column_size(search_tsv)) "
            "FROM oa_document",
            INDEX_NAME,
        )
    )
    total, heap, table, index, expression_index, tokens_bytes, tsv_bytes = cr.fetchone()
    print(
        f"documents: {total} ({size} synthetic); heap {heap / 2**20:.0f} MB, "
        f"table with TOAST and indexes {table / 2**20:.0f} MB; "
        f"avg body {body_chars / size:.0f} chars; avg search_tokens "
        f"{token_chars / size:.0f} chars ({tokens_bytes:.0f} B stored), "
        f"search_tsv {tsv_bytes:.0f} B"
    )
    print(
        f"tokens in Python: {token_seconds:.1f} s ({size / token_seconds:,.0f} "
        f"docs/s); COPY incl. generated tsvector: {copy_seconds:.1f} s; "
        f"GIN on search_tsv: {index_seconds:.1f} s, {index / 2**20:.0f} MB; "
        f"GIN on the expression (peer): {expression_seconds:.1f} s, "
        f"{expression_index / 2**20:.0f} MB"
    )

    # The ORM recompute (the path of create/write) on a sample.
    env.invalidate_all()
    cr.execute(SQL("SELECT id FROM oa_document ORDER BY id DESC LIMIT %s", ORM_SAMPLE))
    sample = env["oa.document"].browse([row[0] for row in cr.fetchall()])
    tick = time.perf_counter()
    for offset in range(0, len(sample), 1000):
        sample[offset : offset + 1000]._refresh_search_tokens()
    orm_seconds = time.perf_counter() - tick
    print(
        f"ORM recompute of search_tokens: {len(sample)} docs in {orm_seconds:.1f} s "
        f"({len(sample) / orm_seconds:,.0f} docs/s)"
    )
    env.invalidate_all()

    def sql(query):
        def execute():
            cr.execute(query)
            return cr.fetchall()

        return execute

    def count(condition):
        return sql(SQL("SELECT count(*) FROM oa_document WHERE %s", condition))

    def page(condition):
        # The shape of the ORM's query: id IN (sub-select), newest 80.
        return sql(
            SQL(
                "SELECT id FROM oa_document WHERE id IN "
                "(SELECT id FROM oa_document WHERE %s) ORDER BY id DESC LIMIT 80",
                condition,
            )
        )

    Document = env["oa.document"]

    def orm(domain):
        def execute():
            env.invalidate_all()
            ids = Document.search(domain, limit=80).ids
            return ids, Document.search_count(domain, limit=10_001)

        return execute

    rows = []
    for term, kind in QUERIES:
        like = f"%{term}%"
        tsquery = make_tsquery(term)
        stored = SQL(
            "%s @@ to_tsquery('simple', %s)", SQL.identifier(SEARCH_COLUMN), tsquery
        )
        expression = SQL(f"{TSVECTOR_EXPRESSION} @@ to_tsquery('simple', %s)", tsquery)
        ilike_ms, ilike_hits = measure(count(SQL("body ILIKE %s", like)))
        tsv_ms, tsv_hits = measure(count(stored))
        expr_ms, __ = measure(count(expression))
        __, both_hits = measure(
            count(SQL("(name ILIKE %s OR body ILIKE %s)", like, like)), runs=1
        )
        tsv_page_ms, __ = measure(page(stored))
        expr_page_ms, __ = measure(page(expression))
        orm_ilike_ms, __ = measure(orm([("body", "ilike", term)]))
        orm_fts_ms, __ = measure(orm([("full_text", "ilike", term)]))
        rows.append(
            (
                term,
                kind,
                ilike_hits[0][0],
                tsv_hits[0][0],
                both_hits[0][0],
                ilike_ms,
                tsv_ms,
                expr_ms,
                tsv_page_ms,
                expr_page_ms,
                orm_ilike_ms,
                orm_fts_ms,
            )
        )
    header = (
        f"{'query':<6} {'kind':<17} {'hits':>6} {'hits':>6} | {'ILIKE':>7} "
        f"{'tsv':>6} {'ratio':>6} {'expr':>7} | {'tsv':>6} {'expr':>7} | "
        f"{'ORM':>7} {'ORM':>6} {'ratio':>6}"
    )
    sub = (
        f"{'':<6} {'':<17} {'body':>6} {'tsv':>6} | {'count':>7} {'count':>6} "
        f"{'':>6} {'count':>7} | {'page':>6} {'page':>7} | {'ilike':>7} "
        f"{'fts':>6} {'':>6}"
    )
    print(header)
    print(sub)
    print("-" * len(header))
    for (
        term,
        kind,
        ilike_hits,
        tsv_hits,
        both_hits,
        ilike_ms,
        tsv_ms,
        expr_ms,
        tsv_page_ms,
        expr_page_ms,
        orm_ilike_ms,
        orm_fts_ms,
    ) in rows:
        check = "" if both_hits == tsv_hits else f"  (title∨body ILIKE: {both_hits})"
        print(
            f"{term:<6} {kind:<17} {ilike_hits:>6} {tsv_hits:>6} | {ilike_ms:>7.1f} "
            f"{tsv_ms:>6.1f} {ilike_ms / tsv_ms:>5.0f}x {expr_ms:>7.1f} | "
            f"{tsv_page_ms:>6.1f} {expr_page_ms:>7.1f} | {orm_ilike_ms:>7.1f} "
            f"{orm_fts_ms:>6.1f} {orm_ilike_ms / orm_fts_ms:>5.0f}x{check}"
        )
    print(
        "Medians in ms. hits body: documents whose body contains the term; hits "
        "tsv: found by the full-text search (title and body). count: SQL count(*) "
        "with body ILIKE '%term%' / the stored bigram tsvector (GIN) / the same "
        "tsvector as an index expression; page: the ORM's query shape, id IN "
        "(sub-select) newest 80; ORM: search(limit=80) + search_count(limit=10001) "
        "as superuser with the ilike peer on body vs full_text."
    )
    if keep:
        cr.execute(SQL("DROP INDEX bench_search_expression_idx"))
        cr.commit()  # pylint: disable=invalid-commit
    else:
        cr.rollback()


if "env" in globals():  # odoo shell
    run(
        env,  # noqa: F821 - provided by odoo shell
        int(os.environ.get("OA_BENCH_N", "100000")),
        keep=bool(os.environ.get("OA_BENCH_KEEP")),
    )
elif __name__ == "__main__":
    import argparse

    import odoo
    from odoo.modules.registry import Registry

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents to add")
    parser.add_argument("--keep", action="store_true", help="commit the documents")
    args, odoo_args = parser.parse_known_args()
    odoo.tools.config.parse_config(odoo_args)
    registry = Registry(odoo.tools.config["db_name"])
    with registry.cursor() as cursor:
        run(odoo.api.Environment(cursor, odoo.SUPERUSER_ID, {}), args.n, args.keep)
