"""The year player: the view moved year by year through the data's years, each year a URL (``year=N``).

The browser plays (``assets/player.js``: a timer that writes the address's ``year=`` through dcc.Location, so that
every year is a link and back and forward work); the server says, for each view, where the buttons lead
(:func:`player_steps`: the queries of the year before, the year after and the first year, made by ``state.to_query``,
the one home of the URL's rules) and draws the year large over the map (:func:`year_banner`) with the number of
the view's collaborations whose start year is not known. Those are never placed at an invented year: a year's view
counts the collaborations active that year (``aggregate.select``), and one with no known start year only at the
data's year when it goes on (README, "How the numbers count").

With ``prefers-reduced-motion: reduce`` the play button steps one year per press instead of playing.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, dcc, html

from .. import aggregate, i18n, ids
from ..state import ViewState, to_query

#: How long each year stays on screen while playing, in seconds: long enough to read the year and see the map
#: change on a projector (the server answers a year's view in a few tenths of a second).
SECONDS_PER_YEAR = 1.2


def client_settings() -> dict:
    """What assets/player.js is given in the page's client settings (``callbacks.client_settings``)."""
    return {
        "msPerYear": round(SECONDS_PER_YEAR * 1000),
        "ids": {
            "url": ids.URL,
            "back": ids.PLAYER_BACK,
            "play": ids.PLAYER_PLAY,
            "pause": ids.PLAYER_PAUSE,
            "forward": ids.PLAYER_FORWARD,
        },
    }


def shown_year(state: ViewState) -> int | None:
    """The one year the view shows (``year=2004``), or None (every year, or a range of years)."""
    if state.years and state.years[0] == state.years[1]:
        return state.years[0]
    return None


def player_steps(ds, state: ViewState) -> dict:
    """Where the player's buttons lead from ``state``, as page queries ("" for nowhere): ``back`` and ``forward`` the
    year before and after (from no single year: the last and the first year), ``first`` the data's first year
    (where playing starts over). ``year`` is the year shown, or None. Everything else of the view is kept."""
    first, last = ds.year_bounds
    year = shown_year(state)

    def at(y: int) -> str:
        return to_query(state.with_(years=(y, y)))

    if year is None:
        back, forward = at(last), at(first)
    else:
        back = at(year - 1) if year > first else ""
        forward = at(year + 1) if year < last else ""
    return {"year": year, "back": back, "forward": forward, "first": at(first)}


def unknown_start(ds, state: ViewState) -> int:
    """The collaborations of the view (its filters and selection, every year) whose start year is not known: the
    per-year chart's "left out" (``aggregate.per_year``), so that the page says one number for them."""
    _, left_out = aggregate.per_year(ds, aggregate.select(ds, state.with_(years=None)))
    return left_out


def year_banner(ds, state: ViewState):
    """The year (or the years) of the view in large type, and "start unknown: 58" under it; None when the view
    covers every year."""
    if not state.years:
        return None
    lang = state.lang
    first, last = state.years
    children = [html.Span(str(first) if first == last else f"{first}–{last}", className="player-year-value")]
    unknown = unknown_start(ds, state)
    if unknown:
        n = i18n.number(unknown, lang)
        said = i18n.t("start_unknown_said", lang, n=n, year=ds.data_date.year)
        children.append(
            html.Span(
                [
                    html.Span(i18n.t("start_unknown", lang, n=n), **{"aria-hidden": "true"}),
                    html.Span(said, className="visually-hidden"),
                ],
                className="player-unknown",
                title=said,
            )
        )
    return children


def player_controls(lang: str) -> html.Div:
    """The player's buttons (named, keyboard-usable native buttons; Play says whether it plays in ``aria-pressed``)
    and the Store of where they lead (filled by ``render``). Their behaviour is assets/player.js's."""

    def button(button_id: str, mark: str, key: str, *, after: bool = False, quiet: bool = True, **more):
        symbol = html.Span(mark, **{"aria-hidden": "true"})
        text = i18n.t(key, lang)
        return html.Button(
            [text, " ", symbol] if after else [symbol, " ", text],
            id=button_id,
            type="button",
            className="button player-button" + (" button-quiet" if quiet else ""),
            title=i18n.t(f"{key}_title", lang),
            **more,
        )

    return html.Div(
        [
            button(ids.PLAYER_BACK, "‹", "player_back"),
            button(ids.PLAYER_PLAY, "▶", "player_play", quiet=False, **{"aria-pressed": "false"}),
            button(ids.PLAYER_PAUSE, "❚❚", "player_pause", **{"aria-disabled": "true"}),
            button(ids.PLAYER_FORWARD, "›", "player_forward", after=True),
            dcc.Store(id=ids.PLAYER_STEPS),
        ],
        id=ids.PLAYER,
        className="player",
        role="group",
        **{"aria-label": i18n.t("player_label", lang)},
    )


def year_slot() -> html.Div:
    """Where the year is drawn over the map (``year_banner``)."""
    return html.Div(id=ids.PLAYER_YEAR, className="player-year")


def register(app) -> None:
    """The browser learns where the player's buttons lead at every view (assets/player.js ``playerSteps``)."""
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="playerSteps"),
        Input(ids.PLAYER_STEPS, "data"),
    )
