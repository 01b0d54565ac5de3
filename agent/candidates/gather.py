"""Candidate generation for one turn: the relations, search, affinity and scoring steps in order."""

from __future__ import annotations

from agent.candidates.deps import CandidateDeps
from agent.candidates.evidence import Anchors, Found
from agent.candidates.needs import score_needs
from agent.candidates.related import add_complements, add_upgrades
from agent.candidates.scoring import score_candidates
from agent.candidates.search import add_search_hits
from agent.schemas import Signal
from agent.turn import TurnFacts
from agent.types import Candidate


def gather_candidates(facts: TurnFacts, signals: list[Signal], deps: CandidateDeps) -> list[Candidate]:
    """Candidates for this turn, best first, scored by the formula in the :mod:`agent.candidates` docstring."""
    anchors = Anchors.of(facts)
    needs = [s for s in signals if s.type == "need" and s.text.strip()]
    questions = [s for s in signals if s.type == "question" and s.text.strip()]
    needs_en = [deps.translate(n.text) for n in needs]
    found: Found = {}
    upgrades = add_upgrades(found, facts, deps)
    add_complements(found, anchors, upgrades, deps)
    add_search_hits(found, [n.text for n in needs], facts, anchors, upgrades, deps)
    score_needs(found, needs, needs_en, [deps.translate(q.text) for q in questions], facts.focus, anchors)
    return score_candidates(found, facts.addon_base, deps.tuning)
