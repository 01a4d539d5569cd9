"""Conversions API helper: normalise and hash user data, batch events, and account for every event.

Hashing follows the normalisation each field's description in the spec asks for, then SHA-256 of
the UTF-8 text (values that already look like a SHA-256 hex digest pass through, so hashing twice
is harmless):

    em        lower-cased (surrounding spaces trimmed)
    ph        only digits: symbols, letters, spaces and leading zeros removed ("0044 20 7946 0000"
              -> "442079460000"); include the country code
    fn, ln    lower-cased (trimmed)
    ge        "f", "m" or "n" (lower-cased; "female"/"male"/"non-binary" are mapped)
    db        year, month and day as digits: "1990-01-31" -> "19900131"
    ct        lower-cased, without spaces or punctuation ("St. Louis" -> "stlouis")
    st        two-letter state code, lower-cased
    zp        only digits ("12345-6789" -> "123456789")
    country   two-letter ISO-3166 code, lower-cased
    external_id, hashed_maids   trimmed (hashed_maids also lower-cased), otherwise as given

A value that cannot be normalised (a three-letter country, a gender outside f/m/n) raises
ValueError naming the field, before anything is sent.

``event_id`` is Pinterest's deduplication key, shared with the Pinterest tag: give ``order_id``
(or ``event_id``) to ``build_event`` and the same id the tag sends for that order is used, so a
conversion seen by both is counted once. Without one, each event gets a random id: two orders
from one buyer in the same second never collide, but such an id cannot match the tag's.

``send_events`` accounts for every event, in ``SendResult.status``:

    accepted  Pinterest answered ``processed``
    rejected  Pinterest answered ``failed`` (``reasons[i]`` holds its message), or refused the
              event as invalid (400: a refused request is split in halves and sent again until
              each bad event stands alone, so one bad event never holds back 999 good ones)
    unknown   sent, but the answer was lost (5xx, timeout, broken connection): maybe stored
    unsent    not sent yet, or provably not processed (429 after the client's retries)

A failure mid-way raises ``SendEventsError`` whose ``result`` holds that accounting; pass it back
(``send_events(client, ad_account_id, events, resume=err.result)``) and only the unknown and
unsent events are sent again -- with the same event ids, so Pinterest can deduplicate the
unknown ones. 429s and requests that never reached the server are retried by the client's retry
policy; pass ``retry_writes=True`` to also retry 5xx and timeouts (safe: each event carries its id).
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeGuard

from .._errors import APIConnectionError, APIStatusError, PinterestError

if TYPE_CHECKING:
    from .._async_client import AsyncPinterest
    from .._client import Pinterest
    from ..models.conversion_events import ConversionEventsDataParam

MAX_BATCH = 1000
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_GENDERS = {"f": "f", "female": "f", "w": "f", "woman": "f", "m": "m", "male": "m", "man": "m", "n": "n"}


def _gender(value: str) -> str:
    text = value.strip().lower()
    if text.startswith("non") or text in ("nonbinary", "non-binary", "non binary"):
        return "n"
    if text not in _GENDERS:
        raise ValueError(f"ge: {value!r} is not a gender Pinterest knows: use 'f', 'm' or 'n'")
    return _GENDERS[text]


def _two_letters(name: str) -> Callable[[str], str]:
    def normalise(value: str) -> str:
        text = value.strip().lower()
        if not re.fullmatch(r"[a-z]{2}", text):
            raise ValueError(f"{name}: {value!r} is not a two-letter code (the spec asks for one)")
        return text

    return normalise


def _date_of_birth(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) != 8:
        raise ValueError(f"db: {value!r} is not a date of birth as year, month and day (YYYYMMDD)")
    return digits


# user_data fields that are hashed, and how each is normalised first (rules quoted above)
_NORMALISE: dict[str, Callable[[str], str]] = {
    "em": lambda v: v.strip().lower(),
    "ph": lambda v: re.sub(r"\D", "", v).lstrip("0"),
    "fn": lambda v: v.strip().lower(),
    "ln": lambda v: v.strip().lower(),
    "ge": _gender,
    "db": _date_of_birth,
    "ct": lambda v: re.sub(r"[\W_]", "", v.lower()),  # \W is Unicode-aware: "Zürich" keeps its ü
    "st": _two_letters("st"),
    "zp": lambda v: re.sub(r"\D", "", v),
    "country": _two_letters("country"),
    "external_id": lambda v: v.strip(),
    "hashed_maids": lambda v: v.strip().lower(),
}


def hash_value(field_name: str, value: str) -> str:
    text = str(value)
    if _HEX64.match(text.strip().lower()):
        return text.strip().lower()
    normalised = _NORMALISE[field_name](text)
    if not normalised:
        raise ValueError(f"{field_name}: {value!r} is empty once normalised")
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


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
    event_name: str,
    event_time: int,
    user_data: Mapping[str, Any],
    *,
    action_source: str = "web",
    order_id: str | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """One event as the API wants it, user data normalised and hashed.

    ``event_id`` is ``fields["event_id"]`` if given, else ``order_id`` (your order or transaction
    id: the key the Pinterest tag deduplicates on too; also set as ``custom_data.order_id``), else
    a random id."""
    event = {"event_name": event_name, "event_time": int(event_time), "action_source": action_source, **fields}
    event["user_data"] = hash_user_data(user_data)
    if order_id is not None:
        if not str(order_id).strip():
            raise ValueError("order_id is empty")
        custom = dict(event.get("custom_data") or {})
        custom.setdefault("order_id", str(order_id))
        event["custom_data"] = custom
    event_id = event.get("event_id") or (str(order_id) if order_id is not None else uuid.uuid4().hex)
    event["event_id"] = str(event_id)
    return event


# -- the accounting -----------------------------------------------------------------------------

Status = Literal["accepted", "rejected", "unknown", "unsent"]


@dataclass
class EventFailure:
    index: int  # position in the events you passed
    message: str
    event: dict[str, Any] = field(repr=False)


@dataclass
class SendResult:
    """What became of each event passed to ``send_events`` (``status[i]`` for ``events[i]``)."""

    events: list[dict[str, Any]] = field(default_factory=list, repr=False)
    status: list[Status] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)  # index -> why rejected / why unknown
    warnings: list[tuple[int, str]] = field(default_factory=list)
    received: int = 0
    processed: int = 0

    def indexes(self, status: Status) -> list[int]:
        return [i for i, s in enumerate(self.status) if s == status]

    @property
    def accepted(self) -> list[int]:
        return self.indexes("accepted")

    @property
    def rejected(self) -> list[int]:
        return self.indexes("rejected")

    @property
    def unknown(self) -> list[int]:
        return self.indexes("unknown")

    @property
    def unsent(self) -> list[int]:
        return self.indexes("unsent")

    @property
    def failures(self) -> list[EventFailure]:
        """The rejected events with Pinterest's reason."""
        return [EventFailure(i, self.reasons.get(i, "failed"), self.events[i]) for i in self.rejected]

    @property
    def ok(self) -> bool:
        """Every event accepted."""
        return all(s == "accepted" for s in self.status)

    @property
    def complete(self) -> bool:
        """Every event has a final answer (accepted or rejected): nothing left to resend."""
        return all(s in ("accepted", "rejected") for s in self.status)

    def __repr__(self) -> str:
        counts = {s: self.status.count(s) for s in ("accepted", "rejected", "unknown", "unsent")}
        return "SendResult(" + ", ".join(f"{k}={v}" for k, v in counts.items()) + ")"


class SendEventsError(PinterestError):
    """Sending stopped part-way; ``result`` says what became of each event (resume from it)."""

    def __init__(self, message: str, result: SendResult) -> None:
        super().__init__(message)
        self.result = result


# The spec's required fields of an event (``ConversionEvents.data.items.required``; a test compares
# them with the spec). The TypedDict cannot say at run time: its annotations are strings.
REQUIRED_EVENT_FIELDS = ("action_source", "event_id", "event_name", "event_time", "user_data")


def _missing(event: Mapping[str, Any]) -> list[str]:
    """The fields the spec requires of an event that ``event`` lacks."""
    return [name for name in REQUIRED_EVENT_FIELDS if name not in event]


def _is_event(event: dict[str, Any]) -> TypeGuard[ConversionEventsDataParam]:
    return not _missing(event)


def _start(events: Iterable[Mapping[str, Any]], resume: SendResult | None) -> SendResult:
    items = [dict(e) for e in events]
    for i, event in enumerate(items):
        if not event.get("event_id"):
            raise ValueError(f"event {i} has no event_id: build events with build_event, or give each one")
        missing = _missing(event)
        if missing:
            raise ValueError(f"event {i} lacks {', '.join(missing)} (required by Pinterest): build it with build_event")
    if resume is None:
        return SendResult(events=items, status=["unsent"] * len(items))
    if [e["event_id"] for e in items] != [e["event_id"] for e in resume.events]:
        raise ValueError("resume= holds the result of other events: pass the same events, in the same order")
    resume.events = items
    return resume


def _batch(result: SendResult, batch: Sequence[int]) -> list[ConversionEventsDataParam]:
    """The events of one request, as the operation's typed body (each checked, not cast)."""
    data: list[ConversionEventsDataParam] = []
    for index in batch:
        event = result.events[index]
        if not _is_event(event):
            raise ValueError(f"event {index} lacks {', '.join(_missing(event))} (required by Pinterest)")
        data.append(event)
    return data


def _queue(result: SendResult) -> deque[list[int]]:
    """Indexes still to send (unsent or unknown), in requests of at most MAX_BATCH."""
    todo = [i for i, s in enumerate(result.status) if s in ("unsent", "unknown")]
    return deque(todo[start : start + MAX_BATCH] for start in range(0, len(todo), MAX_BATCH))


def _record(result: SendResult, batch: Sequence[int], answer: Any) -> None:
    result.received += int(answer.get("num_events_received") or 0)
    result.processed += int(answer.get("num_events_processed") or 0)
    statuses = list(answer.get("events") or [])
    for offset, index in enumerate(batch):
        if offset >= len(statuses):  # fewer answers than events: the rest stays unknown
            result.status[index] = "unknown"
            result.reasons[index] = "no per-event status in the answer"
            continue
        status = statuses[offset]
        status = status if isinstance(status, Mapping) else status.to_dict()
        if status.get("status") == "failed":
            result.status[index] = "rejected"
            result.reasons[index] = status.get("error_message") or "failed"
        else:
            result.status[index] = "accepted"
            result.reasons.pop(index, None)
        if status.get("warning_message"):
            result.warnings.append((index, status["warning_message"]))


def _failed(
    result: SendResult, batch: list[int], exc: PinterestError, queue: deque[list[int]]
) -> SendEventsError | None:
    """Account for a request that raised; return the error to raise, or None to carry on."""
    if isinstance(exc, APIStatusError) and exc.status_code in (400, 422):
        # The whole request was refused (nothing stored) for what is usually one bad event: send
        # each half again, down to single events, so the good ones get through and each bad one
        # is rejected with Pinterest's reason.
        if len(batch) > 1:
            half = len(batch) // 2
            queue.extendleft([batch[half:], batch[:half]])
            return None
        result.status[batch[0]] = "rejected"
        result.reasons[batch[0]] = exc.message if getattr(exc, "message", None) else str(exc)
        return None
    state: Status = "unsent"  # refused before processing: auth, not found, rate limited, bad input
    if isinstance(exc, APIStatusError) and (exc.status_code >= 500 or exc.status_code == 408):
        state = "unknown"  # the server may have stored it: resend with the same event_id
    elif isinstance(exc, APIConnectionError) and exc.sent:
        state = "unknown"  # sent, the answer lost
    for index in batch:
        result.status[index] = state
        result.reasons[index] = str(exc)
    left = len(result.unsent) + len(result.unknown)
    return SendEventsError(
        f"sending conversion events stopped: {exc} ({len(result.accepted)} accepted, {len(result.rejected)} "
        f"rejected, {left} to resend: send_events(..., resume=err.result))",
        result,
    )


def _options(retry_writes: bool | None) -> dict[str, Any]:
    return {} if retry_writes is None else {"retry_writes": retry_writes}


def send_events(
    client: Pinterest,
    ad_account_id: str,
    events: Iterable[Mapping[str, Any]],
    *,
    test: bool = False,
    resume: SendResult | None = None,
    retry_writes: bool | None = None,
) -> SendResult:
    """Send events in requests of at most 1000 and say what became of each (see the module doc)."""
    result = _start(events, resume)
    queue = _queue(result)
    while queue:
        batch = queue.popleft()
        data = _batch(result, batch)
        try:
            answer = client.conversion_events.create(ad_account_id, data=data, test=test, **_options(retry_writes))
        except PinterestError as exc:
            error = _failed(result, batch, exc, queue)
            if error is not None:
                raise error from exc
            continue
        _record(result, batch, answer)
    return result


async def asend_events(
    client: AsyncPinterest,
    ad_account_id: str,
    events: Iterable[Mapping[str, Any]],
    *,
    test: bool = False,
    resume: SendResult | None = None,
    retry_writes: bool | None = None,
) -> SendResult:
    result = _start(events, resume)
    queue = _queue(result)
    while queue:
        batch = queue.popleft()
        data = _batch(result, batch)
        try:
            answer = await client.conversion_events.create(
                ad_account_id, data=data, test=test, **_options(retry_writes)
            )
        except PinterestError as exc:
            error = _failed(result, batch, exc, queue)
            if error is not None:
                raise error from exc
            continue
        _record(result, batch, answer)
    return result
