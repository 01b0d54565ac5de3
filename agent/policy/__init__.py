"""The offer policy: guardrails as named pure rules and the per-turn decision."""

from agent.policy.context import PolicyContext, effective_budget, resolve_focus
from agent.policy.decision import decide, silencing_rule
from agent.policy.rules import CANDIDATE_RULES, TURN_RULES, first_rejection

__all__ = [
    "CANDIDATE_RULES",
    "TURN_RULES",
    "PolicyContext",
    "decide",
    "effective_budget",
    "first_rejection",
    "resolve_focus",
    "silencing_rule",
]
