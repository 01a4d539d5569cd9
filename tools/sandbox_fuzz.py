"""Fuzz a served sandbox with schemathesis over every operation of the spec (positive and negative).

    python -m tools.sandbox_fuzz [--spec PATH] [--max-time 150] [--workers 2] [--seed N]

Passes when, in the whole run: no answer is >= 500, no answer violates its response schema, and no
request the spec allows is rejected, except for the kinds the sandbox rejects on purpose
(docs/sandbox.md, "Validation"):

* ``unknown field ...``: body keys no schema declares are refused (schemathesis adds such keys
  wherever the spec does not say ``additionalProperties: false``);
* ``Invalid bookmark``: bookmarks are the sandbox's own tokens, so a forged one is refused;
* ``... days back from today``: date-range limits the spec states in operation descriptions
  (likewise the brand/category/SKU report's earliest start and 7-day minimum window);
* ``... is required`` for a ``required`` list the spec writes next to a ``$ref`` (OpenAPI 3.0
  ignores such siblings; the sandbox honours them as the descriptions say, e.g. conversion
  ``user_data`` needs ``em``, ``hashed_maids`` or the client IP and user agent pair);
* ``... is not on board ...``: ids that must belong together (a section of another board);
* ``board_id is required`` on ``pins/create``: the spec lists no required field, but every pin
  belongs to a board and Pinterest refuses one without it;
* ``start_date and end_date must be dates``: report and insertion-order bodies give dates only a
  pattern (``^(\\d{4})-(\\d{2})-(\\d{2})$``), which admits days no calendar has (``2020-13-45``);
* ``... already exists. (field: ...)``: a uniqueness rule (uniqueness.py) refusing a name another
  request of the run already took; state, not input, answered as the spec documents (a feed
  name's 422, code 4170, which schemathesis does not expect from valid data);
* ``... does not match the catalog's type`` / ``catalog_type cannot change``: a product group or
  feed belongs to a stored catalog of one type, and a group keeps the ``oneOf`` branch it was
  created in (state, not input: the spec's union admits every branch's fields);
* rules the spec states in prose between fields: a reversed date range (``end_date is before
  start_date``: template reports take real dates in the query), a report id list used at another
  level (``campaign_ids is only supported when level is CAMPAIGN``, the brand/category/SKU
  report's description), an insertion-order edit that names no order (``salesforce_order_id is
  required``: the edit body's only link to the order it changes);
* answers "valid under more than one" ``oneOf`` branch: the spec's branches overlap (an items batch
  with no items fits every catalog type) and its discriminator, which schemathesis does not read,
  selects the branch.

Anything else is printed and the exit status is 1. Needs the dev extra (schemathesis).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ALLOWED = [
    ("ST202", re.compile(r"unknown field")),
    ("ST202", re.compile(r"Invalid bookmark")),
    ("ST202", re.compile(r"days back from today")),
    ("ST202", re.compile(r"user_data\.\w+ is required")),
    ("ST202", re.compile(r"is not on board")),
    ("ST202", re.compile(r"board_id is required")),
    ("ST202", re.compile(r"start_date and end_date must be dates")),
    ("ST202", re.compile(r"already exists\. \(field: \w+\)")),
    ("ST202", re.compile(r"does not match the catalog's type|catalog_type cannot change")),
    ("ST202", re.compile(r"end_date is before start_date")),
    ("ST202", re.compile(r"start_date must be after \d{4}-\d{2}-\d{2}|must span at least 7 days")),
    ("ST202", re.compile(r"_ids is only supported when level is")),
    ("ST202", re.compile(r"salesforce_order_id is required")),
    ("ST108", re.compile(r"is valid under more than one of the schemas listed in the 'oneOf' keyword")),
]
# Seconds schemathesis takes beyond its own --max-time (loading the spec, finishing the requests in
# flight, the report): taken off the budget so the gate as a whole keeps to --max-time.
_WIND_DOWN = 15
_BLOCK = re.compile(r"^- (ST\d+) (.+)$")
_RULE = re.compile(r"^(_{3,}|={3,}) ")  # schemathesis's section headers (an operation, WARNINGS, SUMMARY)
# The reproduction line names the request that failed (the section header above a block can name
# another operation: stateful steps chain requests of several operations).
_CURL = re.compile(r"curl -X (\w+) .*?https?://[^/\s']+(/[^?\s']*)")


def failures(output: str) -> list[tuple[str, str, str]]:
    """(code, title, first server message or detail line) for each failure block in the output."""
    found: list[tuple[str, str, str]] = []
    lines = output.splitlines()
    starts = [(i, m) for i, line in enumerate(lines) if (m := _BLOCK.match(line.strip()))]
    for i, match in starts:
        # A block runs to the next block or section rule, not a fixed number of lines: a hint
        # quoting generated property names can hold any number of newlines before the answer.
        end = next(
            (k for k in range(i + 1, len(lines)) if _BLOCK.match(lines[k].strip()) or _RULE.match(lines[k])), len(lines)
        )
        block = lines[i + 1 : end]
        detail = ""
        for follow in block:
            if '"code"' in follow or "valid under" in follow or "is not" in follow:
                detail = follow.strip()
                break
        request = next((m for m in map(_CURL.search, block) if m), None)
        title = match.group(2) + (f" [{request.group(1)} {request.group(2)}]" if request else "")
        found.append((match.group(1), title, detail))
    return found


def allowed(code: str, detail: str) -> bool:
    return any(code == c and pattern.search(detail) for c, pattern in ALLOWED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", help="path to openapi.json (default: $PINTEREST_OPENAPI_SPEC, then ../shared)")
    parser.add_argument("--max-time", type=int, default=150, help="budget of the whole gate, in seconds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--raw", type=Path, help="also write schemathesis's whole output here")
    args = parser.parse_args(argv)
    from tools.codegen.spec import spec_path

    args.spec = spec_path(args.spec)
    if not args.spec.exists():  # a clone without ../shared: the package and its tests need no spec
        print(f"sandbox fuzz: spec not found at {args.spec}; skipped (set PINTEREST_OPENAPI_SPEC or pass --spec)")
        return 0
    exe = shutil.which("schemathesis") or str(Path(sys.executable).with_name("schemathesis"))

    from pinterest_rest.sandbox import Sandbox

    sandbox = Sandbox(seed="demo")
    with sandbox.serve() as base_url:
        command = [
            exe, "run", str(args.spec.resolve()), "--url", base_url, "-H", "Authorization: Bearer sandbox-token",
            "--checks", "not_a_server_error,response_schema_conformance,positive_data_acceptance",
            "--phases", "examples,coverage,fuzzing", "--max-time", str(max(10, args.max_time - _WIND_DOWN)),
            "--workers", str(args.workers), "--seed", str(args.seed), "--no-color",
        ]  # fmt: skip
        with tempfile.TemporaryDirectory() as scratch:  # schemathesis writes its cache where it runs
            run = subprocess.run(command, capture_output=True, text=True, check=False, cwd=scratch)
    sandbox.close()
    output = run.stdout + run.stderr
    if args.raw:
        args.raw.write_text(output)
    found = failures(output)
    server_errors = [f for f in found if f[0] == "ST101" or "Server error" in f[1]]
    unexpected = [f for f in found if not allowed(f[0], f[2])]
    counts = Counter((code, "documented" if allowed(code, detail) else "unexpected") for code, _, detail in found)
    summary = next((line for line in output.splitlines() if re.search(r"\d+ generated", line)), "")
    print(f"schemathesis: {summary.strip()}")
    for (code, kind), n in sorted(counts.items()):
        print(f"  {code} {kind}: {n}")
    for code, title, detail in unexpected[:40]:
        print(f"UNEXPECTED {code} {title}: {detail[:240]}")
    if not summary or ("Runtime Error" in output and not found):
        print(output[-3000:])
        return 1  # schemathesis did not run the operations: a gate that ran nothing has not passed
    return 1 if unexpected or server_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
