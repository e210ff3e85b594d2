"""What changed between an earlier version of the data and the one served: ``since=VERSION`` in the URL.

Every import is a version (:mod:`dashboard.datastore.versions`), so "what changed since the last meeting" is a
comparison of two validated :class:`~dashboard.loading.Dataset` objects. This module resolves the URL's value
to a version, loads that version (validated as today's data is, kept in a small cache) and compares. It says
nothing in any language but the notices' English (each notice also has a ``code`` to translate from): the
page, the map and the deck turn the codes it gives into words.

Entry points::

    changes, notices = changes_since(folder, state.since, store.current())   # the page, the exports: never raises
    version = resolve_since(folder, "2026-11-25")        # -> Version | None; raises SinceError(notice)
    changes = compare(old_dataset, new_dataset)          # -> Changes, pure
    offered = list_comparable_versions(folder)           # what the page can offer, newest first

**Which version.** ``since`` is a version id as ``python -m dashboard history`` lists it
(``2026-11-25T10-15-00Z``), or a date ``YYYY-MM-DD`` meaning the version served on that day: the newest version
created on or before the end of that day. Version ids are UTC times, and so is the day (a version made at
23:30 UTC belongs to that day, though it is already the next day in Paris). Only versions that were served can
be compared with: the one served now and those before it (a version left newer than ``current`` by an
interrupted import never was). Asking for the version served now, or for a date after it, compares the data
with itself: no change, and ``changes.since.same_version`` is true.

**What is compared.** A collaboration is a row of ``instruments.csv`` or ``infrastructures.csv``, known by its
``id`` (ids are shared by both files). Its compared fields, with their values as codes (:data:`FIELDS`):

=============  ==========================================================================================
field          value
=============  ==========================================================================================
name           the ``name`` text
acronym        the ``acronym`` text (``""`` when none; infrastructures have none)
type           the instrument type code (``IRL`` ... ``AGR``, ``INFRA`` for an infrastructure)
countries      the ISO3 codes of ``countries``, sorted, without repeats (their order in the cell is no change)
partners       its rows of ``participation.csv`` as sorted ``(partner_id, role)`` pairs (``role`` ``""`` when
               empty): a partner added, removed or given another role
in2p3_labs     the IN2P3 lab codes, sorted, without repeats
status         the status slug, as in the URL (``active``, ``under-construction``, ..., ``ended``)
start_year     the start year, or None
end_year       the end year, or None
theme          the theme slug, as in the URL (``nuclear-physics``), or None
count          how many instruments the row stands for (the IEA total: 22 -> 24 is a change)
=============  ==========================================================================================

Not compared: sources, confidence, notes, an infrastructure's kind, host, site, coordinates and status note
(what describes a row, not what the figures count), and the rows of ``partners.csv`` and ``labs.csv``
themselves (a partner's new name is not a change of the collaborations it takes part in).

**The rules.** With ``old`` the version asked for, ``new`` the one served, and the *data year* of each the year
of its ``data_date``: a collaboration is *running* in a data set when its status is not ``ended`` and it has no
``end_year`` at or before that data set's data year. Then, for each id:

* **new**: the id is in ``new`` only (whatever its status: a row added today is new to the data);
* **ended**: the id is in ``old`` only (reason ``removed``, whatever its old status: it is gone from the data),
  or it is in both, was running in ``old`` and is not running in ``new``: its status became ``ended`` (reason
  ``status``) and/or its end year is now at or before the new data year (reason ``end_year``; this happens too
  when only the data year moved past an end year that did not change);
* **changed**: the id is in both, is not ended, and at least one compared field differs.

A collaboration is in at most one of the three. An ended one still in the data keeps the list of its fields
that changed (the status, the end year, ...); a changed one lists them all. One that was ended in ``old`` and
still is in ``new`` is not "ended" again (only "changed" if a field differs); one that was ended and runs again
is "changed" (its status or end year).

**Counting**, as the page's key figures and map count: a collaboration counts its ``count`` (the row standing
for the 22 IEA counts 22), once in the totals, and once in each of its countries on the map: a new one in its
countries, an ended one in its **old** countries, a changed one in its old and new countries together (a
collaboration that left Korea changed Korea's picture too). ``len(changes.new)`` etc. are numbers of rows.

**Notices.** Whatever goes wrong with ``since`` is a :class:`Notice` (a ``str``: an English sentence like the
URL notices of :func:`dashboard.state.parse_query`, with a ``code``), and the view is shown without a
comparison: the caller adds them to the URL's notices (``url_notices + notices``). Codes: :data:`INVALID`,
:data:`NO_VERSIONS`, :data:`UNKNOWN_VERSION`, :data:`TOO_EARLY`, :data:`UNREADABLE`. Nothing here raises for
a bad value, a missing or pruned version, or an old version that no longer validates under today's rules.

**For the page.** ``changes_since(store.folder, state.since, ds, geometry_file=store.geometry_file)``; the
versions to offer are :func:`list_comparable_versions`. The changes within a filtered view: the ids the view
keeps in ``changes.new_data`` and, for ended ones, in ``changes.old_data`` (the aggregation's own filters, run
on each), given to :meth:`Changes.subset`. Cost: the old version is validated once and kept (:data:`CACHE_SIZE`
versions); a comparison takes about a second at 10^5 collaborations, and the last few are kept.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from .. import schema
from ..caching import KeyCache
from ..loading import DataError, Dataset, validate_folder
from ..state import parse_since
from . import versions
from .versions import Version

log = logging.getLogger(__name__)

#: The compared fields of a collaboration, in the order they are listed.
FIELDS = (
    "name",
    "acronym",
    "type",
    "countries",
    "partners",
    "in2p3_labs",
    "status",
    "start_year",
    "end_year",
    "theme",
    "count",
)
#: The kinds of change.
NEW, ENDED, CHANGED = "new", "ended", "changed"
#: Why a collaboration is ended.
REMOVED, STATUS, END_YEAR = "removed", "status", "end_year"

#: Notice codes.
INVALID = "invalid"  # neither a version id nor a date
NO_VERSIONS = "no-versions"  # a plain folder of tables: no history
UNKNOWN_VERSION = "unknown-version"  # a well-formed id that is not a served version of this folder
TOO_EARLY = "too-early"  # a date before the first version
UNREADABLE = "unreadable"  # the version cannot be read, or no longer validates

#: Datasets of old versions kept in memory (a meeting compares with one or two).
CACHE_SIZE = 4

_THEME_SLUG = {label: slug for slug, label in schema.THEMES.items()}
_STATUS_SLUG = {label: slug for slug, label in schema.STATUSES.items()}
_ENDED = "ended"  # the status slug (and table value) of an ended collaboration


# -- Notices ------------------------------------------------------------------------------------------


class Notice(str):
    """A notice about ``since`` for the person who opened the link.

    It *is* the English sentence (a ``str``, so it joins the URL's notices as they are); ``code`` says what
    happened (:data:`INVALID`, :data:`NO_VERSIONS`, ...), ``since`` is the value asked for (clipped) and
    ``version`` the version concerned, if any, so that another language can write its own sentence.
    """

    code: str
    since: str
    version: str | None

    def __new__(cls, text: str, code: str, since: str, version: str | None = None) -> Notice:
        notice = super().__new__(cls, text)
        notice.code, notice.since, notice.version = code, since, version
        return notice

    def __reduce__(self):
        return (Notice, (str(self), self.code, self.since, self.version))


class SinceError(Exception):
    """``since`` cannot be compared with; ``notice`` says why, for the person who asked."""

    def __init__(self, notice: Notice):
        self.notice = notice
        super().__init__(str(notice))


def _clip(text: str, limit: int = 40) -> str:
    text = "".join(ch for ch in str(text) if ch.isprintable())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- The result ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One compared field of a collaboration, before and after (codes, see :data:`FIELDS`)."""

    field: str
    old: object
    new: object

    @property
    def added(self) -> tuple:
        """For a list field (countries, partners, in2p3_labs): the items in ``new`` only; else ()."""
        if isinstance(self.old, tuple) and isinstance(self.new, tuple):
            return tuple(v for v in self.new if v not in self.old)
        return ()

    @property
    def removed(self) -> tuple:
        """For a list field: the items in ``old`` only; else ()."""
        if isinstance(self.old, tuple) and isinstance(self.new, tuple):
            return tuple(v for v in self.old if v not in self.new)
        return ()


@dataclass(frozen=True)
class Change:
    """One collaboration that is new, ended or changed.

    ``type``, ``name`` and ``count`` are those of the side it counts on (``new`` for new and changed ones, ``old``
    for ended ones); ``countries`` are where it counts on the map (see the module's rules); ``fields`` the compared
    fields that differ, in :data:`FIELDS` order (none for a new or a removed one); ``reasons`` why it is ended.
    """

    id: str
    kind: str
    type: str
    name: str
    count: int
    countries: tuple[str, ...]
    fields: tuple[FieldChange, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def changed_fields(self) -> tuple[str, ...]:
        return tuple(f.field for f in self.fields)

    def field_change(self, name: str) -> FieldChange | None:
        """The change of the field ``name`` (one of :data:`FIELDS`), or None if it did not change."""
        return next((f for f in self.fields if f.field == name), None)


@dataclass(frozen=True)
class Counts:
    """Collaborations new, ended and changed, each counting its ``count`` (as the key figures count)."""

    new: int = 0
    ended: int = 0
    changed: int = 0

    @property
    def total(self) -> int:
        return self.new + self.ended + self.changed


@dataclass(frozen=True)
class Since:
    """The two sides of a comparison.

    ``asked``: the URL's value (canonical, ``""`` when :func:`compare` was called directly); ``version``: the id of
    the version compared with, ``created`` when it was made (ISO 8601, UTC; ``""`` if unknown); ``current``: the id
    of the version served (None for data not read from a version); the data date of each side.
    """

    asked: str = ""
    version: str | None = None
    created: str = ""
    current: str | None = None
    old_data_date: date | None = None
    new_data_date: date | None = None

    @property
    def same_version(self) -> bool:
        """The version asked for is the one served: nothing can have changed."""
        return self.version is not None and self.version == self.current


@dataclass(frozen=True)
class Changes:
    """What changed from ``old`` to ``new`` (see the module's rules).

    ``new``, ``ended``, ``changed``: id -> :class:`Change`, in id order; ``by_country``: ISO3 -> :class:`Counts`,
    in ISO3 order, only countries with a change; ``totals``: :class:`Counts` over every collaboration;
    ``since``: the two sides. ``old_data`` and ``new_data`` are the datasets compared (for filtering the
    changes by a view with the aggregation's own functions); they are not part of equality or of ``as_dict``.
    """

    since: Since
    new: dict[str, Change]
    ended: dict[str, Change]
    changed: dict[str, Change]
    by_country: dict[str, Counts]
    totals: Counts
    old_data: Dataset | None = field(default=None, compare=False, repr=False)
    new_data: Dataset | None = field(default=None, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.ended or self.changed)

    def kind_of(self, collaboration_id: str) -> str | None:
        """``"new"``, ``"ended"``, ``"changed"`` or None (unchanged, or unknown)."""
        for kind in (NEW, ENDED, CHANGED):
            if collaboration_id in getattr(self, kind):
                return kind
        return None

    def all(self) -> list[Change]:
        """Every change, new then ended then changed, each in id order."""
        return [*self.new.values(), *self.ended.values(), *self.changed.values()]

    def subset(self, ids: Iterable[str]) -> Changes:
        """The changes of the collaborations ``ids`` only, counted again (e.g. those of a filtered view: the ids
        the view keeps in ``new_data``, and for ended ones in ``old_data``)."""
        keep = set(ids)
        return _assemble(self.since, [c for c in self.all() if c.id in keep], self.old_data, self.new_data)

    def as_dict(self) -> dict:
        """Plain JSON types: for a ``dcc.Store``, an API answer or a test."""

        def value(v):
            if isinstance(v, tuple):
                return [value(x) for x in v]
            return v

        def change(c: Change) -> dict:
            return {
                "id": c.id,
                "kind": c.kind,
                "type": c.type,
                "name": c.name,
                "count": c.count,
                "countries": list(c.countries),
                "fields": [{"field": f.field, "old": value(f.old), "new": value(f.new)} for f in c.fields],
                "reasons": list(c.reasons),
            }

        s = self.since
        return {
            "since": {
                "asked": s.asked,
                "version": s.version,
                "created": s.created,
                "current": s.current,
                "old_data_date": s.old_data_date.isoformat() if s.old_data_date else None,
                "new_data_date": s.new_data_date.isoformat() if s.new_data_date else None,
                "same_version": s.same_version,
            },
            "new": [change(c) for c in self.new.values()],
            "ended": [change(c) for c in self.ended.values()],
            "changed": [change(c) for c in self.changed.values()],
            "by_country": {iso: _counts_dict(n) for iso, n in self.by_country.items()},
            "totals": _counts_dict(self.totals),
        }


def _counts_dict(counts: Counts) -> dict:
    return {"new": counts.new, "ended": counts.ended, "changed": counts.changed}


def _assemble(since: Since, changes: list[Change], old_data=None, new_data=None) -> Changes:
    buckets: dict[str, dict[str, Change]] = {NEW: {}, ENDED: {}, CHANGED: {}}
    totals = dict.fromkeys(buckets, 0)
    per_country: dict[str, dict[str, int]] = {}
    for change in sorted(changes, key=lambda c: c.id):
        buckets[change.kind][change.id] = change
        totals[change.kind] += change.count
        for iso3 in change.countries:
            per_country.setdefault(iso3, dict.fromkeys(buckets, 0))[change.kind] += change.count
    return Changes(
        since=since,
        new=buckets[NEW],
        ended=buckets[ENDED],
        changed=buckets[CHANGED],
        by_country={iso3: Counts(**per_country[iso3]) for iso3 in sorted(per_country)},
        totals=Counts(**totals),
        old_data=old_data,
        new_data=new_data,
    )


# -- Comparing two data sets --------------------------------------------------------------------------


def _objects(values: Iterable) -> np.ndarray:
    """A 1-D object array of ``values`` as they are (tuples stay tuples: never a 2-D array)."""
    return np.fromiter(values, dtype=object)


def _texts(series: pd.Series) -> list[str]:
    """A column as a list of Python strings (iterating a pandas column element by element is ten times slower)."""
    return series.astype(str).tolist()


def _years(series: pd.Series) -> list[int | None]:
    return [None if v is None else int(v) for v in series.astype("Int64").to_numpy(dtype=object, na_value=None)]


#: Fields whose value is a set of codes: a different order of the same items is no change.
_SETS = ("countries", "in2p3_labs")


@dataclass(frozen=True)
class _Records:
    """The compared fields of every collaboration of a data set, as codes, aligned with ``ids``.

    ``columns`` holds every field but ``partners`` as object arrays, the list fields as the table gives them
    (sorted only where needed: :meth:`value`); ``links`` the participation rows as (id, partner_id, role); and
    ``running`` whether each collaboration runs at the data set's data year.
    """

    ids: pd.Index
    columns: dict[str, np.ndarray]
    links: list[tuple[str, str, str]]
    running: np.ndarray

    @classmethod
    def of(cls, ds: Dataset) -> _Records:
        c, p = ds.collaborations, ds.partner_links
        columns = {
            "name": _objects(_texts(c["name"])),
            "acronym": _objects(_texts(c["acronym"])),
            "type": _objects(_texts(c["type"])),
            "countries": _objects(c["countries"].tolist()),
            "in2p3_labs": _objects(c["in2p3_labs"].tolist()),
            "status": _objects(_STATUS_SLUG.get(v, v) for v in _texts(c["status"])),
            "start_year": _objects(_years(c["start_year"])),
            "end_year": _objects(_years(c["end_year"])),
            "theme": _objects(_THEME_SLUG.get(v, v) if v else None for v in _texts(c["theme"])),
            "count": _objects(c["count"].astype("int64").tolist()),
        }
        links = list(zip(_texts(p["collaboration_id"]), _texts(p["partner_id"]), _texts(p["role"].fillna(""))))
        running = (columns["status"] != _ENDED) & ~_over(columns["end_year"], ds.data_date.year)
        return cls(pd.Index(_texts(c["id"]), dtype=object), columns, links, np.asarray(running, dtype=bool))

    def value(self, name: str, position: int):
        """The code of field ``name`` (not ``partners``: :meth:`partners`) of the collaboration at ``position``."""
        value = self.columns[name][position]
        return tuple(sorted(set(value))) if name in _SETS else value

    def partners(self, ids: set[str]) -> dict[str, tuple[tuple[str, str], ...]]:
        """The ``partners`` value of each of ``ids``: its participation rows as sorted (partner_id, role) pairs."""
        found: dict[str, list[tuple[str, str]]] = {i: [] for i in ids}
        for cid, pid, role in self.links if found else ():
            if cid in found:
                found[cid].append((pid, role))
        return {cid: tuple(sorted(pairs)) for cid, pairs in found.items()}


def _over(end_years: np.ndarray, data_year: int) -> np.ndarray:
    """Which collaborations have an end year at or before ``data_year``."""
    return np.fromiter((e is not None and e <= data_year for e in end_years), dtype=bool, count=len(end_years))


def _version_of(folder: Path | None) -> str | None:
    """The version id of a data set read from ``versions/<id>/`` (validate_folder reads a managed folder there)."""
    if folder is None:
        return None
    folder = Path(folder)
    if folder.parent.name == versions.VERSIONS and versions._VERSION_ID.match(folder.name):
        return folder.name
    return None


def created_of(version_id: str) -> str:
    """The UTC time a version id stands for, ISO 8601 (``2026-11-25T10:15:00+00:00``); "" if it is no id."""
    try:
        moment = datetime.strptime(version_id[:20], "%Y-%m-%dT%H-%M-%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return ""
    return moment.isoformat(timespec="seconds")


def compare(old: Dataset, new: Dataset, *, since: Since | None = None) -> Changes:
    """What changed from ``old`` to ``new``, by the rules of this module's documentation.

    ``since`` describes the sides (:func:`changes_since` gives it); without it, the version ids are taken from
    where the data sets were read. The data dates are always those of the data sets. Pure: reads no file.
    """
    if since is None:
        version = _version_of(old.folder)
        since = Since(version=version, created=created_of(version or ""), current=_version_of(new.folder))
    since = replace(since, old_data_date=old.data_date, new_data_date=new.data_date)
    before, after = _Records.of(old), _Records.of(new)
    changes: list[Change] = []

    def change(records: _Records, position: int, kind: str, countries=None, fields=(), reasons=()) -> Change:
        return Change(
            id=records.ids[position],
            kind=kind,
            type=records.value("type", position),
            name=records.value("name", position),
            count=records.value("count", position),
            countries=records.value("countries", position) if countries is None else countries,
            fields=tuple(fields),
            reasons=tuple(reasons),
        )

    kept = before.ids.isin(after.ids)  # old ids still in the data
    for position in np.flatnonzero(~after.ids.isin(before.ids)):
        changes.append(change(after, position, NEW))
    for position in np.flatnonzero(~kept):
        changes.append(change(before, position, ENDED, reasons=(REMOVED,)))

    # Ids on both sides, positions aligned: each field compared over all of them at once.
    old_at = np.flatnonzero(kept)
    new_at = after.ids.get_indexer(before.ids[old_at])
    common = before.ids[old_at]
    differs = {}
    for name in FIELDS:
        if name == "partners":
            moved = {cid for cid, _, _ in set(before.links) ^ set(after.links)}
            differs[name] = np.asarray(common.isin(list(moved)), dtype=bool)
            continue
        olds, news = before.columns[name][old_at], after.columns[name][new_at]
        differs[name] = np.asarray(olds != news, dtype=bool)
        if name in _SETS:  # the same items in another order are no change
            for k in np.flatnonzero(differs[name]):
                differs[name][k] = set(olds[k]) != set(news[k])
    ended = before.running[old_at] & ~after.running[new_at]
    touched = np.flatnonzero(ended | np.logical_or.reduce([differs[name] for name in FIELDS]))
    moved = {common[k] for k in touched if differs["partners"][k]}
    partners_before, partners_after = before.partners(moved), after.partners(moved)
    new_year = new.data_date.year
    for k in touched:
        o, n, cid = old_at[k], new_at[k], common[k]
        fields = [
            FieldChange(name, partners_before[cid], partners_after[cid])
            if name == "partners"
            else FieldChange(name, before.value(name, o), after.value(name, n))
            for name in FIELDS
            if differs[name][k]
        ]
        if ended[k]:  # it was running: its status was not ended, its end year (if any) after the old data year
            reasons = [STATUS] if after.value("status", n) == _ENDED else []
            end = after.value("end_year", n)
            if end is not None and end <= new_year:
                reasons.append(END_YEAR)
            changes.append(change(before, o, ENDED, fields=fields, reasons=reasons))
        else:
            countries = tuple(sorted(set(before.value("countries", o)) | set(after.value("countries", n))))
            changes.append(change(after, n, CHANGED, countries=countries, fields=fields))
    return _assemble(since, changes, old, new)


# -- Resolving ``since`` and loading old versions -----------------------------------------------------


def _served_versions(folder: Path) -> list[Version]:
    """The versions that were served: the current one and those before it, newest first."""
    current = versions.current_version(folder)
    if current is None:
        return []
    return [v for v in versions.list_versions(folder) if v.id <= current.id]


def resolve_since(folder: Path | str | None, text: str | None) -> Version | None:
    """The version ``text`` names: a version id, or a date (the newest version created on or before the end of
    that day, UTC). None when ``text`` is empty (no comparison asked for).

    Raises :class:`SinceError` with a :class:`Notice` when ``text`` is neither (:data:`INVALID`), the folder has no
    versions (:data:`NO_VERSIONS`), the id is not one of its served versions (:data:`UNKNOWN_VERSION`), or the date
    is before its first version (:data:`TOO_EARLY`). Reads only the folder's list of versions.
    """
    if text is None or not str(text).strip():
        return None
    canonical, problem = parse_since(str(text))
    if problem or canonical is None:
        raise SinceError(Notice(problem or "", INVALID, _clip(text)))
    shown = _clip(canonical)
    served = _served_versions(Path(folder)) if folder is not None else []
    if not served:
        raise SinceError(
            Notice(
                f"since '{shown}' was ignored: this data has no earlier versions (every import from now on is kept "
                "as one)",
                NO_VERSIONS,
                shown,
            )
        )
    if "T" in canonical:  # a version id
        for version in served:
            if version.id == canonical:
                return version
        raise SinceError(
            Notice(
                f"since '{shown}' is not a version of this data and was ignored (its versions run from "
                f"{served[-1].id} to {served[0].id}; python -m dashboard history lists them)",
                UNKNOWN_VERSION,
                shown,
            )
        )
    for version in served:  # newest first; an id starts with its UTC day, so ids compare as days do
        if version.id[:10] <= canonical:
            return version
    first = served[-1]
    raise SinceError(
        Notice(
            f"since '{shown}' was ignored: this data has no version that old (its first version, "
            f"{first.id}, is of {first.id[:10]})",
            TOO_EARLY,
            shown,
            first.id,
        )
    )


#: Version folder -> its validated Dataset, or the DataError it gave (versions never change once written, so neither
#: does what they give); (versions compared) -> their comparison.
_datasets = KeyCache(CACHE_SIZE)
_comparisons = KeyCache(CACHE_SIZE)


def load_version(version: Version, geometry_file: Path | str | None = None) -> Dataset:
    """The validated data set of ``version`` (``validate_folder``, today's rules), from the cache when it was
    read before. Raises DataError when it no longer validates (or was removed meanwhile)."""
    key = (str(Path(version.path).resolve()), str(geometry_file) if geometry_file else None)

    def load():
        try:
            return validate_folder(version.path, geometry_file)
        except DataError as error:
            return error

    result = _datasets.get_or_compute(key, load)
    if isinstance(result, DataError):
        raise result
    return result


def clear_caches() -> None:
    """Forget the data sets of old versions and the comparisons kept (tests; never needed otherwise)."""
    _datasets.clear()
    _comparisons.clear()


def changes_since(
    folder: Path | str | None,
    since: str | None,
    current: Dataset,
    *,
    geometry_file: Path | str | None = None,
) -> tuple[Changes | None, list[Notice]]:
    """What changed from the version ``since`` names to ``current`` (the data served), and the notices.

    Like :func:`dashboard.state.parse_query`, it never raises for what a link or the folder holds: (None,
    [notice]) when ``since`` cannot be compared with, (None, []) when it is empty. ``folder`` is the data folder
    (``DataStore.folder``; None for data not read from a folder). Comparisons are kept (a few), by version and
    data set served.
    """
    try:
        version = resolve_since(folder, since)
    except SinceError as error:
        return None, [error.notice]
    except OSError as exc:  # the folder cannot be listed
        log.warning("the versions of %s cannot be listed: %s", folder, exc)
        shown = _clip(since or "")
        return None, [
            Notice(f"since '{shown}' was ignored: the versions of this data cannot be read", UNREADABLE, shown)
        ]
    if version is None:
        return None, []
    asked = parse_since(str(since))[0] or ""
    created = version.info.get("created") or created_of(version.id)
    served = _version_of(current.folder) or (versions.current_version(Path(folder)) or version).id
    sides = Since(asked=asked, version=version.id, created=created, current=served)
    if version.id == served:  # the data compared with itself: nothing changed
        same = replace(sides, old_data_date=current.data_date, new_data_date=current.data_date)
        return _assemble(same, [], current, current), []
    try:
        old = load_version(version, geometry_file)
    except (DataError, OSError) as error:
        problems = getattr(error, "problems", [])
        log.warning("version %s cannot be compared with: %s", version.id, error.report() if problems else repr(error))
        first = f"; the first: {_clip(str(problems[0]), 160)}" if problems else ""
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}" if problems else "it cannot be read"
        return None, [
            Notice(
                f"since '{asked}' was ignored: version {version.id} can no longer be read with today's checks of "
                f"the data ({count}{first})",
                UNREADABLE,
                asked,
                version.id,
            )
        ]
    # Kept by version, data set served (by identity: the entry holds it, so its id is not reused) and value asked.
    key = (str(Path(version.path).resolve()), id(current), asked)
    entry = _comparisons.get_or_compute(key, lambda: (current, compare(old, current, since=sides)))
    return entry[1], []


# -- What the page can offer --------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparableVersion:
    """An earlier version the page can offer to compare with.

    ``id`` (the value of ``since``), ``created`` (ISO 8601, UTC), ``user``; ``action`` (``import``, ``restore`` or
    ``initial``: the tables before the first import), ``tables`` (the table files that import replaced),
    ``restored_from`` (for a restore); ``summary``: the English line of ``python -m dashboard history``;
    ``data_date``: the date of its data (``dataset.json``), None when it cannot be read.
    """

    id: str
    created: str
    user: str
    action: str
    tables: tuple[str, ...]
    restored_from: str | None
    summary: str
    data_date: date | None


def _data_date_of(path: Path) -> date | None:
    try:
        meta = json.loads((path / schema.DATASET_FILE).read_text(encoding="utf-8-sig"))
        return date.fromisoformat(str(meta["data_date"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def list_comparable_versions(folder: Path | str | None) -> list[ComparableVersion]:
    """The versions that ``since`` can name, newest first, without the one served now: those served before it.

    Empty for a plain folder, or a folder with one version. Reads each version's ``version.json`` and
    ``dataset.json`` only (no validation: a version that no longer validates is listed, and comparing with it
    gives an :data:`UNREADABLE` notice).
    """
    if folder is None:
        return []
    try:
        served = _served_versions(Path(folder))
    except OSError as exc:
        log.warning("the versions of %s cannot be listed: %s", folder, exc)
        return []
    offered = []
    for version in served:
        if version.current:
            continue
        info = version.info
        offered.append(
            ComparableVersion(
                id=version.id,
                created=info.get("created") or created_of(version.id),
                user=str(info.get("user") or ""),
                action=str(info.get("action") or "import"),
                tables=tuple(str(s.get("table", "")) for s in info.get("sources", []) if isinstance(s, dict)),
                restored_from=str(info["restored_from"]) if info.get("restored_from") else None,
                summary=version.describe(),
                data_date=_data_date_of(version.path),
            )
        )
    return offered
