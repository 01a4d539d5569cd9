"""Every filter a list operation declares is honoured, and several filters combine with AND.

The operations come from the registry: every paginated GET with query parameters beyond paging
either has its filters in ``FILTERS`` (and is exercised here against stored objects) or is
listed in ``NOT_FILTERS`` with why its parameters select nothing.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest

from pinterest_rest._registry import OPERATIONS
from pinterest_rest.sandbox import Sandbox
from pinterest_rest.sandbox.handlers._helpers import FILTERS
from pinterest_rest.sandbox.handlers.crud import model_of
from pinterest_rest.sandbox.samples import sample

PAGING = {"bookmark", "page_size", "order"}
# Parameters that shape an answer (metrics, sizing, names) or scope it to the caller's account.
SHAPING = {"ad_account_id", "pin_metrics", "translate_interests_to_names", "include_sizing", "include_shared_accounts",
           "fetch_system_users", "assets_summary", "start_index", "explicit_following", "include_protected_pins"}  # fmt: skip
# List operations whose remaining parameters are not filters over stored objects (and why).
NOT_FILTERS = {
    "search_partner_pins": "a search: term matches stored pins' text (test_partner_search)",
    "search_user_boards/get": "a search: query matches names, tested in test_state_*",
    "search_user_pins/list": "a search: query matches titles, tested in test_state_*",
    "targeting_template/list": "a search: search_query matches template names (test_state_families)",
    "reports/stats": "parameters select a report, not objects",
    "items_issues/list": "validation issues of one processing run",
    "user_following/get": "feed_type ranks; the sandbox user follows only explicit follows",
    "pins/list": "pin_filter/pin_type/creative_types describe Pinterest-side pin traits the sandbox does not model",
    "boards/list_pins": "creative_types: Pinterest-side pin traits",
    "billing_invoices/get": "invoices are Pinterest's documents, put in the store by a test (test_billing_invoices)",
}
# Business-access lists: their filters (roles, asset types, partner and member ids) are checked
# against the business model in tests/sandbox/test_business_access.py.
BUSINESS = {"business_assets/get", "business_member_assets/get", "business_partner_asset_access/get",
            "get/business_members", "get/business_partners"}  # fmt: skip

KINDS = {  # list operation -> (stored kind, parented by the ad account?)
    "campaigns/list": ("campaign", True),
    "ad_groups/list": ("ad_group", True),
    "ads/list": ("ad", True),
    "product_group_promotions/list": ("product_group_promotion", True),
    "keywords/get": ("keyword", True),
    "audiences/list": ("audience", True),
    "boards/list": ("board", False),
    "catalogs_product_groups/list": ("product_group", False),
    "feeds/list": ("feed", False),
}


def _list_ops_with_params() -> list[str]:
    out = []
    for op in OPERATIONS.values():
        if op.http_method == "GET" and op.paginated:
            names = {p.name for p in op.params if p.location == "query"} - PAGING - SHAPING
            if names:
                out.append(op.id)
    return sorted(out)


def test_every_list_operation_with_filters_is_covered() -> None:
    missing = [
        op for op in _list_ops_with_params() if op not in FILTERS and op not in NOT_FILTERS and op not in BUSINESS
    ]
    assert not missing, f"list operations whose filters nobody handles: {missing}"
    for op_id, table in FILTERS.items():
        declared = {p.name for p in OPERATIONS[op_id].params if p.location == "query"}
        assert set(table) <= declared, (op_id, set(table) - declared)


def _value(op_id: str, param: str, i: int, ident: str) -> Any:
    p = next(p for p in OPERATIONS[op_id].params if p.name == param)
    choices = p.items_enum or p.enum
    if choices:
        usable = [c for c in choices if c not in ("ALL", "PUBLIC_AND_SECRET")]
        return usable[i % len(usable)]
    if p.type == "boolean":
        return i % 2 == 0
    return ident if FILTERS[op_id][param] == "id" else str(900 + i)


@pytest.mark.parametrize("op_id", sorted(KINDS), ids=str)
def test_each_filter_selects_and_filters_and(sandbox: Sandbox, op_id: str) -> None:
    kind, under_account = KINDS[op_id]
    account = sandbox.client().ad_accounts.create(name="F", country="US", owner_user_id="1").id
    parent = account if under_account else ""
    table = FILTERS[op_id]
    docs = []
    for i in range(3):
        ident = str(10_000 + i)
        # A valid object of the answer's schema, then the fields the filters look at.
        doc: dict[str, Any] = {**sample({"$ref": f"#/$defs/{model_of(op_id)}"}, ident), "id": ident, "_parent": parent}
        if "name" in doc:
            doc["name"] = f"{doc['name']} {i}"  # names are unique per owner
        for param, field in table.items():
            doc[field] = _value(op_id, param, i, ident)
        sandbox.store.put(kind, ident, doc, parent=parent)
        docs.append(doc)
    op = OPERATIONS[op_id]
    path = op.path.replace("{ad_account_id}", account)

    def listed(query: dict[str, Any]) -> list[str]:
        pairs = [(k, str(x).lower() if isinstance(x, bool) else str(x)) for k, v in query.items()
                 for x in (v if isinstance(v, list) else [v])]  # fmt: skip
        url = "http://sandbox.local/v5" + path + ("?" + urlencode(pairs) if pairs else "")
        reply = sandbox.app.handle("GET", url, {"authorization": "Bearer t"}, b"")
        assert reply.status == 200, reply.body[:300]
        return [item["id"] for item in json.loads(reply.body)["items"] if item.get("id") in {d["id"] for d in docs}]

    assert listed({}) == [d["id"] for d in docs]
    for param, field in table.items():
        p = next(p for p in op.params if p.name == param)
        want = docs[1][field]
        value = [want] if p.type == "array" else want
        expected = [d["id"] for d in docs if d[field] == want]
        assert listed({param: value}) == expected, (param, value)
    if len(table) > 1:
        (p1, f1), (p2, f2) = list(table.items())[:2]
        a, b = docs[0], docs[1]

        def arg(param: str, v: Any) -> Any:
            return [v] if next(p for p in op.params if p.name == param).type == "array" else v

        both = listed({p1: arg(p1, a[f1]), p2: arg(p2, b[f2])})
        assert both == [d["id"] for d in docs if d[f1] == a[f1] and d[f2] == b[f2]]
