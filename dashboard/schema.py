"""Column names, types and vocabularies of the data tables: the contract between the spreadsheets and the app.

Everything a data file may contain is declared here once; `loading` checks the files against it and
`state` builds the URL vocabulary from it. `data/README.md` documents the same contract for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# -- Vocabularies -----------------------------------------------------------------------------------

#: Instrument types: the card's "instrument type", in display order. Codes appear in the data and the URL.
INSTRUMENT_TYPES: dict[str, str] = {
    "IRL": "International Research Laboratory",
    "IRP": "International Research Programme",
    "IRN": "International Research Network",
    "IEA": "International Emerging Action",
    "AGR": "Agreement",
    "INFRA": "Research infrastructure",
}
#: Types whose rows live in infrastructures.csv (every other type lives in instruments.csv).
INFRASTRUCTURE_TYPE = "INFRA"
INSTRUMENT_TABLE_TYPES = tuple(t for t in INSTRUMENT_TYPES if t != INFRASTRUCTURE_TYPE)

#: One colour per instrument type: the Okabe-Ito palette, distinguishable with the common colour-vision
#: deficiencies (https://jfly.uni-koeln.de/color/).
TYPE_COLORS: dict[str, str] = {
    "IRL": "#0072B2",
    "IRP": "#E69F00",
    "IRN": "#009E73",
    "IEA": "#CC79A7",
    "AGR": "#56B4E9",
    "INFRA": "#D55E00",
}

#: Themes: URL slug -> the value written in the tables.
THEMES: dict[str, str] = {
    "particle-physics": "particle physics",
    "nuclear-physics": "nuclear physics",
    "astroparticle-cosmology": "astroparticle & cosmology",
    "accelerators": "accelerators",
    "computing": "computing",
    "nuclear-energy-health": "nuclear energy & health",
}

#: Statuses: URL slug -> the value written in the tables.
STATUSES: dict[str, str] = {
    "active": "active",
    "under-construction": "under construction",
    "planned": "planned",
    "prototype": "prototype",
    "ended": "ended",
}
#: Statuses of collaborations that go on at the data date (used by the active-in-year rule).
ONGOING_STATUSES = frozenset({"active", "under construction", "planned", "prototype"})

#: Continents as country_converter's `Continent_7` names them, in display order.
CONTINENTS: tuple[str, ...] = (
    "Europe",
    "Asia",
    "North America",
    "South America",
    "Africa",
    "Oceania",
    "Antarctica",
)

CONFIDENCES = ("verified", "recalled")
PARTNER_KINDS = (
    "university",
    "research institute",
    "national laboratory",
    "agency",
    "international organisation",
    "other",
)
ROLES = ("partner", "host", "coordinator", "funding agency", "operator")

#: The home country, drawn apart on the map.
HOME_ISO3 = "FRA"
#: The continent of collaborations with no published country (space missions, unlisted partners): the label of
#: their bar in the counts by continent, and the key ``i18n`` names in each language.
NO_COUNTRY = "No country"

#: Map measures: URL value -> what one unit of the measure is.
MEASURES: dict[str, str] = {
    "instruments": "collaborations (instruments and infrastructure contributions)",
    "partners": "partner institutions",
    "infrastructures": "research infrastructures sited in the country",
}
DEFAULT_MEASURE = "instruments"

#: Years outside this range are refused as typing errors.
YEAR_MIN, YEAR_MAX = 1950, 2060

LIST_SEPARATOR = ";"


# -- Table specifications ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a table.

    kind: ``text`` (free text), ``id`` (an identifier: no ``;`` or ``,``), ``enum`` (one of ``allowed``), ``int``,
    ``float``, ``list`` (values separated by ``;``), ``url`` (http or https).
    """

    name: str
    kind: str = "text"
    required: bool = False
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""


@dataclass(frozen=True)
class Table:
    """One file of the data folder."""

    file: str
    columns: tuple[Column, ...]
    key: str = ""
    optional: bool = False
    description: str = ""
    column_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))


_source = Column("source_url", "url", required=True, help="the page the facts of the row were read in")
_confidence = Column("confidence", "enum", required=True, allowed=CONFIDENCES)
_years = (
    Column("start_year", "int", minimum=YEAR_MIN, maximum=YEAR_MAX, help="a year such as 2018, or empty"),
    Column("end_year", "int", minimum=YEAR_MIN, maximum=YEAR_MAX, help="a year such as 2022, or empty"),
)
_themes = Column("theme", "enum", allowed=tuple(THEMES.values()))
_status = Column("status", "enum", required=True, allowed=tuple(STATUSES.values()))

INSTRUMENTS = Table(
    "instruments.csv",
    key="id",
    description="CNRS cooperation instruments (IRL, IRP, IRN, IEA) and agreements",
    columns=(
        Column("id", "id", required=True),
        Column("type", "enum", required=True, allowed=INSTRUMENT_TABLE_TYPES),
        Column("acronym"),
        Column("name", required=True),
        Column("countries", "list", help="ISO 3166 alpha-3 codes such as JPN;KOR"),
        _themes,
        Column("in2p3_labs", "list", help="lab codes of labs.csv"),
        *_years,
        _status,
        Column(
            "count",
            "int",
            required=True,
            minimum=1,
            maximum=10_000,
            help="how many instruments the row stands for: 1, or the total of an unpublished list",
        ),
        _source,
        _confidence,
        Column("notes"),
    ),
)

INFRASTRUCTURES = Table(
    "infrastructures.csv",
    key="id",
    description="research infrastructures, experiments and missions IN2P3 labs contribute to",
    columns=(
        Column("id", "id", required=True),
        Column("name", required=True),
        Column("kind", required=True),
        Column("host_institution"),
        Column("site"),
        Column("countries", "list", help="ISO 3166 alpha-3 codes of the site, such as CHE;FRA"),
        Column("lat", "float", minimum=-90, maximum=90, help="decimal degrees north, -90 to 90"),
        Column("lon", "float", minimum=-180, maximum=180, help="decimal degrees east, -180 to 180"),
        _themes,
        Column("in2p3_labs", "list", help="lab codes of labs.csv"),
        *_years,
        _status,
        Column("status_note"),
        _source,
        _confidence,
        Column("notes"),
    ),
)

PARTNERS = Table(
    "partners.csv",
    key="id",
    description="partner institutions",
    columns=(
        Column("id", "id", required=True),
        Column("name", required=True),
        Column("acronym"),
        Column("country_iso3", help="ISO 3166 alpha-3 code; empty only for an international organisation"),
        Column("kind", "enum", required=True, allowed=PARTNER_KINDS),
        _source,
        _confidence,
        Column("notes"),
        # Where the institution is (validated by places.check_cities): its main site's city, looked up in GeoNames
        # within country_iso3, or within seat_iso3 for an international organisation (no country). These come after
        # the first columns so that files and sheets written before them keep their columns' positions.
        Column("seat_iso3", help="ISO 3166 alpha-3 code of an international organisation's seat, such as CHE"),
        Column("city", help="the city of the main site, as the official name or address writes it"),
        Column("city_confidence", "enum", allowed=CONFIDENCES),
        Column(
            "geonameid",
            "int",
            minimum=1,
            maximum=99_999_999,
            help="the GeoNames id of the city, only when its name is ambiguous in the country",
        ),
        Column("lat", "float", minimum=-90, maximum=90, help="decimal degrees north, for a site that is not a city"),
        Column("lon", "float", minimum=-180, maximum=180, help="decimal degrees east, for a site that is not a city"),
    ),
)

PARTICIPATION = Table(
    "participation.csv",
    description="which partner institution takes part in which collaboration",
    columns=(
        Column("collaboration_id", "id", required=True, help="an id of instruments.csv or infrastructures.csv"),
        Column("partner_id", "id", required=True, help="an id of partners.csv"),
        Column("role", "enum", allowed=ROLES),
        Column("source_url", "url"),
        _confidence,
    ),
)

LABS = Table(
    "labs.csv",
    key="code",
    description="IN2P3 laboratories and units",
    columns=(
        Column("code", "id", required=True),
        Column("name", required=True),
        Column("city"),
        Column("country_iso3", required=True),
        Column("former_names"),
        _source,
        _confidence,
        Column("notes"),
    ),
)

TABLES: tuple[Table, ...] = (INSTRUMENTS, INFRASTRUCTURES, PARTNERS, PARTICIPATION, LABS)

#: The story of presentation mode: a sequence of prepared views (optional; no file, no story).
STORIES = Table(
    "stories.csv",
    key="step",
    description="the prepared views of presentation mode, in order",
    columns=(
        Column("step", "int", required=True, minimum=1, maximum=999, help="the position in the story: 1, 2, 3, ..."),
        Column("title_en", required=True),
        Column("title_fr", required=True),
        Column("query", help="the view as the query of a page link, such as continent=Asia&instrument=IRL"),
        # Added by issue 14 (the narrative): a stories.csv without these columns is read with them empty.
        Column("text_en", help="one or two sentences the speaker would say, shown under the title"),
        Column("text_fr", help="the same in French"),
        Column("highlight", "list", help="ISO 3166 alpha-3 codes of the countries to outline, such as JPN;KOR"),
        Column("notes_en", help="the speaker's notes (for the slides, not shown on the page)"),
        Column("notes_fr", help="the same in French"),
    ),
)
#: The columns of stories.csv that a file written before issue 14 does not have (read as empty when missing).
STORY_ADDED_COLUMNS = ("text_en", "text_fr", "highlight", "notes_en", "notes_fr")
#: A step's text is said under its title on a projector: one or two sentences, at most this many characters.
STORY_TEXT_MAX = 300

#: The small description of the data set: its date and the institute-wide facts quoted in the page.
DATASET_FILE = "dataset.json"
