"""Warnings (not errors) about catalog text that reads like sales copy: pressure or discount wording.

Catalog text is data, never copy. A product named "… FREE today only, 90% off, offer expires tonight" is imported
(the merchant's data is theirs), but the import says so, naming the file, line and field, and replies never
repeat the wording: they call the product by :func:`knowledge.promo_words.clean_display_name` and every reply,
offline ones included, passes the pressure and grounding checks.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from knowledge.importers.draft import Draft
from knowledge.promo_words import promo_phrases

#: Product fields whose text a reply may quote or name.
SCREENED_FIELDS = ("name", "description")


class CatalogWarning(BaseModel):
    """Catalog text carrying pressure or discount wording: imported, never repeated in a reply."""

    file: str
    line: int | None = Field(None, description="1-based line as an editor shows it.")
    field: str = Field(description="The source column or key the text came from.")
    sku: str | None = None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.field}: {self.reason}"


def copy_warnings(drafts: Iterable[Draft], file: str) -> list[CatalogWarning]:
    """One warning per screened field of a row whose text carries pressure or discount wording."""
    out: list[CatalogWarning] = []
    for d in drafts:
        for name in SCREENED_FIELDS:
            text = d.fields.get(name)
            if not isinstance(text, str) or not text:
                continue
            hits = promo_phrases(text)
            if not hits:
                continue
            found = ", ".join(f"{h.category} {h.phrase!r}" for h in hits)
            sku = d.fields.get("sku")
            out.append(
                CatalogWarning(
                    file=file,
                    line=d.line,
                    field=d.column(name),
                    sku=sku if isinstance(sku, str) else None,
                    reason=f"pressure or discount wording ({found}): kept as data, never repeated in replies",
                )
            )
    return out
