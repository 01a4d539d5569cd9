"""Unknown keywords fail like a Python function's, and batch sizes are checked, before anything is sent.

Each reproduction from the issue is run on the sync and the async client; "nothing sent" is
asserted on the mock transport's request log.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest, ValidationError
from pinterest_rest._options import check_forwarded, check_options
from pinterest_rest._registry import OPERATIONS
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport

BASE = "http://api.test/v5"
PAGE = {"items": [{"id": "1"}, {"id": "2"}, {"id": "3"}], "bookmark": None}


def clients() -> tuple[Pinterest, MockTransport, AsyncPinterest, AsyncMockTransport]:
    sync_t = MockTransport(lambda r: (200, PAGE))
    async_t = AsyncMockTransport(lambda r: (200, PAGE))
    return (
        Pinterest("tok", base_url=BASE, transport=sync_t),
        sync_t,
        AsyncPinterest("tok", base_url=BASE, transport=async_t),
        async_t,
    )


def both(call: Callable[[Any], Any]) -> list[BaseException]:
    """Run ``call(client)`` on a sync and an async client; return what each raised (nothing sent)."""
    sync_client, sync_t, async_client, async_t = clients()
    raised: list[BaseException] = []
    try:
        call(sync_client)
    except Exception as exc:
        raised.append(exc)

    async def run() -> None:
        result = call(async_client)
        if asyncio.iscoroutine(result) or hasattr(result, "__await__"):
            await result

    try:
        asyncio.run(run())
    except Exception as exc:
        raised.append(exc)
    assert sync_t.requests == [] and async_t.requests == [], "a request was sent"
    assert len(raised) == 2, f"expected both clients to raise, got {raised!r}"
    assert type(raised[0]) is type(raised[1]) and str(raised[0]) == str(raised[1])
    return raised


def test_misspelt_body_field_is_a_type_error_with_a_suggestion() -> None:
    # Reproduction: pins.create(..., titel="Hello") created a pin without a title.
    exc = both(
        lambda c: c.pins.create(board_id="1", media_source={"source_type": "image_url", "url": "u"}, titel="Hello")
    )[0]
    assert isinstance(exc, TypeError)
    assert str(exc) == "pins.create() got an unexpected keyword argument 'titel'; did you mean 'title'?"


def test_misspelt_query_parameter_is_a_type_error_with_a_suggestion() -> None:
    # Reproduction: boards.list(page_sise=1) returned 3 items instead of failing.
    exc = both(lambda c: c.boards.list(page_sise=1))[0]
    assert isinstance(exc, TypeError)
    assert str(exc) == "boards.list() got an unexpected keyword argument 'page_sise'; did you mean 'page_size'?"


def test_misspelt_option_gets_an_option_suggestion() -> None:
    exc = both(lambda c: c.boards.get("1", max_retires=1))[0]
    assert str(exc) == "boards.get() got an unexpected keyword argument 'max_retires'; did you mean 'max_retries'?"


def test_nothing_close_means_no_suggestion() -> None:
    exc = both(lambda c: c.boards.get("1", zzzz=1))[0]
    assert str(exc) == "boards.get() got an unexpected keyword argument 'zzzz'"


def test_raw_response_methods_check_too() -> None:
    exc = both(lambda c: c.boards.with_raw_response.list(page_sise=1))[0]
    assert "did you mean 'page_size'?" in str(exc)


def test_max_items_only_on_methods_that_return_pages() -> None:
    exc = both(lambda c: c.boards.get("1", max_items=2))[0]
    assert isinstance(exc, TypeError)
    assert "'max_items' (only methods that return pages take it)" in str(exc)
    sync_client, _, _, _ = clients()
    assert [b.id for b in sync_client.boards.list(max_items=2)] == ["1", "2"]


def test_body_keyword_only_where_the_method_takes_a_whole_body() -> None:
    exc = both(lambda c: c.boards.create(name="n", body={"name": "n"}))[0]
    assert str(exc).startswith("boards.create() got an unexpected keyword argument 'body'")


def test_every_valid_option_still_accepted() -> None:
    sync_client, sync_t, _, _ = clients()
    sync_client.boards.get(
        "1", timeout=2, max_retries=0, retry_writes=False, extra_headers={"X-A": "b"}, extra_query={"q": 1},
        extra_body={"k": "v"},
    )  # fmt: skip
    assert sync_t.requests[0].url == f"{BASE}/boards/1?q=1"


# -- the helpers the hand-written workflow methods call ---------------------------------------------


def test_check_options_for_hand_written_methods() -> None:
    check_options("media.upload()", {"timeout": 3, "poll_interval": 1.0}, allowed={"poll_interval"})
    with pytest.raises(
        TypeError,
        match=r"^media.upload\(\) got an unexpected keyword argument 'pol_interval'; did you mean 'poll_interval'\?$",
    ):
        check_options("media.upload()", {"pol_interval": 1.0}, allowed={"poll_interval"})
    with pytest.raises(ValidationError, match="max_retries must be an int >= 0"):
        check_options("media.upload()", {"max_retries": "2"})


def test_check_forwarded_names_the_target_operation_arguments() -> None:
    create = OPERATIONS["pins/create"]
    check_forwarded(
        create, "pins.create_video_pin()", {"title": "t", "timeout": 5}, exclude={"board_id", "media_source"}
    )
    with pytest.raises(TypeError, match=r"did you mean 'title'\?"):
        check_forwarded(create, "pins.create_video_pin()", {"titel": "t"}, exclude={"board_id", "media_source"})
    with pytest.raises(TypeError, match="unexpected keyword argument 'media_source'"):
        check_forwarded(create, "pins.create_video_pin()", {"media_source": {}}, exclude={"board_id", "media_source"})


# -- batch limits (the spec's maxItems / minItems on request arrays) --------------------------------


def test_batch_create_over_the_limit_is_refused() -> None:
    campaigns = [{"ad_account_id": "1", "name": f"c{i}"} for i in range(31)]
    exc = both(lambda c: c.campaigns.create("1", body=campaigns))[0]
    assert isinstance(exc, ValidationError) and exc.argument == "body"
    assert (
        str(exc) == "campaigns/create: body has 31 items; Pinterest takes at most 30 per request (send them in batches)"
    )


def test_batch_at_the_limit_is_sent() -> None:
    sync_client, sync_t, _, _ = clients()
    campaigns: Any = [{"ad_account_id": "1", "name": f"c{i}"} for i in range(30)]
    sync_client.campaigns.create("1", body=campaigns)
    assert len(sync_t.requests) == 1


def test_empty_batch_is_refused() -> None:
    exc = both(lambda c: c.ad_groups.create("1", body=[]))[0]
    assert str(exc) == "ad_groups/create: body has 0 items; it needs at least 1"


def test_array_body_field_and_query_array_limits() -> None:
    events = [{"event_name": "checkout"}] * 1001
    exc = both(lambda c: c.conversion_events.create("1", data=events))[0]
    assert isinstance(exc, ValidationError) and exc.argument == "data"
    assert "at most 1000" in str(exc)
    exc = both(lambda c: c.campaigns.list("1", campaign_ids=[str(i) for i in range(251)]))[0]
    assert exc.argument == "campaign_ids" and "at most 250" in str(exc)  # type: ignore[attr-defined]


def test_workflows_that_forward_keywords_fail_before_sending() -> None:
    # run_report and run_bulk_download forward **kwargs to a generated method: the pipeline's check
    # catches a misspelt name on the first call, before anything is sent.
    from pinterest_rest.workflows.batch_jobs import run_bulk_download
    from pinterest_rest.workflows.reports import run_report

    sync_client, sync_t, _, _ = clients()
    report = {"start_date": "2024-01-01", "end_date": "2024-01-02", "granularity": "DAY", "level": "CAMPAIGN"}
    with pytest.raises(
        TypeError, match=r"^ad_accounts.create_report\(\) .* 'click_window_day'; did you mean 'click_window_days'\?"
    ):
        run_report(sync_client, "1", columns=["SPEND_IN_DOLLAR"], click_window_day=7, **report)
    with pytest.raises(TypeError, match=r"did you mean 'entity_types'\?"):
        run_bulk_download(sync_client, "1", entity_type=["CAMPAIGN"])
    assert sync_t.requests == []


def test_limits_come_from_the_registry_record() -> None:
    # The generator emits Param.max_items/min_items and Operation.body_max_items/body_min_items; the
    # check reads only those (here deliberately different from the spec's 30).
    from types import SimpleNamespace

    from pinterest_rest._plan import _array_limits

    param = SimpleNamespace(type="array", attr="ids", name="ids", location="query", min_items=None, max_items=5)
    op = SimpleNamespace(id="campaigns/create", params=(param,), body_mode="whole", body_min_items=2, body_max_items=7)
    assert _array_limits(op) == {"ids": (None, 5), "body": (2, 7)}  # type: ignore[arg-type]
    assert _array_limits(OPERATIONS["campaigns/create"]) == {"body": (1, 30)}
