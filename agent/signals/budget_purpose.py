"""What an amount to add is said to be for, right after it: the need beside a budget ("I can add 30 max |for a
mount|", "20 euros más |para una funda|")."""

from __future__ import annotations

import re

from agent.signals.phrases import Hit
from agent.signals.text import Span, trim
from knowledge.text import content_words

#: What an amount is for, said right after it: "I can add 30 max |for a mount|", "30 dollars maximum |pour le fixer
#: dessus|", "20 € más |para una funda|", "maximal 30 Euro |für eine Halterung|", "максимум 30 |на чехол|".
BUDGET_PURPOSE = re.compile(
    r"^[\s,]*(?:(?:max(?:imum)?|tops|at\s+most|or\s+so|more|extra|máximo|como\s+mucho|más|maximal|höchstens|mehr|"
    r"au\s+maximum|de\s+plus|максимум|больше|tối\s+đa|thêm)[\s,.]*)*(?P<span>(?P<prep>for|to|pour|para|für|um|на|чтобы|để|cho)\s+"
    r"\S[^.!?;]*)",
    re.IGNORECASE,
)
#: Purposes that only say what the amount covers, not what is wanted: "for the whole thing", "for both", "in total".
BUDGET_COVERS = re.compile(
    r"^(?:for|pour|para|für|на|cho)\s+(?:it|this|that|them|these|those|both|all|everything|me|us|now|today|each|one|"
    r"the\s+(?:whole|lot|total|order|set|pair|moment|two|three|extras?)\b|extras?|the\s+whole\b|tout|todo|alles|"
    r"всё|все|cả)\b|^(?:to|um|чтобы|để)\s+(?:spend|pay|go|add|gastar|ausgeben|dépenser|потратить|chi)\b",
    re.IGNORECASE,
)


def with_budget_purpose(hits: list[Hit], work: str) -> list[Hit]:
    """With no need found, what an amount to add is said to be for, right after it, is the need. (A total's
    purpose is often the item itself: "max 110 for the topper" asks about the topper, not for something else.)"""
    if any(h.type == "need" for h in hits):
        return hits
    for b in (h for h in hits if h.type == "budget" and h.scope == "extra"):
        m = BUDGET_PURPOSE.match(work[b.span.end :])
        if m is None or BUDGET_COVERS.match(m.group("span")) or len(content_words(m.group("span"))) < 1:
            continue
        # "for a mount" wants a mount; "to mount it on my kayak" keeps its verb.
        lead = m.group("prep").lower() in ("for", "pour", "para", "für", "на", "cho")
        start = b.span.end + (m.end("prep") if lead else m.start("span"))
        span = trim(work, Span(start, b.span.end + m.end("span")))
        if span.end > span.start:
            return sorted([*hits, Hit("need", span, 0.8)], key=lambda h: h.span.start)
    return hits
