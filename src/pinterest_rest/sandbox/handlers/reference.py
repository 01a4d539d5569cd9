"""Read-only reference data: fixed, deterministic and consistent with itself.

An interest listed by ``targeting_options/get?targeting_type=INTEREST`` resolves by id through
``interest_targeting_options/get``; countries come from the spec's own ``AdCountry`` enum; the
delivery metrics are the spec's reporting columns; related and suggested terms come from one
small vocabulary, so ``terms/related`` answers for the terms asked, with ``id`` the first of them.
Audiences for targeting are the stored ones of the ad account given, never invented.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import schemas
from ..context import Context
from ..errors import not_found
from ._helpers import account

Handler = Callable[[Context], Any]

# id -> (name, level, parent id)
INTERESTS: dict[str, tuple[str, int, str | None]] = {
    "900000000001": ("Women's fashion", 1, None),
    "900000000002": ("Dresses", 2, "900000000001"),
    "900000000003": ("Shoes", 2, "900000000001"),
    "900000000004": ("Home decor", 1, None),
    "900000000005": ("Living room", 2, "900000000004"),
    "900000000006": ("Travel", 1, None),
    "900000000007": ("Beach vacations", 2, "900000000006"),
    "900000000008": ("Food and drinks", 1, None),
    "900000000009": ("Vegetarian recipes", 2, "900000000008"),
}
OPTIONS: dict[str, dict[str, str]] = {
    "APPTYPE": {"iphone": "iPhone", "ipad": "iPad", "web": "Web", "web_mobile": "Mobile web",
                "android_mobile": "Android mobile", "android_tablet": "Android tablet"},
    "GENDER": {"female": "Female", "male": "Male", "unknown": "Unknown"},
    "AGE_BUCKET": {"18-24": "18-24", "25-34": "25-34", "35-44": "35-44", "45-49": "45-49", "50-54": "50-54",
                   "55-64": "55-64", "65+": "65+"},
    "LOCALE": {"en-US": "English (US)", "en-GB": "English (UK)", "de": "German", "fr": "French", "es": "Spanish"},
    "LOCATION": {"US": "United States", "CA": "Canada", "GB": "United Kingdom", "DE": "Germany", "FR": "France"},
    "GEO": {"US:94103": "United States: 94103 San Francisco", "US:10001": "United States: 10001 New York",
            "CA:M5V": "Canada: M5V Toronto", "GB:EC1": "United Kingdom: EC1 London"},
    "KEYWORD": {"summer dresses": "summer dresses", "running shoes": "running shoes", "kitchen ideas": "kitchen ideas"},
}  # fmt: skip
VOCABULARY = {
    "travel": ["beach vacations", "travel tips", "road trip", "packing list"],
    "food": ["easy dinner recipes", "meal prep", "vegetarian recipes", "baking"],
    "clothes": ["summer outfits", "casual outfits", "shoes", "cute clothes"],
    "home": ["home decor", "living room ideas", "kitchen ideas", "bedroom ideas"],
    "fitness": ["workout", "yoga", "running shoes", "home workout"],
}


def targeting_options(ctx: Context) -> list[dict[str, str]]:
    kind = ctx.path["targeting_type"]
    if kind == "INTEREST":
        return [{ident: name} for ident, (name, _, _) in INTERESTS.items()]
    if kind in ("AUDIENCE_INCLUDE", "AUDIENCE_EXCLUDE"):
        if not ctx.query.get("ad_account_id"):
            return []
        account_id = str(account(ctx)["id"])
        return [{a["id"]: str(a.get("name", a["id"]))} for a in ctx.store.list("audience", account_id)]
    return [{key: name} for key, name in OPTIONS.get(kind, {}).items()]


def interest(ctx: Context) -> dict[str, Any]:
    ident = ctx.path["interest_id"]
    if ident not in INTERESTS:
        raise not_found("Interest", ident)
    name, level, _ = INTERESTS[ident]
    children = [k for k, (_, _, parent) in INTERESTS.items() if parent == ident]
    return {"id": ident, "name": name, "level": level, "child_interests": children}


def countries(ctx: Context) -> dict[str, Any]:
    codes = schemas.resolve({"$ref": "#/$defs/AdCountry"}).get("enum", [])
    names = {"US": "United States of America", "CA": "Canada", "GB": "United Kingdom", "DE": "Germany"}
    currency = {"US": "Dollars", "CA": "Canadian dollars", "GB": "Pounds", "DE": "Euros"}
    return {"items": [{"code": c, "name": names.get(c, c), "currency": currency.get(c, "Dollars"), "index": i + 1}
                      for i, c in enumerate(codes)]}  # fmt: skip


def delivery_metrics(ctx: Context) -> dict[str, Any]:
    columns = schemas.resolve({"$ref": "#/$defs/ReportingColumnAsync"}).get("enum", [])
    items = [{"name": c, "display_name": c.replace("_", " ").capitalize(),
              "definition": f"{c.replace('_', ' ').lower()} of the reported entity", "category": "ADS"}
             for c in columns]  # fmt: skip
    return {"items": items}


def terms_related(ctx: Context) -> dict[str, Any]:
    terms = [str(t) for t in ctx.query.get("terms", [])]
    listed = []
    for term in terms:
        related = VOCABULARY.get(term.lower()) or [
            w for words in VOCABULARY.values() for w in words if term.lower() in w
        ]
        listed.append({"term": term, "related_terms": related})
    return {"id": terms[0] if terms else "", "related_term_count": sum(len(x["related_terms"]) for x in listed),
            "related_terms_list": listed}  # fmt: skip


def terms_suggested(ctx: Context) -> list[str]:
    term = str(ctx.query.get("term", "")).lower()
    words = sorted({w for words in VOCABULARY.values() for w in words} | set(VOCABULARY))
    limit = int(ctx.query.get("limit", 10))
    return [w for w in words if w.startswith(term)][:limit]


def metrics_ready(ctx: Context) -> dict[str, Any]:
    return {"conversion_metrics_ready": True, "non_conversion_metrics_ready": True}


HANDLERS: dict[str, Handler] = {
    "targeting_options/get": targeting_options,
    "interest_targeting_options/get": interest,
    "ad_account_countries/get": countries,
    "delivery_metrics/get": delivery_metrics,
    "terms_related/list": terms_related,
    "terms_suggested/list": terms_suggested,
    "metrics_ready_state/get": metrics_ready,
}
