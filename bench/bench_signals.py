"""Benchmark: signal detection accuracy per type on the labelled tables of the tests, and latency per message.

Run: ``.venv/bin/python bench/bench_signals.py [--no-embedder]``

Prints, for the pattern-only detector and for the detector with encoders (all-MiniLM-L6-v2, USE-multilingual
v3, both): per-type precision and recall over the English table, the other-language table and the held-out
tables, exact-match rate (the detected type set equals the label), need-span exact rate, recall/false
positives on the paraphrase set, the six-language held-out need table (tests/agent/heldout_needs_table.py)
with need patterns on and off, the six defect classes of issue 9 (tests/agent/heldout_defects_table.py: asks for
a product, needs without wish words, shortcomings vs support, refusals of a pending offer, price direction,
paying at checkout), and latency (multi-sentence messages included).
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

from agent.signals import OfflineSignalDetector, is_implicit, shared_encoder  # noqa: E402


class WithoutNeedPatterns(OfflineSignalDetector):
    """The detector with its need phrase patterns switched off: needs come from the examples alone."""

    def _pattern_hits(self, work, context, offer_pending):  # type: ignore[no-untyped-def]
        return [h for h in super()._pattern_hits(work, context, offer_pending) if h.type != "need"]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name.replace("/", "."), ROOT / "tests" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(detector: OfflineSignalDetector, cases) -> dict:
    """Per-type precision/recall, exact-set rate and need-span rate over ``(message, types, span, amount)``."""
    tp, fp, fn = Counter(), Counter(), Counter()
    exact = spans = span_total = 0
    for message, types, span, _amount in cases:
        signals = [s for s in detector.detect(message) if not is_implicit(s)]
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
    table = _load("agent/test_signals")
    semantic_sets = _load("agent/test_signals_semantic")
    heldout = _load("agent/test_signals_heldout")
    other = [c for cases in table.OTHER_CASES.values() for c in cases]

    needs_table = _load("agent/heldout_needs_table")
    defects = _load("agent/heldout_defects_table")
    detectors = {"patterns": OfflineSignalDetector()}
    if not args.no_embedder:
        from knowledge.embeddings import MiniLMEmbedder

        minilm = MiniLMEmbedder()
        minilm.load()
        use = shared_encoder()
        # MiniLM's cosines sit on another scale: its own threshold and margin (set on the English tables).
        detectors["patterns+minilm"] = OfflineSignalDetector(minilm, threshold=0.38, margin=0.08)
        detectors["patterns+use"] = OfflineSignalDetector(use)
        detectors["patterns+use+minilm"] = OfflineSignalDetector([use, minilm])
        detectors["use, need patterns off"] = WithoutNeedPatterns(use)
        for det in detectors.values():
            det.warm_up()

    for name, det in detectors.items():
        show(f"[{name}] English table", score(det, table.EN_CASES))
        show(f"[{name}] es/de/fr/ru/vi table", score(det, other))
        show(f"[{name}] held-out tables", score(det, heldout.HELDOUT + heldout.HELDOUT_2))
        print(needs_table.show(f"{name}] [six-language need table", needs_table.figures(lambda m, _l: det.detect(m))))
        print(defects.show(f"{name}] [defect classes",
                           defects.figures(lambda m, c, pending: det.detect(m, c, offer_pending=pending))))
        caught = sum(any(s.type == "need" and not is_implicit(s) for s in det.detect(m)) for m in semantic_sets.PARAPHRASED_NEEDS)
        false = sum(any(s.type in ("need", "support", "decline") and not is_implicit(s) for s in det.detect(m))
                    for m in semantic_sets.NOT_NEEDS)  # fmt: skip
        print(f"  paraphrased needs caught {caught}/{len(semantic_sets.PARAPHRASED_NEEDS)}, "
              f"false need/support/decline on near-misses {false}/{len(semantic_sets.NOT_NEEDS)}")  # fmt: skip
        messages = [c[0] for c in table.EN_CASES] + semantic_sets.PARAPHRASED_NEEDS + semantic_sets.NOT_NEEDS
        messages += [m for _, _, m in needs_table.HELDOUT_MULTI]
        messages += [m for cases in defects.CASES.values() for _, m, *_ in cases]
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
