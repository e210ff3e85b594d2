"""Loading and validation: a valid folder loads; each kind of broken table gives its message."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from dashboard.config import Settings
from dashboard.loading import DataError, validate_folder


def problems_of(folder) -> list:
    with pytest.raises(DataError) as caught:
        validate_folder(folder)
    return caught.value.problems


def edit_csv(folder, name, row, column, value):
    """Set one cell; ``row`` is the spreadsheet row (header = 1)."""
    path = folder / name
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(path, index=False)


def only(problems, **where):
    found = [p for p in problems if all(getattr(p, k) == v for k, v in where.items())]
    assert found, f"no problem with {where} in {[str(p) for p in problems]}"
    return found[0]


def test_ldg001_valid_folder_loads(mini):
    c = mini.collaborations
    assert len(c) == 7
    assert int(c["count"].sum()) == 11
    assert c.loc["INF-01", "countries"] == ("CHE", "FRA")
    assert mini.data_date.isoformat() == "2026-11-25"
    assert set(mini.country_links["iso3"]) == {"JPN", "KOR", "CHN", "ARG", "CHE", "FRA"}


def test_ldg002_missing_column_names_file_and_suggests(mini_copy):
    path = mini_copy / "instruments.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("start_year", "start_yr", 1), encoding="utf-8")
    p = only(problems_of(mini_copy), file="instruments.csv", column="start_year")
    assert "missing" in p.message and "start_yr" in p.message


def test_ldg003_wrong_type_names_row_and_column(mini_copy):
    edit_csv(mini_copy, "instruments.csv", 3, "start_year", "twenty")
    p = only(problems_of(mini_copy), file="instruments.csv", row=3, column="start_year")
    assert "'twenty' is not a whole number" in p.message


def test_ldg004_duplicate_id(mini_copy):
    edit_csv(mini_copy, "instruments.csv", 3, "id", "IRL-01")
    p = only(problems_of(mini_copy), file="instruments.csv", row=3, column="id")
    assert "used twice" in p.message and "row 2" in p.message


def test_ldg005_dangling_link(mini_copy):
    edit_csv(mini_copy, "participation.csv", 2, "partner_id", "P-99")
    p = only(problems_of(mini_copy), file="participation.csv", row=2, column="partner_id")
    assert "'P-99' is not an id of partners.csv" in p.message


def test_ldg006_unknown_country_suggests_code(mini_copy):
    edit_csv(mini_copy, "instruments.csv", 2, "countries", "Japan")
    p = only(problems_of(mini_copy), file="instruments.csv", row=2, column="countries")
    assert "'Japan'" in p.message and "did you mean JPN" in p.message


def test_ldg007_year_out_of_range_and_end_before_start(mini_copy):
    edit_csv(mini_copy, "instruments.csv", 2, "start_year", "1850")
    edit_csv(mini_copy, "instruments.csv", 5, "end_year", "2001")
    problems = problems_of(mini_copy)
    assert "out of range" in only(problems, row=2, column="start_year").message
    assert "before start_year 2005" in only(problems, row=5, column="end_year").message


def test_ldg008_site_outside_its_country(mini_copy):
    edit_csv(mini_copy, "infrastructures.csv", 4, "lat", "35.2")  # Argentina's observatory moved north of the equator
    p = only(problems_of(mini_copy), file="infrastructures.csv", row=4, column="lat")
    assert "outside Argentina" in p.message


def test_ldg009_swapped_coordinates_are_named(mini_copy):
    edit_csv(mini_copy, "infrastructures.csv", 2, "lat", "6.0528")
    edit_csv(mini_copy, "infrastructures.csv", 2, "lon", "46.2342")
    p = only(problems_of(mini_copy), file="infrastructures.csv", row=2, column="lat")
    assert "swapped" in p.message


def test_ldg010_offshore_site_within_tolerance_is_accepted(mini_copy):
    edit_csv(mini_copy, "infrastructures.csv", 2, "countries", "FRA")
    edit_csv(mini_copy, "infrastructures.csv", 2, "lat", "42.80")  # KM3NeT/ORCA, 40 km off Toulon
    edit_csv(mini_copy, "infrastructures.csv", 2, "lon", "6.0333")
    validate_folder(mini_copy)


def test_ldg011_not_utf8(mini_copy):
    path = mini_copy / "partners.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    p = only(problems_of(mini_copy), file="partners.csv")
    assert "not UTF-8" in p.message and "CSV UTF-8" in p.message


def test_ldg012_empty_and_missing_files(mini_copy):
    (mini_copy / "labs.csv").write_text("", encoding="utf-8")
    (mini_copy / "partners.csv").unlink()
    problems = problems_of(mini_copy)
    assert "empty" in only(problems, file="labs.csv").message
    assert "missing" in only(problems, file="partners.csv").message


def test_ldg013_unknown_enum_value_lists_allowed(mini_copy):
    edit_csv(mini_copy, "instruments.csv", 2, "type", "IRX")
    p = only(problems_of(mini_copy), file="instruments.csv", row=2, column="type")
    assert "'IRX' is not an allowed value" in p.message and "IRL" in p.message


def test_ldg014_unknown_lab(mini_copy):
    edit_csv(mini_copy, "instruments.csv", 2, "in2p3_labs", "IJCLab;LAPPP")
    p = only(problems_of(mini_copy), file="instruments.csv", row=2, column="in2p3_labs")
    assert "'LAPPP'" in p.message and "did you mean 'LAPP'" in p.message


def test_ldg015_bad_dataset_json(mini_copy):
    (mini_copy / "dataset.json").write_text('{"data_date": "25/11/2026"}', encoding="utf-8")
    p = only(problems_of(mini_copy), file="dataset.json", column="data_date")
    assert "YYYY-MM-DD" in p.message


def test_ldg016_all_problems_reported_at_once(mini_copy):
    edit_csv(mini_copy, "instruments.csv", 2, "start_year", "x")
    edit_csv(mini_copy, "partners.csv", 3, "kind", "club")
    edit_csv(mini_copy, "infrastructures.csv", 2, "lon", "999")
    problems = problems_of(mini_copy)
    assert {p.file for p in problems} == {"instruments.csv", "partners.csv", "infrastructures.csv"}


def test_ldg017_report_is_a_readable_message(mini_copy):
    edit_csv(mini_copy, "instruments.csv", 4, "count", "0")
    with pytest.raises(DataError) as caught:
        validate_folder(mini_copy)
    report = caught.value.report()
    assert "instruments.csv, row 4, column 'count'" in report
    assert "python -m dashboard validate" in report
    assert "Traceback" not in report


def test_ldg018_excel_bom_and_blank_rows_are_accepted(mini_copy):
    path = mini_copy / "labs.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes() + b",,,,,,,\n\n")
    assert len(validate_folder(mini_copy).labs) == 2


def test_ldg019_international_partner_needs_no_country_others_do(mini_copy):
    edit_csv(mini_copy, "partners.csv", 2, "country_iso3", "")
    p = only(problems_of(mini_copy), file="partners.csv", row=2, column="country_iso3")
    assert "international organisation" in p.message


def test_ldg020_ids_unique_across_both_collaboration_tables(mini_copy):
    edit_csv(mini_copy, "infrastructures.csv", 2, "id", "IRL-01")
    p = only(problems_of(mini_copy), file="infrastructures.csv", row=2, column="id")
    assert "instruments.csv" in p.message


def test_ldg021_unquoted_comma_is_explained(mini_copy):
    path = mini_copy / "labs.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "LPNHE,Lab, Paris,Paris,FRA,,https://x.org,verified,,extra\n",
        encoding="utf-8",
    )
    p = only(problems_of(mini_copy), file="labs.csv")
    assert "double quotes" in p.message


def test_ldg022_missing_folder(tmp_path):
    p = only(problems_of(tmp_path / "nope"))
    assert "does not exist" in p.message


def test_ldg023_dataset_json_not_json(mini_copy):
    (mini_copy / "dataset.json").write_text("{data_date: 2026}", encoding="utf-8")
    p = only(problems_of(mini_copy), file="dataset.json")
    assert "not valid JSON" in p.message


def test_ldg024_geometry_codes_france_norway_present(mini):
    assert {"FRA", "NOR", "CHE", "LUX", "SGP"} <= set(mini.countries.index)
    assert mini.countries.at["FRA", "continent"] == "Europe"  # not from the polygon, which includes French Guiana
    assert mini.countries.at["SGP", "small"] and mini.countries.at["LUX", "small"]
    assert not mini.countries.at["JPN", "small"]


def test_ldg025_story_queries_are_checked_like_links(mini_copy):
    path = mini_copy / "stories.csv"
    path.write_text(path.read_text(encoding="utf-8") + "12,Mars,Mars,continent=Mars\n", encoding="utf-8")
    p = only(problems_of(mini_copy), file="stories.csv", row=13, column="query")
    assert "continent 'Mars' is not known" in p.message


def test_ldg026_stories_are_optional_and_ordered(mini_copy, mini):
    assert [s.step for s in mini.stories] == list(range(1, 12))
    (mini_copy / "stories.csv").unlink()
    assert validate_folder(mini_copy).stories == ()


def test_ldg027_label_points_are_the_topojsons_ct(mini):
    """plotly's label point ('ct') of each country is used, not a computed one (pyogrio reads it as an array)."""
    topology = json.loads(Settings().geometry_file.read_text(encoding="utf-8"))
    ct = {
        g["id"]: g["properties"]["ct"]
        for g in topology["objects"]["countries"]["geometries"]
        if g.get("id") and "ct" in g.get("properties", {})
    }
    for iso in ("CHE", "FRA", "JPN", "ARG"):
        assert [mini.countries.at[iso, "lon"], mini.countries.at[iso, "lat"]] == ct[iso], iso
    assert all(mini.countries.at[iso, "lon"] == ct[iso][0] for iso in mini.countries.index if iso in ct)


def test_ldg028_label_point_accepts_arrays_and_lists_and_falls_back():
    from dashboard.loading.geometry import _label_point

    assert _label_point(np.array([8.21, 46.8])) == (8.21, 46.8)
    assert _label_point([2.5, 46.0]) == (2.5, 46.0) and _label_point((2.5, 46.0)) == (2.5, 46.0)
    for unusable in (None, float("nan"), np.array([np.nan, 1.0]), [], "ab", [1.0]):
        assert _label_point(unusable) == (None, None)
