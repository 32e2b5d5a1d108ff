"""The reliability suite of issue 14 (R1-R8), shared by the CI tests and the long run.

Each module runs one row of the table with counts as arguments and returns its figures
(a `Row`); `tests/reliability/` calls them with small counts and asserts the "must
show" column, and `benchmarks/reliability.py` calls them with the long-run counts and
prints the table. docs/reliability.md explains every figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import leadtutor

SRC: Final = Path(leadtutor.__file__).resolve().parent.parent
"""The `src` folder, for child processes (`PYTHONPATH`)."""
REPO: Final = Path(__file__).resolve().parents[2]


@dataclass
class Row:
    """One line of the reliability table."""

    test: str
    """e.g. "R1 SIGKILL during saves"."""
    run: str
    """What was run, with its counts."""
    figures: dict[str, float | int | str] = field(default_factory=dict)
    """Named results; the ones in `zero` must be 0."""
    zero: tuple[str, ...] = ()
    """Figures that must be 0 for the row to pass."""
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every must-be-zero figure is 0 (and none is missing)."""
        return all(self.figures.get(name, 1) == 0 for name in self.zero)

    def shown(self) -> str:
        """The figures as `name value` pairs, must-be-zero ones first."""
        names = [*self.zero, *(n for n in self.figures if n not in self.zero)]
        return ", ".join(f"{n.replace('_', ' ')} {_fmt(self.figures[n])}" for n in names)


def _fmt(value: float | int | str) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return value
