"""The web pages: demo shop page with the chat widget, the embeddable widget script, the rep console."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    """Demo: a mock product page of the store with the chat widget."""
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html")


@router.get("/widget.js")
def widget() -> FileResponse:
    """The embeddable chat widget (one script tag)."""
    return FileResponse(STATIC_DIR / "widget.js", media_type="application/javascript")


@router.get("/rep")
def rep() -> FileResponse:
    """The rep console."""
    return FileResponse(STATIC_DIR / "rep.html", media_type="text/html")


@router.get("/style.css")
def style() -> FileResponse:
    """Shared styles of the pages and the widget."""
    return FileResponse(STATIC_DIR / "style.css", media_type="text/css")
