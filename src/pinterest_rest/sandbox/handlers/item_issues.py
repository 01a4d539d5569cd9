"""Item validation: which stored catalog items Pinterest would refuse, and why.

``item_errors`` is the one rule set: a RETAIL item needs a title, a description, a link, an image
link, a price (a number, with a currency Pinterest knows) and an availability (``in stock``,
``out of stock`` or ``preorder``), as Pinterest's feed requirements say; each missing or invalid
one is an error code of the spec's ``CatalogsItemValidationErrors``. HOTEL and CREATIVE_ASSETS
items need only their id. Feed processing results (``promotions.py``) snapshot these issues when a
run completes and count an item as ingested only without errors; ``items_issues/list`` lists that
snapshot and ``reports/stats`` counts it per error code; an item with errors is not a product
(``product_group_reads.py``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from .. import schemas
from ..context import Context
from ..errors import not_found
from ._helpers import list_page, require

Handler = Callable[[Context], Any]

_PRICE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]{3})?\s*$")
AVAILABILITY = {"IN_STOCK", "OUT_OF_STOCK", "PREORDER"}
# error code -> (attribute, attribute_name as the spec's field enum spells it, None where it has none)
REQUIRED = (("TITLE_MISSING", "title", "TITLE"), ("DESCRIPTION_MISSING", "description", "DESCRIPTION"),
            ("PRODUCT_LINK_MISSING", "link", None), ("IMAGE_LINK_MISSING", "image_link", "IMAGE_LINK"))  # fmt: skip


def norm(value: Any) -> str:
    """Case- and spacing-insensitive form: ``in stock`` == ``IN_STOCK``, ``Acme`` == ``ACME``."""
    return re.sub(r"[\s_-]+", "_", str(value).strip()).upper()


def price(attributes: dict[str, Any], field: str = "price") -> tuple[float | None, str | None]:
    """``"24.99 USD"`` (Pinterest's feed form) or a bare number -> (24.99, "USD")."""
    raw = attributes.get(field)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return (float(raw), None) if math.isfinite(raw) else (None, None)
    match = _PRICE.match(str(raw or ""))
    if not match or not math.isfinite(float(match.group(1))):
        return None, None
    return float(match.group(1)), (match.group(2) or "").upper() or None


def currency_ok(code: str | None) -> bool:
    allowed = schemas.resolve({"$ref": "#/$defs/NonNullableCatalogsCurrency"}).get("enum") or []
    return code is not None and code in allowed


def item_errors(item: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Error code -> ``{attribute_name, provided_value}`` for one stored item (empty: valid)."""
    if item.get("catalog_type", "RETAIL") != "RETAIL":
        return {}
    attributes = item.get("attributes") or {}
    errors: dict[str, dict[str, Any]] = {}
    for code, field, name in REQUIRED:
        if attributes.get(field) in (None, "", []):
            errors[code] = {"attribute_name": name, "provided_value": None}
    raw = attributes.get("price")
    amount, currency = price(attributes)
    if raw in (None, ""):
        errors["PRICE_MISSING"] = {"attribute_name": "PRICE", "provided_value": None}
    elif amount is None or not currency_ok(currency):
        errors["PRODUCT_PRICE_INVALID"] = {"attribute_name": "PRICE", "provided_value": str(raw)[:100]}
    availability = attributes.get("availability")
    if norm(availability or "") not in AVAILABILITY:
        shown = None if availability is None else str(availability)[:100]
        errors["AVAILABILITY_INVALID"] = {"attribute_name": "AVAILABILITY", "provided_value": shown}
    return errors


def snapshot(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The issues of a processing run over ``items`` (numbered from 1 in the feed's order)."""
    out = []
    for number, item in enumerate(items, start=1):
        errors = item_errors(item)
        if errors:
            out.append({"item_number": number, "item_id": item.get("item_id"), "errors": errors, "warnings": {}})
    return out


def items_issues(ctx: Context) -> dict[str, Any]:
    """The issues the processing result recorded; ``item_numbers`` and ``item_validation_issue``
    narrow them (an issue filter keeps only that code of each item)."""
    ident = ctx.path["processing_result_id"]
    run = require(ctx, "ingestion", ident, "Processing result")
    found: list[dict[str, Any]] = run.get("issues") or []
    numbers = {int(n) for n in ctx.query.get("item_numbers") or []}
    if numbers:
        found = [i for i in found if i["item_number"] in numbers]
    wanted = ctx.query.get("item_validation_issue")
    if wanted:
        found = [{**i, "errors": {wanted: i["errors"][wanted]}} for i in found if wanted in i["errors"]]
    return list_page(ctx, found)


def _latest_run(ctx: Context, feed_id: str, run_id: Any) -> dict[str, Any] | None:
    """The named processing run of the feed (404 if it is another feed's), else its newest completed one."""
    if run_id:
        run = require(ctx, "ingestion", str(run_id), "Processing result")
        if str(run.get("feed_id")) != feed_id:
            raise not_found("Processing result", str(run_id))
        return run
    done = [r for r in ctx.store.list("ingestion", feed_id, order="DESCENDING") if r.get("status") == "COMPLETED"]
    return done[0] if done else None


def report_stats(ctx: Context) -> dict[str, Any]:
    """Aggregated issue counts. FEED_INGESTION_ISSUES: one entry per error code of the run's
    snapshot (all ERRORs: those items were dropped), with its number of items; Pinterest's numeric
    event ``code`` is not in the spec, so it is left out rather than invented. DISTRIBUTION_ISSUES:
    the sandbox reviews nothing for distribution, so there are none."""
    report = (ctx.query.get("parameters") or {}).get("report") or {}
    if report.get("report_type") != "FEED_INGESTION_ISSUES":
        if report.get("catalog_id"):
            require(ctx, "catalog", str(report["catalog_id"]), "Catalog")
        return list_page(ctx, [])
    feed_id = str(report.get("feed_id", ""))
    feed = require(ctx, "feed", feed_id, "Feed")
    run = _latest_run(ctx, feed_id, report.get("processing_result_id"))
    counts: dict[str, int] = {}
    for issue in (run or {}).get("issues") or []:
        for code in issue["errors"]:
            counts[code] = counts.get(code, 0) + 1
    stats = []
    for code in sorted(counts):
        entry = {"report_type": "FEED_INGESTION_ISSUES", "code_label": code, "occurrences": counts[code],
                 "severity": "ERROR", "message": code.replace("_", " ").capitalize()}  # fmt: skip
        if feed.get("catalog_id"):
            entry["catalog_id"] = str(feed["catalog_id"])
        stats.append(entry)
    return list_page(ctx, stats)


HANDLERS: dict[str, Handler] = {"items_issues/list": items_issues, "reports/stats": report_stats}
