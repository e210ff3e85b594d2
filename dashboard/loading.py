"""Read and validate the data tables and the country geometry, once, at start-up.

Every problem found is reported with the file, the spreadsheet row (the header is row 1) and the
column, what was found and what would be right. All problems are collected before reporting, so a data
owner can fix a file in one pass. Nothing here raises anything but :class:`DataError` for bad data.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import country_converter as coco
import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Geod

from . import schema
from .schema import Column, Table

#: A site may lie this far outside the country its row states (coasts, offshore detectors, the coarse
#: 1:50m coastline). KM3NeT/ARCA sits about 80 km off Sicily.
COAST_TOLERANCE_KM = 150.0
#: A larger table is refused before it is read: the department's tables are a few hundred rows.
MAX_TABLE_BYTES = 50 * 1024 * 1024
#: A longer cell is refused: no name, note or URL of these tables needs more (a runaway paste does).
MAX_CELL_CHARS = 10_000
#: In a managed data folder (see :mod:`dashboard.datastore.versions`), this link names the version served now.
CURRENT_LINK = "current"
#: Countries smaller than this get a clickable marker on the map as well as their polygon.
SMALL_COUNTRY_KM2 = 50_000

_GEOD = Geod(ellps="WGS84")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_INT = re.compile(r"^[+-]?\d+(\.0+)?$")


# -- Problems -----------------------------------------------------------------------------------------


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


def _suggest(value: str, choices) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# -- Countries ----------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def country_converter() -> coco.CountryConverter:
    """country_converter's table, read so that Namibia's ISO2 code "NA" stays a string.

    country_converter 1.3.2 builds its table with pandas' default NA handling, which reads "NA" as missing
    and then fails (TypeError) under pandas 3; reading its own file with ``keep_default_na=False`` works.
    ``tests/unit/test_countries.py`` notices when an upgrade fixes or changes this.
    """
    path = Path(coco.__file__).with_name("country_data.tsv")
    table = pd.read_csv(path, sep="\t", keep_default_na=False, na_values=[""], encoding="utf-8")
    return coco.CountryConverter(country_data=table)


def _label_point(ct) -> tuple[float | None, float | None]:
    """(lon, lat) of a country's 'ct' property (numpy array, list or tuple), or (None, None) if unusable."""
    if isinstance(ct, (str, bytes)) or not hasattr(ct, "__len__") or len(ct) < 2:
        return None, None
    try:
        lon, lat = float(ct[0]), float(ct[1])
    except (TypeError, ValueError):
        return None, None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None, None
    return lon, lat


@functools.lru_cache(maxsize=4)
def _read_geometry(path: str, mtime: float) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path, layer="countries")
    frame = frame.rename(columns={"id": "iso3"}).dropna(subset=["iso3"])
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    frame["geometry"] = shapely.make_valid(frame.geometry.values)
    # The TopoJSON carries plotly's label point ('ct', lon/lat) for each country; pyogrio reads it as a numpy
    # array (a list when read otherwise). A missing or unusable one is None: build_countries falls back.
    points = [_label_point(ct) for ct in frame["ct"]]
    frame["label_lon"] = [p[0] for p in points]
    frame["label_lat"] = [p[1] for p in points]
    frame = frame.drop(columns=["ct"]).set_index("iso3")
    if not frame.index.is_unique:
        raise ValueError("a country id appears twice in the geometry")
    return frame


def load_geometry(path: Path) -> gpd.GeoDataFrame:
    """Country polygons indexed by ISO 3166 alpha-3 code, from a plotly-format world TopoJSON.

    Raises DataError when the file is missing or unreadable.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "the country geometry file does not exist; run scripts/update_geometry.sh or set IN2P3_GEOMETRY",
                )
            ]
        )
    try:
        return _read_geometry(str(path), path.stat().st_mtime)
    except Exception as exc:  # pyogrio raises several types for a damaged file
        raise DataError(
            [Problem(str(path), None, None, f"cannot be read as TopoJSON with a 'countries' layer ({exc})")]
        ) from None


def build_countries(geometry: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per country of the geometry: name and continent (country_converter), label point, area."""
    converter = country_converter()
    table = converter.data.set_index("ISO3")
    iso3 = list(geometry.index)
    names = [table.at[c, "name_short"] if c in table.index else c for c in iso3]
    continents = [table.at[c, "Continent_7"] if c in table.index else "" for c in iso3]
    area = geometry.geometry.to_crs("EPSG:6933").area / 1e6  # equal-area projection, km²
    rep = geometry.geometry.representative_point()
    frame = pd.DataFrame(
        {
            "name": names,
            "continent": continents,
            "lon": geometry["label_lon"].fillna(pd.Series(rep.x, index=geometry.index)),
            "lat": geometry["label_lat"].fillna(pd.Series(rep.y, index=geometry.index)),
            "area_km2": area.round(0),
        },
        index=pd.Index(iso3, name="iso3"),
    )
    frame["small"] = frame["area_km2"] < SMALL_COUNTRY_KM2
    return frame.sort_index()


# -- Reading one table --------------------------------------------------------------------------------


def _read_csv(path: Path, table: Table, problems: list[Problem]) -> pd.DataFrame | None:
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
        from io import StringIO

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
        problems.append(Problem(name, 1, col, "required column is missing from the header" + _suggest(col, spare)))
    if missing or duplicated:
        return None
    return frame[list(table.column_names)]


def _convert(value: str, column: Column) -> tuple[object, str | None]:
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
            f"'{value}' is not an allowed value{_suggest(value, column.allowed)}; expected one of: "
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


def _typed(frame: pd.DataFrame, table: Table, problems: list[Problem]) -> pd.DataFrame:
    out = {}
    for column in table.columns:
        values = []
        for row, cell in frame[column.name].items():
            value, error = _convert(cell, column)
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


# -- The data set -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """The validated tables, in the shapes the aggregation works on. Frames are not modified after loading.

    collaborations: one row per collaboration (instruments.csv and infrastructures.csv), indexed by id.
    country_links: one row per (collaboration, country): the map's "participations".
    lab_links: one row per (collaboration, IN2P3 lab).
    partner_links: one row per (collaboration, partner), with the partner's country and continent.
    countries: every country of the map geometry, with name, continent, label point and area.
    """

    collaborations: pd.DataFrame
    country_links: pd.DataFrame
    lab_links: pd.DataFrame
    partners: pd.DataFrame
    partner_links: pd.DataFrame
    labs: pd.DataFrame
    countries: pd.DataFrame
    data_date: date
    facts: tuple
    folder: Path
    stories: tuple = ()

    # Computed once per data set (every callback reads the bounds; at 10^6 collaborations a pass took 30 ms).
    @functools.cached_property
    def first_year(self) -> int:
        years = self.collaborations["start_year"].dropna()
        return int(years.min()) if len(years) else self.data_date.year

    @functools.cached_property
    def year_bounds(self) -> tuple[int, int]:
        return self.first_year, self.data_date.year

    @functools.cached_property
    def index(self):
        """The columns the counting reads, as arrays of codes (``aggregate.Index``): built on first use."""
        from .aggregate import Index

        return Index(self)


def _read_dataset_json(folder: Path, problems: list[Problem]) -> tuple[date | None, tuple]:
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


def _check_countries(frame: pd.DataFrame, table: Table, column: str, known: pd.Index, problems: list[Problem]) -> None:
    converter = country_converter()
    for row, value in frame[column].items():
        codes = value if isinstance(value, list) else ([value] if value else [])
        for code in codes:
            if _ISO3.match(code) and code in known:
                continue
            guess = converter.convert(code, to="ISO3", not_found=None)
            hint = f" (did you mean {guess}?)" if isinstance(guess, str) and guess in known else ""
            problems.append(
                Problem(
                    table.file,
                    int(row),
                    column,
                    f"'{code}' is not the ISO 3166 alpha-3 code of a country on the map{hint}; "
                    "expected three capital letters such as JPN",
                )
            )


def _check_site(
    row: int, rec: pd.Series, geometry: gpd.GeoDataFrame, countries: pd.DataFrame, problems: list[Problem]
) -> None:
    lat, lon, codes = rec["lat"], rec["lon"], [c for c in rec["countries"] if c in geometry.index]
    has_lat, has_lon = not pd.isna(lat), not pd.isna(lon)
    if has_lat != has_lon:
        problems.append(
            Problem(
                "infrastructures.csv",
                row,
                "lon" if has_lat else "lat",
                "is empty while the other coordinate is given; give both or neither",
            )
        )
        return
    if not has_lat:
        return
    if not rec["countries"]:
        problems.append(
            Problem(
                "infrastructures.csv",
                row,
                "countries",
                "is empty but the site has coordinates; give the site's country",
            )
        )
        return
    if not codes:
        return  # the country codes themselves are reported
    shape = shapely.union_all(geometry.loc[codes].geometry.values)
    point = shapely.Point(float(lon), float(lat))
    if shape.covers(point):
        return
    near, _ = shapely.ops.nearest_points(shape, point)
    _, _, meters = _GEOD.inv(float(lon), float(lat), near.x, near.y)
    km = meters / 1000
    if km <= COAST_TOLERANCE_KM:
        return
    names = " / ".join(countries.at[c, "name"] for c in codes)
    swapped = shapely.Point(float(lat), float(lon)) if -90 <= float(lon) <= 90 else None
    hint = " — latitude and longitude look swapped" if swapped is not None and shape.covers(swapped) else ""
    problems.append(
        Problem(
            "infrastructures.csv",
            row,
            "lat",
            f"the site ({float(lat):.4f}, {float(lon):.4f}) lies {km:.0f} km outside {names}{hint}; "
            f"check lat/lon (decimal degrees, north and east positive) or the countries column",
        )
    )


def tables_folder(folder: Path | str) -> Path:
    """Where the tables of a data folder are: its ``current`` version when it is managed, else the folder itself."""
    folder = Path(folder)
    current = folder / CURRENT_LINK
    # A dangling link is followed too: its missing target is reported, never the folder's own files served.
    return current.resolve() if current.is_symlink() or current.is_dir() else folder


def validate_folder(folder: Path | str, geometry_file: Path | str | None = None) -> Dataset:
    """Read every table of ``folder`` (its current version if it is managed), check it, return the :class:`Dataset`.

    Raises DataError listing every problem found (file, row, column, expected value).
    """
    from .config import Settings
    from .places import check_cities  # places imports this module

    folder = tables_folder(folder)
    geometry_file = Path(geometry_file) if geometry_file else Settings().geometry_file
    if not folder.is_dir():
        raise DataError([Problem(str(folder), None, None, "the data folder does not exist")], folder)
    geometry = load_geometry(geometry_file)
    countries = build_countries(geometry)
    problems: list[Problem] = []
    data_date, facts = _read_dataset_json(folder, problems)

    frames: dict[str, pd.DataFrame] = {}
    for table in schema.TABLES:
        raw = _read_csv(folder / table.file, table, problems)
        if raw is not None:
            frames[table.file] = _typed(raw, table, problems)
    if len(frames) < len(schema.TABLES):
        raise DataError(problems, folder)

    instruments = frames[schema.INSTRUMENTS.file]
    infrastructures = frames[schema.INFRASTRUCTURES.file]
    partners = frames[schema.PARTNERS.file]
    participation = frames[schema.PARTICIPATION.file]
    labs = frames[schema.LABS.file]

    # Ids are shared by the two collaboration tables (participation.csv refers to both).
    seen = {v: r for r, v in instruments["id"].items() if v}
    for row, value in infrastructures["id"].items():
        if value in seen:
            problems.append(
                Problem(
                    "infrastructures.csv",
                    int(row),
                    "id",
                    f"'{value}' is already an id in instruments.csv (row {seen[value]}); "
                    "ids must be unique across both files",
                )
            )

    for frame, table in ((instruments, schema.INSTRUMENTS), (infrastructures, schema.INFRASTRUCTURES)):
        _check_countries(frame, table, "countries", countries.index, problems)
        lab_codes = set(labs["code"].dropna())
        for row, value in frame["in2p3_labs"].items():
            for code in value:
                if code not in lab_codes:
                    problems.append(
                        Problem(
                            table.file,
                            int(row),
                            "in2p3_labs",
                            f"'{code}' is not a lab code of labs.csv{_suggest(code, lab_codes)}",
                        )
                    )
        for row, rec in frame.iterrows():
            start, end = rec["start_year"], rec["end_year"]
            if not pd.isna(start) and not pd.isna(end) and end < start:
                problems.append(Problem(table.file, int(row), "end_year", f"{end} is before start_year {start}"))
            if data_date and not pd.isna(start) and start > data_date.year + 15:
                problems.append(
                    Problem(
                        table.file,
                        int(row),
                        "start_year",
                        f"{start} is more than 15 years after the data date {data_date}",
                    )
                )
    _check_countries(partners, schema.PARTNERS, "country_iso3", countries.index, problems)
    for row, rec in partners.iterrows():
        if not rec["country_iso3"] and rec["kind"] and rec["kind"] != "international organisation":
            problems.append(
                Problem(
                    "partners.csv",
                    int(row),
                    "country_iso3",
                    "is empty; only an international organisation may have no country",
                )
            )
    _check_countries(labs, schema.LABS, "country_iso3", countries.index, problems)

    collab_ids = set(instruments["id"].dropna()) | set(infrastructures["id"].dropna())
    partner_ids = set(partners["id"].dropna())
    pairs: dict[tuple, int] = {}
    for row, rec in participation.iterrows():
        cid, pid = rec["collaboration_id"], rec["partner_id"]
        if cid and cid not in collab_ids:
            problems.append(
                Problem(
                    "participation.csv",
                    int(row),
                    "collaboration_id",
                    f"'{cid}' is not an id of instruments.csv or infrastructures.csv{_suggest(cid, collab_ids)}",
                )
            )
        if pid and pid not in partner_ids:
            problems.append(
                Problem(
                    "participation.csv",
                    int(row),
                    "partner_id",
                    f"'{pid}' is not an id of partners.csv{_suggest(pid, partner_ids)}",
                )
            )
        if (cid, pid) in pairs:
            problems.append(
                Problem(
                    "participation.csv",
                    int(row),
                    "partner_id",
                    f"the link {cid} – {pid} is already in row {pairs[(cid, pid)]}",
                )
            )
        pairs.setdefault((cid, pid), int(row))

    for row, rec in infrastructures.iterrows():
        if rec["countries"] is not None:
            _check_site(int(row), rec, geometry, countries, problems)
    problems += [p for t in (schema.PARTNERS, schema.LABS) for p in check_cities(frames[t.file], t, geometry)]

    if problems:
        raise DataError(problems, folder)
    ds = _assemble(instruments, infrastructures, partners, participation, labs, countries, data_date, facts, folder)
    stories = _read_stories(folder, ds, problems)
    if problems:
        raise DataError(problems, folder)
    return replace(ds, stories=stories)


@dataclass(frozen=True)
class Story:
    """One prepared view of presentation mode."""

    step: int
    title_en: str
    title_fr: str
    query: str

    def title(self, lang: str) -> str:
        return self.title_fr if lang == "fr" else self.title_en


def _read_stories(folder: Path, ds: Dataset, problems: list[Problem]) -> tuple:
    """The story of stories.csv (optional), each step's query checked like a page link."""
    from .state import Vocabulary, parse_query

    if not (folder / schema.STORIES.file).is_file():
        return ()
    raw = _read_csv(folder / schema.STORIES.file, schema.STORIES, problems)
    if raw is None:
        return ()
    table = _typed(raw, schema.STORIES, problems)
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


def _assemble(
    instruments, infrastructures, partners, participation, labs, countries, data_date, facts, folder
) -> Dataset:
    inst = instruments.assign(kind="", host_institution="", site="", lat=pd.NA, lon=pd.NA, status_note="")
    infra = infrastructures.assign(type=schema.INFRASTRUCTURE_TYPE, acronym="", count=1)
    collaborations = pd.concat([inst, infra], ignore_index=True)
    for col in ("acronym", "theme", "notes", "kind", "host_institution", "site", "status_note"):
        collaborations[col] = collaborations[col].fillna("").astype(str)
    collaborations["count"] = collaborations["count"].astype("int64")
    collaborations["lat"] = pd.to_numeric(collaborations["lat"], errors="coerce").astype("float64")
    collaborations["lon"] = pd.to_numeric(collaborations["lon"], errors="coerce").astype("float64")
    collaborations["countries"] = collaborations["countries"].map(tuple)
    collaborations["in2p3_labs"] = collaborations["in2p3_labs"].map(tuple)
    collaborations["type"] = pd.Categorical(collaborations["type"], categories=list(schema.INSTRUMENT_TYPES))
    collaborations = collaborations.set_index("id", drop=False)
    collaborations.index.name = None
    # Precomputed for the aggregation: each collaboration's position ("row"), which its link rows carry too, so
    # that "the links of these collaborations" is an array lookup (aggregate.rows_of) rather than a search
    # among strings; and whether it has a country on the map ("located").
    collaborations["row"] = range(len(collaborations))
    collaborations["order"] = collaborations.sort_values(["type", "id"])["row"].argsort().to_numpy()  # table order

    country_links = (
        collaborations[["id", "row", "type", "countries", "count"]].explode("countries").dropna(subset=["countries"])
    )
    country_links = country_links.rename(columns={"id": "collaboration_id", "countries": "iso3"})
    country_links["continent"] = country_links["iso3"].map(countries["continent"])
    country_links = country_links.drop_duplicates(["collaboration_id", "iso3"]).reset_index(drop=True)
    # Categorical codes (categories in sorted order, as strings sort) make the per-view group-bys cheap.
    country_links["iso3"] = pd.Categorical(country_links["iso3"], categories=sorted(countries.index))
    country_links["continent"] = pd.Categorical(
        country_links["continent"], categories=sorted(set(countries["continent"]) | {""})
    )

    collaborations["located"] = collaborations["row"].isin(country_links["row"])

    lab_links = collaborations[["id", "row", "in2p3_labs"]].explode("in2p3_labs").dropna(subset=["in2p3_labs"])
    lab_links = lab_links.rename(columns={"id": "collaboration_id", "in2p3_labs": "lab"}).reset_index(drop=True)

    partners = partners.fillna({"acronym": "", "country_iso3": "", "notes": ""}).set_index("id", drop=False)
    partners.index.name = None
    partners["continent"] = partners["country_iso3"].map(countries["continent"]).fillna("")
    partner_links = participation.merge(
        partners[["id", "name", "country_iso3", "continent"]], left_on="partner_id", right_on="id"
    )
    partner_links = partner_links.drop(columns=["id"]).reset_index(drop=True)
    partner_links["role"] = partner_links["role"].fillna("")
    partner_links["row"] = partner_links["collaboration_id"].map(collaborations["row"]).astype("int64")
    partner_links["type"] = collaborations["type"].to_numpy()[partner_links["row"].to_numpy()]
    for column in ("partner_id", "country_iso3", "continent"):
        partner_links[column] = pd.Categorical(partner_links[column], categories=sorted(set(partner_links[column])))

    labs = labs.fillna("").set_index("code", drop=False)
    labs.index.name = None
    return Dataset(
        collaborations=collaborations,
        country_links=country_links,
        lab_links=lab_links,
        partners=partners,
        partner_links=partner_links,
        labs=labs,
        countries=countries,
        data_date=data_date,
        facts=facts,
        folder=Path(folder),
    )
