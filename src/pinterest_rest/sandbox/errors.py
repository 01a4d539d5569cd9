"""Pinterest-shaped error answers: ``{"code": int, "message": str}``, with the spec's codes.

Codes come from the spec's response examples: a validation 400 is code 1 ("'feed_id' value ... must
match the pattern"), 401 "Authentication failed." code 2, a missing scope code 3, 429 code 8. Not
found is code 404 unless the spec gives the resource its own code (Board 40, Pin 50, User 30,
Board section 2031, feed 4161, product group 4180, ...), and ``AdAccount not found.`` is code 2 as in
the spec's generic error example. Messages never carry request bodies or secrets, and stay short.
"""

from __future__ import annotations

_DEFAULT_CODES = {400: 1, 401: 2, 403: 3, 404: 404, 405: 405, 409: 409, 422: 422, 429: 8}

# what -> code, from the spec's 404 examples
NOT_FOUND_CODES = {
    "Ad account": 2,
    "Board": 40,
    "Pin": 50,
    "User": 30,
    "Board section": 2031,
    "Feed": 4161,
    "Catalogs feed": 4161,
    "Product group": 4180,
    "Catalogs product group": 4180,
    "Lead form": 4842,
    "Lead": 4842,
    "Promotion": 4997,
    "Batch": 4331,
    "Catalogs items batch": 4331,
    "Integration": 4517,
    "Processing result": 4184,
}

MAX_MESSAGE = 280  # Pinterest's messages are one sentence; never a dump of the request


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: int | None = None) -> None:
        message = message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code if code is not None else _DEFAULT_CODES.get(status, status)


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def not_found(what: str, ident: str) -> ApiError:
    return ApiError(404, f"{what} not found: {ident[:40]}", code=NOT_FOUND_CODES.get(what, 404))


def no_route(message: str) -> ApiError:
    return ApiError(404, message, code=404)
