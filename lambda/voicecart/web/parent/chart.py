"""The spending chart: one row per person, the words in HTML (readable at any width) and
the bars as a tiny inline SVG each. No JavaScript, no chart library, no inline styles
(the page's Content-Security-Policy forbids them; SVG attributes are not styles)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...domain.household import Role
from .context import Spend
from .wording import dollars

ROLE_ORDER = {Role.ADULT: 0, Role.TEEN: 1, Role.CHILD: 2, Role.GUEST: 3}
ROLE_WORDS = {
    Role.ADULT: "adult",
    Role.TEEN: "teen",
    Role.CHILD: "child",
    Role.GUEST: "anyone not recognized",
}


@dataclass(frozen=True)
class Row:
    name: str
    role: str
    week: str
    month: str
    budget: str  # "of $100.00 monthly budget", or ""
    over: bool  # this month is past the monthly budget
    week_pct: float  # bar widths, 0-100, on one scale shared by every row
    month_pct: float
    budget_pct: float | None


@dataclass(frozen=True)
class Chart:
    rows: list[Row]
    summary: str  # the chart in one sentence, for screen readers


def _pct(amount: Decimal | None, scale: Decimal) -> float:
    if not amount or amount <= 0:
        return 0.0
    return max(0.8, round(float(amount / scale * 100), 1))


def spending_chart(spends: list[Spend]) -> Chart:
    ordered = sorted(spends, key=lambda s: (ROLE_ORDER.get(s.profile.role, 9), s.profile.name))
    scale = max(
        [s.month for s in ordered]
        + [s.week for s in ordered]
        + [s.profile.monthly_budget or Decimal("0") for s in ordered]
        + [Decimal("1")]
    )
    rows = []
    for s in ordered:
        budget = s.profile.monthly_budget
        rows.append(
            Row(
                name=s.profile.name,
                role=ROLE_WORDS.get(s.profile.role, s.profile.role.value),
                week=dollars(s.week),
                month=dollars(s.month),
                budget=f"of {dollars(budget)} monthly budget" if budget is not None else "",
                over=budget is not None and s.month > budget,
                week_pct=_pct(s.week, scale),
                month_pct=_pct(s.month, scale),
                budget_pct=_pct(budget, scale) if budget else None,
            )
        )
    summary = "; ".join(
        f"{r.name}: {r.week} this week, {r.month} this month {r.budget}".strip() for r in rows
    )
    return Chart(rows, summary or "No profiles yet.")
