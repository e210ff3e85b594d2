"""What is wrong in a data folder, and where: every step of the loading reports in these terms.

A :class:`Problem` names the file, the spreadsheet row (the header is row 1) and the column, with what was
found and what would be right; :class:`DataError` carries every problem found, so that a data owner fixes a
file in one pass. The steps collect problems in a list and the folder's validation raises once.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, located as precisely as possible."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataError(Exception):
    """The data folder cannot be used as it is; ``problems`` says everything that is wrong."""

    def __init__(self, problems: list[Problem], folder: Path | str | None = None):
        self.problems = list(problems)
        self.folder = folder
        super().__init__(self.report())

    def report(self) -> str:
        head = f"The data in {self.folder} cannot be used" if self.folder else "The data cannot be used"
        n = len(self.problems)
        lines = [f"{head}: {n} problem{'s' if n != 1 else ''} found."]
        lines += [f"  - {p}" for p in self.problems]
        lines.append("Fix the file(s) named above (the header is row 1), then run: python -m dashboard validate")
        return "\n".join(lines)


def suggest(value: str, choices) -> str:
    """The hint " (did you mean 'X'?)" naming the choice closest to ``value``, or "" when none is close."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
