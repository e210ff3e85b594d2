"""French and English: every text exists in both languages; names, numbers and dates come from CLDR."""

from datetime import date

import pytest

from dashboard import i18n, schema


def test_i18n001_every_text_has_both_languages():
    for key, (en, fr) in i18n.TEXT.items():
        assert en and fr, key
        assert set(_fields(en)) == set(_fields(fr)), key  # same {placeholders}


def _fields(text):
    import string

    return [f for _, f, _, _ in string.Formatter().parse(text) if f]


def test_i18n002_vocabularies_are_translated():
    assert set(i18n.INSTRUMENT_NAMES) == set(schema.INSTRUMENT_TYPES)
    assert set(i18n.THEME_NAMES) == set(schema.THEMES.values())
    assert set(i18n.STATUS_NAMES) == set(schema.STATUSES.values())
    for name in schema.CONTINENTS:
        assert i18n.continent_name(name, "fr")


@pytest.mark.parametrize(
    "iso3, en, fr",
    [
        ("JPN", "Japan", "Japon"),
        ("USA", "United States", "États-Unis"),
        ("KOR", "South Korea", "Corée du Sud"),
        ("CHE", "Switzerland", "Suisse"),
    ],
)
def test_i18n003_country_names_from_cldr(iso3, en, fr):
    assert i18n.country_name(iso3, "en") == en
    assert i18n.country_name(iso3, "fr") == fr


def test_i18n004_numbers_and_dates():
    assert i18n.number(1234.5, "en") == "1,234.5"
    assert i18n.number(1234.5, "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 234,5"
    assert i18n.long_date(date(2026, 11, 25), "en") == "25 November 2026"
    assert i18n.long_date(date(2026, 11, 25), "fr") == "25 novembre 2026"
    assert i18n.continent_name("South America", "fr") == "Amérique du Sud"
    assert i18n.join_words(["IRL", "IRP", "IRN"], "fr") == "IRL, IRP et IRN"


def test_i18n005_view_caption_states_the_filters():
    from dashboard.describe import view_caption
    from dashboard.state import ViewState

    state = ViewState(instruments=("IRL", "IRP"), continents=("Asia",), years=(2015, 2025))
    assert view_caption(state, date(2026, 11, 25)) == "IRL and IRP · Asia · active 2015–2025 · data of 25 November 2026"
    assert (
        view_caption(state, date(2026, 11, 25), "fr")
        == "IRL et IRP · Asie · actives 2015–2025 · données du 25 novembre 2026"
    )
    assert view_caption(ViewState(countries=("JPN",)), date(2026, 11, 25), "fr").startswith(
        "Toutes les collaborations · Japon"
    )
