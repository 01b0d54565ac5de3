"""``cartwise eval A B ... --out DIR``: every suite as if run alone, pooled counts, gates on each and on the pool."""

from __future__ import annotations

import io
import json
from pathlib import Path

from api.cli import main
from evals.many import EvalOptions, run_eval_suites, suite_names
from tests.evals.test_eval_report import PRODUCTS, SUITE


def _store(root: Path, name: str, suite: str = SUITE) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "catalog.jsonl").write_text("\n".join(p.model_dump_json() for p in PRODUCTS), encoding="utf-8")
    (folder / "suite.yaml").write_text(suite, encoding="utf-8")
    return folder / "suite.yaml"


def _run(paths, out, settings, under=(), over=(), compare=None):
    stdout, stderr = io.StringIO(), io.StringIO()
    options = EvalOptions(fail_under=list(under), fail_over=list(over), compare=compare)
    code = run_eval_suites(paths, out, settings, options, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_names_come_from_the_suite_folders_and_never_collide():
    paths = [Path("a/garden/suite.yaml"), Path("b/garden/suite.yaml"), Path("x/extra.yaml"), Path("suite.yaml")]
    assert suite_names(paths) == ["garden", "garden-2", "extra", "suite"]


def test_each_suite_gets_its_own_report_and_the_pool_sums_their_counts(tmp_path, settings):
    paths = [_store(tmp_path, "one"), _store(tmp_path, "two", SUITE.replace("id: quiet", "id: calm"))]
    code, out, err = _run(paths, tmp_path / "out", settings)
    assert code == 0, err
    reports = {n: json.loads((tmp_path / "out" / n / "report.json").read_text()) for n in ("one", "two")}
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    for metric, pooled in summary["pooled"]["counts"].items():
        assert pooled["num"] == sum(r["counts"][metric]["num"] for r in reports.values())
        assert pooled["den"] == sum(r["counts"][metric]["den"] for r in reports.values())
    assert summary["suites"]["one"]["totals"] == reports["one"]["totals"]
    assert "one: offer_precision" in out and "all 2 suites pooled:" in out


def test_a_gate_missed_by_one_suite_or_by_the_pool_fails_the_run(tmp_path, settings):
    paths = [_store(tmp_path, "one"), _store(tmp_path, "two")]
    code, out, _ = _run(paths, tmp_path / "out", settings, under=["opportunity_recall=0.5"])
    assert code == 1 and "(a gate missed)" in out and "FAILED pooled gate opportunity_recall" in out
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert [g["passed"] for g in summary["pooled_gates"]] == [False]


def test_a_bad_suite_is_named_and_the_others_still_run(tmp_path, settings):
    good = _store(tmp_path, "good")
    bad = _store(tmp_path, "bad", SUITE.replace("scenarios:", "scenarios: 3\nother:"))
    code, out, err = _run([good, bad], tmp_path / "out", settings)
    assert code == 2 and "bad:" in err and str(bad) in err
    assert (tmp_path / "out" / "good" / "report.json").is_file() and "good: offer_precision" in out
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["refused"] == ["bad"]


def test_compare_takes_one_suite_and_missing_files_are_named(tmp_path, settings):
    one = _store(tmp_path, "one")
    code, _, err = _run([one, one], tmp_path / "out", settings, compare=tmp_path / "old.json")
    assert code == 2 and "--compare takes one suite" in err
    code, _, err = _run([one, tmp_path / "nope.yaml"], tmp_path / "out", settings)
    assert code == 2 and "nope.yaml" in err


def test_one_suite_writes_the_contract_layout(tmp_path, monkeypatch, capsys):
    one = _store(tmp_path, "one")
    monkeypatch.setenv("CARTWISE_EMBEDDING_BACKEND", "fake")
    monkeypatch.setenv("CARTWISE_MULTILINGUAL_BACKEND", "none")
    code = main(["--data-dir", str(tmp_path / "data"), "eval", str(one), "--out", str(tmp_path / "single")])
    assert code == 0 and (tmp_path / "single" / "report.json").is_file()
    assert not (tmp_path / "single" / "summary.json").exists()
    code = main(["--data-dir", str(tmp_path / "data"), "eval", str(one), str(one), "--out", str(tmp_path / "two")])
    assert code == 0 and {p.name for p in (tmp_path / "two").iterdir()} >= {"one", "one-2", "summary.json"}
    capsys.readouterr()
