"""Need-to-product affinity: whether a product's own words speak to what the shopper said.

Sentence embeddings rank products by topic ("my phone battery dies" is close to every phone-related text, a
protection plan included); a salesperson asks what the product *does* for the need. This module compares the
need's content words with a product's name, category, description and attribute names:

- words are reduced by a light English suffix stripper (``charging``/``charger``/``charges`` -> ``charg``);
- words naming the category of what the shopper already holds (``phone`` next to a phone) are the topic, not
  the need, and are left out;
- a need word also matches through a small table of shopping concepts (``loud`` is answered by ``noise``,
  ``isolation`` or ``quiet``; ``sore`` by ``massage`` or ``roller``), general retail vocabulary, not any
  store's products;
- a thing the shopper rules out ("no cables", "without flash") makes products of that kind unwanted.

``affinity`` is 0 when nothing matches and grows with the matched need words (name/category matches weigh
most), capped at 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from knowledge.measures import LOOK_KEYS
from knowledge.models import Product
from knowledge.text import words as _words

_SUFFIXES = ("ingly", "edly", "ings", "ions", "ness", "ing", "ion", "ies", "ers", "ors", "ed", "er", "or", "es",
             "ly", "s", "e", "y")
W_TITLE, W_LEAD, W_TEXT, W_CONCEPT = 1.0, 0.7, 0.5, 0.8
# Summed match weight at which affinity reaches 1.
FULL_AFFINITY = 1.5

_STOP_WORDS = (
    "a an and the my our your their his her its i me we us you it they them is are was were be been am to of "
    "for in on at by with from so that this these those just too very really quite always never all more less "
    "no not do does did don t s m ll ve re d wish want wants wanted need needs would could can will should "
    "have has had get gets got getting make makes made use used using keep keeps kept like going go goes "
    "also one some something anything everything thing things lot lots much many every day days time times "
    "week weeks month months year years now today soon next way when what which who how there here about "
    "if or but as than then into out up down over again still even only own other another any each most "
    "sure think know feel feels im ive id thanks please hi hello ok okay actually maybe without "
    "two three four five six seven eight nine ten twelve hundred thousand first second half fit fits fitting"
)
# Words that say something is ruled out; the head noun after them names the unwanted kind of product.
_NEGATORS = frozenset("no without not never".split())
# "Sick of buying …", "tired of replacing …", "done buying …": the thing named is what they want no more of.
_FED_UP = frozenset("sick tired done".split())
_RENEWING = frozenset("buying rebuying replacing changing swapping".split())
# Between a refusal and the kind it rules out: "no more batteries", "not those throw-away packs" ("came without a
# card" is a lack, not a refusal: "without" takes no such words).
_BEFORE_KIND = frozenset("more those these any again".split())
_REFUSALS = frozenset("no not never".split())
# A dislike names the kind ruled out the way a negator does: "I don't like fabric ones", "I hate the plastic ones".
_DISLIKES = frozenset("like want".split())
_HATE = frozenset("hate hates dislike".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic English stem: up to two common suffixes stripped, a doubled end consonant undone."""
    w = word.lower()
    for _ in range(2):
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)]
                break
        else:
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w


def _stems(words: Iterable[str]) -> set[str]:
    return {stem(w) for w in words}


def text_stems(text: str) -> set[str]:
    """The stems of a text's words."""
    return _stems(words(text))


STOP = frozenset(_stems(_STOP_WORDS.split())) | frozenset(_STOP_WORDS.split())

# (what shoppers say, what product texts say when they answer it). Stems are compared, so list base forms.
_CONCEPT_WORDS: tuple[tuple[str, str], ...] = (
    ("battery batteries charge dies died die dying drain drains lasts lasted juice unplugged outlet outlets power"
     " noon flat recharge hours",
     "battery batteries mah charge charger power bank runtime rechargeable"),
    ("full space storage room files gigabytes gb tb memory videos",
     "storage gb tb cloud ssd backup memory card"),
    ("crack cracked cracking break broke broken smash smashed scratch scratches protect protection damage drop"
     " dropped dropping clumsy survive spill crushed crush knocks",
     "protect protection protector rugged shock drop scratch glass damage warranty cover padding padded sleeve"
     " crush proof shell"),
    ("noise noisy loud quiet concentrate focus cancel cancelling canceling",
     "noise cancelling canceling anc isolation quiet seal silence"),
    ("back neck posture hurt hurts pain ache aches stiff shoulder shoulders feet foot wrist knees standing",
     "lumbar ergonomic posture support cushion cushioned relieve relieves ease tension comfortable fatigue"),
    ("sore soreness muscle muscles recovery recover training workout gym knots",
     "recovery massage massager roller loosen loosens loosening muscles"),
    ("dark darkness night see dim fumbling",
     "lamp lumens torch headlamp lantern led"),
    ("indoors indoor flash dim evening low light",
     "aperture bright prime low"),
    ("latte lattes cappuccino milk foam froth macchiato",
     "milk froth frother foam steam wand latte cappuccino"),
    ("chlorine taste tastes hard limescale scale calcium",
     "filter filtered filtration descaler descale limescale soften"),
    ("ink print printing prints pages cartridge toner",
     "ink cartridge toner yield pages"),
    ("fly flying flight flights plane travel travelling traveling trip trips abroad airport hostel hostels bus",
     "travel trip flight airline plugs"),
    ("cook cooking meals meal food boil",
     "stove boil boils cook cookware pan pot kettle"),
    ("hot warm cold temperature heat",
     "thermal insulated temperature heat heated warm hot"),
)
CONCEPTS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(_stems(a.split())), frozenset(_stems(b.split()))) for a, b in _CONCEPT_WORDS
)
# Products sold as a service around something else; offered for a need only when the need is about them.
_GENERIC = frozenset(_stems("service services plan plans warranty subscription software insurance membership".split()))


def words(text: str) -> list[str]:
    """Lower-case word tokens (any script)."""
    return _words(text)


# What a product says it is made without: "latex-free", "PTFE- and PFAS-free", "free of BPA", "no added fragrance".
_WORD_RE = r"[^\W\d_][^\W_]*"
_FREE_OF = (
    re.compile(rf"\b({_WORD_RE})-\s+(?:and|or|&)\s+({_WORD_RE})-free\b", re.IGNORECASE),
    re.compile(rf"\b({_WORD_RE})-free\b", re.IGNORECASE),
    re.compile(rf"\bfree\s+(?:of|from)\s+(?:any\s+)?(?:added\s+)?({_WORD_RE})", re.IGNORECASE),
    re.compile(rf"\b(?:no|without\s+(?:any\s+)?)\s*added\s+({_WORD_RE})", re.IGNORECASE),
)


def free_of(text: str) -> frozenset[str]:
    """Stems of what a product text says the product is made without ("latex-free TPE" -> ``latex``)."""
    out: set[str] = set()
    for pattern in _FREE_OF:
        for m in pattern.finditer(text):
            out |= {stem(w) for w in m.groups() if w}
    return frozenset(out - STOP)


@dataclass(frozen=True)
class ProductTerms:
    """A product's stems, split by where they occur: what it is (title), what it is for (lead), details (text)."""

    title: frozenset[str]
    lead: frozenset[str]
    text: frozenset[str]
    generic: bool
    free: frozenset[str] = frozenset()

    @classmethod
    def of(cls, p: Product) -> "ProductTerms":
        """Stems of the name and category path (title), the description's first sentence (lead), and the rest of
        the description with the attribute names (text).

        The words of its look (the values of ``color``, ``finish`` and the like) are left out everywhere: "Packing
        Cubes - Black" answers nothing about "every black suitcase looks like mine".
        """
        look = _stems(words(" ".join(str(v) for k, v in p.attributes.items() if k.lower() in LOOK_KEYS)))
        title = _stems(words(p.name + " " + " ".join(p.category_path))) - STOP - look
        desc = " ".join((p.description or "").split())
        first, _, rest = desc.partition(". ")
        lead = _stems(words(first)) - STOP - title - look
        attrs = " ".join(k.replace("_", " ") for k in p.attributes)
        text = _stems(words(rest + " " + attrs)) - STOP - title - lead - look
        generic = bool(_stems(words(" ".join(p.category_path))) & _GENERIC)
        values = " ".join(str(v) for v in p.attributes.values() if isinstance(v, str))
        free = free_of(f"{p.name}. {desc} {values}")
        return cls(frozenset(title), frozenset(lead), frozenset(text), generic, free)

    def without(self, other: "ProductTerms") -> "ProductTerms":
        """The stems this product has and ``other`` lacks (what an upgrade adds)."""
        everything = other.all
        return ProductTerms(
            self.title - everything, self.lead - everything, self.text - everything, self.generic, self.free
        )

    @property
    def all(self) -> frozenset[str]:
        """Every stem."""
        return self.title | self.lead | self.text


def topic_stems(products: Iterable[Product]) -> frozenset[str]:
    """Stems of the category paths of what the shopper holds: the topic of their words, not the need."""
    out: set[str] = set()
    for p in products:
        out |= _stems(words(" ".join(p.category_path)))
    return frozenset(out)


@dataclass(frozen=True)
class NeedTerms:
    """A need statement's content stems (topic left out) and the stems of the kinds of product it rules out."""

    stems: frozenset[str]
    ruled_out: frozenset[str]

    @classmethod
    def of(cls, text: str, topic: frozenset[str] = frozenset()) -> "NeedTerms":
        """Parse a need: content stems and the head noun after each negator ("no cables" -> ``cabl``)."""
        toks = words(text)
        ruled: set[str] = set()
        refused: set[str] = set()  # after a negator: no longer what the need is about ("no cables")
        for i, w in enumerate(toks):
            # "no cables", and "sick of buying batteries": what follows is a kind they want no more of.
            fed_up = w in _FED_UP and any(t in _RENEWING for t in toks[i + 1 : i + 3])
            dislike = w in _HATE or (w in _DISLIKES and i >= 2 and toks[i - 2 : i] in (["don", "t"], ["do", "not"]))
            if w in _NEGATORS or fed_up or dislike:
                start = next(j for j in range(i + 1, i + 3) if toks[j] in _RENEWING) if fed_up else i
                # The head noun of "no power outlets" is "outlets": the last content word before a stop word.
                head = None
                while (w in _REFUSALS or dislike) and start + 1 < len(toks) and toks[start + 1] in _BEFORE_KIND:
                    start += 1
                for nxt in toks[start + 1 : start + 4]:
                    if nxt in STOP or stem(nxt) in STOP:
                        break
                    head = nxt
                if head is not None:
                    # Both forms of a plural the stemmer leaves alone ("AAs" for "AA Alkaline Batteries").
                    kinds = {stem(head), stem(head[:-1])} if head.endswith("s") and len(head) > 2 else {stem(head)}
                    ruled |= kinds
                    if not fed_up:
                        refused |= kinds
        # What they are sick of buying stays the topic: a rechargeable one answers "sick of buying batteries".
        content = {stem(w) for w in toks if w not in STOP and len(w) > 1 and not w.isdigit()} - STOP
        return cls(frozenset(content - topic - refused), frozenset(ruled))


def affinity(need: NeedTerms, product: ProductTerms) -> float:
    """How much of the need the product's own words answer, 0..1 (0 when it is a kind the shopper ruled out).

    Each need word found in the product's name/category adds ``W_TITLE``, in its description ``W_TEXT``; each
    concept the need touches adds ``W_CONCEPT`` when the product's name, category or first sentence answers it,
    half that when only the rest of its description does (details mention many things in passing: "keeps the
    fingerprint sensor working").
    """
    if need.ruled_out & product.title:
        return 0.0
    total = 0.0
    for s in need.stems:
        if s in product.title:
            total += W_TITLE
        elif s in product.lead:
            total += W_LEAD
        elif s in product.text:
            total += W_TEXT
    for said, answered in CONCEPTS:
        if need.stems & said:
            if answered & (product.title | product.lead):
                total += W_CONCEPT
            elif answered & product.text:
                total += W_CONCEPT / 2
    return min(1.0, total / FULL_AFFINITY)


def ruled_out(need: NeedTerms, product: ProductTerms) -> bool:
    """Whether the product is of a kind the shopper said they do not want ("no latex" rules out no latex-free band)."""
    return bool(need.ruled_out & (product.title - product.free))


def spares(said: Iterable[str], product: ProductTerms, focus: ProductTerms | None, replaces: bool) -> frozenset[str]:
    """What the shopper named that the product says it is made without and what they hold is not (stems).

    "I break out in hives from latex" names what a latex-free band spares them. A replacement spares it only when
    the item it replaces has it: a latex-free version answers the latex of the latex bands in focus.
    """
    spared = product.free & frozenset(said)
    if focus is not None:
        spared -= focus.free
        if replaces:
            spared &= focus.all
    return spared
