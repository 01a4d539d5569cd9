"""Conversions API helper: normalise and hash user data, batch events, surface per-event errors.

Pinterest asks for user identifiers to be SHA-256 hashed after normalising: emails trimmed and
lower-cased, phone numbers reduced to digits (with country code), names, cities, states and
countries trimmed and lower-cased, zip codes without spaces. Values that already look like a
SHA-256 hex digest are passed through, so hashing twice is harmless.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from .._client import AsyncPinterest, Pinterest

MAX_BATCH = 1000
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
# user_data fields that are hashed, and how each is normalised first
_NORMALISE: dict[str, Callable[[str], str]] = {
    "em": lambda v: v.strip().lower(),
    "ph": lambda v: re.sub(r"\D", "", v),
    "fn": lambda v: v.strip().lower(),
    "ln": lambda v: v.strip().lower(),
    "ge": lambda v: v.strip().lower()[:1],
    "db": lambda v: re.sub(r"\D", "", v),
    "ct": lambda v: re.sub(r"\s", "", v.strip().lower()),
    "st": lambda v: v.strip().lower(),
    "zp": lambda v: re.sub(r"\s", "", v.strip().lower()),
    "country": lambda v: v.strip().lower(),
    "external_id": lambda v: v.strip(),
    "hashed_maids": lambda v: v.strip().lower(),
}


def hash_value(field_name: str, value: str) -> str:
    text = str(value)
    if _HEX64.match(text.strip().lower()):
        return text.strip().lower()
    return hashlib.sha256(_NORMALISE[field_name](text).encode()).hexdigest()


def hash_user_data(user_data: Mapping[str, Any]) -> dict[str, Any]:
    """Hash the identifying fields (as lists, as the API expects); leave the others as they are."""
    out: dict[str, Any] = {}
    for key, value in user_data.items():
        if key in _NORMALISE and value is not None:
            values = value if isinstance(value, (list, tuple)) else [value]
            out[key] = [hash_value(key, v) for v in values if str(v).strip()]
        else:
            out[key] = value
    return out


def build_event(
    event_name: str, event_time: int, user_data: Mapping[str, Any], *, action_source: str = "web", **fields: Any
) -> dict[str, Any]:
    """One event as the API wants it, user data normalised and hashed."""
    event = {"event_name": event_name, "event_time": int(event_time), "action_source": action_source, **fields}
    event["user_data"] = hash_user_data(user_data)
    event.setdefault(
        "event_id", hashlib.sha256(f"{event_name}|{event_time}|{sorted(user_data.items())}".encode()).hexdigest()[:32]
    )
    return event


@dataclass
class EventFailure:
    index: int  # position in the events you passed
    message: str
    event: dict[str, Any] = field(repr=False)


@dataclass
class SendResult:
    received: int = 0
    processed: int = 0
    failures: list[EventFailure] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def _batches(events: list[dict[str, Any]]) -> Iterable[tuple[int, list[dict[str, Any]]]]:
    for start in range(0, len(events), MAX_BATCH):
        yield start, events[start : start + MAX_BATCH]


def _collect(result: SendResult, start: int, batch: list[dict[str, Any]], answer: Any) -> None:
    result.received += int(answer.get("num_events_received") or 0)
    result.processed += int(answer.get("num_events_processed") or 0)
    for offset, status in enumerate(answer.get("events") or []):
        status = status if isinstance(status, Mapping) else status.to_dict()
        if status.get("status") == "failed":
            result.failures.append(EventFailure(start + offset, status.get("error_message") or "failed", batch[offset]))
        if status.get("warning_message"):
            result.warnings.append((start + offset, status["warning_message"]))


def send_events(
    client: Pinterest, ad_account_id: str, events: Iterable[Mapping[str, Any]], *, test: bool = False
) -> SendResult:
    """Send events in requests of at most 1000; failed events are reported, not dropped silently."""
    items = [dict(e) for e in events]
    result = SendResult()
    for start, batch in _batches(items):
        answer = client.conversion_events.create(ad_account_id, data=cast(Any, batch), test=test)
        _collect(result, start, batch, answer)
    return result


async def asend_events(
    client: AsyncPinterest, ad_account_id: str, events: Iterable[Mapping[str, Any]], *, test: bool = False
) -> SendResult:
    items = [dict(e) for e in events]
    result = SendResult()
    for start, batch in _batches(items):
        answer = await client.conversion_events.create(ad_account_id, data=cast(Any, batch), test=test)
        _collect(result, start, batch, answer)
    return result
