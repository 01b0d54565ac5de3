"""The catalog snapshot on disk: products, prices, mined rules, and the index generation they belong to.

The file is the switch between index generations: ingest builds new Chroma collections first, then replaces
this file in one rename; whoever reads it gets a catalog and the names of collections holding exactly it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from knowledge.catalog import Catalog
from knowledge.copurchase import RuleBook
from knowledge.models import Product
from knowledge.promotions import Promotions
from knowledge.relations import Relations


class Snapshot:
    """One consistent view of the store: catalog, co-purchase rules, the relations built from them, promotions."""

    def __init__(self, catalog: Catalog, rules: RuleBook, promotions: Promotions | None = None):
        self.catalog = catalog
        self.rules = rules
        self.relations = Relations.build(catalog, rules)
        self.promotions = promotions if promotions is not None else Promotions()


class IndexRefs(BaseModel):
    """The index collections that hold a snapshot's products (generation 0: a data dir from before generations)."""

    generation: int = 0
    main: str
    multilingual: str | None = None


class CorruptSnapshotError(RuntimeError):
    """The snapshot file cannot be read; the message names the file and what to do."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        super().__init__(
            f"{path} is corrupt ({reason}); re-run `cartwise ingest CATALOG` or restore the file"
        )


#: What identifies one written version of the file (a rename gives a new inode; a rewrite a new mtime or size).
Stamp = tuple[int, int, int, int]


def file_stamp(path: Path) -> Stamp | None:
    """The file's identity and version, or None when it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def write_snapshot(path: Path, snap: Snapshot, refs: IndexRefs) -> Stamp:
    """Write ``snap`` durably and swap it in with one rename; returns the new file's stamp."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    data = {
        "index": refs.model_dump(),
        "currency": snap.catalog.currency,
        "products": [p.model_dump(mode="json", exclude_defaults=True) for p in snap.catalog],
        "rules": json.loads(snap.rules.to_json()),
        "promotions": snap.promotions.to_json(),
    }
    with open(tmp, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())  # the rename must never expose a file whose bytes are not on disk yet
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    stamp = file_stamp(path)
    assert stamp is not None
    return stamp


def read_snapshot(path: Path, legacy: IndexRefs) -> tuple[Snapshot, IndexRefs, Stamp]:
    """The snapshot at ``path`` with its index refs (``legacy`` for a file written before generations).

    Raises FileNotFoundError when there is none and CorruptSnapshotError when it cannot be used.
    """
    with open(path, "rb") as f:
        stamp_st = os.fstat(f.fileno())
        raw = f.read()
    stamp = (stamp_st.st_dev, stamp_st.st_ino, stamp_st.st_mtime_ns, stamp_st.st_size)
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("products"), list):
            raise ValueError("no product list")
        refs = IndexRefs.model_validate(data["index"]) if "index" in data else legacy
        products = [Product.model_validate(p) for p in data["products"]]
        catalog = Catalog(products, currency=data.get("currency", "USD"))
        promotions = Promotions.from_json(data.get("promotions") or [])
        snap = Snapshot(catalog, RuleBook.from_json(json.dumps(data.get("rules", []))), promotions)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "snapshot"
        raise CorruptSnapshotError(path, f"{where}: {first['msg']}") from None
    except (ValueError, KeyError, TypeError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise CorruptSnapshotError(path, str(exc) or type(exc).__name__) from None
    return snap, refs, stamp
