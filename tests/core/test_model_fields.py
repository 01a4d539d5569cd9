"""Response models: required fields, optional fields, nested models, unknown fields, enums."""

from __future__ import annotations

import pickle

import pytest

from pinterest_rest import MissingFieldError, PinterestError
from pinterest_rest.models import Board, BoardMedia, MediaUploadUploadParameters, Pin


def test_required_field_is_typed_without_none_and_reads_directly() -> None:
    assert Pin.__annotations__["id"] == "str"
    assert Board.__annotations__["name"] == "str"
    assert Board.__annotations__["description"] == "str | None"
    assert Pin.construct({"id": "7"}).id == "7"


def test_missing_required_field_raises_an_error_naming_model_and_field() -> None:
    pin = Pin.construct({"title": "t", "link": "https://example.com"})
    with pytest.raises(MissingFieldError) as caught:
        _ = pin.id
    message = str(caught.value)
    assert "Pin.id" in message and "required" in message and "link, title" in message
    assert caught.value.model == "Pin" and caught.value.field == "id"
    assert isinstance(caught.value, AttributeError) and isinstance(caught.value, PinterestError)
    assert getattr(pin, "id", "fallback") == "fallback"  # tolerant code keeps working
    assert pin.get("id") is None


def test_missing_required_nested_field_raises_too() -> None:
    from pinterest_rest.models import AdvancedAuctionItem

    assert AdvancedAuctionItem.__annotations__["bid_options"] == "AdvancedAuctionBidOptions"
    with pytest.raises(MissingFieldError, match=r"AdvancedAuctionItem\.bid_options"):
        _ = AdvancedAuctionItem.construct({}).bid_options


def test_optional_fields_read_none_when_absent_or_null() -> None:
    board = Board.construct({"id": "1", "name": "n", "description": None})
    assert board.description is None and board.pin_count is None and board.media is None


def test_nested_models_are_built_on_read_and_the_dict_is_kept() -> None:
    data = {"id": "1", "name": "n", "media": {"image_cover_url": "u", "pin_thumbnail_urls": ["a"]}}
    board = Board.construct(data)
    assert isinstance(board.media, BoardMedia) and board.media.image_cover_url == "u"
    assert data["media"] == {"image_cover_url": "u", "pin_thumbnail_urls": ["a"]}  # not replaced
    assert board.to_dict() == data and board.to_dict() is not data


def test_unknown_fields_are_kept_and_cannot_hide_methods() -> None:
    board = Board.construct({"id": "1", "name": "n", "brand_new": 3, "get": "x", "keys": 1, "to_dict": 2})
    assert board["brand_new"] == 3 and board.get("brand_new") == 3 and "brand_new" in board
    assert board.get("get") == "x"
    assert sorted(board.keys()) == ["brand_new", "get", "id", "keys", "name", "to_dict"]
    assert board.to_dict()["to_dict"] == 2


def test_renamed_fields_read_their_wire_key() -> None:
    details = MediaUploadUploadParameters.construct({"Content-Type": "video/mp4"})
    assert details.content_type == "video/mp4" and details.x_amz_algorithm is None


def test_enums_are_literal_or_str_and_accept_new_values() -> None:
    assert Board.__annotations__["privacy"] == "Literal['PUBLIC', 'PROTECTED', 'SECRET'] | str | None"
    assert Board.construct({"id": "1", "name": "n", "privacy": "NEW_VALUE"}).privacy == "NEW_VALUE"


def test_models_are_read_only_and_round_trip() -> None:
    board = Board(id="1", name="n", media=BoardMedia(image_cover_url="u"))
    assert board.to_dict() == {"id": "1", "name": "n", "media": {"image_cover_url": "u"}}
    with pytest.raises(AttributeError, match="read-only"):
        board.name = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        del board.name
    assert pickle.loads(pickle.dumps(board)) == board
    assert board == Board.construct({"id": "1", "name": "n", "media": {"image_cover_url": "u"}})
    assert "Board(id='1'" in repr(board)
