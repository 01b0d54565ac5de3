"""Which measured quantity a need is about, read by each encoder: accuracy on bench/data/axis_needs.tsv.

    python bench/bench_axes.py

For every need (en/es/de/fr/ru, and needs about no quantity) it prints, per encoder, the closest axis, its
similarity and its margin over the next; then accuracy with the thresholds agent.candidates.dimensions uses
(an unsure reading counts as "none"). This is how MULTILINGUAL_THRESHOLDS were set.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.candidates.dimensions import (  # noqa: E402
    MIN_MARGIN,
    MIN_SIMILARITY,
    MULTILINGUAL_THRESHOLDS,
    axis_ranking,
)
from agent.signals.semantic import shared_encoder  # noqa: E402
from knowledge.embeddings import MiniLMEmbedder  # noqa: E402


def load_rows(path: Path) -> list[tuple[str, str, str]]:
    """(lang, axis, text) rows of the tsv, header and comments left out."""
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    return [tuple(x.split("\t")) for x in lines[1:]]  # type: ignore[misc]


def main() -> None:
    rows = load_rows(ROOT / "bench" / "data" / "axis_needs.tsv")
    use = shared_encoder()
    encoders = [(MiniLMEmbedder(), (MIN_SIMILARITY, MIN_MARGIN)), (use, MULTILINGUAL_THRESHOLDS[use.name])]
    for encoder, (floor, margin) in encoders:
        right = {"en": [0, 0], "other": [0, 0]}
        wrong = 0
        print(f"\n== {encoder.name} (sure at similarity >= {floor}, margin >= {margin})")
        for lang, axis, text in rows:
            ranked = axis_ranking(text, encoder)
            (top, sim), (_, second) = ranked[0], ranked[1]
            read = top if sim >= floor and sim - second >= margin else "none"
            group = right["en" if lang == "en" else "other"]
            group[0] += read == axis
            group[1] += 1
            wrong += read not in ("none", axis)
            mark = "ok " if read == axis else ("-- " if read == "none" else "XX ")
            print(f"{mark}{lang} {axis:13} closest {top:13} {sim:.2f} (+{sim - second:.2f})  {text[:60]}")
        print(f"right: English {right['en'][0]}/{right['en'][1]}, other languages {right['other'][0]}/"
              f"{right['other'][1]}; a wrong axis read as sure: {wrong}")


if __name__ == "__main__":
    main()
