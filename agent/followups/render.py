"""Subject, text and HTML of a follow-up, rendered with Jinja2 from the templates of the customer's language.

Each language has its own folder under ``templates/`` (``subject.txt.j2``, ``text.txt.j2``, ``message.html.j2``;
the HTML ones extend ``base.html.j2``). HTML templates autoescape, so a product name holding ``<`` or ``&`` is
shown, never interpreted; text templates do not (a plain-text mail has nothing to escape). Prices and dates are
formatted for the language by Babel.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from pydantic import BaseModel

from agent.followups.models import FollowUpKind
from knowledge.text import lang_of

TEMPLATES = Path(__file__).parent / "templates"


class MessageInput(BaseModel):
    """Everything a template may show: names, prices and dates from the catalog and the order."""

    kind: FollowUpKind
    order_id: str
    ordered_at: datetime
    name: str
    price: float
    currency: str
    bought_name: str = ""
    replenish_days: int | None = None
    url: str | None = None
    image_url: str | None = None


class RenderedMessage(BaseModel):
    """The three rendered parts of a follow-up."""

    subject: str
    text: str
    html: str


def languages() -> list[str]:
    """The languages that have templates."""
    return sorted(p.name for p in TEMPLATES.iterdir() if p.is_dir())


def message_language(locale: str | None, default: str) -> str:
    """The template language for a locale ("fr-CA" -> "fr"), else ``default`` (else English)."""
    available = set(languages())
    for tag in (locale, default):
        lang = lang_of(tag)
        if lang in available:
            return lang
    return "en"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    # One environment: compiled templates are cached in it, and escaping is chosen per template by its name.
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # templates ship with the package: no stat of every file on every render
    )


@lru_cache(maxsize=4096)
def _money(price: float, currency: str, lang: str) -> str:
    # Babel re-reads its locale data on each call; a batch formats the same few prices over and over.
    return format_currency(price, currency, locale=lang)


@lru_cache(maxsize=4096)
def _day(day: date, lang: str) -> str:
    return format_date(day, format="long", locale=lang)


def _web_link(url: str | None) -> str | None:
    """An http(s) link, or None: escaping stops markup, not a ``javascript:`` link in an href."""
    return url if url and url.split(":", 1)[0].strip().lower() in ("http", "https") else None


def render_message(data: MessageInput, lang: str) -> RenderedMessage:
    """Render the message of ``data`` in ``lang`` (a folder of ``templates/``)."""
    env = _environment()
    values = {
        "kind": data.kind,
        "order_id": data.order_id,
        "order_date": _day(data.ordered_at.date(), lang),
        "product": {
            "name": data.name,
            "price": _money(data.price, data.currency, lang),
            "url": _web_link(data.url),
            "image_url": _web_link(data.image_url),
        },
        "bought": {"name": data.bought_name},
        "days": data.replenish_days,
        "lang": lang,
    }
    # A subject is one line whatever the template's whitespace; the HTML title shows it, escaped there.
    subject = " ".join(env.get_template(f"{lang}/subject.txt.j2").render(values).split())
    return RenderedMessage(
        subject=subject,
        text=env.get_template(f"{lang}/text.txt.j2").render(values).strip() + "\n",
        html=env.get_template(f"{lang}/message.html.j2").render(values, subject=subject).strip() + "\n",
    )
