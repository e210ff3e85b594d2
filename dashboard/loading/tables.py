"""Reading the files of a data folder: each CSV table, its cells converted to the types of ``schema``, and
``dataset.json``.

Every problem is appended to the ``problems`` list given (file, spreadsheet row, column), so that one pass
reports them all; a table that cannot be read at all (missing, not UTF-8, not CSV, a column missing) is
returned as None, its cells unchecked.
"""

from __future__ import annotations

import json
import re
from datetime import date
from io import StringIO
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .. import schema
from ..schema import Column, Table
from .problems import Problem, suggest

#: A larger table is refused before it is read: the department's tables are a few hundred rows.
MAX_TABLE_BYTES = 50 * 1024 * 1024
#: A longer cell is refused: no name, note or URL of these tables needs more (a runaway paste does).
MAX_CELL_CHARS = 10_000

_INT = re.compile(r"^[+-]?\d+(\.0+)?$")


class Tables(NamedTuple):
    """The tables of ``schema.TABLES``, read and typed: one frame each, indexed by spreadsheet row."""

    instruments: pd.DataFrame
    infrastructures: pd.DataFrame
    partners: pd.DataFrame
    participation: pd.DataFrame
    labs: pd.DataFrame


def read_tables(folder: Path, problems: list[Problem]) -> Tables | None:
    """Every table of ``schema.TABLES`` in ``folder``, typed; None when one of them cannot be read at all."""
    frames: dict[str, pd.DataFrame] = {}
    for table in schema.TABLES:
        raw = read_csv(folder / table.file, table, problems)
        if raw is not None:
            frames[table.file] = convert_table(raw, table, problems)
    if len(frames) < len(schema.TABLES):
        return None
    return Tables(
        instruments=frames[schema.INSTRUMENTS.file],
        infrastructures=frames[schema.INFRASTRUCTURES.file],
        partners=frames[schema.PARTNERS.file],
        participation=frames[schema.PARTICIPATION.file],
        labs=frames[schema.LABS.file],
    )


def read_csv(path: Path, table: Table, problems: list[Problem]) -> pd.DataFrame | None:
    """The cells of the CSV table at ``path`` as text (stripped), with the columns of ``table`` in its order;
    None when the file cannot be read as that table (its problems appended)."""
    name = table.file
    if not path.is_file():
        problems.append(
            Problem(
                name,
                None,
                None,
                f"the file is missing from {path.parent}; expected a CSV with the columns "
                + ", ".join(table.column_names),
            )
        )
        return None
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        problems.append(
            Problem(
                name, None, None, f"the file is {size / 1e6:.0f} MB; at most {MAX_TABLE_BYTES / 1e6:.0f} MB is accepted"
            )
        )
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                name,
                line,
                None,
                f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as 'CSV UTF-8 (comma delimited)'",
            )
        )
        return None
    if not text.strip():
        problems.append(
            Problem(
                name,
                None,
                None,
                "the file is empty; expected a header row with the columns " + ", ".join(table.column_names),
            )
        )
        return None
    if "\x00" in text:
        problems.append(
            Problem(
                name,
                None,
                None,
                "contains NUL bytes: it is not a text CSV file (a spreadsheet saved under a .csv name?)",
            )
        )
        return None
    if not text.lstrip("\ufeff").splitlines()[0].strip(", \t"):
        problems.append(
            Problem(name, 1, None, "row 1 is empty; the header row (the column names) must be the first row")
        )
        return None
    try:
        # Blank lines are kept (and dropped below) so that row numbers stay those of the spreadsheet.
        # The header is read as a row (header=None) so that a repeated column name is not renamed by pandas.
        frame = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False, header=None)
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+)", str(exc))
        row = int(match.group(1)) if match else None
        problems.append(
            Problem(name, row, None, f"cannot be read as CSV ({exc}); a value with a comma must be in double quotes")
        )
        return None
    frame = frame.fillna("")  # a row shorter than the header
    frame.columns = [str(c).strip() for c in frame.iloc[0]]
    frame = frame.iloc[1:]
    frame = frame.apply(lambda col: col.str.strip())
    frame = frame[(frame != "").any(axis=1)]  # spreadsheets leave empty rows at the end
    frame.index = frame.index + 1  # spreadsheet row numbers: the header is row 1
    duplicated = [c for c in set(frame.columns) if list(frame.columns).count(c) > 1]
    for col in duplicated:
        problems.append(Problem(name, 1, col, "this column appears twice in the header"))
    missing = [c for c in table.column_names if c not in frame.columns]
    for col in missing:
        spare = [c for c in frame.columns if c not in table.column_names]
        problems.append(Problem(name, 1, col, "required column is missing from the header" + suggest(col, spare)))
    if missing or duplicated:
        return None
    return frame[list(table.column_names)]


def convert(value: str, column: Column) -> tuple[object, str | None]:
    """Convert one cell; returns (value, error message or None)."""
    if value == "":
        if column.required:
            what = f" ({column.help})" if column.help else ""
            return None, f"is empty; a value is required{what}"
        return {"list": [], "int": None, "float": None}.get(column.kind, ""), None
    kind = column.kind
    if len(value) > MAX_CELL_CHARS:
        return None, f"holds {len(value)} characters; at most {MAX_CELL_CHARS} are accepted in a cell"
    if kind == "int":
        if not _INT.match(value):
            return None, f"'{value}' is not a whole number; expected {column.help or 'a whole number'}"
        number = int(float(value))
        if (column.minimum is not None and number < column.minimum) or (
            column.maximum is not None and number > column.maximum
        ):
            return None, f"{number} is out of range; expected a value from {column.minimum:g} to {column.maximum:g}"
        return number, None
    if kind == "float":
        try:
            number = float(value)
        except ValueError:
            hint = " (use a dot, not a comma, for decimals)" if re.match(r"^-?\d+,\d+$", value) else ""
            return None, f"'{value}' is not a number{hint}; expected {column.help or 'a decimal number'}"
        if (
            number != number
            or (column.minimum is not None and number < column.minimum)
            or (column.maximum is not None and number > column.maximum)
        ):
            return (
                None,
                f"{value} is out of range; expected {column.help or f'{column.minimum:g} to {column.maximum:g}'}",
            )
        return number, None
    if kind == "enum":
        lowered = {a.lower(): a for a in column.allowed}
        if value.lower() in lowered:
            return lowered[value.lower()], None
        return (
            None,
            f"'{value}' is not an allowed value{suggest(value, column.allowed)}; expected one of: "
            + ", ".join(column.allowed),
        )
    if kind == "list":
        return [v.strip() for v in value.split(schema.LIST_SEPARATOR) if v.strip()], None
    if kind == "url":
        if not re.match(r"^https?://[^\s<>\"]+$", value):
            return None, f"'{value[:80]}' is not a web address; expected a URL starting with http:// or https://"
        return value, None
    if kind == "id":
        if any(ch in value for ch in ';,<>"') or len(value) > 80:
            return (
                None,
                f"'{value[:80]}' cannot be an identifier; use letters, digits, spaces, '-' or '_' (no ';' or ',')",
            )
        return value, None
    return value, None


def convert_table(frame: pd.DataFrame, table: Table, problems: list[Problem]) -> pd.DataFrame:
    """The cells of ``frame`` (``read_csv``) converted to the kinds of ``table``'s columns; a cell that cannot be
    converted is None (its problem appended), as is a second use of the table's key."""
    out = {}
    for column in table.columns:
        values = []
        for row, cell in frame[column.name].items():
            value, error = convert(cell, column)
            if error:
                problems.append(Problem(table.file, int(row), column.name, error))
            values.append(value)
        out[column.name] = values
    typed = pd.DataFrame(out, index=frame.index)
    for column in table.columns:
        if column.kind == "int":
            typed[column.name] = pd.array(typed[column.name], dtype="Int64")
        elif column.kind == "float":
            typed[column.name] = pd.array(typed[column.name], dtype="Float64")
    if table.key:
        for row, value in typed[table.key][typed[table.key].duplicated(keep="first")].items():
            if value is not None:
                first = typed.index[typed[table.key] == value][0]
                problems.append(
                    Problem(
                        table.file,
                        int(row),
                        table.key,
                        f"'{value}' is used twice (first in row {first}); each {table.key} must be unique",
                    )
                )
    return typed


def read_dataset_json(folder: Path, problems: list[Problem]) -> tuple[date | None, tuple]:
    """The data date and the facts of ``folder``'s dataset.json (None and () for what cannot be read)."""
    path = folder / schema.DATASET_FILE
    name = schema.DATASET_FILE
    if not path.is_file():
        problems.append(
            Problem(
                name, None, None, 'the file is missing; expected JSON such as {"data_date": "2026-11-25", "facts": []}'
            )
        )
        return None, ()
    try:
        meta = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        problems.append(Problem(name, None, None, "is not UTF-8 text"))
        return None, ()
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(name, exc.lineno, None, f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        )
        return None, ()
    if not isinstance(meta, dict):
        problems.append(Problem(name, None, None, "expected a JSON object with a 'data_date' key"))
        return None, ()
    try:
        data_date = date.fromisoformat(str(meta.get("data_date", "")))
    except ValueError:
        problems.append(
            Problem(name, None, "data_date", f"'{meta.get('data_date', '')}' is not a date; expected YYYY-MM-DD")
        )
        data_date = None
    facts = meta.get("facts", [])
    if not isinstance(facts, list) or not all(isinstance(f, dict) and "value" in f and "label_en" in f for f in facts):
        problems.append(
            Problem(name, None, "facts", "expected a list of objects with 'value', 'label_en' and 'source_url'")
        )
        facts = []
    return data_date, tuple(facts)
