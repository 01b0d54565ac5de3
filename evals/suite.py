"""Scenario suites (CONTRACTS section 4): the typed shape and loading from YAML or JSON Lines.

YAML: one mapping with ``catalog`` (path relative to the suite file), optional ``orders``, optional ``name``
and ``scenarios`` (a list).

JSON Lines: the first non-blank line is the suite header, an object with ``catalog`` (and optional
``orders``, ``name``) and no ``turns``; every following non-blank line is one scenario object, the same
shape as a YAML scenario. Lines starting with ``#`` are comments.

A scenario: ``id`` (unique), ``tags`` (list), ``context`` (CONTRACTS section 3), ``turns``. A turn:
``user`` (the shopper's words), ``expect`` (optional), and ``context`` (optional): a partial context
merged into the running context for this turn and every later one (e.g. the page becomes
``post_purchase``, the cart grows). ``expect``: ``offer`` is ``any`` | ``none`` | a list of acceptable skus
(every offer must be in it); ``kind`` (optional) narrows acceptable offers to that kind; ``signal``
(optional) is a signal type the detector must report for this turn; ``optional: true`` (an extension, with a
sku list) means no offer is required but any offer made must be in the list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agent.schemas import ChatContext, OfferKind, SignalType
from agent.yaml_text import SafeLoader
from knowledge.bundles import fbt_components


class SuiteError(ValueError):
    """A suite file was refused; the message names the file, line, scenario and field."""


class Expectation(BaseModel):
    """What a good salesperson would do on one turn."""

    model_config = ConfigDict(extra="forbid")

    offer: Literal["any", "none"] | list[str] | None = Field(
        None, description="any | none | acceptable skus; None = no expectation about offers."
    )
    kind: OfferKind | None = None
    signal: SignalType | None = None
    optional: bool = Field(
        False,
        description="With a sku list: an offer is not required (not counted in recall), but any offer made must be "
        "in the list (counted in precision). For cart/checkout turns where one soft add-on is allowed.",
    )

    @field_validator("offer", mode="before")
    @classmethod
    def _normalise_offer(cls, v: Any) -> Any:
        if isinstance(v, str) and v.strip().lower() in ("any", "none"):
            return v.strip().lower()
        if isinstance(v, str):
            raise ValueError("offer must be 'any', 'none' or a list of skus")
        if isinstance(v, list):
            if not v:
                raise ValueError("an empty sku list: write 'none' to expect no offer")
            if not all(isinstance(s, str) and s.strip() for s in v):
                raise ValueError("every acceptable sku must be a non-empty string")
        return v

    @property
    def wants_offer(self) -> bool:
        """The turn expects an offer (``any`` or a list that is not ``optional``)."""
        return self.offer is not None and self.offer != "none" and not self.optional

    @property
    def acceptable(self) -> list[str] | None:
        """The acceptable skus, when the expectation lists them."""
        return self.offer if isinstance(self.offer, list) else None


class TurnSpec(BaseModel):
    """One shopper turn of a scenario."""

    model_config = ConfigDict(extra="forbid")

    user: str
    expect: Expectation = Field(default_factory=Expectation)
    context: dict[str, Any] | None = Field(None, description="Partial context merged in from this turn on.")


class Scenario(BaseModel):
    """One scripted conversation with expectations per turn."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    context: ChatContext = Field(default_factory=ChatContext)
    turns: list[TurnSpec] = Field(min_length=1)
    line: int | None = Field(None, exclude=True, description="Where the scenario starts in its file.")

    def contexts(self) -> list[ChatContext]:
        """The effective context of every turn (turn overrides accumulate)."""
        out: list[ChatContext] = []
        current = self.context.model_dump(mode="json", exclude_none=True)
        for turn in self.turns:
            if turn.context:
                current = {**current, **turn.context}
            out.append(ChatContext.model_validate(current))
        return out


class Suite(BaseModel):
    """A loaded suite: resolved file paths and its scenarios."""

    name: str
    path: Path
    catalog: Path
    orders: Path | None = None
    scenarios: list[Scenario]

    def referenced_skus(self) -> list[tuple[str, str]]:
        """Every sku the suite mentions, as (where, sku), to check against the catalog."""
        refs: list[tuple[str, str]] = []
        for sc in self.scenarios:
            for where, ctx in [("context", sc.context)] + [
                (f"turn {i + 1} context", c) for i, c in enumerate(sc.contexts())
            ]:
                if ctx.product_sku:
                    refs.append((f"scenario '{sc.id}' {where}.product_sku", ctx.product_sku))
                refs.extend((f"scenario '{sc.id}' {where}.cart", line.sku) for line in ctx.cart)
            for i, t in enumerate(sc.turns):
                for sku in t.expect.acceptable or []:
                    refs.append((f"scenario '{sc.id}' turn {i + 1} expect.offer", sku))
        return refs

    def check_skus(self, known: set[str] | Any) -> None:
        """Raise SuiteError listing every sku the suite names that ``known`` does not contain."""
        seen: set[tuple[str, str]] = set()
        bad = []
        for where, sku in self.referenced_skus():
            parts = fbt_components(sku)  # a "frequently bought together" set names catalog skus
            if sku in known or (parts and all(s in known for s in parts)) or (where, sku) in seen:
                continue
            seen.add((where, sku))
            bad.append(f"  {self.path}: {where}: unknown sku '{sku}'")
        if bad:
            raise SuiteError(f"{len(bad)} sku(s) not in the suite's catalog {self.catalog}:\n" + "\n".join(bad))


# --- loading ------------------------------------------------------------------------------------


class _LineLoader(SafeLoader):
    """A safe YAML loader that remembers the line of every mapping under the key ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _strip_lines(v) for k, v in obj.items() if k != "__line__"}
    if isinstance(obj, list):
        return [_strip_lines(v) for v in obj]
    return obj


def _field_path(loc: tuple[Any, ...], raw: Any) -> tuple[str, int | None]:
    """Turn a pydantic location into ``turns[2].expect.offer`` plus the nearest known line number."""
    parts: list[str] = []
    line = raw.get("__line__") if isinstance(raw, dict) else None
    node = raw
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
        try:
            node = node[item]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(node, dict) and "__line__" in node:
            line = node["__line__"]
    return "".join(parts), line


def _scenario(raw: Any, file: Path, line: int | None, index: int) -> Scenario:
    if not isinstance(raw, dict):
        where = f"{file}:{line}" if line else str(file)
        raise SuiteError(f"{where}: scenario #{index + 1} must be a mapping, got {type(raw).__name__}")
    sid = raw.get("id") or f"#{index + 1}"
    line = raw.get("__line__", line)
    try:
        sc = Scenario.model_validate(_strip_lines(raw))
    except ValidationError as exc:
        msgs = []
        for err in exc.errors():
            path, err_line = _field_path(tuple(err["loc"]), raw)
            where = f"{file}:{err_line or line}" if (err_line or line) else str(file)
            msgs.append(f"{where}: scenario '{sid}': field '{path}': {err['msg']}")
        raise SuiteError("\n".join(msgs)) from None
    return sc.model_copy(update={"line": line})


def _resolve(file: Path, value: Any, field: str, required: bool) -> Path | None:
    if value is None or value == "":
        if required:
            raise SuiteError(f"{file}: field '{field}' is required (a path relative to the suite file)")
        return None
    if not isinstance(value, str):
        raise SuiteError(f"{file}: field '{field}' must be a path string")
    p = Path(value)
    p = p if p.is_absolute() else (file.parent / p)
    return p.resolve()


def _build(file: Path, header: dict[str, Any], scenarios: list[Scenario]) -> Suite:
    unknown = set(header) - {"catalog", "orders", "name", "scenarios", "__line__"}
    if unknown:
        raise SuiteError(f"{file}: unknown suite field(s) {sorted(unknown)} (allowed: catalog, orders, name, scenarios)")
    catalog = _resolve(file, header.get("catalog"), "catalog", True)
    orders = _resolve(file, header.get("orders"), "orders", False)
    if not scenarios:
        raise SuiteError(f"{file}: the suite has no scenarios")
    seen: dict[str, int | None] = {}
    for sc in scenarios:
        if sc.id in seen:
            raise SuiteError(f"{file}:{sc.line}: scenario id '{sc.id}' repeats (first at line {seen[sc.id]})")
        seen[sc.id] = sc.line
    return Suite(
        name=str(header.get("name") or file.parent.name or file.stem),
        path=file,
        catalog=catalog,
        orders=orders,
        scenarios=scenarios,
    )


def _load_yaml(file: Path, text: str) -> Suite:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        raise SuiteError(f"{file}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise SuiteError(f"{file}: a suite must be a mapping with 'catalog' and 'scenarios'")
    raw = data.get("scenarios")
    if not isinstance(raw, list):
        raise SuiteError(f"{file}:{data.get('__line__', 1)}: field 'scenarios' must be a list")
    scenarios = [_scenario(item, file, None, i) for i, item in enumerate(raw)]
    return _build(file, data, scenarios)


def _load_jsonl(file: Path, text: str) -> Suite:
    header: dict[str, Any] | None = None
    scenarios: list[Scenario] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SuiteError(f"{file}:{lineno}: not valid JSON: {exc.msg}") from None
        if header is None:
            if not isinstance(obj, dict) or "turns" in obj or "catalog" not in obj:
                raise SuiteError(
                    f"{file}:{lineno}: the first line must be the suite header, e.g. "
                    '{"catalog": "catalog.jsonl", "orders": "orders.csv"}'
                )
            header = obj
            continue
        if isinstance(obj, dict):
            obj["__line__"] = lineno
        scenarios.append(_scenario(obj, file, lineno, len(scenarios)))
    if header is None:
        raise SuiteError(f"{file}: empty suite (expected a header line and scenario lines)")
    return _build(file, header, scenarios)


def load_suite(path: str | Path) -> Suite:
    """Load and validate a suite from ``.yaml``/``.yml`` or ``.jsonl``; raises SuiteError on bad input."""
    file = Path(path).resolve()
    if not file.is_file():
        raise SuiteError(f"{file}: suite file not found")
    text = file.read_text(encoding="utf-8")
    if file.suffix.lower() in (".jsonl", ".ndjson"):
        suite = _load_jsonl(file, text)
    elif file.suffix.lower() in (".yaml", ".yml", ".json"):
        suite = _load_yaml(file, text)
    else:
        raise SuiteError(f"{file}: unknown suite format (use .yaml, .yml or .jsonl)")
    if not suite.catalog.is_file():
        raise SuiteError(f"{file}: field 'catalog': file not found: {suite.catalog}")
    if suite.orders is not None and not suite.orders.is_file():
        raise SuiteError(f"{file}: field 'orders': file not found: {suite.orders}")
    return suite
