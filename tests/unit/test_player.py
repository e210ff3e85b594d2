"""The year player: where its buttons lead from each view (page/player.py), the year shown large with the count of
collaborations of unknown start (never placed at an invented year), and its pace given to the browser."""

from __future__ import annotations

import html
import json
import re

from dashboard import aggregate, ids
from dashboard.app import create_app
from dashboard.config import load_settings
from dashboard.page.callbacks import client_settings
from dashboard.page.layout import build_layout
from dashboard.page.player import SECONDS_PER_YEAR, player_steps, year_banner
from dashboard.page.render import render
from dashboard.state import ViewState


def test_ply001_the_pace_and_the_buttons_are_given_to_the_browser(mini):
    settings = client_settings()["player"]
    assert settings["msPerYear"] == round(SECONDS_PER_YEAR * 1000) == 1200
    assert settings["ids"] == {
        "url": ids.URL,
        "back": ids.PLAYER_BACK,
        "play": ids.PLAYER_PLAY,
        "pause": ids.PLAYER_PAUSE,
        "forward": ids.PLAYER_FORWARD,
    }
    page = create_app(load_settings({}), data=mini).server.test_client().get("/").get_data(as_text=True)
    meta = re.search(r'<meta name="in2p3-client" content="([^"]+)"', page).group(1)
    assert json.loads(html.unescape(meta))["player"] == settings  # <meta name="in2p3-client">, read by player.js


def test_ply002_the_buttons_lead_to_the_year_before_and_after_keeping_the_view(mini):
    assert mini.year_bounds == (2005, 2026)
    every_year = player_steps(mini, ViewState(continents=("Asia",), lang="fr"))
    assert every_year == {
        "year": None,
        "back": "?continent=Asia&year=2026&lang=fr",
        "forward": "?continent=Asia&year=2005&lang=fr",
        "first": "?continent=Asia&year=2005&lang=fr",
    }
    story = player_steps(mini, ViewState(continents=("Asia",), years=(2010, 2010), present=True, step=3))
    assert story["year"] == 2010
    assert story["back"] == "?continent=Asia&year=2009&present=1&step=3"  # presentation mode and its step kept
    assert story["forward"] == "?continent=Asia&year=2011&present=1&step=3"
    assert player_steps(mini, ViewState(years=(2005, 2005)))["back"] == ""  # the first year: nowhere before
    assert player_steps(mini, ViewState(years=(2026, 2026)))["forward"] == ""  # the last: playing ends
    assert player_steps(mini, ViewState(years=(2010, 2015)))["forward"] == "?year=2005"  # a range: from the start


def test_ply003_the_year_is_shown_large_with_the_collaborations_of_unknown_start(mini):
    assert year_banner(mini, ViewState()) is None  # no year set: nothing over the map
    banner = str(year_banner(mini, ViewState(years=(2012, 2012))))
    # The IEA total (5) and the observatory with no start year: 6, never placed at 2012 or any other invented year.
    assert "'2012'" in banner and "start unknown: 6" in banner
    assert "6 collaborations of the view have no known start year" in banner and "count in 2026" in banner
    french = str(year_banner(mini, ViewState(years=(2012, 2012), lang="fr")))
    assert "début inconnu : 6" in french and "l'année des données" in french
    assert "inconnu" not in str(year_banner(mini, ViewState(continents=("Asia",), years=(2012, 2012), lang="fr")))
    assert "'2010–2015'" in str(year_banner(mini, ViewState(years=(2010, 2015))))


def test_ply004_a_year_counts_the_collaborations_active_then_and_invents_no_start(mini):
    """The views the player moves through: a year before the data's counts only collaborations whose known years
    cover it; those of unknown start count at the data's year alone, when they go on."""
    unknown = {"IEA-ALL", "INF-03"}
    for year in range(2005, 2026):
        active = set(aggregate.select(mini, ViewState(years=(year, year))).frame.index)
        assert not active & unknown, year
    assert unknown <= set(aggregate.select(mini, ViewState(years=(2026, 2026))).frame.index)
    assert render(mini, ViewState(years=(2012, 2012)))["player_steps"]["year"] == 2012


def test_ply005_the_controls_are_named_native_buttons(mini):
    layout = build_layout(mini, "fr")
    player = layout[ids.PLAYER]
    assert (player.role, getattr(player, "aria-label")) == ("group", "Les années, une à une")
    names = {}
    for button_id in (ids.PLAYER_BACK, ids.PLAYER_PLAY, ids.PLAYER_PAUSE, ids.PLAYER_FORWARD):
        button = layout[button_id]
        assert type(button).__name__ == "Button" and button.type == "button"
        names[button_id] = "".join(part for part in button.children if isinstance(part, str)).strip()
    assert names == {
        ids.PLAYER_BACK: "Année précédente",
        ids.PLAYER_PLAY: "Lecture",
        ids.PLAYER_PAUSE: "Pause",
        ids.PLAYER_FORWARD: "Année suivante",
    }
    assert getattr(layout[ids.PLAYER_PLAY], "aria-pressed") == "false"
    assert getattr(layout[ids.PLAYER_PAUSE], "aria-disabled") == "true"
