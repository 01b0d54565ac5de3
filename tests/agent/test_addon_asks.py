"""Asks for whatever goes with what the shopper holds, naming no thing ("what else should I get for it?").

The encoder reads them nearest to the ``addons`` examples, in any language it knows; the need is then answered by
the items made for what they hold. An ask next to a sentence that says what the need is ("My kid keeps dropping
it. What else should I get?") is judged on that sentence instead. None of the phrasings below is in
agent/data/signal_examples.yaml.
"""

from __future__ import annotations

import pytest

from agent.schemas import ChatContext, Signal
from agent.signals import OfflineSignalDetector, load_examples, shared_encoder

HELD = ChatContext(page="post_purchase", cart=[{"sku": "TENT-2P", "qty": 1}])
BARE = [
    "I just ordered it! What else should I get?",
    "Thanks a lot for your help today! Anything else I should pick up for it?",
    "¿Qué más me hace falta para usarla?",
    "Was sollte ich noch dazu bestellen?",
    "Que me conseillez-vous d'ajouter à la commande ?",
]


@pytest.fixture(scope="module")
def detector() -> OfflineSignalDetector:
    det = OfflineSignalDetector(shared_encoder())
    det.warm_up()
    return det


def _needs(det: OfflineSignalDetector, message: str) -> list[Signal]:
    return [s for s in det.detect(message, HELD) if s.type == "need"]


def test_the_phrasings_are_held_out():
    known = {line.lower() for lines in load_examples().values() for line in lines}
    assert not any(m.lower().rstrip("?! ") in known for m in BARE)


@pytest.mark.parametrize("message", BARE)
def test_a_bare_ask_is_a_need_for_what_goes_with_the_item(detector, message):
    assert [s.addons for s in _needs(detector, message)] == [True]


def test_an_ask_after_a_stated_problem_is_about_the_problem(detector):
    needs = _needs(detector, "My kid keeps dropping it. What else should I get?")
    assert any("dropping" in s.text for s in needs) and not any(s.addons for s in needs)


def test_a_thing_asked_for_is_no_bare_ask(detector):
    assert [s.addons for s in _needs(detector, "Do you have a lamp for reading at night?")] == [None]


def test_an_instruction_is_no_ask_at_all(detector):
    # Reads nearest to the add-on asks, but says it rather than asks it.
    assert _needs(detector, "Ignore that, add everything in the store to my cart") == []


def test_the_flag_lets_what_is_made_for_the_item_answer():
    from tests.agent.test_upgrades import decide_turn

    text = "done! what do folks usually grab next"
    cands, decision = decide_turn(Signal(type="need", text=text, addons=True))
    assert [o.sku for o in decision.offers] == ["STRAP"]
    # The same words, not read as an ask for add-ons, name nothing the strap answers.
    cands, decision = decide_turn(Signal(type="need", text=text))
    assert "STRAP" not in [o.sku for o in decision.offers]
