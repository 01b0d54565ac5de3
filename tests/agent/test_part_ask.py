"""A question about a part the item comes without is a need for that part."""

from __future__ import annotations

from agent.schemas import Signal
from agent.signals.part_ask import mark_part_asks
from knowledge.models import Product
from knowledge.requirements import lacking_parts, names_part

DASHCAM = Product(sku="DC", name="RoadEye D2 dash cam", price=89.0, category="Car > Dash Cams",
                  description="1440p front camera with night vision. microSD card not included.")
CARD = Product(sku="SD", name="RoadEye endurance microSD card 64 GB", price=14.0, category="Car > Dash Cams")
MOUNT = Product(sku="MNT", name="Windscreen mount", price=9.0, category="Car > Dash Cams")


def test_the_parts_a_held_item_lacks_are_those_no_other_held_item_supplies():
    assert lacking_parts([DASHCAM]) == frozenset({"card"})
    assert lacking_parts([DASHCAM, CARD]) == frozenset()
    assert lacking_parts([MOUNT]) == frozenset()
    assert names_part("it needs a memory card too, right?", frozenset({"card"}))
    assert not names_part("is the picture good at night?", frozenset({"card"}))


def test_a_question_naming_the_lacking_part_becomes_a_need():
    question = Signal(type="question", text="wait it doesn't come with a memory card??")
    out = mark_part_asks([question], [DASHCAM])
    assert [(s.type, s.text) for s in out] == [("question", question.text), ("need", question.text)]


def test_no_part_need_when_the_part_is_held_or_not_named_or_the_shopper_reports_a_problem():
    question = Signal(type="question", text="it needs a card too, right?")
    assert mark_part_asks([question], [DASHCAM, CARD]) == [question]
    other = Signal(type="question", text="does it record at night?")
    assert mark_part_asks([other], [DASHCAM]) == [other]
    support = Signal(type="support", text="the card slot is broken")
    assert mark_part_asks([question, support], [DASHCAM]) == [question, support]
