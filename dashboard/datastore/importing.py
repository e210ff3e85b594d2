"""Import new tables (CSV files, an Excel workbook, dataset.json) into a data folder, or restore a version.

An import is all or nothing: the tables given replace those of the current version, the others are carried
over, and the whole new set is validated by :func:`dashboard.loading.validate_folder` before anything
changes. A refused import raises :class:`ImportRefused`, whose problems name the file (or the workbook and
sheet), the spreadsheet row and the column, exactly as ``python -m dashboard validate`` does. An accepted one
becomes a new version (:mod:`dashboard.datastore.versions`); the version it replaces is kept and can be restored.

What is accepted:

* ``<table>.csv`` (``instruments.csv``, ``partners.csv``, ...): UTF-8 CSV, as documented in data/README.md;
* ``*.xlsx``: one sheet per table, named after it (``instruments``, ``partners``, ...), the header in row 1.
  Other sheets are ignored (and named in the summary). Cells are read as values, never evaluated: a
  **formula cell is refused** with its row and column, because the app would show something else than the
  spreadsheet does (the formula's text, or a result computed by whatever program saved the file last).
  Paste values instead. Numbers, dates and booleans become text as the spreadsheet shows them.
* ``dataset.json``: the title, date of the data and institute-wide figures.

Anything else (``.xls``, ``.ods``, ``.xlsm``, a workbook renamed ``.csv``, ...) is refused with a message
saying what to do. Sizes are bounded by :class:`Limits`.

The command line and the import page call :func:`run_import` and :func:`run_restore`, which say how it went in
an :class:`Outcome` (done, refused with its problems, or not done and why) that they only present.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import logging
import shutil
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

# openpyxl parses a workbook's XML through defusedxml, which is installed (requirements.txt): entity-expansion
# attacks are refused.
import openpyxl
from openpyxl.utils import get_column_letter

from .. import schema
from ..loading import DataError, Dataset, Problem, suggest, tables_folder, validate_folder
from . import versions

log = logging.getLogger(__name__)

UPLOAD = "upload"
XLSX_MAGIC = b"PK\x03\x04"
#: Sheet name -> table file, e.g. "instruments" -> "instruments.csv".
SHEETS = {t.file.rsplit(".", 1)[0]: t.file for t in (*schema.TABLES, schema.STORIES)}
REFUSED_TYPES = {
    ".xls": "an old-format Excel workbook; save it as Excel Workbook (.xlsx) or as CSV UTF-8",
    ".xlsm": "a macro-enabled workbook; save it as a plain Excel Workbook (.xlsx) (macros are never run here)",
    ".xlsb": "a binary Excel workbook; save it as Excel Workbook (.xlsx) or as CSV UTF-8",
    ".ods": "an OpenDocument spreadsheet; save it as Excel Workbook (.xlsx) or as CSV UTF-8",
    ".numbers": "a Numbers spreadsheet; export it as Excel (.xlsx) or CSV",
    ".txt": "a text file; save the table as CSV UTF-8 under its table name, e.g. partners.csv",
}


@dataclass(frozen=True)
class Limits:
    """What an import accepts at most."""

    max_file_bytes: int = 10 * 1024 * 1024
    max_files: int = 12
    #: uncompressed size of a workbook's parts (a small .xlsx can unzip to gigabytes)
    max_unzipped_bytes: int = 100 * 1024 * 1024
    max_rows: int = 50_000
    max_columns: int = 60


@dataclass(frozen=True)
class Upload:
    """A file given to the import: the name the person gave it (shown, never used as a path) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class TableFile:
    """One table taken from an upload: the table's file name, where it came from, its content (CSV or JSON)."""

    table: str
    origin: str
    data: bytes


class ImportRefused(DataError):
    """The files given cannot become the data; nothing was changed. ``problems`` lists everything wrong."""

    def report(self) -> str:
        n = len(self.problems)
        lines = [f"The import was refused: {n} problem{'s' if n != 1 else ''} found. The data served has not changed."]
        lines += [f"  - {p}" for p in self.problems]
        lines.append("Fix the file(s) named above (the header is row 1) and import them again.")
        return "\n".join(lines)


@dataclass(frozen=True)
class ImportResult:
    """What an accepted import did."""

    version: versions.Version
    replaced: tuple[tuple[str, str], ...]
    carried_over: tuple[str, ...]
    previous: str | None
    dataset: Dataset
    notes: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        c = self.dataset.collaborations
        kept = f" (it replaces version {self.previous}, which is kept)." if self.previous else "."
        if self.version.info.get("action") == "restore":
            lines = [
                f"Version {self.version.info.get('restored_from')} was restored as version {self.version.id}; "
                f"it is served now{kept}"
            ]
        else:
            lines = [f"Imported as version {self.version.id}; it is served now{kept}"]
            lines += [f"  - {table}: from {origin}" for table, origin in self.replaced]
        if self.carried_over:
            lines.append("  Kept from the previous data: " + ", ".join(self.carried_over) + ".")
        lines.append(
            f"  {len(c)} collaboration rows ({int(c['count'].sum())} instruments), {len(self.dataset.partners)} "
            f"partner institutions, {len(self.dataset.labs)} labs; data of {self.dataset.data_date}."
        )
        lines += [f"  Note: {n}" for n in self.notes]
        return "\n".join(lines)


# -- Reading what was given ---------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    """The last part of a file name as a browser or a shell gives it, printable, for messages only."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:120] or "(unnamed file)"


def read_uploads(uploads: list[Upload], limits: Limits = Limits()) -> tuple[list[TableFile], list[Problem], list[str]]:
    """Sort the given files into tables; returns (tables, problems, notes). Never raises for bad input."""
    tables: list[TableFile] = []
    problems: list[Problem] = []
    notes: list[str] = []
    if not uploads:
        problems.append(
            Problem(UPLOAD, None, None, "no file was given; choose CSV files, an .xlsx workbook or dataset.json")
        )
    if len(uploads) > limits.max_files:
        problems.append(
            Problem(UPLOAD, None, None, f"{len(uploads)} files were given; at most {limits.max_files} are accepted")
        )
        return tables, problems, notes
    for upload in uploads:
        name = _clean_name(upload.name)
        lowered = name.lower()
        suffix = "." + lowered.rsplit(".", 1)[-1] if "." in lowered else ""
        size = len(upload.data)
        if size > limits.max_file_bytes:
            problems.append(
                Problem(
                    name,
                    None,
                    None,
                    f"the file is {size / 1e6:.1f} MB; at most "
                    f"{limits.max_file_bytes / 1e6:.0f} MB is accepted for one file",
                )
            )
            continue
        if size == 0:
            problems.append(Problem(name, None, None, "the file is empty"))
            continue
        if suffix == ".xlsx":
            found, trouble, remarks = read_workbook(name, upload.data, limits)
            tables += found
            problems += trouble
            notes += remarks
        elif suffix == ".csv":
            table = _table_for(name, problems)
            if table is None:
                continue
            if upload.data.startswith(XLSX_MAGIC):
                problems.append(
                    Problem(
                        name,
                        None,
                        None,
                        "is an Excel workbook (or another zipped file) with a .csv name; "
                        "save it as CSV UTF-8, or import the workbook under its .xlsx name",
                    )
                )
                continue
            tables.append(TableFile(table, name, upload.data))
        elif suffix == ".json":
            if lowered != schema.DATASET_FILE:
                problems.append(Problem(name, None, None, f"the only JSON file of the data is {schema.DATASET_FILE}"))
                continue
            tables.append(TableFile(schema.DATASET_FILE, name, upload.data))
        else:
            why = REFUSED_TYPES.get(suffix, "not a file type the import reads")
            problems.append(
                Problem(
                    name,
                    None,
                    None,
                    f"is {why}. Accepted: <table>.csv (CSV UTF-8), .xlsx workbooks "
                    f"(one sheet per table), {schema.DATASET_FILE}",
                )
            )
    seen: dict[str, str] = {}
    for table in tables:
        if table.table in seen:
            problems.append(
                Problem(
                    table.origin,
                    None,
                    None,
                    f"gives {table.table} a second time (also in {seen[table.table]}); give each table once",
                )
            )
        seen.setdefault(table.table, table.origin)
    return tables, problems, notes


def _table_for(name: str, problems: list[Problem]) -> str | None:
    """The table a CSV file name stands for (``Partners.CSV`` -> ``partners.csv``), or None with a problem."""
    stem = name.rsplit(".", 1)[0].strip().lower()
    if stem in SHEETS:
        return SHEETS[stem]
    problems.append(
        Problem(
            name,
            None,
            None,
            f"is not the name of a table{suggest(stem, SHEETS)}; name a CSV file after "
            "its table: " + ", ".join(SHEETS.values()),
        )
    )
    return None


def read_workbook(
    name: str, data: bytes, limits: Limits = Limits()
) -> tuple[list[TableFile], list[Problem], list[str]]:
    """The tables of an .xlsx workbook, one per sheet named after a table, as CSV text.

    Row numbers are kept (row 1 is the header), so the validation's rows are the workbook's rows. Formula
    and error cells are refused, never evaluated.
    """
    problems: list[Problem] = []
    if not data.startswith(XLSX_MAGIC):
        return (
            [],
            [
                Problem(
                    name,
                    None,
                    None,
                    "is not an .xlsx workbook (a password-protected workbook, or another file "
                    "renamed .xlsx?); save it from the spreadsheet as Excel Workbook (.xlsx) without a password",
                )
            ],
            [],
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return [], [Problem(name, None, None, "is damaged: it cannot be opened as an .xlsx workbook")], []
    if unzipped > limits.max_unzipped_bytes:
        return (
            [],
            [
                Problem(
                    name,
                    None,
                    None,
                    f"unpacks to {unzipped / 1e6:.0f} MB; at most {limits.max_unzipped_bytes / 1e6:.0f} MB is accepted",
                )
            ],
            [],
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types (KeyError, InvalidFileException, XML errors) for a bad file
        log.info("workbook %s cannot be read: %r", name, exc)
        return (
            [],
            [
                Problem(
                    name,
                    None,
                    None,
                    "cannot be read as an .xlsx workbook (damaged, or not saved by a "
                    "spreadsheet program); open it and save it again as Excel Workbook (.xlsx)",
                )
            ],
            [],
        )
    tables: list[TableFile] = []
    notes: list[str] = []
    try:
        for sheet in book.worksheets:
            title = str(sheet.title)
            key = title.strip().lower()
            if key not in SHEETS:
                hint = suggest(key, SHEETS)
                if hint:
                    problems.append(
                        Problem(
                            f"{name} (sheet {title})",
                            None,
                            None,
                            f"is not the name of a table{hint}; name each sheet after its table: " + ", ".join(SHEETS),
                        )
                    )
                else:
                    notes.append(f"sheet '{title}' of {name} is not a table and was not imported")
                continue
            origin = f"{name} (sheet {title})"
            text = _sheet_csv(sheet, origin, limits, problems)
            if text is not None:
                tables.append(TableFile(SHEETS[key], origin, text.encode("utf-8")))
    except Exception as exc:  # a damaged sheet part surfaces while reading
        log.info("workbook %s cannot be read: %r", name, exc)
        problems.append(
            Problem(name, None, None, "is damaged: one of its sheets cannot be read; save it again as .xlsx")
        )
    finally:
        book.close()
    if not tables and not problems:
        problems.append(
            Problem(name, None, None, "has no sheet named after a table; expected sheets named " + ", ".join(SHEETS))
        )
    return tables, problems, notes


def _sheet_csv(sheet, origin: str, limits: Limits, problems: list[Problem]) -> str | None:
    sheet.reset_dimensions()  # the stored dimension can be wrong; read what is there
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    width = 0
    pending_blank = 0
    count = 0
    header: list[str] = []
    for number, row in enumerate(sheet.iter_rows(min_row=1), start=1):
        if number > limits.max_rows + 1:
            problems.append(
                Problem(
                    origin,
                    number,
                    None,
                    f"the sheet has more than {limits.max_rows} rows; at most {limits.max_rows} are accepted",
                )
            )
            return None
        values = []
        for position, cell in enumerate(row, start=1):
            text, error = cell_text(cell)
            if error:
                column = (
                    header[position - 1]
                    if position <= len(header) and header[position - 1]
                    else get_column_letter(position)
                )
                problems.append(Problem(origin, number, column, error))
                text = ""
            values.append(text)
        while values and values[-1] == "":
            values.pop()
        if number == 1:
            if not values:
                problems.append(
                    Problem(origin, 1, None, "row 1 is empty; the header row (the column names) must be the first row")
                )
                return None
            if len(values) > limits.max_columns:
                problems.append(
                    Problem(
                        origin,
                        1,
                        None,
                        f"the header has {len(values)} columns; at most {limits.max_columns} are accepted",
                    )
                )
                return None
            header = [v.strip() for v in values]
            width = len(header)
            writer.writerow(header)
            continue
        if len(values) > width:
            letter = get_column_letter(width + 1 + next(i for i, v in enumerate(values[width:]) if v))
            problems.append(
                Problem(origin, number, letter, "holds a value in a column that has no name in the header row")
            )
            values = values[:width]
        if not values:
            pending_blank += 1  # written only if a filled row follows: trailing empty rows are dropped
            continue
        for _ in range(pending_blank):
            writer.writerow([""] * width)
        pending_blank = 0
        writer.writerow(values + [""] * (width - len(values)))
        count += 1
    if not header:
        problems.append(Problem(origin, None, None, "the sheet is empty; expected a header row and one row per record"))
        return None
    return out.getvalue()


def cell_text(cell) -> tuple[str, str | None]:
    """The text of a workbook cell as the spreadsheet shows it, or ("", message) for a formula or an error."""
    value = cell.value
    if value is None:
        return "", None
    if cell.data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        formula = getattr(value, "text", None) or str(value)
        formula = formula if formula.startswith("=") else "=" + formula
        return "", (
            f"holds the formula {formula[:60]}: formulas are never evaluated on import; replace it by its value "
            "(copy the cells, then Paste Special > Values only)"
        )
    if cell.data_type == "e":
        return "", f"shows the error {value}; put the right value in the cell"
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)), None
    if isinstance(value, datetime):
        return (value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")), None
    if isinstance(value, (date, time, timedelta)):
        return str(value), None
    return str(value), None


def uploads_from_paths(paths: list[Path | str]) -> list[Upload]:
    """Files named on the command line: each file, or the tables and dataset.json of a folder."""
    uploads = []
    for path in map(Path, paths):
        if path.is_dir():
            folder = tables_folder(path)
            uploads += [
                Upload(name, (folder / name).read_bytes())
                for name in versions.table_files()
                if (folder / name).is_file()
            ]
        elif path.is_file():
            uploads.append(Upload(path.name, path.read_bytes()))
        else:
            uploads.append(Upload(path.name, b""))  # reported as empty/missing by read_uploads
    return uploads


# -- Importing ----------------------------------------------------------------------------------------


def _with_date(data: bytes, data_date: str, problems: list[Problem]) -> bytes:
    try:
        date.fromisoformat(data_date)
    except ValueError:
        problems.append(
            Problem("date of the data", None, None, f"'{data_date[:40]}' is not a date; expected YYYY-MM-DD")
        )
        return data
    try:
        meta = json.loads(data.decode("utf-8-sig")) if data else {}
    except (UnicodeDecodeError, ValueError):
        return data  # the validation reports the broken dataset.json
    if not isinstance(meta, dict):
        return data
    meta["data_date"] = data_date
    return (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _locate(problem: Problem, origins: dict[str, str], carried: set[str]) -> Problem:
    """Name a problem by the file (or sheet) the person gave, or say that the table was not in this import."""
    if problem.file in origins:
        return Problem(origins[problem.file], problem.row, problem.column, problem.message)
    if problem.file in carried:
        return Problem(
            f"{problem.file} (current data, not in this import)", problem.row, problem.column, problem.message
        )
    return problem


def import_tables(
    folder: Path | str,
    uploads: list[Upload],
    *,
    user: str = "",
    data_date: str | None = None,
    geometry_file: Path | None = None,
    limits: Limits = Limits(),
    keep: int = versions.DEFAULT_KEEP,
    info: dict | None = None,
) -> ImportResult:
    """Validate ``uploads`` with the current tables they do not replace; if valid, serve them as a new version.

    Raises ImportRefused (nothing changed) with every problem, or VersionError when the folder cannot be
    changed (another import running, disk full, not writable).
    """
    folder = Path(folder)
    tables, problems, notes = read_uploads(uploads, limits)
    if not tables or any(p.file == UPLOAD for p in problems):
        raise ImportRefused(problems, folder)
    # Otherwise the readable tables are validated too, so that one report lists every problem.
    user = _clean_name(user) if user else "command line"
    try:
        with versions.import_lock(folder):
            versions.clean_leftovers(folder)
            source = tables_folder(folder)
            given = {t.table: t for t in tables}
            carried = tuple(n for n in versions.table_files() if n not in given and (source / n).is_file())
            staged = versions.staging_folder(folder)
            try:
                contents = {n: (source / n).read_bytes() for n in carried}
                contents.update({n: t.data for n, t in given.items()})
                if data_date:
                    contents[schema.DATASET_FILE] = _with_date(
                        contents.get(schema.DATASET_FILE, b""), data_date.strip(), problems
                    )
                for name, data in contents.items():
                    versions.write_file(staged / name, data)
                origins = {n: t.origin for n, t in given.items()}
                try:
                    dataset = validate_folder(staged, geometry_file)
                except DataError as error:
                    problems += [_locate(p, origins, set(carried)) for p in error.problems]
                if problems:
                    raise ImportRefused(problems, folder)
                previous = versions.current_version(folder) or versions.keep_initial(folder, user)
                previous_id = previous.id if previous else None
                record = {
                    "action": "import",
                    "user": user,
                    "replaced": previous_id,
                    "sources": [{"table": n, "from": t.origin} for n, t in sorted(given.items())],
                    "carried_over": list(carried),
                    **(info or {}),
                }
                version = versions.commit(folder, staged, record)
            finally:
                if staged.exists():
                    shutil.rmtree(staged, ignore_errors=True)
            removed = versions.prune(folder, keep)
    except OSError as exc:
        log.exception("import into %s failed", folder)
        raise versions.VersionError(_os_message(exc, folder)) from None
    if removed:
        notes.append(f"{len(removed)} old version(s) removed to keep the {keep} newest")
    dataset = _rebased(dataset, version.path)
    log.info("import by %s: version %s is served now (replaced %s)", user, version.id, previous_id)
    return ImportResult(
        version, tuple((n, t.origin) for n, t in sorted(given.items())), carried, previous_id, dataset, tuple(notes)
    )


def _rebased(dataset: Dataset, folder: Path) -> Dataset:
    return replace(dataset, folder=folder)


def _os_message(exc: OSError, folder: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk of {folder} is full; the import was not done and the data served has not changed"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the app may not write in {folder}; the import was not done and the data served has not changed"
    return f"the import could not be written ({exc.strerror or exc}); the data served has not changed"


def restore_version(
    folder: Path | str,
    version_id: str,
    *,
    user: str = "",
    geometry_file: Path | None = None,
    keep: int = versions.DEFAULT_KEEP,
) -> ImportResult:
    """Serve an earlier version again: its tables are imported (validated again) as a new version."""
    folder = Path(folder)
    version = versions.find_version(folder, version_id)
    if version.current:
        raise versions.VersionError(f"version {version.id} is the one served now; nothing to restore")
    uploads = [
        Upload(name, (version.path / name).read_bytes())
        for name in versions.table_files()
        if (version.path / name).is_file()
    ]
    return import_tables(
        folder,
        uploads,
        user=user,
        geometry_file=geometry_file,
        keep=keep,
        limits=Limits(max_file_bytes=1 << 62),
        info={"action": "restore", "restored_from": version.id},
    )


# -- What the command line and the import page call ---------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """How an import or a restore went, for the command line and the import page to present as it is.

    * done (``ok``): ``result`` is what was done and ``message`` its summary;
    * ``refused``: the files cannot become the data; ``problems`` lists everything wrong and ``message`` is the
      full report (file, row, column). Nothing was changed;
    * otherwise not done: the folder could not be changed (another import running, a full disk, no such
      version, ...); ``message`` says so in one sentence. Nothing was changed.
    """

    message: str
    result: ImportResult | None = None
    problems: tuple[Problem, ...] = ()
    refused: bool = False

    @property
    def ok(self) -> bool:
        return self.result is not None


def run_import(folder: Path | str, uploads: list[Upload], **options) -> Outcome:
    """:func:`import_tables` (same ``options``), its refusal or failure told in the :class:`Outcome`, not raised."""
    return _outcome("The import was not done", lambda: import_tables(folder, uploads, **options))


def run_restore(folder: Path | str, version_id: str, **options) -> Outcome:
    """:func:`restore_version` (same ``options``), its refusal or failure told in the :class:`Outcome`."""
    return _outcome("Nothing was restored", lambda: restore_version(folder, version_id, **options))


def _outcome(not_done: str, act) -> Outcome:
    try:
        result = act()
    except ImportRefused as refused:
        return Outcome(refused.report(), problems=tuple(refused.problems), refused=True)
    except versions.VersionError as error:
        return Outcome(f"{not_done}: {error}")
    return Outcome(result.summary(), result=result)
