"""The FastAPI application: chat API, rep assist, catalog admin, outcomes, health, and the web pages."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from fastapi.middleware.cors import CORSMiddleware

from agent.agent import SalesAgent, build_agent
from agent.followups.log import FollowUpLog
from agent.inbox_store import InboxStore
from agent.settings import ServiceSettings, Settings
from api.events import EventStore
from api.limits import BodyLimitMiddleware, RateLimits
from api.session_tokens import SessionTokens, load_or_create_secret
from api.turns import TurnPool
from api.routes import catalog_admin, chat, health, inbox, pages, suggest
from api.routes.docs import mount_offline_docs
from api.routes import events as outcomes
from api.routes import followups
from api.validation import check_json_body, http_error_handler, validation_error_handler
from api.routes import admin as merchant_view
from knowledge.index import IndexMismatchError, IndexMissingError
from knowledge.store import NoCatalogError

log = logging.getLogger("cartwise.api")

DESCRIPTION = """\
Cartwise answers shoppers in a chat and proposes at most one guardrailed offer per reply (an upsell or a
cross-sell that answers what they said, never over their budget, never out of stock, never again after a no).

* **Shoppers**: `POST /v1/chat` (or `/v1/chat/stream` for Server-Sent Events), `POST /v1/events` for what
  happened to an offer. The chat page is at `/`, the embeddable widget at `/widget.js`.
* **Reps**: `GET /v1/sessions` (live inbox, streamed at `/v1/sessions/stream`), `POST /v1/suggest` for
  suggested replies, `/rep` for the console. A sent reply reaches the shopper at `GET /v1/chat/events`.
* **Admins** (`X-API-Key`): `POST /v1/catalog`, `GET /v1/metrics/summary`, `POST /v1/followups`.
"""

TAGS = [
    {"name": "chat", "description": "Shopper turns (CONTRACTS section 3)."},
    {"name": "rep assist", "description": "Suggested replies for human reps; needs X-API-Key."},
    {"name": "catalog admin", "description": "Catalog upload; needs X-API-Key."},
    {"name": "products", "description": "Public product lookups (no margins)."},
    {"name": "outcomes", "description": "Offer outcome events and metrics."},
    {"name": "follow-ups", "description": "Messages after a purchase; needs X-API-Key."},
    {"name": "health", "description": "Probes."},
]


def body_limit_for(settings: ServiceSettings):
    """The body limit per path: catalog uploads may be large, everything else small."""

    def limit_for(path: str) -> int:
        return settings.max_upload_bytes if path.rstrip("/") == "/v1/catalog" else settings.max_body_bytes

    return limit_for


def session_secret(settings: Settings) -> bytes:
    """The configured session secret, else the one kept under the data dir (created on first start)."""
    if settings.service.session_secret is not None:
        return settings.service.session_secret.get_secret_value().encode("utf-8")
    return load_or_create_secret(settings.knowledge.data_dir)


def create_app(settings: Settings, agent: SalesAgent | None = None, *, events: EventStore | None = None) -> FastAPI:
    """Build the app around an agent (built from settings when not given) and an event store."""
    engine = None
    if agent is None or events is None:
        from agent.sql_store import database_url, make_engine

        engine = make_engine(database_url(settings.knowledge))
    if agent is None:
        from agent.sql_store import SQLSessionStore

        agent = build_agent(settings, sessions=SQLSessionStore(engine))
    if events is None:
        events = EventStore(engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Warm before taking traffic, so the first wave of turns doesn't all load the same things at once.
        try:
            await run_in_threadpool(agent.warm_up)
        except NoCatalogError:
            log.warning("no catalog ingested yet: POST /v1/catalog or run `cartwise ingest`")
        except (IndexMissingError, IndexMismatchError) as exc:  # not ready, with the problem named in /readyz
            log.warning("the vector index cannot serve the catalog: %s", exc)
        if app.state.turn_pool.closed:
            # An app served again after a shutdown (tests, an embedding host) needs live workers again.
            app.state.turn_pool = TurnPool(settings.service.turn_workers)
        yield
        app.state.turn_pool.shutdown()

    app = FastAPI(
        lifespan=lifespan,
        title="Cartwise",
        version="0.1.0",
        summary="Conversational cross-sell and upsell agent for online shops",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        docs_url=None,  # served by mount_offline_docs: FastAPI's default page loads Swagger UI from a CDN
        redoc_url=None,
        dependencies=[Depends(check_json_body)],
    )
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    mount_offline_docs(app)
    app.state.settings = settings
    app.state.agent = agent
    app.state.events = events
    # Buckets in the sessions database: every worker and process on it spends from the same ones.
    app.state.rate_limits = RateLimits(
        settings.service.rate_limit_per_session, settings.service.rate_limit_per_client, engine=events.engine
    )
    app.state.ingest_lock = threading.Lock()
    app.state.session_tokens = SessionTokens(session_secret(settings))
    app.state.turn_pool = TurnPool(settings.service.turn_workers)
    # The rep inbox lives beside the sessions it lists (every worker on the database sees the same one).
    app.state.inbox = InboxStore(agent.sessions_engine or events.engine)

    app.state.followup_log = FollowUpLog(events.engine)
    # Before suggest's GET /v1/sessions/{session_id}, which would otherwise take /v1/sessions/stream.
    app.include_router(inbox.admin)
    app.include_router(inbox.streams)
    for module in (chat, suggest, outcomes, followups, health, pages):
        app.include_router(module.router)
    app.include_router(catalog_admin.admin)
    app.include_router(catalog_admin.public)
    app.include_router(merchant_view.router)  # GET /v1/metrics/series and the /admin page

    # Added last = outermost: an oversized body is refused before anything else runs.
    if settings.service.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.service.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Content-Type", "X-API-Key", "X-Request-ID", "X-Session-Token"],
            expose_headers=["Retry-After", "X-Request-ID"],
        )
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit_for=body_limit_for(settings.service))
    return app


class AccessLogMiddleware:
    """One info line per request (method, path, status, milliseconds, request id), never bodies or queries.

    It also answers an unhandled exception: a 500 with the request id, logged as the exception's type and that
    id only. Neither the traceback nor the exception's text is logged: both can quote the shopper's words.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        given = headers.get(b"x-request-id", b"").decode("latin-1")[:64]
        rid = given if given.isprintable() and given else uuid.uuid4().hex[:12]
        scope.setdefault("state", {})["request_id"] = rid
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode("latin-1"))]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: answer, log the type, never re-raise
            log.error(
                "unhandled %s on %s %s rid=%s", type(exc).__name__, scope.get("method"), scope.get("path"), rid
            )
            if not response_started:
                await send_with_id(_json_start(500))
                await send_with_id(
                    {"type": "http.response.body", "body": json.dumps({"detail": "internal error", "request_id": rid}).encode()}
                )
        finally:
            log.info(
                "%s %s %d ms=%.1f rid=%s",
                scope.get("method"), scope.get("path"), status, (time.perf_counter() - started) * 1000, rid,
            )


def app_from_env() -> FastAPI:
    """The app with settings from the CARTWISE_* environment: ``uvicorn --factory api.app:app_from_env --workers N``.

    Several workers share what lives in the data dir and the database (sessions, events, rate limits, turn locks);
    give them ``CARTWISE_DATABASE_URL`` (PostgreSQL) and ``CARTWISE_CHROMA_URL`` (a Chroma server) to spread out.
    """
    return create_app(Settings())


def _json_start(status: int) -> Message:
    return {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
