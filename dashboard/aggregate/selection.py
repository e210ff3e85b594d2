"""The collaborations of a view: the state's filters as one boolean mask over the collaborations."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .. import schema
from ..loading import Dataset
from ..state import ViewState
from .index import Index, index_of


class Selection:
    """The collaborations of a view: one boolean per collaboration of ``ds`` (``mask``), with the data set's
    :class:`~.index.Index` (``index``). The frame of those rows is made only when something asks for it (the
    counting never does)."""

    def __init__(self, ds: Dataset, mask: np.ndarray):
        self.ds, self.mask = ds, mask
        self.index: Index = index_of(ds)
        self.counts: dict = {}  # the (country x type) counts, per continent filter and type asked (counts)

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        """The rows of ``ds.collaborations`` in view, in the data set's order."""
        return self.ds.collaborations[self.mask]

    def __len__(self) -> int:
        return int(np.count_nonzero(self.mask))

    def total(self) -> int:
        """Collaborations in view, each weighted by its ``count``."""
        return int(self.index.count[self.mask].sum())


def _having(size: int, rows: np.ndarray, among: np.ndarray) -> np.ndarray:
    """One boolean per collaboration: has it one of the links (``rows``) that ``among`` keeps?"""
    keep = np.zeros(size, dtype=bool)
    keep[rows[among]] = True
    return keep


def select(ds: Dataset, state: ViewState, *, with_selection: bool = True) -> Selection:
    """The collaborations that pass the state's filters (and, if asked, involve a selected country)."""
    ix = index_of(ds)
    mask = np.ones(ix.size, dtype=bool)
    if state.instruments:
        mask &= ix.among(ix.type, ix.types, state.instruments)
    if state.themes:
        mask &= ix.among(ix.theme, ix.themes, [schema.THEMES[t] for t in state.themes])
    if state.statuses:
        mask &= ix.among(ix.status, ix.statuses, [schema.STATUSES[s] for s in state.statuses])
    if state.labs:
        mask &= _having(ix.size, ix.l_row, ix.among(ix.l_lab, ix.labs, state.labs))
    if state.continents:
        mask &= _having(ix.size, ix.c_row, ix.among(ix.c_continent, ix.continents, state.continents))
    if state.years:
        first, last = state.years
        with np.errstate(invalid="ignore"):
            mask &= (ix.start <= last) & (ix.end >= first)
    if with_selection and state.countries:
        mask &= _having(ix.size, ix.c_row, ix.among(ix.c_iso, ix.isos, state.countries))
    return Selection(ds, mask)
