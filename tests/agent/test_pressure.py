"""Pressure wording (Mathur et al. 2019 taxonomy): 30+ manipulative and 30+ honest sentences."""

from datetime import datetime, timezone

import pytest

from agent.reply.pressure import LOW_STOCK, find_pressure
from knowledge.models import Product

POSITIVE = [
    ("This price is only today, so grab it.", "false_urgency"),
    ("Today only: the case ships with it.", "false_urgency"),
    ("Hurry, the bundle is popular!", "false_urgency"),
    ("Hurry up before the weekend.", "false_urgency"),
    ("The offer ends soon.", "false_urgency"),
    ("This sale ends tonight at midnight.", "false_urgency"),
    ("Act now and upgrade your phone.", "false_urgency"),
    ("It's a limited time price.", "false_urgency"),
    ("It's a limited-time bundle.", "false_urgency"),
    ("Don't wait on this one.", "false_urgency"),
    ("Buy it now before it's too late.", "false_urgency"),
    ("Only 2 left in our warehouse!", "unbacked_scarcity"),
    ("There are just 3 remaining.", "unbacked_scarcity"),
    ("These are selling fast.", "unbacked_scarcity"),
    ("The power bank is almost gone.", "unbacked_scarcity"),
    ("It's in high demand this week.", "unbacked_scarcity"),
    ("Stock is running out.", "unbacked_scarcity"),
    ("No thanks, I like a dead phone.", "confirmshaming"),
    ("Are you sure you want to miss out on all-day battery?", "confirmshaming"),
    ("You'll regret not having a case.", "confirmshaming"),
    ("Smart shoppers always buy the bundle.", "confirmshaming"),
    ("As I said, the charger is worth it.", "nagging"),
    ("Still not convinced? Look at the battery.", "nagging"),
    ("Let me mention the case one more time.", "nagging"),
    ("Last chance to add the power bank.", "nagging"),
    ("Like I said, it's a great add-on.", "nagging"),
    ("You need to buy a screen protector.", "pressured_selling"),
    ("You must get the 256 GB model.", "pressured_selling"),
    ("Don't miss out on this charger.", "pressured_selling"),
    ("You'd be crazy not to take it.", "pressured_selling"),
    ("What are you waiting for?", "pressured_selling"),
    ("It's a must-have for travellers.", "pressured_selling"),
    ("I've added it to your cart.", "sneaking"),
    ("I went ahead and added the case to your cart.", "sneaking"),
    ("The warranty is automatically included.", "sneaking"),
    ("The insurance option is pre-selected for you.", "sneaking"),
    # other languages
    ("¡Solo hoy! Date prisa.", "false_urgency"),
    ("Nur heute zum Sonderpreis.", "false_urgency"),
    ("Dépêchez-vous, l'offre se termine.", "false_urgency"),
    ("Только сегодня!", "false_urgency"),
    ("Nhanh tay lên nào!", "false_urgency"),
    ("No te lo pierdas.", "pressured_selling"),
    ("Nur noch 2 auf Lager.", "unbacked_scarcity"),
    ("Не упустите шанс.", "pressured_selling"),
]

NEGATIVE = [
    "If you'd like, the power bank is $39.",
    "No pressure — happy to keep it to the phone.",
    "It's in stock and ships tomorrow.",
    "There's no rush, take your time.",
    "There's no need to hurry.",
    "You don't have to buy anything else.",
    "Whenever you're ready, it's here.",
    "The Nova X8 supports wireless charging.",
    "It weighs 187 g.",
    "It has a 4500 mAh battery, enough for a full day for most people.",
    "If it helps, a case protects the screen from drops.",
    "Feel free to ask me anything about it.",
    "Happy to help with your order.",
    "The case fits the Nova X8.",
    "You can add it to your cart whenever you're ready.",
    "Our support team can help with returns.",
    "No problem at all — I won't suggest anything else.",
    "The charger outputs 20 W.",
    "Let me know if you have questions.",
    "It comes in black and blue.",
    "Most shoppers pick the 128 GB version, but 256 GB gives you more room.",
    "Good question — the description doesn't say.",
    "The screen is 6.1 inches.",
    "I can't change prices or offer discounts.",
    "You might also like a screen protector, if you want one.",
    "This is a popular colour.",
    "It's a good fit for travel.",
    "You could also keep your current charger.",
    "Thanks for your patience!",
    "Your order number is on the confirmation email.",
    "Gracias por tu mensaje.",
    "Danke für Ihre Nachricht!",
    "It lasts the whole day on a single charge.",
    "Sure — just say the word if you'd like it.",
]


@pytest.mark.parametrize("sentence,category", POSITIVE)
def test_manipulative_wording_is_flagged(sentence, category):
    hits = find_pressure(sentence)
    assert category in {h.category for h in hits}, (sentence, hits)
    assert all(h.phrase and h.phrase.lower() in sentence.lower() for h in hits)


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_honest_wording_is_not_flagged(sentence):
    assert find_pressure(sentence) == []


def test_counts():
    assert len(POSITIVE) >= 30 and len(NEGATIVE) >= 30


def _product(stock, **attributes):
    return Product(sku="PB-20K", name="PowerBank 20K", price=39, category="Power", stock=stock, attributes=attributes)


def test_numeric_scarcity_is_fine_when_stock_backs_it():
    text = "Only 3 left of the power bank."
    assert find_pressure(text, [_product(3)]) == []
    assert find_pressure(text, [_product(2)]) == []
    assert [h.category for h in find_pressure(text, [_product(40)])] == ["unbacked_scarcity"]
    assert [h.category for h in find_pressure(text, [_product(None)])] == ["unbacked_scarcity"]
    assert [h.category for h in find_pressure(text)] == ["unbacked_scarcity"]


def test_vague_scarcity_needs_low_stock_and_popularity_is_never_backed():
    assert find_pressure("It's almost gone.", [_product(LOW_STOCK)]) == []
    assert find_pressure("It's almost gone.", [_product(LOW_STOCK + 1)])
    assert find_pressure("It's selling fast.", [_product(1)])


def test_sale_deadline_is_flagged_only_when_false():
    text = "This sale ends on Sunday."
    assert [h.category for h in find_pressure(text)] == ["false_urgency"]
    # A merchant attribute does not back it: only an offer's live promotion does (CONTRACTS section 7).
    assert find_pressure(text, [_product(10, sale_ends="2026-12-06")])
    monday = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)
    assert find_pressure(text, deadlines=[datetime(2026, 12, 6, 23, 59, tzinfo=timezone.utc)], now=monday) == []


def test_curly_apostrophes_are_normalised():
    assert find_pressure("Don’t miss out!")
    assert find_pressure("There’s no need to hurry.") == []
