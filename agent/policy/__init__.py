"""The offer policy: guardrails as named pure rules and the per-turn decision."""

from agent.policy.commerce import ALL_CANDIDATE_RULES, COMMERCE_RULES, first_rejection
from agent.policy.context import PolicyContext
from agent.policy.decision import decide, silencing_rule
from agent.policy.rules import CANDIDATE_RULES, REGISTRY, TURN_RULES, rule_name

__all__ = [
    "ALL_CANDIDATE_RULES",
    "COMMERCE_RULES",
    "CANDIDATE_RULES",
    "REGISTRY",
    "TURN_RULES",
    "PolicyContext",
    "decide",
    "first_rejection",
    "rule_name",
    "silencing_rule",
]
