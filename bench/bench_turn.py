"""Per-turn cost of the agent: decision time without the model, and prompt tokens with the openai provider.

    python bench/bench_turn.py            # sample store, then sample store + synthetic products to 20,000
    python bench/bench_turn.py --n 5000   # a smaller large catalog
    python bench/bench_turn.py --sample-only

Decision time = signals + retrieval + candidates + policy + reply input (``SalesAgent.plan``), measured over every
turn of the shipped eval suite, conversations replayed in order. Prompt tokens are what the ``openai`` provider
would send for the same turns (a scripted model stands in for the API; the prompt is built and counted exactly as
for a real call, with tiktoken's o200k_base via the bundled offline files), summed over the turn's calls:

- judge (the default, ``CARTWISE_MODEL_JUDGE=true``): one function call per turn (messages + the function
  definition); the stand-in chooses the first approved option and answers with a short grounded reply;
- two-call path (``CARTWISE_MODEL_JUDGE=false``): signal extraction (function call) + reply phrasing.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.agent import build_agent  # noqa: E402
from agent.judge import JudgeOut  # noqa: E402
from agent.models.scripted import ScriptedModel  # noqa: E402
from agent.schemas import ChatRequest  # noqa: E402
from evals.suite import load_suite  # noqa: E402
from agent.settings import Settings  # noqa: E402
from knowledge.store import sample_store_dir  # noqa: E402
from knowledge.tokens import count_message_tokens, count_tokens, encoding_name_for  # noqa: E402

SUITE = ROOT / "evals" / "suites" / "sample" / "suite.yaml"


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s)) - 1))]


def replay(agent, suite, model=None) -> tuple[list[float], list[int]]:
    """Play every scenario; return decision ms per turn and (with a model) prompt tokens per turn."""
    times: list[float] = []
    tokens: list[int] = []
    for sc in suite.scenarios:
        sid = f"bench-{sc.id}-{time.time_ns()}"
        for turn, ctx in zip(sc.turns, sc.contexts(), strict=True):
            req = ChatRequest(session_id=sid, message=turn.user, context=ctx)
            calls_before = len(model.calls) if model else 0
            t0 = time.perf_counter()
            plan = agent.plan(req)
            times.append((time.perf_counter() - t0) * 1000)
            if agent.deps.judge is not None:
                verdict = agent.deps.judge.judge(plan.reply_input, plan.shortlist)
                plan.decision, plan.reply_input = verdict.decision, verdict.reply_input
                result = verdict
            else:
                result = agent.deps.composer.compose(plan.reply_input)
            if model is not None:
                # Every request the turn sent (signal extraction and the reply), summed.
                name = agent.deps.settings.model.model_name
                sent = model.calls[calls_before:]
                if sent:
                    tokens.append(sum(request_tokens(c, name) for c in sent))
            agent.commit(plan, result.text)
    return times, tokens


def request_tokens(call: dict, model_name: str) -> int:
    """Prompt tokens of one recorded call: its messages, plus the function definition for a structured call."""
    total = count_message_tokens(call["messages"], model_name)
    if call.get("schema") is not None:
        from langchain_core.utils.function_calling import convert_to_openai_tool

        total += count_tokens(json.dumps([convert_to_openai_tool(call["schema"])]), encoding_name_for(model_name))
    return total


def first_option(messages) -> JudgeOut:
    """A stand-in judge: the first approved option (or none) and a reply that names no product or price."""
    found = re.search(r"^1\. sku (\S+) \|", messages[0].content, flags=re.M)
    return JudgeOut(choice=found.group(1) if found else None, reply="Happy to help with that.")


def token_line(label: str, tokens: list[int]) -> str:
    """Median, p95 and max prompt tokens per turn."""
    return (
        f"  prompt tokens/turn, {label} ({len(tokens)} turns): median {statistics.median(tokens):.0f}"
        f"  p95 {pct(tokens, 95)}  max {max(tokens)}  (target max 1,500 per call)"
    )


def catalog_with_synthetic(n: int, out: Path) -> Path:
    """The sample store plus synthetic products up to ``n`` in one JSONL file."""
    from bench.synthetic import make_products

    lines = (sample_store_dir() / "catalog.jsonl").read_text(encoding="utf-8").splitlines()
    extra = make_products(max(0, n - len(lines)), seed=7)
    lines += [json.dumps(p.model_dump(mode="json", exclude_defaults=True)) for p in extra]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def run(label: str, data_dir: Path, catalog: Path | None) -> None:
    settings = Settings(data_dir=data_dir, _env_file=None)
    agent = build_agent(settings)
    t0 = time.perf_counter()
    if catalog is None:
        agent.knowledge.ingest_sample()
    else:
        agent.knowledge.ingest(catalog, sample_store_dir() / "orders.csv")
    ingest_s = time.perf_counter() - t0
    suite = load_suite(SUITE)
    replay(agent, suite)  # warm-up: example embeddings, name index, caches
    times, _ = replay(agent, suite)
    print(f"{label}: {len(agent.knowledge.catalog)} products (ingest {ingest_s:.1f} s), {len(times)} turns")
    print(f"  decision ms/turn: p50 {pct(times, 50):.1f}  p95 {pct(times, 95):.1f}  max {max(times):.1f}  (target p95 < 50)")
    # The same turns through the openai provider's prompt builders (scripted stand-in for the API).
    judge_model = ScriptedModel(structured_default=first_option)
    jagent = build_agent(settings.updated(model_provider="openai"), model=judge_model, knowledge=agent.knowledge)
    _, tokens = replay(jagent, suite, model=judge_model)
    if tokens:
        print(token_line("judge, 1 call", tokens))
    model = ScriptedModel(default=lambda messages: "Happy to help with that.")  # signals fall back to offline
    tagent = build_agent(
        settings.updated(model_provider="openai", model_judge=False), model=model, knowledge=agent.knowledge
    )
    _, tokens = replay(tagent, suite, model=model)
    if tokens:
        print(token_line("judge off, signals + reply", tokens))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000, help="size of the large catalog")
    ap.add_argument("--keep", type=Path, help="reuse this directory for the large index (skips re-embedding)")
    ap.add_argument("--sample-only", action="store_true", help="only the sample store (skip the large catalog)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run("sample store", Path(tmp) / "sample", None)
        if args.sample_only:
            return
        big_dir = args.keep or Path(tmp) / "big"
        big_dir.mkdir(parents=True, exist_ok=True)
        run(f"{args.n} products", big_dir / "data", catalog_with_synthetic(args.n, big_dir / "catalog.jsonl"))


if __name__ == "__main__":
    main()
