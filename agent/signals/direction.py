"""Which way an ask for another version points: ``cheaper`` (price down) or ``better`` (quality up).

The encoder hears that a message asks for another version. A short price-down / quality-up lexicon per language
says which way when exactly one of its sides is in the message: "too expensive", "more than I wanted to spend"
point down; "better", "even if it costs more" point up. The encoder's contrast between the cheaper and better
examples decides when the words say neither or both: price talk pulls it down, so "anything a bit better if I
stretch the budget?" read as cheaper by 0.07.

An ask for what goes with the item ("anything that goes nicely with them?") points neither way: it asks for an
add-on, however close the encoder puts it to "anything better?" (:func:`asks_what_goes_with`).
"""

from __future__ import annotations

import re
from typing import Literal

from agent.signals.version_ask import asks_for_version
from knowledge.text import content_words

_I = re.IGNORECASE


# "That's too much (for a pan)" is the price; "if it's too much", "too much gas" measure something else.
TOO_MUCH = (
    r"(?<!if\sit's\s)(?<!if\sit\sis\s)(?<!if\sthat's\s)(?<!if\sthere's\s)(?<!whether\sit's\s)too\s+much"
    r"(?=\s*(?:$|[.,!?;:)]|for\b|to\s+(?:pay|spend)\b|money\b|cash\b|imo\b|honestly\b|tbh\b|though\b|right\s+now\b))"
)

# Price down: cheaper words, and "too expensive" / "more than I wanted to pay" said of the item in focus.
PRICE_DOWN = re.compile(
    r"\b(?:cheap\w*|less\s+expensive|better\s+(?:price|deal)|(?:more\s+)?affordable|"
    r"budget\s+(?:option|version|one)|lower[-\s]priced|"
    r"(?:too|so|really|very|bit)\s+(?:expensive|pricey|dear|steep)|(?:pricey|steep|overpriced)\b|"
    rf"{TOO_MUCH}|"
    r"(?:more|pricier)\s+than\s+I\s+(?:wanted|hoped|planned|meant|expected|thought)|for\s+less\b|can'?t\s+afford|"
    r"barat\w*|econ[oó]mic\w*|demasiado\s+caro|(?:muy|tan)\s+caro|por\s+menos|"
    r"g[üu]nstig\w*|billig\w*|preiswert\w*|zu\s+teuer|weniger\s+Geld|"
    r"moins\s+cher|abordable|bon\s+march[ée]|trop\s+cher|petit\s+prix)\b|"
    r"(?<!\w)(?:дешевл\w*|дешёв\w*|подешевле|бюджетн\w*|слишком\s+дорог\w*|меньш\w+\s+деньг\w*|"
    r"rẻ\s+hơn|giá\s+rẻ|giá\s+mềm|đắt\s+quá|quá\s+đắt)(?!\w)",
    _I,
)
# Quality up: better words, and paying more welcomed ("even if it costs more", "gerne auch teurer").
QUALITY_UP = re.compile(
    r"\b(?:better|nicer|higher[-\s]end|premium|upgrade|step\s+up|(?:next|one)\s+(?:model\s+)?up|sturdier|"
    r"(?:pay|spend)\s+(?:(?:a|bit|little|few|couple|of|some|bucks|dollars|euros|quid)\s+){0,4}(?:more|extra)|"
    r"(?:even\s+if|though)\s+it\s+costs\s+more|stretch(?:ed|ing)?\s+(?:the|my|our)\s+budget|"
    r"for\s+a\s+(?:little|bit|tad|few\s+(?:bucks|dollars|euros|quid))\s+more(?=\s*(?:[?!.,]|$))|"
    r"mejor|calidad|(?:aunque|si)\s+cuest[ae]\s+más|(?:pagar|gastar)\s+(?:un\s+poco\s+|algo\s+)?más|"
    r"besser\w*|hochwertig\w*|(?:gerne?|auch)\s+(?:auch\s+)?teurer|mehr\s+(?:zahlen|ausgeben)|draufzahlen|"
    r"mieux|haut\s+de\s+gamme|(?:mettre|payer)\s+plus)\b|"
    r"(?<!\w)(?:лучше|получше|качественн\w*|доплат\w*|пусть\s+и\s+дороже|"
    r"tốt\s+hơn|xịn\s+hơn|cao\s+cấp|đắt\s+hơn\s+cũng|to\s+hơn|lớn\s+hơn)(?!\w)",
    _I,
)


# An ask for something that goes with the item: an add-on, whatever an encoder makes of "anything that goes nicely
# with them?" (it read 0.52 "better" against 0.44 "request").
GOES_WITH = re.compile(
    # ("goes with", "to go with", "that go with"; "I'll go with the blue one" chooses)
    r"\b(?:goes|to\s+go|that\s+go|which\s+go)\s+(?:\w+\s+)?with\s+(?:it|this|that|them|these|those|my|the)\b|"
    r"\bmatch(?:es|ing)?\s+"
    r"(?:it|this|that|them|these|those|my|the)\b|\bpairs?\s+(?:well\s+|nicely\s+)?with\b|\bcomplement\w*\b|"
    r"\bcombin\w+\s+con\b|\ba\s+juego\b|\bva\s+(?:bien\s+)?con\b|\bpasst\s+(?:\w+\s+)?(?:dazu|zu)\b|\bdazu\s+passend\w*|"
    r"\bva(?:s)?\s+(?:bien\s+)?avec\b|\bassorti\w*|"
    r"(?<!\w)(?:подойд[её]т\s+к|подходит\s+к|đi\s+kèm|(?:phù\s+)?hợp\s+với)(?!\w)",
    _I,
)


def asks_what_goes_with(text: str) -> bool:
    """Whether ``text`` asks for something that goes with the item (an add-on) and names no way to move it."""
    return bool(GOES_WITH.search(text)) and not (PRICE_DOWN.search(text) or QUALITY_UP.search(text))


# Words of a bare ask for add-ons besides the "goes with" phrase: nothing in them names a thing wanted.
_ASK_WORDS = frozenset(
    "anything something else nice nicely well good really also too what which should could would get buy need "
    "algo más bien qué que esto eso etwas was noch gut quelque chose quoi bien что-нибудь ещё хорошо gì nào".split()
)


def only_asks_what_goes_with(text: str) -> bool:
    """Whether ``text`` asks for whatever goes with the items held and names no thing ("anything that goes with
    them?"; not "a stand to go with it")."""
    found = GOES_WITH.search(text)
    if found is None or PRICE_DOWN.search(text) or QUALITY_UP.search(text):
        return False
    rest = text[: found.start()] + " " + text[found.end() :]
    return not [w for w in content_words(rest) if w not in _ASK_WORDS]


def direction(scores: dict[str, float], text: str) -> Literal["better", "cheaper"]:
    """``cheaper`` or ``better`` for an ask: the words when they point one way, else the encoder's contrast."""
    down, up = bool(PRICE_DOWN.search(text)), bool(QUALITY_UP.search(text))
    if down != up:
        return "cheaper" if down else "better"
    if not down and asks_for_version(text):
        # "a stronger version for about the same price?": the comparison names the way; price talk that asks for
        # no lower price is a limit, not a direction (the budget signal keeps it).
        return "better"
    gap = scores.get("cheaper", 0.0) - scores.get("better", 0.0)
    return "cheaper" if gap > 0 else "better"


def stated_direction(text: str) -> Literal["better", "cheaper"] | None:
    """The way a stated need's own words point ("I need something cheaper"), or None when they name no version.

    A need found by a phrase is a thing wanted; when its words are only a price-down or quality-up comparison,
    it asks for another version of the item in focus just as a question would.
    """
    down, up = PRICE_DOWN.search(text), QUALITY_UP.search(text)
    if bool(down) == bool(up):
        return None
    found = down or up
    # "something better for dry skin" names a thing wanted (for dry skin); only a bare comparison asks for a version.
    # A need's span may run past its clause ("algo más barato, la verdad"): what follows a comma is not the thing.
    tail = re.split(r"[,;:.!?\u2013\u2014]", text[found.end() :], maxsplit=1)[0]
    head = re.split(r"[,;:.!?\u2013\u2014]", text[: found.start()])[-1]
    # "the next step up from this bag": a noun after a demonstrative points at the item at hand, not a thing wanted.
    rest = _DEMONSTRATED.sub(" ", head + " " + tail)
    if [w for w in content_words(rest) if w not in VERSION_WORDS]:
        return None
    return "cheaper" if down else "better"


# A demonstrative and the noun after it ("this bag", "esta mochila", "dieses Zelt", "cette lampe", "этот фонарь").
_DEMONSTRATED = re.compile(
    r"\b(?:this|that|these|those|est[ea]s?|esto|dies(?:e[rsnm]?)?|ce|cet|cette|ces)\s+[^\W\d_]+|"
    r"(?<!\w)(?:эт(?:от|а|о|и|ого|ой|ом|ими?))\s+[^\W\d_]+",
    re.IGNORECASE,
)


# Words that stand for "a version of this item" rather than for a thing: "something", "one", "option", "version".
VERSION_WORDS = frozenset(
    "something anything one option version model alternative else next size "
    "algo otro otra etwas anderes quelque chose autre "
    "что-нибудь что-то нибудь вариант cái loại khác".split()  # ("что-нибудь" reaches the check as "нибудь")
)
