"""The phrase patterns behind each signal type, English first, then es/de/fr/ru/vi; one module per kind.

``needs`` (wishes, asks, plans, growth), ``pains`` (trouble in use) and group sizes make up NEED_PATTERNS, in that order;
``declines``, ``support`` and ``buying`` hold the turn-level types; ``form`` tells questions and small talk.
"""

from agent.signals.patterns.buying import (
    ACCEPT_ACTION,
    ACCEPT_REST,
    AFFIRMATIVE,
    NAMED_TO_CART,
    PURCHASE_PATTERNS,
    TAKE_IT,
    WEAK_AFFIRMATIVE,
)
from agent.signals.patterns.declines import DECLINE_PATTERNS, OWNS_ONE, REFUSAL_LEAD, REMOVE_ITEM, REMOVE_LEAD
from agent.signals.patterns.form import AUX_WITHOUT_SUBJECT, CLEFT_STATEMENT, QUESTION_START, SATISFIED, SMALL_TALK
from agent.signals.patterns.needs import (
    ASK_STOP,
    GROUP_PATTERNS,
    HELPFUL_PATTERNS,
    NEED_STOP_START,
    NEG_AFTER,
    NEGATORS,
    SHARED_USE,
    WANT_STOP,
    WISH_PATTERNS,
    NeedPattern,
)
from agent.signals.patterns.pains import PAIN_PATTERNS
from agent.signals.patterns.support import (
    BOUGHT,
    DEFECT,
    EARLY_FAILURE,
    HELP_ASK,
    NO_LONGER,
    OWN_OLD,
    SHOPPING_ASK,
    SUPPORT_PATTERNS,
    TROUBLE,
    WEAK_SUPPORT,
)

#: Every need phrasing: wishes and asks, then pain points, then group sizes (an earlier match keeps its span).
NEED_PATTERNS: list[NeedPattern] = WISH_PATTERNS + PAIN_PATTERNS + GROUP_PATTERNS

__all__ = [
    "ACCEPT_ACTION", "ACCEPT_REST", "AFFIRMATIVE", "ASK_STOP", "AUX_WITHOUT_SUBJECT", "CLEFT_STATEMENT",
    "BOUGHT", "DECLINE_PATTERNS",
    "DEFECT", "GROUP_PATTERNS", "HELPFUL_PATTERNS", "NAMED_TO_CART", "NEED_PATTERNS", "NEED_STOP_START", "NEG_AFTER", "NEGATORS",
    "EARLY_FAILURE", "HELP_ASK", "NO_LONGER", "OWN_OLD", "OWNS_ONE", "PAIN_PATTERNS", "PURCHASE_PATTERNS", "QUESTION_START", "REFUSAL_LEAD", "REMOVE_ITEM",
    "REMOVE_LEAD",
    "SATISFIED", "SHOPPING_ASK", "SMALL_TALK", "SUPPORT_PATTERNS", "TAKE_IT", "TROUBLE", "WANT_STOP",
    "SHARED_USE", "WEAK_AFFIRMATIVE", "WEAK_SUPPORT", "WISH_PATTERNS", "NeedPattern",
]
