"""Benchmark: need -> product retrieval with MiniLM, MiniLM + glossary, multilingual USE and their blends.

Run: ``.venv/bin/python bench/bench_encoders.py [--needs bench/data/encoder_needs.yaml] [--catalog PATH]
[--json OUT] [--calibration]``. Products are embedded as the indexes embed them (``index_text`` for MiniLM,
``multilingual_text`` for USE) and ranked by cosine over the whole catalog, no filters and no relations, so
the figures isolate the encoder. ``routed`` is what the agent does (agent.retrieval): English -> MiniLM, a USE
language -> USE on the raw text, anything else (Vietnamese) -> glossary -> MiniLM. Prints hit@1, hit@3 and MRR
per language and path, the score distributions behind USE's similarity scale (``--calibration``), then load
time, encode speed and ingest products/s (a real ``ProductIndex.sync`` into a throwaway Chroma directory).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(REPO))

import chromadb  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402

from agent.glossary import to_english  # noqa: E402
from knowledge.embeddings import Embedder, MiniLMEmbedder  # noqa: E402
from knowledge.embeddings_use import USE_LANGUAGES, USEEmbedder  # noqa: E402
from knowledge.index import ProductIndex, index_text, multilingual_text  # noqa: E402
from knowledge.models import Product  # noqa: E402

DEFAULT_NEEDS = REPO / "bench" / "data" / "encoder_needs.yaml"
RRF_K = 60  # the usual reciprocal-rank-fusion constant; small catalogs are not sensitive to it


def load_needs(path: Path, catalog: Path | None) -> tuple[list[Product], list[dict]]:
    """The catalog's products and the labelled needs; every labelled sku must exist in the catalog."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cat_path = catalog or (REPO / raw["catalog"])
    products = [Product.model_validate_json(line) for line in cat_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    known = {p.sku for p in products}
    for need in raw["needs"]:
        unknown = set(need["skus"]) - known
        if unknown:
            raise SystemExit(f"{path}: need {need['text']!r} names skus not in {cat_path}: {sorted(unknown)}")
    return products, raw["needs"]


def first_hit(ranking: np.ndarray, wanted: set[int]) -> int:
    """1-based rank of the first acceptable product."""
    for pos, idx in enumerate(ranking, start=1):
        if int(idx) in wanted:
            return pos
    return len(ranking) + 1


def rrf(*score_rows: np.ndarray) -> np.ndarray:
    """Reciprocal-rank fusion of several score vectors over the same products."""
    fused = np.zeros_like(score_rows[0])
    for scores in score_rows:
        ranks = np.empty(len(scores), dtype=np.int64)
        ranks[np.argsort(-scores)] = np.arange(1, len(scores) + 1)
        fused += 1.0 / (RRF_K + ranks)
    return fused


def metrics(ranks: list[int]) -> dict[str, float]:
    """hit@1, hit@3 and MRR of 1-based first-hit ranks."""
    n = len(ranks) or 1
    return {
        "n": len(ranks),
        "hit@1": sum(r == 1 for r in ranks) / n,
        "hit@3": sum(r <= 3 for r in ranks) / n,
        "mrr": sum(1.0 / r for r in ranks) / n,
    }


def timed_load(make: Callable[[], Embedder]) -> tuple[Embedder, float]:
    """An embedder, loaded, and the seconds loading took."""
    start = time.perf_counter()
    e = make()
    e.load()  # type: ignore[attr-defined]
    return e, time.perf_counter() - start


def calibration(name: str, scores: np.ndarray, needs: list[dict], sku_pos: dict[str, int], keep: list[bool]) -> None:
    """Print the best right product's cosine and the unrelated products' cosines (p50, p99) for the kept needs."""
    right, wrong = [], []
    for row, need, k in zip(scores, needs, keep):
        if not k:
            continue
        ok = {sku_pos[s] for s in need["skus"]}
        right.append(max(row[i] for i in ok))
        wrong.extend(row[i] for i in range(len(row)) if i not in ok)
    if right:
        p50, p99 = np.percentile(wrong, [50, 99])
        print(f"{name:<28} right product {np.mean(right):.3f}   unrelated p50 {p50:.3f} p99 {p99:.3f}   (n={len(right)})")


def speed(e: Embedder, docs: list[str], queries: list[str], products: list[Product]) -> dict[str, float]:
    """Batch texts/s over product texts, median ms per single query, ingest products/s through Chroma."""
    start = time.perf_counter()
    e.embed_documents(docs)
    batch = len(docs) / (time.perf_counter() - start)
    singles = []
    for q in queries:
        t = time.perf_counter()
        e.embed_query(q)
        singles.append((time.perf_counter() - t) * 1000)
    with tempfile.TemporaryDirectory() as tmp:
        client = chromadb.PersistentClient(path=tmp, settings=ChromaSettings(anonymized_telemetry=False))
        idx = ProductIndex(client, "bench-encoders", e)
        t = time.perf_counter()
        idx.sync(products)
        ingest = len(products) / (time.perf_counter() - t)
    return {"texts_per_s": batch, "query_ms_median": statistics.median(singles), "ingest_products_per_s": ingest}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--needs", type=Path, default=DEFAULT_NEEDS)
    ap.add_argument("--catalog", type=Path, default=None, help="overrides the catalog named in the needs file")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--no-speed", action="store_true", help="skip the speed and ingest figures")
    ap.add_argument("--json", type=Path, default=None, help="also write all figures here")
    ap.add_argument("--calibration", action="store_true", help="print the cosine distributions per path")
    args = ap.parse_args()

    products, needs = load_needs(args.needs, args.catalog)
    docs = [index_text(p) for p in products]
    sku_pos = {p.sku: i for i, p in enumerate(products)}
    texts = [n["text"] for n in needs]
    langs = [n["lang"] for n in needs]
    translated = [to_english(t) for t in texts]

    minilm, minilm_load = timed_load(lambda: MiniLMEmbedder(threads=args.threads, batch_size=args.batch_size))
    use, use_load = timed_load(lambda: USEEmbedder(threads=args.threads, batch_size=args.batch_size))
    m_docs = np.asarray(minilm.embed_documents(docs))
    u_docs = np.asarray(use.embed_documents([multilingual_text(p) for p in products]))
    m_raw = np.asarray(minilm.embed_documents(texts)) @ m_docs.T
    m_tr = np.asarray(minilm.embed_documents(translated)) @ m_docs.T
    u_raw = np.asarray(use.embed_documents(texts)) @ u_docs.T
    u_tr = np.asarray(use.embed_documents(translated)) @ u_docs.T
    # USE only for the languages it was trained on; the glossary covers Vietnamese (and anything else).
    in_use = np.asarray([lang in USE_LANGUAGES for lang in langs])[:, None]
    u_vi = np.where(in_use, u_raw, u_tr)
    routed = np.where(in_use & np.asarray([lang != "en" for lang in langs])[:, None], u_raw, m_tr)
    paths: dict[str, np.ndarray] = {
        "minilm_raw": m_raw,
        "minilm_glossary": m_tr,
        "use_raw": u_raw,
        "use_glossary_vi": u_vi,
        "blend_rrf": np.stack([rrf(a, b) for a, b in zip(m_tr, u_vi)]),
        "blend_mean": (m_tr + u_vi) / 2,
        "routed": routed,
    }

    results: dict[str, dict[str, dict[str, float]]] = {}
    ranks_by_path: dict[str, list[int]] = {}
    for name, scores in paths.items():
        ranks = [first_hit(np.argsort(-row), {sku_pos[s] for s in n["skus"]}) for row, n in zip(scores, needs)]
        ranks_by_path[name] = ranks
        per = {lang: metrics([r for r, lg in zip(ranks, langs) if lg == lang]) for lang in dict.fromkeys(langs)}
        per["all"] = metrics(ranks)
        results[name] = per

    lang_cols = [*dict.fromkeys(langs), "all"]
    print(f"{len(products)} products, {len(needs)} needs ({args.needs.name}); cosine over the whole catalog")
    for metric in ("hit@1", "hit@3", "mrr"):
        print(f"\n{metric:<17}" + "".join(f"{c:>7}" for c in lang_cols))
        for name, per in results.items():
            print(f"{name:<17}" + "".join(f"{per[c][metric]:>7.2f}" for c in lang_cols))
    print("\nn per language:  " + " ".join(f"{c}={results['use_raw'][c]['n']}" for c in lang_cols))

    if args.calibration:
        print("\ncosines (USE similarity_scale puts USE on MiniLM's scale)")
        non_en = [lang != "en" for lang in langs]
        calibration("minilm_raw en", m_raw, needs, sku_pos, [not x for x in non_en])
        calibration("minilm_glossary non-en", m_tr, needs, sku_pos, non_en)
        calibration("use_raw en", u_raw, needs, sku_pos, [not x for x in non_en])
        calibration("use_raw use-languages non-en", u_raw, needs, sku_pos,
                    [x and lang in USE_LANGUAGES for x, lang in zip(non_en, langs)])

    report: dict = {"retrieval": results, "load_s": {"minilm": minilm_load, "use": use_load}}
    print(f"\nload: minilm {minilm_load:.2f} s, use {use_load:.2f} s")
    if not args.no_speed:
        report["speed"] = {
            "minilm": speed(minilm, docs, texts, products),
            "use": speed(use, docs, texts, products),
        }
        for name, s in report["speed"].items():
            print(
                f"{name:<7} batch {s['texts_per_s']:6.0f} texts/s   single query {s['query_ms_median']:5.1f} ms (median)"
                f"   ingest {s['ingest_products_per_s']:5.0f} products/s"
            )
    report["misses"] = {
        name: [
            {"lang": n["lang"], "text": n["text"], "rank": r, "top": products[int(np.argmax(paths[name][i]))].sku}
            for i, (n, r) in enumerate(zip(needs, ranks)) if r > 3
        ]
        for name, ranks in ranks_by_path.items()
    }
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
