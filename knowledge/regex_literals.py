"""The literal text a regular expression cannot match without: a cheap, sound pre-check before running it.

Screening a catalog for pressure and discount wording runs some fifty patterns over every name and description
(about 1 ms a product, half of an ingest's own work besides the encoders). Nearly every text carries none of the
words the patterns need, so each pattern gets the set of literals one of which any match must contain, read from
the pattern itself (:func:`required_literals`); :func:`may_match` skips a pattern when the text contains none of
them. The check is sound: it never skips a pattern that could match (tests compare against running every
pattern), and patterns with no required literal always run.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812 - the parser's opcodes
import re._parser as P  # noqa: N812
from re._casefix import _EXTRA_CASES

#: Shortest literal worth checking: shorter ones are in nearly every text.
MIN_LITERAL = 3
# Characters the regex engine folds together beyond str.lower() ("ſ" matches "s" under IGNORECASE).
# Each class of characters the engine treats as one maps to its smallest member.
_FOLD = str.maketrans(
    {chr(c): chr(min((low, *others))) for low, others in _EXTRA_CASES.items() for c in (low, *others)}
)
# str.lower() turns "İ" into two characters where the engine sees one: no pre-check for such texts.
_UNSAFE = "\u0130"


def fold(text: str) -> str:
    """The text as the pre-check compares it: lowercased, with the engine's extra case folds applied."""
    return text.lower().translate(_FOLD)


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    # The most selective requirement: the one whose shortest literal is longest.
    usable = [o for o in options if o and min(map(len, o)) >= MIN_LITERAL]
    return max(usable, key=lambda o: (min(map(len, o)), -len(o))) if usable else None


def _required(items: list) -> frozenset[str] | None:
    """A set of literals one of which every match of the sequence ``items`` contains; None if there is none."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            options.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        close()
        if op is C.SUBPATTERN:
            sub = _required(list(av[-1]))
        elif op is C.BRANCH:
            branches = [_required(list(b)) for b in av[1]]
            sub = None if any(b is None for b in branches) else frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _required(list(av[2]))
        else:
            sub = None  # classes, anchors, lookarounds, optional parts: nothing they force
        if sub is not None:
            options.append(sub)
    close()
    return _best(options)


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Folded literals one of which any match of ``pattern`` contains (None: no such set, always run it)."""
    found = _required(list(P.parse(pattern.pattern, pattern.flags)))
    # Folded like the text: a case-sensitive literal still appears, folded, in the folded text.
    return None if found is None else frozenset(fold(x) for x in found)


def may_match(folded: str, literals: frozenset[str] | None) -> bool:
    """Whether a pattern with these required literals could match a text (given as :func:`fold` of it)."""
    return literals is None or any(x in folded for x in literals)


def safe_to_skip(text: str) -> bool:
    """Whether the pre-check is sound for ``text`` (no character whose lowercase is longer than itself)."""
    return _UNSAFE not in text
