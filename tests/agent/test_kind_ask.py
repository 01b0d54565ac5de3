"""A question asking which of a kind of add-on made for the held item to get is a need for one."""

from __future__ import annotations

import pytest

from agent.schemas import ChatRequest, Signal
from agent.signals.kind_ask import made_for_kinds, mark_kind_asks, which_words
from knowledge.catalog import Catalog
from knowledge.models import Product
from knowledge.relations import Relations
from tests.support import agent_on

CUTTER = Product(sku="RC-45", name="Olfa Rotary Cutter 45 mm", price=24.0, category="Crafts > Cutting > Cutters",
                 family="rotary", cross_sells=["MAT-A3"])
BLADES = Product(sku="BLD-45", name="Rotary Cutter Spare Blades 45 mm, 5-pack", price=12.0,
                 category="Crafts > Cutting > Blades", compatible_with=["RC-45"])
MAT = Product(sku="MAT-A3", name="Self-healing Cutting Mat A3", price=19.0, category="Crafts > Cutting > Mats")
GLUE = Product(sku="GLUE", name="Fabric Glue Stick", price=4.0, category="Crafts > Cutting > Glue")
CATALOG = Catalog([CUTTER, BLADES, MAT, GLUE])
RELATIONS = Relations.build(CATALOG)


def _made_for(sku: str) -> list[Product]:
    return [CATALOG.get(r.sku) for r in RELATIONS.complements(sku) if r.strength >= 0.9]


def _english(text: str) -> str:
    return ""


def test_the_kinds_made_for_an_item_are_its_curated_and_compatible_add_ons_not_its_own_kind():
    assert made_for_kinds([CUTTER], _made_for) == {"blad", "mat"}  # stems
    assert which_words("ok, which spare blades fit this cutter?") == {"spar", "blad", "fit"}


@pytest.mark.parametrize(
    "text",
    ["which spare blades fit this cutter?", "What mat should I get with it?", "do you have spare blades for it?"],
)
def test_asking_which_of_a_made_for_kind_to_get_is_a_need(text):
    question = Signal(type="question", text=text)
    out = mark_kind_asks([question], made_for_kinds([CUTTER], _made_for), _english)
    assert [(s.type, s.text) for s in out] == [("question", text), ("need", text)]


@pytest.mark.parametrize(
    "text",
    [
        "does it come with spare blades?",  # a yes/no fact about the box
        "which cutter is sharper, this or the 60 mm?",  # the item's own kind
        "what glue works on felt?",  # a kind the store has, but not made for the cutter
        "how long do the blades stay sharp?",  # a fact about a kind, not which one to get
    ],
)
def test_other_questions_stay_questions(text):
    question = Signal(type="question", text=text)
    assert mark_kind_asks([question], made_for_kinds([CUTTER], _made_for), _english) == [question]


def test_a_yes_no_question_naming_a_kind_asks_for_one_when_they_state_an_amount_to_add():
    question = Signal(type="question", text="it needs spare blades, right?")
    extra = Signal(type="budget", text="I can only add 10 more", amount=10, scope="extra")
    total = Signal(type="budget", text="my budget is 40", amount=40, scope="total")
    kinds = made_for_kinds([CUTTER], _made_for)
    assert [s.type for s in mark_kind_asks([question, extra], kinds, _english)] == ["question", "budget", "need"]
    # without an amount to add it is a fact asked about the box; a total says nothing of adding
    assert mark_kind_asks([question], kinds, _english) == [question]
    assert mark_kind_asks([question, total], kinds, _english) == [question, total]


def test_no_kind_ask_beside_a_problem_or_a_stated_need():
    question = Signal(type="question", text="which blades fit it?")
    support = Signal(type="support", text="the blade arrived bent")
    assert mark_kind_asks([question, support], made_for_kinds([CUTTER], _made_for), _english) == [question, support]
    need = Signal(type="need", text="I cut a lot of denim")
    assert mark_kind_asks([question, need], made_for_kinds([CUTTER], _made_for), _english) == [question, need]


ROWS = [
    {"sku": "CAM-1", "name": "HomeEye Indoor Security Camera", "price": 49, "category": "Smart Home > Cameras",
     "description": "1080p indoor camera. Records locally to a microSD card."},
    {"sku": "SD-64", "name": "Endurance microSD Card 64 GB", "price": 12, "category": "Smart Home > Storage",
     "compatible_with": ["CAM-1"], "description": "High-endurance card for continuous recording."},
    {"sku": "MNT-1", "name": "HomeEye Wall Mount", "price": 9, "category": "Smart Home > Mounts",
     "compatible_with": ["CAM-1"], "description": "Screws the camera to a wall or ceiling."},
]


def test_the_agent_answers_which_card_with_the_card_made_for_the_camera(settings, tmp_path):
    agent = agent_on(settings, tmp_path / "catalog.jsonl", ROWS)
    r = agent.respond(ChatRequest(session_id="k", message="what card does it need to record locally?",
                                  context={"page": "product", "product_sku": "CAM-1", "cart": [{"sku": "CAM-1"}]}))
    assert [o.sku for o in r.offers] == ["SD-64"]
    r = agent.respond(ChatRequest(session_id="k2", message="does it come with a wall mount?",
                                  context={"page": "product", "product_sku": "CAM-1", "cart": [{"sku": "CAM-1"}]}))
    assert r.offers == []
