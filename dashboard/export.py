"""Downloads of the view: the table of collaborations as CSV, at a plain URL that takes the page's query."""
from __future__ import annotations

import io

from . import aggregate
from .state import ViewState
from .views import export_labels, localised_table

#: Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

def neutralise(value):
    """Text that a spreadsheet would run as a formula, prefixed with an apostrophe so that it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value

def collaborations_csv(ds, state: ViewState) -> str:
    """The collaborations of the view as CSV text (UTF-8, header row, one collaboration per row)."""
    table = localised_table(ds, aggregate.filter_collaborations(ds, state), state.lang)
    labels = export_labels(state.lang)
    table = table[list(labels)].rename(columns=labels)
    table = table.apply(lambda column: column.map(neutralise) if column.dtype == object else column)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False)
    return buffer.getvalue()

def csv_filename(ds, state: ViewState) -> str:
    suffix = "-selection" if state.countries else ""
    return f"in2p3-collaborations-{ds.data_date:%Y-%m-%d}{suffix}.csv"

