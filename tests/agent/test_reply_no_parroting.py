"""The no-parroting rule on every conversation of the shipped eval suites: no offline reply repeats a run of five
or more of the shopper's words (unless the shop's own text for a product in play has that run too), even when the
offer's reason carries the shopper's whole sentence, and in whatever language the reply is written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from agent.reply.input import ReplyInput
from agent.reply.offline import compose_offline
from agent.retrieval import reply_language
from agent.schemas import Offer, OfferReason, Signal
from agent.types import Decision
from knowledge.catalog import Catalog
from knowledge.importers import load_catalog
from knowledge.text import words

SUITES = Path(__file__).resolve().parents[2] / "evals" / "suites"
RUN = 5


def _grams(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def _turns(suite: Path):
    spec = yaml.safe_load(suite.read_text(encoding="utf-8"))
    catalog = Catalog(load_catalog((suite.parent / spec["catalog"]).resolve()))
    for scenario in spec.get("scenarios", []):
        context = scenario.get("context") or {}
        earlier: list[str] = []
        for turn in scenario.get("turns", []):
            context = {**context, **(turn.get("context") or {})}
            yield catalog, context, turn["user"], (turn.get("expect") or {}).get("offer") or [], list(earlier)
            earlier.append(turn["user"])


def _input(catalog: Catalog, context: dict, message: str, expected: list[str], earlier: list[str], seed: str):
    focus = catalog.get(context.get("product_sku"))
    cart = [p for line in context.get("cart") or [] if (p := catalog.get(line["sku"])) is not None]
    offers = []
    product = next((catalog.get(s) for s in expected if catalog.get(s) is not None), None)
    if product is not None:
        # The worst case for the old template: the reason carries the shopper's whole sentence.
        why = OfferReason(kind="answers_need", need=message)
        offers = [Offer(sku=product.sku, name=product.name, kind="cross_sell", price=product.price, currency="USD",
                        uplift_pct=1.0, reason=f'answers: "{message}"', why=why)]
    return ReplyInput(
        message=message, signals=[Signal(type="need", text=message)], decision=Decision(offers=offers), focus=focus,
        cart=cart, facts=[p for p in [focus, *cart] if p is not None], catalog=catalog,
        language=reply_language(message, context.get("locale"), earlier), locale=context.get("locale"), seed=seed,
    )


# Suites of conversations (the follow-up suite holds orders, not conversations).
CONVERSATIONS = [p for p in sorted(SUITES.glob("*/suite.yaml")) if "scenarios" in yaml.safe_load(p.read_text("utf-8"))]


@pytest.mark.parametrize("suite", CONVERSATIONS, ids=lambda p: p.parent.name)
def test_no_reply_repeats_the_shoppers_words(suite):
    checked = 0
    shop: dict[int, set[tuple[str, ...]]] = {}
    for i, (catalog, context, message, expected, earlier) in enumerate(_turns(suite)):
        inp = _input(catalog, context, message, expected, earlier, seed=f"{suite.parent.name}:{i}")
        reply = compose_offline(inp)
        if id(catalog) not in shop:
            shop[id(catalog)] = _grams(" ".join(f"{p.name}. {p.description}" for p in catalog))
        repeated = (_grams(message) & _grams(reply)) - shop[id(catalog)]
        assert not repeated, f"{suite.parent.name} turn {i}: {message!r} -> {reply!r}"
        checked += 1
    assert checked >= 20
