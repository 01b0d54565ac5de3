"""Benchmark: cold sync into a fresh Chroma index with the MiniLM embedder, then an unchanged re-sync; and the
sample store ingested into both indexes (MiniLM + the USE multilingual one, synced in parallel).

Run: ``.venv/bin/python bench/bench_ingest_index.py [--n 20000] [--keep DIR] [--no-multilingual]``.
Targets: cold sync >= 120 products/s on 2 cores (both indexes together on the sample store); re-sync of
unchanged 20,000 products < 10 s.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(REPO))

import chromadb  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402

from bench.synthetic import make_products  # noqa: E402
from agent.settings import Settings  # noqa: E402
from knowledge.embeddings import MiniLMEmbedder  # noqa: E402
from knowledge.index import ProductIndex, index_text  # noqa: E402
from knowledge.models import Product  # noqa: E402
from knowledge.store import KnowledgeStore  # noqa: E402

SAMPLE_CATALOG = REPO / "knowledge" / "sample_store" / "catalog.jsonl"


def load_jsonl(path: Path) -> list[Product]:
    """Products of a native JSONL catalog (one object per line)."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                out.append(Product.model_validate(json.loads(line)))
            except Exception as exc:
                raise SystemExit(f"{path}:{n}: {exc}") from exc
    return out


def cold_and_warm(label: str, products: list[Product], path: Path, embedder: MiniLMEmbedder, workers: int) -> None:
    """Print cold-sync throughput and unchanged re-sync time for ``products`` in a new index at ``path``."""
    client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
    index = ProductIndex(client, "bench_products", embedder, sync_workers=workers)
    cpu = time.process_time()
    cold = index.sync(products)
    cpu = time.process_time() - cpu
    # CPU seconds over all threads: what the sync costs independent of other load on a shared machine.
    print(
        f"{label}: cold sync of {len(products)} products: {cold.seconds:.1f} s = "
        f"{len(products) / cold.seconds:.0f} products/s wall (added {cold.added}); "
        f"{cpu:.1f} CPU-s = {len(products) / cpu:.0f} products per CPU-second"
    )
    warm = index.sync(products)
    print(f"{label}: unchanged re-sync: {warm.seconds:.2f} s (unchanged {warm.unchanged}, embedded 0)")


def both_indexes(path: Path, threads: int, backend: str = "minilm") -> None:
    """Print products/s of a cold ingest of the sample store into the MiniLM and the USE index together."""
    settings = Settings(data_dir=path, embedding_threads=threads, multilingual_backend="use",
                        embedding_backend=backend, _env_file=None)
    store = KnowledgeStore(settings.knowledge)
    store.embedder.load()  # type: ignore[attr-defined]
    store.multilingual_embedder.load()  # type: ignore[union-attr]
    products = load_jsonl(SAMPLE_CATALOG)
    t, cpu = time.perf_counter(), time.process_time()
    summary = store.ingest(SAMPLE_CATALOG)
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(
        f"sample store, both indexes (minilm + {summary.multilingual_embedder}, in parallel): {len(products)} products"
        f" in {wall:.1f} s = {len(products) / wall:.0f} products/s wall; {cpu:.1f} CPU-s ="
        f" {len(products) / cpu:.0f} products per CPU-second (x2 cores = the idle-machine ceiling)"
    )


def main() -> None:
    """Parse arguments and run the benchmark."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=20_000, help="synthetic products (default 20000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads per worker")
    ap.add_argument("--workers", type=int, default=2, help="sync batches in flight (embed one, write another)")
    ap.add_argument("--keep", type=Path, help="build the synthetic index here and keep it (for bench_search.py)")
    ap.add_argument("--no-multilingual", action="store_true", help="skip the two-index sample-store ingest")
    ap.add_argument("--only-multilingual", action="store_true", help="only the two-index sample-store ingest")
    ap.add_argument("--minilm-fast", action="store_true",
                    help="MiniLM with int8 MatMuls (embedding_backend=minilm-fast)")
    args = ap.parse_args()
    backend = "minilm-fast" if args.minilm_fast else "minilm"
    with tempfile.TemporaryDirectory(prefix="cartwise-bench-") as tmp:
        if not args.no_multilingual:
            both_indexes(Path(tmp) / "both", args.threads, backend)
            if args.only_multilingual:
                return
        cache = Path(tmp) / "models" if args.minilm_fast else None
        embedder = MiniLMEmbedder(threads=args.threads, int8_cache=cache)
        run_main_index(embedder, args)


def run_main_index(embedder: MiniLMEmbedder, args: argparse.Namespace) -> None:
    """Embedding rate alone, then cold and unchanged syncs of the sample store and the synthetic catalog."""
    t = time.perf_counter()
    embedder.load()
    print(f"model load + hash check: {time.perf_counter() - t:.2f} s")

    products = make_products(args.n, args.seed)
    texts = [index_text(p) for p in products[:500]]
    tokens = [len(e.ids) for e in embedder._runtime.tokenizer.encode_batch(texts)]  # type: ignore[union-attr]
    print(f"embedded text: mean {sum(tokens) / len(tokens):.0f} tokens, max {max(tokens)} (cap {embedder.max_tokens})")
    t, cpu = time.perf_counter(), time.process_time()
    embedder.embed_documents(texts)
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(f"embedding alone (1 worker): {len(texts) / wall:.0f} texts/s wall, {len(texts) / cpu:.0f} per CPU-second")

    with tempfile.TemporaryDirectory(prefix="cartwise-bench-") as tmp:
        if SAMPLE_CATALOG.exists():
            cold_and_warm("sample store", load_jsonl(SAMPLE_CATALOG), Path(tmp) / "sample", embedder, args.workers)
        else:
            print(f"sample store: {SAMPLE_CATALOG} not found, skipped")
        target = args.keep or Path(tmp) / "synthetic"
        cold_and_warm(f"synthetic n={args.n}", products, target, embedder, args.workers)


if __name__ == "__main__":
    main()
