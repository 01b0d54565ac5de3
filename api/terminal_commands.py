"""The terminal chat's slash commands: each parses its own argument and answers a bad one with one line of usage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, get_args

from agent.schemas import ChatContext, Page
from knowledge.store import KnowledgeStore

PAGES = get_args(Page)


@dataclass
class CommandResult:
    """What a command did: the new context (None: unchanged), lines to print, and whether a new session starts."""

    context: ChatContext | None = None
    lines: list[str] = field(default_factory=list)
    error: str | None = None
    new_session: bool = False


@dataclass(frozen=True)
class Command:
    """One slash command: its usage line and its handler."""

    usage: str
    run: Callable[[KnowledgeStore, ChatContext, str], CommandResult]


def _usage(name: str) -> CommandResult:
    return CommandResult(error=f"usage: {COMMANDS[name].usage}")


def _product(knowledge: KnowledgeStore, ctx: ChatContext, arg: str) -> CommandResult:
    if not arg:
        return _usage("product")
    if arg not in knowledge.catalog:
        return CommandResult(error=f"unknown sku {arg!r} (try /find WORDS)")
    return CommandResult(ctx.model_copy(update={"page": "product", "product_sku": arg}))


def _cart(knowledge: KnowledgeStore, ctx: ChatContext, arg: str) -> CommandResult:
    parts = arg.split()
    adding = parts[:1] == ["add"]
    skus = parts[1:] if adding else parts
    if not skus:
        return _usage("cart")
    unknown = [s for s in skus if s not in knowledge.catalog]
    if unknown:
        return CommandResult(error=f"unknown sku(s): {', '.join(unknown)} (try /find WORDS)")
    lines = [c.model_dump() for c in ctx.cart] if adding else []
    lines += [{"sku": s, "qty": 1} for s in skus]
    return CommandResult(ChatContext.model_validate({**ctx.model_dump(), "cart": lines, "page": "cart"}))


def _page(knowledge: KnowledgeStore, ctx: ChatContext, arg: str) -> CommandResult:
    if arg not in PAGES:
        return _usage("page")
    return CommandResult(ctx.model_copy(update={"page": arg}))


def _buy(knowledge: KnowledgeStore, ctx: ChatContext, arg: str) -> CommandResult:
    return CommandResult(ctx.model_copy(update={"page": "post_purchase"}))


def _budget(knowledge: KnowledgeStore, ctx: ChatContext, arg: str) -> CommandResult:
    if arg in ("off", "none"):
        return CommandResult(ctx.model_copy(update={"budget": None}))
    try:
        value = float(arg.lstrip("$€£"))
    except ValueError:
        return _usage("budget")
    if value < 0 or value != value or value == float("inf"):
        return _usage("budget")
    return CommandResult(ctx.model_copy(update={"budget": value}))


def _find(knowledge: KnowledgeStore, ctx: ChatContext, arg: str) -> CommandResult:
    if not arg:
        return _usage("find")
    hits = [knowledge.catalog.get(h.sku) for h in knowledge.search(arg, k=8)]
    lines = [f"  {p.sku:<16} {p.price:>9.2f}  {p.name}" for p in hits if p is not None]
    return CommandResult(lines=lines or [f"nothing found for {arg!r}"])


def _context(knowledge: KnowledgeStore, ctx: ChatContext, arg: str) -> CommandResult:
    return CommandResult(lines=describe_context(knowledge, ctx))


def _new(knowledge: KnowledgeStore, ctx: ChatContext, arg: str) -> CommandResult:
    return CommandResult(ChatContext(), lines=["new session"], new_session=True)


def _help(knowledge: KnowledgeStore, ctx: ChatContext, arg: str) -> CommandResult:
    return CommandResult(lines=help_lines())


COMMANDS: dict[str, Command] = {
    "product": Command("/product SKU — you are on this product's page", _product),
    "cart": Command("/cart SKU [SKU…] — your cart holds these items; /cart add SKU adds one", _cart),
    "page": Command(f"/page NAME — NAME is one of: {', '.join(PAGES)}", _page),
    "buy": Command("/buy — you bought the cart (after-purchase page)", _buy),
    "budget": Command("/budget N — a stated budget, a number such as /budget 80; /budget off clears it", _budget),
    "find": Command("/find WORDS — search the catalog for skus", _find),
    "context": Command("/context — show where you are, your cart and budget", _context),
    "new": Command("/new — start a new session", _new),
    "help": Command("/help — this help", _help),
}


def help_lines() -> list[str]:
    """Every command's usage line, then how to leave."""
    return ["Type as a shopper would. Commands set where you are on the store:"] + [
        "  " + c.usage for c in COMMANDS.values()
    ] + ["  /quit — leave"]


def describe_context(knowledge: KnowledgeStore, ctx: ChatContext) -> list[str]:
    """The context as a few readable lines, naming each sku's product."""
    catalog = knowledge.catalog

    def named(sku: str) -> str:
        product = catalog.get(sku)
        return f"{sku} ({product.name}, {product.price:.2f})" if product else sku

    cart = ", ".join(f"{c.qty} × {named(c.sku)}" for c in ctx.cart) or "empty"
    return [
        f"page:    {ctx.page or 'not set'}",
        f"product: {named(ctx.product_sku) if ctx.product_sku else 'none'}",
        f"cart:    {cart}",
        f"budget:  {ctx.budget:g}" if ctx.budget is not None else "budget:  none",
    ]


def run_command(knowledge: KnowledgeStore, ctx: ChatContext, line: str) -> CommandResult:
    """Run one slash command line; an unknown command says so and points at /help."""
    name, _, arg = line.lstrip("/").partition(" ")
    command = COMMANDS.get(name.lower())
    if command is None:
        return CommandResult(error=f"unknown command /{name} — /help lists the commands")
    return command.run(knowledge, ctx, arg.strip())
