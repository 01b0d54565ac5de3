"""The literal pre-check before the catalog screening patterns: it skips work, never a match."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

import knowledge.promo_words as promo
from knowledge.regex_literals import fold, may_match, required_literals
from tests.agent.test_pressure import NEGATIVE, POSITIVE

ROOT = Path(__file__).resolve().parents[2]


def _catalog_texts() -> list[str]:
    out = []
    for path in [*ROOT.glob("evals/suites/*/catalog.jsonl"), ROOT / "knowledge" / "sample_store" / "catalog.jsonl"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            out += [row.get("name") or "", row.get("description") or ""]
    return [t for t in out if t]


def _corpus() -> list[str]:
    texts = [s for s, _ in POSITIVE] + list(NEGATIVE) + _catalog_texts()
    rng = random.Random(7)
    # Case changes and the engine's extra folds ("ſ" matches "s" under IGNORECASE) must not fool the pre-check.
    texts += [t.upper() for t in texts[:200]] + [t.replace("s", "ſ") for t in texts[:200]]
    # Shuffled pieces of the patterns' own literals, with noise: texts near the edge of matching.
    patterns = [rx for _, rx, _ in promo.compiled_pressure()] + [promo.CLAIMS, promo._SHOUTED_FREE]
    pieces = sorted({w for rx in patterns if (lits := required_literals(rx)) for w in lits})
    for _ in range(400):
        texts.append(" ".join(rng.choice(pieces + ["the", "it", "3", "Dec", "2 left", "%", "off"])
                              for _ in range(rng.randint(2, 6))))
    return texts


def test_the_pre_check_never_changes_what_the_screening_finds(monkeypatch):
    corpus = _corpus()
    fast = [promo.promo_phrases(t) for t in corpus]
    monkeypatch.setattr(promo, "may_match", lambda folded, words: True)  # every pattern runs
    full = [promo.promo_phrases(t) for t in corpus]
    assert fast == full
    assert sum(1 for hits in full if hits) >= 80  # the corpus does exercise the patterns


def test_every_pattern_match_contains_one_of_its_literals():
    patterns = [rx for _, rx, _ in promo.compiled_pressure()] + [promo.CLAIMS, promo._SHOUTED_FREE]
    for text in _corpus():
        folded = fold(text)
        for rx in patterns:
            if rx.search(text):
                assert may_match(folded, required_literals(rx)), (rx.pattern[:60], text)


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (r"\bhurry(?: up)?\b", {"hurry"}),
        (r"\b(?:only|just) (?:for )?today\b", {"today"}),
        (r"\bdon'?t miss\b|\bmust[- ]have\b", {"t miss", "must"}),
        (r"\b\d+ left\b|\bx\b", None),  # a branch with nothing literal: always run
        (r"(?-i:FREE)", {"free"}),
    ],
)
def test_required_literals(pattern, expected):
    found = required_literals(re.compile(pattern, re.I))
    assert (set(found) if found is not None else None) == expected


def test_the_engines_extra_case_folds_are_folded_too():
    rx = re.compile(r"\bsale\b", re.I)
    assert rx.search("ON ſALE") and may_match(fold("ON ſALE"), required_literals(rx))
