"""Products and the catalog loaded from JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .errors import ValidationError

AGE_RESTRICTED_CATEGORIES = frozenset({"alcohol", "tobacco", "weapons"})

_REQUIRED = ("sku", "name", "brand", "category", "price")


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    brand: str
    category: str
    price: Decimal
    currency: str = "USD"
    rating: float = 0.0
    review_count: int = 0
    review_summary: str = ""
    description: str = ""
    age_restricted: bool = False
    synonyms: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not isinstance(self.price, Decimal):
            raise ValidationError(f"{self.sku}: price must be a Decimal")
        if self.price < 0:
            raise ValidationError(f"{self.sku}: price cannot be negative")
        if not self.sku or not self.name:
            raise ValidationError("a product needs a sku and a name")

    @property
    def restricted(self) -> bool:
        """Age-restricted either by flag or by its category."""
        return self.age_restricted or self.category in AGE_RESTRICTED_CATEGORIES

    def to_dict(self) -> dict[str, object]:
        return {
            "sku": self.sku,
            "name": self.name,
            "brand": self.brand,
            "category": self.category,
            "price": str(self.price),
            "currency": self.currency,
            "rating": self.rating,
            "review_count": self.review_count,
            "review_summary": self.review_summary,
            "description": self.description,
            "age_restricted": self.age_restricted,
            "synonyms": list(self.synonyms),
        }


def _parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in ("1", "true", "yes", "y"):
        return True
    if text in ("", "0", "false", "no", "n"):
        return False
    raise ValidationError(f"not a yes/no value: {value!r}")


def product_from_dict(raw: dict[str, object]) -> Product:
    """Build a Product from a JSON object or CSV row; raises ValidationError."""
    missing = [k for k in _REQUIRED if not str(raw.get(k) or "").strip()]
    if missing:
        raise ValidationError(f"missing {', '.join(missing)}")
    price_raw = raw["price"]
    if isinstance(price_raw, float):
        # Floats from JSON go through str() so 0.1 stays 0.1, never 0.1000000000000000055.
        price_raw = repr(price_raw)
    try:
        price = Decimal(str(price_raw).strip().lstrip("$"))
    except InvalidOperation as exc:
        raise ValidationError(f"price is not a number: {price_raw!r}") from exc
    if not price.is_finite() or price < 0:
        raise ValidationError(f"price must be zero or more: {price_raw!r}")
    synonyms_raw = raw.get("synonyms") or ()
    if isinstance(synonyms_raw, str):
        synonyms = tuple(s.strip() for s in synonyms_raw.split("|") if s.strip())
    elif isinstance(synonyms_raw, list | tuple):
        synonyms = tuple(str(s).strip() for s in synonyms_raw if str(s).strip())
    else:
        raise ValidationError("synonyms must be a list or a |-separated text")
    try:
        rating = float(str(raw.get("rating") or 0))
        review_count = int(str(raw.get("review_count") or 0))
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"rating or review_count is not a number: {exc}") from exc
    if not 0 <= rating <= 5:
        raise ValidationError(f"rating must be between 0 and 5: {rating}")
    return Product(
        sku=str(raw["sku"]).strip(),
        name=str(raw["name"]).strip(),
        brand=str(raw["brand"]).strip(),
        category=str(raw["category"]).strip().lower(),
        price=price.quantize(Decimal("0.01")),
        currency=str(raw.get("currency") or "USD").strip().upper(),
        rating=rating,
        review_count=review_count,
        review_summary=str(raw.get("review_summary") or "").strip(),
        description=str(raw.get("description") or "").strip(),
        age_restricted=_parse_bool(raw.get("age_restricted", False)),
        synonyms=synonyms,
    )


def parse_products(text: str, fmt: str) -> Iterator[tuple[int, Product]]:
    """Yield (line number, product) from CSV or JSON text.

    Errors name the line (CSV) or the item index (JSON) so a bad row is easy to find.
    """
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"line {exc.lineno}: not valid JSON: {exc.msg}") from exc
        if isinstance(data, dict):
            data = data.get("products", [])
        if not isinstance(data, list):
            raise ValidationError('JSON must be a list of products or {"products": [...]}')
        for index, raw in enumerate(data, start=1):
            if not isinstance(raw, dict):
                raise ValidationError(f"item {index}: not an object")
            try:
                yield index, product_from_dict(raw)
            except ValidationError as exc:
                raise ValidationError(f"item {index}: {exc}") from exc
    elif fmt == "csv":
        reader = csv.DictReader(io.StringIO(text))
        for row in reader:
            line = reader.line_num
            try:
                yield line, product_from_dict(dict(row))
            except ValidationError as exc:
                raise ValidationError(f"line {line}: {exc}") from exc
    else:
        raise ValidationError(f"unknown catalog format: {fmt}")


class Catalog:
    """An in-memory, read-mostly view of the products, indexed by sku."""

    def __init__(self, products: Iterable[Product] = ()) -> None:
        self._by_sku: dict[str, Product] = {}
        for product in products:
            self._by_sku[product.sku] = product

    def __len__(self) -> int:
        return len(self._by_sku)

    def __iter__(self) -> Iterator[Product]:
        return iter(self._by_sku.values())

    def get(self, sku: str) -> Product | None:
        return self._by_sku.get(sku)

    def categories(self) -> list[str]:
        return sorted({p.category for p in self._by_sku.values()})
