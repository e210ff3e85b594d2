"""The view state (filters, selection, measure, comparison, language) and its URL form.

The URL query string is a public interface: links in slides and e-mails rely on it. Parameters:

=============  ===================================================  ==========================
parameter      values                                               example
=============  ===================================================  ==========================
instrument     instrument type codes, comma-separated               ``instrument=IRL,IRP``
continent      continent names                                      ``continent=Asia``
country        ISO 3166 alpha-3 codes of the selected countries     ``country=JPN,KOR``
theme          theme slugs                                          ``theme=nuclear-physics``
lab            IN2P3 lab codes                                      ``lab=IJCLab,LPNHE``
status         status slugs                                         ``status=active``
year           a year or a range: collaborations active then        ``year=2015-2025``
measure        what colours the map                                 ``measure=partners``
links          the links from IN2P3's labs to partners and sites    ``links=1``
since          a version id or a date: what changed since then      ``since=2026-11-25``
lang           interface language: ``en`` or ``fr``                  ``lang=fr``
present        presentation mode                                    ``present=1``
step           position in the story of presentation mode           ``step=3``
embed          the embedded view: map and key figures, no controls  ``embed=1``
=============  ===================================================  ==========================

The default view is the empty query string. Values are matched without regard to case; unknown
parameters and values are dropped and reported as notices, never as errors.
``to_query(parse_query(q))`` is canonical: values in vocabulary order, no duplicates, defaults omitted.

``since`` is read here for its form only (:func:`parse_since`): a version id as ``python -m dashboard history``
lists them (``2026-11-25T10-15-00Z``, UTC) or a date (``2026-11-25``: the version served on that day). This
module does not know the folder's versions; :mod:`dashboard.datastore.compare` resolves the value against them
and reports a well-formed value that names no version as a notice of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import parse_qsl, quote

from . import schema

#: URL parameter names, in the order they are written.
PARAMS = (
    "instrument",
    "continent",
    "country",
    "theme",
    "lab",
    "status",
    "year",
    "measure",
    "links",
    "since",
    "lang",
    "present",
    "step",
    "embed",
)
LANGUAGES = ("en", "fr")
MAX_STEP = 999
DEFAULT_LANG = "en"
#: A query string longer than this is not read (a pasted link is a few hundred characters).
MAX_QUERY_LENGTH = 4000


@dataclass(frozen=True)
class ViewState:
    """What the page shows. Empty tuples mean "no filter"; ``years`` None means every year."""

    instruments: tuple[str, ...] = ()
    continents: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    labs: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    measure: str = schema.DEFAULT_MEASURE
    lang: str = DEFAULT_LANG
    present: bool = False
    step: int | None = None
    #: Draw the links from IN2P3's labs to the partner institutions and sites they work with (``links=1``).
    links: bool = False
    #: Compare with this version of the data: a version id (``2026-11-25T10-15-00Z``) or a date (``2026-11-25``),
    #: in the canonical form :func:`parse_since` gives; None: no comparison.
    since: str | None = None
    #: The embedded view (an intranet or Indico page's frame): the map, the key figures and a caption, no controls.
    embed: bool = False

    def with_(self, **changes) -> ViewState:
        return replace(self, **changes)

    def toggle_country(self, iso3: str) -> ViewState:
        """Select ``iso3``, or deselect it if it is selected (the selection stays in alphabetical order)."""
        if iso3 in self.countries:
            return replace(self, countries=tuple(c for c in self.countries if c != iso3))
        return replace(self, countries=tuple(sorted(self.countries + (iso3,))))

    @property
    def is_filtered(self) -> bool:
        return bool(self.instruments or self.continents or self.themes or self.labs or self.statuses or self.years)


@dataclass(frozen=True)
class Vocabulary:
    """The values each parameter accepts, in canonical order."""

    instruments: tuple[str, ...] = tuple(schema.INSTRUMENT_TYPES)
    continents: tuple[str, ...] = schema.CONTINENTS
    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = tuple(schema.THEMES)
    labs: tuple[str, ...] = ()
    statuses: tuple[str, ...] = tuple(schema.STATUSES)
    year_bounds: tuple[int, int] = (schema.YEAR_MIN, schema.YEAR_MAX)
    measures: tuple[str, ...] = tuple(schema.MEASURES)
    languages: tuple[str, ...] = LANGUAGES
    _lookup: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dataset(cls, dataset) -> Vocabulary:
        return cls(
            countries=tuple(dataset.countries.index),
            labs=tuple(sorted(dataset.labs["code"], key=str.lower)),
            year_bounds=dataset.year_bounds,
        )

    def canonical(self, param: str) -> dict[str, str]:
        """Lower-cased spellings -> canonical value, for one list parameter."""
        if param not in self._lookup:
            values = getattr(self, _FIELD[param])
            table = {v.lower(): v for v in values}
            if param == "continent":  # accept north-america, north_america, north+america
                table.update({re.sub(r"\s", "-", v.lower()): v for v in values})
                table.update({re.sub(r"\s", "_", v.lower()): v for v in values})
            if param in ("theme", "status"):  # accept the table spelling too: "nuclear physics"
                table.update(
                    {
                        label.lower(): slug
                        for slug, label in (schema.THEMES if param == "theme" else schema.STATUSES).items()
                    }
                )
            self._lookup[param] = table
        return self._lookup[param]


_FIELD = {
    "instrument": "instruments",
    "continent": "continents",
    "country": "countries",
    "theme": "themes",
    "lab": "labs",
    "status": "statuses",
    "measure": "measures",
    "lang": "languages",
}
_LIST_PARAMS = ("instrument", "continent", "country", "theme", "lab", "status")
_YEAR = re.compile(r"^\s*(\d{4})\s*(?:[-–:]\s*(\d{4})\s*)?$")


def _order(values, vocabulary_values) -> tuple[str, ...]:
    rank = {v: i for i, v in enumerate(vocabulary_values)}
    return tuple(sorted(set(values), key=lambda v: rank.get(v, len(rank))))


def parse_years(text: str, bounds: tuple[int, int]) -> tuple[tuple[int, int] | None, str | None]:
    """``"2015-2025"`` or ``"2020"`` -> ((2015, 2025), None); returns (None, notice) when unusable.

    A range is clipped to ``bounds`` (the data has no collaboration outside them); the full range is None.
    """
    match = _YEAR.match(text)
    if not match:
        return None, f"year '{text}' was ignored: write a year such as 2020 or a range such as 2015-2025"
    first = int(match.group(1))
    last = int(match.group(2) or first)
    first, last = min(first, last), max(first, last)
    low, high = bounds
    if last < low or first > high:
        return None, f"year '{text}' was ignored: the data covers {low}–{high}"
    first, last = max(first, low), min(last, high)
    if (first, last) == (low, high):
        return None, None
    return (first, last), None


#: A version id as :mod:`dashboard.datastore.versions` makes them: the UTC time of the import, a counter when
#: several imports fall in the same second. ASCII digits only; ``:`` is accepted for ``-`` in the time, any case.
_SINCE_VERSION = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2})[-:]([0-9]{2})[-:]([0-9]{2})Z(-[0-9]{1,6})?$", re.IGNORECASE
)
_SINCE_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
#: Written in the notice of a value that is neither.
SINCE_EXAMPLES = "a date such as 2026-11-25 or a version id such as 2026-11-25T10-15-00Z"


def parse_since(text: str) -> tuple[str | None, str | None]:
    """The ``since`` value in canonical form, or (None, notice) when it is neither a version id nor a date.

    ``"2026-11-25"`` -> ``("2026-11-25", None)``: a date (a real calendar day);
    ``"2026-11-25t10:15:00z"`` -> ``("2026-11-25T10-15-00Z", None)``: a version id, as ``history`` writes it;
    ``""`` -> ``(None, None)``. Only the form is checked: whether the data has such a version is decided by
    :func:`dashboard.datastore.compare.resolve_since`.
    """
    text = text.strip()
    if not text:
        return None, None
    match = _SINCE_DATE.match(text)
    if match and _is_moment(*match.groups()):
        return text, None
    match = _SINCE_VERSION.match(text)
    if match and _is_moment(*match.groups()[:6]):
        year, month, day, hour, minute, second, counter = match.groups()
        return f"{year}-{month}-{day}T{hour}-{minute}-{second}Z{counter or ''}", None
    return None, f"since '{_clip(text)}' is not a version or a date of this data and was ignored (use {SINCE_EXAMPLES})"


def _is_moment(year, month, day, hour="0", minute="0", second="0") -> bool:
    try:
        datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        return False
    return True


def parse_query(search: str | None, vocabulary: Vocabulary) -> tuple[ViewState, list[str]]:
    """Read a URL query string (with or without the leading ``?``) into a state and a list of notices.

    Never raises: anything unusable is dropped and described in a notice a person can read.
    """
    notices: list[str] = []
    search = (search or "").lstrip("?")
    if len(search) > MAX_QUERY_LENGTH:
        return ViewState(), [f"the link's query is too long ({len(search)} characters) and was ignored"]
    try:
        pairs = parse_qsl(search, keep_blank_values=True, errors="replace", max_num_fields=100)
    except ValueError:
        return ViewState(), ["the link's query has too many parameters and was ignored"]
    raw: dict[str, list[str]] = {}
    for key, value in pairs:
        name = key.strip().lower()
        if name not in PARAMS:
            notices.append(f"unknown parameter '{_clip(key)}' was ignored")
            continue
        raw.setdefault(name, []).append(value)

    values: dict = {}
    for name in _LIST_PARAMS:
        if name not in raw:
            continue
        table = vocabulary.canonical(name)
        found = []
        for item in ",".join(raw[name]).split(","):
            item = item.strip()
            if not item:
                continue
            key = item.lower()
            if key in table:
                found.append(table[key])
            else:
                notices.append(f"{name} '{_clip(item)}' is not known and was ignored")
        values[_FIELD[name]] = _order(found, getattr(vocabulary, _FIELD[name]))
    if "year" in raw:
        text = raw["year"][-1]
        if text.strip():
            years, notice = parse_years(text, vocabulary.year_bounds)
            if notice:
                notices.append(notice)
            values["years"] = years
    for name in ("present", "embed", "links"):
        if name in raw:
            flag = raw[name][-1].strip().lower()
            if flag in ("1", "true", "yes", "on"):
                values[name] = True
            elif flag not in ("", "0", "false", "no", "off"):
                notices.append(f"{name} '{_clip(flag)}' is not known and was ignored (use {name}=1)")
    if "since" in raw:
        since, notice = parse_since(raw["since"][-1])
        if notice:
            notices.append(notice)
        values["since"] = since
    if "step" in raw:
        text = raw["step"][-1].strip()
        if text.isdigit() and 1 <= int(text) <= MAX_STEP:
            values["step"] = int(text)
        elif text:
            notices.append(f"step '{_clip(text)}' is not known and was ignored (use a step number such as 2)")
    for name in ("measure", "lang"):
        if name in raw:
            value = raw[name][-1].strip().lower()
            allowed = getattr(vocabulary, _FIELD[name])
            if value in allowed:
                values[name] = value
            elif value:
                notices.append(
                    f"{name} '{_clip(value)}' is not known and was ignored (use one of: {', '.join(allowed)})"
                )
    return ViewState(**values), notices


def _clip(text: str, limit: int = 40) -> str:
    text = "".join(ch for ch in text if ch.isprintable())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_query(state: ViewState) -> str:
    """The canonical query string of ``state``: ``""`` for the default view, else ``"?a=b&..."``."""
    parts = []
    for name in _LIST_PARAMS:
        items = getattr(state, _FIELD[name])
        if items:
            parts.append(f"{name}={','.join(quote(v, safe='') for v in items)}")
    if state.years:
        first, last = state.years
        parts.append(f"year={first}" if first == last else f"year={first}-{last}")
    if state.measure != schema.DEFAULT_MEASURE:
        parts.append(f"measure={state.measure}")
    if state.links:
        parts.append("links=1")
    if state.since:
        parts.append(f"since={quote(state.since, safe='')}")
    if state.lang != DEFAULT_LANG:
        parts.append(f"lang={state.lang}")
    if state.present:
        parts.append("present=1")
    if state.step is not None:
        parts.append(f"step={state.step}")
    if state.embed:
        parts.append("embed=1")
    return "?" + "&".join(parts) if parts else ""
