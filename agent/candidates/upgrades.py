"""Replacements of the item in focus judged on what they change: the need's axis, "better", "cheaper".

An upgrade answers a need only by improving the quantity the need is about (:mod:`.dimensions`): for "it
doesn't last" a member with less runtime is refused however pricey, one with more qualifies. When the shopper
asks for something better without naming a quantity (``Signal.wants == "better"``), every better version
qualifies and the nearest in price wins. When they ask for something cheaper (``wants == "cheaper"``), only
cheaper versions of the item qualify (kind ``upsell`` with a negative uplift: see :func:`add_cheaper`): its own
line's, else, when they said so in words, the same kind of product from another line.
"""

from __future__ import annotations

import re

from agent.candidates.competitors import stands_in_for
from agent.candidates.deps import CandidateDeps
from agent.candidates.dimensions import AXES, Axis, need_axes, version_axis
from agent.candidates.evidence import Evidence, Found
from agent.schemas import Improvement, Signal
from agent.signals.cheaper_ask import talks_price
from agent.turn import TurnFacts
from knowledge.measures import DIRECTION, KEY_DIMENSIONS, Change, Measure, format_value, limits_over, text_figures
from knowledge.models import Product
from knowledge.relations import selects

# Need score of a replacement that measurably improves what the need is about, of any better version for an
# explicit "anything better?", and of a cheaper version for "anything cheaper?".
AXIS_MATCH_SCORE, BETTER_SCORE, CHEAPER_SCORE = 0.6, 0.7, 0.7
# Cheaper versions are family members: as close a link as a family upgrade.
CHEAPER_RELATION = 0.8
_SENTENCE = re.compile(r"[^.!?\n]+")
_UNIT_WORDS = frozenset("h min mins hours hrs days months years s sec mah ah wh kwh gb tb mb ml l cl g kg lb lbs mg mm cm m km in ft w kw mw v db nm c m2 mp lumen lumens watt watts litre litres liter liters megapixels".split())


def wants(signal: Signal) -> str | None:
    """What the need explicitly asks for: "better", "cheaper" or None (an older Signal may lack the field)."""
    return getattr(signal, "wants", None)


def add_cheaper(found: Found, facts: TurnFacts, needs: list[Signal], deps: CandidateDeps) -> None:
    """Cheaper versions of the focus item as replacements, when a need asks for cheaper or may be met by one.

    The contract's kinds are upsell (replaces an item), cross_sell and bundle. A cheaper version replaces the item
    too, so it goes out as kind ``upsell`` with ``replaces_sku`` set and a negative ``uplift_pct``: the one kind
    that says "instead of", with the sign saying which way the price goes. Calling it a cross-sell would claim
    it is added to the order, which it is not. Outside a "cheaper" request a cheaper version only qualifies when
    it measurably improves what the need is about (a lighter model for "it is too heavy").
    """
    focus = facts.focus
    if focus is None or not needs or focus.price <= 0:
        return
    asked = any(wants(n) == "cheaper" for n in needs)
    if not asked and focus.family is None:
        return  # outside a "cheaper" request only the item's own family is looked at, and it has none
    # A one-person tent is no cheaper two-person tent: it does another job.
    versions = [p for p in deps.relations.cheaper_versions(focus.sku) if not _for_fewer_people(p, focus, deps)]
    said = any(wants(n) == "cheaper" and talks_price(n.text) for n in needs)
    if said and not any(_available(p) for p in versions):
        # Nothing cheaper in its own line: "this is too pricey", said in so many words (not merely read into a
        # budget), is then answered by the same kind of product from another line (a TPE mat for a rubber one).
        versions = [p for p in cheaper_alternatives(focus, deps) if not _for_fewer_people(p, focus, deps)]
    for p in versions:
        if p.sku in found or p.sku in facts.cart_skus:
            continue
        if not asked and (focus.family is None or p.family != focus.family):
            continue
        ev = Evidence(product=p, kind="upsell", replaces=focus, cheaper=True)
        ev.add_source("family")
        ev.relation = CHEAPER_RELATION
        # The nearest cheaper version is the closest to what they chose.
        ev.fit = max(0.0, 1.0 - (focus.price - p.price) / focus.price)
        found[p.sku] = ev


def _for_fewer_people(p: Product, focus: Product, deps: CandidateDeps) -> bool:
    """Whether ``p`` is measured for fewer people (persons, seats, servings) than ``focus``."""

    def people(sku: str) -> float | None:
        values = [m.value for m in deps.relations.measures(sku) if m.dimension == "people"]
        return max(values) if values else None

    mine, theirs = people(focus.sku), people(p.sku)
    return mine is not None and theirs is not None and theirs < mine


def _available(p: Product) -> bool:
    return p.active and p.stock != 0


def cheaper_alternatives(focus: Product, deps: CandidateDeps) -> list[Product]:
    """Cheaper products that could replace ``focus`` (:func:`stands_in_for`), from any line or
    brand, nearest in price first. An accessory's alternative must fit something the accessory fits (a 50 mm lens
    for another mount is no cheaper 50 mm), and an accessory is no alternative to what is not one (blades for
    another cutter are no cheaper cutter)."""
    fits = set(deps.relations.fits(focus.sku)) if focus.compatible_with else set()
    out = [
        p
        for p in deps.catalog.in_category(focus.category)
        if p.sku != focus.sku
        and p.price < focus.price
        and _available(p)
        and not (selects(p, focus) or selects(focus, p))
        and stands_in_for(p, focus)
        and (bool(fits.intersection(deps.relations.fits(p.sku))) if fits else not p.compatible_with)
    ]
    return sorted(out, key=lambda p: (-p.price, p.sku))


def _label(change: Change) -> str:
    words = [w for w in change.label.replace("_", " ").split() if w.lower() not in _UNIT_WORDS]
    return "" if change.slot.startswith("text:") else " ".join(words)


def improvement(change: Change, direction: str | None = None) -> Improvement:
    """An :class:`Improvement` from a measured change, values formatted with units (knowledge.measures)."""
    way = direction or ("up" if change.new > change.old else "down")
    return Improvement(
        attribute=_label(change) or change.dimension,
        old=format_value(change.dimension, change.old),
        new=format_value(change.dimension, change.new),
        dimension=change.dimension,
        direction=way,  # type: ignore[arg-type]
        delta=format_value(change.dimension, abs(change.new - change.old)),
    )


def _on_axis(changes: list[Change], axes: list[Axis]) -> tuple[Change | None, bool]:
    """The best change improving one of the axes, and whether any change touches them at all."""
    touched = False
    best: tuple[float, Change] | None = None
    for c in changes:
        for axis in axes:
            if c.dimension not in axis.dimensions:
                continue
            if axis.labels is not None and not c.slot.startswith("text:") and not (set(c.label.split()) & axis.labels):
                continue
            touched = True
            up = c.new > c.old
            if axis.at_least is not None and c.new < axis.at_least * 0.9999:
                continue  # better, but still short of the shopper's figure
            if up == (axis.direction == "up"):
                gain = abs(c.new - c.old) / max(abs(c.old), 1e-9)
                if best is None or gain > best[0]:
                    best = (gain, c)
    return (best[1] if best else None), touched


def headline(changes: list[Change]) -> Change | None:
    """The change to name for a plain "better": the largest relative gain on a key quantity, else any gain."""
    better = [c for c in changes if c.better]
    key = [c for c in better if c.dimension in KEY_DIMENSIONS] or better
    if not key:
        return None
    return max(key, key=lambda c: abs(c.new - c.old) / max(abs(c.old), 1e-9))


def replacement_need(
    ev: Evidence, focus: Product, need: Signal, axes: list[Axis], deps: CandidateDeps
) -> tuple[float, Improvement | None] | None:
    """Need score of a replacement judged on its measures, with the improvement the offer will name.

    None when the measures cannot tell (the caller falls back to attribute words and similarity). A replacement
    no better on the quantity the need is about is marked ``ev.vetoed``: it answers no need of the turn.
    """
    asked = wants(need)
    p = ev.product
    if ev.rival:
        # Another brand's product replaces the item only by measurably improving what the need is about.
        change, _ = _on_axis(deps.relations.changes(focus.sku, p.sku), axes) if axes else (None, False)
        return (AXIS_MATCH_SCORE, improvement(change)) if change is not None else (0.0, None)
    if asked == "cheaper":
        return (CHEAPER_SCORE if p.price < focus.price else 0.0), None
    changes = deps.relations.changes(focus.sku, p.sku)
    if axes:
        change, touched = _on_axis(changes, axes)
        if change is not None:
            return AXIS_MATCH_SCORE, improvement(change)
        if touched:
            # It states the quantity the need is about and is no better on it (a heavier model for "too heavy"):
            # refused, whatever other need of the turn it might seem to answer.
            ev.vetoed = True
            return 0.0, None
    if ev.cheaper:
        # A cheaper version answers a need only by improving what the need is about.
        return 0.0, None
    if asked == "better":
        top = headline(changes)
        return BETTER_SCORE, (improvement(top) if top is not None else None)
    return None


#: Name prefix of the axes a need states by quoting a figure of the item itself (see :func:`stated_axes`).
STATED_PREFIX = "stated_"


def held_measures(products: tuple[Product, ...], deps: CandidateDeps) -> dict[str, frozenset[str]]:
    """The dimensions what the shopper holds is measured in, each with the attribute-name words used for it."""
    out: dict[str, frozenset[str]] = {}
    for p in products:
        for m in deps.relations.measures(p.sku):
            out[m.dimension] = out.get(m.dimension, frozenset()) | frozenset(m.label.split())
    return out


#: Dimensions many unrelated things state (a runtime in hours, a warranty in years): an add-on's measure counts
#: only when it is named like the held item's.
_NAMED_ONLY = frozenset({"duration"})
#: Dimensions where one unit measures many different things (a kettle's capacity, a descaler bottle's contents; a
#: dumbbell's weight, a rack's load): an add-on adds to the held quantity only when it measures that very thing,
#: its name no more specific than the held item's. Lengths are left out: a deeper pocket or a longer rod does
#: answer "too short" or "too tight" under another name.
_SAME_NAME = frozenset({"volume", "mass"})


def adds_on_axis(
    p: Product, held: dict[str, frozenset[str]], axes: list[Axis], deps: CandidateDeps, linked: bool
) -> bool:
    """Whether an add-on brings more of a quantity the need wants more of (a spare battery's Ah for "it dies after
    twenty minutes", cloud storage's GB for "I need more than 256 GB"): an add-on's amount adds to what is held.

    The held items must measure the same quantity, or the add-on be made for them (``linked``: a battery for a
    mower that states no capacity); a duration must be named like the held item's (a warranty's years say
    nothing about a runtime). Only catalog attributes count: figures in a description mention many things in
    passing.
    """
    for m in deps.relations.measures(p.sku):
        if m.source != "attribute" or m.value <= 0:
            continue
        if m.dimension in held:
            if m.dimension in _NAMED_ONLY and not (set(m.label.split()) & held[m.dimension]):
                continue
            if m.dimension in _SAME_NAME and not set(m.label.split()) <= held[m.dimension]:
                continue
        elif not linked or m.dimension in _NAMED_ONLY:
            continue
        for axis in axes:
            if axis.direction != "up" or m.dimension not in axis.dimensions:
                continue
            if axis.labels is None or set(m.label.split()) & axis.labels:
                return True
    return False


def stated_axes(text: str, focus: Product, deps: CandidateDeps) -> list[Axis]:
    """Quantities the need quotes from the item itself ("not sure 30 Nm is enough", "only 45 minutes"): the
    shopper is questioning that figure, so more of it (or less, for weight and noise) is what would help.

    A figure over a limit the item is rated for ("I'm 135 kilos" on a rower for users up to 120 kg) asks for a
    higher limit, at least that figure.
    """
    over = limit_axes(text, focus, deps)
    if over:
        return over
    held: dict[str, list[Measure]] = {}
    for m in deps.relations.measures(focus.sku):
        held.setdefault(m.dimension, []).append(m)  # a printer states three lengths and its filament's
    out: list[Axis] = []
    for dim, value, _ in text_figures(text):
        direction = DIRECTION.get(dim)
        if direction is None or dim in ("feature", "level"):
            continue
        quoted = [m for m in held.get(dim, ()) if abs(m.value - value) <= 0.05 * max(abs(m.value), 1e-9)]
        if quoted:
            # The quantity comes with its kin: a runtime questioned is answered by more battery capacity too.
            kin = next((a.dimensions for a in AXES.values() if dim in a.dimensions and a.direction == direction), None)
            dims = kin or frozenset({dim})
            # Among several measures of that dimension, the ones named like the quoted one ("build x mm" -> build):
            # a filament's diameter adds nothing to a printer's build height.
            labels = None
            if len(held[dim]) > 1:
                labels = frozenset(w for m in quoted for w in m.label.split() if w.lower() not in _UNIT_WORDS) or None
            out.append(Axis(name=f"{STATED_PREFIX}{dim}", dimensions=dims, direction=direction, labels=labels))
    return out


def limit_axes(text: str, focus: Product, deps: CandidateDeps) -> list[Axis]:
    """The item's limits a figure in the text goes over, as axes a version must reach that figure on."""
    return [
        Axis(name=f"{STATED_PREFIX}{limit.slot}", dimensions=frozenset({limit.dimension}), direction="up",
             labels=frozenset(limit.label.split()), at_least=figure)
        for limit, figure in limits_over(text_figures(text), deps.relations.measures(focus.sku))
    ]


def need_sentence(message: str, need_text: str) -> str:
    """The sentence of the shopper's message that holds the need ("" when none does): a figure the shopper
    questions often sits beside the words the need was read from ("only 45 minutes of battery, that seems
    short")."""
    low = need_text.strip().lower()
    if not low:
        return ""
    for sentence in _SENTENCE.findall(message):
        if low in sentence.lower():
            return sentence
    return ""


def axes_of(
    need: Signal, need_en: str, deps: CandidateDeps, focus: Product | None = None, message: str = ""
) -> list[Axis]:
    """The measured quantities a need is about: figures it (or its sentence) quotes from the item, else its
    wording."""
    if focus is not None:
        texts = (need.text, need_en, need_sentence(message, need.text))
        stated = next((found for t in texts if t and (found := stated_axes(t, focus, deps))), [])
        # A figure over what the item is rated for counts from anywhere in the message ("My screen weighs 11 kg.
        # I'm worried this arm will droop."): nothing else the shopper holds is rated by it.
        stated = stated or limit_axes(message, focus, deps)
        if stated:
            return stated
    axes = need_axes([need_en, need.text], deps.embedder, deps.multilingual)
    if focus is None or deps.embedder is None or wants(need) is not None or any(not a.by_words for a in axes):
        # A plain "anything better?" names no quantity: the version's headline change answers it.
        return axes
    # Unsure in general, the need may still be clearly about one of the few quantities the item's upgrades improve.
    improved: dict[str, frozenset[str]] = {}
    # Side grades count too: a lighter but thinner mat is offered only for a need about its weight.
    for r in (*deps.relations.upgrades(focus.sku), *deps.relations.side_grades(focus.sku)):
        for c in deps.relations.changes(focus.sku, r.sku):
            if c.better:
                improved[c.dimension] = improved.get(c.dimension, frozenset()) | frozenset(c.label.split())
    axis = version_axis(need_en or need.text, deps.embedder, improved) if improved else None
    return [axis] if axis is not None else axes
