"""The story of presentation mode (stories.csv, optional): prepared views, each a page link's query.

A step's query is checked as the page checks a link (``state.parse_query``), against the data set it will be
shown with; so the stories are read last, once the tables are assembled. This is the one module of the loading
that reads the URL's rules: ``state`` knows nothing of the loading, so the import goes one way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import schema
from ..state import Vocabulary, parse_query
from .dataset import Dataset
from .problems import Problem
from .tables import convert_table, read_csv


@dataclass(frozen=True)
class Story:
    """One prepared view of presentation mode."""

    step: int
    title_en: str
    title_fr: str
    query: str

    def title(self, lang: str) -> str:
        return self.title_fr if lang == "fr" else self.title_en


def read_stories(folder: Path, ds: Dataset, problems: list[Problem]) -> tuple[Story, ...]:
    """The story of ``folder``'s stories.csv in step order (none without the file), each step's query checked
    like a page link; its problems appended to ``problems``."""
    path = folder / schema.STORIES.file
    if not path.is_file():
        return ()
    raw = read_csv(path, schema.STORIES, problems)
    if raw is None:
        return ()
    table = convert_table(raw, schema.STORIES, problems)
    vocabulary = Vocabulary.from_dataset(ds)
    stories = []
    for row, rec in table.iterrows():
        state, notices = parse_query(rec["query"], vocabulary)
        for notice in notices:
            problems.append(
                Problem(schema.STORIES.file, int(row), "query", f"{notice}; see the URL parameters in the README")
            )
        if state.present or state.step is not None or state.lang != "en":
            problems.append(
                Problem(schema.STORIES.file, int(row), "query", "a step's query cannot set present, step or lang")
            )
        if not pd.isna(rec["step"]):
            stories.append(Story(int(rec["step"]), rec["title_en"], rec["title_fr"], rec["query"]))
    return tuple(sorted(stories, key=lambda s: s.step))
