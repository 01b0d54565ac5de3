"""Which measurable quantity a need is about, and which way the shopper wants it to go.

"I wish it lasted longer" is about duration (or battery capacity) going up, "this thing is heavy" about mass
going down. An :class:`Axis` names the dimensions of :mod:`knowledge.measures` a need concerns and the
direction. Two mechanisms decide, the first that finds something wins:

1. the sentence embedder (the store's, given the need in English): the need is compared with a few short
   descriptions of each axis; the best axis counts when it is clearly close (``MIN_SIMILARITY``) and clearly
   ahead of the next (``MIN_MARGIN``), or a little less close and far ahead (``CLEAR_LEAD``). Descriptions, not
   word lists, so paraphrases generalise;
2. the multilingual encoder (USE-multilingual) on the shopper's own words, against the same English
   descriptions: "quiero algo más potente", "хочу что-нибудь помощнее" need no translation and no word list.
   Only encoders whose thresholds were measured (``MULTILINGUAL_THRESHOLDS``, bench/bench_axes.py) take part;
3. a short stem lexicon per axis, in the six shop languages, as a backstop for when no embedder is sure (and
   for Vietnamese, which USE-multilingual does not cover).
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from knowledge.embeddings import Embedder


class Axis(BaseModel):
    """A quantity a need is about: the measure dimensions it covers and the way the shopper wants it to go."""

    model_config = ConfigDict(frozen=True)

    name: str
    dimensions: frozenset[str]
    direction: Literal["up", "down"]
    # For a dimension products measure many ways (a mower's cutting width and a hose's length are both
    # lengths), the attribute-name words a measure must carry to be what the need is about; None: any.
    labels: frozenset[str] | None = None
    # Read from the backstop lexicon rather than a clear embedding match (or a figure the shopper quoted): good
    # enough to judge replacements on, too weak to overrule other evidence (agent.candidates.needs).
    by_words: bool = False
    # A figure the shopper stated that the answer must reach (an upgrade to 10 kg does not hold an 11 kg screen).
    at_least: float | None = None


AXES: dict[str, Axis] = {
    a.name: a
    for a in (
        Axis(name="brighter", dimensions=frozenset({"brightness", "illuminance"}), direction="up"),
        Axis(name="lasts_longer", dimensions=frozenset({"duration", "charge", "energy"}), direction="up"),
        Axis(name="faster_ready", dimensions=frozenset({"wait"}), direction="down"),
        Axis(name="more_room", dimensions=frozenset({"storage", "volume"}), direction="up"),
        Axis(name="lighter", dimensions=frozenset({"mass"}), direction="down"),
        Axis(name="quieter", dimensions=frozenset({"noise"}), direction="down"),
        Axis(name="more_people", dimensions=frozenset({"people", "volume"}), direction="up"),
        Axis(name="more_power", dimensions=frozenset({"power", "torque"}), direction="up"),
        Axis(
            name="longer_reach",
            dimensions=frozenset({"length"}),
            direction="up",
            labels=frozenset("length long reach cord cable hose extension range".split()),
        ),
        Axis(name="more_area", dimensions=frozenset({"area"}), direction="up"),
        # Tougher, sturdier, more secure: a rating or thickness the catalog states ("security_rating",
        # "thickness_mil", "denier"), never any number without a unit.
        Axis(
            name="tougher",
            dimensions=frozenset({"level", "length"}),
            direction="up",
            labels=frozenset(
                "security protection strength durability toughness thickness thick denier mil abrasion puncture "
                "impact".split()
            ),
        ),
        Axis(
            name="taller",
            dimensions=frozenset({"length"}),
            direction="up",
            labels=frozenset("height high tall reach".split()),
        ),
    )
}

# A few ways shoppers say each; embedded once per embedder and compared with the need.
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "brighter": (
        "it is too dim, I need more light",
        "I want it brighter",
        "I can't see well in the dark with it",
        "I only notice things when I'm right on top of them at night",
    ),
    "lasts_longer": (
        "the battery runs out too soon",
        "I wish it lasted longer on a charge",
        "it dies before I am finished",
        "I need longer battery life",
        "it should stay on longer",
        "it's always dead by lunchtime",
    ),
    "faster_ready": ("charging takes too long", "I want it to charge faster", "it takes forever to heat up"),
    "more_room": (
        "it is always full, I run out of space",
        "I need more storage",
        "it doesn't hold enough",
        "I want a bigger size that holds more",
    ),
    "lighter": (
        "it is too heavy",
        "my arm gets tired holding it",
        "I want something lighter to carry",
        "lugging it up the stairs every day wears me out",
    ),
    "quieter": ("it is too loud", "it makes too much noise", "I want something quieter", "it wakes up the whole house"),
    "more_people": (
        "we are more people now",
        "I need it for a bigger family",
        "more users need to share it",
        "guests are coming, we need room for everyone",
    ),
    "more_power": (
        "it is not powerful enough",
        "I need more power",
        "it is too weak for the job",
        "it struggles and stalls on the tough stuff",
    ),
    "longer_reach": ("it doesn't reach far enough", "the cable is too short", "I need more length"),
    "more_area": ("my lawn is too big for it", "I need it to cover a larger area", "the room is bigger"),
    "taller": ("it is not tall enough", "I can't reach high enough with it", "I need it to be taller"),
    "tougher": (
        "I want something tougher that won't break",
        "it needs to be more secure, thieves cut through mine",
        "I want a sturdier, more durable one",
        "it broke after a few weeks, I need one that holds up",
    ),
}

# Stems (matched at a word start) per axis: English, Spanish, German, French, Russian, Vietnamese.
_LEXICON: dict[str, tuple[str, ...]] = {
    "brighter": ("bright", "dim ", "dimmer", "too dark", "brillant", "heller", "luminos", "sombre", "oscur", "ярк", "темн", "sáng", "tối"),
    "lasts_longer": (
        "lasts", "lasted", "last long", "last all", "battery", "runtime", "run out", "runs out", "dies", "died", "all day",
        "dead by", "is dead", "was dead", "goes dead", "out of juice",
        "bater", "akku", "batterie", "durer", "dure ", "dura más", "hält", "аккумулят", "батаре", "заряд", "hết pin", "pin yếu",
    ),
    "faster_ready": ("charge faster", "charges faster", "quicker", "faster charg", "takes forever", "takes ages", "to charge"),
    "more_room": ("full", "storage", "space", "room for", "hold more", "holds more", "bigger", "larger", "espacio", "platz",
                  "speicher", "espace", "места", "памят", "dung lượng", "chỗ"),
    "lighter": ("heavy", "heavier", "lighter", "weigh", "pesad", "ligera", "ligero", "schwer", "leichter", "lourd",
                "plus léger", "plus légère", "тяж", "легч", "полегч", "nặng", "nhẹ hơn"),
    "quieter": ("loud", "noisy", "noise", "quiet", "ruid", "laut", "bruy", "шум", "ồn"),
    "more_people": ("people", "family", "guests", "users", "seats", "personas", "familia", "leute", "famille", "personnes",
                    "люд", "семь", "người", "gia đình"),
    "more_power": ("power", "weak", "stronger", "torque", "potencia", "leistung", "puissan", "мощн", "слаб", "mạnh", "yếu"),
    "longer_reach": ("reach", "too short", "longer cable", "longer hose", "alcanz", "reicht", "atteindre", "trop court",
                     "достать", "короткий", "ngắn"),
    "more_area": ("lawn", "garden is", "acre", "square met", "césped", "rasen", "pelouse", "газон", "bãi cỏ"),
    "taller": ("taller", "higher", "más alt", "höher", "plus haut", "выше", "cao hơn"),
    "tougher": ("tough", "sturd", "durab", "more secure", "robust", "resisten", "resistan", "solide", "widerstands",
                "прочн", "надёжн", "надежн", "bền", "chắc chắn"),
}

MIN_SIMILARITY = 0.55
MIN_MARGIN = 0.04
#: A need a little under MIN_SIMILARITY but far ahead of every other axis is about that axis too: "on day trips
#: my old camera was always dead by lunchtime" reads .54 on lasts_longer and .27 on the next.
CLEAR_LEAD_SIMILARITY, CLEAR_LEAD = 0.45, 0.2
#: (min similarity, min margin) per multilingual encoder, set on bench/data/axis_needs.tsv (bench/bench_axes.py):
#: USE scores paraphrases across languages lower than MiniLM scores English ones, and unrelated needs at most 0.41.
MULTILINGUAL_THRESHOLDS: dict[str, tuple[float, float]] = {"use-multilingual-v3": (0.45, 0.04)}


def lexicon_axes(text: str) -> list[Axis]:
    """The quantities a need names by the backstop word list (weaker evidence than the embedder)."""
    low = f" {text.lower()} "
    found = []
    for name, stems in _LEXICON.items():
        if any(re.search(rf"(?<![^\W\d_]){re.escape(s)}", low) for s in stems):
            found.append(AXES[name])
    return found


#: Need texts whose vectors are kept per embedder: a session repeats and rephrases its needs, and every turn
#: re-reads the signals of the turn.
QUERY_CACHE_SIZE = 512


class _Vectors:
    """Description vectors per embedder (by identity), computed on first use, and recent need vectors."""

    def __init__(self) -> None:
        self._cache: weakref.WeakKeyDictionary[object, tuple[list[str], np.ndarray]] = weakref.WeakKeyDictionary()
        self._queries: weakref.WeakKeyDictionary[object, OrderedDict[str, np.ndarray]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def query(self, embedder: Embedder, text: str) -> np.ndarray:
        """The normalised vector of a need text, embedded once per embedder while it stays recent."""
        with self._lock:
            recent = self._queries.setdefault(embedder, OrderedDict())
            hit = recent.get(text)
            if hit is not None:
                recent.move_to_end(text)
                return hit
        q = np.asarray(embedder.embed_query(text), dtype=np.float32)
        q /= max(float(np.linalg.norm(q)), 1e-12)
        with self._lock:
            recent[text] = q
            if len(recent) > QUERY_CACHE_SIZE:
                recent.popitem(last=False)
        return q

    def get(self, embedder: Embedder) -> tuple[list[str], np.ndarray]:
        with self._lock:
            hit = self._cache.get(embedder)
            if hit is None:
                names = [n for n, phrases in DESCRIPTIONS.items() for _ in phrases]
                texts = [p for phrases in DESCRIPTIONS.values() for p in phrases]
                vecs = np.asarray(embedder.embed_documents(texts), dtype=np.float32)
                vecs /= np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
                hit = (names, vecs)
                self._cache[embedder] = hit
            return hit


#: Dimension-description and need vectors, cached per embedder (shared by the measure and the addition checks).
AXIS_VECTORS = _Vectors()


def axis_ranking(text: str, embedder: Embedder) -> list[tuple[str, float]]:
    """Every axis with its best similarity to the need, closest first."""
    names, vecs = AXIS_VECTORS.get(embedder)
    sims = vecs @ AXIS_VECTORS.query(embedder, text)
    best: dict[str, float] = {}
    for name, s in zip(names, sims.tolist()):
        best[name] = max(best.get(name, -1.0), s)
    return sorted(best.items(), key=lambda kv: kv[1], reverse=True)


def embedded_axis(
    text: str, embedder: Embedder, min_similarity: float = MIN_SIMILARITY, min_margin: float = MIN_MARGIN
) -> Axis | None:
    """The axis whose descriptions the need is clearly closest to, by sentence embedding; None when unsure."""
    ranked = axis_ranking(text, embedder)
    if not ranked:
        return None
    lead = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else ranked[0][1]
    if ranked[0][1] < min_similarity and not (ranked[0][1] >= CLEAR_LEAD_SIMILARITY and lead >= CLEAR_LEAD):
        return None
    if lead < min_margin:
        return None
    return AXES[ranked[0][0]]


#: An axis read among only the quantities the item's upgrades improve has fewer rivals, so it may clear a lower
#: bar than MIN_SIMILARITY ("two phone charges won't cover the whole trip" reads .48 on lasts_longer). On the
#: eval stores 0.40 added one right upgrade and no wrong one; 0.35 also took a mower for "edges it won't reach".
VERSION_MIN_SIMILARITY = 0.40


def version_axis(
    text: str, embedder: Embedder, improved: dict[str, frozenset[str]], min_similarity: float = VERSION_MIN_SIMILARITY
) -> Axis | None:
    """The axis a need is about among those the item's upgrades improve (``improved``: dimension -> the
    attribute-name words it is measured by), when it is clearly the closest of them; None when unsure."""

    def applies(axis: Axis) -> bool:
        dims = axis.dimensions & improved.keys()
        return bool(dims) and (axis.labels is None or any(axis.labels & improved[d] for d in dims))

    ranked = [(name, sim) for name, sim in axis_ranking(text, embedder) if applies(AXES[name])]
    if not ranked or ranked[0][1] < min_similarity:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < MIN_MARGIN:
        return None
    # Read against fewer rivals: good enough to judge versions on, too weak to overrule other evidence.
    return AXES[ranked[0][0]].model_copy(update={"by_words": True})


def _sure_axis(text: str, embedder: Embedder, thresholds: tuple[float, float] | None = None) -> Axis | None:
    try:
        return embedded_axis(text, embedder, *(thresholds or (MIN_SIMILARITY, MIN_MARGIN)))
    except Exception:  # noqa: BLE001 - an embedder failure must not fail the turn; the lexicon still answers
        return None


def need_axes(
    texts: Sequence[str], embedder: Embedder | None = None, multilingual: Embedder | None = None
) -> list[Axis]:
    """The axes a need concerns: the embedder's clear pick on its English text, else the multilingual encoder's
    on the shopper's words, else the lexicon on every text.

    ``texts`` are the need's wordings, English first (the translated text, then the shopper's own words).
    """
    texts = [t for t in texts if t and t.strip()]
    if not texts:
        return []
    if embedder is not None and (axis := _sure_axis(texts[0], embedder)) is not None:
        return [axis]
    thresholds = MULTILINGUAL_THRESHOLDS.get(str(getattr(multilingual, "name", "")))
    if multilingual is not None and thresholds is not None:
        if (axis := _sure_axis(texts[-1], multilingual, thresholds)) is not None:
            return [axis]
    out: dict[str, Axis] = {}
    for t in texts:
        for a in lexicon_axes(t):
            out.setdefault(a.name, a.model_copy(update={"by_words": True}))
    return list(out.values())
