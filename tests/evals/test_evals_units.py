"""Eval machinery pieces: suite loading errors, guardrail re-checks, gates, runner, judge and personas."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from agent.models.base import ModelError
from agent.models.scripted import ScriptedModel
from agent.schemas import ChatContext, ChatRequest, ChatResponse, Offer, Signal
from evals.gates import Gate, GateError, check_gates, compare, gates_passed, parse_gates
from evals.judge import JudgeScore, judge_result, judge_settings, majority
from evals.guardrails import offer_violations
from evals.metrics import reoffer_after_decline
from evals.personas import Persona, load_personas, react, run_personas
from evals.runner import TurnRecord, run_suite
from evals.suite import Expectation, SuiteError, load_suite
from agent.settings import Settings
from knowledge.catalog import Catalog
from knowledge.models import Product

PRODUCTS = [
    Product(sku="PH-1", name="Phone One", price=500, category="Phones", family="phone", tier=1),
    Product(sku="PH-2", name="Phone Two", price=650, category="Phones", family="phone", tier=2),
    Product(sku="PB-1", name="Power Bank 10K", price=40, category="Power", description="portable battery"),
    Product(sku="CASE-1", name="Leather Case", price=20, category="Cases", active=False),
]
CATALOG = Catalog(PRODUCTS)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "catalog.jsonl").write_text("\n".join(p.model_dump_json() for p in PRODUCTS))
    path = tmp_path / name
    path.write_text(text)
    return path


# --- suite loading ------------------------------------------------------------------------------


def test_yaml_error_names_file_line_scenario_and_field(tmp_path):
    path = _write(tmp_path, "s.yaml", """catalog: catalog.jsonl
scenarios:
  - id: ok
    turns: [{user: hi, expect: {offer: none}}]
  - id: broken
    turns:
      - user: hello
        expect:
          offer: sometimes
""")
    with pytest.raises(SuiteError) as exc:
        load_suite(path)
    msg = str(exc.value)
    assert "s.yaml:9" in msg and "scenario 'broken'" in msg and "turns[0].expect.offer" in msg


def test_yaml_unknown_field_and_missing_catalog(tmp_path):
    path = _write(tmp_path, "s.yaml", "catalog: catalog.jsonl\nscenarios:\n  - id: a\n    turnz: []\n")
    with pytest.raises(SuiteError, match=r"scenario 'a': field 'turnz'"):
        load_suite(path)
    path.write_text("catalog: nope.jsonl\nscenarios:\n  - id: a\n    turns: [{user: hi}]\n")
    with pytest.raises(SuiteError, match="field 'catalog': file not found"):
        load_suite(path)


def test_jsonl_suite_header_then_scenarios(tmp_path):
    lines = [
        {"catalog": "catalog.jsonl", "name": "mini"},
        {"id": "a", "tags": ["x"], "context": {"page": "cart", "cart": [{"sku": "PH-1"}]},
         "turns": [{"user": "hi", "expect": {"offer": ["PB-1"], "signal": "need"}},
                   {"user": "done", "context": {"page": "post_purchase"}, "expect": {"offer": "none"}}]},
    ]
    path = _write(tmp_path, "s.jsonl", "# comment\n" + "\n".join(json.dumps(x) for x in lines) + "\n")
    suite = load_suite(path)
    assert suite.name == "mini" and suite.catalog == (tmp_path / "catalog.jsonl").resolve()
    ctxs = suite.scenarios[0].contexts()
    # a turn's context override is merged into the running context and keeps the cart
    assert ctxs[0].page == "cart" and ctxs[1].page == "post_purchase" and ctxs[1].cart[0].sku == "PH-1"
    path.write_text(path.read_text() + '{"id": "b", "turns": [{"user": "x", "expect": {"offer": []}}]}\n')
    with pytest.raises(SuiteError, match=r"s.jsonl:4: scenario 'b'.*empty sku list"):
        load_suite(path)


def test_jsonl_without_header_and_duplicate_ids(tmp_path):
    path = _write(tmp_path, "s.jsonl", '{"id": "a", "turns": [{"user": "x"}]}\n')
    with pytest.raises(SuiteError, match=r"s.jsonl:1: the first line must be the suite header"):
        load_suite(path)
    path.write_text('{"catalog": "catalog.jsonl"}\n{"id": "a", "turns": [{"user": "x"}]}\n'
                    '{"id": "a", "turns": [{"user": "y"}]}\n')
    with pytest.raises(SuiteError, match=r"s.jsonl:3: scenario id 'a' repeats \(first at line 2\)"):
        load_suite(path)


# --- guardrail re-check -------------------------------------------------------------------------


def _offer(sku, kind="cross_sell", uplift=0.0, replaces=None, **kw):
    p = CATALOG.get(sku)
    data = dict(sku=sku, name=p.name, kind=kind, price=p.price, currency="USD", uplift_pct=uplift,
                replaces_sku=replaces, reason="r")
    data.update(kw)
    return Offer(**data)


def test_upsell_at_exactly_the_limit_is_allowed_and_above_is_not():
    cart = ChatContext(product_sku="PH-1", cart=[{"sku": "PH-1"}])
    assert offer_violations(_offer("PH-2", "upsell", 30.0, "PH-1"), cart, CATALOG, 0.30, None) == []
    bad = offer_violations(_offer("PH-2", "upsell", 30.0, "PH-1"), cart, CATALOG, 0.29, None)
    assert len(bad) == 1 and "exceeds max" in bad[0]


def test_catalog_field_mismatches_inactive_and_unknown():
    ctx = ChatContext(product_sku="PH-1")
    bad = offer_violations(_offer("PB-1", uplift=8.0, price=35.0, name="Cheap Bank"), ctx, CATALOG, 0.3, None)
    assert any("price 35.0 differs" in b for b in bad) and any("name 'Cheap Bank'" in b for b in bad)
    assert any("inactive" in b for b in offer_violations(_offer("CASE-1", uplift=4.0), ctx, CATALOG, 0.3, None))
    fake = Offer(sku="NOPE", name="x", kind="cross_sell", price=1, currency="USD", uplift_pct=0, reason="r")
    assert offer_violations(fake, ctx, CATALOG, 0.3, None) == ["NOPE: unknown sku"]
    assert any("uplift_pct 50.0" in b for b in offer_violations(_offer("PB-1", uplift=50.0), ctx, CATALOG, 0.3, None))
    downsell = offer_violations(_offer("PH-1", "upsell", 0.0, "PH-2"), ctx, CATALOG, 0.3, None)
    assert any("not pricier" in b for b in downsell)


def test_budget_compares_spend_or_item_price():
    ctx = ChatContext(product_sku="PH-1", cart=[{"sku": "PH-1"}])
    # budget 530 covers the cart (500): spend 500 + 40 = 540 is over
    assert any("over their budget" in b for b in offer_violations(_offer("PB-1", uplift=8.0), ctx, CATALOG, 0.3, 530))
    assert offer_violations(_offer("PB-1", uplift=8.0), ctx, CATALOG, 0.3, 540) == []
    # a budget below the cart total ("under 30 for a power bank") is about the item itself
    assert any("over their budget 30" in b for b in offer_violations(_offer("PB-1", uplift=8.0), ctx, CATALOG, 0.3, 30))
    assert offer_violations(_offer("PB-1", uplift=8.0), ctx, CATALOG, 0.3, 45) == []


def _rec(i, offers=(), signals=(), expect=None, budget=None):
    ctx = ChatContext(product_sku="PH-1", cart=[{"sku": "PH-1"}], budget=budget)
    return TurnRecord(index=i, request=ChatRequest(session_id="s", message="m", context=ctx),
                      response=ChatResponse(session_id="s", reply="", offers=list(offers), signals=list(signals)),
                      expected=expect or Expectation())


def test_reoffer_counts_declined_skus_and_offers_after_two_declines():
    d = Signal(type="decline", text="no")
    turns = [
        _rec(0, [_offer("PB-1", uplift=8.0)]),
        _rec(1, [_offer("PH-2", "upsell", 30.0, "PH-1")], [d]),  # new sku after one decline: fine
        _rec(2, [_offer("PB-1", uplift=8.0)]),  # PB-1 was declined at turn 1
        _rec(3, [], expect=Expectation(signal="decline")),  # expectation alone marks a decline
        _rec(4, [_offer("CASE-1", uplift=4.0)]),  # never offered, but two declines now
    ]
    assert [c.num for c in reoffer_after_decline(turns)] == [0, 0, 1, 0, 1]


def test_budget_signal_from_the_shoppers_words_is_enforced(tmp_path):
    from evals.guardrails import guardrail_violations

    b = Signal(type="budget", text="under 30", amount=30)
    turns = [_rec(0, [], [b]), _rec(1, [_offer("PB-1", uplift=8.0)])]
    counts = guardrail_violations(turns, CATALOG, 0.3)
    assert [c.num for c in counts] == [0, 1] and "budget 30" in counts[1].findings[0]


# --- gates ---------------------------------------------------------------------------------------


def test_null_metric_gates_are_skipped_not_failed():
    gates = parse_gates(["offer_precision=0.85"], ["guardrail_violations=0"])
    res = check_gates({"offer_precision": None, "guardrail_violations": 1}, gates)
    assert res[0].passed is None and "null" in res[0].note
    assert res[1].passed is False and not gates_passed(res)
    assert gates_passed(check_gates({"offer_precision": None}, [gates[0]]))


def test_gate_parse_errors():
    with pytest.raises(GateError, match="expected METRIC=VALUE"):
        parse_gates(["offer_precision"], [])
    with pytest.raises(GateError, match="'high' is not a number"):
        parse_gates([], ["pressure_phrases=high"])
    assert parse_gates([], ["pressure_phrases=0"])[0] == Gate(metric="pressure_phrases", op="max", threshold=0)


def test_compare_direction():
    d = {x.metric: x for x in compare({"unwanted_offer_rate": 0.1, "offer_precision": None},
                                      {"unwanted_offer_rate": 0.2, "offer_precision": 0.9})}
    assert d["unwanted_offer_rate"].improved is False and d["offer_precision"].change is None


# --- runner ---------------------------------------------------------------------------------------


def test_runner_parallel_uses_one_responder_per_worker_and_fresh_sessions(tmp_path):
    scen = "\n".join(f"  - id: s{i}\n    turns: [{{user: a}}, {{user: b}}]" for i in range(6))
    suite = load_suite(_write(tmp_path, "s.yaml", f"catalog: catalog.jsonl\nscenarios:\n{scen}\n"))
    made, seen, lock = [], [], threading.Lock()

    def factory():
        made.append(threading.get_ident())

        def respond(req):
            with lock:
                seen.append(req.session_id)
            return ChatResponse(session_id=req.session_id, reply="ok")

        return respond

    ticks = []
    result = run_suite(suite, factory, progress=lambda d, t: ticks.append((d, t)), workers=3)
    assert [s.id for s in result.scenarios] == [f"s{i}" for i in range(6)]
    assert len(set(seen)) == 6 and len(seen) == 12 and 1 <= len(made) <= 3
    assert sorted(ticks)[-1] == (6, 6)


# --- judge ----------------------------------------------------------------------------------------


def test_judge_majority_of_three_with_scripted_model(tmp_path):
    suite = load_suite(_write(tmp_path, "s.yaml", "catalog: catalog.jsonl\nscenarios:\n"
                              "  - {id: a, tags: [t], turns: [{user: hi}, {user: there}]}\n"))
    result = run_suite(suite, lambda: lambda r: ChatResponse(session_id=r.session_id, reply="hello"))
    votes = [JudgeScore(relevance=4, pushiness=1), JudgeScore(relevance=4, pushiness=2),
             JudgeScore(relevance=2, pushiness=1),
             JudgeScore(relevance=5, pushiness=3), ModelError("down")]
    model = ScriptedModel(structured=votes)
    summary = judge_result(result, model)
    first, second = summary.turns
    assert (first.relevance, first.pushiness) == (4, 1) and len(first.votes) == 3
    assert second.error and summary.failures == 1 and summary.turns_judged == 1
    assert summary.relevance_mean == 4 and summary.by_tag["t"]["pushiness"] == 1
    assert "Score two things" in model.calls[0]["messages"][0].content
    assert majority([2, 3, 4]) == 3 and majority([5, 5, 1]) == 5


def test_judge_settings_force_temperature_zero():
    s = Settings(_env_file=None, judge_model_name="gpt-judge", judge_base_url="http://127.0.0.1:9/v1")
    js = judge_settings(s)
    assert js.model_temperature == 0 and js.model_name == "gpt-judge" and js.model_provider == "openai"
    assert judge_settings(Settings(_env_file=None)) is None


# --- personas -------------------------------------------------------------------------------------


def test_persona_reactions_and_pass_hat_k(tmp_path):
    (tmp_path / "personas.yaml").write_text("""personas:
  - id: commuter
    context: {page: product, product_sku: PH-1}
    turns: ["my battery dies by lunch"]
    needs: [battery]
    budget: 60
    patience: 2
  - id: browser
    turns: ["just looking"]
""")
    personas = load_personas(tmp_path / "personas.yaml")
    commuter = personas[0]
    assert react(commuter, _offer("PB-1", uplift=8.0), CATALOG)[0]
    assert not react(commuter.model_copy(update={"budget": 30}), _offer("PB-1"), CATALOG)[0]
    assert not react(commuter.model_copy(update={"dealbreakers": ["power"]}), _offer("PB-1"), CATALOG)[0]

    def factory():
        def respond(req):
            # offers a case first, then the power bank; offers the browser something too
            n = sum(1 for _ in calls if _ == req.session_id)
            calls.append(req.session_id)
            offer = [_offer("CASE-1")] if n == 0 else [_offer("PB-1")]
            return ChatResponse(session_id=req.session_id, reply="x", offers=offer)
        return respond

    calls: list[str] = []
    summary = run_personas(personas, factory, CATALOG, k=2)
    by_id = {p.id: p for p in summary.personas}
    assert by_id["commuter"].passes == 2 and by_id["commuter"].accepted == 2
    assert by_id["browser"].passes == 0  # a browser who wants nothing was sold to
    assert summary.pass_hat_k == 0.5
    # commuter: 2 offers/run, 1 accepted; browser: 2 offers/run (patience 2), none accepted
    assert summary.acceptance_rate == pytest.approx(2 / 8)


def test_persona_file_errors(tmp_path):
    (tmp_path / "p.yaml").write_text("personas:\n  - id: x\n    turns: []\n")
    with pytest.raises(Exception, match=r"persona 'x': field 'turns'"):
        load_personas(tmp_path / "p.yaml")


def test_default_checks_use_the_agents_text_detectors():
    from evals.cli import default_checks

    checks = default_checks(CATALOG, 0.3)
    assert checks.pressure("Hurry, only today!", [])
    assert not checks.pressure("Here is a power bank if you like.", [])
    assert checks.grounding("The Phone Two is $650.", [CATALOG.get("PH-1")], CATALOG, [])
    assert not checks.grounding("The Phone Two is $650.", [CATALOG.get("PH-2")], CATALOG, [])


# --- fairness of the text checks and the optional expectation -----------------------------------


def test_optional_list_needs_no_offer_but_limits_what_is_offered():
    from evals.metrics import offer_precision, opportunity_recall

    exp = Expectation(offer=["PB-1"], optional=True)
    quiet, wrong = _rec(0, [], expect=exp), _rec(1, [_offer("PH-2", "upsell", 30.0, "PH-1")], expect=exp)
    assert [c.den for c in opportunity_recall([quiet, wrong])] == [0, 0]
    assert [(c.num, c.den) for c in offer_precision([quiet, wrong])] == [(0, 0), (0, 1)]


def test_quoting_the_shopper_is_not_pressure_and_their_numbers_and_names_are_grounded():
    from evals.metrics import pressure_phrases, ungrounded_mentions

    def pressure(text, offered):
        return ["running out"] if "running out" in text else []

    def grounding(text, allowed, catalog, prices):
        import re as _re

        from agent.reply.grounding import Mention

        hits = [Mention(kind="price", text=m) for m in _re.findall(r"\$(\d+)", text) if float(m) not in prices]
        if "vexa a" in text.lower():
            hits.append(Mention(kind="product", text="vexa a"))
        return hits

    rec = _rec(0, [_offer("PB-1", uplift=8.0)])
    rec.request.message = "my ink keeps running out"
    rec.response.reply = 'The bank helps with "my ink keeps running out".'
    assert pressure_phrases([rec], CATALOG, pressure)[0].num == 0
    rec.response.reply = "Hurry, stock is running out!"
    assert pressure_phrases([rec], CATALOG, pressure)[0].num == 1

    up = _rec(0, [_offer("PH-2", "upsell", 30.0, "PH-1")])
    up.request.message = "is it worth it for the Vexa A1? my limit is $80"
    up.response.reply = "It is $150 more, $650 in total; you said $80; it fits the Vexa A."
    assert ungrounded_mentions([up], CATALOG, grounding)[0].num == 0
    up.response.reply = "It is $151 more."
    assert ungrounded_mentions([up], CATALOG, grounding)[0].num == 1


def test_shipped_sample_suite_is_well_formed():
    """The shipped suite loads, names only real skus, and never lists an unofferable product as acceptable."""
    from knowledge.importers import load_catalog

    suite = load_suite(Path(__file__).parents[2] / "evals" / "suites" / "sample" / "suite.yaml")
    catalog = Catalog(load_catalog(suite.catalog))
    suite.check_skus(catalog)
    assert len(suite.scenarios) >= 120
    no_offer = [sc for sc in suite.scenarios if all(t.expect.offer == "none" for t in sc.turns)]
    assert len(no_offer) * 3 >= len(suite.scenarios)
    assert sum(len(sc.turns) >= 5 for sc in suite.scenarios) >= 5
    tags = {t for sc in suite.scenarios for t in sc.tags}
    assert {"lang_es", "lang_de", "lang_fr", "lang_ru", "lang_vi", "injection", "catalog_injection"} <= tags
    for sc in suite.scenarios:
        assert sc.tags, sc.id
        for i, (turn, ctx) in enumerate(zip(sc.turns, sc.contexts())):
            in_cart = {line.sku for line in ctx.cart}
            for sku in turn.expect.acceptable or []:
                p = catalog.get(sku)
                assert p.available, f"{sc.id} turn {i + 1}: {sku} cannot be offered"
                assert sku not in in_cart, f"{sc.id} turn {i + 1}: {sku} is already in the cart"
