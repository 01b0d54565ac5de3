"""A need that asks for another version of the item in focus is answered by a version, never an add-on."""

from __future__ import annotations

import pytest

from agent.schemas import Signal
from agent.signals.version_ask import asks_for_version, mark_version_asks


@pytest.mark.parametrize(
    "text",
    [
        "do you have a thicker one of these in king size?",
        "is there one that goes longer between charges?",
        "I want something warmer than this",
        "something warmer for late-season trips?",
        "anything quieter?",
        "got something a bit lighter for travel?",
        "a more compact model would be nice",
        "do you have one with bigger wheels?",
        "Quiero algo más resistente",
        "¿Tienen uno más ligero?",
        "Gibt es einen leichteren?",
        "Haben Sie etwas Wärmeres?",
        "Vous avez quelque chose de plus chaud ?",
        "Vous en avez un plus léger ?",
        "Есть что-нибудь потеплее?",
        "Мне бы что-нибудь полегче",
        "А есть что-то побольше?",
        "Có cái nào nhẹ hơn không?",
        "does this come any bigger?",
        "does it go any heavier? I'm already pressing 30s",
        "what's the next size up?",
        "do you have it one size bigger?",
        "is there a version of this lamp that runs longer?",
        "Existe-t-il une version de cette lanterne qui tienne plus longtemps ?",
        "Et il existe un modèle qu'on peut lire dans le noir ?",
        "is there a model you can read in the dark?",  # the relative pronoun left out
        "anything with more juice for a little more?",
        "one with less weight please",
        "¿Hay una versión de esta linterna que dure más?",
        "Gibt es eine Version davon, die länger hält?",
        "Есть версия этого фонаря, которая дольше работает?",
        "Có phiên bản nào sáng hơn không?",
        "Gibt es ein stärkeres Modell mit mehr Kapazität?",
        "is there a stronger model with more capacity?",
    ],
)
def test_a_pro_form_with_a_comparison_asks_for_a_version(text):
    assert asks_for_version(text)


@pytest.mark.parametrize(
    "text",
    [
        "I wish my battery lasted longer",  # a power bank answers this too
        "I need something with more room for my tools",  # a new thing beside the item: a bag may answer
        "anything with more than 2 ports?",
        "I only got one with the pitcher",
        "I'd like another one for my sister",
        "something for the beach",
        "quiero otra más para mi hermana",
        "Ich brauche eine Schere für die Hecke",
        "Ich hätte gern eine weitere für meinen Sohn",
        "c'est un plus pour moi",
        "something better for dry skin",
        "anything under 50 dollars?",
        "got anything other than blue?",
        "something for my feet, they get cold",
        "хочу что-нибудь другое",
        "I like this model with the blue strap",
        "the version with wifi is sold out?",
        "I bought a model with wifi last year",
    ],
)
def test_a_need_for_a_thing_or_more_of_the_same_is_no_version_ask(text):
    assert not asks_for_version(text)


def test_only_needs_about_an_item_in_focus_are_marked():
    need = Signal(type="need", text="a lighter one")
    budget = Signal(type="budget", text="a lighter one", amount=5.0)
    cheaper = Signal(type="need", text="a cheaper one", wants="cheaper")
    marked = mark_version_asks([need, budget, cheaper], has_focus=True)
    assert [s.version for s in marked] == [True, None, None]
    assert mark_version_asks([need], has_focus=False)[0].version is None


def test_a_version_ask_is_answered_by_a_version_and_never_by_the_strap():
    from tests.agent.test_upgrades import decide_turn

    plain = Signal(type="need", text="something to carry it with that lasts longer")
    cands, _ = decide_turn(plain)
    assert any(c.kind == "cross_sell" and c.need is not None for c in cands)  # the strap answers a plain need
    asked = plain.model_copy(update={"version": True})
    cands, decision = decide_turn(asked)
    assert all(c.need is None for c in cands if c.kind == "cross_sell")
    assert [o.sku for o in decision.offers] == ["SP-30"]


def test_beside_a_version_ask_the_rest_of_the_message_says_why_and_no_add_on_answers_it():
    from agent.candidates import CandidateDeps, gather_candidates
    from agent.schemas import ChatContext
    from agent.turn import TurnFacts
    from agent.types import PolicyLimits, SessionState
    from tests.agent.test_upgrades import CATALOG, RELATIONS, _search

    why = Signal(type="need", text="something to carry it with that lasts longer")
    asked = Signal(type="need", text="what's the next size up?", version=True)
    context = ChatContext(page="product", product_sku="SP-20")
    state = SessionState(session_id="s")
    message = f"{asked.text} {why.text}"
    facts = TurnFacts.build(context=context, state=state, signals=[asked, why], catalog=CATALOG, message=message)
    deps = CandidateDeps(catalog=CATALOG, relations=RELATIONS, search=_search, limits=PolicyLimits())
    alone = gather_candidates(TurnFacts.build(context=context, state=state, signals=[why], catalog=CATALOG,
                                              message=why.text), [why], deps)
    assert any(c.kind == "cross_sell" and c.need is not None for c in alone)  # the strap answers it alone
    both = gather_candidates(facts, [asked, why], deps)
    assert all(c.need is None for c in both if c.kind == "cross_sell")


def test_a_version_ask_nobody_heard_as_a_need_becomes_one():
    message = "Trois heures et demie, c'est trop long. Vous n'avez rien de plus rapide ?"
    question = Signal(type="question", text="Vous n'avez rien de plus rapide ?")
    out = mark_version_asks([question], has_focus=True, message=message)
    assert [(s.type, s.text, s.version) for s in out[1:]] == [("need", "Vous n'avez rien de plus rapide ?", True)]
    # Not without an item in focus, not beside a problem report, and not twice.
    assert mark_version_asks([question], has_focus=False, message=message) == [question]
    support = Signal(type="support", text="it broke")
    assert mark_version_asks([support], has_focus=True, message=message) == [support]
    assert len(mark_version_asks(out, has_focus=True, message=message)) == 2


def test_a_need_inside_the_sentence_that_asks_for_a_version_is_marked():
    message = "Is there one that gets my hair straight faster? It takes me 40 min every morning."
    need = Signal(type="need", text="gets my hair straight faster")
    other = Signal(type="need", text="It takes me 40 min every morning")
    out = mark_version_asks([need, other], has_focus=True, message=message)
    assert [s.version for s in out] == [True, None]



@pytest.mark.parametrize(
    "message, wants",
    [
        ("Есть что-нибудь получше, но не дороже 200 евро?", "better"),
        ("Haben Sie etwas Günstigeres?", "cheaper"),
        ("¿Tienen uno más ligero?", None),  # a quantity, not a direction: the axis judges it
    ],
)
def test_a_version_ask_comparing_quality_or_price_says_which_way(message, wants):
    question = Signal(type="question", text=message)
    out = mark_version_asks([question], has_focus=True, message=message)
    assert [(s.type, s.version, s.wants) for s in out[1:]] == [("need", True, wants)]
    need = Signal(type="need", text=message)
    assert [(s.version, s.wants) for s in mark_version_asks([need], has_focus=True, message=message)] == [(True, wants)]


def test_a_version_ask_beside_another_need_is_a_need_of_its_own():
    message = "does this come any bigger? the whole flat drinks tea"
    signals = [Signal(type="question", text="does this come any bigger?"),
               Signal(type="need", text="the whole flat drinks tea")]
    out = mark_version_asks(signals, has_focus=True, message=message)
    assert [(s.type, s.text, s.version) for s in out[2:]] == [("need", "does this come any bigger?", True)]
    assert out[1].version is None  # the other need keeps its own reading


def test_one_that_stands_for_the_item_unless_the_message_names_another_thing_it_may_stand_for():
    need = Signal(type="need", text="one that lasts longer")
    message = "30 hours won't get me through a weekend, I need one that lasts longer"
    assert asks_for_version("I need one that lasts longer") and asks_for_version("one with a longer cable")
    assert not asks_for_version("I need one for my son")
    [marked] = mark_version_asks([need], has_focus=True, message=message)
    assert marked.version
    # "The phone doesn't come with a charger, right? I want one that charges fast": "one" may be the charger.
    charger = Signal(type="need", text="one that charges fast")
    [kept] = mark_version_asks([charger], has_focus=True, message="no charger? I want one that charges fast",
                               names_other=True)
    assert not kept.version


def test_a_message_names_a_kind_made_for_what_the_shopper_holds():
    from agent.signals.kind_ask import made_for_kinds, names_made_for_kind
    from knowledge.models import Product

    phone = Product(sku="PH", name="Nova X8 Phone", price=500.0, category="Phones")
    charger = Product(sku="CH", name="Nova 20W Charger", price=20.0, category="Chargers")

    def made_for(sku: str) -> list[Product]:
        return [charger] if sku == "PH" else []

    assert names_made_for_kind("no charger in the box, right?", made_for_kinds([phone], made_for), lambda t: "")
    assert not names_made_for_kind("I need one that lasts longer", made_for_kinds([phone], made_for), lambda t: "")
