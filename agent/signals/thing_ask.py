"""A need that asks for a thing for a purpose: "something to lie on", "a way to charge it in the car".

An indefinite pronoun followed by a purpose ("something to hold it up", "anything for his nails", "algo para el
viaje", "etwas zum Aufhängen", "de quoi faire du café", "что-нибудь для ногтей", "cái gì để đựng") asks for a new
object beside what the shopper holds. No other version of the held item answers it, however the two differ: the
answer is an add-on. The counterpart of :mod:`agent.signals.version_ask` ("a lighter one" asks for a version).
Price talk after the pronoun ("anything for a bit more?", "something for under 50") asks for a version instead.
"""

from __future__ import annotations

import re

_PRICE = r"(?:a\s+(?:bit|little|few)|less|more|under|below|around|about|cheaper|[$€£]|\d)"

THING_ASK = re.compile(
    # en: "something to lie on", "anything for his nails", "a way to charge off the car's socket"
    rf"\b(?:something|anything|a\s+way)\s+(?:to|for)\s+(?!{_PRICE})|"
    # es: "algo para", "alguna forma de", "una manera de"
    r"\b(?:algo|alguna\s+cosa)\s+(?:para|con\s+qu[eé])\s+(?!menos\b|m[aá]s\b|\d)|"
    r"\b(?:alguna|una)\s+(?:forma|manera)\s+de\b|"
    # de: "etwas zum Aufhängen", "irgendwas für die Nägel", "eine Möglichkeit"
    r"\b(?:etwas|irgendwas|was)\s+(?:zum|zur|für|um)\s+(?!weniger\b|mehr\b|\d)|\beine\s+möglichkeit\b|"
    # fr: "quelque chose pour", "de quoi faire", "un moyen de"
    r"\bquelque\s+chose\s+pour\s+(?!moins\b|plus\b|\d)|\bde\s+quoi\s+[^\W\d_]|\bun\s+moyen\s+de\b|"
    # ru: "что-нибудь для", "что-то, чтобы", "способ"
    r"(?<!\w)что-(?:нибудь|то)\s*,?\s*(?:для|чтобы)(?!\w)|(?<!\w)способ(?!\w)|"
    # vi: "cái gì để", "thứ gì đó để", "cách để"
    r"(?<!\w)(?:cái|thứ|món)\s+gì(?:\s+đó)?\s+để(?!\w)|(?<!\w)cách\s+(?:nào\s+)?để(?!\w)",
    re.IGNORECASE,
)


def asks_for_a_thing(text: str) -> bool:
    """Whether a need's words ask for a new object for a purpose (an add-on), not another version of the item."""
    return bool(THING_ASK.search(text))
