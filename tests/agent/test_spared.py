"""A shopper naming a trait of the item they cannot have is answered by a version made without it."""

from __future__ import annotations

import pytest

from agent.affinity import NeedTerms, ProductTerms, free_of, ruled_out, spares, text_stems
from agent.schemas import ChatRequest
from knowledge.models import Product
from tests.support import agent_on


@pytest.mark.parametrize(("text", "free"), [
    ("Flexa Latex-Free Mini Loop Bands", {"latex"}),
    ("A PTFE- and PFAS-free ceramic coating", {"ptf", "pfa"}),
    ("Clay litter with no added fragrance and low dust", {"fragranc"}),
    ("Made free of BPA and phthalates", {"bpa"}),
    ("Five natural latex loops for glute work", set()),
    ("Works without tangling", set()),  # what it does without, not what it is made without
])
def test_what_a_product_text_says_it_is_made_without(text, free):
    assert free_of(text) == free


LATEX = Product(sku="LOOP", name="Flexa Latex Mini Loop Bands", price=15, category="Fitness > Bands",
                description="Five natural latex loops.", attributes={"material": "natural latex"})
TPE = Product(sku="LOOP-TPE", name="Flexa Latex-Free Mini Loop Bands", price=19, category="Fitness > Bands",
              description="The same five levels in latex-free TPE.", attributes={"material": "TPE"})


def test_no_latex_rules_out_the_latex_bands_and_not_the_latex_free_ones():
    need = NeedTerms.of("something for glute work, but no latex please")
    assert ruled_out(need, ProductTerms.of(LATEX))
    assert not ruled_out(need, ProductTerms.of(TPE))


def test_a_version_spares_a_trait_only_when_the_item_it_replaces_has_it():
    said = text_stems("I break out in hives from latex")
    assert spares(said, ProductTerms.of(TPE), ProductTerms.of(LATEX), replaces=True) == {"latex"}
    assert not spares(text_stems("something for glute work"), ProductTerms.of(TPE), ProductTerms.of(LATEX), True)
    # Replacing a latex-free item, a latex-free version spares nothing the shopper has now.
    assert not spares(said, ProductTerms.of(TPE), ProductTerms.of(TPE), replaces=True)


ROWS = [
    {"sku": "LOOP", "name": "Flexa Mini Loop Bands, Set of 5", "price": 15, "category": "Fitness > Resistance Bands",
     "brand": "Flexa", "description": "Five natural latex loops from extra light to extra heavy for glute work.",
     "attributes": {"material": "natural latex", "count": 5}},
    {"sku": "LOOP-TPE", "name": "Flexa Soft Mini Loop Bands, Set of 5", "price": 19,
     "category": "Fitness > Resistance Bands", "brand": "Flexa",
     "description": "The same five resistance levels made from latex-free TPE.",
     "attributes": {"material": "TPE", "count": 5}},
    {"sku": "BALL", "name": "Massage Ball Duo", "price": 12, "category": "Fitness > Recovery",
     "description": "Two firm balls for glutes and feet after a workout."},
]

ON_BANDS = {"page": "product", "product_sku": "LOOP"}


@pytest.mark.parametrize("message", [
    "I want these for glute bridges but I break out in hives from latex gloves at work",
    "anyway, I still want something for glute work, but no latex please, it makes my skin itch",
])
def test_the_latex_free_version_answers_a_shopper_who_cannot_have_latex(settings, tmp_path, message):
    agent = agent_on(settings, tmp_path / "catalog.jsonl", ROWS)
    r = agent.respond(ChatRequest(session_id="s", message=message, context=ON_BANDS))
    assert [(o.sku, o.kind) for o in r.offers] == [("LOOP-TPE", "upsell")]


def test_without_the_trait_named_the_pricier_version_answers_nothing(settings, tmp_path):
    agent = agent_on(settings, tmp_path / "catalog.jsonl", ROWS)
    r = agent.respond(ChatRequest(session_id="s", message="I want these for glute bridges at home",
                                  context=ON_BANDS))
    assert "LOOP-TPE" not in [o.sku for o in r.offers]
