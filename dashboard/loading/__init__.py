"""Read and validate the data tables and the country geometry, once, at start-up.

Every problem found is reported with the file, the spreadsheet row (the header is row 1) and the
column, what was found and what would be right. All problems are collected before reporting, so a data
owner can fix a file in one pass. Nothing here raises anything but :class:`DataError` for bad data.

A package because the loading has seams a reader looks for by name, each module importing only those listed
before it:

* ``problems``: :class:`Problem` and :class:`DataError`, the terms every step reports in;
* ``tables``: one CSV table read and its cells converted to the types of ``schema``; ``dataset.json``;
* ``geometry``: the country geometry and the table of countries drawn from it;
* ``places``: a city and its country resolved to coordinates, offline (GeoNames), and the check of the city
  columns;
* ``rules``: the rules between tables, one small function each (``check_...``);
* ``dataset``: the :class:`Dataset` assembled from the checked tables, and :class:`PerDataset`, where the
  layers above keep what they derive from a data set;
* ``stories``: the story of presentation mode, its queries checked as page links;
* ``folder``: where a folder's tables are, and :func:`validate_folder`, the steps above in order.
"""

from ..countries import country_converter
from .dataset import Dataset, PerDataset
from .folder import CURRENT_LINK, tables_folder, validate_folder
from .geometry import COAST_TOLERANCE_KM, build_countries, load_geometry
from .problems import DataError, Problem, suggest
from .stories import Story
from .tables import MAX_TABLE_BYTES

__all__ = [
    "COAST_TOLERANCE_KM",
    "CURRENT_LINK",
    "MAX_TABLE_BYTES",
    "DataError",
    "Dataset",
    "PerDataset",
    "Problem",
    "Story",
    "build_countries",
    "country_converter",
    "load_geometry",
    "suggest",
    "tables_folder",
    "validate_folder",
]
