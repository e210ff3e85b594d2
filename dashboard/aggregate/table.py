"""The collaborations of a view as a table a person reads: one row each, names instead of codes.

Kept apart from the counting: it starts from a frame of collaborations rows (``Selection.frame``, or the rows of
one page of the page's table) and reads names, not codes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from ..loading import Dataset

#: Columns of ``collaboration_table``, in display order (their headers are in ``views.column_labels``).
TABLE_COLUMNS = (
    "id",
    "type",
    "name",
    "countries",
    "theme",
    "labs",
    "partners",
    "years",
    "status",
    "count",
    "confidence",
    "source_url",
    "notes",
)


def titles(frame: pd.DataFrame) -> pd.Series:
    """The name a person reads for each collaboration: "ACRONYM – Name", or the name alone when it holds the
    acronym (the table's Name column, and what a sort by name orders)."""
    acronym, name = frame["acronym"].fillna("").astype(str), frame["name"].fillna("").astype(str)
    prefixed = pd.Series(
        [bool(a) and a.lower() not in n.lower() for a, n in zip(acronym, name)], index=frame.index, dtype=bool
    )
    return (acronym + " – ").where(prefixed, "").str.cat(name)


def collaboration_table(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """The collaborations in view as a table a person reads: one row each, names instead of codes.

    Rows in type order, then by id.
    """
    frame = frame.sort_values("order")  # by type, then id: precomputed at loading
    # The partner links of these rows, by position (each link row carries its collaboration's "row").
    in_frame = np.zeros(len(ds.collaborations), dtype=bool)
    in_frame[frame["row"].to_numpy()] = True
    links = ds.partner_links[in_frame[ds.partner_links["row"].to_numpy()]]
    partner_names = links.groupby("collaboration_id")["name"].agg(lambda names: "; ".join(sorted(set(names))))
    country_names = ds.countries["name"]

    def years(rec) -> str:
        start, end = rec["start_year"], rec["end_year"]
        if pd.isna(start) and pd.isna(end):
            return ""
        left = "" if pd.isna(start) else str(int(start))
        right = "" if pd.isna(end) else str(int(end))
        return f"{left}–{right}" if right != left else left

    table = pd.DataFrame(
        {
            "id": frame["id"],
            "type": frame["type"].astype(str),
            "name": titles(frame),
            "countries": frame["countries"].map(lambda codes: "; ".join(country_names.get(c, c) for c in codes)),
            "theme": frame["theme"],
            "labs": frame["in2p3_labs"].map("; ".join),
            "partners": frame["id"].map(partner_names).astype(object).fillna(""),
            "years": frame.apply(years, axis=1) if len(frame) else pd.Series(dtype=str),
            "status": frame["status"],
            "count": frame["count"].astype("int64"),
            "confidence": frame["confidence"],
            "source_url": frame["source_url"],
            "notes": frame["notes"],
        }
    )
    rank = {t: i for i, t in enumerate(schema.INSTRUMENT_TYPES)}
    table = table.assign(_r=table["type"].map(rank)).sort_values(["_r", "id"]).drop(columns="_r")
    return table.reset_index(drop=True)
