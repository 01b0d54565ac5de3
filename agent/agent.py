"""The sales agent: one shopper turn in, one grounded reply with at most one guardrailed offer out."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext

from agent.acceptance import acceptance_actions, apply_actions, find_offer, typed_acceptance
from agent.candidates import CandidateDeps, gather_candidates
from agent.candidates.bundles import earlier_answers
from agent.candidates.gather import heard_signals
from agent.candidates.named import sold_kinds
from agent.deps import AgentDeps
from agent.judge import OfferJudge, Option
from agent.models.base import ChatModel, Deadline
from agent.offer_card import with_card_lines
from agent.policy import PolicyContext, decide
from agent.policy.rules import accepted_last_offer
from agent.promo_pricing import price_candidates
from agent.readiness import Readiness, check_readiness
from agent.reply.composer import ReplyComposer, word_chunks
from agent.reply.input import ReplyInput
from agent.retrieval import NeedSearch, reply_language
from agent.schemas import Action, ChatContext, ChatRequest, ChatResponse, Signal
from agent.settings import Settings
from agent.signals import ModelSignalDetector, OfflineSignalDetector, shared_encoder
from agent.signals.carried import carried_need
from agent.signals.better_ask import mark_better_asks
from agent.signals.cheaper_ask import mark_cheaper_asks
from agent.signals.kind_ask import MADE_FOR_STRENGTH, made_for_kinds, mark_kind_asks, names_made_for_kind
from agent.signals.limit_ask import mark_limit_asks
from agent.signals.part_ask import mark_part_asks
from agent.signals.price_concern import price_concern
from agent.signals.over_budget import over_budget_ask
from agent.signals.price_objection import price_objection
from agent.signals.variant_ask import variant_questions
from agent.signals.version_ask import mark_version_asks
from agent.signals.unsettled import grumble_after_decline
from agent.signals.unworded import unworded_need
from agent.sql_store import make_session_store
from agent.state import SessionStore
from agent.turn import TurnFacts
from agent.types import Candidate, Decision, OfferRecord, SessionState, Turn
from knowledge.catalog import Catalog
from knowledge.embeddings import Embedder
from knowledge.models import Product, SearchFilters
from knowledge.relations import Relations
from knowledge.store import KnowledgeStore
from knowledge.text import content_words, lang_of


def warm_languages() -> None:
    """Load the language identifier (py3langid) and the six message catalogs now, not on a shopper's turn."""
    from agent.i18n.messages import load_catalog
    from knowledge.text import LANGUAGES, guess_language

    guess_language("warm up the language identifier")
    for lang in LANGUAGES:
        load_catalog(lang)


class SalesAgent:
    """Turns a ChatRequest into a ChatResponse: signals → candidates → policy → reply → state."""

    def __init__(self, deps: AgentDeps):
        self.deps = deps
        # Turns of one session are serialised so two quick messages cannot lose each other's state.
        self._session_locks: weakref.WeakValueDictionary[str, threading.Lock] = weakref.WeakValueDictionary()
        self._locks_guard = threading.Lock()

    @property
    def sessions_engine(self):
        """The SQL engine the sessions live in (None for a store without one): shared tables sit beside them."""
        return getattr(self.deps.sessions, "engine", None)

    @property
    def knowledge(self) -> KnowledgeStore:
        """The store's knowledge (catalog, relations, index)."""
        return self.deps.knowledge

    @contextmanager
    def session_lock(self, session_id: str) -> Iterator[None]:
        """Hold the lock that serialises turns of one session, in this process and across processes.

        The in-process lock comes first so threads of one worker queue in memory and only one of them at a time
        waits on the store's lock (an advisory lock on PostgreSQL, a file lock for SQLite).
        """
        with self._locks_guard:
            lock = self._session_locks.get(session_id)
            if lock is None:
                lock = threading.Lock()
                self._session_locks[session_id] = lock
        store_lock = getattr(self.deps.sessions, "lock", None)  # stores without one serve a single process
        with lock, (store_lock(session_id) if store_lock is not None else nullcontext()):
            yield

    # --- public API ----------------------------------------------------------------------------
    def respond(self, request: ChatRequest, *, deadline: Deadline | None = None) -> ChatResponse:
        """Answer one shopper turn.

        ``deadline`` bounds all the turn's model work (signals, judge, phrasing, regeneration, retries): each call
        gets the time left, and once it is used up the offline reply goes out. By default it starts now and lasts
        ``settings.model.model_timeout``; the API starts it when the request arrives.
        """
        deadline = deadline or self.new_deadline()
        with self.session_lock(request.session_id):
            prepared = self.plan(request, deadline=deadline)
            if self.deps.judge is not None:
                return self.commit(prepared, self._judge(prepared, deadline))
            result = self.deps.composer.compose(prepared.reply_input, deadline=deadline)
            return self.commit(prepared, result.text)

    def stream(self, request: ChatRequest, *, deadline: Deadline | None = None) -> Iterator[str | ChatResponse]:
        """Yield the reply text in chunks, then the final ChatResponse (one deadline for the turn, as respond)."""
        deadline = deadline or self.new_deadline()
        with self.session_lock(request.session_id):
            prepared = self.plan(request, deadline=deadline)
            if self.deps.judge is not None:
                text = self._judge(prepared, deadline)
                yield from word_chunks(text)
                yield self.commit(prepared, text)
                return
            chunks: list[str] = []
            for chunk in self.deps.composer.stream(prepared.reply_input, deadline=deadline):
                chunks.append(chunk)
                yield chunk
            yield self.commit(prepared, "".join(chunks))

    def new_deadline(self) -> Deadline:
        """A fresh turn deadline: the model timeout, starting now."""
        return Deadline(self.deps.model_timeout)

    def _judge(self, prepared: "TurnPlan", deadline: Deadline | None = None) -> str:
        """Let the model choose among the approved offers and phrase the reply; the plan takes the settled decision."""
        verdict = self.deps.judge.judge(prepared.reply_input, prepared.shortlist, deadline=deadline)  # type: ignore[union-attr]
        prepared.decision, prepared.reply_input = verdict.decision, verdict.reply_input
        return verdict.text

    def record_outcome(self, session_id: str, sku: str, outcome: str, customer_id: str | None = None) -> None:
        """Fold a widget event into the session: ``declined`` feeds decline memory, ``accepted`` marks it taken."""
        with self.session_lock(session_id):
            state = self.deps.sessions.load(session_id)
            state.customer_id = customer_id or state.customer_id
            if outcome == "declined":
                if sku not in state.declined_skus:
                    state.declined_skus.append(sku)
                    state.decline_count += 1
            elif outcome in ("accepted", "purchased") and sku not in state.accepted_skus:
                state.accepted_skus.append(sku)
                taken = find_offer(state, sku) if outcome == "accepted" else None
                if taken is not None:  # the card's button: the same cart and focus as a typed yes
                    state.last_context = apply_actions(state.last_context, acceptance_actions(taken))
            if outcome == "purchased" and sku not in state.purchased_skus:
                # Bought means never upgraded again in this session (policy rule purchased_no_upgrade).
                state.purchased_skus.append(sku)
            self.deps.sessions.save(state)

    def warm_up(self) -> None:
        """Load everything the first turn would load lazily (catalog, model, examples, glossary, name index).

        A server calls this before taking traffic: otherwise fifty first turns arriving together each start the
        same one-off loading work at once, and the slowest of them wait seconds (measured in bench_load).
        """
        from agent.glossary import load_glossary
        from agent.reply.grounding import name_index

        knowledge = self.deps.knowledge
        catalog = knowledge.catalog
        knowledge.search("warm up", filters=SearchFilters(), k=1)
        for lang in sorted(knowledge.multilingual_languages)[:1]:
            knowledge.search("warm up", filters=SearchFilters(), k=1, lang=lang)
        for detector in (self.deps.detector, getattr(self.deps.detector, "fallback", None)):
            if hasattr(detector, "warm_up"):
                detector.warm_up()
        load_glossary()
        warm_languages()
        name_index(catalog)
        sold_kinds(catalog)
        if self.deps.composer.model is not None:
            # The prompt token counter (tiktoken) takes about a second to load: not out of the first turn's deadline.
            self.deps.composer.counter()

    # --- one turn ------------------------------------------------------------------------------
    def plan(self, request: ChatRequest, *, deadline: Deadline | None = None) -> "TurnPlan":
        """Decide a turn (signals, candidates, policy, reply input) without answering or saving it."""
        deps = self.deps
        state = deps.sessions.load(request.session_id)
        now = deps.clock()
        snapshot = deps.knowledge.snapshot
        catalog = snapshot.catalog
        context = _effective_context(request.context, state.last_context, catalog)
        if context.page == "post_purchase":
            # What was in the cart at purchase is what they bought: offers must complement it, not upgrade it.
            state.purchased_skus.extend(c.sku for c in context.cart if c.sku not in state.purchased_skus)
        # "ok, add it" accepts an offer only right after one was made; otherwise it is intent to buy.
        offer_pending = bool(state.turns and state.turns[-1].offers)
        # The shopper's words, not the page, say the language: detection and search read it as they read a locale.
        earlier = [t.user for t in state.turns[-6:]]
        language = reply_language(request.message, context.locale, earlier)
        heard = context if lang_of(context.locale) == language else context.model_copy(update={"locale": language})
        signals = deps.detector.detect(request.message, heard, offer_pending=offer_pending, deadline=deadline)
        held = [p for p in (catalog.get(context.product_sku), *(catalog.get(c.sku) for c in context.cart)) if p]
        signals, taken = typed_acceptance(signals, state, catalog, held)
        signals = price_objection(signals, request.message, offer_pending)
        actions = acceptance_actions(taken) if taken is not None else []
        context = apply_actions(context, actions)  # this turn already sees the item in the cart, the upgrade in focus
        leaning = getattr(deps.detector, "leaning", None)
        lean = leaning(request.message, context) if leaning is not None and not signals else None
        unworded = unworded_need(request.message, signals, context, lean)
        if unworded is not None:
            signals = [unworded]
        carried = carried_need(signals, state.turns[-1] if state.turns else None, context)
        if carried is not None:
            signals = [*signals, carried]
        focus = catalog.get(context.product_sku) if context.product_sku else None
        signals = variant_questions(signals, request.message, focus, catalog)
        signals = mark_cheaper_asks(signals, request.message, _name_words(focus))
        signals = over_budget_ask(signals, focus, request.message)
        if focus is not None:
            signals = mark_better_asks(signals, request.message, _name_words(focus))
        concern = price_concern(signals)
        if concern is not None:
            signals = [*signals, concern]
        held_now = [p for p in (focus, *(catalog.get(c.sku) for c in context.cart)) if p is not None]
        addon_kinds = made_for_kinds(held_now, _made_for(snapshot.relations, catalog))
        need_search = NeedSearch(deps.knowledge, heard.locale, earlier)
        signals = mark_version_asks(
            signals, has_focus=context.product_sku is not None, message=request.message,
            names_other=names_made_for_kind(request.message, addon_kinds, need_search.english_words),
        )
        signals = mark_part_asks(signals, held_now)
        signals = mark_kind_asks(signals, addon_kinds, need_search.english_words)
        signals = mark_limit_asks(signals, request.message, focus, snapshot.relations.measures)
        declined_last = bool(state.turns) and any(s.type == "decline" for s in state.turns[-1].signals)
        grumble = grumble_after_decline(request.message, signals, declined_last)
        if grumble is not None:
            signals = [*signals, grumble]
        _remember(state, signals)
        facts = TurnFacts.build(context=context, state=state, signals=signals, catalog=catalog, message=request.message)
        policy_ctx = PolicyContext(facts=facts, signals=signals, state=state, limits=deps.limits)
        accepted = accepted_last_offer(policy_ctx)
        candidates: list[Candidate] = []
        if accepted is not None:
            decision = Decision(silenced_by=accepted)
            signals = heard_signals(signals, [])
        else:
            candidate_deps = CandidateDeps(
                catalog=catalog,
                relations=snapshot.relations,
                search=need_search.search,
                limits=deps.limits,
                translate=need_search.english_words,
                embedder=deps.knowledge.embedder,
                # English needs are read by the main (English) encoder; others in their own words by this one.
                multilingual=deps.knowledge.multilingual_embedder if language != "en" else None,
            )
            gathered = gather_candidates(facts, signals, candidate_deps, earlier_answers(state.turns), earlier)
            candidates = price_candidates(gathered, snapshot.promotions.live(now))
            kept = heard_signals(signals, candidates)
            unanswered = [s for s in signals if s not in kept]
            signals = kept
            policy_ctx = PolicyContext(
                facts=facts, signals=signals, unanswered=unanswered, state=state, limits=deps.limits
            )
            decision = decide(candidates, policy_ctx)
        shortlist = deps.judge.shortlist(candidates, policy_ctx, decision) if deps.judge is not None else []
        offered = [catalog.get(o.sku) for o in decision.offers]
        last = _open_offer(state, catalog)
        facts_shown = _unique([p for p in [facts.focus, *facts.cart, last, *offered] if p is not None])
        reply_input = ReplyInput(
            message=request.message,
            history=state.turns[-6:],
            signals=signals,
            decision=decision,
            focus=facts.focus,
            cart=facts.cart,
            facts=facts_shown,
            currency=facts.store_currency,
            locale=facts.locale,
            language=language,
            seed=f"{request.session_id}:{len(state.turns)}",
            budget=facts.budget,
            catalog=catalog,
            now=now,
        )
        return TurnPlan(
            request, state, context, facts, signals, decision, reply_input, shortlist, actions, candidates
        )

    def commit(self, prepared: "TurnPlan", reply: str) -> ChatResponse:
        """Record a planned turn with its final reply text and return the response."""
        state = prepared.state
        turn_index = len(state.turns)
        for offer in prepared.decision.offers:
            state.offers_made.append(
                OfferRecord(sku=offer.sku, kind=offer.kind, turn=turn_index, replaces_sku=offer.replaces_sku)
            )
        state.turns.append(
            Turn(
                index=turn_index,
                user=prepared.request.message,
                reply=reply,
                context=prepared.context,
                signals=prepared.signals,
                offers=prepared.decision.offers,
            )
        )
        state.last_context = prepared.context
        state.customer_id = prepared.context.customer_id or state.customer_id
        self.deps.sessions.save(state)
        return ChatResponse(
            session_id=prepared.request.session_id,
            reply=reply,
            offers=with_card_lines(prepared.decision.offers, prepared.reply_input.catalog, not prepared.facts.cart),
            signals=prepared.signals,
            actions=prepared.actions,
        )

    # --- reads for the service -----------------------------------------------------------------
    def session(self, session_id: str) -> SessionState:
        """The stored state of one session (a fresh, empty one when unknown)."""
        return self.deps.sessions.load(session_id)

    def readiness(self) -> Readiness:
        """Whether a catalog is loaded and the vector index answers, with every problem named."""
        return check_readiness(self.deps.knowledge, self.deps.sessions)


class TurnPlan:
    """A turn decided but not yet answered or saved."""

    __slots__ = (
        "request", "state", "context", "facts", "signals", "decision", "reply_input", "shortlist", "actions",
        "candidates",
    )

    def __init__(
        self, request, state, context, facts, signals, decision, reply_input, shortlist=(), actions=(), candidates=()
    ):
        self.request: ChatRequest = request
        self.state: SessionState = state
        self.context: ChatContext = context
        self.facts: TurnFacts = facts
        self.signals: list[Signal] = signals
        self.decision: Decision = decision
        self.reply_input: ReplyInput = reply_input
        self.shortlist: list[Option] = list(shortlist)  # offers the judge may choose from (empty without a judge)
        self.actions: list[Action] = list(actions)  # what the shop page does: a typed yes took the pending offer
        self.candidates: list[Candidate] = list(candidates)  # everything the policy weighed (rep assist shows them)


def _effective_context(sent: ChatContext, last: ChatContext, catalog: Catalog) -> ChatContext:
    """The request's context, falling back field by field to the session's last one; unknown skus dropped."""
    data = last.model_dump()
    data.update({k: getattr(sent, k) for k in sent.model_fields_set})
    ctx = ChatContext.model_validate(data)
    if ctx.product_sku and ctx.product_sku not in catalog:
        ctx = ctx.model_copy(update={"product_sku": None})
    known_cart = [c for c in ctx.cart if c.sku in catalog]
    if len(known_cart) != len(ctx.cart):
        ctx = ctx.model_copy(update={"cart": known_cart})
    return ctx


def _remember(state: SessionState, signals: list[Signal]) -> None:
    """Fold this turn's declines, accepts and stated budget into the session."""
    last = state.last_offer
    for s in signals:
        if s.type == "decline":
            state.decline_count += 1
            if last is not None and last.sku not in state.declined_skus and last.sku not in state.accepted_skus:
                state.declined_skus.append(last.sku)
        elif s.type == "accept" and last is not None and last.sku not in state.accepted_skus:
            state.accepted_skus.append(last.sku)
        elif s.type == "budget" and s.amount is not None:
            state.budget, state.budget_scope, state.budget_currency = s.amount, s.scope or "total", s.currency


def _open_offer(state: SessionState, catalog: Catalog) -> Product | None:
    """The offer the shopper may be asking about: the previous turn's, unless they declined it since."""
    last = state.last_offer
    if last is None or not state.turns or last.turn != len(state.turns) - 1 or last.sku in state.declined_skus:
        return None
    return catalog.get(last.sku)


def _name_words(product: Product | None) -> list[str]:
    """The content words of a product's name and category: what a shopper may call it ("a cheaper power bank")."""
    return [] if product is None else content_words(f"{product.name} {product.category.replace('>', ' ')}")


def _unique(products: list[Product]) -> list[Product]:
    seen: set[str] = set()
    out = []
    for p in products:
        if p.sku not in seen:
            seen.add(p.sku)
            out.append(p)
    return out


def build_agent(
    settings: Settings,
    *,
    model: ChatModel | None = None,
    embedder: Embedder | None = None,
    sessions: SessionStore | None = None,
    knowledge: KnowledgeStore | None = None,
) -> SalesAgent:
    """Wire a SalesAgent from settings; any part can be passed in instead (tests, the API)."""
    from agent.models.factory import make_model
    from knowledge.tokens import install_offline_encodings

    install_offline_encodings(settings.knowledge.data_dir / "tiktoken")
    # The language model and message catalogs load once per process, here rather than inside a turn's deadline.
    warm_languages()
    knowledge = knowledge or KnowledgeStore(settings.knowledge, embedder=embedder)
    if model is None:
        model = make_model(settings.model)
    offline = OfflineSignalDetector(shared_encoder())
    chat = settings.model
    # With the judge, one structured call per turn: signals stay offline (they feed the candidates it judges).
    judging = model is not None and chat.model_judge and chat.model_provider == "openai"
    detector = ModelSignalDetector(model, offline) if model is not None and chat.model_signals and not judging else offline
    composer = ReplyComposer(model, token_budget=chat.prompt_token_budget, model_name=chat.model_name)
    deps = AgentDeps(
        settings=settings,
        knowledge=knowledge,
        sessions=sessions or make_session_store(settings.knowledge),
        detector=detector,
        composer=composer,
        judge=OfferJudge(model, composer) if judging else None,
    )
    return SalesAgent(deps)


def _made_for(relations: Relations, catalog: Catalog) -> Callable[[str], list[Product]]:
    """The active add-ons made for an item (curated or compatible), by sku."""

    def addons(sku: str) -> list[Product]:
        found = (catalog.get(r.sku) for r in relations.complements(sku) if r.strength >= MADE_FOR_STRENGTH)
        return [p for p in found if p is not None and p.active]

    return addons
