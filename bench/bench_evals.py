"""Wall time of every chat eval suite under evals/suites/, offline, with the embedded defaults:

    python bench/bench_evals.py              # all suites in one process (cartwise eval A B ... --out DIR)
    python bench/bench_evals.py --separate   # also one process per suite (cartwise eval SUITE --out DIR)

Each suite is ingested into a fresh data dir, as on a clean checkout. Prints seconds per suite, the total, and the
peak resident memory of the one-process run. Issue 9's target: all suites together under 90 s.
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.settings import Settings  # noqa: E402
from evals.cli import run_eval_command  # noqa: E402
from evals.many import suite_names  # noqa: E402


def chat_suites() -> list[Path]:
    """Every scenario suite with a catalog of its own (the follow-up suite has another format)."""
    return sorted(p for p in (ROOT / "evals" / "suites").glob("*/suite.yaml") if p.parent.name != "followups")


def one_process(suites: list[Path], tmp: Path) -> dict[str, float]:
    """Run the suites as ``cartwise eval A B ...`` does: one after another, encoders loaded once."""
    settings = Settings(data_dir=tmp / "data", _env_file=None)
    took: dict[str, float] = {}
    for name, path in zip(suite_names(suites), suites, strict=True):
        started = time.perf_counter()
        code = run_eval_command(path, tmp / "one" / name, settings, [], [], None, False, False,
                                stdout=io.StringIO(), stderr=io.StringIO())
        took[name] = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"{path}: the eval failed (exit {code})")
    return took


def separate(suites: list[Path], tmp: Path) -> dict[str, float]:
    """One ``cartwise eval SUITE`` process per suite (start-up and model loading paid each time)."""
    took: dict[str, float] = {}
    for name, path in zip(suite_names(suites), suites, strict=True):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "api.cli", "--data-dir", str(tmp / f"d-{name}"), "eval", str(path),
                        "--out", str(tmp / "sep" / name)], cwd=ROOT, check=True, capture_output=True)
        took[name] = time.perf_counter() - started
    return took


def main() -> None:
    """Print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--separate", action="store_true", help="also time one process per suite")
    args = ap.parse_args()
    suites = chat_suites()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        took = one_process(suites, Path(tmp))
        total = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        apart = separate(suites, Path(tmp)) if args.separate else None
    print(f"{'suite':28} {'one process':>12}" + (f" {'separate':>10}" if apart else ""))
    for name, seconds in took.items():
        print(f"{name:28} {seconds:11.1f}s" + (f" {apart[name]:9.1f}s" if apart else ""))
    label = f"all {len(suites)} suites"
    print(f"{label:28} {total:11.1f}s" + (f" {sum(apart.values()):9.1f}s" if apart else ""))
    print(f"peak memory of the one-process run (imports and models included): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
