"""Live promotions price the offer, every guardrail measures the promo price, and replies stay honest about it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from agent.agent import build_agent
from agent.policy import PolicyContext, first_rejection
from agent.promo_pricing import apply_promotion, price_candidates
from agent.reply.checks import check_reply
from agent.reply.input import ReplyInput
from agent.reply.prompts import system_prompt
from agent.schemas import CartLine, ChatContext, ChatRequest, Offer, Signal
from agent.types import Candidate, Decision, PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product
from knowledge.promotions import Promotion, Promotions
from tests.support import PRODUCTS, write_jsonl

UTC = timezone.utc
STARTS, ENDS = datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 3, 23, 59, tzinfo=UTC)
BEFORE, DURING, AFTER = STARTS - timedelta(minutes=1), datetime(2026, 12, 2, 9, tzinfo=UTC), ENDS
PHONE_PAGE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}
NEED_MSG = "I wish my phone battery lasted all day"


class Clock:
    """A settable clock for the agent's deps."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock(DURING)


@pytest.fixture
def agent(settings, tmp_path, clock):
    promos = tmp_path / "promos.csv"
    promos.write_text(f"sku,promo_price,starts_at,ends_at\nPB-10K,29,{STARTS.isoformat()},{ENDS.isoformat()}\n")
    a = build_agent(settings)
    a.knowledge.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS), promotions_path=promos)
    a.deps.clock = clock
    return a


def _turn(agent, message=NEED_MSG, context=PHONE_PAGE, session="s"):
    return agent.respond(ChatRequest(session_id=session, message=message, context=context))


# --- the live window, end to end ----------------------------------------------------------------
def test_a_live_promotion_prices_the_offer_and_the_reply_says_so_honestly(agent):
    r = _turn(agent)
    [o] = r.offers
    assert (o.sku, o.price, o.regular_price, o.promo_ends_at) == ("PB-10K", 29.0, 39.0, "2026-12-03T23:59:00+00:00")
    assert o.uplift_pct == round(29 / 700 * 100, 1)  # measured on the promo price
    assert "$29 instead of $39 until 3 Dec" in r.reply
    assert check_reply(r.reply, agent.plan(ChatRequest(session_id="x", message=NEED_MSG, context=PHONE_PAGE))
                       .reply_input) == []


@pytest.mark.parametrize("when", [BEFORE, AFTER])
def test_outside_its_window_the_offer_has_the_catalog_price_and_no_promotion_fields(agent, clock, when):
    clock.now = when
    r = _turn(agent)
    [o] = r.offers
    assert (o.sku, o.price, o.regular_price, o.promo_ends_at) == ("PB-10K", 39.0, None, None)
    dumped = o.model_dump()
    assert "regular_price" not in dumped and "promo_ends_at" not in dumped  # absent, not null (CONTRACTS section 7)
    assert "instead of" not in r.reply and "until" not in r.reply


def test_the_budget_guardrail_measures_the_promo_price(agent, clock):
    page = dict(PHONE_PAGE, budget=730)  # 700 + 39 = 739 is over it; 700 + 29 = 729 fits
    assert [o.sku for o in _turn(agent, context=page, session="during").offers] == ["PB-10K"]
    clock.now = AFTER
    assert "PB-10K" not in [o.sku for o in _turn(agent, context=page, session="after").offers]


# --- guardrails on the promo price (policy level) ---------------------------------------------
PHONE = Product(sku="PH-128", name="Nova 128", price=700, category="Phones", family="nova", tier=1)
PHONE_1T = Product(sku="PH-1T", name="Nova 1 TB", price=1300, category="Phones", family="nova", tier=3)
BANK = Product(sku="PB-10K", name="Power bank", price=39, category="Power")
CATALOG = Catalog([PHONE, PHONE_1T, BANK])
NEED = Signal(type="need", text="more storage")


def _ctx(budget=None):
    return PolicyContext.build(
        signals=[NEED], state=SessionState(session_id="s"), catalog=CATALOG, limits=PolicyLimits(),
        context=ChatContext(page="product", product_sku="PH-128", cart=[CartLine(sku="PH-128")], budget=budget),
        message="I need more storage",
    )


def _live(sku, price):
    return {sku: Promotion(sku=sku, promo_price=price, starts_at=STARTS, ends_at=ENDS)}


def test_the_uplift_cap_measures_the_promo_price():
    upgrade = Candidate(product=PHONE_1T, kind="upsell", replaces=PHONE, need=NEED)
    assert first_rejection(upgrade, _ctx()).rule == "max_uplift"  # 1300 is +86%
    [priced] = price_candidates([upgrade], _live("PH-1T", 900))  # +28.6%: within the 30% cap
    assert priced.product.price == 900 and priced.promotion.regular_price == 1300
    assert first_rejection(priced, _ctx()) is None
    [still_over] = price_candidates([upgrade], _live("PH-1T", 950))  # +35.7%
    assert first_rejection(still_over, _ctx()).rule == "max_uplift"


def test_a_promotion_of_another_sku_changes_nothing():
    c = Candidate(product=BANK, kind="cross_sell", need=NEED)
    assert price_candidates([c], _live("PH-1T", 900)) == [c]


def test_only_an_offer_on_a_live_promotion_carries_its_fields():
    offer = Offer(sku="PB-10K", name="Power bank", kind="cross_sell", price=39, currency="USD", uplift_pct=5.6,
                  reason="goes with: your order", regular_price=50, promo_ends_at="2026-12-03T23:59:00+00:00")
    plain = apply_promotion(offer, None)
    assert plain.regular_price is None and plain.promo_ends_at is None
    [priced] = price_candidates([Candidate(product=BANK, kind="cross_sell")], _live("PB-10K", 29))
    promo = apply_promotion(offer, priced.promotion)
    assert (promo.price, promo.regular_price, promo.promo_ends_at) == (29, 39, ENDS.isoformat())


# --- reply checks: urgency and grounding --------------------------------------------------------
def _offer(price=29.0, promo=True):
    extra = {"regular_price": 39.0, "promo_ends_at": ENDS.isoformat()} if promo else {}
    return Offer(sku="PB-10K", name="Power bank", kind="cross_sell", price=price, currency="USD", uplift_pct=4.1,
                 reason="goes with: your order", **extra)


def _input(offer, now=DURING):
    return ReplyInput(message="hi", decision=Decision(offers=[offer]), facts=[BANK], focus=PHONE,
                      catalog=CATALOG, now=now)


@pytest.mark.parametrize(
    "reply",
    [
        "The power bank is $29 instead of $39 until 3 Dec.",
        "The promotion ends on December 3rd: the power bank is $29.",
        "It's $29 through Thursday, then back to $39.",  # 3 Dec 2026 is a Thursday
        "The offer ends 2026-12-03, so it's $29 until then.",
        "The offer ends tomorrow: $29 instead of $39.",  # DURING is 2 Dec
        "The power bank is on sale at $29, 25% off, until 3 Dec.",  # (39 - 29) / 39 = 25.6%
    ],
)
def test_urgency_naming_the_real_end_of_the_offers_promotion_is_allowed(reply):
    assert check_reply(reply, _input(_offer())) == []


@pytest.mark.parametrize(
    "reply,problem",
    [
        ("The power bank is $29 instead of $39 until 5 Dec.", "pressure"),  # not the real end
        ("The offer ends soon: $29 instead of $39.", "pressure"),  # names no end
        ("Today is the last day for $29!", "pressure"),  # the end is tomorrow, not today
        ("Hurry, $29 until 3 Dec.", "pressure"),  # a hurry is never backed
        ("The power bank is $25 until 3 Dec.", "price"),  # not the promo price
        ("The power bank is $29, 40% off, until 3 Dec.", "claim"),  # not the real discount
        ("The power bank is free with the phone until 3 Dec.", "claim"),
    ],
)
def test_urgency_or_prices_beyond_the_real_promotion_are_refused(reply, problem):
    problems = check_reply(reply, _input(_offer()))
    assert any(problem in p for p in problems), problems


def test_without_a_live_promotion_no_deadline_promo_price_or_sale_may_be_stated():
    offer = _offer(price=39.0, promo=False)
    assert check_reply("The power bank is $39.", _input(offer)) == []
    assert any("pressure" in p for p in check_reply("The power bank is $39 until 3 Dec.", _input(offer)))
    assert any("price" in p for p in check_reply("The power bank is $29 now.", _input(offer)))
    assert any("claim" in p for p in check_reply("The power bank is on sale at $39.", _input(offer)))


@pytest.mark.parametrize(
    "reply",
    [
        "La oferta termina el 3 de diciembre: $29.",
        "Das Angebot gilt bis zum 3. Dezember: $29.",
        "Le prix de $29 est valable jusqu'au 3 décembre.",
        "Цена $29 действует до 3 декабря.",
        "Giá $29 đến ngày 3 tháng 12.",
    ],
)
def test_urgency_in_the_other_languages_must_name_the_real_end_too(reply):
    assert check_reply(reply, _input(_offer())) == []
    assert any("pressure" in p for p in check_reply(reply.replace("3", "5", 1), _input(_offer())))
    assert any("pressure" in p for p in check_reply(reply.replace("$29", "$39"), _input(_offer(39.0, False))))


@pytest.mark.parametrize(
    "reply",
    [
        "It keeps your phone going until the evening. It's $39.",
        "The battery lasts until 5 pm on one charge. It's $39.",
        "Batería de hasta 20 horas por $39.",
        "Akku mit bis zu 20 Stunden Laufzeit für $39.",
        "Autonomie jusqu'à 20 heures pour $39.",
        "До 20 часов работы за $39.",
        "The cable ends in a USB-C plug. It's $39.",
    ],
)
def test_until_or_ends_without_a_day_is_not_urgency(reply):
    assert check_reply(reply, _input(_offer(price=39.0, promo=False))) == []


def test_the_model_prompt_carries_the_promotion_and_its_rules():
    prompt = system_prompt(_input(_offer()), [BANK])
    assert "at $29. ON PROMOTION: regular price $39, ends 3 Dec (2026-12-03T23:59:00+00:00)" in prompt
    assert "naming its exact end date" in prompt and "stock figure shown" in prompt
    assert "ON PROMOTION:" not in system_prompt(_input(_offer(39.0, False)), [BANK])


def test_the_promotion_is_named_with_its_year_when_it_ends_in_another_year():
    ends = datetime(2027, 1, 5, 12, tzinfo=UTC)
    offer = _offer().model_copy(update={"promo_ends_at": ends.isoformat()})
    prompt = system_prompt(_input(offer, now=datetime(2026, 12, 30, tzinfo=UTC)), [BANK])
    assert "ends 5 Jan 2027" in prompt


def test_promotions_are_read_in_the_merchants_timezone():
    # 2026-12-04T00:00+00:00 is 3 Dec in New York (-05:00): the reply names the merchant's day.
    ends = datetime(2026, 12, 3, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    offer = _offer().model_copy(update={"promo_ends_at": ends.isoformat()})
    assert check_reply("$29 instead of $39 until 3 Dec.", _input(offer)) == []
    assert check_reply("$29 instead of $39 until 4 Dec.", _input(offer))


def test_promotions_of_an_empty_store_are_empty():
    assert Promotions().live(DURING) == {}


def test_scarcity_wording_needs_the_catalog_stock_behind_it():
    low = BANK.model_copy(update={"stock": 3})
    catalog = Catalog([PHONE, PHONE_1T, low])
    inp = _input(_offer()).model_copy(update={"catalog": catalog, "facts": [low]})
    assert check_reply("Only 3 left at $29 until 3 Dec.", inp) == []
    plenty = inp.model_copy(update={"catalog": Catalog([PHONE, PHONE_1T, BANK.model_copy(update={"stock": 40})])})
    assert any("unbacked_scarcity" in p for p in check_reply("Only 3 left at $29 until 3 Dec.", plenty))


def test_the_rep_consoles_guardrail_checks_measure_the_promo_price(settings, tmp_path):
    from agent.assist import guardrail_checks
    from tests.api.test_api import CATALOG as API_CATALOG, NEED as API_NEED, write_catalog

    a = build_agent(settings)
    a.knowledge.ingest(write_catalog(tmp_path / "catalog.jsonl", API_CATALOG))
    ctx = {"page": "product", "product_sku": "PX8-128", "cart": [{"sku": "PX8-128", "qty": 1}], "budget": 730}
    plan = a.plan(ChatRequest.model_validate({"session_id": "g", "message": API_NEED, "context": ctx}))

    def budget_check(**price):
        offer = Offer(sku="PB-20K", name="PB", kind="cross_sell", currency="USD", uplift_pct=1.0, reason="r", **price)
        return {c.name: c for c in guardrail_checks(offer, plan, a.knowledge.catalog, a.deps.limits)}["budget"]

    assert not budget_check(price=39.0).passed  # 699 + 39 > 730
    assert budget_check(price=29.0, regular_price=39.0, promo_ends_at=ENDS.isoformat()).passed  # 699 + 29 fits


def test_an_upgrade_on_promotion_is_measured_and_worded_on_its_promo_price(settings, tmp_path):
    promos = tmp_path / "promos.csv"
    promos.write_text(f"sku,promo_price,starts_at,ends_at\nPH-256,750,{STARTS.isoformat()},{ENDS.isoformat()}\n")
    a = build_agent(settings)
    a.knowledge.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS), promotions_path=promos)
    a.deps.clock = Clock(DURING)
    r = a.respond(ChatRequest(session_id="up", message="I need more storage for my photos", context=PHONE_PAGE))
    [o] = r.offers
    assert (o.sku, o.kind, o.price, o.regular_price, o.uplift_pct) == ("PH-256", "upsell", 750.0, 800.0, 7.1)
    assert "$750 instead of $800 until 3 Dec ($50 more than the Nova Phone 128 GB)" in r.reply


@pytest.mark.parametrize("lang", ["en", "es", "de", "fr", "ru", "vi"])
def test_the_offline_promotion_wording_names_the_real_end_in_each_language(lang):
    """Localised "$29 instead of $39 until <day>": the day is written so the urgency check reads the real end."""
    from agent.reply.offline import compose_offline

    inp = _input(_offer()).model_copy(update={"language": lang})
    reply = compose_offline(inp)
    assert "$29" in reply and "$39" in reply, reply
    assert check_reply(reply, inp) == [], reply
    late = _input(_offer().model_copy(update={"promo_ends_at": (ENDS + timedelta(days=2)).isoformat()}))
    assert check_reply(reply, late.model_copy(update={"language": lang})), reply  # another end is not backed
