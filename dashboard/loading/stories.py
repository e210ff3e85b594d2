"""The story of presentation mode (stories.csv, optional): prepared views, each a page link's query, told.

A step's query is checked as the page checks a link (``state.parse_query``), against the data set it will be
shown with; so the stories are read last, once the tables are assembled. This is the one module of the loading
that reads the URL's rules: ``state`` knows nothing of the loading, so the import goes one way.

A step also has what the speaker says (``text_en``, ``text_fr``: shown under the title in presentation mode), the
countries to outline on the map (``highlight``: ISO 3166 alpha-3 codes, checked against the map's countries by the
rule of every other country column, ``rules.check_country_codes``) and speaker notes for the slides (``notes_en``,
``notes_fr``). Those columns came later (issue 14): a stories.csv without them is read with them empty, so the
versions of a data folder written before stay valid and can be restored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from .. import schema
from ..state import Vocabulary, parse_query
from .dataset import Dataset
from .problems import Problem, suggest
from .rules import check_country_codes
from .tables import convert_table, read_csv


@dataclass(frozen=True)
class Story:
    """One prepared view of presentation mode: its title, its view (``query``), what the speaker says and shows."""

    step: int
    title_en: str
    title_fr: str
    query: str
    text_en: str = ""
    text_fr: str = ""
    #: ISO3 codes of the countries outlined on the map while the step is shown.
    highlight: tuple[str, ...] = ()
    #: The speaker's notes, for the slides (never shown on the page).
    notes_en: str = ""
    notes_fr: str = ""

    def title(self, lang: str) -> str:
        return self.title_fr if lang == "fr" else self.title_en

    def text(self, lang: str) -> str:
        """What the speaker says at this step, in ``lang`` ("" when the step has no text)."""
        return self.text_fr if lang == "fr" else self.text_en

    def notes(self, lang: str) -> str:
        """The speaker's notes in ``lang`` ("" when there are none)."""
        return self.notes_fr if lang == "fr" else self.notes_en


def read_stories(folder: Path, ds: Dataset, problems: list[Problem]) -> tuple[Story, ...]:
    """The story of ``folder``'s stories.csv in step order (none without the file), each step's query checked
    like a page link, its highlighted countries like every country column; its problems appended to ``problems``."""
    path = folder / schema.STORIES.file
    if not path.is_file():
        return ()
    table, header_problems = _table_of(path)
    problems += header_problems
    raw = read_csv(path, table, problems)
    if raw is None:
        return ()
    typed = convert_table(raw, table, problems)
    for name in schema.STORY_ADDED_COLUMNS:
        if name not in typed.columns:  # a file written before these columns: read as empty
            empty = [] if name == "highlight" else ""
            typed[name] = [empty] * len(typed)
    problems += check_country_codes(typed, schema.STORIES, "highlight", ds.countries.index)
    problems += check_texts(typed)
    vocabulary = Vocabulary.from_dataset(ds)
    stories = []
    for row, rec in typed.iterrows():
        state, notices = parse_query(rec["query"], vocabulary)
        for notice in notices:
            problems.append(
                Problem(schema.STORIES.file, int(row), "query", f"{notice}; see the URL parameters in the README")
            )
        if state.present or state.step is not None or state.lang != "en" or state.embed:
            problems.append(
                Problem(
                    schema.STORIES.file, int(row), "query", "a step's query cannot set present, step, lang or embed"
                )
            )
        if not pd.isna(rec["step"]):
            stories.append(
                Story(
                    int(rec["step"]),
                    rec["title_en"],
                    rec["title_fr"],
                    rec["query"],
                    text_en=rec["text_en"],
                    text_fr=rec["text_fr"],
                    highlight=tuple(rec["highlight"] or ()),
                    notes_en=rec["notes_en"],
                    notes_fr=rec["notes_fr"],
                )
            )
    return tuple(sorted(stories, key=lambda s: s.step))


def check_texts(table: pd.DataFrame) -> list[Problem]:
    """A step's text is given in both languages or in neither, and is short enough to be said under its title."""
    problems = []
    for row, rec in table.iterrows():
        for lang, other in (("en", "fr"), ("fr", "en")):
            text = rec[f"text_{lang}"] or ""
            if text and not rec[f"text_{other}"]:
                problems.append(
                    Problem(
                        schema.STORIES.file,
                        int(row),
                        f"text_{other}",
                        f"is empty while text_{lang} is given; give the step's text in both languages",
                    )
                )
            if len(text) > schema.STORY_TEXT_MAX:
                problems.append(
                    Problem(
                        schema.STORIES.file,
                        int(row),
                        f"text_{lang}",
                        f"holds {len(text)} characters; a step's text is one or two sentences, at most "
                        f"{schema.STORY_TEXT_MAX} (longer notes go in notes_{lang})",
                    )
                )
    return problems


def _table_of(path: Path) -> tuple[schema.Table, list[Problem]]:
    """The stories table as this file has it: the columns of issue 14 only when its header has them (see the
    module's doc); and the header's unknown columns that look like one of those (a misspelling would otherwise be
    ignored with its whole column)."""
    try:
        first = path.read_bytes()[:65536].decode("utf-8-sig").splitlines()[:1]
        header = [name.strip() for name in next(csv.reader(io.StringIO(first[0])))] if first else []
    except (UnicodeDecodeError, csv.Error, StopIteration):
        header = []  # read_csv says what is wrong with the file
    added = schema.STORY_ADDED_COLUMNS
    missing = [name for name in added if name not in header]
    problems = [
        Problem(schema.STORIES.file, 1, name, f"is not a column of {schema.STORIES.file}{hint}")
        for name in header
        if name not in schema.STORIES.column_names and (hint := suggest(name, missing))
    ]
    columns = tuple(c for c in schema.STORIES.columns if c.name not in missing)
    return replace(schema.STORIES, columns=columns), problems
