"""Needs however they are phrased: pain points, worries, plans, groups, asks for better/cheaper, in six languages.

The held-out table (tests/agent/heldout_needs_table.py) was written before tuning and is never copied into the
examples file; figures are printed (``pytest -s``) and bench/bench_signals.py compares encoders on it.
"""

from __future__ import annotations

import pytest

from agent.candidates import CandidateDeps, gather_candidates
from agent.candidates.gather import heard_signals
from agent.schemas import CartLine, ChatContext, Signal
from agent.signals import IMPLICIT_CONFIDENCE, OfflineSignalDetector, is_implicit, load_examples, shared_encoder
from agent.turn import TurnFacts
from agent.types import PolicyLimits, SessionState
from tests.agent.heldout_needs_table import HELDOUT_MULTI, LANGS, figures, show
from tests.agent.test_candidates import CATALOG, RELATIONS, FakeIndex


@pytest.fixture(scope="module")
def use_detector() -> OfflineSignalDetector:
    det = OfflineSignalDetector(shared_encoder())
    det.warm_up()
    return det


def _needs(det, message, context=None):
    return [s for s in det.detect(message, context) if s.type == "need" and not is_implicit(s)]


# --- the held-out table ------------------------------------------------------------------------------------
def test_heldout_table_is_balanced_and_held_out():
    langs = {lang for lang, _, _ in HELDOUT_MULTI}
    assert langs == set(LANGS)
    for lang in LANGS:
        assert sum(1 for row in HELDOUT_MULTI if row[0] == lang) >= 20
    lines = {t.lower() for items in load_examples().values() for t in items}
    assert not lines & {m.lower() for _, _, m in HELDOUT_MULTI}


def test_heldout_figures_multilingual_encoder_beats_patterns(use_detector):
    plain = OfflineSignalDetector()
    before = figures(lambda m, _lang: plain.detect(m))
    after = figures(lambda m, _lang: use_detector.detect(m))
    print("\n" + show("patterns only", before) + "\n" + show("patterns + USE examples", after))
    # Patterns alone hear few of these (they were written for wish words and worries: 0.256); the examples hear
    # most of them, in every language, without a rule per sentence and without calling small talk or questions a need.
    assert before["total"]["need_recall"] < 0.30
    assert after["total"]["need_recall"] >= 0.7
    assert after["total"]["accuracy"] >= 0.78
    assert after["total"]["need_false_positive"] <= 0.05
    for lang in ("en", "es", "de", "fr", "ru"):
        assert after["lang"][lang] >= 0.75, (lang, after["lang"])
    assert after["lang"]["vi"] >= 0.6  # Vietnamese goes through the glossary: weaker, still far above patterns
    for kind in ("question", "smalltalk", "decline", "fine"):
        assert after["kind"][kind] == 1.0, kind


# --- support vs need ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "message",
    [
        "my battery dies by noon",
        "the water bowl ends up all over the kitchen floor",
        "I'm nervous about leaving it in the car overnight",
        "we had to turn back halfway because of the rain",
        "all four of us will be sleeping in it",
        "Im Zelt wird es nachts eiskalt",
        "j'ai peur que ça ne tienne pas tout l'hiver",
    ],
)
def test_usage_problems_and_worries_are_needs(use_detector, message):
    signals = use_detector.detect(message)
    assert _needs(use_detector, message), signals
    assert "support" not in {s.type for s in signals}


@pytest.mark.parametrize(
    "message",
    [
        "we camp in the wet a lot these days and honestly don't want to wake up in a puddle again",
        "my shifts keep changing and I don't want to miss my morning runs",
    ],
)
def test_not_wanting_an_outcome_is_a_worry_not_contentment(use_detector, message):
    assert _needs(use_detector, message), use_detector.detect(message)


@pytest.mark.parametrize(
    "message",
    [
        # annoyance, in five languages besides English
        "Le câble se coince dans la porte à chaque fois, c'est vraiment agaçant.",
        "Se me enreda el cable cada mañana, es un fastidio.",
        "Das Kabel verheddert sich ständig, das nervt.",
        "Каждый раз провод путается, это раздражает.",
        "Dây cứ rối hoài, thật khó chịu.",
        # drying out, something going wrong "on me", a worry said without a subject
        "my herb pots dry out every time we go away for the weekend",
        "Las macetas se me secan en dos días con este calor.",
        "Die Kräuter auf dem Balkon vertrocknen mir jeden Sommer.",
        "На даче рассада постоянно пересыхает, пока меня нет.",
        "Los cuchillos se me oxidan en cuanto los dejo mojados.",
        "Con mèo hay nhảy lên bàn, sợ làm đổ cốc nước.",
        # a battery eaten or low
        "navigation eats my phone battery on every long drive",
        "by the evening hike my headlamp's charge is down to 15 percent",
        # falling short of a length or an area
        "the hall is 6 m long, a 4 m runner won't cover it",
    ],
)
def test_annoyance_and_falling_short_are_pain_points(message):
    assert "need" in [s.type for s in OfflineSignalDetector().detect(message)]


@pytest.mark.parametrize(
    "message", ["my gloves are soaked after nine holes, what do people even do about that?",
                "the strings hurt my fingers. how do most guitarists deal with it?"],
)
def test_asking_what_others_do_about_a_trouble_is_a_need(message):
    needs = [s for s in OfflineSignalDetector().detect(message) if s.type == "need"]
    assert needs and not needs[0].text.lower().startswith(("what", "how"))


@pytest.mark.parametrize("message", ["I don't want to buy anything else", "I don't really need anything more"])
def test_not_wanting_more_is_no_need(use_detector, message):
    assert not _needs(use_detector, message)


@pytest.mark.parametrize(
    "message",
    [
        "the battery I bought from you is faulty",
        "the lamp you sent me arrived broken",
        "la bomba que os compré dejó de funcionar",
        "заказ пришёл повреждённым",
    ],
)
def test_problems_with_a_bought_item_are_support_not_need(use_detector, message):
    signals = use_detector.detect(message)
    assert "support" in {s.type for s in signals}, signals
    assert not _needs(use_detector, message)


# --- explicit better / cheaper -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "message,wants",
    [
        ("Anything better for a bit more?", "better"),
        ("what's the step up from this?", "better"),
        ("Is there a cheaper one?", "cheaper"),
        ("That's steep. Got anything more affordable?", "cheaper"),
        ("¿Tienen algo mejor?", "better"),
        ("Haben Sie das auch günstiger?", "cheaper"),
        ("Есть что-нибудь подешевле?", "cheaper"),
    ],
)
def test_explicit_better_or_cheaper_is_a_need_with_wants(use_detector, message, wants):
    needs = _needs(use_detector, message)
    assert needs and needs[0].wants == wants, use_detector.detect(message)


@pytest.mark.parametrize(
    "message",
    ["My budget is 500", "I wish I could make bread at home", "How much does it weigh?", "Do I get a discount?"],
)
def test_no_wants_without_an_ask_for_another_version(use_detector, message):
    assert all(s.wants is None for s in use_detector.detect(message))


def test_a_figure_with_a_unit_is_no_price(use_detector):
    """'Only have a 25 cm pocket' reads like 'I only have 25 dollars' to the encoder; a size is no cheaper ask. Said
    with a word of price, the same figure leaves the cheaper ask alone."""
    # A regression: the encoder put this nearest the cheaper examples, and the agent answered "no add-ons".
    assert all(s.wants != "cheaper" for s in use_detector.detect("my sheets only have a 25 cm pocket"))
    assert any(s.wants == "cheaper" for s in use_detector.detect("the 25 cm one is too expensive, anything cheaper?"))


@pytest.mark.parametrize(
    "text, measures_only",
    [("a 25 cm pocket", True), ("2 kg and 64 GB", True), ("25 cm for 30 dollars", False), ("I only have 25", False),
     ("no figures at all", False)],
)
def test_figures_are_measures(text, measures_only):
    from agent.signals.detector import _figures_are_measures

    assert _figures_are_measures(text) is measures_only


# --- implicit needs ----------------------------------------------------------------------------------------
def test_usage_statement_is_an_implicit_need_and_smalltalk_none(use_detector):
    signals = use_detector.detect("we spend nearly every weekend out on the water")
    implicit = [s for s in signals if is_implicit(s)]
    assert implicit and implicit[0].confidence == IMPLICIT_CONFIDENCE
    for message in ("good evening", "thanks, that's all", "I like the colour"):
        assert not any(s.type == "need" for s in use_detector.detect(message))


def _gather(signals, search):
    context = ChatContext(page="product", product_sku="PX8-128", cart=[CartLine(sku="PX8-128")])
    facts = TurnFacts.build(context=context, state=SessionState(session_id="s"), signals=signals, catalog=CATALOG)
    deps = CandidateDeps(catalog=CATALOG, relations=RELATIONS, search=search, limits=PolicyLimits())
    return gather_candidates(facts, signals, deps)


def test_implicit_need_is_heard_only_through_a_strong_related_match():
    implicit = Signal(type="need", text="I'm always out and about", confidence=IMPLICIT_CONFIDENCE)
    # The case is made for the phone in focus (compatible relation) and the search puts it close to the need.
    strong = _gather([implicit], FakeIndex(CATALOG, overrides={"CASE-X8": 0.6, "PB-20K": 0.05}, others=0.05))
    answered = {c.product.sku for c in strong if c.need is implicit}
    assert answered == {"CASE-X8"}
    assert heard_signals([implicit], strong) == [implicit]
    # A weak match, or a strong match by something unrelated to what they hold, is not heard.
    weak = _gather([implicit], FakeIndex(CATALOG, others=0.12))
    assert not any(c.need is implicit for c in weak)
    assert heard_signals([implicit], weak) == []
    unrelated = _gather([implicit], FakeIndex(CATALOG, overrides={"GRINDER": 0.9}, others=0.05))
    assert not any(c.need is implicit for c in unrelated)
    # The same words stated as a need are searched as usual: the unrelated grinder may answer them.
    stated = Signal(type="need", text=implicit.text, confidence=0.8)
    assert any(c.need is stated for c in _gather([stated], FakeIndex(CATALOG, overrides={"GRINDER": 0.9}, others=0.05)))


def test_a_stated_need_silences_implicit_ones():
    implicit = Signal(type="need", text="phone case", confidence=IMPLICIT_CONFIDENCE)
    stated = Signal(type="need", text="battery lasted all day", confidence=0.9)
    cands = _gather([implicit, stated], FakeIndex(CATALOG))
    assert not any(c.need is implicit for c in cands)
    assert heard_signals([implicit, stated], cands) == [stated]


def test_wants_need_never_picks_an_add_on():
    cheaper = Signal(type="need", text="is there a cheaper phone case", confidence=0.8, wants="cheaper")
    cands = _gather([cheaper], FakeIndex(CATALOG, overrides={"CASE-X8": 0.9}))
    assert not any(c.need is cheaper and c.kind == "cross_sell" for c in cands)


# Detection latency is measured by bench/bench_signals.py (median, p95, max), never timed in a test.


@pytest.mark.parametrize(
    "message",
    [
        "El cortasetos que compré no arranca",
        "Die Pumpe, die ich bekommen habe, ist undicht",
        "La lampe que j'ai reçue ne s'allume pas",
        "Фонарик, который я купил, сломался",
        "Cái ấm tôi vừa mua bị hỏng rồi",
        # Stuck parts, dead pixels, a mechanical noise; a device that stopped working (vi "ngừng hoạt động").
        "the monitor I ordered from you has two dead pixels",
        "the leg lock on the tripod I got from you is stuck",
        "the fan I bought here last month makes a rattling noise",
        "Cái quạt tôi mua tháng trước đã ngừng hoạt động",
        # Damaged on arrival with words in between; a device that will not charge (ru).
        "my overlocker turned up with a cracked looper cover",
        "Ma machine est arrivée avec le volant fendu",
        "El paquete llegó con la tapa rajada",
        "Резак пришёл, но не заряжается",
    ],
)
def test_bought_and_broken_is_support_in_every_language(message):
    signals = OfflineSignalDetector().detect(message)
    assert {s.type for s in signals} == {"support"}, signals


def test_an_old_broken_thing_is_still_a_need_not_support():
    signals = OfflineSignalDetector().detect("my old kettle broke, I need a new one")
    assert {s.type for s in signals} == {"need"}


@pytest.mark.parametrize(
    "message, span",
    [
        ("also need something for his nails, but I'm done buying AA batteries", "something for his nails"),
        ("ok need a case for it", "a case for it"),
        ("still want a way to charge it in the car", "a way to charge it in the car"),
    ],
)
def test_a_need_said_without_its_subject_is_heard_by_its_phrase(message, span):
    needs = [s for s in OfflineSignalDetector().detect(message) if s.type == "need"]  # patterns only, no encoder
    assert needs and needs[0].text.startswith(span)


@pytest.mark.parametrize("message", ["I don't need anything else", "they need a new one at school", "no need, thanks"])
def test_a_refusal_or_someone_else_s_need_is_no_subjectless_need(message):
    assert not [s for s in OfflineSignalDetector().detect(message) if s.type == "need"]


@pytest.mark.parametrize(
    "message",
    ["order placed! which filament should I grab to go with it?", "which needles should I order for this yarn?"],
)
def test_asking_what_to_get_with_any_verb_of_getting_is_a_need(message):
    assert [s.type for s in OfflineSignalDetector().detect(message) if s.type == "need"] == ["need"]


@pytest.mark.parametrize(
    "message",
    [
        "Ach, und eine hellere Schreibtischlampe wäre eigentlich auch nicht schlecht.",
        "Una lámpara más brillante estaría bien.",
        "Une lampe plus lumineuse, ce serait bien.",
        "Лампа поярче была бы кстати.",
        "a case would be handy",
    ],
)
def test_a_thing_that_would_help_is_a_need(use_detector, message):
    assert [s.type for s in use_detector.detect(message)] == ["need"]


@pytest.mark.parametrize("message", ["that would be great", "Das wäre super", "Eso estaría bien", "Это было бы кстати"])
def test_that_would_be_great_names_no_thing(use_detector, message):
    assert "need" not in [s.type for s in use_detector.detect(message, offer_pending=False)]


def test_what_the_examples_hear_wins_over_would_be_good(use_detector):
    # The examples read the direction ("the price is secondary"): the fallback phrase must not take its place.
    signals = use_detector.detect("etwas Robusteres wäre gut, der Preis ist zweitrangig")
    assert [(s.type, s.wants) for s in signals] == [("need", "better")]


@pytest.mark.parametrize(
    ("message", "span"),
    [
        ("while I'm here, we're off to the beach soon, anything to keep the sand off it?", "anything to keep the sand off it"),
        ("Anything I should grab so the poles don't clack on pavement?", "Anything I should grab so the poles don't clack on pavement"),
        ("is there anything for the glare on the screen?", "anything for the glare on the screen"),
    ],
)
def test_an_ask_for_a_thing_inside_a_question_is_a_need(use_detector, message, span):
    needs = [s.text for s in use_detector.detect(message) if s.type == "need"]
    assert needs == [span]


@pytest.mark.parametrize(
    ("message", "span"),
    [
        ("What do I use to mount it on my kayak?", "What do I use to mount it on my kayak"),
        ("and what would I use so the lid stays shut in the car?", "what would I use so the lid stays shut in the car"),
    ],
)
def test_what_to_use_for_a_stated_purpose_is_a_need(message, span):
    # The purpose after "what do I use" is the need; "what should I use?" alone names nothing (next test).
    needs = [s.text for s in OfflineSignalDetector().detect(message) if s.type == "need"]
    assert needs == [span]


@pytest.mark.parametrize("message", ["What do I use?", "what do I use to pay?", "which one do I use for it?"])
def test_what_to_use_without_a_purpose_is_no_need(message):
    assert "need" not in [s.type for s in OfflineSignalDetector().detect(message)]


@pytest.mark.parametrize(
    ("message", "span"),
    [
        ("do you do a leather cover for it?", "a leather cover for it"),
        ("while I wait, do you have PETG that runs on it?", "PETG that runs on it"),
        ("what I do want is to lock it somehow", "lock it somehow"),
        ("what we really need is more light in the hallway", "more light in the hallway"),
    ],
)
def test_asks_in_british_bare_and_cleft_form_are_needs(message, span):
    needs = [s.text for s in OfflineSignalDetector().detect(message) if s.type == "need"]
    assert needs == [span]


@pytest.mark.parametrize(
    "message",
    ["do you do returns?", "do you do a student discount?", "do you have stock that ships today?", "what I want is it"],
)
def test_service_asks_and_the_item_itself_are_no_cleft_or_bare_need(message):
    assert "need" not in [s.type for s in OfflineSignalDetector().detect(message)]


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("what I do want is to lock it somehow", False),
        ("what actually keeps me awake is the cabin lights", False),
        ("what size is the tent", True),
        ("what is it made of", True),
        ("what I need is a bigger tent?", True),  # the question mark says it is asked
    ],
)
def test_a_statement_that_puts_its_point_last_is_no_question(message, asks):
    from agent.signals.phrases import is_question

    assert is_question(message) is asks


@pytest.mark.parametrize(
    "message, span",
    [
        ("I'm missing a reel for this rod.", "a reel for this rod"),
        ("we still don't have a cover for it", "a cover for it"),
        ("Me falta un carrete para esta caña, pero no quiero gastar más de 55 dólares.", "un carrete para esta caña"),
        ("Il me manque un support pour le kayak.", "un support pour le kayak"),
        ("Mir fehlt noch eine Matte für den Boden.", "eine Matte für den Boden"),
        ("Mình còn thiếu cái sạc cho đèn này.", "cái sạc cho đèn này"),
    ],
)
def test_what_the_shopper_still_lacks_is_a_need_in_six_languages(message, span):
    needs = _needs(OfflineSignalDetector(), message)
    assert [n.text for n in needs] == [span]


@pytest.mark.parametrize("message", ["my order is missing a part", "me falta tiempo", "the manual is missing"])
def test_a_missing_part_of_an_order_or_a_lack_of_time_is_no_need(message):
    assert _needs(OfflineSignalDetector(), message) == []


@pytest.mark.parametrize(
    "message, span",
    [
        ("¿Tenéis un soporte para la pared?", "¿Tenéis un soporte para la pared"),
        ("Vous avez des lames de rechange ?", "Vous avez des lames de rechange"),
        ("Habt ihr auch ein Stativ?", "Habt ihr auch ein Stativ"),
        # The thing asked for may come before the asking words.
        ("А маленький штатив у вас есть? Хочу снимать себя.", "А маленький штатив у вас есть"),
        ("Bên bạn có bán bình gas không?", "Bên bạn có bán bình gas không"),
    ],
)
def test_asking_the_shop_for_a_thing_is_a_need_in_other_languages(message, span):
    needs = _needs(OfflineSignalDetector(), message)
    assert span in [n.text for n in needs]


@pytest.mark.parametrize(
    "message",
    ["У вас есть другой цвет?", "Habt ihr auch eine andere Farbe?", "Vous avez une autre taille ?",
     "Bên bạn có bán màu khác không?"],
)
def test_asking_the_shop_for_another_look_or_size_is_no_need(message):
    assert _needs(OfflineSignalDetector(), message) == []


def test_a_cheaper_thing_asked_of_the_shop_stays_a_cheaper_ask():
    from agent.signals.patterns.needs import OTHER_ASK_STOP

    assert OTHER_ASK_STOP.search("¿Tenéis alguna batería más barata que valga para mi bici?")
    assert OTHER_ASK_STOP.search("У вас есть такой же, но подешевле?")


def test_a_budget_beside_a_complaint_does_not_make_it_a_mere_hint(use_detector):
    # Read whole, the budget words pulled the complaint down to an implicit need (0.3), which only a linked add-on
    # may answer; read apart from the budget it is a stated one.
    message = "my interview clips sound hollow and far away, the built in mic is useless. I'll put up to 80 dollars toward fixing it"
    signals = use_detector.detect(message)
    assert {s.type for s in signals} >= {"need", "budget"}
    assert [s for s in signals if s.type == "need" and not is_implicit(s)]


def test_a_sentence_that_is_only_a_budget_is_no_need_text(use_detector):
    # The encoder heard a need in the whole message; the only statement to pin it on was the budget.
    message = "Et il existe un modèle qu'on peut lire dans le noir, pour ne pas allumer la lumière la nuit ? Pas plus de 45 dollars."
    signals = use_detector.detect(message)
    assert "budget" in {s.type for s in signals}
    assert not [s for s in signals if s.type == "need" and "45" in s.text]


@pytest.mark.parametrize(
    "message, span",
    [
        ("Tôi muốn mua thêm cân hành lý nhưng chỉ chi thêm tối đa 15 đô.", "mua thêm cân hành lý"),
        ("Quiero comprar otra funda para el viaje", "comprar otra funda"),
        ("Хочу купить ещё один чехол", "купить ещё один чехол"),
        ("Je voudrais acheter encore une housse", "acheter encore une housse"),
    ],
)
def test_buying_more_of_something_names_a_thing_wanted_in_every_language(message, span):
    needs = [s for s in OfflineSignalDetector().detect(message) if s.type == "need"]
    assert needs and needs[0].text.startswith(span) and needs[0].wants is None


@pytest.mark.parametrize("message", ["Tôi muốn mua cái này.", "Quiero comprarlo", "Хочу купить его", "Je veux acheter ça"])
def test_buying_the_item_itself_is_no_need(message):
    assert not [s for s in OfflineSignalDetector().detect(message) if s.type == "need"]


def test_each_of_us_wanting_something_is_a_need_of_its_own():
    needs = [s.text for s in OfflineSignalDetector().detect(
        "Both of us will be rowing on it and we each want to see our own heart rate while we train") if s.type == "need"]
    assert any(n.startswith("see our own heart rate") for n in needs)


@pytest.mark.parametrize(
    "message, span",
    [("Next month we drive through France, and I read you must carry a warning triangle there", "a warning triangle"),
     ("it's mandatory to have a first-aid kit in the car over there", "a first-aid kit")],
)
def test_a_rule_to_carry_something_is_a_need_for_it(message, span):
    needs = [s for s in OfflineSignalDetector().detect(message) if s.type == "need"]
    assert any(n.text.startswith(span) for n in needs)
