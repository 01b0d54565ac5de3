"""The merchant's view: ``GET /v1/metrics/series`` (X-API-Key) and the ``/admin`` page (login form, cookie)."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Cookie, Depends, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from api.admin_auth import COOKIE_NAME, COOKIE_PATH, COOKIE_SECONDS, admin_enabled, cookie_valid, make_cookie
from api.admin_page import dashboard_page, disabled_page, login_page
from api.deps import EventsDep, SettingsDep, admin_key_matches, limit_client, require_admin
from api.metrics_series import MetricsSeries
from api.metrics_sources import load_series
from api.routes import error_responses
from api.routes.pages import STATIC_DIR

router = APIRouter(dependencies=[Depends(limit_client)])
Days = Annotated[int, Query(ge=1, le=366, description="How many UTC days, ending today.")]
NO_STORE = {"Cache-Control": "no-store"}


@router.get(
    "/v1/metrics/series",
    response_model=MetricsSeries,
    tags=["outcomes"],
    summary="Outcome metrics per day",
    description="The figures of `/v1/metrics/summary` per UTC day and over the window: offers shown, acceptance "
    "rate by kind, attributed revenue, average order value with and without an accepted offer, conversion of "
    "chats with offers against chats without, and repeat purchases after follow-ups. Needs `X-API-Key`.",
    dependencies=[Depends(require_admin)],
    responses=error_responses(401, 403, 422, 429),
)
def metrics_series(events: EventsDep, days: Days = 30) -> MetricsSeries:
    """The series over the last ``days`` days."""
    return load_series(events, days, time.time())


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=NO_STORE)


@router.get("/admin", include_in_schema=False)
def admin_page(
    settings: SettingsDep,
    events: EventsDep,
    days: Days = 30,
    cartwise_admin: Annotated[str | None, Cookie()] = None,
) -> HTMLResponse:
    """The merchant's figures over time; the login form (401) without a valid session cookie."""
    if not admin_enabled(settings):
        return _html(disabled_page(), 403)
    now = time.time()
    if not cookie_valid(settings, cartwise_admin, now):
        return _html(login_page(), 401)
    return _html(dashboard_page(load_series(events, days, now), days, settings.knowledge.store_currency))


@router.post("/admin/login", include_in_schema=False)
def admin_login(request: Request, settings: SettingsDep, key: Annotated[str, Form(max_length=500)] = "") -> Response:
    """Check the posted key; on success set the HttpOnly session cookie and go to /admin."""
    if not admin_enabled(settings):
        return _html(disabled_page(), 403)
    if not admin_key_matches(settings, key):
        return _html(login_page("That is not the admin key."), 401)
    response = RedirectResponse("/admin", status_code=303, headers=NO_STORE)
    response.set_cookie(
        COOKIE_NAME, make_cookie(settings, time.time()), max_age=COOKIE_SECONDS, path=COOKIE_PATH, httponly=True,
        samesite="strict", secure=request.url.scheme == "https",
    )
    return response


@router.post("/admin/logout", include_in_schema=False)
def admin_logout() -> Response:
    """Forget the session cookie."""
    response = RedirectResponse("/admin", status_code=303, headers=NO_STORE)
    response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, httponly=True, samesite="strict")
    return response


@router.get("/admin/admin.css", include_in_schema=False)
def admin_css() -> FileResponse:
    """The page's styles."""
    return FileResponse(STATIC_DIR / "admin.css", media_type="text/css")
