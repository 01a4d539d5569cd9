"""The organic side: the user account, boards, board sections, pins and media."""

from __future__ import annotations

from typing import Any

from ..context import Context, Filter
from ..errors import bad_request, not_found
from ..generic import shaped
from ..store import declare, now_iso
from ._helpers import USER_ID, USERNAME, progress, require, spec_filter

# A section's pins are listed by an index lookup, not by reading every pin of the board.
declare("pin", index=("board_section_id",))


def user_get(ctx: Context) -> dict[str, Any]:
    user = ctx.store.get("user", "me") or {}
    return shaped(
        "Account",
        {
            "id": USER_ID,
            "username": USERNAME,
            "account_type": "BUSINESS",
            "board_count": ctx.store.count("board"),
            "pin_count": ctx.store.count("pin"),
            **user,
        },
    )


# -- boards -------------------------------------------------------------------------------------


def board_view(ctx: Context, board: dict[str, Any]) -> dict[str, Any]:
    board = dict(board)
    board["pin_count"] = ctx.store.count("pin", board["id"])
    return board


def boards_create(ctx: Context) -> dict[str, Any]:
    body = ctx.body or {}
    # The name rule (uniqueness.py) is checked by the store inside this transaction, atomically with
    # the insert; a duplicate rolls the id counter back too, so a refused create uses up no id.
    with ctx.store.transaction():
        return _insert_board(ctx, body)


def _insert_board(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    ident = ctx.store.next_id()
    board = shaped(
        "Board",
        {
            "id": ident,
            "name": body["name"],
            "description": body.get("description") or "",
            "privacy": body.get("privacy", "PUBLIC"),
            "is_ads_only": bool(body.get("is_ads_only", False)),
            "owner": {"username": USERNAME},
            "created_at": now_iso(),
            "board_pins_modified_at": now_iso(),
            "pin_count": 0,
            "follower_count": 0,
            "collaborator_count": 0,
        },
        ident,
    )
    return ctx.store.put("board", ident, board)


def boards_get(ctx: Context) -> dict[str, Any]:
    return board_view(ctx, require(ctx, "board", ctx.path["board_id"], "Board"))


def boards_list(ctx: Context) -> dict[str, Any]:
    page = ctx.page("board", filt=spec_filter(ctx))  # privacy is an indexed field: no scan
    page["items"] = [board_view(ctx, b) for b in page["items"]]
    return page


def boards_update(ctx: Context) -> dict[str, Any]:
    board = require(ctx, "board", ctx.path["board_id"], "Board")
    board.update({k: v for k, v in (ctx.body or {}).items() if k in ("name", "description", "privacy")})
    ctx.store.put("board", board["id"], board)
    return board_view(ctx, board)


def boards_delete(ctx: Context) -> tuple[int, None]:
    board_id = ctx.path["board_id"]
    require(ctx, "board", board_id, "Board")
    for pin in ctx.store.list("pin", board_id):
        ctx.store.delete("pin", pin["id"])
    for section in ctx.store.list("section", board_id):
        ctx.store.delete("section", section["id"])
    ctx.store.delete("board", board_id)
    return (204, None)


def boards_list_pins(ctx: Context) -> dict[str, Any]:
    require(ctx, "board", ctx.path["board_id"], "Board")
    return ctx.page("pin", ctx.path["board_id"])


# -- sections -----------------------------------------------------------------------------------


def _section(ctx: Context) -> dict[str, Any]:
    section = require(ctx, "section", ctx.path["section_id"], "Board section")
    if section["board_id"] != ctx.path["board_id"]:
        raise not_found("Board section", ctx.path["section_id"])
    return section


def sections_create(ctx: Context) -> dict[str, Any]:
    board_id = ctx.path["board_id"]
    require(ctx, "board", board_id, "Board")
    name = (ctx.body or {})["name"]
    with ctx.store.transaction():  # the per-board name rule is the store's (uniqueness.py)
        ident = ctx.store.next_id()
        section = {"id": ident, "name": name, "board_id": board_id}
        ctx.store.put("section", ident, section, parent=board_id)
    return {"id": ident, "name": name}


def sections_list(ctx: Context) -> dict[str, Any]:
    require(ctx, "board", ctx.path["board_id"], "Board")
    page = ctx.page("section", ctx.path["board_id"])
    page["items"] = [{"id": s["id"], "name": s["name"]} for s in page["items"]]
    return page


def sections_update(ctx: Context) -> dict[str, Any]:
    section = _section(ctx)
    if (ctx.body or {}).get("name"):
        section["name"] = ctx.body["name"]
    ctx.store.put("section", section["id"], section, parent=section["board_id"])
    return {"id": section["id"], "name": section["name"]}


def sections_delete(ctx: Context) -> tuple[int, None]:
    section = _section(ctx)
    for pin in ctx.store.find("pin", {"board_section_id": section["id"]}, parent=section["board_id"]):
        ctx.store.delete("pin", pin["id"])
    ctx.store.delete("section", section["id"])
    return (204, None)


def sections_list_pins(ctx: Context) -> dict[str, Any]:
    section = _section(ctx)
    return ctx.page("pin", section["board_id"], filt=_in_section(section["id"]))


def _in_section(section_id: str) -> Filter:
    def keep(pin: dict[str, Any]) -> bool:
        return pin.get("board_section_id") == section_id

    keep.where = {"board_section_id": section_id}  # type: ignore[attr-defined]  # run as an index lookup
    return keep


# -- pins ---------------------------------------------------------------------------------------


def _place(ctx: Context, board_id: str | None, section_id: str | None) -> None:
    if not board_id:
        raise bad_request("board_id is required")
    require(ctx, "board", board_id, "Board")
    if section_id:
        section = require(ctx, "section", section_id, "Board section")
        if section["board_id"] != board_id:
            raise bad_request(f"Board section {section_id} is not on board {board_id}")


def _media(ctx: Context, source: dict[str, Any]) -> dict[str, Any]:
    kind = source.get("source_type", "image_url")
    if kind == "video_id":
        media = require(ctx, "media", str(source.get("media_id", "")), "Media")
        if media["status"] != "succeeded":
            raise bad_request(f"Media {media['media_id']} is {media['status']}, not succeeded")
        cover = source.get("cover_image_url") or "https://i.pinimg.com/videos/thumbnails/sandbox.jpg"
        return {"media_type": "video", "cover_image_url": cover, "duration": 10000.0}
    url = source.get("url") or "https://i.pinimg.com/originals/sandbox.jpg"
    return {"media_type": "image", "images": {"originals": {"url": url, "width": 1000, "height": 1500}}}


def pins_create(ctx: Context) -> dict[str, Any]:
    body = ctx.body or {}
    board_id, section_id = body.get("board_id"), body.get("board_section_id")
    _place(ctx, board_id, section_id)
    source = body.get("media_source") or {}
    ident = ctx.store.next_id()
    pin = shaped(
        "Pin",
        {
            "id": ident,
            "created_at": now_iso(),
            "title": body.get("title"),
            "description": body.get("description"),
            "link": body.get("link"),
            "alt_text": body.get("alt_text"),
            "dominant_color": body.get("dominant_color") or "#6E7874",
            "board_id": board_id,
            "board_section_id": section_id,
            "board_owner": {"username": USERNAME},
            "is_owner": True,
            "is_standard": True,
            "media": _media(ctx, source),
            "parent_pin_id": body.get("parent_pin_id"),
        },
        ident,
    )
    pin.pop("pin_metrics", None)
    return ctx.store.put("pin", ident, pin, parent=board_id or "")


def pins_get(ctx: Context) -> dict[str, Any]:
    return require(ctx, "pin", ctx.path["pin_id"], "Pin")


def pins_list(ctx: Context) -> dict[str, Any]:
    return ctx.page("pin")


def pins_update(ctx: Context) -> dict[str, Any]:
    pin = require(ctx, "pin", ctx.path["pin_id"], "Pin")
    body = ctx.body or {}
    if "board_id" in body or "board_section_id" in body:
        _place(ctx, body.get("board_id", pin["board_id"]), body.get("board_section_id"))
    for key in ("title", "description", "link", "alt_text", "board_id", "board_section_id", "note"):
        if key in body:
            pin[key] = body[key]
    return ctx.store.put("pin", pin["id"], pin, parent=pin["board_id"] or "")


def pins_delete(ctx: Context) -> tuple[int, None]:
    require(ctx, "pin", ctx.path["pin_id"], "Pin")
    ctx.store.delete("pin", ctx.path["pin_id"])
    return (204, None)


def pins_save(ctx: Context) -> tuple[int, dict[str, Any]]:
    source = require(ctx, "pin", ctx.path["pin_id"], "Pin")
    body = ctx.body or {}
    board_id = body.get("board_id") or source["board_id"]
    _place(ctx, board_id, body.get("board_section_id"))
    ident = ctx.store.next_id()
    pin = {
        **source,
        "id": ident,
        "board_id": board_id,
        "board_section_id": body.get("board_section_id"),
        "parent_pin_id": source["id"],
        "created_at": now_iso(),
    }
    ctx.store.put("pin", ident, pin, parent=board_id)
    return (201, pin)


# -- media --------------------------------------------------------------------------------------


def media_create(ctx: Context) -> tuple[int, dict[str, Any]]:
    ident = ctx.store.next_id()
    media_type = (ctx.body or {}).get("media_type", "video")
    params = {
        "acl": "private",
        "Content-Type": "multipart/form-data",
        "key": f"uploads/{ident}",
        "policy": "c2FuZGJveC1wb2xpY3k=",
        "x-amz-algorithm": "AWS4-HMAC-SHA256",
        "x-amz-credential": "SANDBOX/20260101/us-east-1/s3/aws4_request",
        "x-amz-date": "20260101T000000Z",
        "x-amz-signature": "sandbox-signature",
        "x-amz-security-token": "sandbox-session",
    }
    media = {"media_id": ident, "media_type": media_type, "status": "registered", "upload": params}
    ctx.store.put("media", ident, media)
    return (
        201,
        {
            "media_id": ident,
            "media_type": media_type,
            "upload_url": ctx.url(f"/_sandbox/uploads/{ident}"),
            "upload_parameters": params,
        },
    )


def media_view(media: dict[str, Any]) -> dict[str, Any]:
    return {"media_id": media["media_id"], "media_type": media["media_type"], "status": media["status"]}


def media_get(ctx: Context) -> dict[str, Any]:
    media = require(ctx, "media", ctx.path["media_id"], "Media")
    if media["status"] == "processing" and progress(ctx, "media", media, key="media_id"):
        media["status"] = "succeeded"
        ctx.store.put("media", media["media_id"], media)
    return media_view(media)


def media_list(ctx: Context) -> dict[str, Any]:
    page = ctx.page("media")
    page["items"] = [media_view(m) for m in page["items"]]
    return page


HANDLERS = {
    "user_account/get": user_get,
    "boards/create": boards_create,
    "boards/get": boards_get,
    "boards/list": boards_list,
    "boards/update": boards_update,
    "boards/delete": boards_delete,
    "boards/list_pins": boards_list_pins,
    "board_sections/create": sections_create,
    "board_sections/list": sections_list,
    "board_sections/update": sections_update,
    "board_sections/delete": sections_delete,
    "board_sections/list_pins": sections_list_pins,
    "pins/create": pins_create,
    "pins/get": pins_get,
    "pins/list": pins_list,
    "pins/update": pins_update,
    "pins/delete": pins_delete,
    "pins/save": pins_save,
    "media/create": media_create,
    "media/get": media_get,
    "media/list": media_list,
}
