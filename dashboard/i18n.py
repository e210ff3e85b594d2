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
from .schema import NO_COUNTRY as NO_COUNTRY_KEY  # one name for the "no country" bar

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
    # performance (issue 12): the charts in HTML (page/charts.py), the map's key beside it and its first picture
    "chart_bar_country": (
        "Select this country on every view (again: deselect it)",
        "Sélectionner ce pays dans toutes les vues (à nouveau : le désélectionner)",
    ),
    "chart_bar_continent": (
        "Show this continent only (again: every continent)",
        "N'afficher que ce continent (à nouveau : tous les continents)",
    ),
    "chart_timeline_summary": (
        "{title}, {first} to {last}, stacked by instrument type; most in {peak} ({n}). Each year: {years}.",
        "{title}, de {first} à {last}, empilées par type d'instrument ; le plus en {peak} ({n}). Par année : {years}.",
    ),
    "chart_timeline_shaded": (
        " The years asked for are highlighted: {years}.",
        " Les années demandées sont mises en évidence : {years}.",
    ),
    "map_key": ("Key of the map", "Légende de la carte"),
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
    "profile_choose_title": ("Country profiles", "Profils des pays"),
    "profile_choose": (
        "Click a country on the map, or choose one here, to see its collaborations, partner institutions, "
        "infrastructures and IN2P3 labs.",
        "Cliquez sur un pays de la carte, ou choisissez-le ici, pour voir ses collaborations, ses institutions "
        "partenaires, ses infrastructures et les laboratoires IN2P3 impliqués.",
    ),
    "profile_choose_top": (
        "The partner countries of this view with most {unit}:",
        "Les pays partenaires de cette vue qui ont le plus de {unit} :",
    ),
    "profile_choose_more": (
        "and {n} more: type a country's name under “{label}”.",
        "et {n} autres : tapez le nom d'un pays sous « {label} ».",
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
    "profile_colon": ("{label}: {text}", "{label} : {text}"),  # French puts a space before the colon
    "profile_and_more": ("and {n} more: see the table of the view", "et {n} autres : voir le tableau de la vue"),
    # the animated map of the years (exports/animation.py)
    "animation_title": ("IN2P3's collaborations, year by year", "Les collaborations de l'IN2P3, année par année"),
    "animation_active": ("collaborations active that year", "collaborations actives cette année-là"),
    "animation_caption": (
        "{n} collaborations active in {year} (their known years span it); each counts once in each of its countries.",
        "{n} collaborations actives en {year} (leurs années connues l'incluent) ; chacune compte une fois dans "
        "chacun de ses pays.",
    ),
    "animation_unknown": (
        "Start unknown: {n}, never placed at an invented year (counted in {year} only, when they go on).",
        "Début inconnu : {n}, jamais placées à une année inventée (comptées en {year} seulement, si elles se "
        "poursuivent).",
    ),
    "animation_none": (
        "No collaboration of this view has a known start year: there is no year to show.",
        "Aucune collaboration de cette vue n'a d'année de début connue : il n'y a pas d'année à montrer.",
    ),
    "download_gif_title": (
        "The map year by year, as an animated image (GIF) for a slide",
        "La carte année par année, en image animée (GIF) pour une diapositive",
    ),
    # issue 14, the strategy meeting told: the year player (page/player.py), sharing and embedding (page/share.py)
    "player_label": ("The years, one by one", "Les années, une à une"),
    "player_back": ("Previous year", "Année précédente"),
    "player_back_title": ("Show the year before", "Afficher l'année précédente"),
    "player_play": ("Play", "Lecture"),
    "player_play_title": (
        "Play the years one by one, from the first year of the data",
        "Parcourir les années une à une, depuis la première année des données",
    ),
    "player_pause": ("Pause", "Pause"),
    "player_pause_title": ("Stop on the year shown", "S'arrêter sur l'année affichée"),
    "player_forward": ("Next year", "Année suivante"),
    "player_forward_title": ("Show the year after", "Afficher l'année suivante"),
    "start_unknown": ("start unknown: {n}", "début inconnu : {n}"),
    "start_unknown_said": (
        "{n} collaborations of the view have no known start year: none is placed at an earlier year; those that "
        "go on count in {year}, the year of the data.",
        "{n} collaborations de la vue n'ont pas d'année de début connue : aucune n'est placée à une année "
        "antérieure ; celles qui se poursuivent comptent en {year}, l'année des données.",
    ),
    "copy_link": ("Copy link", "Copier le lien"),
    "copy_link_title": ("Copy the address of this view", "Copier l'adresse de cette vue"),
    "link_copied": ("Link copied", "Lien copié"),
    "code_copied": ("Code copied", "Code copié"),
    "copy_by_hand": (
        "Selected: press Ctrl+C (⌘+C on a Mac) to copy it",
        "Sélectionné : appuyez sur Ctrl+C (⌘+C sur Mac) pour le copier",
    ),
    "embed": ("Embed", "Intégrer"),
    "embed_code_label": (
        "HTML code to paste into an intranet or Indico page",
        "Code HTML à coller dans une page intranet ou Indico",
    ),
    "embed_hint": (
        "It shows this view's map and key figures, with the data date and a link to the full view. The page's "
        "site must be allowed by the dashboard's administrator (IN2P3_FRAME_ANCESTORS).",
        "Il montre la carte et les chiffres clés de cette vue, avec la date des données et un lien vers la vue "
        "complète. Le site de la page doit être autorisé par l'administrateur du tableau de bord "
        "(IN2P3_FRAME_ANCESTORS).",
    ),
    "copy_code": ("Copy the code", "Copier le code"),
    "embed_frame_title": (
        "IN2P3 international collaborations: map and key figures",
        "Collaborations internationales de l'IN2P3 : carte et chiffres clés",
    ),
    "embed_full_view": ("Open the full view", "Ouvrir la vue complète"),
    "new_tab": (" (opens a new tab)", " (s'ouvre dans un nouvel onglet)"),
    "save_story_step": ("Save as a story step", "Enregistrer comme étape"),
    "save_story_step_title": (
        "Editors: add this view to the story of presentation mode",
        "Éditeurs : ajouter cette vue à l'histoire du mode présentation",
    ),
    # issue 14, the strategy meeting told: editable slides (native charts, speaker notes, the story as a deck), the
    # counts on the presentation map, what changed in a step and since a version (page/changes.py, page/steps.py)
    "labels_also": ("Also:", "Aussi :"),
    "labels_name": ("Counts", "Nombres"),
    # speaker notes of the slides
    "notes_about": ("This slide: {text}", "Cette diapositive : {text}"),
    "notes_counting": ("How the numbers count:", "Comment les nombres comptent :"),
    "notes_rule_totals": (
        "A collaboration (one row of the tables) counts once in totals, however many countries take part; a row "
        "standing for an unpublished list counts its total (the International Emerging Actions: one row, their "
        "published number).",
        "Une collaboration (une ligne des tableaux) compte une fois dans les totaux, quel que soit le nombre de ses "
        "pays ; une ligne qui tient lieu d'une liste non publiée compte son total (les actions internationales "
        "émergentes : une ligne, leur nombre publié).",
    ),
    "notes_rule_map": (
        "On the map it counts once in each of its countries; a continent counts it once.",
        "Sur la carte, elle compte une fois dans chacun de ses pays ; un continent la compte une fois.",
    ),
    "notes_rule_no_country": (
        "Collaborations with no country (unpublished partners, space missions) count in totals and are not on the map.",
        "Les collaborations sans pays (partenaires non publiés, missions spatiales) comptent dans les totaux et ne "
        "sont pas sur la carte.",
    ),
    "notes_rule_years": (
        "“Active between” keeps the collaborations whose known years overlap the range; one that goes on runs to "
        "the data year; one with no known start year counts only at the data year.",
        "« Actives entre » garde les collaborations dont les années connues recoupent la période ; une collaboration "
        "en cours court jusqu'à l'année des données ; une sans année de début connue ne compte qu'à l'année des "
        "données.",
    ),
    "notes_view": ("View: {caption}.", "Vue : {caption}."),
    "notes_sources": (
        "Sources: {url} (main source); every row of the data links the page its facts come from (the Excel or CSV "
        "download of the view lists them).",
        "Sources : {url} (source principale) ; chaque ligne des données renvoie à la page d'où viennent ses "
        "informations (le téléchargement Excel ou CSV de la vue les donne).",
    ),
    "notes_row_sources": ("Sources of the rows on this slide:", "Sources des lignes de cette diapositive :"),
    "notes_map_labels": (
        "The number on each country is its count; countries too small or too crowded for theirs are named in the "
        "“Also” box.",
        "Le nombre écrit sur chaque pays est son compte ; les pays trop petits ou trop serrés pour le leur sont "
        "nommés dans l'encadré « Aussi ».",
    ),
    "notes_chart_data": (
        "The chart is PowerPoint's own: its numbers are in the file (right-click, Edit Data).",
        "Le graphique est un graphique PowerPoint : ses nombres sont dans le fichier (clic droit, Modifier les "
        "données).",
    ),
    "notes_since_rules": (
        "New: in the data served and not in the version compared with. Ended: gone from the data, or running then "
        "and ended since (status ended, or an end year reached). Changed: in both, with another name, type, "
        "countries, partners, IN2P3 labs, status, years, theme or number of instruments. Sources, confidence and "
        "notes are not compared. Each counts its instruments, as the key figures do.",
        "Nouvelle : dans les données servies et pas dans la version comparée. Terminée : retirée des données, ou en "
        "cours alors et terminée depuis (statut terminé, ou année de fin atteinte). Modifiée : dans les deux, avec un "
        "autre nom, type, pays, partenaires, laboratoires IN2P3, statut, années, thème ou nombre d'instruments. Les "
        "sources, la fiabilité et les notes ne sont pas comparées. Chacune compte ses instruments, comme les "
        "chiffres clés.",
    ),
    # the story as a deck (/export/deck.pptx?story=1)
    "deck_story_subtitle": (
        "The story of presentation mode: {n} views",
        "Le récit du mode présentation : {n} vues",
    ),
    "download_story": ("Story slides (PPTX)", "Diaporama du récit (PPTX)"),
    "download_story_title": (
        "The whole story of presentation mode as slides: one slide per view, with its map and key figures",
        "Tout le récit du mode présentation en diapositives : une diapositive par vue, avec sa carte et ses "
        "chiffres clés",
    ),
    # what changed in a step of the story (presentation mode's key figures)
    "step_diff": ("{diff} vs “{step}”", "{diff} par rapport à «\u00a0{step}\u00a0»"),  # the step's title, quoted
    "step_same": ("same as {step}", "comme {step}"),
    # what changed since a version (since=): the page's control, panel, key figures and map; the deck
    "since_label": ("Compare with", "Comparer avec"),
    "since_none": ("No comparison", "Aucune comparaison"),
    "since_hint": (
        "An earlier version of the data: what is new, ended or changed since.",
        "Une version antérieure des données : ce qui est nouveau, terminé ou modifié depuis.",
    ),
    "since_no_versions": (
        "No earlier version of the data yet: each import keeps one.",
        "Pas encore de version antérieure des données : chaque import en garde une.",
    ),
    "since_option": ("{date}, {time} UTC", "{date}, {time} UTC"),
    "since_option_date": ("As on {date}", "Telles que le {date}"),
    "since_title": ("Since {date}", "Depuis le {date}"),
    "count_new": ("{n} new", "{n} nouvelle"),
    "count_new_many": ("{n} new", "{n} nouvelles"),
    "count_ended": ("{n} ended", "{n} terminée"),
    "count_ended_many": ("{n} ended", "{n} terminées"),
    "count_changed": ("{n} changed", "{n} modifiée"),
    "count_changed_many": ("{n} changed", "{n} modifiées"),
    "since_suffix": ("{what} since {date}", "{what} depuis le {date}"),
    "since_no_change": ("no change since {date}", "aucun changement depuis le {date}"),
    "since_diff": ("{diff} since {date}", "{diff} depuis le {date}"),
    "since_hover": ("Since {date}: {counts}", "Depuis le {date} : {counts}"),
    "change_new": ("New", "Nouvelle"),
    "change_new_many": ("New", "Nouvelles"),
    "change_ended": ("Ended", "Terminée"),
    "change_ended_many": ("Ended", "Terminées"),
    "change_changed": ("Changed", "Modifiée"),
    "change_changed_many": ("Changed", "Modifiées"),
    "changes_heading": ("What changed since {date}", "Ce qui a changé depuis le {date}"),
    "changes_about": (
        "Compared with version {version} of the data, made on {date} (data of {data_date}).",
        "Comparaison avec la version {version} des données, du {date} (données du {data_date}).",
    ),
    "changes_same": (
        "This is the version served now: nothing to compare.",
        "C'est la version servie aujourd'hui : rien à comparer.",
    ),
    "changes_none": ("Nothing changed in this view since {date}.", "Rien n'a changé dans cette vue depuis le {date}."),
    "changes_rows": ("{counts} ({rows} rows).", "{counts} ({rows} lignes)."),
    "changes_caption": (
        "The collaborations of this view that are new, ended or changed; each counts its instruments, as the key "
        "figures do.",
        "Les collaborations de cette vue nouvelles, terminées ou modifiées ; chacune compte ses instruments, comme "
        "les chiffres clés.",
    ),
    "changes_more": (
        "… and {n} more rows: the slides (PPTX) of this view list them all.",
        "… et {n} autres lignes : le diaporama (PPTX) de cette vue les donne toutes.",
    ),
    "col_change": ("Change", "Changement"),
    "col_what": ("What changed", "Ce qui a changé"),
    "change_is_new": ("new in the data", "nouvelle dans les données"),
    "change_removed": ("removed from the data", "retirée des données"),
    "change_end_reached": (
        "its end year ({year}) is reached by the date of the data",
        "son année de fin ({year}) est atteinte à la date des données",
    ),
    "field_change": ("{field}: {what}", "{field} : {what}"),
    "field_name": ("name", "nom"),
    "field_acronym": ("acronym", "acronyme"),
    "field_type": ("type", "type"),
    "field_countries": ("countries", "pays"),
    "field_partners": ("partners", "partenaires"),
    "field_in2p3_labs": ("IN2P3 labs", "laboratoires IN2P3"),
    "field_status": ("status", "statut"),
    "field_start_year": ("start year", "année de début"),
    "field_end_year": ("end year", "année de fin"),
    "field_theme": ("theme", "thème"),
    "field_count": ("instruments", "instruments"),
    "notice_since": ("Comparison: ", "Comparaison : "),
    "since_notice_invalid": (
        "since “{since}” is not a version or a date of this data and was ignored (use a date such as 2026-11-25 "
        "or a version from “Compare with”)",
        "since « {since} » n'est ni une version ni une date de ces données et a été ignoré (indiquez une date "
        "comme 2026-11-25 ou une version de « Comparer avec »)",
    ),
    "since_notice_no_versions": (
        "since “{since}” was ignored: this data has no earlier versions (every import from now on is kept as one)",
        "since « {since} » a été ignoré : ces données n'ont pas de version antérieure (chaque import sera désormais "
        "gardé comme une version)",
    ),
    "since_notice_unknown_version": (
        "since “{since}” is not a version of this data and was ignored (“Compare with” lists its versions)",
        "since « {since} » n'est pas une version de ces données et a été ignoré (« Comparer avec » en donne la liste)",
    ),
    "since_notice_too_early": (
        "since “{since}” was ignored: this data has no version that old (its first version is of {first})",
        "since « {since} » a été ignoré : ces données n'ont pas de version aussi ancienne (la première est du {first})",
    ),
    "since_notice_unreadable": (
        "since “{since}” was ignored: that version of the data can no longer be read with today's checks",
        "since « {since} » a été ignoré : cette version des données ne passe plus les contrôles d'aujourd'hui",
    ),
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
