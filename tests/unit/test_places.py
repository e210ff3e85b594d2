"""Places: cities resolved to coordinates with GeoNames (offline), and the validation of the city columns."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import schema
from dashboard.config import Settings
from dashboard.loading import COAST_TOLERANCE_KM, DataError, load_geometry, places, validate_folder


def edit_csv(folder, name, row, column, value):
    """Set one cell; ``row`` is the spreadsheet row (header = 1)."""
    path = folder / name
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(path, index=False)


def problems_of(folder) -> list:
    with pytest.raises(DataError) as caught:
        validate_folder(folder)
    return caught.value.problems


def only(problems, **where):
    found = [p for p in problems if all(getattr(p, k) == v for k, v in where.items())]
    assert found, f"no problem with {where} in {[str(p) for p in problems]}"
    return found[0]


# -- The resolver -----------------------------------------------------------------------------------------


def test_plc001_known_cities_resolve_within_their_country():
    tsukuba = places.resolve("Tsukuba", "JPN")
    assert tsukuba.name == "Tsukuba" and tsukuba.iso3 == "JPN"
    assert tsukuba.lat == pytest.approx(36.08, abs=0.05) and tsukuba.lon == pytest.approx(140.11, abs=0.05)
    assert tsukuba.geonameid == 2110681
    geneva = places.resolve("Geneva", "CHE")
    assert geneva.name == "Geneva" and geneva.lat == pytest.approx(46.20, abs=0.05)
    assert geneva.lon == pytest.approx(6.15, abs=0.05)


def test_plc002_case_accents_punctuation_and_alternate_names():
    rez = places.resolve("Řež", "CZE")
    assert places.resolve("rez", "CZE") == rez  # accent- and case-insensitive
    assert places.resolve("GENÈVE", "CHE") == places.resolve("Geneva", "CHE")  # an alternate name (French)
    assert places.resolve("Kiev", "UKR").name == "Kyiv"  # an older spelling
    assert places.resolve("Saint Martin d Heres", "FRA").name == "Saint-Martin-d'Hères"  # punctuation
    assert places.normalize("  Saint-Martin-d'Hères ") == "saint martin d heres"


def test_plc003_several_matches_take_the_most_populous_without_false_ambiguity():
    # Cambridge, Massachusetts (~110,000) against Cambridge, Maryland (~12,500): not a real ambiguity
    assert places.resolve("Cambridge", "USA").admin1 == "MA"
    assert places.resolve("Washington", "USA").admin1 == "DC"


def test_plc004_unknown_city_suggests_close_names():
    with pytest.raises(places.UnknownPlace) as caught:
        places.resolve("Tsukubba", "JPN")
    assert "Tsukuba" in caught.value.suggestions
    assert "did you mean 'Tsukuba'" in str(caught.value) and "Japan" in str(caught.value)


def test_plc005_a_city_of_another_country_names_that_country():
    with pytest.raises(places.WrongCountry) as caught:
        places.resolve("Tsukuba", "FRA")
    assert caught.value.countries == ("JPN",)
    assert "Japan (JPN)" in str(caught.value) and "France" in str(caught.value)


def test_plc006_a_real_ambiguity_is_refused_and_a_geonameid_settles_it():
    with pytest.raises(places.AmbiguousPlace) as caught:
        places.resolve("Pasadena", "USA")  # Texas (~154,000) and California (~142,000)
    assert {p.admin1 for p in caught.value.candidates} >= {"TX", "CA"}
    assert "geonameid" in str(caught.value)
    california = places.resolve("Pasadena", "USA", geonameid=5381396)
    assert california.admin1 == "CA" and california.lat == pytest.approx(34.15, abs=0.05)
    with pytest.raises(places.PlaceError, match="not 'Pasadena'"):
        places.resolve("Pasadena", "USA", geonameid=4744091)  # Alexandria, Virginia
    with pytest.raises(places.AmbiguousPlace):
        places.resolve("Tokai", "JPN")  # Tōkai, Aichi and Tokai, Ibaraki (J-PARC, JAEA)


def test_plc007_bad_country_code_and_empty_city():
    with pytest.raises(places.PlaceError, match="alpha-3"):
        places.resolve("Paris", "XX")
    with pytest.raises(places.UnknownPlace):
        places.resolve("  ", "FRA")


def test_plc008_the_index_of_a_country_is_built_once():
    places.prepare(["JPN"])
    first = places._INDEXES["JPN"]
    places.prepare(["JPN", "CHE"])
    places.resolve("Kashiwa", "JPN")
    assert places._INDEXES["JPN"] is first


# -- Validation -------------------------------------------------------------------------------------------


def test_plc010_a_broken_partner_city_gives_file_row_column_and_suggestion(mini_copy):
    edit_csv(mini_copy, "partners.csv", 2, "city", "Tsukubba")
    p = only(problems_of(mini_copy), file="partners.csv", row=2, column="city")
    assert "'Tsukubba'" in p.message and "did you mean 'Tsukuba'" in p.message


def test_plc011_a_city_outside_the_rows_country_is_named(mini_copy):
    edit_csv(mini_copy, "partners.csv", 5, "city", "Tsukuba")  # P-4 is in Argentina
    p = only(problems_of(mini_copy), file="partners.csv", row=5, column="city")
    assert "Argentina" in p.message and "Japan (JPN)" in p.message


def test_plc012_an_ambiguous_city_is_refused_until_a_geonameid_chooses(mini_copy):
    edit_csv(mini_copy, "partners.csv", 2, "city", "Tokai")
    p = only(problems_of(mini_copy), file="partners.csv", row=2, column="city")
    assert "ambiguous" in p.message and "11776897" in p.message
    edit_csv(mini_copy, "partners.csv", 2, "geonameid", "11776897")
    assert validate_folder(mini_copy).partners.at["P-1", "city"] == "Tokai"
    edit_csv(mini_copy, "partners.csv", 2, "geonameid", "2110681")  # Tsukuba's id
    p = only(problems_of(mini_copy), file="partners.csv", row=2, column="geonameid")
    assert "Tsukuba" in p.message


def test_plc013_international_organisation_seat(mini_copy):
    edit_csv(mini_copy, "partners.csv", 3, "seat_iso3", "")  # CERN at Meyrin: no country to look it up in
    assert "needs the country of the seat" in only(problems_of(mini_copy), row=3, column="seat_iso3").message
    edit_csv(mini_copy, "partners.csv", 3, "seat_iso3", "FRA")
    assert "Switzerland (CHE)" in only(problems_of(mini_copy), row=3, column="city").message
    edit_csv(mini_copy, "partners.csv", 3, "seat_iso3", "CHX")
    assert "alpha-3" in only(problems_of(mini_copy), row=3, column="seat_iso3").message
    edit_csv(mini_copy, "partners.csv", 3, "seat_iso3", "CHE")
    edit_csv(mini_copy, "partners.csv", 2, "seat_iso3", "JPN")  # KEK has a country: no seat
    assert "only when country_iso3 is empty" in only(problems_of(mini_copy), row=2, column="seat_iso3").message


def test_plc014_site_coordinates_both_inside_the_country_and_confidence(mini_copy):
    edit_csv(mini_copy, "partners.csv", 2, "lat", "36.15")
    assert "give both or neither" in only(problems_of(mini_copy), row=2, column="lon").message
    edit_csv(mini_copy, "partners.csv", 2, "lon", "-140.10")  # the wrong hemisphere
    assert "outside Japan" in only(problems_of(mini_copy), row=2, column="lat").message
    edit_csv(mini_copy, "partners.csv", 2, "lon", "140.10")
    edit_csv(mini_copy, "partners.csv", 2, "city", "Oho")  # a locality GeoNames may not have: lat/lon locate it
    edit_csv(mini_copy, "partners.csv", 4, "city_confidence", "")
    assert only(problems_of(mini_copy), row=4, column="city_confidence")
    edit_csv(mini_copy, "partners.csv", 4, "city_confidence", "sure")
    assert "not an allowed value" in only(problems_of(mini_copy), row=4, column="city_confidence").message


def test_plc015_lab_cities_are_checked_in_their_country(mini_copy):
    edit_csv(mini_copy, "labs.csv", 3, "city", "Anecy")
    p = only(problems_of(mini_copy), file="labs.csv", row=3, column="city")
    assert "did you mean 'Annecy'" in p.message


def test_plc016_participation_has_a_confidence(mini_copy):
    edit_csv(mini_copy, "participation.csv", 2, "confidence", "")
    assert "required" in only(problems_of(mini_copy), file="participation.csv", row=2, column="confidence").message
    assert "confidence" in schema.PARTICIPATION.column_names


def test_plc017_check_cities_as_a_function():
    frame = pd.DataFrame(
        {"code": ["A", "B"], "city": ["Grenoble", "Grenoblx"], "country_iso3": ["FRA", "FRA"]},
        index=pd.Index([2, 3]),
    )
    problems = places.check_cities(frame, schema.LABS)
    assert [(p.file, p.row, p.column) for p in problems] == [("labs.csv", 3, "city")]
    assert "did you mean 'Grenoble'" in problems[0].message


# -- The shipped data -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def geometry():
    return load_geometry(Settings().geometry_file)


def _within(geometry, iso3: str, lat: float, lon: float) -> float:
    km = places.point_in_country(lat, lon, iso3, geometry)
    assert km is not None, f"{iso3} has no shape"
    return km


def test_plc020_every_shipped_partner_is_located_in_its_country(shipped, geometry):
    partners = shipped.partners
    assert partners["city"].astype(bool).all(), "a partner has no city"
    assert set(partners["city_confidence"]) <= set(schema.CONFIDENCES)
    for pid, rec in partners.iterrows():
        where = rec["country_iso3"] or rec["seat_iso3"]
        assert where, pid
        lat, lon, how = places.locate(rec)
        assert _within(geometry, where, lat, lon) <= COAST_TOLERANCE_KM, (pid, how, lat, lon)
        if not pd.isna(rec["lat"]):
            continue
        place = places.resolve(rec["city"], where, rec["geonameid"] if not pd.isna(rec["geonameid"]) else None)
        # a GeoNames city lies inside its country's shape (1:50m coastlines: within a few km of it)
        assert _within(geometry, where, place.lat, place.lon) <= 25, (pid, place)


def test_plc021_every_shipped_lab_is_located(shipped, geometry):
    for code, rec in shipped.labs.iterrows():
        if not rec["city"]:
            assert code == "LPCC"  # unresolved code: no city
            continue
        place = places.resolve(rec["city"], rec["country_iso3"])
        assert _within(geometry, rec["country_iso3"], place.lat, place.lon) <= 25, (code, place)
    assert places.resolve(shipped.labs.at["ILANCE", "city"], "JPN").name == "Kashiwa"


def test_plc022_shipped_sites_and_seats(shipped):
    partners = shipped.partners
    assert tuple(partners.loc["P-041", ["acronym", "seat_iso3", "city"]]) == ("CERN", "CHE", "Meyrin")
    assert tuple(partners.loc["P-040", ["acronym", "seat_iso3", "city"]]) == ("JINR", "RUS", "Dubna")
    with_point = set(shipped.partners.loc[shipped.partners["lat"].notna(), "id"])
    assert with_point == {"P-031", "P-047", "P-064"}  # LNGS, BNL, SURF
    international = shipped.partners[shipped.partners["kind"] == "international organisation"]
    assert (international["country_iso3"] == "").all() and international["seat_iso3"].astype(bool).all()


def test_plc023_shipped_participation_confidence(shipped):
    links = pd.read_csv(shipped.folder / "participation.csv", dtype=str, keep_default_na=False)
    assert set(links["confidence"]) == {"verified", "recalled"}
    recalled = links[links["confidence"] == "recalled"]
    recalled = set(zip(recalled["collaboration_id"], recalled["partner_id"]))
    assert ("INF-27", "P-058") in recalled and ("IRP-03", "P-028") in recalled


def test_plc024_the_city_set_is_the_smallest_holding_every_city():
    assert places.CITY_SET == 1000
    assert places.resolve("Modane", "FRA").population < 5000  # not in cities5000: why cities1000
