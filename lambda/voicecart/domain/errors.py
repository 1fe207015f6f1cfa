"""The domain's exception tree: every domain failure derives from DomainError."""

from __future__ import annotations


class DomainError(Exception):
    """Base class for every error the domain raises."""


class ValidationError(DomainError):
    """Input that cannot be accepted (bad price, bad code format, unknown field)."""


class NotFound(DomainError):
    """A product, order, approval or household that does not exist."""


class Conflict(DomainError):
    """A state change that is not allowed now (cancel after shipping, decide twice)."""


class BudgetExceeded(DomainError):
    """An order would take a spending counter over its limit."""

    def __init__(self, counter_key: str, limit: object, message: str = "") -> None:
        super().__init__(message or f"budget exceeded: {counter_key}")
        self.counter_key = counter_key
        self.limit = limit


class StoreError(DomainError):
    """A storage adapter failed; adapters wrap their own errors in this."""
