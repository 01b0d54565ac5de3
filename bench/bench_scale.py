"""Scale benchmark: turn decisions, filtered searches, ingest rate and memory at 20,000 / 100,000 / 1,000,000 products.

    python bench/bench_scale.py                                  # 20k + 100k, embedded + server, real encoder
    python bench/bench_scale.py --sizes 20000,100000 --backend embedded
    python bench/bench_scale.py --sizes 1000000 --backend server --fake-embedder
    python bench/bench_scale.py --sizes 0 --backend embedded     # the sample store alone (ingest rate)

Each (backend, size) runs in its own child process, so "peak MB" is that run's own peak resident memory
(ru_maxrss); for the server backend the benchmark starts ``chroma run`` on a loopback port, reads the server's
resident memory (VmRSS, and its peak VmHWM) after the queries, and stops it. Catalogs are the sample store plus
realistic synthetic products (bench/scale_catalog.py: 60-120 word descriptions, families with tiers, stock).

Query mix per run: every turn of the shipped eval suite (sample store pages and carts), then synthetic turns on
the synthetic products: needs on a product page, explicit upgrades, cart pages with 1-3 items, budgets ("under
$X"); and direct index searches with filters by category, price range, stock and family.
With --fake-embedder (forced above --fake-above products) the deterministic hashed embedder stands in for the
encoder, so index and policy cost are measured apart from encoding: the output says so.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NEEDS = {
    "Phones": ["I need something to keep it charged on long trips", "I keep dropping my phone, how do I protect it?"],
    "Audio": ["I want to listen on flights without the engine noise", "something for music at the beach"],
    "Computers": ["I carry my laptop in a backpack every day", "my wrist hurts after long workdays"],
    "Cameras": ["I shoot a lot of 4K video on trips", "I run out of space on my memory card"],
    "Kitchen": ["I want better tasting coffee in the morning", "my eggs always stick to the pan"],
    "Furniture": ["my back hurts after sitting all day"],
    "Lighting": ["I read at night and my eyes get tired"],
    "Running": ["I run at night and need my phone with me", "my knees hurt on long runs"],
    "Outdoor": ["we go camping in the mountains where it gets cold"],
    "Skincare": ["my skin gets really dry in winter"],
    "Hair": ["my hair frizzes when I dry it"],
    "Building": ["a gift for a creative ten year old"],
    "Dogs": ["my old dog has stiff joints"],
    "Stationery": ["I write with a fountain pen"],
}
UPGRADES = ["Is there a better version of this?", "Do you have something more premium?", "I'd like the pro model"]
CART_ASKS = ["Anything else I should add?", "What goes well with these?", "Did I forget anything?"]


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s)) - 1))] if s else float("nan")


def _need_for(category: str, rng: random.Random) -> str:
    for key, texts in NEEDS.items():
        if key in category:
            return rng.choice(texts)
    return "what would go well with this?"


def synthetic_turns(rows: list[dict], n: int, seed: int) -> list[tuple[str, str, dict]]:
    """``n`` (kind, message, context) turns on synthetic products: needs, upgrades, carts, budgets."""
    rng = random.Random(seed)
    families = [r for r in rows if r.get("family") and r.get("tier") == 1]
    turns: list[tuple[str, str, dict]] = []
    for i in range(n):
        kind = ("need", "upgrade", "cart", "budget")[i % 4]
        row = rng.choice(families if kind == "upgrade" and families else rows)
        if kind == "need":
            turns.append((kind, _need_for(row["category"], rng), {"page": "product", "product_sku": row["sku"]}))
        elif kind == "upgrade":
            turns.append((kind, rng.choice(UPGRADES), {"page": "product", "product_sku": row["sku"]}))
        elif kind == "cart":
            cart = [{"sku": r["sku"]} for r in rng.sample(rows, k=rng.randint(1, 3))]
            turns.append((kind, rng.choice(CART_ASKS), {"page": "cart", "cart": cart}))
        else:
            ceiling = max(5, round(row["price"] * rng.choice([0.2, 0.5, 1.0])))
            msg = f"{_need_for(row['category'], rng)}, under ${ceiling}"
            turns.append((kind, msg, {"page": "product", "product_sku": row["sku"], "cart": [{"sku": row["sku"]}]}))
    return turns


def random_filters(rows: list[dict], n: int, seed: int):
    """``n`` (query, SearchFilters) pairs: category, price range, stock, family and exclusion filters, mixed."""
    from knowledge.models import SearchFilters

    rng = random.Random(seed)
    out = []
    for i in range(n):
        row = rng.choice(rows)
        parts = row["category"].split(" > ")
        f: dict = {"in_stock_only": rng.random() < 0.7, "active_only": True}
        shape = i % 5
        if shape in (0, 3):
            f["category"] = " > ".join(parts[: rng.randint(1, len(parts))])
        if shape in (1, 3):
            price = float(row["price"])
            f["min_price"], f["max_price"] = round(price * 0.5, 2), round(price * rng.choice([1.0, 1.5, 3.0]), 2)
        if shape == 2:
            f["max_price"] = float(rng.choice([10, 25, 50, 100, 300]))
        if shape == 4 and row.get("family"):
            f["family"] = row["family"]
        f["exclude_skus"] = [r["sku"] for r in rng.sample(rows, k=3)]
        out.append((_need_for(row["category"], rng), SearchFilters(**f)))
    return out


def server_cpu_ns(pid: int) -> int:
    """CPU time (ns) all threads of a process have run (schedstat), to add the server's share to a turn's."""
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total


def server_rss(pid: int) -> tuple[float, float]:
    """Resident and peak resident MB of a process and its children (the Chroma server may fork)."""
    rss = hwm = 0.0
    pids = [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss += int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                hwm += int(line.split()[1]) / 1024
    return rss, hwm


def one_run(args: argparse.Namespace) -> dict:
    """Build one catalog in one backend, ingest it, replay the query mix; the figures as a dict."""
    from agent.agent import build_agent
    from agent.schemas import ChatRequest
    from agent.settings import Settings
    from bench.bench_load import chroma_server
    from bench.scale_catalog import write_catalog
    from evals.suite import load_suite
    from knowledge.index import build_where
    from knowledge.store import sample_store_dir

    size, backend, fake = args.one_size, args.one_backend, args.fake_embedder or args.one_size > args.fake_above
    tmp = args.keep / f"{backend}-{size}" if args.keep else Path(tempfile.mkdtemp(prefix="cartwise-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    reuse = (tmp / "data" / "catalog.json").exists()
    head = (sample_store_dir() / "catalog.jsonl").read_text(encoding="utf-8").splitlines()
    catalog = tmp / "catalog.jsonl"
    if not reuse:
        write_catalog(catalog, max(0, size - len(head)), seed=11, head=head)
    rows = _sample_rows(catalog, len(head), 20_000) or [json.loads(x) for x in head]
    real = "minilm-fast" if args.minilm_fast else "minilm"
    extra: dict = {"embedding_backend": "fake" if fake else real, "multilingual_backend": args.multilingual}
    if fake and args.multilingual == "use":
        extra["multilingual_backend"] = "fake"
    with contextlib.ExitStack() as stack:
        server_pid = None
        if backend == "server":
            url, server_pid = stack.enter_context(_server(tmp / "chroma-server", chroma_server))
            extra["chroma_url"] = url
        settings = Settings(data_dir=tmp / "data", _env_file=None, **extra)
        agent = build_agent(settings)
        t0, c0 = time.perf_counter(), time.process_time()
        srv0 = server_cpu_ns(server_pid) if server_pid else 0
        if not reuse:  # a kept run's index is reused as it is (its ingest figure is from the first run)
            agent.knowledge.ingest(catalog, sample_store_dir() / "orders.csv")
        ingest_s = time.perf_counter() - t0
        ingest_cpu = time.process_time() - c0 + ((server_cpu_ns(server_pid) - srv0) / 1e9 if server_pid else 0.0)
        if reuse and (tmp / "ingest.json").exists():
            kept = json.loads((tmp / "ingest.json").read_text())
            ingest_s, ingest_cpu = kept["ingest_s"], kept.get("ingest_cpu_s", float("nan"))
        elif not reuse:
            (tmp / "ingest.json").write_text(json.dumps({"ingest_s": ingest_s, "ingest_cpu_s": ingest_cpu}))
        n_products = len(agent.knowledge.catalog)
        suite = load_suite(ROOT / "evals" / "suites" / "sample" / "suite.yaml")
        turns = [(f"suite:{sc.id}", t.user, ctx.model_dump(mode="json", exclude_none=True), sc.id)
                 for sc in suite.scenarios for t, ctx in zip(sc.turns, sc.contexts(), strict=True)]
        turns += [(k, m, c, f"syn-{i}") for i, (k, m, c) in enumerate(synthetic_turns(rows, args.turns, 5))]
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
        times: dict[str, list[float]] = {}
        cpu: list[float] = []
        thread_cpu: list[float] = []
        for rep in range(2):  # the first pass warms caches, the second is measured
            stamp = time.time_ns()
            if rep == 1 and profiler:
                profiler.enable()
            for kind, message, ctx, sid in turns:
                req = ChatRequest(session_id=f"{sid}-{stamp}", message=message, context=ctx)
                srv0 = server_cpu_ns(server_pid) if server_pid else 0
                t, c, tc = time.perf_counter(), time.process_time(), time.thread_time()
                plan = agent.plan(req)
                ms, cpu_ms = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
                thread_ms = (time.thread_time() - tc) * 1000
                cpu_ms += (server_cpu_ns(server_pid) - srv0) / 1e6 if server_pid else 0.0
                if rep == 1:
                    times.setdefault(kind.split(":")[0], []).append(ms)
                    cpu.append(cpu_ms)
                    thread_cpu.append(thread_ms)
                agent.commit(plan, "Happy to help with that.")
            if rep == 1 and profiler:
                profiler.disable()
        search_ms, search_cpu, where_ms = [], [], []
        index = agent.knowledge.index
        for i, (query, filters) in enumerate(random_filters(rows, args.searches, 9)):
            srv0 = server_cpu_ns(server_pid) if server_pid else 0
            t, c = time.perf_counter(), time.process_time()
            agent.knowledge.search(query, filters=filters, k=20)
            search_ms.append((time.perf_counter() - t) * 1000)
            cpu_ms = (time.process_time() - c) * 1000
            search_cpu.append(cpu_ms + ((server_cpu_ns(server_pid) - srv0) / 1e6 if server_pid else 0.0))
            if i < args.where_searches:  # the same search as one Chroma query with the whole where, interleaved
                vector = index.embedder.embed_query(query)
                t = time.perf_counter()
                index._query(vector, 20, build_where(filters))
                where_ms.append((time.perf_counter() - t) * 1000)
        srv = server_rss(server_pid) if server_pid else (0.0, 0.0)
        steps = dict(agent.knowledge.index.plan_counts.steps)
        if profiler:
            import pstats

            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    all_ms = [x for v in times.values() for x in v]
    return {
        "backend": backend, "size": n_products,
        "encoder": "fake (hashed)" if fake else ("MiniLM, int8 MatMuls" if args.minilm_fast else "MiniLM int8"),
        "ingest_s": ingest_s, "ingest_rate": n_products / ingest_s, "ingest_cpu_s": ingest_cpu,
        "p50": pct(all_ms, 50), "p95": pct(all_ms, 95), "max": max(all_ms), "turns": len(all_ms),
        "by_kind": {k: [pct(v, 50), pct(v, 95), max(v)] for k, v in times.items()},
        "cpu_p50": pct(cpu, 50), "cpu_p95": pct(cpu, 95),
        "thread_cpu_p50": pct(thread_cpu, 50), "thread_cpu_p95": pct(thread_cpu, 95), "search_cpu_p95": pct(search_cpu, 95),
        "where_p50": pct(where_ms, 50), "where_p95": pct(where_ms, 95),
        "search_p50": pct(search_ms, 50), "search_p95": pct(search_ms, 95), "search_max": max(search_ms),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "server_rss_mb": srv[0], "server_peak_mb": srv[1], "plan_steps": steps,
    }


def _sample_rows(catalog: Path, skip: int, at_most: int) -> list[dict]:
    """Every n-th synthetic row of the catalog file, at most ``at_most`` (turns and filters are drawn from them)."""
    with open(catalog, encoding="utf-8") as f:
        total = sum(1 for _ in f) - skip
    step = max(1, total // at_most)
    rows = []
    with open(catalog, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= skip and (i - skip) % step == 0:
                rows.append(json.loads(line))
    return rows


def _server(path: Path, chroma_server):
    """``chroma run`` as a context manager yielding (url, pid)."""

    @contextlib.contextmanager
    def managed():
        before = set(_chroma_pids())
        with chroma_server(path) as url:
            pid = next(iter(set(_chroma_pids()) - before), None)
            yield url, pid

    return managed()


def _chroma_pids() -> list[int]:
    # Children of this process running `chroma run` (the server the benchmark started).
    me = os.getpid()
    out = []
    for child in Path(f"/proc/{me}/task/{me}/children").read_text().split():
        out.append(int(child))
    return out


def table(results: list[dict]) -> str:
    """The figures as a Markdown table."""
    head = ("| backend | products | encoder | ingest | decision p50 | p95 | max | CPU p50 | CPU p95 | search p50 | p95 "
            "| search CPU p95 | process peak | server RSS (peak) |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        server = f"{r['server_rss_mb']:.0f} MB ({r['server_peak_mb']:.0f})" if r["backend"] == "server" else "-"
        lines.append(
            f"| {r['backend']} | {r['size']:,} | {r['encoder']} | {r['ingest_s']:.1f} s ({r['ingest_rate']:.0f}/s) "
            f"| {r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['max']:.1f} ms | {r['cpu_p50']:.1f} ms "
            f"| {r['cpu_p95']:.1f} ms | {r['search_p50']:.1f} ms | {r['search_p95']:.1f} ms "
            f"| {r['search_cpu_p95']:.1f} ms | {r['peak_mb']:.0f} MB | {server} |"
        )
    kinds = "\n".join(
        f"  {r['backend']} {r['size']:,}: " + ", ".join(
            f"{k} p50/p95/max {v[0]:.1f}/{v[1]:.1f}/{v[2]:.1f}" for k, v in sorted(r["by_kind"].items()))
        for r in results
    )
    steps = "\n".join(f"  {r['backend']} {r['size']:,}: {r.get('plan_steps')}" for r in results)
    steps += "\n\nThe same filtered searches as one Chroma query with the whole where (interleaved, same load):\n"
    steps += "\n".join(f"  {r['backend']} {r['size']:,}: where p50/p95 {r.get('where_p50', float('nan')):.1f} / "
                        f"{r.get('where_p95', float('nan')):.1f} ms vs plan {r['search_p50']:.1f} / "
                        f"{r['search_p95']:.1f} ms" for r in results)
    steps += "\n\nIngest CPU (process + server), products per CPU-second (2 busy cores do at most twice that):\n"
    steps += "\n".join(f"  {r['backend']} {r['size']:,}: {r.get('ingest_cpu_s', float('nan')):.1f} CPU-s, "
                        f"{r['size'] / r.get('ingest_cpu_s', float('nan')):.0f} products/CPU-s" for r in results)
    steps += "\n\nDecision CPU of the deciding thread alone (p50/p95), leaving out background threads:\n" + "\n".join(
        f"  {r['backend']} {r['size']:,}: {r.get('thread_cpu_p50', float('nan')):.1f} / "
        f"{r.get('thread_cpu_p95', float('nan')):.1f} ms" for r in results)
    return "\n".join(lines) + "\n\nDecision ms by turn kind:\n" + kinds + "\n\nFiltered search steps taken:\n" + steps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20000,100000", help="comma-separated catalog sizes (0: sample store)")
    ap.add_argument("--backend", choices=["embedded", "server", "both"], default="both")
    ap.add_argument("--fake-embedder", action="store_true", help="hashed fake embedder at every size")
    ap.add_argument("--fake-above", type=int, default=200_000, help="fake embedder above this many products")
    ap.add_argument("--multilingual", choices=["none", "use", "fake"], default="none",
                    help="second (multilingual) index; 'use' is the shipped default, off here to time the main one")
    ap.add_argument("--minilm-fast", action="store_true",
                    help="embedding_backend=minilm-fast (int8 MatMuls) instead of the shipped MiniLM")
    ap.add_argument("--turns", type=int, default=200, help="synthetic turns (on top of the eval suite's)")
    ap.add_argument("--searches", type=int, default=300, help="direct filtered index searches")
    ap.add_argument("--where-searches", type=int, default=100,
                    help="of those, how many are also timed as one Chroma query with the whole where (the old tail)")
    ap.add_argument("--profile", action="store_true", help="cProfile the measured turns (to stderr)")
    ap.add_argument("--keep", type=Path, help="keep catalogs and indexes under this dir; later runs reuse them")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--one-backend", help=argparse.SUPPRESS)
    args = ap.parse_args()
    # Stopped with SIGTERM, unwind (the server the run started is stopped on the way out).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.one_size is not None:
        print("RESULT " + json.dumps(one_run(args)), flush=True)
        return
    backends = ["embedded", "server"] if args.backend == "both" else [args.backend]
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
          "(timings on a busy machine are pessimistic)", flush=True)
    results = []
    for size in sizes:
        for backend in backends:
            cmd = [sys.executable, __file__, "--one-size", str(size), "--one-backend", backend,
                   "--fake-above", str(args.fake_above), "--multilingual", args.multilingual,
                   "--turns", str(args.turns), "--searches", str(args.searches),
                   "--where-searches", str(args.where_searches)]
            cmd += ["--fake-embedder"] if args.fake_embedder else []
            cmd += ["--minilm-fast"] if args.minilm_fast else []
            cmd += ["--profile"] if args.profile else []
            cmd += ["--keep", str(args.keep)] if args.keep else []
            with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) as child:
                try:
                    out, _ = child.communicate()
                except SystemExit:
                    child.terminate()
                    raise
            if child.returncode:
                raise SystemExit(f"the {backend} run at {size} products failed (exit {child.returncode})")
            result = json.loads(next(x for x in out.splitlines() if x.startswith("RESULT "))[7:])
            results.append(result)
            print(f"done: {backend} {result['size']:,} products, p95 {result['p95']:.1f} ms", flush=True)
    print()
    print(table(results))
    if any(r["encoder"].startswith("fake") for r in results):
        print("\nRows with encoder 'fake (hashed)': the deterministic hashed embedder stood in for MiniLM, so index and"
              " policy cost are measured apart from encoding (a MiniLM query embedding adds ~3-5 ms per search).")
    print("CPU columns: the turn's CPU time (this process, plus the Chroma server's threads for the server backend),"
          " a load-independent estimate of the wall time on a quiet machine (it leaves out waits on I/O and IPC).")
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
