"""Catalog admin (upload, atomic) and the public product lookup (never showing margins)."""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path as PathParam, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.deps import KnowledgeDep, limit_client, require_admin
from agent.schemas import MAX_ID_CHARS
from api.routes import ValidationErrorOut, error_responses
from knowledge.ingest_lock import IngestBusyError
from knowledge.models import CatalogError, CatalogFormat, Product, RowError
from knowledge.store import IngestSummary

log = logging.getLogger("cartwise.api")
admin = APIRouter(prefix="/v1", tags=["catalog admin"], dependencies=[Depends(limit_client), Depends(require_admin)])
public = APIRouter(prefix="/v1", tags=["products"], dependencies=[Depends(limit_client)])


class ProductOut(BaseModel):
    """A product as shoppers may see it: every catalog field except the merchant's margin."""

    sku: str
    name: str
    price: float
    currency: str
    category: str
    description: str = ""
    brand: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    family: str | None = None
    tier: int | None = None
    upsells: list[str] = Field(default_factory=list)
    cross_sells: list[str] = Field(default_factory=list)
    compatible_with: list[str] = Field(default_factory=list)
    stock: int | None = None
    active: bool = True
    available: bool
    url: str | None = None
    image_url: str | None = None

    @classmethod
    def of(cls, p: Product, currency: str) -> "ProductOut":
        """The public view of a catalog product."""
        return cls(**p.model_dump(exclude={"margin", "currency"}), currency=currency, available=p.available)


class ProductPage(BaseModel):
    """A page of products."""

    total: int
    products: list[ProductOut]


class CatalogRefused(BaseModel):
    """A refused upload: every bad row with its line and field. Nothing was changed."""

    detail: str
    errors: list[RowError]


def _safe_suffix(filename: str | None) -> str:
    """The upload's extension (used by format detection), reduced to harmless characters."""
    suffix = Path(filename or "").suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""


def _save(upload: UploadFile, directory: Path, stem: str) -> Path:
    path = directory / (stem + _safe_suffix(upload.filename))
    with path.open("wb") as out:
        shutil.copyfileobj(upload.file, out, length=1 << 20)
    return path


def _ingest_lock(request: Request) -> threading.Lock:
    return request.app.state.ingest_lock


@admin.post(
    "/catalog",
    response_model=IngestSummary,
    summary="Replace the catalog",
    description="Multipart upload of a catalog in any contracted format (JSONL, native CSV, Shopify or "
    "WooCommerce export), with an optional orders CSV and an optional promotions file (CSV or JSONL: "
    "sku,promo_price,starts_at,ends_at). Atomic: on any bad row the answer is 422 with every "
    "row error (file, line, field, reason) and the previous catalog keeps serving. Rows whose name or "
    "description carries pressure or discount wording are imported and listed in `warnings` (file, line, field, "
    "reason); replies never repeat that wording. Needs `X-API-Key`.",
    responses={
        422: {"model": CatalogRefused | ValidationErrorOut, "description": "Catalog refused, nothing changed"}
    }
    | error_responses(401, 403, 409, 413, 429),
)
def upload_catalog(
    knowledge: KnowledgeDep,
    lock: Annotated[threading.Lock, Depends(_ingest_lock)],
    file: Annotated[UploadFile, File(description="The catalog file; its extension helps format detection.")],
    orders: Annotated[UploadFile | None, File(description="Optional orders CSV (order_id,sku,…).")] = None,
    format: Annotated[CatalogFormat, Form(description="auto, jsonl, csv, shopify or woocommerce")] = "auto",
    promotions: Annotated[
        UploadFile | None, File(description="Optional promotions CSV or JSONL (sku,promo_price,starts_at,ends_at).")
    ] = None,
):
    """Validate, index and activate an uploaded catalog."""
    names = {"catalog": file.filename or "catalog", "orders": (orders.filename or "orders.csv") if orders else ""}
    with tempfile.TemporaryDirectory(prefix="cartwise-upload-") as tmp:
        catalog_path = _save(file, Path(tmp), "catalog")
        orders_path = _save(orders, Path(tmp), "orders") if orders is not None else None
        renames = {str(catalog_path): names["catalog"]}
        if orders_path is not None:
            renames[str(orders_path)] = names["orders"]
        promotions_path = None
        if promotions is not None:
            promotions_path = _save(promotions, Path(tmp), "promotions")
            renames[str(promotions_path)] = promotions.filename or "promotions"
        with lock:  # one ingest at a time; chat keeps reading the old snapshot until the swap
            try:
                # Another process (a CLI ingest) holding the data dir's lock: answer 409 now, not after minutes.
                summary = knowledge.ingest(
                    catalog_path, orders_path, format=format, lock_wait_s=0, promotions_path=promotions_path
                )
            except IngestBusyError as exc:
                log.info("catalog upload refused: another ingest is running")
                raise HTTPException(409, detail=f"catalog not replaced: {exc}") from None
            except CatalogError as exc:
                errors = [_rename(e, renames) for e in exc.errors]
                log.info("catalog refused errors=%d", len(errors))
                body = CatalogRefused(
                    detail=f"catalog refused: {len(errors)} error(s); nothing was changed", errors=errors
                )
                return JSONResponse(status_code=422, content=body.model_dump(mode="json"))
            except (ValueError, OSError) as exc:
                log.info("catalog refused: %s", type(exc).__name__)
                msg = str(exc)
                for tmp_name, shown in renames.items():
                    msg = msg.replace(tmp_name, shown)
                body = CatalogRefused(
                    detail=f"catalog refused: {msg}", errors=[RowError(file=names["catalog"], reason=msg)]
                )
                return JSONResponse(status_code=422, content=body.model_dump(mode="json"))
    log.info("catalog ingested products=%d seconds=%.2f", summary.products, summary.seconds)
    if summary.warnings:
        log.info("catalog ingested with warnings=%d", len(summary.warnings))
    warnings = [w.model_copy(update={"file": renames.get(w.file, w.file)}) for w in summary.warnings]
    return summary.model_copy(update={"catalog": names["catalog"], "warnings": warnings})


def _rename(err: RowError, renames: dict[str, str]) -> RowError:
    """Show the uploaded file's own name instead of the temporary path."""
    for tmp_name, shown in renames.items():
        if err.file == tmp_name or err.file.endswith(Path(tmp_name).name):
            return err.model_copy(update={"file": shown})
    return err


@public.get(
    "/products/{sku}",
    response_model=ProductOut,
    summary="Look up a product",
    description="One catalog product by sku. The merchant's `margin` is never included.",
    responses=error_responses(404, 422, 429),
)
def product(sku: Annotated[str, PathParam(min_length=1, max_length=MAX_ID_CHARS)], knowledge: KnowledgeDep) -> ProductOut:
    """One product, without its margin."""
    catalog = knowledge.catalog
    p = catalog.get(sku)
    if p is None:
        raise HTTPException(404, detail=f"unknown sku: {sku}")
    return ProductOut.of(p, catalog.currency_of(p))


@public.get(
    "/products",
    response_model=ProductPage,
    summary="List products",
    description="Catalog products in catalog order, optionally in one category (or below it). No margins.",
    responses=error_responses(422, 429),
)
def products(
    knowledge: KnowledgeDep,
    category: Annotated[str | None, Query(max_length=200)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ProductPage:
    """A page of products, without margins."""
    catalog = knowledge.catalog
    items = catalog.in_category(category) if category else list(catalog)
    return ProductPage(
        total=len(items), products=[ProductOut.of(p, catalog.currency_of(p)) for p in items[offset : offset + limit]]
    )
