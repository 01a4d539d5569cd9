"""The schemathesis gate's reading of its output, and query shapes the fuzzer found."""

from __future__ import annotations

from tools.sandbox_fuzz import allowed, failures

from pinterest_rest.sandbox import Sandbox

OUTPUT = """
- ST202 Schema-valid request rejected

    Valid data should have been accepted

[400] Bad Request:

    `{"code": 1, "message": "Invalid request body: unknown field x (and 3 more)"}`

- ST202 Schema-valid request rejected

[400] Bad Request:

    `{"code": 1, "message": "Invalid query parameter keywords: Must have at least 1 items"}`

- ST101 Server error

    `{"code": 500}`
"""


def test_failures_are_read_and_only_documented_kinds_allowed() -> None:
    found = failures(OUTPUT)
    assert [f[0] for f in found] == ["ST202", "ST202", "ST101"]
    assert [allowed(code, detail) for code, _, detail in found] == [True, False, False]


def test_an_empty_query_array_is_read_as_the_spec_allows() -> None:
    sb = Sandbox()
    h = {"authorization": "Bearer t"}
    # attribution_types= is an empty list (an empty string is outside the enum) ...
    reply = sb.app.handle(
        "GET",
        "/v5/ad_accounts/1/ad_groups/targeting_analytics?targeting_types=GEO&columns=SPEND_IN_MICRO_DOLLAR"
        "&attribution_types=&start_date=2026-11-01&end_date=2026-11-02&granularity=TOTAL",
        h,
        b"",
    )
    assert b"attribution_types" not in reply.body, reply.body


def test_a_hint_spread_over_many_lines_still_yields_the_servers_message() -> None:
    # Generated property names may hold newlines; schemathesis prints them raw in its hint, which
    # once pushed the server's answer past a fixed look-ahead and left an allowed kind unread.
    names = "\n".join(f"    name {i}`" for i in range(30))
    output = f"""
- ST202 Schema-valid request rejected

    Hint: The request body contains 30 additional properties not defined in the schema ({names}).

[400] Bad Request:

    `{{"code": 1, "message": "Invalid request body: unknown field a (and 29 more)"}}`

Reproduce with:

    curl -X POST -H 'Content-Type: application/json' -d '{{}}' http://127.0.0.1:1/v5/catalogs/reports

- ST202 Schema-valid request rejected

[400] Bad Request:

    `{{"code": 1, "message": "Invalid query parameter keywords: Must have at least 1 items"}}`
"""
    found = failures(output)
    assert [(f[1], allowed(f[0], f[2])) for f in found] == [
        ("Schema-valid request rejected [POST /v5/catalogs/reports]", True),
        ("Schema-valid request rejected", False),
    ]


def test_a_block_ends_at_the_next_section_rule() -> None:
    # The last finding has no server message; text of the report's later sections is not its detail.
    output = """
- ST101 Server error

    Connection reset by peer

=================================== WARNINGS ===================================

    The server is not reachable for 2 operations
"""
    assert failures(output) == [("ST101", "Server error", "")]
