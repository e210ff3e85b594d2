"""The country profile beside the map: opened when exactly one country is selected (``?country=JPN``: the URL is its
state), built here as plain HTML from the profile model (``profiles.build_profile``) with the words of ``describe``.

Keyboard and screen readers: a named region with a heading, sections with headings and lists, every source a link,
and "Close profile", a link to the same view without the selection. With several countries selected, it says how
many and offers a link to each one's profile (the same view with that country alone).
"""

from __future__ import annotations

from dash import dcc, html

from .. import describe, i18n, ids
from ..profiles import CountryProfile, ProfileItem, build_profile, profile_country
from ..state import ViewState, to_query

#: The id of the profile's heading (the region is named by it).
TITLE_ID = "country-profile-title"


def profile_outputs(ds, state: ViewState) -> dict:
    """The profile's outputs of ``render`` (``VIEW_OUTPUTS`` names): its body, whether it is hidden, and the class of
    the row it shares with the map (the map narrows to make room for it)."""
    lang = state.lang
    iso3 = profile_country(state)
    if iso3 is not None:
        body = profile_body(build_profile(ds, state, iso3), state, lang)
    elif len(state.countries) > 1:
        body = several_countries(state, lang)
    else:
        return {"profile": None, "profile_hidden": True, "map_row": "map-row"}
    return {"profile": body, "profile_hidden": False, "map_row": "map-row with-profile"}


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
    """The profile's place in the layout: a named region, hidden until a country is selected; its body is filled per
    view (``profile_outputs``); ``links`` are its image links ("PNG · SVG", made by the layout: they follow the
    address like every download link, ``exports.links``)."""
    return html.Section(
        [html.Div(id=ids.PROFILE_BODY, className="profile-body"), html.Div(links, className="profile-links")],
        id=ids.PROFILE,
        className="card profile",
        hidden=True,
        **{"aria-labelledby": TITLE_ID},
    )
