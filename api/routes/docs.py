"""Interactive API docs (Swagger UI 5, which reads OpenAPI 3.1) served from a registry package: no CDN, no network."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles


def docs_assets_dir() -> Path:
    """Where the installed fastapi-offline package keeps Swagger UI 5's bundle and stylesheet."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).resolve().parent / "static"


def mount_offline_docs(app: FastAPI) -> None:
    """Serve Swagger UI's files from the installed package and the /docs page that uses them."""
    app.mount("/docs-assets", StaticFiles(directory=str(docs_assets_dir())), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui():
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
        )
