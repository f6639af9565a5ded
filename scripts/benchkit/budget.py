"""The bars of issue 23, checked against a run's figures: each one pass or FAIL (or n/a when the
run did not measure it). A report, not a test: scripts/bench.py prints it and exits 0 either way.

Each bar is read as the issue states it: start-up ratios are the median of the per-round ratios to
the main-thread floor; "no task over 50 ms" and "no Pyodide byte" hold for every load of the run
(the largest sample); a page's weight is its median over the runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .figures import Figure, page_label, ratio
from .pages import OUR_PAGES
from .report import format_value

__all__ = [
    "OWN_TASK_MS",
    "PLAIN_WEIGHT",
    "PLAYGROUND_BYTES",
    "Budget",
    "BudgetResult",
    "declare_budgets",
    "evaluate_budgets",
    "render_budgets",
]

PLAYGROUND_BYTES = 8_000_000  # a first visit to a playground page, encoded bytes (MB: 10^6, as the table shows)
OWN_TASK_MS = 50.0  # no main-thread task of ours longer than this
PLAIN_WEIGHT = 1.1  # a page without a playground ÷ a plain Material page
START_RATIO = 1.0  # ours ÷ the main-thread floor, per round (median)


@dataclass(frozen=True)
class Budget:
    """One bar: ``figure``'s ``statistic`` (``median`` or ``max`` of its samples), divided by
    ``per``'s median when given, must be at most ``limit``."""

    bar: str
    figure: str
    limit: float
    unit: str
    statistic: str = "median"
    per: str | None = None

    def __post_init__(self) -> None:
        if self.statistic not in ("median", "max"):
            raise ValueError(f"unknown statistic {self.statistic!r}")


@dataclass(frozen=True)
class BudgetResult:
    budget: Budget
    value: float | None

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "n/a"
        return "pass" if self.value <= self.budget.limit else "FAIL"


def declare_budgets(pages: Sequence[str] = tuple(OUR_PAGES)) -> list[Budget]:
    """Issue 23's bars, in its order, for the measured ``pages`` (ids of OUR_PAGES). The warm bar
    holds on every playground page, the cold one on the authentication pages, in every language."""
    budgets = []
    for temperature in ("warm", "cold"):
        for key in pages:
            if temperature == "cold" and not key.startswith("auth"):
                continue
            budgets.append(
                Budget(
                    f"{temperature.capitalize()} start {page_label(key)}: ours ÷ main-thread floor, per round",
                    f"{key}.vs.floor.main.{temperature}",
                    START_RATIO,
                    "ratio",
                )
            )
    budgets += [
        Budget(
            f"First visit to a playground page ({page_label(key)}): encoded bytes",
            f"bytes.{name}.total",
            PLAYGROUND_BYTES,
            "bytes",
            "max",
        )
        for key, name in (("ours", "playground"), ("auth", "auth"))
        if key in pages
    ]
    budgets += [
        Budget(
            f"No main-thread task of ours over {OWN_TASK_MS:.0f} ms: until ready, every page",
            "own.all.max",
            OWN_TASK_MS,
            "ms",
            "max",
        ),
        Budget(
            f"No main-thread task of ours over {OWN_TASK_MS:.0f} ms: during the Sends",
            "own.send.max",
            OWN_TASK_MS,
            "ms",
            "max",
        ),
        Budget("Pages without a playground load no Pyodide byte: /", "bytes.home.pyodide", 0, "bytes", "max"),
        Budget(
            "Pages without a playground load no Pyodide byte: /reference/", "bytes.reference.pyodide", 0, "bytes", "max"
        ),
        Budget(
            "A page without a playground (/) ÷ a plain Material page: bytes",
            "bytes.home.total",
            PLAIN_WEIGHT,
            "ratio",
            per="bytes.plain.total",
        ),
    ]
    return budgets


def _statistic(figure: Figure | None, statistic: str) -> float | None:
    if figure is None or not figure.samples:
        return None
    return figure.median if statistic == "median" else max(figure.samples)


def evaluate_budgets(budgets: Sequence[Budget], figures: Mapping[str, Figure]) -> list[BudgetResult]:
    """Each budget's value from the run's ``figures`` (by id); None where a figure has no sample."""
    results = []
    for budget in budgets:
        value = _statistic(figures.get(budget.figure), budget.statistic)
        if budget.per is not None:
            value = ratio(value, _statistic(figures.get(budget.per), "median"))
        results.append(BudgetResult(budget, value))
    return results


def render_budgets(results: Sequence[BudgetResult]) -> str:
    """The budgets as a Markdown table: bar, figure, measured value, limit, pass/FAIL."""
    lines = ["| bar (issue 23) | figure | measured | limit | result |", "| --- | --- | ---: | ---: | --- |"]
    for result in results:
        budget = result.budget
        figure = f"`{budget.figure}`" + (f" ÷ `{budget.per}`" if budget.per else "")
        figure += " (largest sample)" if budget.statistic == "max" else ""
        lines.append(
            f"| {budget.bar} | {figure} | {format_value(result.value, budget.unit)}"
            f" | ≤ {format_value(budget.limit, budget.unit)} | {result.verdict} |"
        )
    return "\n".join(lines)
