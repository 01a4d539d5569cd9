# pyright: strict
"""Type expectations for the sync client (checked by mypy --strict and pyright; never run)."""

from __future__ import annotations

from typing_extensions import assert_type

from pinterest_rest import (
    MissingFieldError,
    NotFoundError,
    Pinterest,
    PinterestError,
    RateLimitError,
    RawResponse,
    SyncPage,
    ValidationError,
)
from pinterest_rest.models import (
    Board,
    CatalogItemsCreateBatchBody,
    CatalogsItemsUpdateBatchRequestParam,
    ConversionApiResponse,
    Pin,
)


def get_and_create(client: Pinterest) -> None:
    board = client.boards.get("1")
    assert_type(board, Board)
    assert_type(board.id, str)  # required in the spec: no `| None`
    assert_type(board.name, str)
    assert_type(board.description, "str | None")
    pin = client.pins.create(board_id=board.id, title="t", media_source={"source_type": "image_url", "url": "u"})
    assert_type(pin, Pin)
    assert_type(pin.id, str)
    client.boards.delete(board.id)  # returns None


def response_enums(board: Board) -> None:
    if board.privacy == "SECRET":  # Literal values for editors, any str still accepted
        pass
    privacy: str | None = board.privacy
    del privacy


def pages(client: Pinterest) -> None:
    page = client.boards.list(page_size=25)
    assert_type(page, SyncPage[Board])
    assert_type(page.items, list[Board])
    assert_type(page.next_bookmark, "str | None")
    for board in page:
        assert_type(board, Board)
    for each in page.iter_pages():
        assert_type(each, SyncPage[Board])
    assert_type(client.boards.list_pins("1"), SyncPage[Pin])


def raw_responses(client: Pinterest) -> None:
    raw = client.boards.with_raw_response.get("1")
    assert_type(raw, RawResponse[Board])
    assert_type(raw.parsed, Board)
    assert_type(raw.status_code, int)
    assert_type(raw.request_id, "str | None")
    raw_page = client.boards.with_raw_response.list()
    assert_type(raw_page.parsed, SyncPage[Board])
    assert_type(client.boards.with_raw_response.delete("1").parsed, None)


def conversions(client: Pinterest) -> None:
    answer = client.conversion_events.create(
        "123",
        data=[
            {
                "event_name": "checkout",
                "action_source": "web",
                "event_time": 1700000000,
                "event_id": "e1",
                "user_data": {"em": ["hash"]},
            }
        ],
    )
    assert_type(answer, ConversionApiResponse)
    assert_type(answer.num_events_received, int)


def one_of_bodies(client: Pinterest) -> None:
    update: CatalogsItemsUpdateBatchRequestParam = {
        "country": "US",
        "language": "en",
        "operation": "UPDATE",  # the discriminator: a Literal
        "items": [{"item_id": "1", "attributes": {"title": "t"}}],
    }
    body: CatalogItemsCreateBatchBody = update
    client.catalog_items.create_batch(body=body)


def errors(client: Pinterest) -> None:
    try:
        client.boards.get("1")
    except NotFoundError as exc:
        assert_type(exc.status_code, int)
        assert_type(exc.code, "int | None")
        assert_type(exc.request_id, "str | None")
    except RateLimitError as exc:
        assert_type(exc.headers.get("retry-after"), "str | None")
    except ValidationError as exc:
        assert_type(exc, ValidationError)
    except MissingFieldError as exc:
        assert_type(exc.field, str)
    except PinterestError:
        pass
