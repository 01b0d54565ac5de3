"""The terminal chat: bad slash arguments get one line of usage, unknown commands say so, context reads plainly."""

from __future__ import annotations

from rich.console import Console

from api.terminal import run_terminal_chat
from api.terminal_commands import COMMANDS, run_command
from agent.schemas import ChatContext


def _session(client, lines: list[str]) -> str:
    """Run the terminal chat over scripted input and return what it printed."""
    console = Console(record=True, width=120, color_system=None)
    feed = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    assert run_terminal_chat(client.app.state.agent, console=console, read=read) == 0
    return console.export_text()


def _after_banner(out: str) -> str:
    """What was printed after the opening banner and help."""
    return out.split("/quit — leave", 1)[1]


def test_bad_slash_arguments_get_one_line_of_usage_not_a_traceback(client):
    out = _after_banner(_session(client, ["/budget cheap", "/page basket", "/product"]))
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines == [
        "usage: " + COMMANDS["budget"].usage,
        "usage: " + COMMANDS["page"].usage,
        "usage: " + COMMANDS["product"].usage,
    ]
    assert "Traceback" not in out and "validation error" not in out


def test_an_unknown_command_says_so_instead_of_printing_the_help(client):
    out = _after_banner(_session(client, ["/teleport mars"]))
    assert out.strip() == "unknown command /teleport — /help lists the commands"


def test_context_prints_readably_with_product_names(client):
    out = _after_banner(_session(client, ["/product PX8-128", "/budget 80", "/context"]))
    assert "product: PX8-128 (Pixel X8 128 GB, 699.00)" in out
    assert "budget:  80" in out and "page:    product" in out and "cart:    empty" in out
    assert "{" not in out  # no raw dict


def test_good_arguments_change_the_context(client):
    knowledge = client.app.state.agent.knowledge
    ctx = run_command(knowledge, ChatContext(), "/budget $80").context
    assert ctx.budget == 80
    ctx = run_command(knowledge, ctx, "/page checkout").context
    assert ctx.page == "checkout" and ctx.budget == 80
    assert run_command(knowledge, ctx, "/budget off").context.budget is None
    assert run_command(knowledge, ctx, "/budget -5").error.startswith("usage: /budget")
