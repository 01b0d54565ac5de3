"""A need that asks for another version of the item in focus: "a thicker one", "something warmer than this".

English and its neighbours stand in for the item with a pro-form ("one", "uno", "einen", "un", "cái"); said with a
comparison ("a lighter one", "one that lasts longer", "something warmer than this") it asks for the same kind of
item, better on that point, so the answer is a version of the item (judged on the quantity the comparison names),
never an add-on. A comparison without the pro-form ("I wish it lasted longer") may still be answered by an add-on
(a power bank), so it is not read here.
"""

from __future__ import annotations

import re

from agent.schemas import Signal

_I = re.IGNORECASE
_ADJ_EN = r"(?:[^\W\d_]+er|more\s+[^\W\d_]+|less\s+[^\W\d_]+)"

VERSION_ASK = re.compile(
    # en: "a thicker one", "a more compact model", "a lighter version"
    rf"\b(?:a|an)\s+(?:(?:bit|little|lot|slightly|much)\s+)?{_ADJ_EN}\s+(?:one|version|model)\b|"
    # en: "is there one that…", "do you have one with…", "any that…"
    # (or with the relative pronoun left out: "is there a model you can read in the dark?")
    r"\b(?:is\s+there|are\s+there|have\s+you\s+got|do\s+you\s+(?:have|sell|make)|any)\s+(?:one|ones|any|a\s+version|"
    r"a\s+model)\s+(?:that|which|with|where|(?:you|I|we)\s+(?:can|could)\b)\b|"
    # en: "does this come any bigger?", "does it go any heavier?", "do they come in a longer size?"
    rf"\b(?:does|do|can|will)\s+(?:it|this|that|these|those|they)(?:\s+one)?\s+(?:come|go|get)\s+(?:in\s+)?(?:any|a)\s+"
    rf"(?:(?:bit|little|lot)\s+)?{_ADJ_EN}\b|"
    # "a version of this lantern that…", "une version de cette lanterne qui…", "una versión que…", "eine Version, die…",
    # "версия, которая…", "phiên bản nào…": a version of the item asked for by what it should do, in the six languages
    r"\b(?:(?:is|are)\s+there|do\s+you\s+(?:have|sell|make|do)|have\s+you\s+got|got|need|want|looking\s+for)\s+"
    r"(?:a|an|any)\s+(?:[^\W\d_]+\s+)?(?:version|model)\s+(?:of\s+(?:this|that|the|it)\b(?:\s+[^\W\d_]+){0,2}\s+)?(?:that|which|with)\b|"
    r"\b(?:une?|d['’]une?)\s+(?:version|mod[eè]le)\s+(?:de\s+(?:cette|ce|cet)\s+[^\W\d_]+\s+)?(?:qui|avec|qu['’]on|que)\b|"
    r"\b(?:una?|alguna?)\s+(?:versi[oó]n|modelo)\s+(?:de\s+(?:este|esta|ese|esa)\s+[^\W\d_]+\s+)?(?:que|con)\b|"
    r"\b(?:eine|ein|einer)\s+(?:[^\W\d_]+ere[snm]?\s+)?(?:Version|Modell|Ausführung)\s*,?\s+(?:(?:davon|von\s+[^\W\d_]+\s+[^\W\d_]+)\s*,?\s+)?"
    r"(?:die|das|mit)\b|"
    r"(?<!\w)(?:верси[яюи]|модел[ьи])[\s,]+(?:[^\W\d_]+[\s,]+){0,2}(?:котор[^\W\d_]+|с)(?!\w)|"
    r"(?<!\w)(?:phiên\s+bản|mẫu)\s+(?:nào|khác)(?!\w)|"
    # en: "anything with more juice?", "one with less weight": more or less of a quantity of the item
    r"\b(?:anything|one|ones)\s+with\s+(?:a\s+(?:bit|little|lot)\s+|much\s+)?(?:more|less)\s+(?!than\b)[^\W\d_]+|"
    # en: "the next size up", "one size bigger", "a size down"
    r"\b(?:next|one|a)\s+size\s+(?:up|down|bigger|smaller|larger)\b|"
    # en: "something warmer than this", "anything lighter than mine"
    rf"\b(?:something|anything)\s+(?:(?:a\s+)?(?:bit|little|lot)\s+)?{_ADJ_EN}\s+than\s+(?:this|that|these|those|it|"
    r"mine|the\s+one|my\s+\w+)\b|"
    # en: "something warmer for late-season trips?", "anything quieter?": a quantity of the item, said with what it
    # is for or nothing after ("something better for dry skin" names no quantity: it may be another kind of thing)
    rf"\b(?:something|anything)\s+(?:(?:a\s+)?(?:bit|little|lot)\s+)?(?!(?:other|under|over|after|ever|never|either|"
    rf"neither|whatever|together|rather|further|better)\b){_ADJ_EN}\s*(?:$|[?.!]|\b(?:for|to|on|in)\b)|"
    # es: "uno más ligero", "algo más resistente" (not "algo más para el viaje": something else)
    r"\b(?:uno|una|alguno|alguna|algo|otro|otra)\s+(?:un\s+poco\s+)?m[aá]s\s+(?!para\b|que\b|de\b|por\b)[^\W\d_]+[oae]s?\b|"
    # de: "einen leichteren", "etwas Wärmeres", "eine dickere"
    # (lower case after an article: "eine Schere" is a noun; "eine weitere" is one more of the same)
    r"\b(?:eine[nm]?\s+(?!weiter)(?-i:[a-zäöüß]{2,}ere[nrs]?)|(?:etwas|was)\s+[^\W\d_]{2,}ere[nrs]?)\b|"
    # fr: "un plus léger", "quelque chose de plus chaud"
    r"\b(?:un|une|quelque\s+chose\s+de|rien\s+de)\s+plus\s+(?!pour\b|de\b|que\b)[^\W\d_]{3,}|"
    # ru: "что-нибудь потеплее", "какой-нибудь полегче", "что-то побольше" (comparatives in -ее/-ей and -че/-ше/-ще/-же/-ле)
    r"(?<!\w)(?:что-нибудь|что-то|какой-нибудь|какую-нибудь|такой\s+же|такую\s+же)\s+(?:по)?[^\W\d_]+(?:е[ей]|[чшщжл]е)(?!\w)|"
    # vi: "cái nào nhẹ hơn", "loại ấm hơn"
    r"(?<!\w)(?:cái|loại|chiếc)\s+(?:nào\s+)?[^\W\d_]+(?:\s+[^\W\d_]+)?\s+hơn(?!\w)",
    _I,
)


# en: "I need one that lasts longer", "want one with a longer cable", "one that charges faster" (the need's words):
# the pro-form stands for the item, unless the message names another thing it may stand for (see mark_version_asks).
ONE_THAT = re.compile(
    r"(?:\b(?:need|want|like|looking\s+for|prefer|get)\s+(?:a\s+new\s+)?|^\s*)one\s+(?:that|which|with)\b", _I
)


def asks_for_version(text: str, pro_form: bool = True) -> bool:
    """Whether a need's words ask for another version of the item (a pro-form with a comparison); with
    ``pro_form`` False, "one that …" alone does not."""
    return bool(VERSION_ASK.search(text) or (pro_form and ONE_THAT.search(text)))


#: How sure a version ask read from the message alone is (a phrase found it; no encoder reading backs it).
ASKED_VERSION_CONFIDENCE = 0.7
#: Signals after which a version ask in the same message is no need: a problem, a refusal, a yes, buying.
_NOT_ASKING = frozenset({"support", "decline", "accept", "purchase_intent", "unsettled"})


def mark_version_asks(
    signals: list[Signal], has_focus: bool, message: str = "", names_other: bool = False
) -> list[Signal]:
    """The signals with ``version`` set on each need that asks for another version of the item in focus.

    A need asks for one when its own words do ("a thicker one") or when it sits in the sentence that asks ("Is
    there one that gets my hair straight faster?"). When no need heard asks for a version but the message does
    ("Vous n'avez rien de plus rapide ?", "does this come any bigger? the whole flat drinks tea"), that ask is a
    need of its own.

    ``names_other``: the message names another kind of thing the shopper might want ("doesn't come with a charger,
    right? I want one that charges fast"), so "one that …" may stand for that, not for the item.
    """
    # Imported here: agent.signals.direction reads version asks itself.
    from agent.signals.direction import stated_direction

    if not has_focus:
        return signals
    pro_form = not names_other
    found = [*VERSION_ASK.finditer(message), *(ONE_THAT.finditer(message) if pro_form else ())]
    asking = [_sentence(message, m.start(), m.end()) for m in sorted(found, key=lambda m: m.start())]
    marked = [
        # A bare comparison of quality or price ("что-нибудь получше?") also says which way the version lies.
        s.model_copy(update={"version": True, "wants": stated_direction(s.text)})
        if s.type == "need" and s.wants is None
        and (asks_for_version(s.text, pro_form) or any(s.text in a for a in asking))
        else s
        for s in signals
    ]
    if not asking or any(s.version or s.type in _NOT_ASKING for s in marked):
        return marked
    ask = asking[0]
    return [*marked, Signal(type="need", text=ask, version=True, wants=stated_direction(ask),
                            confidence=ASKED_VERSION_CONFIDENCE)]


def _sentence(message: str, start: int, end: int) -> str:
    """The sentence of ``message`` around ``start:end``."""
    begin = max(message.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [i for i in (message.find(c, end) for c in ".!?\n") if i >= 0]
    return message[begin : min(ends) + 1 if ends else len(message)].strip()
