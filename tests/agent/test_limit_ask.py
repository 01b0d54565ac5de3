"""A figure the shopper states over what the item is rated for is a need for a version rated for it."""

from __future__ import annotations

import pytest

from agent.schemas import ChatRequest, Signal
from agent.signals.limit_ask import mark_limit_asks
from knowledge.measures import limits_over, product_measures, text_figures
from knowledge.models import Product
from tests.support import agent_on

BENCH = Product(sku="BN-1", name="Iron Bench", price=100.0, category="Fitness > Benches", family="bench", tier=1,
                attributes={"max_user_kg": 120, "weight_kg": 18})


def _measures(sku: str):
    return product_measures(BENCH)


def test_a_limit_is_over_only_for_a_figure_of_its_dimension_above_it_and_not_far_off():
    limits = product_measures(BENCH)
    [(limit, figure)] = limits_over(text_figures("I'm 135 kilos"), limits)
    assert (limit.slot, figure) == ("max_user_kg", 135_000)
    assert limits_over(text_figures("I weigh 90 kg"), limits) == []
    assert limits_over(text_figures("it's 20 litres"), limits) == []  # another dimension
    assert limits_over(text_figures("we moved 3000 kg of sand"), limits) == []  # far over: about something else


@pytest.mark.parametrize("message", ["I'm 135 kilos, will this one hold me?", "heads up, I weigh 140 kg"])
def test_a_figure_over_the_item_s_limit_is_a_need(message):
    question = Signal(type="question", text=message)
    out = mark_limit_asks([question], message, BENCH, _measures)
    assert [s.type for s in out] == ["question", "need"]


def test_no_limit_need_under_the_limit_beside_a_refusal_or_a_heard_need_or_with_nothing_in_focus():
    q = Signal(type="question", text="I'm 90 kilos, ok?")
    assert mark_limit_asks([q], q.text, BENCH, _measures) == [q]
    decline = Signal(type="decline", text="no thanks, I'm 135 kg anyway")
    assert mark_limit_asks([decline], decline.text, BENCH, _measures) == [decline]
    need = Signal(type="need", text="I'm worried it will wobble")
    assert mark_limit_asks([need], "I'm 135 kg. I'm worried it will wobble", BENCH, _measures) == [need]
    assert mark_limit_asks([q], "I'm 135 kilos", None, _measures) == [q]


ROWS = [
    {"sku": "BN-1", "name": "Iron Bench", "price": 100, "category": "Fitness > Benches", "family": "bench",
     "attributes": {"max_user_kg": 120, "weight_kg": 18}, "description": "A flat bench for users up to 120 kg."},
    {"sku": "BN-110", "name": "Iron Bench Plus", "price": 110, "category": "Fitness > Benches", "family": "bench",
     "attributes": {"max_user_kg": 130, "weight_kg": 19}, "description": "Rated for users up to 130 kg."},
    {"sku": "BN-2", "name": "Iron Bench Pro", "price": 125, "category": "Fitness > Benches", "family": "bench",
     "attributes": {"max_user_kg": 160, "weight_kg": 24}, "description": "A heavier frame for users up to 160 kg."},
    {"sku": "MAT-1", "name": "Floor Mat", "price": 25, "category": "Fitness > Mats",
     "compatible_with": ["family:bench"], "description": "Protects the floor under the bench."},
]


@pytest.mark.parametrize(
    "message",
    ["I'm 140 kilos, will this one hold me?", "I weigh 140 kg. Honestly I'm a bit worried it will wobble under me."],
)
def test_the_agent_offers_the_version_rated_for_the_shopper_s_figure(settings, tmp_path, message):
    agent = agent_on(settings, tmp_path / "catalog.jsonl", ROWS)
    r = agent.respond(ChatRequest(session_id="b", message=message, context={"page": "product", "product_sku": "BN-1"}))
    # The Plus is an upgrade but still short of 140 kg.
    assert [(o.sku, o.kind) for o in r.offers] == [("BN-2", "upsell")]
    assert r.offers[0].why.improves.dimension == "load"
