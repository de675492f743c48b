#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Summarise an Odoo 18.0 test log.

Reads the log written by ``python3 -m odoo --test-enable --stop-after-init``
and prints details, then, as the very last line, ``N passed, N failed``.
Exit code: 0 when everything passed, 1 otherwise.

What Odoo 18.0 writes (odoo/tests/result.py, odoo/service/server.py,
odoo/modules/loading.py) and how it is used here:

* ``Starting <Class>.<method> ...`` (INFO, logger ``odoo.addons.<module>...``):
  one per test run (OdooTestResult.startTest).
* ``FAIL: <test>`` / ``ERROR: <test>`` (ERROR): a failure / an error
  (OdooTestResult.logError).
* ``skipped <test> : <reason>`` (INFO): a skipped test (OdooTestResult.addSkip).
  Browser tests (HttpCase.browser_js / start_tour) are *skipped*, not failed,
  when Chromium or the websocket-client module is missing: any skip fails the
  run unless its description matches ``--allow-skip``.
* ``<F> failed, <E> error(s) of <N> tests when loading database '<db>'``
  (INFO when green, ERROR otherwise): the final totals, logged once per
  database by the server in ``--stop-after-init`` mode. Skips are included
  in N but not reported separately.
* ``Module <m>: <F> failures, <E> errors of <N> tests`` (ERROR): per module.

Every other ERROR/CRITICAL line (module install errors, "Failed to initialize
database", errors logged while a test passed, ...) counts as one failure, as
on Odoo's runbot. A missing final totals line, no test run at all, a non-zero
Odoo exit code or modules that did not get installed also fail the run.
"""

import argparse
import re
import sys
from collections import Counter

LINE_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL|\?) (?P<db>\S+) "
    r"(?P<logger>\S+): (?P<msg>.*)$"
)
TOTALS_RE = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database '(?P<db>[^']*)'"
)
MODULE_TOTALS_RE = re.compile(r"^Module \S+: \d+ failures, \d+ errors of \d+ tests")
START_RE = re.compile(r"^Starting (?P<test>.+) \.\.\.$")
SKIP_RE = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")
RESULT_RE = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>.*)$")
WINDOW_END_RE = re.compile(
    r"^(Module \S+ loaded in |\d+ post-tests in |Starting post tests|"
    r"\d+ modules loaded in )"
)
MODULE_LOGGER_RE = re.compile(r"^odoo\.addons\.(?P<module>[^.]+)\.")
# report lines that are already accounted for by the totals
KNOWN_REPORT_RES = [
    TOTALS_RE,
    MODULE_TOTALS_RE,
    re.compile(r"^Test suite halted: max failed tests already reached"),
    re.compile(r": at least one error occurred in a test$"),
    re.compile(r"^At least one test failed when loading the modules\.$"),
]
INSTALL_PROBLEM_RES = [
    re.compile(r"invalid module names, ignored"),
    re.compile(r"not installable, skipped"),
    re.compile(r"Some modules are not loaded"),
    re.compile(r"Some modules have inconsistent states"),
]


class _LogScan:
    """Collect what matters from the log lines (see the module docstring)."""

    def __init__(self):
        self.totals = None
        self.started = 0
        self.per_module = Counter()
        self.result_lines = []  # (kind, test)
        self.skips = []  # (test, reason)
        self.window_failed = {}  # test window -> has a FAIL/ERROR line
        self.errors_in_window = []  # (window, line)
        self.stray_errors = []
        self.install_problems = []
        self.window = None

    def feed(self, raw):
        line = raw.rstrip()
        m = LINE_RE.match(line)
        if not m:
            return
        level, logger, msg = m["level"], m["logger"], m["msg"]
        if level == "INFO" and self._info(logger, msg):
            return
        tm = TOTALS_RE.search(msg)
        if tm:
            self.totals = {k: int(tm[k]) for k in ("failed", "errors", "run")}
            self.window = None
            return
        if WINDOW_END_RE.match(msg):
            self.window = None
        if any(r.search(msg) for r in INSTALL_PROBLEM_RES):
            self.install_problems.append(line)
        elif level in ("ERROR", "CRITICAL"):
            self._error(line, msg)

    def _info(self, logger, msg):
        module = MODULE_LOGGER_RE.match(logger)
        if not module:
            return False
        if START_RE.match(msg):
            self.started += 1
            self.per_module[module["module"]] += 1
            self.window = self.started
            self.window_failed[self.window] = False
            return True
        km = SKIP_RE.match(msg)
        if km:
            self.skips.append((km["test"], km["reason"]))
            return True
        return False

    def _error(self, line, msg):
        rm = RESULT_RE.match(msg)
        if rm:
            self.result_lines.append((rm["kind"], rm["test"]))
            if self.window is not None:
                self.window_failed[self.window] = True
        elif any(r.search(msg) for r in KNOWN_REPORT_RES):
            pass
        elif self.window is not None:
            self.errors_in_window.append((self.window, line))
        else:
            self.stray_errors.append(line)

    def unexpected_errors(self):
        """ERROR lines outside tests, or logged by a test that did not fail."""
        return self.stray_errors + [
            line
            for win, line in self.errors_in_window
            if not self.window_failed.get(win)
        ]


def summarize(lines, allow_skip=None, odoo_rc=0, not_installed=()):
    """Return a dict with passed, failed, and the details (list of str)."""
    scan = _LogScan()
    for raw in lines:
        scan.feed(raw)
    details = []
    fail_count = sum(1 for kind, _t in scan.result_lines if kind == "FAIL")
    error_count = len(scan.result_lines) - fail_count
    if scan.totals is None:
        details.append(
            "no final 'N failed, N error(s) of N tests when loading database' line:"
            " Odoo did not finish the test run (crash or install failure?)"
        )
        run = scan.started
    else:
        run = scan.totals["run"]
        fail_count = max(fail_count, scan.totals["failed"])
        error_count = max(error_count, scan.totals["errors"])

    allow_re = re.compile(allow_skip) if allow_skip else None
    bad_skips = [s for s in scan.skips if not (allow_re and allow_re.search(s[0]))]
    unexpected = scan.unexpected_errors()

    details += [f"{kind}: {test}" for kind, test in scan.result_lines]
    details += [f"SKIPPED (counted as failed): {t} : {r}" for t, r in bad_skips]
    details += [f"error logged: {line[:300]}" for line in unexpected]
    details += [f"install problem: {line[:300]}" for line in scan.install_problems]
    details += [f"module not installed: {name}" for name in not_installed]

    failed = (
        fail_count
        + error_count
        + len(bad_skips)
        + len(unexpected)
        + len(scan.install_problems)
        + len(not_installed)
    )
    passed = max(0, run - fail_count - error_count - len(scan.skips))
    if run == 0:
        details.append("no test ran")
    if odoo_rc and not failed:
        details.append(f"odoo exited with status {odoo_rc}")
    ok = failed == 0 and run > 0 and not odoo_rc and scan.totals is not None
    if not ok and failed == 0:
        failed = 1  # never print "0 failed" for a failed run
    return {
        "passed": passed,
        "failed": failed,
        "run": run,
        "skipped": len(scan.skips),
        "allowed_skips": len(scan.skips) - len(bad_skips),
        "per_module": dict(scan.per_module),
        "details": details,
        "ok": ok,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logfile")
    parser.add_argument(
        "--allow-skip",
        default=None,
        help="regex of test descriptions allowed to be skipped",
    )
    parser.add_argument("--odoo-rc", type=int, default=0, help="Odoo's exit status")
    parser.add_argument(
        "--not-installed",
        default="",
        help="comma separated modules that should be installed but are not",
    )
    args = parser.parse_args(argv)
    with open(args.logfile, encoding="utf-8", errors="replace") as fh:
        res = summarize(
            fh,
            allow_skip=args.allow_skip or None,
            odoo_rc=args.odoo_rc,
            not_installed=[m for m in args.not_installed.split(",") if m],
        )
    out = sys.stdout
    out.write("=" * 70 + "\n")
    out.write("Test summary (%s)\n" % args.logfile)
    for module, count in sorted(res["per_module"].items()):
        out.write(f"  {module}: {count} tests\n")
    out.write(
        "  run: %d, skipped: %d (allowed: %d)\n"
        % (res["run"], res["skipped"], res["allowed_skips"])
    )
    for line in res["details"]:
        out.write(f"  {line}\n")
    out.write("RESULT: %s\n" % ("OK" if res["ok"] else "FAILED"))
    out.write("{} passed, {} failed\n".format(res["passed"], res["failed"]))
    out.flush()
    return 0 if res["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
