"""Shared test helpers: a tiny store, a JSONL writer and an agent over a catalog (import as ``tests.support``)."""

from __future__ import annotations

import json

PRODUCTS = [
    {"sku": "PH-128", "name": "Nova Phone 128 GB", "price": 700, "category": "Electronics > Phones",
     "family": "nova", "tier": 1, "attributes": {"storage_gb": 128, "battery_mah": 4000, "wireless_charging": True},
     "description": "A phone with a 4,000 mAh battery and wireless charging."},
    {"sku": "PH-256", "name": "Nova Phone 256 GB", "price": 800, "category": "Electronics > Phones",
     "family": "nova", "tier": 2, "attributes": {"storage_gb": 256, "battery_mah": 4000},
     "description": "Twice the storage for photos, videos and apps."},
    {"sku": "PH-1T", "name": "Nova Phone 1 TB", "price": 1300, "category": "Electronics > Phones",
     "family": "nova", "tier": 3, "attributes": {"storage_gb": 1024}, "description": "Room for everything."},
    {"sku": "PB-10K", "name": "Power bank 10,000 mAh", "price": 39, "category": "Electronics > Power",
     "compatible_with": ["category:Electronics > Phones"], "stock": 12,
     "description": "Charges a phone twice over; keeps your battery going all day. Pocket size."},
    {"sku": "PB-20K", "name": "Power bank 20,000 mAh", "price": 59, "category": "Electronics > Power",
     "compatible_with": ["category:Electronics > Phones"], "stock": 0,
     "description": "Four full phone charges for long trips when the battery runs out."},
    {"sku": "CASE-NOVA", "name": "Nova clear case", "price": 19, "category": "Electronics > Cases",
     "compatible_with": ["family:nova"], "description": "Slim clear case that protects against drops."},
    {"sku": "GRIND-1", "name": "Burr coffee grinder", "price": 89, "category": "Home > Coffee",
     "description": "Grinds beans evenly for espresso and filter coffee."},
]


def write_jsonl(path, rows):
    """Write rows as a JSONL catalog and return the path."""
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def agent_on(settings, path, rows):
    """An agent built from ``settings`` with ``rows`` ingested as its catalog (written to ``path``)."""
    from agent.agent import build_agent

    agent = build_agent(settings)
    agent.knowledge.ingest(write_jsonl(path, rows))
    return agent


def decide_need(message, context, catalog, relations, search, *, confidence=0.85, wants=None, embedder=None):
    """The policy's offers, as (sku, kind), for one need ``message`` on ``context``, candidates from the relations
    and ``search`` alone (no detector, no session)."""
    from agent.candidates import CandidateDeps, gather_candidates
    from agent.policy import PolicyContext, decide
    from agent.schemas import Signal
    from agent.turn import TurnFacts
    from agent.types import PolicyLimits, SessionState

    need = Signal(type="need", text=message, confidence=confidence, wants=wants)
    state = SessionState(session_id="s")
    facts = TurnFacts.build(context=context, state=state, signals=[need], catalog=catalog, message=message)
    deps = CandidateDeps(catalog=catalog, relations=relations, search=search, limits=PolicyLimits(), embedder=embedder)
    decision = decide(gather_candidates(facts, [need], deps),
                      PolicyContext(facts=facts, signals=[need], state=state, limits=PolicyLimits()))
    return [(o.sku, o.kind) for o in decision.offers]
