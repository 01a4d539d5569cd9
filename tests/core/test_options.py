"""Per-call options and client settings are checked for type and range, naming the option.

Every reproduction from the issue, on the sync and the async client, with nothing sent.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest, Timeout, ValidationError
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport

BASE = "http://api.test/v5"


def run_both(options: dict[str, Any], method: str = "get") -> tuple[BaseException, BaseException]:
    """Call boards.<method> with ``options`` on both clients; both must raise before sending."""
    sync_t = MockTransport(lambda r: (503, {"code": 1, "message": "down"}))
    async_t = AsyncMockTransport(lambda r: (503, {"code": 1, "message": "down"}))
    sync_client = Pinterest("tok", base_url=BASE, transport=sync_t)
    async_client = AsyncPinterest("tok", base_url=BASE, transport=async_t)
    args: tuple[Any, ...] = ("1",) if method == "get" else ()
    kwargs: dict[str, Any] = {} if method == "get" else {"name": "n"}
    with pytest.raises(ValidationError) as sync_exc:
        getattr(sync_client.boards, method)(*args, **kwargs, **options)

    async def call() -> None:
        await getattr(async_client.boards, method)(*args, **kwargs, **options)

    with pytest.raises(ValidationError) as async_exc:
        asyncio.run(call())
    assert sync_t.requests == [] and async_t.requests == []
    assert str(sync_exc.value) == str(async_exc.value)
    return sync_exc.value, async_exc.value


@pytest.mark.parametrize(
    ("options", "argument", "message"),
    [
        ({"max_retries": "2"}, "max_retries", "max_retries must be an int >= 0, not str ('2')"),
        ({"max_retries": -1}, "max_retries", "max_retries must be >= 0, not -1"),
        ({"max_retries": True}, "max_retries", "max_retries must be an int >= 0, not bool (True)"),
        ({"retry_writes": "no"}, "retry_writes", "retry_writes must be True or False, not str ('no')"),
        ({"timeout": -1}, "timeout", "timeout must be a finite number >= 0 (None waits forever), not -1"),
        ({"timeout": "5"}, "timeout", "timeout must be a number, a (connect, read) tuple, a Timeout or None"),
        ({"timeout": (1, 2, 3)}, "timeout", "timeout as a tuple must be (connect, read), not 3 values"),
        ({"timeout": (1, "x")}, "timeout[1] (read)", "timeout[1] (read) must be a number of seconds or None"),
        ({"timeout": float("nan")}, "timeout", "timeout must be a finite number >= 0"),
        ({"extra_headers": {"X-A": "a\r\nX-Injected: 1"}}, "extra_headers", "must not contain CR, LF or NUL"),
        ({"extra_headers": {"X-A\n": "a"}}, "extra_headers", "has an invalid header name 'X-A\\n'"),
        ({"extra_headers": {"X-A": 1}}, "extra_headers", "extra_headers ['X-A'] must be a str, not int (1)"),
        ({"extra_headers": {"X-A": "\ud800"}}, "extra_headers", "must be Latin-1 text"),
        ({"extra_headers": ["X-A"]}, "extra_headers", "extra_headers must be a dict of header name -> str"),
        ({"extra_query": {"q": None}}, "extra_query", "extra_query ['q'] is None: leave the key out"),
        ({"extra_query": {"q": {"a": 1}}}, "extra_query", "extra_query ['q'] must be a str, int, float or bool"),
        ({"extra_query": {"q": [1, None]}}, "extra_query", "extra_query ['q'] item is None"),
        ({"extra_query": {"q": "\udcff"}}, "extra_query", "contains a lone surrogate"),
        ({"extra_query": "q=1"}, "extra_query", "extra_query must be a dict, not str"),
        ({"extra_body": "x"}, "extra_body", "extra_body must be a dict of extra body fields, not str ('x')"),
        ({"extra_body": [1]}, "extra_body", "extra_body must be a dict of extra body fields, not list"),
    ],
)
def test_bad_per_call_options(options: dict[str, Any], argument: str, message: str) -> None:
    sync_exc, _ = run_both(options)
    assert isinstance(sync_exc, ValidationError) and sync_exc.argument == argument
    assert str(sync_exc).startswith("boards/get: ")
    assert message in str(sync_exc)


def test_max_retries_as_text_used_to_fail_only_when_a_call_failed() -> None:
    # Reproduction: boards.get(id, max_retries="2") worked until a call failed, then raised a
    # TypeError from inside the pipeline. Now it fails at once, even when the server is fine.
    transport = MockTransport(lambda r: (200, {"id": "1"}))
    client = Pinterest("tok", base_url=BASE, transport=transport)
    with pytest.raises(ValidationError, match="max_retries"):
        client.boards.get("1", max_retries="2")  # type: ignore[arg-type]
    assert transport.requests == []


def test_max_items_range() -> None:
    transport = MockTransport(lambda r: (200, {"items": [], "bookmark": None}))
    client = Pinterest("tok", base_url=BASE, transport=transport)
    bad: Any
    for bad in (0, -1, "3", 2.5, True):
        with pytest.raises(ValidationError, match="max_items"):
            client.boards.list(max_items=bad)
    assert transport.requests == []


def test_good_options_reach_the_request() -> None:
    transport = MockTransport(lambda r: (200, {"id": "1"}))
    client = Pinterest("tok", base_url=BASE, transport=transport)
    client.boards.get("1", timeout=(1, None), extra_headers={"X-Trace": "café"}, extra_query={"a": [1, 2], "b": False})
    request = transport.requests[0]
    assert request.timeout == Timeout(1.0, None)
    assert request.headers["X-Trace"] == "café"
    assert request.url == f"{BASE}/boards/1?a=1&a=2&b=false"


# -- client settings ------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [Pinterest, AsyncPinterest])
@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"max_retries": "2"}, "max_retries"),
        ({"max_retries": -1}, "max_retries"),
        ({"retry_writes": "no"}, "retry_writes"),
        ({"timeout": -5}, "timeout"),
        ({"timeout": "30"}, "timeout"),
        ({"default_headers": {"X-A": "1\r\n"}}, "default_headers"),
        ({"default_query": {"q": None}}, "default_query"),
        ({"ad_account_id": "12ab"}, "ad_account_id"),
        ({"base_url": "api.pinterest.com/v5"}, "base_url"),
        ({"access_token": "tok\n"}, "access_token"),
        ({"rate_limit_budget": {"ads_read": (0, 60.0)}}, "rate_limit_budget"),
        ({"auth": "token"}, "auth"),
    ],
)
def test_bad_client_settings(cls: type, kwargs: dict[str, Any], argument: str) -> None:
    with pytest.raises(ValidationError) as exc:
        cls(**{"access_token": "tok", "base_url": BASE, **kwargs})
    assert exc.value.argument == argument
    assert str(exc.value).startswith(f"{cls.__name__}(): {argument}")


def test_credential_errors_never_show_the_credential() -> None:
    with pytest.raises(ValidationError) as exc:
        Pinterest("s3cr3t-token\r\n", base_url=BASE)
    assert "s3cr3t" not in str(exc.value) and "s3cr3t" not in repr(exc.value)


def test_with_options_is_checked_the_same_way() -> None:
    client = Pinterest("tok", base_url=BASE, transport=MockTransport(lambda r: (200, {})))
    with pytest.raises(ValidationError, match=r"^Pinterest.with_options\(\): max_retries must be >= 0, not -1$"):
        client.with_options(max_retries=-1)
    with pytest.raises(ValidationError, match="retry_writes must be True or False"):
        client.with_options(retry_writes="yes")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="default_headers"):
        client.with_options(default_headers={"X-A": "\n"})
    with pytest.raises(ValidationError, match="base_url"):
        client.with_options(base_url="ftp://x")
    copy = client.with_options(timeout=3, ad_account_id=42)  # type: ignore[arg-type]
    assert copy.timeout == Timeout(3.0, 3.0) and copy._pipeline.settings.ad_account_id == "42"
    async_client = AsyncPinterest("tok", base_url=BASE, transport=AsyncMockTransport(lambda r: (200, {})))
    with pytest.raises(ValidationError, match=r"^AsyncPinterest.with_options\(\): timeout"):
        async_client.with_options(timeout=-1)


def test_timeout_object_is_checked_when_built() -> None:
    with pytest.raises(ValidationError, match=r"Timeout\.read must be a finite number"):
        Timeout(5.0, -1)
    with pytest.raises(ValidationError, match=r"Timeout\.connect"):
        Timeout("5", 1)  # type: ignore[arg-type]
    assert Timeout.of(2) == Timeout(2.0, 2.0)
