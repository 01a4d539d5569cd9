"""Names Pinterest keeps unique, declared once so the store enforces them atomically.

The store checks a declared rule in the same transaction as the write (see ``store.declare``), so a
check-then-insert race in a handler cannot store a second copy, and renames are covered as well as
creates. ``conflict`` turns a broken rule into the answer Pinterest gives for it.

Sources: board names per owner and section names per board (Pinterest refuses a second board or
section of one name; the spec's 409 for sections); feed names (``FeedDuplicatedName``, 422, code
4170 on ``feeds/create``); product group names per feed (``CatalogsProductGroupNameAlreadyExist``,
409, code 4179).
"""

from __future__ import annotations

from .errors import ApiError
from .store import Duplicate, declare

declare("board", unique=("owner.username+name",))
declare("section", unique=("name",))  # stored with parent = its board id, so unique per board
declare("feed", unique=("name",))  # feeds are stored without a parent: one name per sandbox user
declare("product_group", unique=("feed_id+name",))  # product groups are stored without a parent too
# A commerce integration is addressed by the partner's external business id, so it names one only.
declare("integration", unique=("external_business_id",))

# kind -> (status, code, message) from the spec's examples where it has one
_ANSWERS: dict[str, tuple[int, int, str]] = {
    "board": (409, 58, "A board with this name already exists."),
    "section": (409, 409, "Board section conflict: a section with this name already exists on the board."),
    "feed": (422, 4170, "The feed name already exists."),
    "product_group": (409, 4179, "A catalogs product group with this name already exists for this feed."),
    "integration": (409, 409, "An integration with this external_business_id already exists."),
}


def conflict(dup: Duplicate) -> ApiError:
    """The error answer for a broken uniqueness rule; names the field, never echoes the value."""
    status, code, message = _ANSWERS.get(
        dup.kind, (409, 409, f"A {dup.kind.replace('_', ' ')} with this {dup.field} already exists.")
    )
    field = dup.field.rsplit("+", 1)[-1]
    return ApiError(status, f"{message} (field: {field})", code=code)
