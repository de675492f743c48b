# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

_logger = logging.getLogger(__name__)


def post_init_hook(env):
    """Say loudly what the database does to Chinese search (PERFORMANCE.md
    facts 2 and 3): LC_CTYPE, pg_trgm, the full-text index. The office sees the
    same in Documents > Configuration > Chinese Search Check."""
    __, problems = env["oa.document.search.check"]._diagnose()
    for problem in problems:
        _logger.warning("oa_document: Chinese search: %s", problem)
    if not problems:
        _logger.info("oa_document: Chinese search: database checks passed.")
