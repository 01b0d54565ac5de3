"""Optional simulated shoppers: personas with needs, a budget, dealbreakers and limited patience.

Offline a persona is scripted: it opens with its first line, reacts to each offer by rule (accepts an
offer whose product text matches one of its ``needs`` keywords, is within its ``budget`` and hits no
``dealbreakers``; declines anything else, losing one unit of ``patience``), and says its next scripted line
when no offer came. A run *passes* when a persona with needs accepted an offer, or when a persona without
needs (a browser who wants nothing) was offered nothing. Reported: the acceptance rate (accepted / offers
made, over all runs) and pass^k (share of personas whose k repeated runs all passed).

personas.yaml::

    personas:
      - id: commuter
        context: {page: product, product_sku: PX8-128}
        turns: ["My battery dies by lunch", "Anything else you'd suggest?"]
        needs: [power bank, battery]
        budget: 60          # the most this shopper pays for an add-on
        dealbreakers: [case]
        patience: 2
"""

from __future__ import annotations

import uuid
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agent.schemas import ChatContext, ChatRequest, Offer
from agent.yaml_text import safe_load
from evals.runner import ResponderFactory, Responder
from knowledge.catalog import Catalog
from knowledge.models import Product


class PersonaError(ValueError):
    """A personas file was refused; the message names the file, persona and field."""


class Persona(BaseModel):
    """A simulated shopper."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    context: ChatContext = Field(default_factory=ChatContext)
    turns: list[str] = Field(min_length=1, description="Scripted lines, said in order when no offer came.")
    needs: list[str] = Field(default_factory=list, description="Keywords an acceptable offer's text contains.")
    budget: float | None = Field(None, ge=0, description="Most this shopper pays for an offered item.")
    dealbreakers: list[str] = Field(default_factory=list)
    patience: int = Field(2, ge=1, description="Unwanted offers tolerated before leaving.")
    accept_text: str = "Yes, please add the {name}."
    decline_text: str = "No thanks, that's not what I need."


class PersonaRun(BaseModel):
    """One simulated conversation."""

    persona: str
    run: int
    passed: bool
    outcome: str
    offers: int
    accepted: int
    transcript: list[dict[str, object]] = Field(default_factory=list)


class PersonaOutcome(BaseModel):
    """A persona over its k runs."""

    id: str
    passes: int
    offers: int
    accepted: int
    outcome: str


class PersonaSummary(BaseModel):
    """Acceptance rate and pass^k over every persona."""

    k: int
    acceptance_rate: float | None
    pass_hat_k: float | None
    personas: list[PersonaOutcome]
    runs: list[PersonaRun] = Field(default_factory=list)


def load_personas(path: Path) -> list[Persona]:
    """Read personas.yaml; raises PersonaError naming the persona and field."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PersonaError(f"{path}: cannot read personas: {exc}") from None
    items = data.get("personas") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise PersonaError(f"{path}: expected a mapping with a non-empty 'personas' list")
    out = []
    for i, item in enumerate(items):
        pid = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
        try:
            out.append(Persona.model_validate(item))
        except ValidationError as exc:
            msgs = [f"{path}: persona '{pid}': field '{'.'.join(map(str, e['loc']))}': {e['msg']}" for e in exc.errors()]
            raise PersonaError("\n".join(msgs)) from None
    return out


def _text(p: Product) -> str:
    attrs = " ".join(f"{k} {v}" for k, v in p.attributes.items())
    return f"{p.name} {p.category} {p.brand or ''} {p.description} {attrs}".lower()


def react(persona: Persona, offer: Offer, catalog: Catalog) -> tuple[bool, str]:
    """Would this persona take the offer? Returns (accepted, why)."""
    p = catalog.get(offer.sku)
    if p is None:
        return False, f"{offer.sku} is not in the catalog"
    text = _text(p)
    if hit := next((d for d in persona.dealbreakers if d.lower() in text), None):
        return False, f"dealbreaker '{hit}'"
    if persona.budget is not None and p.price > persona.budget + 1e-9:
        return False, f"{p.price:g} is over the budget {persona.budget:g}"
    if not any(n.lower() in text for n in persona.needs):
        return False, "does not meet a need"
    return True, "meets a need"


def simulate(persona: Persona, respond: Responder, catalog: Catalog, session_id: str, run: int = 0,
             max_turns: int = 8) -> PersonaRun:
    """Converse until the persona accepts, runs out of patience or of lines (at most ``max_turns``)."""
    lines = list(persona.turns)
    message = lines.pop(0)
    patience, offers, accepted = persona.patience, 0, 0
    transcript: list[dict[str, object]] = []
    outcome = "ran out of things to say"
    for _ in range(max_turns):
        try:
            resp = respond(ChatRequest(session_id=session_id, message=message, context=persona.context))
        except Exception as exc:  # noqa: BLE001 - a broken agent fails the run, not the whole eval
            outcome = f"agent error: {type(exc).__name__}: {exc}"
            break
        transcript.append({"user": message, "reply": resp.reply, "offers": [o.sku for o in resp.offers]})
        if resp.offers:
            offers += len(resp.offers)
            ok, why = react(persona, resp.offers[0], catalog)
            if ok:
                accepted += 1
                transcript.append({"user": persona.accept_text.format(name=resp.offers[0].name)})
                outcome = f"accepted {resp.offers[0].sku} ({why})"
                break
            patience -= 1
            if patience <= 0:
                outcome = f"left after declining {resp.offers[0].sku} ({why})"
                break
            message = persona.decline_text
            continue
        if not lines:
            outcome = "no offer" if not persona.needs else "left without an offer for its need"
            break
        message = lines.pop(0)
    passed = accepted > 0 if persona.needs else offers == 0
    return PersonaRun(persona=persona.id, run=run, passed=passed, outcome=outcome, offers=offers,
                      accepted=accepted, transcript=transcript)


def run_personas(personas: list[Persona], responder_factory: ResponderFactory, catalog: Catalog,
                 k: int = 3) -> PersonaSummary:
    """Run every persona ``k`` times (fresh sessions) and report acceptance rate and pass^k."""
    respond = responder_factory()
    tag = uuid.uuid4().hex[:8]
    runs = [simulate(p, respond, catalog, f"persona-{tag}-{p.id}-{r}", r) for p in personas for r in range(k)]
    outcomes = []
    for p in personas:
        mine = [r for r in runs if r.persona == p.id]
        outcomes.append(PersonaOutcome(id=p.id, passes=sum(r.passed for r in mine), offers=sum(r.offers for r in mine),
                                       accepted=sum(r.accepted for r in mine), outcome=mine[-1].outcome))
    offers = sum(r.offers for r in runs)
    return PersonaSummary(
        k=k,
        acceptance_rate=sum(r.accepted for r in runs) / offers if offers else None,
        pass_hat_k=sum(o.passes == k for o in outcomes) / len(outcomes) if outcomes else None,
        personas=outcomes,
        runs=runs,
    )
