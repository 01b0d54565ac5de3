"""Interactive terminal chat: the shopper's side of a conversation, with slash commands for the page context."""

from __future__ import annotations

import uuid

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from agent.agent import SalesAgent
from agent.schemas import CartLine, ChatContext, ChatRequest, ChatResponse
from api.terminal_commands import describe_context, help_lines, run_command
from knowledge.bundles import fbt_components
from knowledge.store import KnowledgeStore


def _demo_skus(knowledge: KnowledgeStore) -> list[str]:
    """A few family members to suggest as starting points."""
    picks = []
    for members in knowledge.catalog.families.values():
        if members and members[0].available:
            picks.append(f"{members[0].sku} ({members[0].name})")
        if len(picks) == 4:
            break
    return picks


def _show_response(console: Console, resp: ChatResponse) -> None:
    console.print(f"[bold green]agent[/]: {resp.reply}")
    for o in resp.offers:
        extra = f", replaces {o.replaces_sku}" if o.replaces_sku else ""
        console.print(
            Panel(
                f"[bold]{o.name}[/] ({o.sku})  {o.price:.2f} {o.currency}  +{o.uplift_pct:.1f}%{extra}\n{o.reason}",
                title=o.kind.replace("_", "-"),
                expand=False,
            )
        )
    if resp.signals:
        console.print("[dim]signals: " + ", ".join(f"{s.type}: {s.text!r}" for s in resp.signals) + "[/]")


def _apply_command(
    console: Console, knowledge: KnowledgeStore, ctx: ChatContext, line: str
) -> tuple[ChatContext, bool]:
    """Run a slash command and print what it says; returns the new context and whether to start a new session."""
    result = run_command(knowledge, ctx, line)
    if result.error:
        console.print(f"[red]{escape(result.error)}[/]")
        return ctx, False
    for text in result.lines:
        console.print(escape(text))
    if result.context is None:
        return ctx, result.new_session
    if not result.new_session:
        for text in describe_context(knowledge, result.context):
            console.print(f"[dim]{escape(text)}[/]")
    return result.context, result.new_session


def run_terminal_chat(agent: SalesAgent, console: Console | None = None, read=input) -> int:
    """Hold a conversation on stdin/stdout until /quit or end of input."""
    console = console or Console()
    knowledge = agent.knowledge  # the slash commands browse the catalog the agent answers from
    session = f"terminal-{uuid.uuid4().hex[:8]}"
    ctx = ChatContext()
    last_offers: list = []
    console.print(Panel.fit("Cartwise demo chat. /help for commands.\nTry: " + "; ".join(_demo_skus(knowledge))))
    console.print("\n".join(help_lines()))
    while True:
        try:
            line = read("you> ").strip()
        except EOFError:
            return 0
        if not line:
            continue
        if line in ("/quit", "/exit"):
            return 0
        if line.startswith("/"):
            ctx, new_session = _apply_command(console, knowledge, ctx, line)
            if new_session:
                session = f"terminal-{uuid.uuid4().hex[:8]}"
            continue
        resp = agent.respond(ChatRequest(session_id=session, message=line, context=ctx))
        _show_response(console, resp)
        if any(s.type == "accept" for s in resp.signals) and last_offers:
            # The terminal plays the store's "add to cart" button for an accepted offer.
            ctx = _accept(ctx, last_offers[0])
            console.print(f"[dim]added {last_offers[0].sku} to the cart[/]")
        last_offers = resp.offers


def _accept(ctx: ChatContext, offer) -> ChatContext:
    """The context after the shopper takes an offer: upsells replace their item, add-ons join the cart."""
    cart = [c for c in ctx.cart if c.sku != offer.replaces_sku]
    # A "frequently bought together" set is no catalog product: its components go into the cart.
    cart += [CartLine(sku=sku, qty=1) for sku in (fbt_components(offer.sku) or [offer.sku])]
    focus = offer.sku if offer.replaces_sku and ctx.product_sku == offer.replaces_sku else ctx.product_sku
    return ctx.model_copy(update={"cart": cart, "product_sku": focus})
