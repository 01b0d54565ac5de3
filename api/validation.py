"""The input discipline of every JSON body, and validation errors that always render.

Python's JSON reader accepts ``NaN``, ``Infinity`` and numbers such as ``1e400`` (read as infinity), and
strings with lone surrogates (``"\\ud800"``) that cannot be encoded again. Pydantic would pass some of them on
(an infinite budget lifts every cap) and fail on others while the 422 is rendered. So each JSON body is walked
once before its model sees it: the first non-finite number, invalid string or over-deep nesting is a 422 naming
its place, whatever the route or model, including ``context`` fields no model declares.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

#: Deeper JSON than this is refused: no request of the contract nests more than a few levels.
MAX_JSON_DEPTH = 32
_SHOWN_INPUT_CHARS = 40


def first_problem(value: Any, loc: tuple = ("body",)) -> dict | None:
    """The first non-finite number, invalid string or too-deep nesting in decoded JSON, as a pydantic-style error."""
    stack: list[tuple[Any, tuple]] = [(value, loc)]
    while stack:
        item, where = stack.pop()
        if len(where) - len(loc) > MAX_JSON_DEPTH:
            return _error("json_too_deep", where, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(item, float) and not math.isfinite(item):
            return _error("finite_number", where, "Input should be a finite number")
        if isinstance(item, str) and not is_valid_unicode(item):
            return _error("string_unicode", where, "String should be valid Unicode (no lone surrogates)")
        if isinstance(item, dict):
            for key, child in reversed(item.items()):
                if not is_valid_unicode(key):
                    return _error("string_unicode", where, "Field names should be valid Unicode (no lone surrogates)")
                stack.append((child, (*where, key)))
        elif isinstance(item, list):
            stack.extend((child, (*where, i)) for i, child in reversed(list(enumerate(item))))
    return None


def is_valid_unicode(text: str) -> bool:
    """True when the text encodes as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _error(kind: str, loc: tuple, msg: str) -> dict:
    return {"type": kind, "loc": loc, "msg": msg}


async def check_json_body(request: Request) -> None:
    """App-wide dependency: refuse a JSON body holding a non-finite number or an invalid string (422)."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    content_type = request.headers.get("content-type", "")
    if content_type and "json" not in content_type.split(";", 1)[0].lower():
        return
    try:
        body = await request.json()  # already read and parsed by FastAPI for a JSON route: this is the cache
    except Exception:  # noqa: BLE001 - FastAPI has answered an unreadable body before dependencies run
        return
    problem = first_problem(body)
    if problem is not None:
        raise RequestValidationError([problem])


def safe_text(value: Any, limit: int = 300) -> str:
    """A string that always encodes: lone surrogates escaped, long text cut."""
    text = value if isinstance(value, str) else str(value)
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[:limit] + "…"


def _safe_loc(part: Any) -> str | int:
    return part if isinstance(part, int) and not isinstance(part, bool) else safe_text(part, 100)


def _safe_input(value: Any) -> Any:
    """A scalar input, shortened and made encodable; containers and non-finite numbers are left out."""
    if value is None or isinstance(value, bool) or isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return safe_text(value, _SHOWN_INPUT_CHARS)
    return None


def _safe_ctx(value: Any) -> Any:
    shown = _safe_input(value)
    return shown if shown is not None else safe_text(value, 100)


def safe_errors(errors: Any) -> list[dict]:
    """Validation errors reduced to what always renders as JSON: type, loc, msg, a short scalar input."""
    out = []
    for err in errors:
        item: dict[str, Any] = {
            "type": safe_text(err.get("type", "value_error"), 100),
            "loc": [_safe_loc(p) for p in err.get("loc", ())],
            "msg": safe_text(err.get("msg", "invalid value")),
        }
        shown = _safe_input(err.get("input"))
        if shown is not None:
            item["input"] = shown
        ctx = err.get("ctx")
        if isinstance(ctx, dict):
            item["ctx"] = {safe_text(k, 100): _safe_ctx(v) for k, v in ctx.items()}
        out.append(item)
    return out


async def validation_error_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with every error in a form that always renders (FastAPI's default can fail on NaN or surrogates)."""
    return JSONResponse(status_code=422, content={"detail": safe_errors(exc.errors())})


#: FastAPI's answer to a body it could not decode (not UTF-8, nested past the reader's recursion limit).
_UNREADABLE_BODY = "There was an error parsing the body"


async def http_error_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """HTTP errors as FastAPI renders them, with a detail that always encodes; an unreadable body is a 422."""
    if exc.status_code == 400 and exc.detail == _UNREADABLE_BODY:
        error = _error("json_invalid", ("body",), "the body is not readable JSON (UTF-8, nested at most "
                       f"{MAX_JSON_DEPTH} levels)")
        return JSONResponse(status_code=422, content={"detail": safe_errors([error])})
    detail = exc.detail
    detail = safe_errors(detail) if isinstance(detail, list) else safe_text(detail, 1000)
    return JSONResponse(status_code=exc.status_code, content={"detail": detail}, headers=getattr(exc, "headers", None))
