# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Chinese full-text search on documents (PERFORMANCE.md facts 2, 3 and 10).

pg_trgm cannot serve 1–2 character Chinese queries (公文, 通知, 批复) and
ignores Chinese altogether under ``LC_CTYPE=C``. Documents therefore keep a
``search_tokens`` text column — character bigrams of every CJK run, the last
character of each run, lower-cased Latin/digit words — built in Python in
batch, and a GIN index on ``to_tsvector('simple', search_tokens)``. A query
becomes the same bigrams joined by ``<->`` (a phrase: exact substring
semantics within a CJK run) for each whitespace-separated word, and ``&``
between words.

The tsvector is materialized as a generated column (``search_tsv``, kept by
PostgreSQL from ``search_tokens``) rather than left as an index expression:
phrase queries are rechecked row by row and the planner may filter a
newest-first page row by row, and an expression is re-parsed for every such
row. Measured on 100 000 documents: 390 ms vs 28 ms to count a frequent
4-character phrase, 134 ms vs 6 ms for a newest-first page of a 2-character
word (tests/benchmarks/bench_search.py).
"""

import html
import re
import unicodedata

from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import column_exists

# CJK ideographs (with 々 and 〇), kana and Hangul: written without spaces, so
# cut into bigrams. Everything else that is a word character is a "word".
_CJK = (
    "\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\U00020000-\U0003134f"
)
_TOKEN_RE = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)")
# Longer "words" are base64, hashes or garbage; PostgreSQL also skips lexemes
# over 2 047 bytes.
MAX_WORD_LENGTH = 60
# PostgreSQL keeps positions up to 16 383 (later ones are clamped: only the
# presence of a token counts there) and a tsvector must stay under 1 MB.
MAX_POSITION = 16383
MAX_TSVECTOR_BYTES = 900_000
SEARCH_COLUMN = "search_tsv"
SEARCH_STATISTICS = 1000
INDEX_NAME = "oa_document_search_tsv_idx"
TSVECTOR_EXPRESSION = "to_tsvector('simple', coalesce(search_tokens, ''))"
# Block elements separate words; inline ones (<b>, <span>, <a>) do not: a
# word in bold stays one word (html2plaintext would put "*" around it).
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|br|hr|tr|td|th|li|dt|dd|h[1-6]|table|thead|tbody|ul|ol|pre|"
    r"blockquote|section|article|header|footer)\b[^>]*>",
    re.IGNORECASE,
)
_TAG_RE = re.compile(r"<[^>]*>")
POSITIVE_OPERATORS = ("ilike", "like", "=", "=like", "=ilike")
NEGATIVE_OPERATORS = ("not ilike", "not like", "!=")


def html_to_text(value):
    """The text of an HTML body, block elements as line breaks."""
    if not value:
        return ""
    return html.unescape(_TAG_RE.sub("", _BLOCK_TAG_RE.sub("\n", str(value))))


def _normalize(text):
    """Full-width letters and digits to ASCII (NFKC), then lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def _iter_parts(text):
    """Yield ``(token, kind)`` in reading order for normalized ``text``.

    ``kind`` is ``"bigram"`` (two characters of a CJK run), ``"last"`` (the
    last bigram of a run), ``"char"`` (a CJK run of one character) or
    ``"word"`` (a Latin/digit word).
    """
    for match in _TOKEN_RE.finditer(text):
        cjk, word = match.groups()
        if cjk:
            if len(cjk) == 1:
                yield cjk, "char"
            else:
                last = len(cjk) - 2
                for i in range(last + 1):
                    yield cjk[i : i + 2], "last" if i == last else "bigram"
        elif len(word) <= MAX_WORD_LENGTH:
            yield word, "word"


def make_search_tokens(texts):
    """The token string of a document from its ``texts`` (in order).

    Tokens keep their order (positions serve phrase queries). The last
    character of each CJK run is added once more at the end as a unigram: a
    one-character query is the prefix ``'字':*``, which finds the character in
    the bigrams it starts and, at the end of a run, in these unigrams. Past
    ``MAX_POSITION`` tokens only new tokens are kept, and the whole stays
    within ``MAX_TSVECTOR_BYTES``.
    """
    seen = set()
    ends = set()
    tokens = []
    size = 0
    for text in texts:
        if not text:
            continue
        for token, kind in _iter_parts(_normalize(text)):
            if kind == "last":
                ends.add(token[1])
            new = token not in seen
            if not new and len(tokens) >= MAX_POSITION:
                continue
            cost = 2 + (len(token.encode()) + 8 if new else 0)
            if size + cost > MAX_TSVECTOR_BYTES:
                break
            size += cost
            tokens.append(token)
            if new:
                seen.add(token)
        else:
            continue
        break  # the size limit was reached
    for char in sorted(ends - seen):
        size += len(char.encode()) + 10
        if size > MAX_TSVECTOR_BYTES:
            break
        tokens.append(char)
    return " ".join(tokens)


def _quote(token):
    return "'{}'".format(token.replace("\\", "\\\\").replace("'", "''"))


def make_tsquery(query):
    """The ``to_tsquery('simple', …)`` text for a user's query, or ``""``.

    Each whitespace-separated word is a phrase of its tokens (``<->``); words
    are and-ed (``&``). A CJK character alone, or at the end of a longer word,
    is a prefix (``'年':*`` matches the bigram ``年度`` and the unigram ``年``);
    at the start of a longer word it is and-ed on its own (no bigram ends with
    a given character); a trailing Latin word is a prefix (``budg`` finds
    ``budget``).
    """
    words = []
    for chunk in (query or "").split():
        parts = list(_iter_parts(_normalize(chunk)))
        if not parts:
            continue
        extra = ""
        if len(parts) > 1 and parts[0][1] == "char":
            extra = _quote(parts[0][0]) + ":*"
            parts = parts[1:]
        terms = [_quote(token) for token, __ in parts]
        if parts[-1][1] in ("word", "char"):
            terms[-1] += ":*"
        phrase = " <-> ".join(terms)
        words.append(f"({phrase} & {extra})" if extra else f"({phrase})")
    return " & ".join(words)


def ensure_search_column(cr, table, index_name):
    """Add the bigram tsvector of ``table``'s ``search_tokens`` and its index.

    The tsvector is kept by PostgreSQL from ``search_tokens`` (a generated
    column, not an ORM field: Odoo has no tsvector type) and served by a GIN
    index named ``index_name``; no extension needed (PERFORMANCE.md A6.4).
    Call it from the ``init`` of every model with a ``search_tokens`` column.
    """
    if not column_exists(cr, table, SEARCH_COLUMN):
        cr.execute(
            SQL(
                "ALTER TABLE %s ADD COLUMN %s tsvector GENERATED ALWAYS AS (%s) STORED",
                SQL.identifier(table),
                SQL.identifier(SEARCH_COLUMN),
                SQL(TSVECTOR_EXPRESSION),
            )
        )
    # A longer list of most common lexemes: rare words are then estimated
    # rare, and the planner reads them through the index rather than
    # filtering the newest records one by one.
    cr.execute(
        SQL(
            "ALTER TABLE %s ALTER COLUMN %s SET STATISTICS %s",
            SQL.identifier(table),
            SQL.identifier(SEARCH_COLUMN),
            SEARCH_STATISTICS,
        )
    )
    cr.execute(
        SQL(
            "CREATE INDEX IF NOT EXISTS %s ON %s USING gin (%s)",
            SQL.identifier(index_name),
            SQL.identifier(table),
            SQL.identifier(SEARCH_COLUMN),
        )
    )


def attachment_text(attachment):
    """The indexed text of ``attachment`` (``index_content`` and ``mimetype``
    fetched), or ``None`` when it has none."""
    content = attachment.index_content
    # Without an indexer, base stores the mimetype's main type (e.g.
    # "application") as the "content": that is no text.
    if not content or content == (attachment.mimetype or "").split("/")[0]:
        return None
    return content


def full_text_domain(model, operator, value):
    """The search domain of a ``full_text`` field on ``model``, whose table has
    a ``search_tokens`` field and the column of ``ensure_search_column``."""
    if operator not in POSITIVE_OPERATORS + NEGATIVE_OPERATORS:
        raise UserError(
            model.env._(
                "Full-text search does not support the operator %(operator)s.",
                operator=operator,
            )
        )
    negative = operator in NEGATIVE_OPERATORS
    if not isinstance(value, str) or not value.strip():
        # Like ``ilike ''``: everything (nothing for the negation).
        return [(0, "=", 1)] if negative else [(1, "=", 1)]
    tsquery = make_tsquery(value)
    if not tsquery:
        # Punctuation only: no word to look for.
        return [(1, "=", 1)] if negative else [(0, "=", 1)]
    # Pending token changes go to the database first (no query if none).
    model.flush_model(["search_tokens"])
    # One sub-select on the indexed tsvector: the GIN index serves it, the
    # record rules apply to the outer search as usual.
    matching = SQL(
        "(SELECT id FROM %s WHERE %s @@ to_tsquery('simple', %s))",
        SQL.identifier(model._table),
        SQL.identifier(SEARCH_COLUMN),
        tsquery,
    )
    return [("id", "not in" if negative else "in", matching)]
