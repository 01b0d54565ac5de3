"""What the chat remembers about a shop customer: the offers they declined, what they bought, their language."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, Field

from agent.types import SessionState


class CustomerFacts(BaseModel):
    """One customer's declines, purchases and language, gathered from every session linked to them."""

    declined: frozenset[str] = Field(default_factory=frozenset)
    bought: frozenset[str] = Field(default_factory=frozenset)
    locale: str | None = None


class CustomerMemory(Protocol):
    """Looks up a customer's facts (the session store's, or none)."""

    def facts(self, customer_id: str) -> CustomerFacts:
        """The customer's declines, purchases and language."""
        ...


class LinkedSessions(Protocol):
    """A session store that knows which sessions belong to a customer (agent.sql_store.SQLSessionStore)."""

    def sessions_of_customer(self, customer_id: str) -> list[str]:
        """The ids of the customer's sessions."""
        ...

    def load(self, session_id: str) -> SessionState:
        """One session's state."""
        ...


class NoMemory:
    """No chat history: every customer is a stranger (a follow-up run without a session database)."""

    def facts(self, customer_id: str) -> CustomerFacts:
        """Nothing known."""
        return CustomerFacts()


class SessionMemory:
    """Customer facts read from the sessions linked to the customer, once per customer per planner run."""

    def __init__(self, sessions: LinkedSessions):
        self._sessions = sessions
        self._cache: dict[str, CustomerFacts] = {}

    def facts(self, customer_id: str) -> CustomerFacts:
        """Declines and purchases of every linked session; a language one of them states."""
        found = self._cache.get(customer_id)
        if found is None:
            states = [self._sessions.load(s) for s in self._sessions.sessions_of_customer(customer_id)]
            found = facts_of(states)
            self._cache[customer_id] = found
        return found


def facts_of(states: list[SessionState]) -> CustomerFacts:
    """A customer's facts from their sessions (pure)."""
    declined: set[str] = set()
    bought: set[str] = set()
    locale = None
    for state in states:
        declined.update(state.declined_skus)
        bought.update(state.purchased_skus)
        locale = state.last_context.locale or locale
    return CustomerFacts(declined=frozenset(declined), bought=frozenset(bought), locale=locale)
