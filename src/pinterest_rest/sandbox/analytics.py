"""One analytics engine for every analytics operation and every async report.

Numbers are synthetic but never arbitrary:

- **Deterministic**: a leaf entity's count for (entity, day, metric) comes from a hash of the three,
  so the same request answers the same numbers in every run and every process.
- **Hierarchical**: an entity with children reports the sum of its children (ad account = its
  campaigns, campaign = its ad groups, ad group = its ads; the user = their pins); only leaves
  draw from the hash. So an account's spend is always the sum of its campaigns' spend.
- **Additive over time**: a week, a month or the TOTAL is the sum of its days; an hour is a share
  of its day, and the 24 shares add up to the day exactly.
- **Derived ratios**: ``X_RATE`` is ``X / IMPRESSION`` of the same period; other ratio-like metrics
  (CTR, CPC, ROAS ...) are computed the same way from their bucket's totals, never summed.
- ``*_IN_DOLLAR`` is ``*_IN_MICRO_DOLLAR`` / 1e6 of the same draw, so both columns agree.

Only entities that exist get rows; which ones to ask for and how a row is labelled is up to the
caller (``handlers/analytics.py`` for the sync operations, ``handlers/jobs.py`` for reports).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .errors import bad_request
from .store import Store

# Level -> (stored kind, child level, field of the child pointing at the parent).
HIERARCHY: dict[str, tuple[str, str | None, str]] = {
    "AD_ACCOUNT": ("ad_account", "CAMPAIGN", "ad_account_id"),
    "CAMPAIGN": ("campaign", "AD_GROUP", "campaign_id"),
    "AD_GROUP": ("ad_group", "AD", "ad_group_id"),
    "AD": ("ad", None, ""),
    "PRODUCT_GROUP": ("product_group", None, ""),
    "PIN": ("pin", None, ""),
    "USER": ("user", "PIN", ""),
}
RATIO_MARKERS = ("_RATE", "CTR", "CPC", "CPM", "CPA", "ROAS", "AVG", "PERCENT", "ECP", "CPV", "CPE")


def is_ratio(metric: str) -> bool:
    return any(marker in metric for marker in RATIO_MARKERS) and not metric.startswith("TOTAL_")


def _draw(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")


def _scale(metric: str) -> int:
    """Rough daily magnitude of a count, so impressions outnumber clicks and spend is in micros."""
    if "MICRO" in metric or "SPEND" in metric or "VALUE" in metric:
        return 40_000_000
    if "IMPRESSION" in metric:
        return 8_000
    if "VIEW" in metric or "ENGAGEMENT" in metric:
        return 900
    return 250


@dataclass
class Engine:
    """Counts for one request, memoised per (level, id, day, metric)."""

    store: Store
    account_id: str = ""
    _memo: dict[tuple[str, str, date, str], int] = field(default_factory=dict)
    _children: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def children(self, level: str, ident: str) -> list[str]:
        key = (level, ident)
        if key not in self._children:
            child, link = HIERARCHY[level][1:]
            found: list[str] = []
            if child == "PIN":
                found = [p["id"] for p in self.store.list("pin")]
            elif child:
                child_kind = HIERARCHY[child][0]
                parent = self.account_id if level != "AD_ACCOUNT" else ident
                found = [d["id"] for d in self.store.list(child_kind, parent) if str(d.get(link)) == ident]
            self._children[key] = found
        return self._children[key]

    def count(self, level: str, ident: str, day: date, metric: str) -> int:
        """An additive count (micro-dollars for money) of one entity on one day."""
        key = (level, ident, day, metric)
        if key not in self._memo:
            kids = self.children(level, ident)
            child = HIERARCHY[level][1]
            if kids and child:
                value = sum(self.count(child, k, day, metric) for k in kids)
            else:
                value = _draw(ident, day.isoformat(), metric) % _scale(metric)
            self._memo[key] = value
        return self._memo[key]

    def value(self, level: str, ident: str, days: list[date], metric: str, hour: int | None = None) -> float | int:
        """``metric`` over ``days`` (one bucket), or over one hour of a single day."""
        if metric.endswith("_IN_DOLLAR"):
            micro = self.value(level, ident, days, metric.removesuffix("_IN_DOLLAR") + "_IN_MICRO_DOLLAR", hour)
            return round(micro / 1_000_000, 6)
        if is_ratio(metric):
            base = metric.removesuffix("_RATE") if metric.endswith("_RATE") else "CLICKTHROUGH"
            num = self.value(level, ident, days, base, hour)
            den = self.value(level, ident, days, "IMPRESSION", hour)
            return round(num / den, 6) if den else 0.0
        if hour is not None:
            return hourly(self.count(level, ident, days[0], metric), ident, days[0], metric)[hour]
        return sum(self.count(level, ident, d, metric) for d in days)


def shares(total: int, n: int, *seed: str) -> list[int]:
    """``total`` split into ``n`` parts by deterministic weights; the parts add up to ``total``."""
    weights = [1 + _draw(*seed, str(i)) % 10 for i in range(n)]
    parts = [total * w // sum(weights) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def hourly(total: int, ident: str, day: date, metric: str) -> list[int]:
    """``total`` split over the 24 hours of ``day``."""
    return shares(total, 24, ident, day.isoformat(), metric)


# -- dates and buckets --------------------------------------------------------------------------


def calendar_days(*values: Any) -> list[date]:
    """Each value as a date; 400 for one the body's ``YYYY-MM-DD`` pattern admits but no calendar has."""
    try:
        return [date.fromisoformat(str(value)) for value in values]
    except ValueError:
        raise bad_request("start_date and end_date must be dates, YYYY-MM-DD") from None


def parse_range(start: Any, end: Any, today: date, max_back: int, max_span: int) -> tuple[date, date]:
    """Validated (start, end): not reversed, start within ``max_back`` days of today, span limited."""
    first, last = calendar_days(start, end)
    if last < first:
        raise bad_request("end_date is before start_date")
    if (today - first).days > max_back:
        raise bad_request(f"start_date cannot be more than {max_back} days back from today ({today})")
    if (last - first).days > max_span:
        raise bad_request(f"end_date cannot be more than {max_span} days past start_date")
    return first, last


def buckets(first: date, last: date, granularity: str) -> Iterator[tuple[str | None, list[date]]]:
    """(label, days) per bucket: DAY/HOUR per day, WEEK from Monday, MONTH by calendar, TOTAL once."""
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    if granularity == "TOTAL":
        yield None, days
        return
    key: Callable[[date], Any] = {
        "WEEK": lambda d: d - timedelta(days=d.weekday()),
        "MONTH": lambda d: (d.year, d.month),
    }.get(granularity, lambda d: d)
    group: list[date] = []
    for day in days:
        if group and key(group[0]) != key(day):
            yield group[0].isoformat(), group
            group = []
        group.append(day)
    if group:
        yield group[0].isoformat(), group


def rows(
    engine: Engine,
    level: str,
    ids: list[str],
    first: date,
    last: date,
    granularity: str,
    columns: list[str],
    label: Callable[[str], dict[str, Any]],
) -> list[dict[str, Any]]:
    """One row per (entity, bucket) with only ``columns``; ``label(id)`` gives the id columns.

    HOUR rows carry the day in DATE and the hour (0-23) in HOUR; conversion metrics are not
    reported per hour (the spec: HOUR "no longer provides data for conversion metrics").
    """
    out: list[dict[str, Any]] = []
    for ident in ids:
        for name, days in buckets(first, last, "DAY" if granularity == "HOUR" else granularity):
            hours: list[int | None] = list(range(24)) if granularity == "HOUR" else [None]
            for hour in hours:
                row: dict[str, Any] = dict(label(ident))
                if name is not None:
                    row["DATE"] = name
                if hour is not None:
                    row["HOUR"] = hour
                for column in columns:
                    if hour is not None and "CONVERSION" in column:
                        row[column] = None
                    elif column not in row:
                        row[column] = engine.value(level, ident, days, column, hour)
                out.append(row)
    return out
