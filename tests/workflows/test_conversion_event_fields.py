"""send_events checks each event holds the fields the spec requires before anything is sent.

This is the check that lets the workflow hand its events to ``conversion_events.create`` as the
operation's typed body without a cast.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport
from pinterest_rest.workflows.conversions import asend_events, build_event, send_events


def _never(request: Any) -> Any:
    raise AssertionError(f"nothing should be sent, but {request.method} {request.url} was")


def test_an_event_without_a_required_field_is_refused_before_sending() -> None:
    transport = MockTransport(_never)
    client = Pinterest("t", base_url="http://x/v5", transport=transport)
    good = build_event("checkout", 1_700_000_000, {"em": "a@b.com"}, order_id="o-1")
    bad = {k: v for k, v in build_event("lead", 1_700_000_000, {"em": "c@d.com"}).items() if k != "action_source"}
    with pytest.raises(ValueError, match=r"event 1 lacks action_source"):
        send_events(client, "1", [good, bad])
    assert transport.requests == []


def test_async_an_event_without_a_required_field_is_refused_before_sending() -> None:
    transport = AsyncMockTransport(_never)
    client = AsyncPinterest("t", base_url="http://x/v5", transport=transport)
    with pytest.raises(ValueError, match=r"event 0 lacks event_name, event_time, user_data"):
        asyncio.run(asend_events(client, "1", [{"event_id": "e", "action_source": "web"}]))
    assert transport.requests == []


def test_built_events_are_sent() -> None:
    transport = MockTransport(lambda r: (200, {"num_events_received": 1, "num_events_processed": 1,
                                               "events": [{"status": "processed"}]}))  # fmt: skip
    client = Pinterest("t", base_url="http://x/v5", transport=transport)
    result = send_events(client, "1", [build_event("checkout", 1_700_000_000, {"em": "a@b.com"}, order_id="o-1")])
    assert result.ok and len(transport.requests) == 1


def test_the_required_fields_are_the_specs() -> None:
    import json

    from tools.codegen.spec import spec_path as find_spec

    from pinterest_rest.workflows.conversions import REQUIRED_EVENT_FIELDS

    spec_path = find_spec()  # the one the generator reads ($PINTEREST_OPENAPI_SPEC honoured)
    if not spec_path.exists():
        pytest.skip("the spec is not beside the project")
    spec = json.loads(spec_path.read_text("utf-8"))
    items = spec["components"]["schemas"]["ConversionEvents"]["properties"]["data"]["items"]
    assert sorted(items["required"]) == sorted(REQUIRED_EVENT_FIELDS)
