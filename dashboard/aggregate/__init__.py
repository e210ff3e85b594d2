"""Filtering and honest counting of the collaborations of a :class:`~dashboard.loading.Dataset`.

Counting rules (the page states them next to each number):

* A collaboration is one row of instruments.csv or infrastructures.csv; a row with ``count`` > 1 stands
  for that many instruments whose list is not published (the 22 IEA) and counts that many in totals.
* In totals, a collaboration counts once, however many countries take part.
* On the map, a collaboration counts once in each of its countries (one participation per country).
* A continent counts a collaboration once even when several of its countries take part.
* A collaboration is active in a year range when its known years overlap it. One that goes on at the data
  date (active, under construction, planned, prototype) runs to the data year; one whose start year is not
  known counts only from the data year on, when it is known to go on.

One engine: a view is a :class:`Selection` (a mask over the collaborations, :func:`select`), and every count
takes one. ``tests/unit/test_counting.py`` keeps the same rules written as plain pandas group-bys, as the
reference the counts are checked against.

A package because its parts change for different reasons, each module importing only those listed before it:

* ``index``: the arrays of codes built once per data set (:class:`Index`, :func:`index_of`);
* ``selection``: a view's filters as a mask (:func:`select`, :class:`Selection`);
* ``counts``: the numbers of a view (key figures, map values, charts' tables);
* ``links``: the map's points (partner institutions, IN2P3 labs) and links (a lab and a partner or site that meet
  in a collaboration), counted with what cannot be drawn;
* ``table``: the collaborations of a view as a table a person reads (names, not codes).
"""

from ..schema import NO_COUNTRY
from .counts import (
    TYPE_ORDER,
    KeyFigures,
    by_continent,
    by_type,
    country_values,
    home_count,
    infrastructure_sites,
    key_figures,
    per_year,
    top_countries,
    unlocated_by_type,
)
from .index import Index, index_of
from .links import (
    PARTNER,
    SITE,
    UNDRAWN_REASONS,
    UNLINKED_REASONS,
    Network,
    lab_points,
    network,
    partner_points,
    unlinked,
)
from .selection import Selection, select
from .table import TABLE_COLUMNS, collaboration_table, titles

__all__ = [
    "NO_COUNTRY",
    "TABLE_COLUMNS",
    "TYPE_ORDER",
    "UNDRAWN_REASONS",
    "UNLINKED_REASONS",
    "Index",
    "KeyFigures",
    "Network",
    "PARTNER",
    "SITE",
    "Selection",
    "by_continent",
    "by_type",
    "collaboration_table",
    "country_values",
    "home_count",
    "index_of",
    "infrastructure_sites",
    "key_figures",
    "lab_points",
    "network",
    "partner_points",
    "per_year",
    "select",
    "titles",
    "top_countries",
    "unlinked",
    "unlocated_by_type",
]
