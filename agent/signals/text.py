"""Text plumbing for signal detection: normalising, sentence and clause bounds, trimming spans."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from knowledge.text import words

# Same-length substitutions only, so offsets in the work copy are offsets in the shopper's text.
_SAME_LENGTH = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})

_SENTENCE_END = re.compile(r"(?<=[.!?…;？！。])\s+|\n+")

# A comma starts a new clause only when a new subject or a conjunction follows it; "slim, light and tough"
# stays one clause.
_CLAUSE_STARTERS = (
    r"but|and|so|though|although|because|since|which|while|plus|also|anyway|otherwise|"
    r"I|I'm|I've|I'd|I'll|it|it's|its|we|we're|we've|my|our|the|this|that|they|there|he|she|you|"
    r"do|does|can|could|would|will|is|are|any|anything|got|what|how|where|which|please|thanks|thank|"
    r"pero|porque|aber|weil|denn|mais|parce|car|но|потому|а|nhưng|vì"
)
_CLAUSE_BREAK = re.compile(
    rf",\s+(?=(?:{_CLAUSE_STARTERS})\b)"
    r"|\s+(?:but|though|although|because|since|while|whereas|pero|aber|mais|но|nhưng)\s+"
    r"|\s+and\s+(?=(?:I|it|it's|my|we|we're|our|they|there|this)\b)"
    r"|\s+so\s+(?=(?:I|it|my|we)\b)"
    r"|\s+[-–—]\s+|[;:]\s+",
    re.IGNORECASE,
)

_LEAD_FILLER = re.compile(
    r"^(?:(?:and|but|so|also|plus|well|honestly|actually|basically|really|oh|um+|uh+|hmm+|ok(?:ay)?|yeah|"
    r"to be honest|tbh|anyway|the (?:thing|problem|issue|trouble) is(?: that)?|hi|hey|hello)\b[,!]?\s*)+",
    re.IGNORECASE,
)
_TIME = (
    r"(?:next|this|coming|later this|early next|by next|in the next)\s+(?:week|month|year|weekend|summer|winter|"
    r"spring|fall|autumn|season|quarter|semester|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|in\s+(?:a|one|two|three|four|five|six|a few|a couple of|\d+)\s+(?:days?|weeks?|months?|years?)"
    r"|tomorrow|tonight|soon|shortly|later|today"
)
_LEAD_TIME = re.compile(rf"^(?:{_TIME})\b,?\s*", re.IGNORECASE)
_TRAIL_TIME = re.compile(rf"\s*,?\s+(?:{_TIME})$", re.IGNORECASE)
_TRAIL_JUNK = re.compile(r"[\s,.;:!?…\-–—\"')(]+$")
_LEAD_JUNK = re.compile(r"^[\s,.;:!?…\-–—\"'(]+")


@dataclass(frozen=True)
class Span:
    """A half-open character range of the shopper's message."""

    start: int
    end: int

    def text(self, message: str) -> str:
        """The characters this span covers."""
        return message[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        """Whether the two ranges share a character."""
        return self.start < other.end and other.start < self.end


def normalise(message: str) -> tuple[str, str]:
    """The message in NFC (what spans are cut from) and a same-length work copy with plain quotes and spaces."""
    nfc = unicodedata.normalize("NFC", message)
    return nfc, nfc.translate(_SAME_LENGTH)


def sentences(work: str) -> list[Span]:
    """Sentence ranges (non-empty, whitespace excluded)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(work):
        out.append(Span(start, m.start()))
        start = m.end()
    out.append(Span(start, len(work)))
    return [s for s in (_strip_ws(work, s) for s in out) if s.end > s.start]


def clause_breaks(work: str, sentence: Span) -> list[tuple[int, int]]:
    """(start, end) of each clause separator inside a sentence, in message offsets."""
    seg = work[sentence.start : sentence.end]
    return [(sentence.start + m.start(), sentence.start + m.end()) for m in _CLAUSE_BREAK.finditer(seg)]


def clause_at(work: str, sentence: Span, pos: int) -> Span:
    """The clause of ``sentence`` containing ``pos``."""
    start, end = sentence.start, sentence.end
    for b_start, b_end in clause_breaks(work, sentence):
        if b_end <= pos:
            start = b_end
        elif b_start >= pos:
            end = b_start
            break
    return Span(start, end)


def clause_end(work: str, sentence: Span, pos: int) -> int:
    """Where the clause that runs on from ``pos`` ends (the next separator after ``pos``, or sentence end)."""
    for b_start, _ in clause_breaks(work, sentence):
        if b_start > pos:
            return b_start
    return sentence.end


def clauses(work: str, sentence: Span) -> list[Span]:
    """All clauses of a sentence."""
    out, start = [], sentence.start
    for b_start, b_end in clause_breaks(work, sentence):
        out.append(Span(start, b_start))
        start = b_end
    out.append(Span(start, sentence.end))
    return [c for c in (_strip_ws(work, c) for c in out) if c.end > c.start]


def trim(work: str, span: Span, *, fillers: bool = True, times: bool = True) -> Span:
    """Drop edge punctuation, lead-in fillers ("honestly,", "the problem is") and edge time phrases."""
    start, end = span.start, span.end
    for _ in range(4):  # fillers, times and punctuation can nest: "so, next month, ..."
        before = (start, end)
        seg = work[start:end]
        m = _LEAD_JUNK.match(seg)
        if m:
            start += m.end()
            seg = work[start:end]
        if fillers:
            m = _LEAD_FILLER.match(seg)
            if m and m.end() < len(seg):
                start += m.end()
                seg = work[start:end]
        if times:
            m = _LEAD_TIME.match(seg)
            if m and m.end() < len(seg):
                start += m.end()
                seg = work[start:end]
            m = _TRAIL_TIME.search(seg)
            if m and m.start() > 0:
                end = start + m.start()
                seg = work[start:end]
        m = _TRAIL_JUNK.search(seg)
        if m and m.start() > 0:
            end = start + m.start()
        if (start, end) == before:
            break
    return Span(start, end)


def _strip_ws(work: str, span: Span) -> Span:
    seg = work[span.start : span.end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    return Span(span.start + lead, span.end - trail)


def words_before(work: str, floor: int, pos: int, n: int = 3) -> list[str]:
    """The last ``n`` words between ``floor`` and ``pos``, lower-cased."""
    return words(work[floor:pos], contractions=True)[-n:]


#: Words in quotes: someone else's, or an instruction to repeat them, never the shopper's own circumstances.
QUOTED = re.compile(r"(?:^|\s)['\"«„“][^'\"»“”]{3,}['\"»“”]")
