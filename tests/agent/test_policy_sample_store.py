"""Candidates + policy on the bundled sample store with the real embedder: the needs its README lists."""

from __future__ import annotations

import csv
import importlib.resources
import json

import numpy as np
import pytest

from agent.candidates import CandidateDeps, gather_candidates
from agent.policy import PolicyContext, decide
from agent.schemas import CartLine, ChatContext, Signal
from agent.turn import TurnFacts
from agent.types import PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.copurchase import RuleBook, baskets_from_orders, mine_rules
from knowledge.models import OrderLine, Product, SearchFilters, SearchHit
from knowledge.relations import Relations

pytestmark = pytest.mark.slow
STORE = importlib.resources.files("knowledge") / "sample_store"


@pytest.fixture(scope="module")
def store():
    """Catalog, relations (with mined co-purchase rules) and an in-memory MiniLM search, built once."""
    if not (STORE / "catalog.jsonl").is_file():
        pytest.skip("sample store not generated")
    from knowledge.embeddings import EmbeddingModelError, MiniLMEmbedder

    try:
        embedder = MiniLMEmbedder()
    except (EmbeddingModelError, ImportError, OSError) as exc:  # pragma: no cover - depends on the install
        pytest.skip(f"MiniLM not available: {exc}")
    text = (STORE / "catalog.jsonl").read_text(encoding="utf-8")
    catalog = Catalog(Product.model_validate(json.loads(line)) for line in text.splitlines() if line.strip())
    with (STORE / "orders.csv").open(encoding="utf-8") as f:
        lines = [OrderLine(order_id=r["order_id"], sku=r["sku"]) for r in csv.DictReader(f)]
    rules = mine_rules(baskets_from_orders(lines, catalog), min_support=0.001, min_confidence=0.05, min_lift=1.5,
                       min_count=3)
    relations = Relations.build(catalog, RuleBook(rules))
    skus = [p.sku for p in catalog]
    matrix = np.array(embedder.embed_documents([p.embedding_text() for p in catalog]))

    def search(query: str, f: SearchFilters, k: int) -> list[SearchHit]:
        sims = matrix @ np.array(embedder.embed_query(query))
        out: list[SearchHit] = []
        for i in np.argsort(-sims):
            p = catalog.get(skus[i])
            if (f.in_stock_only and p.stock == 0) or (f.active_only and not p.active) or p.sku in f.exclude_skus:
                continue
            if f.max_price is not None and p.price > f.max_price:
                continue
            out.append(SearchHit(sku=p.sku, score=float(sims[i])))
            if len(out) >= k:
                break
        return out

    return catalog, relations, search


def offers_for(store, need: str | None, *, sku=None, cart=(), page="product"):
    catalog, relations, search = store
    signals = [Signal(type="need", text=need)] if need else []
    context = ChatContext(page=page, product_sku=sku, cart=[CartLine(sku=s) for s in cart])
    state = SessionState(session_id="s")
    facts = TurnFacts.build(context=context, state=state, signals=signals, catalog=catalog, message=need or "")
    cands = gather_candidates(facts, signals, CandidateDeps(catalog=catalog, relations=relations, search=search))
    ctx = PolicyContext(facts=facts, signals=signals, state=state, limits=PolicyLimits())
    return decide(cands, ctx).offers


@pytest.mark.parametrize(
    "sku,need,acceptable",
    [
        ("NX8-128", "my battery dies by noon", {"PB-5K", "PB-10K", "PB-20K", "PB-10K-MAG", "NX8M-256", "CAR-CHG"}),
        ("NX8-128", "my phone is always full", {"NX8-256", "VB-200", "VB-1T", "VB-2T", "SSD-1T"}),
        ("NX8-128", "I keep cracking my screen", {"SP-NX8-GLS", "CASE-NX8-RGD", "CARE-PH-1Y", "CARE-PH-2Y"}),
        ("HD-SMALL", "we're adding five people", {"HD-GROUP"}),
        ("TL-STARTER", "we're adding five people", {"TL-SEATS-5"}),
        ("VX-A1", "I wish I could shoot wildlife from far", {"LNS-VX-70300", "TC-VX-14"}),
        ("CRM-E", "I wish I could make lattes", {"FROTH-1"}),
        ("QL-100", "the ink keeps running out", {"INK-Q-BK-XL", "INK-Q-CL-XL", "INK-Q-MULTI", "INK-SUB"}),
    ],
)
def test_sample_store_need_gets_an_acceptable_offer(store, sku, need, acceptable):
    offers = offers_for(store, need, sku=sku, cart=[sku])
    assert len(offers) == 1 and offers[0].sku in acceptable, offers
    assert offers[0].reason == f'answers: "{need}"'


def test_sample_store_cart_page_soft_add_on_is_a_cheap_complement(store):
    catalog, relations, _ = store
    offers = offers_for(store, None, cart=["NX8-128"], page="cart")
    assert len(offers) == 1 and offers[0].kind == "cross_sell"
    assert offers[0].price <= 0.35 * catalog.price_of("NX8-128")
    assert offers[0].reason == "goes with: Nova X8 128 GB in your cart"


def test_sample_store_product_page_without_a_need_offers_nothing(store):
    assert offers_for(store, None, sku="NX8-128", cart=["NX8-128"]) == []
