"""ModelSignalDetector: the model's signals are used only when every one fits the shopper's message."""

from __future__ import annotations

import pytest

from agent.models.base import ModelError, ModelOutputError
from agent.models.scripted import ScriptedModel
from agent.schemas import ChatContext
from agent.signals import ModelSignalDetector, OfflineSignalDetector, SignalOut, SignalsOut, locate_span

MSG = "I wish my battery lasted all day, but I can't spend over $300"


@pytest.fixture(scope="module")
def offline() -> OfflineSignalDetector:
    return OfflineSignalDetector()


def _detector(offline, *replies) -> tuple[ModelSignalDetector, ScriptedModel]:
    model = ScriptedModel(structured=list(replies))
    return ModelSignalDetector(model, offline), model


def test_valid_model_signals_are_used(offline):
    out = SignalsOut(signals=[SignalOut(type="budget", text="over $300", amount=300),
                              SignalOut(type="need", text="battery lasted all day")])  # fmt: skip
    det, model = _detector(offline, out)
    signals = det.detect(MSG, ChatContext(page="product", product_sku="PX8-128"))
    assert [(s.type, s.text, s.amount) for s in signals] == [
        ("need", "battery lasted all day", None),
        ("budget", "over $300", 300.0),
    ]
    # The model's own words differ from the offline span: proof these came from the model.
    assert offline.detect(MSG)[0].text == "my battery lasted all day"
    call = model.calls[0]
    assert call["schema"] is SignalsOut
    assert call["messages"][-1].content == MSG
    assert "PX8-128" in call["messages"][0].content


def test_dict_output_and_near_span_are_snapped_to_the_message(offline):
    det, _ = _detector(offline, {"signals": [{"type": "need", "text": "battery last all day"}]})
    assert [(s.type, s.text) for s in det.detect(MSG)] == [("need", "battery lasted all day")]


def test_budget_amount_missing_is_read_from_the_span(offline):
    det, _ = _detector(offline, {"signals": [{"type": "budget", "text": "over $300"}]})
    assert [s.amount for s in det.detect(MSG)] == [300.0]


def test_empty_answer_means_no_signals(offline):
    det, _ = _detector(offline, SignalsOut())
    assert det.detect("hi, just browsing today") == []


@pytest.mark.parametrize(
    "reply",
    [
        ModelError("timeout"),
        ModelOutputError("not JSON"),
        {"signals": [{"type": "need", "text": "a longer lasting laptop with a 4K screen"}]},  # not in the message
        {"signals": [{"type": "budget", "text": "over $300", "amount": 3000}]},  # invented amount
        {"signals": [{"type": "wish", "text": "battery lasted all day"}]},  # unknown type (ScriptedModel raises)
        SignalsOut.model_construct(signals=[SignalOut.model_construct(type="wish", text="battery", amount=None)]),
        {"signals": [{"type": "need", "text": "   "}]},
    ],
    ids=["model-error", "output-error", "span-not-in-message", "invented-amount", "unknown-type",
         "unknown-type-unvalidated", "empty-text"],  # fmt: skip
)
def test_bad_or_failed_model_output_falls_back_to_offline(offline, reply):
    det, _ = _detector(offline, reply)
    assert det.detect(MSG) == offline.detect(MSG)


def test_exhausted_model_falls_back(offline):
    det, _ = _detector(offline)  # no structured reply queued: ScriptedModel raises ModelError
    assert det.detect("no thanks") == offline.detect("no thanks")


def test_locate_span():
    assert locate_span("I wish my battery lasted all day!", "My battery lasted all day.") == "my battery lasted all day"
    assert locate_span("my  back   hurts", "my back hurts") == "my  back   hurts"
    assert locate_span("I’d love a bigger bag", "I'd love a bigger bag") == "I’d love a bigger bag"
    assert locate_span("I wish my battery lasted all day", "my laptop is slow") is None


def test_bad_confidence_is_named(offline):
    with pytest.raises(ValueError, match="confidence"):
        ModelSignalDetector(ScriptedModel(), offline, confidence=2)


def test_accept_without_a_pending_offer_is_purchase_intent():
    class Fixed:  # a stand-in model whose structured() always answers "accept"
        def structured(self, messages, schema, *, deadline=None):
            return SignalsOut(signals=[SignalOut(type="accept", text="yes, add it")])

    det = ModelSignalDetector(Fixed(), OfflineSignalDetector())  # type: ignore[arg-type]
    assert [s.type for s in det.detect("yes, add it")] == ["accept"]
    assert [s.type for s in det.detect("yes, add it", offer_pending=False)] == ["purchase_intent"]


def test_model_wants_is_kept_on_needs_only(offline):
    message = "Anything cheaper? My budget is $300"
    out = {"signals": [{"type": "need", "text": "Anything cheaper", "wants": "cheaper"},
                       {"type": "budget", "text": "$300", "amount": 300, "wants": "better"}]}  # fmt: skip
    det, model = _detector(offline, out)
    signals = det.detect(message)
    assert [(s.type, s.wants) for s in signals] == [("need", "cheaper"), ("budget", None)]
    assert "wants" in model.calls[0]["messages"][0].content
