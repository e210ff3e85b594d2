"""country_converter, built once: ISO codes, short names and continents of the world's countries.

A low module of its own (it imports nothing of the package) because both the loading (country names and
continents of the map's countries, the "did you mean" of a wrong code) and ``i18n`` (ISO3 to ISO2, for CLDR's
names) need it, and neither may import the other.
"""

from __future__ import annotations

import functools
from pathlib import Path

import country_converter as coco
import pandas as pd


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
