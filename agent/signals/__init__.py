"""Need-signal detection: what a shopper's words say they need, refuse, ask, can spend or want to buy."""

from agent.signals.budget import BudgetHit, amounts_in, budget_amounts, currency_matches, find_budgets, parse_amount
from agent.signals.detector import (
    DEFAULT_SEMANTIC_TYPES,
    SEMANTIC_TYPES,
    OfflineSignalDetector,
    SignalDetector,
    looks_english,
)
from agent.signals.examples import ExamplesError, load_examples
from agent.signals.semantic import IMPLICIT_CONFIDENCE, SemanticScorer, is_implicit, shared_encoder
from agent.signals.model import ModelSignalDetector, SignalOut, SignalsOut, locate_span

__all__ = [
    "IMPLICIT_CONFIDENCE",
    "SemanticScorer",
    "is_implicit",
    "shared_encoder",
    "DEFAULT_SEMANTIC_TYPES",
    "SEMANTIC_TYPES",
    "BudgetHit",
    "ExamplesError",
    "ModelSignalDetector",
    "OfflineSignalDetector",
    "SignalDetector",
    "SignalOut",
    "SignalsOut",
    "amounts_in",
    "budget_amounts",
    "currency_matches",
    "find_budgets",
    "load_examples",
    "locate_span",
    "looks_english",
    "parse_amount",
]
