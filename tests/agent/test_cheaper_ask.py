"""A turn about the price of what the shopper holds gets a cheaper version of it or nothing: never an add-on."""

from __future__ import annotations

import pytest

from agent.schemas import ChatRequest, Signal
from agent.signals.cheaper_ask import cheaper_clause, mark_cheaper_asks, talks_price
from agent.signals.over_budget import over_budget_ask
from agent.signals.price_objection import price_objection
from knowledge.models import Product
from tests.support import agent_on


@pytest.mark.parametrize(
    "message",
    [
        "this is too pricey for a suitcase I use once a year",
        "22 bucks for a phone clip is a lot lol",
        "hmm, that's a bit steep",
        "Es un poco caro para mí",
        "Das ist mir ehrlich gesagt zu teuer",
        "C'est un peu cher pour un support",
        "Дороговато для меня",
        "Cái này hơi đắt",
    ],
)
def test_a_price_complaint_in_any_of_six_languages_is_about_the_item_held(message):
    assert cheaper_clause(message) is not None


@pytest.mark.parametrize(
    ("message", "focus"),
    [
        ("got a cheaper one?", []),
        ("is there a cheaper power bank?", ["power", "bank"]),
        ("show me cheaper options", []),
        ("¿Hay algo más barato?", []),
        ("Есть подешевле?", []),
        ("why is the sand one more expensive? any cheaper colour?", ["yoga", "mat"]),
        ("I don't care about the colour at all, I just need a cheaper headlamp", ["headlamp", "orange"]),
        # What qualifies the thing asked for says what it is for: still a cheaper sleeping bag.
        ("is there a cheaper bag that's fine for summer?", ["sleeping", "bag", "down"]),
        ("any cheaper speaker for the kids' room?", ["speaker", "audio"]),
    ],
)
def test_a_cheaper_comparison_naming_only_the_item_asks_for_a_version(message, focus):
    assert cheaper_clause(message, focus) is not None


@pytest.mark.parametrize(
    "message",
    [
        "is there a cheap case for it?",  # an add-on at a low price
        "a cheap case that fits it?",  # still a case, whatever follows
        "is there a cheaper power bank?",  # names another kind than the item in focus (a speaker here)
        "anything better, even if it's a bit pricier?",  # asks for more quality
        "I love it so much",
        "my expensive phone keeps dying by noon",
    ],
)
def test_a_cheap_add_on_a_better_ask_or_plain_talk_is_no_cheaper_ask(message):
    assert cheaper_clause(message, ["speaker", "audio"]) is None


def test_needs_are_marked_cheaper_or_the_ask_becomes_the_need():
    need = Signal(type="need", text="too pricey for a suitcase I use once a year")
    question = Signal(type="question", text="got a cheaper one?")
    marked = mark_cheaper_asks([need], "this is too pricey for a suitcase I use once a year")
    assert [(s.type, s.wants) for s in marked] == [("need", "cheaper")]
    added = mark_cheaper_asks([question], "22 bucks is a lot, got a cheaper one?")
    assert [(s.type, s.wants) for s in added] == [("question", None), ("need", "cheaper")]
    # A problem report, a refusal or buying stays what it is.
    support = Signal(type="support", text="it broke and it was too expensive to be this bad")
    assert mark_cheaper_asks([support], support.text) == [support]
    decline = Signal(type="decline", text="no thanks, too pricey")
    assert mark_cheaper_asks([decline], decline.text) == [decline]


STORE = [
    {"sku": "MNT-W", "name": "GripView phone mount, white", "price": 22, "category": "Car > Phone mounts",
     "family": "gripview", "attributes": {"color": "white"}, "description": "Vent clip mount for phones."},
    {"sku": "MNT-B", "name": "GripView phone mount, black", "price": 18, "category": "Car > Phone mounts",
     "family": "gripview", "attributes": {"color": "black"}, "description": "Vent clip mount for phones."},
    {"sku": "MNT-PRO", "name": "GripView Pro phone mount", "price": 27, "category": "Car > Phone mounts",
     "family": "gripview", "tier": 2, "description": "Wireless charging vent mount for phones."},
    {"sku": "CHG-30", "name": "ZipCharge 30 W car charger", "price": 15, "category": "Car > Chargers",
     "cross_sells": [], "compatible_with": ["family:gripview"], "description": "Charges your phone in the car."},
]


@pytest.fixture
def agent(settings, tmp_path):
    return agent_on(settings, tmp_path / "catalog.jsonl", STORE)


@pytest.mark.parametrize(
    "message",
    [
        "22 bucks for a phone clip is a lot lol, got a cheaper one?",
        "this is too pricey for a mount I use twice a month",
        "Tôi cần cái rẻ hơn, cái này hơi đắt.",
    ],
)
def test_a_price_complaint_gets_the_cheaper_version_never_an_upgrade_or_add_on(agent, message):
    r = agent.respond(ChatRequest(session_id=message[:12], message=message,
                                  context={"page": "product", "product_sku": "MNT-W", "cart": []}))
    assert [o.sku for o in r.offers] in ([], ["MNT-B"])
    assert all(o.sku != "MNT-PRO" and o.kind != "cross_sell" for o in r.offers)


def test_a_price_complaint_with_nothing_cheaper_gets_nothing(agent):
    r = agent.respond(ChatRequest(session_id="s", message="honestly that's a bit steep for a car charger",
                                  context={"page": "product", "product_sku": "CHG-30", "cart": [{"sku": "CHG-30"}]}))
    assert r.offers == []


@pytest.mark.parametrize(
    "message",
    ["hmm, that's more than I planned to spend", "too rich for me, I'll keep brushing the walls by hand",
     "oof, that's really pricey", "c'est trop cher",
     # not spending any more, in the six languages
     "I'd rather not spend more on gadgets, my old torch will do", "we don't want to spend any more on the garden",
     "prefiero no gastar más por ahora", "ich möchte nicht noch mehr ausgeben", "je ne veux pas dépenser plus",
     "не хочу больше тратить", "mình không muốn chi thêm đâu"],
)
def test_a_price_complaint_right_after_an_offer_is_a_no_to_the_offer(message):
    need = Signal(type="need", text=message)
    budget = Signal(type="budget", text=message)
    read = price_objection([need, budget], message, offer_pending=True)
    assert [s.type for s in read] == ["decline"]
    # With no offer on the table the complaint is about the item held (a cheaper ask, agent.signals.cheaper_ask).
    assert price_objection([need], message, offer_pending=False) == [need]


@pytest.mark.parametrize(
    "message,signals",
    [
        # An ask for cheaper beside the complaint is answered, not taken for a no.
        ("too pricey, anything cheaper?", [Signal(type="need", text="anything cheaper?")]),
        # An amount says what would do.
        ("that's more than I planned, I can do 50 at most", [Signal(type="budget", text="50 at most", amount=50)]),
        # No complaint at all.
        ("what about a case for it?", [Signal(type="need", text="a case for it")]),
    ],
)
def test_a_cheaper_ask_an_amount_or_no_complaint_after_an_offer_stays_as_heard(message, signals):
    assert price_objection(signals, message, offer_pending=True) == signals


def test_after_an_upgrade_offer_a_price_complaint_gets_no_cheaper_version(agent):
    ctx = {"page": "product", "product_sku": "MNT-W", "cart": []}
    first = agent.respond(ChatRequest(session_id="obj", message="is there a better one with wireless charging?",
                                      context=ctx))
    assert [o.sku for o in first.offers] == ["MNT-PRO"]
    second = agent.respond(ChatRequest(session_id="obj", message="hmm, that's more than I planned to spend",
                                       context=ctx))
    assert second.offers == []
    assert "decline" in [s.type for s in second.signals]


def _budget(amount, scope=None):
    return Signal(type="budget", text=f"{amount} max", amount=amount, scope=scope)


def test_a_budget_under_the_price_of_the_item_asks_for_a_cheaper_version():
    focus = Product(sku="F", name="Topper", price=139.0, category="Home > Bedding")
    read = over_budget_ask([_budget(110)], focus)
    assert [(s.type, s.wants) for s in read] == [("budget", None), ("need", "cheaper")]
    # Over the price, an extra amount for add-ons, a need already heard, or no item: nothing to add.
    assert over_budget_ask([_budget(150)], focus) == [_budget(150)]
    assert over_budget_ask([_budget(20, "extra")], focus) == [_budget(20, "extra")]
    need = Signal(type="need", text="something for the bathroom")
    assert over_budget_ask([need, _budget(110)], focus) == [need, _budget(110)]
    assert over_budget_ask([_budget(110)], None) == [_budget(110)]


@pytest.mark.parametrize(
    "message",
    ["honestly I can't spend 140 on a topper", "no puedo gastar 140 en esto", "je ne peux pas mettre 140 là-dedans",
     "не могу потратить 140 на это", "mình không thể chi 140 cho cái này"],
)
def test_refusing_the_rounded_price_asks_for_a_cheaper_version(message):
    focus = Product(sku="F", name="Topper", price=139.0, category="Home > Bedding")
    read = over_budget_ask([_budget(140)], focus, message)
    assert [(s.type, s.wants) for s in read] == [("budget", None), ("need", "cheaper")]


def test_a_ceiling_at_or_over_the_price_is_no_cheaper_ask():
    focus = Product(sku="F", name="Topper", price=139.0, category="Home > Bedding")
    # A limit the item fits under, and a refused amount far over its price (the item is within reach).
    assert over_budget_ask([_budget(140)], focus, "I can't go over 140") == [_budget(140)]
    assert over_budget_ask([_budget(200)], focus, "I can't spend 200 on bedding") == [_budget(200)]


def test_a_budget_under_the_price_gets_the_cheaper_version_within_it(agent):
    r = agent.respond(ChatRequest(session_id="ob", message="my budget is 20 dollars max",
                                  context={"page": "product", "product_sku": "MNT-W", "cart": []}))
    assert [o.sku for o in r.offers] == ["MNT-B"]


@pytest.mark.parametrize("message", ["how will I know if it's too much? I'm nervous about gassing my fish",
                                     "I'm worried about too much gas at night", "I love it so much"])
def test_too_much_of_something_measured_is_no_price_talk(message):
    assert not talks_price(message)


@pytest.mark.parametrize("message", ["that's too much for a pan", "80 is too much.", "hmm, too much"])
def test_too_much_said_of_the_price_still_is(message):
    assert talks_price(message)
