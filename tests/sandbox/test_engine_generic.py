"""Generic answers: realistic values, the ids asked for, union branches chosen by the data."""

from __future__ import annotations

import json
import re

from pinterest_rest._registry import OPERATIONS
from pinterest_rest.sandbox import Sandbox, schemas
from pinterest_rest.sandbox.context import Context
from pinterest_rest.sandbox.generic import generic_response, shaped
from pinterest_rest.sandbox.samples import sample

PLACEHOLDER = re.compile(r"sandbox-\d{4,}")


def test_no_answer_sample_carries_a_placeholder_and_every_sample_is_spec_valid() -> None:
    for op_id in sorted(OPERATIONS):
        schema = schemas.operation(op_id)["response"]
        if schema is None:
            continue
        body = sample(schema, op_id)
        text = json.dumps(body)
        assert not PLACEHOLDER.search(text), (op_id, PLACEHOLDER.search(text))
        assert not schemas.errors(f"op:{op_id}|response", body), (op_id, schemas.errors(f"op:{op_id}|response", body))


def test_values_follow_field_names() -> None:
    board = sample({"$ref": "#/$defs/Pin"}, "pin")
    assert str(board["link"]).startswith("https://")
    account = sample({"$ref": "#/$defs/AdAccount"}, "acct")
    assert re.fullmatch(r"[A-Z]{2}", account["country"])


def test_generic_reads_answer_for_the_ids_asked() -> None:
    sb = Sandbox()
    op = OPERATIONS["order_lines/get"]
    ctx = Context(sb.app, op, {"ad_account_id": "12345", "order_line_id": "777"}, {}, None, {}, "http://x", None)
    _, body = generic_response(ctx)
    assert body["id"] == "777" and body["ad_account_id"] == "12345"
    assert not schemas.errors("op:order_lines/get|response", body)


def test_union_samples_take_the_branch_the_data_selects() -> None:
    # CatalogsVerticalProductGroup is a oneOf over RETAIL / HOTEL / CREATIVE_ASSETS groups; a HOTEL
    # group must get the HOTEL branch's "type" enum, not the RETAIL one's.
    hotel = shaped("CatalogsVerticalProductGroup", {"catalog_type": "HOTEL"}, "pg")
    hotel_types = schemas.resolve({"$ref": "#/$defs/CatalogsHotelProductGroupType"})["enum"]
    assert hotel["catalog_type"] == "HOTEL" and hotel["type"] in hotel_types
    assert not schemas.errors("def:CatalogsHotelProductGroup", hotel), schemas.errors(
        "def:CatalogsHotelProductGroup", hotel
    )


def test_map_fields_take_the_specs_object_example() -> None:
    # AssetIdToPermissions is a free-form map (asset id -> permissions); its example shows real keys.
    answer = sample({"$ref": "#/$defs/AssetIdToPermissions"}, "a")
    assert answer == schemas.defs()["AssetIdToPermissions"]["example"]
    assert not schemas.errors("def:AssetIdToPermissions", answer)


def test_date_times_need_a_utc_offset() -> None:
    from pinterest_rest.sandbox.store import now_iso

    schema_key = "def:CatalogsRetailItemsBatch"
    base = {"batch_id": "1", "catalog_type": "RETAIL", "status": "COMPLETED", "items": []}
    assert not schemas.errors(schema_key, {**base, "created_time": now_iso()})
    problems = schemas.errors(schema_key, {**base, "created_time": "2026-01-15T12:00:00"})
    assert problems and "created_time" in problems[0] and "UTC offset" in problems[0]
