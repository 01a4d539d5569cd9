"""Pinterest-shaped error answers: ``{"code": int, "message": str}``."""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code if code is not None else {400: 1, 401: 2, 403: 3, 404: 4, 409: 5, 429: 8}.get(status, 1)


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def not_found(what: str, ident: str) -> ApiError:
    return ApiError(404, f"{what} not found: {ident}")
