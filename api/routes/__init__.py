"""HTTP routes, one module per area: chat, suggest (rep assist), catalog admin, events, health, pages."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorOut(BaseModel):
    """An error answer: what went wrong, in words."""

    detail: str


class FieldError(BaseModel):
    """One refused value: where it is (``loc``), what kind of problem (``type``) and why (``msg``)."""

    type: str
    loc: list[str | int]
    msg: str
    input: Any = None
    ctx: dict[str, Any] | None = None


class ValidationErrorOut(BaseModel):
    """A refused request: every problem, each naming its field."""

    detail: list[FieldError]


def error_responses(*codes: int) -> dict[int, dict]:
    """OpenAPI entries for the error answers a route can give."""
    text = {
        401: "Missing or wrong X-API-Key",
        403: "Admin endpoints are disabled (no admin key configured)",
        404: "Not found",
        409: "Conflict: another ingest is running into the data dir",
        413: "Request body too large",
        422: "Invalid request (the field is named in `detail[].loc`)",
        429: "Rate limit exceeded; see the Retry-After header",
        503: "Not ready",
    }
    return {
        c: {"model": ValidationErrorOut if c == 422 else ErrorOut, "description": text[c]} for c in codes
    }
