"""A data folder: where its tables are, and :func:`validate_folder`, which reads and checks it whole."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import config
from .dataset import Dataset, assemble
from .geometry import build_countries, load_geometry
from .problems import DataError, Problem
from .rules import check_tables
from .stories import read_stories
from .tables import read_dataset_json, read_tables

#: In a managed data folder (see :mod:`dashboard.datastore.versions`), this link names the version served now.
CURRENT_LINK = "current"


def tables_folder(folder: Path | str) -> Path:
    """Where the tables of a data folder are: its ``current`` version when it is managed, else the folder itself."""
    folder = Path(folder)
    current = folder / CURRENT_LINK
    # A dangling link is followed too: its missing target is reported, never the folder's own files served.
    return current.resolve() if current.is_symlink() or current.is_dir() else folder


def validate_folder(folder: Path | str, geometry_file: Path | str | None = None) -> Dataset:
    """Read every table of ``folder`` (its current version if it is managed), check it, return the :class:`Dataset`.

    ``geometry_file`` is the country geometry (default: ``config.GEOMETRY_FILE``, the one the app ships).
    Raises DataError listing every problem found (file, row, column, expected value).
    """
    folder = tables_folder(folder)
    geometry_file = Path(geometry_file) if geometry_file else config.GEOMETRY_FILE
    if not folder.is_dir():
        raise DataError([Problem(str(folder), None, None, "the data folder does not exist")], folder)
    geometry = load_geometry(geometry_file)
    countries = build_countries(geometry)
    problems: list[Problem] = []
    data_date, facts = read_dataset_json(folder, problems)
    tables = read_tables(folder, problems)
    if tables is None:  # a table could not be read: the rules between tables cannot be checked
        raise DataError(problems, folder)
    problems += check_tables(tables, geometry, countries, data_date)
    if problems:
        raise DataError(problems, folder)
    ds = assemble(tables, countries, data_date, facts, folder)
    stories = read_stories(folder, ds, problems)
    if problems:
        raise DataError(problems, folder)
    return replace(ds, stories=stories)
