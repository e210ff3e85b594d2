"""Damaged data files, one kind of damage per case: each gives its own clear message, located by file, row and
column, and none gives a traceback. Text with HTML or script in it is data: accepted and kept as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.loading import MAX_TABLE_BYTES, DataError, validate_folder


def set_cell(folder: Path, name: str, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` is the spreadsheet row (header = 1)."""
    frame = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(folder / name, index=False)


def replace(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def write(folder: Path, name: str, data: bytes) -> None:
    (folder / name).write_bytes(data)


def sparse(folder: Path, name: str, size: int) -> None:
    with open(folder / name, "wb") as handle:
        handle.truncate(size)  # a huge file that takes no disk space


def add_row(folder: Path, name: str, line: str) -> None:
    with open(folder / name, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


I, F, L, P, R, D = (  # noqa: E741  (the tables by their initial, as the cases below read best)
    "instruments.csv",
    "infrastructures.csv",
    "labs.csv",
    "partners.csv",
    "participation.csv",
    "dataset.json",
)

#: (case id, damage, file, row, column, part of the message). Rows are spreadsheet rows (header = 1).
DAMAGES = [
    (
        "renamed-column",
        lambda f: replace(f, I, "start_year", "start_yr"),
        I,
        1,
        "start_year",
        "did you mean 'start_yr'",
    ),
    (
        "missing-column",
        lambda f: write(
            f, P, b"id,name,acronym,country_iso3,source_url,confidence,notes\nP-1,KEK,KEK,JPN,https://k.jp,verified,\n"
        ),
        P,
        1,
        "kind",
        "required column is missing",
    ),
    ("duplicate-column", lambda f: replace(f, L, "code,name,", "code,name,name,"), L, 1, "name", "appears twice"),
    (
        "wrong-type-int",
        lambda f: set_cell(f, I, 3, "start_year", "twenty"),
        I,
        3,
        "start_year",
        "'twenty' is not a whole number",
    ),
    ("decimal-comma", lambda f: set_cell(f, F, 2, "lat", "46,23"), F, 2, "lat", "use a dot, not a comma"),
    ("not-a-number", lambda f: set_cell(f, F, 2, "lon", "east"), F, 2, "lon", "'east' is not a number"),
    ("duplicate-id", lambda f: set_cell(f, I, 3, "id", "IRL-01"), I, 3, "id", "is used twice (first in row 2)"),
    ("id-in-both-tables", lambda f: set_cell(f, F, 2, "id", "IRL-01"), F, 2, "id", "already an id in instruments.csv"),
    ("id-with-separator", lambda f: set_cell(f, P, 3, "id", "P-2;P-3"), P, 3, "id", "cannot be an identifier"),
    (
        "dangling-partner",
        lambda f: set_cell(f, R, 2, "partner_id", "P-99"),
        R,
        2,
        "partner_id",
        "'P-99' is not an id of partners.csv",
    ),
    (
        "dangling-collaboration",
        lambda f: set_cell(f, R, 2, "collaboration_id", "IRL-99"),
        R,
        2,
        "collaboration_id",
        "not an id of instruments.csv or infrastructures.csv",
    ),
    (
        "duplicate-link",
        lambda f: add_row(f, R, "IRL-01,P-1,partner,https://example.org/irl"),
        R,
        None,
        "partner_id",
        "is already in row 2",
    ),
    (
        "unknown-lab",
        lambda f: set_cell(f, I, 2, "in2p3_labs", "IJCLab;LAPPP"),
        I,
        2,
        "in2p3_labs",
        "did you mean 'LAPP'",
    ),
    ("country-name", lambda f: set_cell(f, I, 2, "countries", "Japan"), I, 2, "countries", "did you mean JPN"),
    ("country-lowercase", lambda f: set_cell(f, I, 2, "countries", "jpn"), I, 2, "countries", "three capital letters"),
    (
        "country-list-with-commas",
        lambda f: set_cell(f, I, 3, "countries", "JPN, KOR"),
        I,
        3,
        "countries",
        "'JPN, KOR' is not the ISO",
    ),
    (
        "unknown-country-code",
        lambda f: set_cell(f, P, 2, "country_iso3", "XXX"),
        P,
        2,
        "country_iso3",
        "'XXX' is not the ISO 3166",
    ),
    ("year-too-early", lambda f: set_cell(f, I, 2, "start_year", "1850"), I, 2, "start_year", "1850 is out of range"),
    ("year-absurd", lambda f: set_cell(f, F, 2, "end_year", "99999"), F, 2, "end_year", "99999 is out of range"),
    ("end-before-start", lambda f: set_cell(f, I, 2, "end_year", "2001"), I, 2, "end_year", "before start_year 2010"),
    (
        "start-far-future",
        lambda f: set_cell(f, I, 2, "start_year", "2055"),
        I,
        2,
        "start_year",
        "more than 15 years after",
    ),
    ("latitude-impossible", lambda f: set_cell(f, F, 2, "lat", "999"), F, 2, "lat", "999 is out of range"),
    ("longitude-impossible", lambda f: set_cell(f, F, 2, "lon", "-200"), F, 2, "lon", "-200 is out of range"),
    ("one-coordinate", lambda f: set_cell(f, F, 2, "lat", ""), F, 2, "lat", "give both or neither"),
    (
        "swapped-coordinates",
        lambda f: (set_cell(f, F, 2, "lat", "6.0528"), set_cell(f, F, 2, "lon", "46.2342")),
        F,
        2,
        "lat",
        "look swapped",
    ),
    ("site-outside-country", lambda f: set_cell(f, F, 4, "lat", "35.2"), F, 4, "lat", "outside Argentina"),
    (
        "site-without-country",
        lambda f: set_cell(f, F, 2, "countries", ""),
        F,
        2,
        "countries",
        "empty but the site has coordinates",
    ),
    ("required-empty", lambda f: set_cell(f, L, 2, "name", ""), L, 2, "name", "is empty; a value is required"),
    (
        "status-unknown",
        lambda f: set_cell(f, F, 2, "status", "operating"),
        F,
        2,
        "status",
        "'operating' is not an allowed value",
    ),
    (
        "confidence-unknown",
        lambda f: set_cell(f, P, 2, "confidence", "sure"),
        P,
        2,
        "confidence",
        "expected one of: verified, recalled",
    ),
    ("count-zero", lambda f: set_cell(f, I, 2, "count", "0"), I, 2, "count", "0 is out of range"),
    (
        "url-javascript",
        lambda f: set_cell(f, I, 2, "source_url", "javascript:alert(1)"),
        I,
        2,
        "source_url",
        "is not a web address",
    ),
    (
        "url-no-scheme",
        lambda f: set_cell(f, L, 2, "source_url", "www.example.org"),
        L,
        2,
        "source_url",
        "starting with http",
    ),
    (
        "partner-without-country",
        lambda f: set_cell(f, P, 2, "country_iso3", ""),
        P,
        2,
        "country_iso3",
        "only an international organisation",
    ),
    ("empty-file", lambda f: write(f, L, b""), L, None, None, "the file is empty"),
    ("blank-file", lambda f: write(f, L, b" \n\n \n"), L, None, None, "the file is empty"),
    (
        "header-only-labs",
        lambda f: write(f, L, (f / L).read_bytes().splitlines(keepends=True)[0]),
        I,
        2,
        "in2p3_labs",
        "is not a lab code of labs.csv",
    ),
    ("missing-file", lambda f: (f / P).unlink(), P, None, None, "the file is missing"),
    (
        "latin-1",
        lambda f: write(f, L, (f / L).read_text(encoding="utf-8").encode("latin-1")),
        L,
        2,
        None,
        "is not UTF-8",
    ),
    ("utf-16", lambda f: write(f, L, (f / L).read_text(encoding="utf-8").encode("utf-16")), L, 1, None, "is not UTF-8"),
    (
        "workbook-named-csv",
        lambda f: write(f, P, b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256))),
        P,
        None,
        None,
        "not UTF-8",
    ),
    (
        "nul-bytes",
        lambda f: write(f, L, (f / L).read_bytes().replace(b"Orsay", b"Or\x00say")),
        L,
        None,
        None,
        "NUL bytes",
    ),
    ("huge-file", lambda f: sparse(f, P, MAX_TABLE_BYTES + 1), P, None, None, "MB is accepted"),
    (
        "unquoted-comma",
        lambda f: add_row(f, L, "LPNHE,Lab, Paris,Paris,FRA,,https://x.org,verified,,extra"),
        L,
        None,
        None,
        "must be in double quotes",
    ),
    (
        "blank-first-row",
        lambda f: write(f, L, b"\n" + (f / L).read_bytes()),
        L,
        1,
        None,
        "the header row (the column names) must be the first row",
    ),
    ("cell-too-long", lambda f: set_cell(f, P, 2, "notes", "x" * 20_000), P, 2, "notes", "at most 10000 are accepted"),
    ("dataset-not-json", lambda f: write(f, D, b"{data_date: 2026}"), D, 1, None, "is not valid JSON"),
    (
        "dataset-bad-date",
        lambda f: write(f, D, b'{"data_date": "25/11/2026"}'),
        D,
        None,
        "data_date",
        "expected YYYY-MM-DD",
    ),
    ("dataset-missing", lambda f: (f / D).unlink(), D, None, None, "the file is missing"),
    ("dataset-not-object", lambda f: write(f, D, b'["2026-11-25"]'), D, None, None, "expected a JSON object"),
    (
        "dataset-bad-facts",
        lambda f: write(f, D, json.dumps({"data_date": "2026-11-25", "facts": [{"value": 1}]}).encode()),
        D,
        None,
        "facts",
        "expected a list of objects",
    ),
]


@pytest.mark.parametrize("case, damage, file, row, column, message", DAMAGES, ids=[d[0] for d in DAMAGES])
def test_hst001_each_damage_gives_its_message(mini_copy, case, damage, file, row, column, message):
    damage(mini_copy)
    with pytest.raises(DataError) as caught:
        validate_folder(mini_copy)
    problems = caught.value.problems
    matching = [
        p
        for p in problems
        if p.file == file
        and message in p.message
        and (row is None or p.row == row)
        and (column is None or p.column == column)
    ]
    assert matching, f"{case}: expected {file} row {row} column {column} '{message}', got {[str(p) for p in problems]}"
    report = caught.value.report()
    assert "Traceback" not in report and str(matching[0]) in report


def test_hst003_html_and_script_in_text_are_data(mini_copy):
    hostile = {"name": "<script>alert(1)</script>", "notes": '<img src=x onerror=alert(2)> & "quotes" =HYPERLINK("x")'}
    set_cell(mini_copy, P, 2, "name", hostile["name"])
    set_cell(mini_copy, I, 2, "notes", hostile["notes"])
    set_cell(mini_copy, F, 2, "site", "<b>bold</b> &amp;")
    ds = validate_folder(mini_copy)
    assert ds.partners.at["P-1", "name"] == hostile["name"]
    assert ds.collaborations.at["IRL-01", "notes"] == hostile["notes"]


def test_hst004_row_numbers_stay_right_after_blank_lines(mini_copy):
    path = mini_copy / I
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "")  # an empty line 3: the second instrument is now on row 4
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(",2015,", ",soon,")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        validate_folder(mini_copy)
    assert [(p.row, p.column) for p in caught.value.problems] == [(4, "start_year")]
