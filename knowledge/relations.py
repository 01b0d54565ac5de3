"""Which products upgrade or complement which: families, curated links, compatibility and co-purchase."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import islice

from pydantic import BaseModel, Field

from knowledge.catalog import Catalog
from knowledge.copurchase import RuleBook
from knowledge.interfaces import PAIRS_PER_ACCESSORY, Misfit, interface_keys, misfit
from knowledge.measures import (
    KEY_DIMENSIONS,
    LOOK_KEYS,
    Change,
    Measure,
    compare_measures,
    product_measures,
    same_measures,
)
from knowledge.models import Product, Relation, RelationSource
from knowledge.requirements import lacking_parts, supplies

FAMILY_STRENGTH = 0.8
CURATED_STRENGTH = 1.0
COMPATIBLE_STRENGTH = 0.9

# On equal strength, the link a merchant stated beats one we inferred.
_SOURCE_RANK: dict[RelationSource, int] = {"curated": 0, "compatible": 1, "family": 2, "copurchase": 3}

CategoryPath = tuple[str, ...]


class RelationStats(BaseModel):
    """Counts of the relation indexes, for the ingest summary."""

    families: int = Field(description="Distinct product families.")
    curated_links: int = Field(description="Curated upsell and cross-sell links that point at a known sku.")
    compatibility_links: int = Field(description="(accessory, product) pairs its compatible_with selectors resolve to.")
    rules: int = Field(description="Co-purchase rules.")
    dangling_links: int = Field(0, description="Curated links to unknown skus and selectors that match nothing.")


def category_key(category: str) -> CategoryPath:
    """A category as a comparable path: ``"Electronics > Phones"`` -> ``("electronics", "phones")``."""
    return tuple(p.strip().casefold() for p in category.split(">") if p.strip())


def parse_selector(selector: str) -> tuple[str, str]:
    """Split a ``compatible_with`` entry into (kind, value): kind is ``sku``, ``family`` or ``category``."""
    head, sep, rest = selector.partition(":")
    kind = head.strip().lower()
    if sep and kind in ("family", "category") and rest.strip():
        return kind, rest.strip()
    # Anything else is a sku, even with a colon in it: skus are free-form.
    return "sku", selector.strip()


def _better(a: Relation, b: Relation) -> bool:
    """Whether ``a`` should replace ``b`` for the same sku."""
    return (-a.strength, _SOURCE_RANK[a.source]) < (-b.strength, _SOURCE_RANK[b.source])


def _merge(into: dict[str, Relation], rel: Relation) -> None:
    cur = into.get(rel.sku)
    if cur is None or _better(rel, cur):
        into[rel.sku] = rel


def selects(accessory: Product, base: Product) -> bool:
    """Whether one of the accessory's ``compatible_with`` selectors (sku, family:, category:) picks ``base``."""
    path = category_key(base.category)
    for sel in accessory.compatible_with:
        kind, value = parse_selector(sel)
        if kind == "sku" and value == base.sku:
            return True
        if kind == "family" and base.family is not None and value == base.family:
            return True
        if kind == "category":
            key = category_key(value)
            if key and path[: len(key)] == key:
                return True
    return False


def _size_key(key: str) -> bool:
    return "size" in re.split(r"[\W_]+", key.lower())


def _size(p: Product) -> str | None:
    """The size a product is cut to, as written ("king", "M", "16x32" under ``size`` or ``size_ft``); None if unsaid.
    A size given as a number (a 55" screen) is a measure a better version may improve, not a fit."""
    for key, value in (p.attributes or {}).items():
        if _size_key(key) and isinstance(value, str) and value.strip():
            return value.strip().casefold()
    return None


def _same_size(a: Product, b: Product) -> bool:
    """Whether two products are cut to the same size (or either states none)."""
    sa, sb = _size(a), _size(b)
    return sa is None or sb is None or sa == sb


def sizes_are_a_choice(members: Iterable[Product]) -> bool:
    """Whether a family sells the same thing cut to several sizes: two members differing in size and in nothing
    else but how they look (the 8 mil cover in 16x32 and in 18x36). Then the size is a fit a better version must
    keep; a line whose better towel is merely a little larger has no size to keep."""
    sized = [(p, _size(p)) for p in members]
    sized = [(p, s) for p, s in sized if s is not None]
    for i, (a, sa) in enumerate(sized):
        for b, sb in sized[i + 1 :]:
            if sa == sb:
                continue
            keys = {k for k in a.attributes.keys() | b.attributes.keys() if not _size_key(k) and k.lower() not in LOOK_KEYS}
            if all(a.attributes.get(k) == b.attributes.get(k) for k in keys):
                return True
    return False


def fit_keys(members: Iterable[Product]) -> frozenset[str]:
    """The attributes that alone tell two members of a family apart at the same price (``hand: left`` beside
    ``hand: right``): who or what the product fits, which a better version must keep. How it looks is no fit."""
    ordered = sorted(members, key=lambda p: (p.price, p.sku))
    keys: set[str] = set()
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.price > a.price * 1.005 + 0.005:
                break
            differ = {
                k for k in a.attributes.keys() | b.attributes.keys()
                if k.lower() not in LOOK_KEYS and a.attributes.get(k) != b.attributes.get(k)
            }
            if len(differ) == 1:
                (key,) = differ
                if isinstance(a.attributes.get(key), str) and isinstance(b.attributes.get(key), str):
                    keys.add(key)
    return frozenset(keys)


def _kinds(measures: tuple[Measure, ...]) -> set[str]:
    """The kinds of quantity a product states, for telling whether two products are the same kind of thing."""
    return {
        f"level:{m.slot}" if m.dimension == "level" else m.dimension
        for m in measures
        if m.dimension not in ("feature", "mass")
    }


def _by_leaf(catalog: Catalog) -> dict[tuple[CategoryPath, str], list[Product]]:
    """Products in no family, by their full category path and brand: where a product's other versions are when
    it has no family (a per-turn scan of a whole category grows with the catalog: 36 ms at 1,000,000)."""
    out: dict[tuple[CategoryPath, str], list[Product]] = defaultdict(list)
    for p in catalog:
        if p.family is None and p.brand:
            out[(category_key(p.category), p.brand)].append(p)
    return dict(out)


class Relations:
    """Upgrade and add-on links between catalog products, indexed once per catalog import."""

    def __init__(
        self,
        catalog: Catalog,
        rules: RuleBook,
        family_by_price: dict[str, tuple[list[float], list[Product]]],
        accessories_by_sku: dict[str, list[str]],
        accessories_by_family: dict[str, list[str]],
        accessories_by_category: dict[CategoryPath, list[str]],
        skus_by_category_prefix: dict[CategoryPath, list[str]],
        measures: dict[str, tuple[Measure, ...]] | None = None,
        by_leaf: dict[tuple[CategoryPath, str], list[Product]] | None = None,
        fits: dict[str, frozenset[str]] | None = None,
    ):
        # Use Relations.build; the constructor only stores what build computed.
        self.catalog = catalog
        self.rules = rules
        self._family_by_price = family_by_price
        self._acc_by_sku = accessories_by_sku
        self._acc_by_family = accessories_by_family
        self._acc_by_category = accessories_by_category
        self._skus_by_prefix = skus_by_category_prefix
        self._measures = measures if measures is not None else {p.sku: product_measures(p) for p in catalog}
        self._by_leaf = by_leaf if by_leaf is not None else _by_leaf(catalog)
        self._fits = fits if fits is not None else {f: fit_keys(m) for f, (_, m) in family_by_price.items()}
        self._sized = {f for f, (_, m) in family_by_price.items() if sizes_are_a_choice(m)}
        self._interfaces = interface_keys(self._linked_pairs())

    @classmethod
    def build(cls, catalog: Catalog, rules: RuleBook | None = None) -> "Relations":
        """Index the catalog's families, compatibility selectors and category paths (and attach the rules)."""
        family_by_price: dict[str, tuple[list[float], list[Product]]] = {}
        for name, members in catalog.families.items():
            ordered = sorted(members, key=lambda p: (p.price, p.sku))
            family_by_price[name] = ([p.price for p in ordered], ordered)

        acc_by_sku: dict[str, list[str]] = defaultdict(list)
        acc_by_family: dict[str, list[str]] = defaultdict(list)
        acc_by_category: dict[CategoryPath, list[str]] = defaultdict(list)
        by_prefix: dict[CategoryPath, list[str]] = defaultdict(list)
        for p in catalog:
            path = category_key(p.category)
            for i in range(1, len(path) + 1):
                by_prefix[path[:i]].append(p.sku)
            for sel in dict.fromkeys(p.compatible_with):
                kind, value = parse_selector(sel)
                if kind == "family":
                    acc_by_family[value].append(p.sku)
                elif kind == "category":
                    key = category_key(value)
                    if key:
                        acc_by_category[key].append(p.sku)
                else:
                    acc_by_sku[value].append(p.sku)
        return cls(
            catalog,
            rules if rules is not None else RuleBook(),
            family_by_price,
            dict(acc_by_sku),
            dict(acc_by_family),
            dict(acc_by_category),
            dict(by_prefix),
            # Measures are read once per product here, at catalog load, never per turn.
            {p.sku: product_measures(p) for p in catalog},
            _by_leaf(catalog),
            {name: fit_keys(members) for name, (_, members) in family_by_price.items()},
        )

    # --- measures -----------------------------------------------------------------------------
    def measures(self, sku: str) -> tuple[Measure, ...]:
        """The product's measures (knowledge.measures), computed once when the relations were built."""
        found = self._measures.get(sku)
        if found is None:
            p = self.catalog.get(sku)
            return product_measures(p) if p is not None else ()
        return found

    def changes(self, base_sku: str, other_sku: str) -> list[Change]:
        """How the other product's measures differ from the base's (knowledge.measures.compare_measures)."""
        return compare_measures(self.measures(base_sku), self.measures(other_sku))

    def is_variant(self, base_sku: str, other_sku: str) -> bool:
        """A mere colour/style/finish variant: same family, the same measures, at least one measure to compare."""
        a, b = self.catalog.get(base_sku), self.catalog.get(other_sku)
        if a is None or b is None or a.family is None or a.family != b.family:
            return False
        ma, mb = self.measures(base_sku), self.measures(other_sku)
        if not ma and not mb:
            # Nothing measured: text attributes alone say it (both state a colour and only that differs). Where the
            # merchant ranks them in different tiers, only a look tells variants apart: a cabretta glove a tier above
            # the synthetic one is its better version, a pink one a tier above is still a colour.
            ta, tb = a.attributes, b.attributes
            differ = [k for k in ta if ta[k] != tb.get(k)]
            ranked = a.tier is not None and b.tier is not None and a.tier != b.tier
            return bool(ta) and set(ta) == set(tb) and bool(differ) and all(
                isinstance(ta[k], str) and (not ranked or k.lower() in LOOK_KEYS) for k in differ
            )
        return same_measures(ma, mb)

    def improves(self, base_sku: str, other_sku: str) -> bool | None:
        """Whether ``other`` is better than ``base`` on some measure and worse on no key one; None: nothing to compare."""
        changes = self.changes(base_sku, other_sku)
        if not changes:
            return None
        if any(c.worse and c.dimension in KEY_DIMENSIONS for c in changes):
            return False
        return any(c.better for c in changes)

    # --- upgrades -----------------------------------------------------------------------------
    def upgrades(self, sku: str) -> list[Relation]:
        """Better versions of ``sku``: curated upsells first, then better family members nearest in price.

        A family member is an upgrade when it costs more and is better: a higher tier when both have one,
        otherwise better on at least one measure and worse on none of the key ones (knowledge.measures); with no
        measures to compare, price order (the old rule). A mere colour/finish variant (same measures) never is,
        whatever its tier or price. Stock, active and uplift limits are the policy's job.
        """
        base = self.catalog.get(sku)
        if base is None:
            return []
        found: dict[str, Relation] = {}
        for target in base.upsells:
            other = self.catalog.get(target)
            if other is not None and other.sku != sku and other.price > base.price:
                _merge(found, Relation(sku=other.sku, source="curated", strength=CURATED_STRENGTH))
        for other in self._pricier_versions(base):
            if self._is_upgrade(base, other):
                _merge(found, Relation(sku=other.sku, source="family", strength=FAMILY_STRENGTH))
        return sorted(found.values(), key=lambda r: (-r.strength, self.catalog.price_of(r.sku), r.sku))

    def side_grades(self, sku: str) -> list[Relation]:
        """Pricier family members that are no upgrade overall (a lighter model with a smaller battery, the same tier
        in another format), nearest in price first: a replacement only for a need about what one of them improves.
        """
        base = self.catalog.get(sku)
        if base is None:
            return []
        return [
            Relation(sku=o.sku, source="family", strength=FAMILY_STRENGTH)
            for o in self._pricier_versions(base)
            if o.sku not in base.upsells and not self._is_upgrade(base, o)
        ]

    def _pricier_versions(self, base: Product) -> list[Product]:
        """The base's pricier family members, nearest in price first, without its colour/finish variants and its
        other sizes (a king topper is no better version of a double one)."""
        if not base.family or base.family not in self._family_by_price:
            return []
        prices, members = self._family_by_price[base.family]
        return [
            o for o in members[bisect_right(prices, base.price) :]
            if o.sku != base.sku and not self.is_variant(base.sku, o.sku) and self.same_fit(base, o)
        ]

    def same_fit(self, a: Product, b: Product) -> bool:
        """Whether two members of a family are cut to the same size and fit the same (``hand``, ``plug``: the
        family's fit keys), where both state them."""
        if (a.family in self._sized or a.family is None) and not _same_size(a, b):
            return False
        for key in self._fits.get(a.family or "", ()):
            va, vb = a.attributes.get(key), b.attributes.get(key)
            if va is not None and vb is not None and va != vb:
                return False
        return True

    def _is_upgrade(self, base: Product, other: Product) -> bool:
        """A higher tier when both have one; otherwise better on some measure and worse on no key one (or nothing
        to compare: price order)."""
        if base.tier is not None and other.tier is not None:
            return other.tier > base.tier
        return self.improves(base.sku, other.sku) is not False

    def cheaper_versions(self, sku: str) -> list[Product]:
        """Cheaper versions of ``sku``, nearest in price first: its family's cheaper members (colour variants too);
        for a product in no family, products of the same kind: same leaf category and brand, in no family, not an
        accessory of it, with similar measures.
        """
        base = self.catalog.get(sku)
        if base is None:
            return []
        out: dict[str, Product] = {}
        if base.family:
            for other in self.catalog.family(base.family):
                if other.sku != sku and other.price < base.price and self.same_fit(base, other):
                    out[other.sku] = other
        for other in self._same_kind(base):
            if other.sku not in out and other.price < base.price:
                out[other.sku] = other
        return sorted(out.values(), key=lambda p: (-p.price, p.sku))

    def versions(self, sku: str) -> list[Product]:
        """Every other version of ``sku`` at any price, cheapest first: its family's other members of the same size,
        or for a product in no family the products of its kind (see :meth:`cheaper_versions`)."""
        base = self.catalog.get(sku)
        if base is None:
            return []
        family = self.catalog.family(base.family) if base.family else []
        out = [o for o in family if o.sku != sku and self.same_fit(base, o)]
        out += self._same_kind(base)
        return sorted(out, key=lambda p: (p.price, p.sku))

    def _same_kind(self, base: Product) -> list[Product]:
        """Other products of the kind of a product in no family: same leaf category and brand, in no family, not an
        accessory of it, with similar measures."""
        # A product in a family has its versions there; another line of the same brand is another product.
        if base.family or not base.brand:
            return []
        out = []
        for other in self._by_leaf.get((category_key(base.category), base.brand), ()):
            if other.sku == base.sku or other.family is not None or other.brand != base.brand:
                continue
            if selects(other, base) or selects(base, other):
                continue  # an accessory of it (or it of the other) is no version of it
            if self._similar_measures(base.sku, other.sku):
                out.append(other)
        return out

    def _similar_measures(self, a: str, b: str) -> bool:
        """Whether two products state largely the same kinds of quantity (or neither states any).

        Weight and feature flags say nothing about what a product is; a unit-less level is its own kind per key.
        """
        da, db = _kinds(self.measures(a)), _kinds(self.measures(b))
        if not da or not db:
            return not da and not db
        return len(da & db) / min(len(da), len(db)) >= 0.5

    # --- compatibility ------------------------------------------------------------------------
    def _targets(self, selector: str) -> Sequence[str]:
        """The skus a selector picks, as indexed (not a copy: a category may hold a large share of the catalog)."""
        kind, value = parse_selector(selector)
        if kind == "family":
            return [p.sku for p in self.catalog.family(value)]
        if kind == "category":
            return self._skus_by_prefix.get(category_key(value), ())
        return [value] if value in self.catalog else []

    def _resolve(self, selector: str) -> list[str]:
        return list(self._targets(selector))

    def fits(self, sku: str) -> list[str]:
        """For an accessory, the skus of the products its ``compatible_with`` selectors select."""
        acc = self.catalog.get(sku)
        if acc is None:
            return []
        out: dict[str, None] = {}
        for sel in acc.compatible_with:
            for target in self._resolve(sel):
                if target != sku:
                    out[target] = None
        return list(out)

    def _linked_pairs(self) -> Iterable[tuple[Product, Product]]:
        """(add-on, item) pairs the merchant linked: compatibility selectors (a few per accessory) and curated
        cross-sells."""
        for acc in self.catalog:
            read = 0
            for sel in acc.compatible_with:
                for sku in islice(self._targets(sel), PAIRS_PER_ACCESSORY - read):
                    base = self.catalog.get(sku)
                    if base is not None and base.sku != acc.sku:
                        read += 1
                        yield acc, base
                if read >= PAIRS_PER_ACCESSORY:
                    break
            for sku in acc.cross_sells:
                addon = self.catalog.get(sku)
                if addon is not None and addon.sku != acc.sku:
                    yield addon, acc

    @property
    def interfaces(self) -> frozenset[str]:
        """The attributes an add-on must share with the item it is for (:mod:`knowledge.interfaces`)."""
        return self._interfaces

    def misfit(self, addon_sku: str, item: Product) -> Misfit | None:
        """How an add-on the merchant did not link to ``item`` fails to fit it (another lens mount), or None."""
        addon = self.catalog.get(addon_sku)
        if addon is None or addon.sku == item.sku or addon.sku in item.cross_sells or selects(addon, item):
            return None
        return misfit(addon, item, self._interfaces)

    def is_compatible(self, accessory_sku: str, base_sku: str) -> bool:
        """Whether the accessory's selectors select the base product."""
        acc, base = self.catalog.get(accessory_sku), self.catalog.get(base_sku)
        if acc is None or base is None or acc.sku == base.sku:
            return False
        return selects(acc, base) and self.sizes_agree(acc.sku, base)

    def sizes_agree(self, accessory_sku: str, base: Product) -> bool:
        """False when an accessory made for ``base`` is cut for another of its sizes (a double sheet, a king topper).

        Both state a ``size`` attribute, they differ, and the accessory's size is one the base's own family comes
        in: the two values then name sizes of the same thing ("one size" or "large" on a dog bowl decides nothing).
        """
        acc = self.catalog.get(accessory_sku)
        if acc is None or base.family is None:
            return True
        mine, theirs = _size(base), _size(acc)
        if mine is None or theirs is None or mine == theirs:
            return True
        return theirs not in {_size(m) for m in self.catalog.family(base.family)}

    def accessories(self, sku: str) -> list[str]:
        """Accessories whose selectors select ``sku`` (the reverse of :meth:`fits`)."""
        base = self.catalog.get(sku)
        if base is None:
            return []
        out: dict[str, None] = {}
        out.update(dict.fromkeys(self._acc_by_sku.get(sku, ())))
        if base.family:
            out.update(dict.fromkeys(self._acc_by_family.get(base.family, ())))
        path = category_key(base.category)
        for i in range(1, len(path) + 1):
            out.update(dict.fromkeys(self._acc_by_category.get(path[:i], ())))
        out.pop(sku, None)
        return list(out)

    # --- complements --------------------------------------------------------------------------
    def _excluded_for(self, skus: Iterable[str]) -> set[str]:
        """The given skus and every member of their families: a variant is not an add-on."""
        out: set[str] = set()
        for s in skus:
            out.add(s)
            p = self.catalog.get(s)
            if p is not None and p.family:
                out.update(m.sku for m in self.catalog.family(p.family))
        return out

    def _sorted(self, found: dict[str, Relation]) -> list[Relation]:
        return sorted(found.values(), key=lambda r: (-r.strength, _SOURCE_RANK[r.source], r.sku))

    def _complements_into(self, found: dict[str, Relation], sku: str, excluded: set[str]) -> None:
        base = self.catalog.get(sku)
        if base is None:
            return
        for target in base.cross_sells:
            if target in self.catalog and target not in excluded:
                _merge(found, Relation(sku=target, source="curated", strength=CURATED_STRENGTH))
        for acc in self.accessories(sku):
            if acc not in excluded and self.sizes_agree(acc, base):
                _merge(found, Relation(sku=acc, source="compatible", strength=COMPATIBLE_STRENGTH))
        for rule in self.rules.for_sku(sku):
            if rule.consequent in self.catalog and rule.consequent not in excluded:
                _merge(found, Relation(sku=rule.consequent, source="copurchase", strength=rule.confidence, rule=rule))

    def complements(self, sku: str) -> list[Relation]:
        """Add-ons for ``sku``: curated cross-sells, compatible accessories, co-purchase consequents; strongest first."""
        found: dict[str, Relation] = {}
        self._complements_into(found, sku, self._excluded_for([sku]))
        return self._sorted(found)

    def complements_for_cart(self, skus: list[str]) -> list[Relation]:
        """Add-ons for a whole cart: merged over its items (strongest per sku), never an item or variant already in it."""
        excluded = self._excluded_for(skus)
        found: dict[str, Relation] = {}
        for sku in dict.fromkeys(skus):
            self._complements_into(found, sku, excluded)
        for rule in self.rules.for_basket(skus):
            if rule.consequent in self.catalog and rule.consequent not in excluded:
                _merge(found, Relation(sku=rule.consequent, source="copurchase", strength=rule.confidence, rule=rule))
        self._mark_required(found, skus)
        return self._sorted(found)

    def _mark_required(self, found: dict[str, Relation], skus: list[str]) -> None:
        """Mark the add-ons made for the cart that supply a part an item comes without and the cart lacks."""
        held = [p for p in (self.catalog.get(s) for s in skus) if p is not None]
        lacking = lacking_parts(held)
        if not lacking:
            return
        for sku, rel in found.items():
            acc = self.catalog.get(sku)
            # Made for the item (curated or compatible, even when a stronger co-purchase rule won the link): a
            # co-purchase alone naming a battery may be for another tool.
            made_for = rel.source != "copurchase" or any(sku in h.cross_sells or self.is_compatible(sku, h.sku) for h in held)
            if acc is not None and made_for and supplies(acc, lacking):
                found[sku] = rel.model_copy(update={"required": True})

    # --- summary ------------------------------------------------------------------------------
    def stats(self) -> RelationStats:
        """How many families, curated links, compatibility pairs and rules the catalog yields."""
        curated = dangling = compat = 0
        for p in self.catalog:
            for target in (*p.upsells, *p.cross_sells):
                if target in self.catalog:
                    curated += 1
                else:
                    dangling += 1
            if p.compatible_with:
                dangling += sum(1 for sel in p.compatible_with if not self._resolve(sel))
                compat += len(self.fits(p.sku))
        return RelationStats(
            families=len(self.catalog.families),
            curated_links=curated,
            compatibility_links=compat,
            rules=len(self.rules),
            dangling_links=dangling,
        )
