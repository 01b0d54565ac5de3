"""HTTP routes, one module per area: chat, suggest (rep assist), catalog admin, events, health, pages."""

from __future__ import annotations

from pydantic import BaseModel


class ErrorOut(BaseModel):
    """An error answer: what went wrong, in words."""

    detail: str


def error_responses(*codes: int) -> dict[int, dict]:
    """OpenAPI entries for the error answers a route can give."""
    text = {
        401: "Missing or wrong X-API-Key",
        403: "Admin endpoints are disabled (no admin key configured)",
        404: "Not found",
        413: "Request body too large",
        422: "Invalid request (the field is named in `detail[].loc`)",
        429: "Rate limit exceeded; see the Retry-After header",
        503: "Not ready",
    }
    return {c: {"model": ErrorOut, "description": text[c]} for c in codes if c != 422} | (
        {422: {"description": text[422]}} if 422 in codes else {}
    )
