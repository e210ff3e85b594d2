"""French and English: the interface's words, country names, numbers and dates in each language.

Country and continent names, number and date formats come from the Unicode CLDR through Babel, not from a
hand-written list. The interface's own words are in :data:`TEXT`, one entry per key with both languages,
so a missing translation is a test failure (``tests/unit/test_i18n.py``), not a blank on the page.
"""

from __future__ import annotations

import functools
from datetime import date

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from .countries import country_converter

LANGUAGES = ("en", "fr")
DEFAULT_LANG = "en"

#: key -> (English, French). ``{name}`` fields are filled by :func:`t`.
TEXT: dict[str, tuple[str, str]] = {
    # page
    "title": ("IN2P3 international collaborations", "Collaborations internationales de l'IN2P3"),
    "subtitle": (
        "CNRS Nucléaire & Particules (IN2P3): cooperation instruments, agreements and research "
        "infrastructures with partners on five continents.",
        "CNRS Nucléaire & Particules (IN2P3) : instruments de coopération, accords et infrastructures "
        "de recherche avec des partenaires sur cinq continents.",
    ),
    "data_of": ("Data of {date}.", "Données du {date}."),
    "data_of_caption": ("data of {date}", "données du {date}"),
    "language": ("Language", "Langue"),
    "switch_language": ("Français", "English"),
    "switch_language_title": ("Afficher en français", "Show in English"),
    "present": ("Present", "Présenter"),
    "story_prev": ("Previous view (←)", "Vue précédente (←)"),
    "story_next": ("Next view (→)", "Vue suivante (→)"),
    "story_nav": ("Presentation", "Présentation"),
    "fullscreen": ("Full screen", "Plein écran"),
    "present_exit": ("Leave presentation mode", "Quitter la présentation"),
    "step_of": ("{step} / {total}", "{step} / {total}"),
    "key_figures": ("Key figures", "Chiffres clés"),
    # filter panel
    "panel_view": ("View", "Vue"),
    "panel_filters": ("Filters", "Filtres"),
    "measure": ("Colour the map by", "Colorer la carte selon"),
    "measure_instruments": ("Collaborations", "Collaborations"),
    "measure_partners": ("Partner institutions", "Institutions partenaires"),
    "measure_infrastructures": ("Infrastructures", "Infrastructures"),
    "selected_countries": ("Selected countries", "Pays sélectionnés"),
    "selected_hint": ("Click the map, or type a country name.", "Cliquez sur la carte ou tapez le nom d'un pays."),
    "search_country": ("Search a country…", "Chercher un pays…"),
    "clear_selection": ("Clear selection", "Effacer la sélection"),
    "reset_view": ("Reset view", "Réinitialiser"),
    "instrument_type": ("Instrument type", "Type d'instrument"),
    "none_ticked": ("None ticked: all types.", "Aucune case cochée : tous les types."),
    "continent": ("Continent", "Continent"),
    "all_continents": ("All continents", "Tous les continents"),
    "theme": ("Theme", "Thème"),
    "all_themes": ("All themes", "Tous les thèmes"),
    "lab": ("IN2P3 lab", "Laboratoire IN2P3"),
    "all_labs": ("All labs", "Tous les laboratoires"),
    "status": ("Status", "Statut"),
    "active_between": ("Active between", "Actives entre"),
    "active_hint": (
        "Collaborations whose known years overlap the range.",
        "Collaborations dont les années connues recoupent la période.",
    ),
    # map card
    "map_title": ("Where IN2P3 collaborates", "Où collabore l'IN2P3"),
    "map_caption": ("Countries coloured by the number of {what}.", "Pays colorés selon le nombre de {what}."),
    "map_caption_once": (
        " A collaboration counts once in each of its countries.",
        " Une collaboration compte une fois dans chacun de ses pays.",
    ),
    "what_instruments": (
        "collaborations (instruments and infrastructure contributions)",
        "collaborations (instruments et contributions à des infrastructures)",
    ),
    "what_partners": ("partner institutions", "institutions partenaires"),
    "what_infrastructures": (
        "research infrastructures sited in the country",
        "infrastructures de recherche situées dans le pays",
    ),
    "unit_instruments": ("collaborations", "collaborations"),
    "unit_partners": ("partner institutions", "institutions partenaires"),
    "unit_infrastructures": ("infrastructures", "infrastructures"),
    "no_unit_in_view": ("no {unit} in this view", "aucune {unit} dans cette vue"),
    "no_collaboration": ("No collaboration", "Aucune collaboration"),
    "home": ("{country} (home)", "{country} (siège)"),
    "home_hover": (
        "home of IN2P3<br>{n} collaborations sited in {country}",
        "siège de l'IN2P3<br>{n} collaborations situées en {country}",
    ),
    "sites": ("Infrastructure sites", "Sites d'infrastructures"),
    "small_countries": ("Small countries", "Petits pays"),
    "site_status": ("status", "statut"),
    "site_labs": ("IN2P3 labs", "laboratoires IN2P3"),
    "no_lab_named": ("none named in the sources", "aucun cité dans les sources"),
    "not_on_map": (
        "Not on the map: {n} collaborations with no published country or a site in space ({detail}).",
        "Hors carte : {n} collaborations sans pays publié ou situées dans l'espace ({detail}).",
    ),
    "click_hint": (
        "Click a country to select it; click again to deselect.",
        "Cliquez sur un pays pour le sélectionner, à nouveau pour le désélectionner.",
    ),
    "selected": ("Selected: ", "Sélection : "),
    "map_summary": (
        "{countries} partner countries on the map; most {unit}: {top}.",
        "{countries} pays partenaires sur la carte ; le plus de {unit} : {top}.",
    ),
    "map_summary_none": ("No partner country in this view.", "Aucun pays partenaire dans cette vue."),
    # charts
    "by_continent": ("By continent", "Par continent"),
    "by_continent_caption": (
        "Each collaboration counts once per continent, however many of its countries take part.",
        "Chaque collaboration compte une fois par continent, quel que soit le nombre de ses pays.",
    ),
    "top_countries": ("Top partner countries", "Principaux pays partenaires"),
    "top_countries_caption": (
        "Collaborations per country; a multi-country collaboration counts in each of its "
        "countries. France (home) is not ranked.",
        "Collaborations par pays ; une collaboration multi-pays compte dans chacun de ses pays. "
        "La France (siège) n'est pas classée.",
    ),
    "by_type": ("By instrument type", "Par type d'instrument"),
    "by_type_caption": (
        "Number of instruments: a network counts once; the IEA, whose list is not published, "
        "count as their published total.",
        "Nombre d'instruments : un réseau compte une fois ; les IEA, dont la liste n'est pas "
        "publiée, comptent pour leur total publié.",
    ),
    "per_year": ("Active collaborations per year", "Collaborations actives par année"),
    "per_year_caption": (
        "Collaborations with a known start year, active each year.",
        "Collaborations dont l'année de début est connue, actives chaque année.",
    ),
    "per_year_left_out": (
        "{n} collaborations in view have no known start year and are not drawn.",
        "{n} collaborations de la vue n'ont pas d'année de début connue et ne sont pas tracées.",
    ),
    "no_data": ("No collaboration in this view", "Aucune collaboration dans cette vue"),
    "no_start_year": (
        "No collaboration with a known start year in this view",
        "Aucune collaboration avec une année de début connue dans cette vue",
    ),
    "no_country": ("No country", "Sans pays"),
    "instruments_hover": ("instruments", "instruments"),
    # key figures
    "fig_collaborations": ("Collaborations", "Collaborations"),
    "fig_partner_countries": ("Partner countries", "Pays partenaires"),
    "fig_partner_countries_detail": ("countries on the map, France not counted", "pays sur la carte, hors France"),
    "fig_partner_institutions": ("Partner institutions", "Institutions partenaires"),
    "fig_partner_institutions_detail": ("named in the sources", "citées dans les sources"),
    "fig_continents": ("Continents", "Continents"),
    "fig_continents_detail": ("with a partner country", "avec un pays partenaire"),
    "fig_infrastructures": ("Research infrastructures", "Infrastructures de recherche"),
    "fig_infrastructures_detail": ("IN2P3 labs contribute to", "auxquelles contribuent des laboratoires IN2P3"),
    "none": ("none", "aucun"),
    # table
    "table_title": ("Collaborations in view", "Collaborations de la vue"),
    "table_caption": (
        "{rows} rows, {n} instruments{where}. Sort by clicking a column header; hover a name for the "
        "notes on its sources.",
        "{rows} lignes, {n} instruments{where}. Cliquez sur un en-tête pour trier ; survolez un nom "
        "pour les notes sur ses sources.",
    ),
    "in_selected": (" in the selected countries", " dans les pays sélectionnés"),
    "and_more": ("and {n} more", "et {n} autres"),
    "source": ("source", "source"),
    "download_csv": ("Download CSV", "Télécharger CSV"),
    "download_xlsx": ("Download Excel", "Télécharger Excel"),
    "col_type": ("Type", "Type"),
    "col_name": ("Collaboration", "Collaboration"),
    "col_countries": ("Countries", "Pays"),
    "col_theme": ("Theme", "Thème"),
    "col_labs": ("IN2P3 labs", "Laboratoires IN2P3"),
    "col_partners": ("Partner institutions", "Institutions partenaires"),
    "col_years": ("Years", "Années"),
    "col_status": ("Status", "Statut"),
    "col_count": ("Instruments", "Instruments"),
    "col_confidence": ("Confidence", "Fiabilité"),
    "col_source": ("Source", "Source"),
    "col_id": ("Id", "Id"),
    "col_notes": ("Notes", "Notes"),
    # notices
    "notice_link": ("Part of the link was not understood: ", "Une partie du lien n'a pas été comprise : "),
    "callback_error": (
        "Something went wrong while updating the view; the error was logged. Reload the page to start again.",
        "La mise à jour de la vue a échoué ; l'erreur a été journalisée. Rechargez la page pour recommencer.",
    ),
    # footer
    "footer_counting": (
        "How the numbers count: a collaboration counts once in totals and once in each of its "
        "countries on the map; the International Emerging Actions are counted as a total because "
        "their titles and countries are not published. Sites are approximate. ",
        "Comment les nombres comptent : une collaboration compte une fois dans les totaux et une "
        "fois dans chacun de ses pays sur la carte ; les actions internationales émergentes sont "
        "comptées en total car leurs titres et pays ne sont pas publiés. Les sites sont "
        "approximatifs. ",
    ),
    "footer_sources": (
        "Sources: every row links to the page its facts come from (table above); main source: ",
        "Sources : chaque ligne renvoie à la page d'où viennent ses informations (tableau ci-dessus) ; "
        "source principale : ",
    ),
    "footer_map": (". Map: Natural Earth (public domain).", ". Carte : Natural Earth (domaine public)."),
    "main_source": ("in2p3.cnrs.fr — An open global strategy", "in2p3.cnrs.fr — Une ouverture mondiale stratégique"),
    # captions of a view (presentation, exports)
    "all_collaborations": ("All collaborations", "Toutes les collaborations"),
    "active_years": ("active {years}", "actives {years}"),
    "and": ("and", "et"),
    # exports: images, slide deck, Excel
    "export_source": (
        "Source: IN2P3 international collaborations, data of {date}, compiled from public pages "
        "(in2p3.cnrs.fr and the source linked on each row).",
        "Source : collaborations internationales de l'IN2P3, données du {date}, établies d'après des "
        "pages publiques (in2p3.cnrs.fr et la source citée pour chaque ligne).",
    ),
    "export_source_map": (" Map: Natural Earth.", " Carte : Natural Earth."),
    "export_source_short": (
        "Source: IN2P3 international collaborations (in2p3.cnrs.fr and the source of each row)",
        "Source : collaborations internationales de l'IN2P3 (in2p3.cnrs.fr et la source de chaque ligne)",
    ),
    "download_deck": ("Slides (PPTX)", "Diaporama (PPTX)"),
    "download_deck_title": (
        "This view as slides: title, key figures, map, charts and table, each captioned with "
        "the filters, data date and source",
        "Cette vue en diapositives : titre, chiffres clés, carte, graphiques et tableau, chacun "
        "légendé avec les filtres, la date des données et la source",
    ),
    "download_png_title": (
        "Download as PNG (1920 × 1080 px, with title, filters and source)",
        "Télécharger en PNG (1920 × 1080 px, avec titre, filtres et source)",
    ),
    "download_svg_title": (
        "Download as SVG (vector, with title, filters and source)",
        "Télécharger en SVG (vectoriel, avec titre, filtres et source)",
    ),
    "deck_link": ("This view on the dashboard: ", "Cette vue dans le tableau de bord : "),
    "deck_table_caption": (
        "{rows} rows, {n} instruments{where}. Partners, sources and notes of every row: the Excel "
        "or CSV download of the view.",
        "{rows} lignes, {n} instruments{where}. Partenaires, sources et notes de chaque ligne : "
        "le téléchargement Excel ou CSV de la vue.",
    ),
    # accessibility and layout (issue 12): skip link, landmarks, the filter drawer, the table's pages and sorts,
    # the country list's own words (dcc.Dropdown ``labels``)
    "skip_to_map": ("Skip to the map", "Aller à la carte"),
    "skip_to_filters": ("Skip to the filters", "Aller aux filtres"),
    "page_actions": ("Page actions", "Actions de la page"),
    "views_label": ("Map and views", "Carte et vues"),
    "panel_label": ("View and filters", "Vue et filtres"),
    "filters_button": ("Filters", "Filtres"),
    "close_filters": ("Close the filters", "Fermer les filtres"),
    "ticked_count": ("{n} ticked", "{n} cochés"),
    "table_pages": ("Pages of the table", "Pages du tableau"),
    "first_page": ("First page", "Première page"),
    "previous_page": ("Previous page", "Page précédente"),
    "next_page": ("Next page", "Page suivante"),
    "last_page": ("Last page", "Dernière page"),
    "page_of": ("Page {page} of {count}", "Page {page} sur {count}"),
    "rows_of": ("rows {first}–{last} of {total}", "lignes {first} à {last} sur {total}"),
    "no_rows": ("No collaboration in this view.", "Aucune collaboration dans cette vue."),
    "notes": ("Notes", "Notes"),
    "source_of": ("Source of {name}", "Source : {name}"),
    "search_label": ("Search", "Rechercher"),
    "clear_search": ("Clear search", "Effacer la recherche"),
    "clear_countries": ("Clear the selected countries", "Effacer les pays choisis"),
    "countries_chosen": ("{num_selected} selected", "{num_selected} choisis"),
    "nothing_found": ("No country found", "Aucun pays trouvé"),
    "select_all": ("Select all", "Tout choisir"),
    "deselect_all": ("Deselect all", "Tout enlever"),
    # issue 13: partner institutions and IN2P3 labs on the map, the links between them, a profile for every country
    "partners_legend": ("Partner institutions", "Institutions partenaires"),
    "labs_legend": ("IN2P3 labs", "Laboratoires IN2P3"),
    "links_legend": ("Links lab–partner", "Liens laboratoire–partenaire"),
    "international_seat": ("international organisation, at its seat", "organisation internationale, à son siège"),
    "point_collaborations": ("{n} in view: {names}", "{n} dans la vue : {names}"),
    "point_labs": ("IN2P3 labs: {names}", "Laboratoires IN2P3 : {names}"),
    "point_no_lab": ("no IN2P3 lab named with it", "aucun laboratoire IN2P3 cité avec lui"),
    "point_partners": ("Works with: {names}", "Travaille avec : {names}"),
    "click_selects": ("Click to select this country ({country})", "Cliquez pour sélectionner ce pays ({country})"),
    "links_control_legend": ("Links", "Liens"),
    "links_control": ("Show links from IN2P3 labs", "Afficher les liens des laboratoires IN2P3"),
    "links_note": (
        "Links: {drawn} pairs of an IN2P3 lab and a partner institution or infrastructure site of the same "
        "collaboration, drawn as {arcs} lines between places (the wider, the more collaborations).",
        "Liens : {drawn} paires d'un laboratoire IN2P3 et d'une institution partenaire ou d'un site d'infrastructure "
        "d'une même collaboration, tracées en {arcs} lignes entre lieux (plus larges pour plus de collaborations).",
    ),
    "links_none": ("Links: none in this view.", "Liens : aucun dans cette vue."),
    "links_not_drawn": (" Not drawn: {detail}.", " Non tracées : {detail}."),
    "links_all_drawn": (" Every pair is drawn.", " Toutes les paires sont tracées."),
    "undrawn_lab_unplaced": (
        "{n} with a lab that has no known place ({labs})",
        "{n} avec un laboratoire sans lieu connu ({labs})",
    ),
    "undrawn_partner_unplaced": (
        "{n} with a partner that has no known place",
        "{n} avec un partenaire sans lieu connu",
    ),
    "undrawn_site_unplaced": (
        "{n} with an infrastructure that has no site on the map (space missions)",
        "{n} avec une infrastructure sans site sur la carte (missions spatiales)",
    ),
    "undrawn_off_continent": (
        "{n} whose partner or site is off the map of the continents in view",
        "{n} dont le partenaire ou le site est hors de la carte des continents de la vue",
    ),
    "unlinked_no_lab": (
        "{n} collaborations name no IN2P3 lab",
        "{n} collaborations ne citent aucun laboratoire IN2P3",
    ),
    "unlinked_no_lab_one": ("1 collaboration names no IN2P3 lab", "1 collaboration ne cite aucun laboratoire IN2P3"),
    "unlinked_no_partner_one": (
        "1 names no partner institution and has no site",
        "1 ne cite aucun partenaire et n'a pas de site",
    ),
    "unlinked_no_partner": (
        "{n} name no partner institution and have no site",
        "{n} ne citent aucun partenaire et n'ont pas de site",
    ),
    "links_unlinked": (" No link at all: {detail}.", " Aucun lien : {detail}."),
    "profile_label": ("Profile of {country}", "Profil : {country}"),
    "profile_title": ("{country}: profile", "{country} : profil"),
    "profile_summary": ("{n} collaborations in view: {detail}.", "{n} collaborations dans la vue : {detail}."),
    "profile_summary_none": (
        "{country}: no collaboration in this view.",
        "{country} : aucune collaboration dans la vue.",
    ),
    "profile_first_year": ("First known year: {year}.", "Première année connue : {year}."),
    "profile_no_year": ("No start year known.", "Aucune année de début connue."),
    "profile_instruments": ("Cooperation instruments", "Instruments de coopération"),
    "profile_infrastructures": ("Research infrastructures", "Infrastructures de recherche"),
    "profile_through": ("Also through its institutions", "Aussi par ses institutions"),
    "profile_through_note": (
        "Collaborations that list another country, or none (space missions), in which an institution of this "
        "country takes part: not counted for it on the map.",
        "Collaborations qui citent un autre pays, ou aucun (missions spatiales), auxquelles participe une "
        "institution de ce pays : non comptées pour lui sur la carte.",
    ),
    "profile_partners": ("Partner institutions", "Institutions partenaires"),
    "profile_no_partner": (
        "No institution of this country is named in these collaborations.",
        "Aucune institution de ce pays n'est citée dans ces collaborations.",
    ),
    "profile_labs": ("IN2P3 labs involved", "Laboratoires IN2P3 impliqués"),
    "profile_no_labs": ("No IN2P3 lab is named in these collaborations.", "Aucun laboratoire IN2P3 n'est cité."),
    "profile_close": ("Close profile", "Fermer le profil"),
    "profile_seat": ("international organisation seated here", "organisation internationale qui siège ici"),
    "profile_several": (
        "{n} countries selected. Open the profile of one:",
        "{n} pays sélectionnés. Ouvrir le profil de l'un d'eux :",
    ),
    "profile_since": ("since {year}", "depuis {year}"),
    "profile_labs_of": ("IN2P3: {labs}", "IN2P3 : {labs}"),
    "profile_with": ("with {names}", "avec {names}"),
    "n_collaborations": ("{n} collaborations", "{n} collaborations"),
    "one_collaboration": ("1 collaboration", "1 collaboration"),
    "profile_count": ("{n} instruments", "{n} instruments"),
    "profile_image_hint": (
        "Select one country (click it on the map) to get its profile.",
        "Sélectionnez un pays (cliquez-le sur la carte) pour obtenir son profil.",
    ),
    "profile_of_first": (
        "The first of the {n} selected countries; the slides have a profile of each.",
        "Le premier des {n} pays sélectionnés ; le diaporama a le profil de chacun.",
    ),
    "profile_and_more": ("and {n} more: see the table of the view", "et {n} autres : voir le tableau de la vue"),
}

#: Vocabulary labels: instrument types, themes, statuses, continents (codes and slugs stay in the URL).
INSTRUMENT_NAMES = {
    "IRL": ("International Research Laboratory", "Laboratoire de recherche international"),
    "IRP": ("International Research Programme", "Programme de recherche international"),
    "IRN": ("International Research Network", "Réseau de recherche international"),
    "IEA": ("International Emerging Action", "Action internationale émergente"),
    "AGR": ("Agreement", "Accord"),
    "INFRA": ("Research infrastructure", "Infrastructure de recherche"),
}
THEME_NAMES = {
    "particle physics": ("particle physics", "physique des particules"),
    "nuclear physics": ("nuclear physics", "physique nucléaire"),
    "astroparticle & cosmology": ("astroparticle & cosmology", "astroparticules et cosmologie"),
    "accelerators": ("accelerators", "accélérateurs"),
    "computing": ("computing", "calcul"),
    "nuclear energy & health": ("nuclear energy & health", "énergie nucléaire et santé"),
}
STATUS_NAMES = {
    "active": ("active", "actif"),
    "under construction": ("under construction", "en construction"),
    "planned": ("planned", "prévu"),
    "prototype": ("prototype", "prototype"),
    "ended": ("ended", "terminé"),
}
CONFIDENCE_NAMES = {
    "verified": ("verified", "vérifié"),
    "recalled": ("recalled", "de mémoire"),
}
#: CLDR territory codes of the continents (UN M.49), for their names in each language.
_CONTINENT_CODES = {
    "Europe": "150",
    "Asia": "142",
    "North America": "003",
    "South America": "005",
    "Africa": "002",
    "Oceania": "009",
    "Antarctica": "AQ",
}
from .schema import NO_COUNTRY as NO_COUNTRY_KEY  # noqa: E402  (one name for the "no country" bar)


def lang_index(lang: str) -> int:
    return 1 if lang == "fr" else 0


def t(key: str, lang: str = DEFAULT_LANG, **fields) -> str:
    """The interface text ``key`` in ``lang``, with ``{fields}`` filled."""
    text = TEXT[key][lang_index(lang)]
    return text.format(**fields) if fields else text


def instrument_name(code: str, lang: str = DEFAULT_LANG) -> str:
    return INSTRUMENT_NAMES[code][lang_index(lang)] if code in INSTRUMENT_NAMES else code


def theme_name(value: str, lang: str = DEFAULT_LANG) -> str:
    return THEME_NAMES[value][lang_index(lang)] if value in THEME_NAMES else value


def confidence_name(value: str, lang: str = DEFAULT_LANG) -> str:
    return CONFIDENCE_NAMES[value][lang_index(lang)] if value in CONFIDENCE_NAMES else value


def status_name(value: str, lang: str = DEFAULT_LANG) -> str:
    return STATUS_NAMES[value][lang_index(lang)] if value in STATUS_NAMES else value


#: Babel locale of each language: British English writes "25 November 2026".
_LOCALES = {"en": "en_GB", "fr": "fr_FR"}


@functools.lru_cache(maxsize=4)
def _locale(lang: str) -> Locale:
    return Locale.parse(_LOCALES.get(lang, lang))


def continent_name(name: str, lang: str = DEFAULT_LANG) -> str:
    """A continent (country_converter's English name) in ``lang``, from CLDR."""
    if name == NO_COUNTRY_KEY:
        return t("no_country", lang)
    code = _CONTINENT_CODES.get(name)
    if lang == "en" or code is None:
        return name
    return _locale(lang).territories.get(code, name)


@functools.lru_cache(maxsize=1024)
def _alpha2(iso3: str) -> str | None:
    code = country_converter().convert(iso3, src="ISO3", to="ISO2", not_found=None)
    return code if isinstance(code, str) else None


def country_name(iso3: str, lang: str = DEFAULT_LANG, fallback: str | None = None) -> str:
    """The common name of a country in ``lang``: CLDR's, e.g. "Japon" for JPN in French."""
    alpha2 = _alpha2(iso3)
    territories = _locale(lang).territories
    if alpha2 and alpha2 in territories:
        # CLDR's "short" forms read better on a map ("United States" rather than "United States of America")
        return _SHORT.get((lang, alpha2)) or territories[alpha2]
    return fallback or iso3


_SHORT = {
    ("en", "US"): "United States",
    ("fr", "US"): "États-Unis",
    ("en", "GB"): "United Kingdom",
    ("fr", "GB"): "Royaume-Uni",
}


def number(value: float | int, lang: str = DEFAULT_LANG) -> str:
    """A number written the way ``lang`` writes it (French: 1 234,5)."""
    return format_decimal(value, locale=_locale(lang))


def long_date(value: date, lang: str = DEFAULT_LANG) -> str:
    """25 November 2026 / 25 novembre 2026."""
    return _babel_date(value, format="long", locale=_locale(lang))


def join_words(items: list[str], lang: str = DEFAULT_LANG) -> str:
    """ "IRL and IRP", "IRL, IRP and IRN" (French: "IRL et IRP")."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {t('and', lang)} " + items[-1]
