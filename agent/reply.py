"""Writes the reply for one turn: with a model (checked, regenerated once, else offline) or offline.

Every model reply is checked before the shopper sees it: products, prices and discount claims must be
grounded in the turn's products (:func:`agent.grounding.find_ungrounded`) and the wording must be free of
pressure (:func:`agent.pressure.find_pressure`). A failed check triggers one regeneration with a note on
what was wrong; a second failure, or any ModelError (timeout, HTTP error), gives the offline reply. A turn
never fails because of the model.

Streaming with a model buffers the whole model reply, checks it, then releases the chunks (or the
fallback). The trade-off: the shopper waits for the full generation instead of seeing the first token
early, but unchecked text (a wrong price, an injected "90% off") can never reach the screen and then be
retracted. Offline replies stream immediately.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from agent.grounding import find_ungrounded
from agent.models.base import ChatModel, ModelError
from agent.models.offline import compose_offline, known_products
from agent.pressure import find_pressure
from agent.prompts import TokenCounter, build_messages, default_token_counter
from agent.schemas import Signal
from agent.settings import MODEL_DEFAULTS
from agent.types import Decision, Turn
from knowledge.catalog import Catalog
from knowledge.models import Product

__all__ = ["ReplyComposer", "ReplyInput", "ReplyResult", "ReplyStream", "compose_offline"]

log = logging.getLogger(__name__)

ReplySource = Literal["model", "offline", "offline_fallback"]


class ReplyInput(BaseModel):
    """Everything a reply may draw on for one turn; products and prices outside it are off limits."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    message: str
    history: list[tuple[str, str]] = Field(default_factory=list, description="(user, reply) pairs, oldest first.")
    signals: list[Signal] = Field(default_factory=list)
    decision: Decision = Field(default_factory=Decision)
    focus: Product | None = None
    cart: list[Product] = Field(default_factory=list)
    facts: list[Product] = Field(default_factory=list, description="Products retrieved as relevant to the question.")
    currency: str = "USD"
    locale: str | None = None
    budget: float | None = Field(None, description="The shopper's stated budget (context or signal), if any.")
    catalog: Catalog | None = Field(
        None, exclude=True, repr=False, description="The live catalog, to catch names of products not offered."
    )

    @field_validator("history", mode="before")
    @classmethod
    def _pairs(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        return [(t.user, t.reply) if isinstance(t, Turn) else t for t in value]


class ReplyResult(BaseModel):
    """The reply text and how it was produced."""

    text: str
    source: ReplySource
    attempts: int = Field(0, description="Model calls made (0 offline).")
    prompt_tokens: int = 0
    problems: list[str] = Field(default_factory=list, description="Why model drafts were rejected, if they were.")


class ReplyStream:
    """Iterate for the reply's text chunks; ``.result`` holds the ReplyResult once the iteration is done."""

    def __init__(self, produce: Callable[[Callable[[ReplyResult], None]], Iterator[str]]):
        self._result: ReplyResult | None = None
        self._chunks = produce(self._finish)

    def _finish(self, result: ReplyResult) -> None:
        self._result = result

    def __iter__(self) -> "ReplyStream":
        return self

    def __next__(self) -> str:
        return next(self._chunks)

    @property
    def result(self) -> ReplyResult:
        """The final result (raises RuntimeError before the stream has been consumed)."""
        if self._result is None:
            raise RuntimeError("the reply stream has not been consumed yet")
        return self._result


def offered_products(inp: ReplyInput) -> list[Product]:
    """The offers as catalog products (from the catalog or the turn's products; else built from the offer)."""
    known = {p.sku: p for p in known_products(inp)}
    out: list[Product] = []
    for o in inp.decision.offers:
        p = (inp.catalog.get(o.sku) if inp.catalog is not None else None) or known.get(o.sku)
        if p is None:
            p = Product(sku=o.sku, name=o.name, price=o.price, currency=o.currency, category="offer")
        out.append(p)
    return out


def allowed_products(inp: ReplyInput) -> list[Product]:
    """Offers, focus, cart and facts: the only products a reply may name."""
    seen: set[str] = set()
    out: list[Product] = []
    for p in [*offered_products(inp), *known_products(inp)]:
        if p.sku not in seen:
            seen.add(p.sku)
            out.append(p)
    return out


def extra_prices(inp: ReplyInput) -> list[float]:
    """Amounts a reply may state besides catalog prices: differences, totals, the shopper's own numbers."""
    cart_total = sum(p.price for p in inp.cart)
    by_sku = {p.sku: p for p in allowed_products(inp)}
    out: list[float] = [cart_total] if inp.cart else []
    for o in inp.decision.offers:
        out.append(o.price)
        if inp.cart:
            out.append(cart_total + o.price)
        replaced = by_sku.get(o.replaces_sku or "")
        if replaced is not None:
            out.append(o.price - replaced.price)
            if inp.cart:
                out.append(cart_total - replaced.price + o.price)
    if inp.budget is not None:
        out.append(inp.budget)
    out += [s.amount for s in inp.signals if s.amount is not None]
    # The shopper's own budget amounts ("under 50", "my budget is $800") may be repeated back to them;
    # other amounts they type ("set the price to $1") may not.
    for text in [inp.message, *(u for u, _ in inp.history)]:
        out += budget_amounts(text)
    return out


_BUDGET_AMOUNT = re.compile(
    r"\b(?:under|below|less than|at most|up to|no more than|max(?:imum)?|budget(?: of| is)?|around|about|"
    r"spend(?:ing)?|cheaper than|within|afford)\s*(?:of\s*|is\s*)?(?:US\$|\$|€|£)?\s?(\d[\d,]*(?:\.\d{1,2})?)",
    re.I,
)


def budget_amounts(text: str) -> list[float]:
    """Amounts the shopper states as a limit ("under $50", "budget of 800", "spend about 40")."""
    return [float(m.group(1).replace(",", "")) for m in _BUDGET_AMOUNT.finditer(text)]


def check_reply(text: str, inp: ReplyInput) -> list[str]:
    """Problems with a draft reply: ungrounded products/prices/claims and pressure wording (empty = fine)."""
    if not text.strip():
        return ["the reply was empty"]
    allowed = allowed_products(inp)
    catalog = inp.catalog if inp.catalog is not None else Catalog(allowed, currency=inp.currency)
    problems = [
        f"{m.kind} not in the provided product data: {m.text!r}"
        for m in find_ungrounded(text, allowed, catalog, extra_prices(inp))
    ]
    problems += [f"pressure wording ({h.category}): {h.phrase!r}" for h in find_pressure(text, offered_products(inp))]
    return problems


def _word_chunks(text: str) -> Iterator[str]:
    yield from re.findall(r"\S+\s*", text)


class ReplyComposer:
    """Composes replies with a model (checked; one regeneration; offline fallback) or offline when ``model`` is None."""

    def __init__(
        self,
        model: ChatModel | None,
        token_budget: int = MODEL_DEFAULTS.prompt_token_budget,
        model_name: str = MODEL_DEFAULTS.model_name,
        *,
        count_tokens: TokenCounter | None = None,
        description_chars: int = 300,
    ):
        if token_budget < 50:
            raise ValueError(f"token_budget must be at least 50 tokens, got {token_budget}")
        self.model = model
        self.token_budget = token_budget
        self.model_name = model_name
        self.description_chars = description_chars
        self._count = count_tokens

    def _counter(self) -> TokenCounter:
        if self._count is None:
            self._count = default_token_counter(self.model_name)
        return self._count

    def _prompt(self, inp: ReplyInput, correction: str | None):
        return build_messages(
            inp, offered_products(inp), self.token_budget, self._counter(), correction, self.description_chars
        )

    def _fallback(self, inp: ReplyInput, attempts: int, tokens: int, problems: list[str]) -> ReplyResult:
        log.warning("model reply replaced by the offline reply: %s", "; ".join(problems))
        return ReplyResult(
            text=compose_offline(inp), source="offline_fallback", attempts=attempts, prompt_tokens=tokens, problems=problems
        )

    def compose(self, inp: ReplyInput) -> ReplyResult:
        """The reply for one turn; never raises because of the model."""
        if self.model is None:
            return ReplyResult(text=compose_offline(inp), source="offline")
        return self._run(inp, lambda messages: self.model.complete(messages))  # type: ignore[union-attr]

    def _run(self, inp: ReplyInput, generate: Callable[[list], str]) -> ReplyResult:
        problems: list[str] = []
        correction: str | None = None
        tokens = 0
        for attempt in (1, 2):
            build = self._prompt(inp, correction)
            tokens = max(tokens, build.prompt_tokens)
            try:
                text = generate(build.messages).strip()
            except ModelError as e:
                problems.append(f"model error: {e}")
                return self._fallback(inp, attempt, tokens, problems)
            except Exception as e:  # noqa: BLE001 (a provider bug must still not cost the shopper a reply)
                log.exception("chat model raised a non-ModelError")
                problems.append(f"model failed: {type(e).__name__}: {e}")
                return self._fallback(inp, attempt, tokens, problems)
            found = check_reply(text, inp)
            if not found:
                return ReplyResult(text=text, source="model", attempts=attempt, prompt_tokens=tokens, problems=problems)
            problems += found
            correction = "; ".join(found) + "."
        return self._fallback(inp, 2, tokens, problems)

    def stream(self, inp: ReplyInput) -> ReplyStream:
        """The reply as chunks; with a model, chunks are released only after the whole reply passed the checks."""

        def produce(finish: Callable[[ReplyResult], None]) -> Iterator[str]:
            if self.model is None:
                result = ReplyResult(text=compose_offline(inp), source="offline")
                finish(result)
                yield from _word_chunks(result.text)
                return
            buffers: list[list[str]] = []

            def generate(messages: list) -> str:
                chunks = list(self.model.stream(messages))  # type: ignore[union-attr]
                buffers.append(chunks)
                return "".join(chunks)

            result = self._run(inp, generate)
            finish(result)
            if result.source == "model":
                yield from buffers[-1]
            else:
                yield from _word_chunks(result.text)

        return ReplyStream(produce)
