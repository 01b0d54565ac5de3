"""Generate the bundled sample store: catalog.jsonl, orders.csv and README.md under knowledge/sample_store/.

The products live in data files, ``scripts/sample_store/NN-section.yaml``, read in file-name order (the
order is the catalog order and the order of the seeded draws, so a new product goes at the end of a file
or in a new, higher-numbered file if the committed output is to stay put). Each file is a list of products:

    - sku: NX8-128                      # required: sku, name, price, category, description
      name: Nova X8 128 GB
      price: 699
      category: Electronics > Phones
      description: ...
      brand: Nova                       # optional Product fields: brand, family, tier, upsells,
      family: nova-x8                   # cross_sells, compatible_with, attributes, active (default true)
      tier: 1
      stock: 0                          # omitted: drawn from the seed; null: unknown
      margin: null                      # omitted: drawn from the seed within MARGINS; null: none
      popularity: 6.0                   # relative sales weight for the orders (default 1.0)

The README is ``scripts/sample_store/store_readme.md.tmpl`` with its tables computed from the generated data.
Orders are drawn here, in code. Deterministic: a fixed seed and no iteration over hash-ordered sets, so two
runs give byte-identical files.

    python scripts/make_sample_store.py [--out DIR] [--seed N] [--orders N]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import yaml

# The script runs from a checkout without the package installed; make `knowledge` importable.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from agent.settings import POLICY_DEFAULTS  # noqa: E402
from knowledge.models import Product  # noqa: E402

SEED = 20261123
N_ORDERS = 5200
DATA_DIR = Path(__file__).resolve().parent / "sample_store"
README_TEMPLATE = DATA_DIR / "store_readme.md.tmpl"
DEFAULT_OUT = REPO_ROOT / "knowledge" / "sample_store"
URL_BASE = "https://sample-store.example/p/"
INJECTION_SKU = "CBL-3PK"
MAX_UPLIFT = POLICY_DEFAULTS.max_uplift

# Gross-margin ranges by top-level category: hardware is thin, accessories and services are fat.
MARGINS: dict[str, tuple[float, float]] = {
    "Electronics": (0.12, 0.22),
    "Computers": (0.08, 0.18),
    "Home": (0.2, 0.35),
    "Kitchen": (0.25, 0.4),
    "Office": (0.15, 0.3),
    "Photo": (0.1, 0.2),
    "Audio": (0.2, 0.35),
    "Software": (0.7, 0.9),
    "Services": (0.6, 0.85),
    "Outdoor": (0.3, 0.45),
    "Fitness": (0.3, 0.45),
    "Furniture": (0.25, 0.4),
}
# Accessory categories (by path fragment) earn more than the devices they fit.
ACCESSORY_HINTS = (
    "Accessories", "Cases", "Screen Protectors", "Chargers", "Power Banks", "Cables", "Ink", "Ergonomics",
)

REQUIRED_KEYS = ("sku", "name", "price", "category", "description")
OPTIONAL_KEYS = ("brand", "family", "tier", "upsells", "cross_sells", "compatible_with", "attributes", "active",
                 "stock", "margin", "popularity")


def load_rows(data_dir: Path = DATA_DIR) -> list[dict]:
    """Every product row from the data files, in file-name order; a missing or unknown key fails loudly."""
    rows: list[dict] = []
    paths = sorted(data_dir.glob("*.yaml"))
    if not paths:
        raise FileNotFoundError(f"no product data files (*.yaml) in {data_dir}")
    for path in paths:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(doc, list):
            raise ValueError(f"{path.name}: expected a list of products")
        for n, row in enumerate(doc, start=1):
            if not isinstance(row, dict):
                raise ValueError(f"{path.name}: product {n} is not a mapping")
            missing = [k for k in REQUIRED_KEYS if k not in row]
            unknown = sorted(set(row) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
            if missing or unknown:
                raise ValueError(f"{path.name}: product {n} ({row.get('sku', '?')}): missing {missing}, "
                                 f"unknown {unknown}")
            rows.append(row)
    return rows


def draw_margin(category: str, rng: random.Random) -> float | None:
    """A plausible margin for the category; about one in twelve comes without one, as in real feeds."""
    lo, hi = MARGINS[category.split(">")[0].strip()]
    if any(h in category for h in ACCESSORY_HINTS):
        lo, hi = lo + 0.15, min(hi + 0.2, 0.8)
    return None if rng.random() < 0.08 else round(rng.uniform(lo, hi), 2)


def build_catalog(seed: int = SEED, data_dir: Path = DATA_DIR) -> tuple[list[Product], dict[str, float]]:
    """Build every product (validated) and each sku's relative popularity for order generation."""
    rng = random.Random(seed)
    products: list[Product] = []
    popularity: dict[str, float] = {}
    for row in load_rows(data_dir):
        sku = row["sku"]
        if sku in popularity:
            raise ValueError(f"duplicate sku {sku!r}")
        # Stock is drawn before margin for each product, in catalog order: the seeded stream depends on it.
        stock = row["stock"] if "stock" in row else rng.randint(4, 140)
        margin = row["margin"] if "margin" in row else draw_margin(row["category"], rng)
        popularity[sku] = float(row.get("popularity", 1.0))
        products.append(Product.model_validate({
            "sku": sku,
            "name": row["name"],
            "price": float(row["price"]),
            "category": row["category"],
            "description": row["description"],
            "brand": row.get("brand"),
            "attributes": dict(row.get("attributes") or {}),
            "family": row.get("family"),
            "tier": row.get("tier"),
            "upsells": list(row.get("upsells") or ()),
            "cross_sells": list(row.get("cross_sells") or ()),
            "compatible_with": list(row.get("compatible_with") or ()),
            "stock": stock,
            "active": row.get("active", True),
            "margin": margin,
            "url": URL_BASE + sku,
        }))
    return products, popularity


# ---------------------------------------------------------------------------------------------
# Orders
# ---------------------------------------------------------------------------------------------

def resolve_selector(selector: str, products: list[Product]) -> list[str]:
    """Skus matched by a compatible_with selector: a sku, ``family:NAME`` or ``category:NAME`` (path prefix)."""
    if selector.startswith("family:"):
        name = selector[len("family:"):]
        return [p.sku for p in products if p.family == name]
    if selector.startswith("category:"):
        name = selector[len("category:"):]
        return [p.sku for p in products if p.category == name or p.category.startswith(name + " >")]
    return [p.sku for p in products if p.sku == selector]


def accessory_map(products: list[Product]) -> dict[str, list[str]]:
    """For each base sku, the accessories whose compatible_with matches it (catalog order)."""
    out: dict[str, list[str]] = {p.sku: [] for p in products}
    for acc in products:
        for sel in acc.compatible_with:
            for base in resolve_selector(sel, products):
                if acc.sku not in out[base] and base != acc.sku:
                    out[base].append(acc.sku)
    return out


# Consumables are bought more than once and in quantity.
CONSUMABLE_PREFIXES = ("INK-", "TNR-", "FLT-", "CART-", "CAPS-", "BEAN-", "PAPER-", "DESC-", "FUEL-", "VAC-BAGS",
                       "AF-LINER", "CLEAN-TAB")


def build_orders(products: list[Product], popularity: dict[str, float], rng: random.Random,
                 n_orders: int = N_ORDERS) -> list[dict]:
    """Order lines with realistic co-purchases: a base item with its accessories, refills, and noise."""
    skus = [p.sku for p in products]
    weights = [popularity[s] for s in skus]
    accessories = accessory_map(products)
    by_sku = {p.sku: p for p in products}
    bases = [p.sku for p in products if not p.compatible_with]
    base_w = [popularity[s] for s in bases]
    consumables = [s for s in skus if s.startswith(CONSUMABLE_PREFIXES)]
    cons_w = [popularity[s] for s in consumables]
    customers = [f"C{i:05d}" for i in range(1, 2201)]
    # A minority of customers place most orders, as in real shops.
    cust_w = [1.0 / (1 + i) ** 0.35 for i in range(len(customers))]

    start = date(2026, 1, 1)
    days = [start + timedelta(days=rng.randrange(0, 318)) for _ in range(n_orders)]
    days.sort()
    lines: list[dict] = []
    for i, day in enumerate(days, start=1):
        order_id = f"ORD-{i:05d}"
        basket: list[str] = []
        roll = rng.random()
        if roll < 0.72:
            base = rng.choices(bases, base_w)[0]
            basket.append(base)
            accs = accessories[base]
            if accs:
                acc_w = [popularity[a] for a in accs]
                # A base with only a weak add-on (a kettle and its warranty) sells it less often.
                attach = min(1.0, sum(acc_w) / 3.0)
                for p_add in (0.8, 0.45, 0.2):
                    if rng.random() < p_add * attach:
                        basket.append(rng.choices(accs, acc_w)[0])
            for cs in by_sku[base].cross_sells:
                if rng.random() < 0.3:
                    basket.append(cs)
        elif roll < 0.9:
            basket.append(rng.choices(consumables, cons_w)[0])
            if rng.random() < 0.45:
                basket.append(rng.choices(consumables, cons_w)[0])
        else:
            basket.extend(rng.choices(skus, weights, k=rng.randint(1, 3)))
        for p_noise in (0.35, 0.1):
            if rng.random() < p_noise:
                basket.append(rng.choices(skus, weights)[0])
        customer = rng.choices(customers, cust_w)[0]
        seen: list[str] = []
        for sku in basket:
            if sku in seen:
                continue
            seen.append(sku)
            qty = rng.choice((1, 1, 2, 2, 3)) if sku.startswith(CONSUMABLE_PREFIXES) else (
                2 if rng.random() < 0.04 else 1)
            lines.append({"order_id": order_id, "sku": sku, "quantity": qty, "customer_id": customer,
                          "created_at": day.isoformat()})
    return lines


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

def catalog_jsonl(products: list[Product]) -> str:
    """Native JSONL text: one product per line, defaults left out except an explicit unknown stock."""
    rows = []
    for p in products:
        full = p.model_dump(mode="json")
        kept = p.model_dump(mode="json", exclude_defaults=True)
        # Spell out an unknown stock as null rather than leave it implicit; keep field order.
        row = {k: v for k, v in full.items() if k in kept or k == "stock"}
        rows.append(json.dumps(row, ensure_ascii=False, sort_keys=False))
    return "\n".join(rows) + "\n"


def orders_csv(lines: list[dict]) -> str:
    """Orders CSV text with the CONTRACTS section 2 header."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["order_id", "sku", "quantity", "customer_id", "created_at"],
                       lineterminator="\n")
    w.writeheader()
    w.writerows(lines)
    return buf.getvalue()


def ladder_rows(products: list[Product]) -> list[tuple[str, str, str, float, float, float]]:
    """Each family step (family, from sku, to sku, from price, to price, uplift %), lowest tier first."""
    fams: dict[str, list[Product]] = {}
    for p in products:
        if p.family:
            fams.setdefault(p.family, []).append(p)
    rows = []
    for name in sorted(fams):
        members = sorted(fams[name], key=lambda p: (p.tier or 0, p.price, p.sku))
        for lo, hi in zip(members, members[1:]):
            if hi.tier == lo.tier:
                continue  # colour variants of one tier are not an upgrade
            rows.append((name, lo.sku, hi.sku, lo.price, hi.price, (hi.price - lo.price) / lo.price * 100))
    return rows


LIFT_PAIRS = (("NX8-128", "CASE-NX8-CLR"), ("QL-100", "INK-Q-BK-XL"), ("CRM-E", "FLT-CRM-2"),
              ("VX-A1", "LNS-VX-1855"), ("PITCH-FLT", "CART-3"))


def pair_lift(lines: list[dict], a: str, b: str) -> tuple[int, float]:
    """Orders containing both skus, and lift = P(a and b) / (P(a) P(b))."""
    orders: dict[str, set[str]] = {}
    for ln in lines:
        orders.setdefault(ln["order_id"], set()).add(ln["sku"])
    n = len(orders)
    na = sum(1 for s in orders.values() if a in s)
    nb = sum(1 for s in orders.values() if b in s)
    nab = sum(1 for s in orders.values() if a in s and b in s)
    return nab, (nab * n / (na * nb) if na and nb else 0.0)


def readme_text(products: list[Product], lines: list[dict], seed: int) -> str:
    """The README, with tables computed from the generated data so it never drifts."""
    depts: dict[str, list[Product]] = {}
    for p in products:
        depts.setdefault(p.category_path[0], []).append(p)
    dept_table = "\n".join(
        f"| {d} | {', '.join(sorted({' > '.join(p.category_path[1:]) or d for p in ps}))} | {len(ps)} |"
        for d, ps in depts.items())
    ladder_table = "\n".join(
        f"| {fam} | `{lo}` | `{hi}` | ${plo:,.0f} -> ${phi:,.0f} | +{pct:.1f}% | "
        f"{'within' if pct <= MAX_UPLIFT * 100 + 1e-9 else 'BEYOND'} |"
        for fam, lo, hi, plo, phi, pct in ladder_rows(products))

    def sku_list(ps: Iterable[Product]) -> str:
        return ", ".join(f"`{p.sku}`" for p in ps) or "none"

    oos = sku_list(p for p in products if p.stock == 0 and p.active)
    inactive = sku_list(p for p in products if not p.active)
    unknown = sku_list(p for p in products if p.stock is None)
    no_margin = sku_list(p for p in products if p.margin is None)
    order_ids = {ln["order_id"] for ln in lines}
    lift_rows = []
    for a, b in LIFT_PAIRS:
        nab, lift = pair_lift(lines, a, b)
        lift_rows.append(f"| `{a}` | `{b}` | {nab} | {lift:.1f} |")
    return README_TEMPLATE.read_text(encoding="utf-8").format(
        n_products=len(products), n_categories=len({p.category for p in products}), n_orders=len(order_ids),
        n_lines=len(lines), seed=seed, dept_table=dept_table, ladder_table=ladder_table,
        oos=oos, inactive=inactive, unknown=unknown, no_margin=no_margin, injection=INJECTION_SKU,
        avg_lines=len(lines) / len(order_ids), n_customers=len({ln["customer_id"] for ln in lines}),
        lift_table="\n".join(lift_rows),
        first_day=min(ln["created_at"] for ln in lines), last_day=max(ln["created_at"] for ln in lines),
    )


def write_store(out_dir: Path, seed: int = SEED, n_orders: int = N_ORDERS) -> dict[str, Path]:
    """Generate the store into ``out_dir`` and return the written paths by name."""
    products, popularity = build_catalog(seed)
    lines = build_orders(products, popularity, random.Random(seed + 1), n_orders)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "catalog.jsonl": catalog_jsonl(products),
        "orders.csv": orders_csv(lines),
        "README.md": readme_text(products, lines, seed),
    }
    written = {}
    for name, text in files.items():
        path = out_dir / name
        # newline="" keeps "\n" on every platform so the bytes match across machines.
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        written[name] = path
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=SEED, help="random seed (default: %(default)s)")
    ap.add_argument("--orders", type=int, default=N_ORDERS, help="number of orders (default: %(default)s)")
    args = ap.parse_args(argv)
    if args.orders < 1:
        ap.error("--orders must be at least 1")
    written = write_store(args.out, args.seed, args.orders)
    for name, path in written.items():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
