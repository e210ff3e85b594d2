"""The country profile beside the map: opened when exactly one country is selected (``?country=JPN``: the URL is its
state), built here as plain HTML from the profile model (``profiles.build_profile``) with the words of ``describe``.

Keyboard and screen readers: a named region with a heading, sections with headings and lists, every source a link,
and "Close profile", a link to the same view without the selection. With several countries selected, it says how
many and offers a link to each one's profile (the same view with that country alone); with none, how to open one,
and a link to the profile of each of the view's first countries.
"""

from __future__ import annotations

from dash import dcc, html

from .. import describe, i18n, ids
from ..profiles import CountryProfile, ProfileItem, build_profile, profile_country
from ..state import ViewState, to_query
from ..views import MapModel
from .htmltext import HtmlBlock

#: The id of the profile's heading (the region is named by it).
TITLE_ID = "country-profile-title"


def profile_outputs(ds, state: ViewState, model: MapModel) -> dict:
    """The profile's outputs of ``render`` (``VIEW_OUTPUTS`` names): its body, and the class of the row it shares
    with the map of ``model`` (the view's).

    The panel keeps its place beside the map in every view, so that the map keeps its size: a map whose box changes
    is drawn again whole by plotly (200-300 ms a click here), one that keeps it only gets the selection's outline.
    With no country selected, the panel says how to open a profile and offers the view's first countries
    (``idle``: on a narrow screen, where the panel goes under the map, that part is not shown)."""
    lang = state.lang
    iso3 = profile_country(state)
    frame = " continent" if model.continents else ""  # the map's box has the shape of its frame (style.css)
    if iso3 is not None:
        body = profile_body(build_profile(ds, state, iso3), state, lang)
    elif len(state.countries) > 1:
        body = several_countries(state, lang)
    else:
        return {"profile": choose_country(model, state, lang), "map_row": f"map-row idle{frame}"}
    return {"profile": body, "map_row": f"map-row with-profile{frame}"}


#: The countries the panel offers when none is selected (the view's first by its measure, as the map ranks them).
CHOICES_SHOWN = 12


def choose_country(model: MapModel, state: ViewState, lang: str) -> list:
    """No country selected: how to open a profile, and a link to the profile of each of the view's first countries,
    with its value (the map's measure)."""
    parts = [
        html.H2(i18n.t("profile_choose_title", lang), id=TITLE_ID, className="profile-title"),
        html.P(i18n.t("profile_choose", lang), className="profile-summary"),
    ]
    values = model.values["value"]
    if not len(values):
        return [*parts, html.P(i18n.t("map_summary_none", lang), className="profile-note")]
    parts += [
        html.H3(
            i18n.t("profile_choose_top", lang, unit=describe.unit(model.measure, lang)), className="profile-heading"
        ),
        html.Ol(
            [
                html.Li(
                    [
                        dcc.Link(describe.country_name(model, iso3, lang), href=_href(state.with_(countries=(iso3,)))),
                        html.Span(f" · {i18n.number(int(value), lang)}", className="profile-detail"),
                    ]
                )
                for iso3, value in values.head(CHOICES_SHOWN).items()
            ],
            className="profile-choices",
        ),
    ]
    if len(values) > CHOICES_SHOWN:
        label = i18n.t("selected_countries", lang)
        more = i18n.t("profile_choose_more", lang, n=len(values) - CHOICES_SHOWN, label=label)
        parts.append(html.P(more, className="profile-note"))
    return parts


def _href(state: ViewState) -> str:
    """A link within the page to the view ``state`` ("?" for the default view)."""
    return to_query(state) or "?"


def several_countries(state: ViewState, lang: str) -> list:
    """Several countries selected: how many, and a link to each one's profile."""
    return [
        html.H2(i18n.t("selected_countries", lang), id=TITLE_ID, className="profile-title"),
        html.P(i18n.t("profile_several", lang, n=len(state.countries))),
        html.Ul(
            [
                html.Li(dcc.Link(i18n.country_name(iso3, lang), href=_href(state.with_(countries=(iso3,)))))
                for iso3 in state.countries
            ],
            className="profile-choices",
        ),
        _close(state, lang),
    ]


def _close(state: ViewState, lang: str):
    return dcc.Link(
        [html.Span("✕ ", **{"aria-hidden": "true"}), i18n.t("profile_close", lang)],
        href=_href(state.with_(countries=())),
        className="button button-quiet profile-close",
    )


def _source(url: str, name: str, lang: str):
    return html.A(
        i18n.t("source", lang),
        href=url,
        target="_blank",
        rel="noopener",
        title=i18n.t("source_of", lang, name=name),
        className="profile-source",
    )


def _item(item: ProfileItem, profile: CountryProfile, lang: str) -> html.Li:
    title = describe.item_title(item)
    children = [html.Strong(title)]
    details = describe.item_details(item, profile, lang)
    if details:
        children.append(html.Span(" · " + " · ".join(details), className="profile-detail"))
    if item.source_url:
        children += [" · ", _source(item.source_url, title, lang)]
    return html.Li(children)


#: The longest list the panel shows (collaborations of a type, infrastructures, partners, labs): the rest is counted
#: and left to the table of the view. Reason: a country with most of 10^5 collaborations made 26,000 items, 18.9 MB
#: sent and 14 s of building per click; the shipped data's longest list has 19.
SHOWN = 25
#: The collaborations named on one partner's or lab's line, the rest counted.
NAMES_SHOWN = 8


def _names(titles: dict, ids_: tuple[str, ...], lang: str) -> str:
    names = [titles.get(c, c) for c in ids_[:NAMES_SHOWN]]
    if len(ids_) > NAMES_SHOWN:
        names.append(i18n.t("and_more", lang, n=i18n.number(len(ids_) - NAMES_SHOWN, lang)))
    return ", ".join(names)


def _list(entries, make, lang: str) -> html.Ul:
    """At most :data:`SHOWN` of ``entries`` as items made by ``make``, then how many more, pointing to the table."""
    items = [make(entry) for entry in entries[:SHOWN]]
    if len(entries) > SHOWN:
        more = i18n.t("profile_and_more", lang, n=i18n.number(len(entries) - SHOWN, lang))
        items.append(html.Li(html.A(more, href="#table-title"), className="profile-more"))
    return html.Ul(items, className="profile-list")


def _section(title: str, children, *, note: str | None = None) -> html.Section:
    body = [html.H3(title, className="profile-heading")]
    if note:
        body.append(html.P(note, className="profile-note"))
    body += children
    return html.Section(body, className="profile-section")


def profile_body(profile: CountryProfile, state: ViewState, lang: str) -> list:
    """The profile of one country as the page shows it."""
    country = describe.profile_country_name(profile, lang)
    parts = [
        html.Div(
            [html.H2(country, id=TITLE_ID, className="profile-title"), _close(state, lang)], className="profile-head"
        ),
        html.P(describe.profile_summary(profile, lang), className="profile-summary"),
    ]
    instruments = profile.instruments()
    if instruments:
        groups = []
        for kind, items in instruments.items():
            groups += [
                html.H4(f"{describe.type_label(kind, lang)} ({len(items)})", className="profile-subheading"),
                _list(items, lambda i: _item(i, profile, lang), lang),
            ]
        parts.append(_section(i18n.t("profile_instruments", lang), groups))
    infrastructures = profile.infrastructures()
    if infrastructures:
        parts.append(
            _section(
                f"{i18n.t('profile_infrastructures', lang)} ({len(infrastructures)})",
                [_list(infrastructures, lambda i: _item(i, profile, lang), lang)],
            )
        )
    through = profile.through_institutions()
    if through:
        parts.append(
            _section(
                f"{i18n.t('profile_through', lang)} ({len(through)})",
                [_list(through, lambda i: _item(i, profile, lang), lang)],
                note=i18n.t("profile_through_note", lang),
            )
        )
    titles = {i.id: i.acronym or i.name for i in profile.collaborations}

    def partner(p) -> html.Li:
        details = (
            p.city,
            i18n.t("profile_seat", lang) if p.international else "",
            _names(titles, p.collaborations, lang),
        )
        return html.Li(
            [
                html.Strong(p.acronym or p.name),
                f" {p.name}" if p.acronym else "",
                html.Span(" · " + " · ".join(part for part in details if part), className="profile-detail"),
            ]
        )

    parts.append(
        _section(
            f"{i18n.t('profile_partners', lang)} ({len(profile.partners)})",
            [_list(profile.partners, partner, lang)]
            if profile.partners
            else [html.P(i18n.t("profile_no_partner", lang), className="profile-note")],
        )
    )

    def lab(lab) -> html.Li:
        count = describe.collaborations_count(len(lab.collaborations), lang)
        said = i18n.t("profile_colon", lang, label=count, text=_names(titles, lab.collaborations, lang))
        details = (lab.city, said)
        return html.Li(
            [
                html.Strong(lab.code),
                html.Span(" · " + " · ".join(part for part in details if part), className="profile-detail"),
            ],
            title=lab.name,
        )

    parts.append(
        _section(
            f"{i18n.t('profile_labs', lang)} ({len(profile.labs)})",
            [_list(profile.labs, lab, lang)]
            if profile.labs
            else [html.P(i18n.t("profile_no_labs", lang), className="profile-note")],
        )
    )
    return parts


def profile_panel(links) -> html.Section:
    """The profile's place in the layout, beside the map: a named region whose body is filled per view
    (``profile_outputs``, sent as HTML text: as Dash components, a profile of a few hundred elements cost Dash's
    renderer more than the rest of a click); ``links`` are its image links ("PNG · SVG", made by the layout: they
    follow the address like every download link, ``exports.links``)."""
    return html.Section(
        [HtmlBlock(id=ids.PROFILE_BODY, className="profile-body"), html.Div(links, className="profile-links")],
        id=ids.PROFILE,
        className="card profile",
        **{"aria-labelledby": TITLE_ID},
    )
