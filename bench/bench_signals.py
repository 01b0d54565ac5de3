"""Benchmark: signal detection accuracy per type on the labelled tables of the tests, and latency per message.

Run: ``.venv/bin/python bench/bench_signals.py [--no-embedder]``

Prints, for the pattern-only detector and for the detector with all-MiniLM-L6-v2: per-type precision and
recall over the English table, the other-language table and the held-out tables, exact-match rate (the detected type set
equals the label), need-span exact rate, recall/false positives on the paraphrase set, and latency.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.signals import OfflineSignalDetector  # noqa: E402


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(detector: OfflineSignalDetector, cases) -> dict:
    """Per-type precision/recall, exact-set rate and need-span rate over ``(message, types, span, amount)``."""
    tp, fp, fn = Counter(), Counter(), Counter()
    exact = spans = span_total = 0
    for message, types, span, _amount in cases:
        signals = detector.detect(message)
        got = {s.type for s in signals}
        for t in got & types:
            tp[t] += 1
        for t in got - types:
            fp[t] += 1
        for t in types - got:
            fn[t] += 1
        exact += got == types
        if span:
            span_total += 1
            spans += span in [s.text for s in signals if s.type == "need"]
    per_type = {}
    for t in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 1.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 1.0
        per_type[t] = (p, r, tp[t] + fn[t])
    return {"n": len(cases), "exact": exact / len(cases), "span": spans / max(span_total, 1), "per_type": per_type}


def show(title: str, result: dict) -> None:
    """Print one table."""
    print(f"\n{title}: {result['n']} messages, exact type set {result['exact']:.1%}, need span {result['span']:.1%}")
    print(f"  {'type':16} {'precision':>9} {'recall':>7} {'support':>7}")
    for t, (p, r, n) in result["per_type"].items():
        print(f"  {t:16} {p:9.2f} {r:7.2f} {n:7d}")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-embedder", action="store_true", help="pattern-only detector only")
    args = parser.parse_args()
    table = _load("test_signals")
    semantic_sets = _load("test_signals_semantic")
    heldout = _load("test_signals_heldout")
    other = [c for cases in table.OTHER_CASES.values() for c in cases]

    detectors = {"patterns": OfflineSignalDetector()}
    if not args.no_embedder:
        from knowledge.embeddings import MiniLMEmbedder

        embedder = MiniLMEmbedder()
        embedder.load()
        detectors["patterns+minilm"] = OfflineSignalDetector(embedder)
        detectors["patterns+minilm"].warm_up()

    for name, det in detectors.items():
        show(f"[{name}] English table", score(det, table.EN_CASES))
        show(f"[{name}] es/de/fr/ru/vi table", score(det, other))
        show(f"[{name}] held-out tables", score(det, heldout.HELDOUT + heldout.HELDOUT_2))
        caught = sum(any(s.type == "need" for s in det.detect(m)) for m in semantic_sets.PARAPHRASED_NEEDS)
        false = sum(bool(det.detect(m)) and any(s.type in ("need", "support", "decline") for s in det.detect(m))
                    for m in semantic_sets.NOT_NEEDS)  # fmt: skip
        print(f"  paraphrased needs caught {caught}/{len(semantic_sets.PARAPHRASED_NEEDS)}, "
              f"false need/support/decline on near-misses {false}/{len(semantic_sets.NOT_NEEDS)}")  # fmt: skip
        messages = [c[0] for c in table.EN_CASES] + semantic_sets.PARAPHRASED_NEEDS + semantic_sets.NOT_NEEDS
        timings = []
        for m in messages:
            t0 = time.perf_counter()
            det.detect(m)
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        print(f"  latency over {len(messages)} messages: median {statistics.median(timings):.2f} ms, "
              f"p95 {timings[int(0.95 * len(timings)) - 1]:.2f} ms, max {timings[-1]:.2f} ms")


if __name__ == "__main__":
    main()
