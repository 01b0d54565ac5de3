"""A question about another look of the item asks about that variant: answered with what differs, no upgrade."""

from __future__ import annotations

import pytest

from agent.reply.catalog_answers import look_answer
from agent.schemas import ChatRequest, Signal
from agent.signals.variant_ask import named_variant, variant_questions
from knowledge.catalog import Catalog
from knowledge.models import Product
from tests.support import agent_on

BED = "Home > Bedding > Duvet Covers"
WHITE = Product(sku="DC-WHT", name="Percale Duvet Cover, Double, White", price=59.0, category=BED, family="dc",
                attributes={"thread_count": 200, "color": "white"})
SAGE = Product(sku="DC-SAGE", name="Percale Duvet Cover, Double, Sage", price=65.0, category=BED, family="dc",
               attributes={"thread_count": 200, "color": "sage"})
SATEEN = Product(sku="DC-SATN", name="Sateen Duvet Cover, Double, White", price=76.0, category=BED, family="dc",
                 attributes={"thread_count": 400, "color": "white"}, description="Silky 400 thread count sateen.")
CATALOG = Catalog([WHITE, SAGE, SATEEN])


@pytest.mark.parametrize(
    "message, named",
    [
        ("is the sage one better quality? it costs more", "DC-SAGE"),
        ("Is the sage version any different?", "DC-SAGE"),
        ("I'd like a sage throw to go with it", None),  # a colour word, no variant asked about
        ("is there a better one?", None),
    ],
)
def test_a_variant_is_named_by_how_it_looks(message, named):
    found = named_variant(message, WHITE, CATALOG)
    assert (found.sku if found else None) == named


def test_a_question_about_a_look_drops_the_needs_read_into_it():
    question = Signal(type="question", text="is the sage one better quality?")
    need = Signal(type="need", text="better quality", wants="better")
    assert variant_questions([question, need], "is the sage one better quality?", WHITE, CATALOG) == [question]
    # Not a question, or no variant named: unchanged.
    assert variant_questions([need], "the sage one is nicer, I want better quality", WHITE, CATALOG) == [need]
    assert variant_questions([question, need], "is there better quality?", WHITE, CATALOG) == [question, need]


def test_the_answer_says_only_the_look_differs_without_naming_another_product():
    found = look_answer("is the sage one better quality?", WHITE, CATALOG, "en")
    assert found is not None
    assert found.text == "The sage Percale Duvet Cover, Double is the same as the white one, apart from how it looks."
    assert [p.sku for p in found.products] == ["DC-WHT"]
    # A variant that differs in more than its looks is not answered this way.
    assert look_answer("is the white one better?", SAGE, Catalog([WHITE, SAGE, SATEEN]), "en") is not None
    assert look_answer("is the sateen one better?", WHITE, CATALOG, "en") is None


def test_asking_whether_the_pricier_colour_is_better_gets_no_upgrade(settings, tmp_path):
    rows = [p.model_dump(exclude_none=True) for p in (WHITE, SAGE, SATEEN)]
    agent = agent_on(settings, tmp_path / "catalog.jsonl", rows)
    r = agent.respond(ChatRequest(session_id="v", message="is the sage one better quality? it costs more",
                                  context={"page": "product", "product_sku": "DC-WHT"}))
    assert r.offers == []
    assert "apart from how it looks" in r.reply
