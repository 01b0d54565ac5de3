"""The ``cartwise`` command: ingest, chat, serve, eval, followups (CONTRACTS sections 5 and 7)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from agent.settings import Settings
from knowledge.index import IndexMismatchError
from knowledge.ingest_lock import IngestBusyError
from knowledge.models import CatalogError
from knowledge.snapshot_file import CorruptSnapshotError


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if args.data_dir:
        overrides["data_dir"] = Path(args.data_dir)
    return Settings(**overrides)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cartwise", description="Conversational cross-sell and upsell agent.")
    p.add_argument("--data-dir", help="where the index and sessions live (env CARTWISE_DATA_DIR, default ./.cartwise)")
    sub = p.add_subparsers(dest="verb", required=True)

    ing = sub.add_parser("ingest", help="validate and index a catalog")
    ing.add_argument("catalog", nargs="?", help="catalog file (.jsonl, .csv, Shopify or WooCommerce export)")
    ing.add_argument("--orders", help="orders CSV (order_id,sku,...) for frequently-bought-together rules")
    ing.add_argument("--format", default="auto", choices=["auto", "jsonl", "csv", "shopify", "woocommerce"])
    ing.add_argument("--promotions", help="promotions CSV or JSONL (sku,promo_price,starts_at,ends_at)")
    ing.add_argument("--sample", action="store_true", help="ingest the bundled sample store")

    chat = sub.add_parser("chat", help="chat with the agent in the terminal")
    chat.add_argument("--jsonl", action="store_true", help="one request per stdin line, one response per stdout line")
    chat.add_argument("--sample", action="store_true", help="use the bundled sample store (ingested if needed)")

    serve = sub.add_parser("serve", help="HTTP API and web chat page")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--sample", action="store_true", help="use the bundled sample store (ingested if needed)")

    ev = sub.add_parser("eval", help="run an eval suite (or several: each alone and pooled)")
    ev.add_argument(
        "suite", nargs="+", help="suite file (YAML or JSONL); several write DIR/<suite>/ and DIR/summary.json"
    )
    ev.add_argument("--out", required=True, help="output directory for report.json and report.html")
    ev.add_argument("--fail-under", action="append", default=[], metavar="METRIC=VALUE")
    ev.add_argument("--fail-over", action="append", default=[], metavar="METRIC=VALUE")
    ev.add_argument("--compare", help="an earlier report.json to compare against")
    ev.add_argument("--judge", action="store_true", help="also score turns with the configured judge model")
    ev.add_argument("--personas", action="store_true", help="also run the simulated shoppers")

    fu = sub.add_parser("followups", help="plan follow-up messages after purchases (one per order at most)")
    fu.add_argument("--orders", required=True, help="orders CSV with customer_id and created_at")
    fu.add_argument("--as-of", dest="as_of", help="plan as of this ISO 8601 time (overdue: sent now or skipped)")
    fu.add_argument("--out", required=True, help="where to write the follow-ups, one JSON object per line")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cartwise`` command."""
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
    except Exception as exc:  # pydantic ValidationError: name the bad setting, no traceback
        print(f"cartwise: invalid configuration: {exc}", file=sys.stderr)
        return 2
    from api import commands

    handler = {
        "ingest": commands.ingest,
        "chat": commands.chat,
        "serve": commands.serve,
        "eval": commands.evaluate,
        "followups": commands.followups,
    }[args.verb]
    from agent.db_identity import CorruptDatabaseError

    try:
        return handler(args, settings)
    except (CatalogError, IndexMismatchError, IngestBusyError, CorruptSnapshotError, CorruptDatabaseError) as exc:
        print(f"cartwise: {exc}", file=sys.stderr)  # one line naming the file and what to do, no traceback
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
