"""Input validation equals the spec (nullable, deepObject, unknown keys, PATCH null) and 400s that
name the field without echoing the body or a secret."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pinterest_rest.sandbox import Sandbox, schemas
from pinterest_rest.sandbox.app import Reply

H = {"authorization": "Bearer t", "content-type": "application/json"}
SPEC = Path(__file__).resolve().parents[2] / ".." / "shared" / "pinterest-api" / "openapi.json"


def call(sb: Sandbox, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    reply: Reply = sb.app.handle(method, "/v5" + path, H, b"" if body is None else json.dumps(body).encode())
    return reply.status, json.loads(reply.body) if reply.body else None


@pytest.fixture
def account(sandbox: Sandbox) -> tuple[Sandbox, str, str]:
    status, acct = call(sandbox, "POST", "/ad_accounts", {"name": "A", "country": "US", "owner_user_id": "1"})
    assert status == 200, acct
    status, made = call(
        sandbox,
        "POST",
        f"/ad_accounts/{acct['id']}/campaigns",
        [{"ad_account_id": acct["id"], "name": "C", "objective_type": "AWARENESS", "daily_spend_cap": 1_000_000}],
    )
    assert status == 200, made
    return sandbox, acct["id"], made["items"][0]["data"]["id"]


def test_nullable_beside_allof_and_ref_accepts_null(account: tuple[Sandbox, str, str]) -> None:
    sb, acct, campaign = account
    # objective_type and tracking_urls are `nullable: true` next to an allOf in the spec; Pinterest's
    # own generated client sends these nulls for every field it does not set.
    for field in ("objective_type", "tracking_urls"):
        status, answer = call(
            sb, "PATCH", f"/ad_accounts/{acct}/campaigns", [{"id": campaign, "ad_account_id": acct, field: None}]
        )
        assert status == 200, (field, answer)


def test_every_nullable_beside_allof_or_ref_accepts_null() -> None:
    """All 17 generated places where nullable sits beside allOf/$ref validate null."""
    checked = 0

    def walk(node: Any) -> None:
        nonlocal checked
        if isinstance(node, dict):
            t = node.get("type")
            if isinstance(t, list) and "null" in t and ("allOf" in node or "$ref" in node):
                from jsonschema import Draft202012Validator

                prepared = {**schemas._prepare(node), "$defs": schemas._prepared_defs()}
                assert Draft202012Validator(prepared).is_valid(None), node
                checked += 1
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schemas.document())
    assert checked >= 17


def test_patch_null_on_a_field_never_null_is_a_400_naming_it(account: tuple[Sandbox, str, str]) -> None:
    sb, acct, campaign = account
    status, answer = call(
        sb, "PATCH", f"/ad_accounts/{acct}/campaigns", [{"id": campaign, "ad_account_id": acct, "name": None}]
    )
    assert status == 400 and "[0].name" in answer["message"], answer


def test_patch_null_the_request_allows_but_the_object_cannot_hold_leaves_it(account: tuple[Sandbox, str, str]) -> None:
    sb, acct, campaign = account
    # objective_type: nullable in CampaignUpdateRequest, never null in CampaignResponse.
    status, answer = call(
        sb, "PATCH", f"/ad_accounts/{acct}/campaigns", [{"id": campaign, "ad_account_id": acct, "objective_type": None}]
    )
    assert status == 200, answer
    assert answer["items"][0]["data"]["objective_type"] == "AWARENESS"
    status, got = call(sb, "GET", f"/ad_accounts/{acct}/campaigns/{campaign}")
    assert got["objective_type"] == "AWARENESS"


def test_unknown_body_key_is_a_400_naming_it(sandbox: Sandbox) -> None:
    status, answer = call(sandbox, "POST", "/boards", {"name": "B", "descripton": "typo"})
    assert status == 400 and answer["message"] == "Invalid request body: unknown field descripton", answer
    assert sandbox.state.boards.count() == 0
    status, answer = call(
        sandbox,
        "POST",
        "/catalogs/product_groups",
        {
            "name": "G",
            "feed_id": "1",
            "catalog_product_group_idd": "1",
            "filters": {"any_of": [{"MIN_PRICE": {"values": 1}}]},
        },
    )
    assert status == 400 and "unknown field" in answer["message"], answer


def test_deep_object_query_parameters_are_parsed(sandbox: Sandbox) -> None:
    good = "parameters[catalog_type]=RETAIL&parameters[report][report_type]=DISTRIBUTION_ISSUES"
    reply = sandbox.app.handle("GET", "/v5/catalogs/reports/stats?" + good, H, b"")
    assert reply.status == 200, reply.body
    bad = "parameters[catalog_type]=SHOES&parameters[report][report_type]=DISTRIBUTION_ISSUES"
    reply = sandbox.app.handle("GET", "/v5/catalogs/reports/stats?" + bad, H, b"")
    assert reply.status == 400 and b"parameters" in reply.body and b"SHOES" not in reply.body


def test_error_never_echoes_the_body_or_a_secret(sandbox: Sandbox) -> None:
    secret = "hunter2-very-secret-password"
    status, answer = call(
        sandbox,
        "POST",
        "/catalogs/feeds",
        {"name": "F", "format": "CSV", "location": "https://e.com/f.csv", "credentials": {"password": secret}},
    )
    assert status == 400 and answer["message"].endswith("credentials.username is required"), answer
    for password in ([secret], {"x": secret}):
        status, answer = call(
            sandbox,
            "POST",
            "/catalogs/feeds",
            {
                "name": "F",
                "format": "CSV",
                "location": "https://e.com/f",
                "credentials": {"username": "u", "password": password},
            },
        )
        assert status == 400 and secret not in json.dumps(answer), answer
        assert "credentials.password" in answer["message"], answer


def test_a_30_item_create_error_is_short_and_names_the_item(account: tuple[Sandbox, str, str]) -> None:
    sb, acct, _ = account
    body = [
        {"ad_account_id": acct, "name": f"Campaign {n}" * 5, "objective_type": "AWARENESS", "daily_spend_cap": 1}
        for n in range(30)
    ]
    body[27]["objective_type"] = "NOT_AN_OBJECTIVE"
    status, answer = call(sb, "POST", f"/ad_accounts/{acct}/campaigns", body)
    assert status == 400, answer
    assert len(answer["message"]) < 300 and "Campaign 1" not in answer["message"]
    assert "[27].objective_type" in answer["message"], answer


def test_oneof_errors_name_the_field_of_the_selected_branch(sandbox: Sandbox) -> None:
    # items_batch/post is a oneOf over catalog types; a RETAIL batch with a bad operation value must
    # be explained from the RETAIL branch, not as "not valid under any of the given schemas".
    body = {
        "country": "US",
        "language": "EN",
        "catalog_type": "RETAIL",
        "items": [{"item_id": "1", "operation": "EXPLODE"}],
    }
    status, answer = call(sandbox, "POST", "/catalogs/items/batch", body)
    assert status == 400, answer
    assert "any of the given schemas" not in answer["message"]
    assert "items[0]" in answer["message"], answer


def test_query_errors_name_the_parameter_without_the_value(sandbox: Sandbox) -> None:
    reply = sandbox.app.handle("GET", "/v5/boards?page_size=abc_secret", H, b"")
    assert reply.status == 400 and b"page_size" in reply.body and b"abc_secret" not in reply.body


def test_dates_and_date_times_are_checked(account: tuple[Sandbox, str, str]) -> None:
    sb, acct, _ = account
    reply = sb.app.handle(
        "GET",
        f"/v5/ad_accounts/{acct}/analytics?start_date=2026-13-01&end_date=2026-01-02&columns=SPEND_IN_DOLLAR&granularity=DAY",
        H,
        b"",
    )
    assert reply.status == 400 and b"start_date" in reply.body and b"YYYY-MM-DD" in reply.body


def test_subtype_table_matches_the_specs_discriminators() -> None:
    if not SPEC.exists():
        pytest.skip("the spec is not next to this checkout")
    spec = json.loads(SPEC.read_text())
    found = {
        name: tuple(ref.rsplit("/", 1)[-1] for ref in schema["discriminator"].get("mapping", {}).values())
        for name, schema in spec["components"]["schemas"].items()
        if "discriminator" in schema and "oneOf" not in schema and "anyOf" not in schema
    }
    assert found == schemas.SUBTYPES
