"""A view of the dashboard saved as a new step of presentation mode's story, by an editor (``/import/story``).

The form gives the view (its link, as the page's "Copy link" puts it on the clipboard), the step's title, text and
speaker notes in both languages, the countries to outline and the step's place in the story. What it makes is a new
``stories.csv``: the steps of the data served now with the new one in its place, given to the import as an upload
(:func:`dashboard.datastore.importing.run_import`), so that it is checked like every table (a refusal lists its
problems by file, row and column, and changes nothing) and becomes a new version of the data folder, which can be
restored like any import.

Only what is the form's own is checked here: the view's link (read as the page reads a link) and the place. The
step itself (titles required, texts in both languages, country codes) is checked by the import, the one home of the
table's rules.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, fields
from urllib.parse import urlsplit

from .. import schema
from ..describe import view_caption
from ..loading import Story
from ..state import Vocabulary, parse_query, to_query

#: The longest value a field of the form is read to (the table's own limits are checked by the import).
MAX_FIELD_CHARS = 4000


@dataclass(frozen=True)
class StepForm:
    """The form's fields, as text (stripped, clipped): what the editor typed."""

    view: str = ""
    position: str = ""
    title_en: str = ""
    title_fr: str = ""
    text_en: str = ""
    text_fr: str = ""
    highlight: str = ""
    notes_en: str = ""
    notes_fr: str = ""

    @classmethod
    def from_form(cls, form) -> StepForm:
        """The fields of a posted form (a mapping; anything missing is empty)."""
        return cls(**{f.name: str(form.get(f.name, "") or "")[:MAX_FIELD_CHARS].strip() for f in fields(cls)})


def view_query(text: str) -> str:
    """The query of a page link (``http://host/?continent=Asia&present=1``, ``?continent=Asia`` or
    ``continent=Asia``), without its ``?`` and anything after ``#``."""
    text = text.strip()
    if "?" in text or "://" in text or text.startswith("/"):
        return urlsplit(text).query
    return text.split("#")[0]


def step_view(form: StepForm, ds) -> tuple[str | None, list[str]]:
    """The new step's query, as stories.csv holds it (the view's canonical query, without presentation mode, its
    step, the language or the embedded view, which a step cannot set), or None and why the link cannot be used."""
    state, notices = parse_query(view_query(form.view), Vocabulary.from_dataset(ds))
    if notices:
        return None, [f"The view's link: {notice}." for notice in notices]
    return to_query(state.with_(present=False, step=None, lang="en", embed=False)).lstrip("?"), []


def step_place(form: StepForm, stories) -> tuple[int | None, list[str]]:
    """Where the new step goes among ``stories`` (1 = first; empty = after the last), or None and why not."""
    last = len(stories) + 1
    if not form.position:
        return last, []
    if form.position.isdigit() and 1 <= int(form.position) <= last:
        return int(form.position), []
    return None, [f"The place in the story must be a whole number from 1 to {last} (empty: at the end)."]


def describe_view(form: StepForm, ds) -> str:
    """The view of the form's link in words ("IRL · Asia · data of 25 November 2026"), or "" if it has none."""
    query, _ = step_view(form, ds)
    if query is None or not form.view:
        return ""
    state, _ = parse_query(query, Vocabulary.from_dataset(ds))
    return view_caption(state, ds.data_date, "en")


def new_story(form: StepForm, query: str) -> Story:
    """The step of the form (its number is given by :func:`stories_csv`)."""
    codes = re.split(r"[;,\s]+", form.highlight)  # "JPN;KOR", "JPN, KOR" or "JPN KOR"
    return Story(
        0,
        form.title_en,
        form.title_fr,
        query,
        text_en=form.text_en,
        text_fr=form.text_fr,
        highlight=tuple(code for code in codes if code),
        notes_en=form.notes_en,
        notes_fr=form.notes_fr,
    )


def stories_csv(stories, new: Story, place: int) -> tuple[bytes, int]:
    """stories.csv with ``new`` at ``place`` (1 = first) among ``stories``, and the new step's number.

    The steps before it keep their numbers, so do the ones after when there is room; otherwise they move one on (their
    ``step=`` links with them): a step's number is its own, or one more than the step before, whichever is larger.
    """
    ordered = list(stories)
    ordered.insert(place - 1, new)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=schema.STORIES.column_names, lineterminator="\n")
    writer.writeheader()
    number, new_number = 0, 0
    for story in ordered:
        number = number + 1 if story is new else max(story.step, number + 1)
        if story is new:
            new_number = number
        row = {name: getattr(story, name) for name in schema.STORIES.column_names}
        writer.writerow({**row, "step": number, "highlight": schema.LIST_SEPARATOR.join(story.highlight)})
    return out.getvalue().encode("utf-8"), new_number
