"""Sharing and embedding: the ``embed`` URL parameter (canonical, kept when the view changes), the embedded view's
layout (the map, the key figures and a caption; no controls), the embed code and where the page may be framed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dashboard import ids
from dashboard.app import create_app
from dashboard.config import load_settings
from dashboard.page.callbacks import CONTROL_IDS, client_settings, controls_of, sync
from dashboard.page.render import render
from dashboard.page.share import EMBED_HEIGHT, EMBED_WIDTH, SRC_FIELD, embed_code
from dashboard.state import ViewState, Vocabulary, parse_query, to_query

STYLESHEET = Path(__file__).resolve().parents[2] / "assets" / "style.css"


@pytest.fixture(scope="module")
def vocab(mini):
    return Vocabulary.from_dataset(mini)


@pytest.fixture(scope="module")
def client(mini):
    return create_app(load_settings({}), data=mini).server.test_client()


def test_shu001_embed_round_trips_in_its_canonical_place(vocab):
    state = ViewState(continents=("Asia",), lang="fr", embed=True)
    assert to_query(state) == "?continent=Asia&lang=fr&embed=1"
    assert parse_query(to_query(state), vocab) == (state, [])
    for spelling in ("embed=1", "EMBED=true", "embed=yes", "embed=on"):
        assert parse_query(spelling, vocab) == (ViewState(embed=True), []), spelling
    assert parse_query("embed=0", vocab) == (ViewState(), [])
    state, notices = parse_query("embed=maybe&continent=Asia", vocab)
    assert state == ViewState(continents=("Asia",))
    assert notices == ["embed 'maybe' is not known and was ignored (use embed=1)"]


def test_shu002_a_click_in_the_embedded_view_keeps_it_embedded(mini):
    """sync_view keeps embed (as lang, present and since) when a control or the map changes the view."""
    search = "?continent=Asia&embed=1"
    controls = controls_of(parse_query(search, Vocabulary.from_dataset(mini))[0], mini.year_bounds)
    click = {"points": [{"location": "JPN"}]}
    answer, _ = sync(mini, ids.MAP, search, controls, {ids.MAP: click})
    assert answer["search"] == "?continent=Asia&country=JPN&embed=1"
    reset, _ = sync(mini, ids.RESET, "?country=JPN&lang=fr&embed=1", controls, {})
    assert reset["search"] == "?lang=fr&embed=1"


def _layout(client, query: str) -> dict:
    return client.get("/_dash-layout", headers={"Referer": f"http://localhost/{query}"}).json


def _props(node, component_id: str) -> dict | None:
    """The props of the component ``component_id`` in a layout as Dash sends it (JSON)."""
    if isinstance(node, list):
        return next((found for child in node if (found := _props(child, component_id)) is not None), None)
    if not isinstance(node, dict) or "props" not in node:
        return None
    if node["props"].get("id") == component_id:
        return node["props"]
    return _props(node["props"].get("children"), component_id)


def test_shu003_the_embedded_view_is_the_map_and_key_figures_with_a_caption(client):
    embedded = _layout(client, "?continent=Asia&embed=1")
    assert embedded["props"]["data-embed"] == "true"
    assert "data-embed" not in _layout(client, "?continent=Asia")["props"]
    text = json.dumps(embedded, ensure_ascii=False)
    assert "All collaborations · Asia · data of 25 November 2026" in text  # the caption, with the data date
    full = _props(embedded, ids.EMBED_FULL)
    assert full["href"] == "?continent=Asia" and full["target"] == "_blank"  # the same view, not embedded
    # What the embedded view shows is the stylesheet's: the page's own parts hidden, no control among them.
    css = STYLESHEET.read_text(encoding="utf-8")
    hidden = re.search(r"((?:\.page\[data-embed\] [.\w-]+,?\s*)+)\{ display: none !important; \}", css).group(1)
    for part in ("page-header", "filters", "charts", "card-table", "player", "present-bar", "modebar-container"):
        assert f".page[data-embed] .{part}" in hidden, part
    assert ".page[data-embed] .embed-caption { display: block" in css
    assert ".embed-caption { display: none; }" in css  # the full page does not show it


def test_shu004_the_embed_code_and_the_share_outputs_follow_the_view(mini):
    outputs = render(mini, ViewState(continents=("Asia",), lang="fr", present=True, step=3))
    assert outputs["share_queries"] == {"embed": "?continent=Asia&lang=fr&embed=1"}  # no presentation, no step
    code = embed_code("fr")
    assert code.startswith(f'<iframe src="{SRC_FIELD}" title="Collaborations internationales de l\'IN2P3 : carte')
    assert f'width="{EMBED_WIDTH}" height="{EMBED_HEIGHT}"' in code and code.endswith("></iframe>")
    assert outputs["embed_caption"] == "Toutes les collaborations · Asie · données du 25 novembre 2026"
    embedded = render(mini, ViewState(countries=("JPN",), embed=True))
    assert embedded["embed_full"] == "?country=JPN" and embedded["share_queries"]["embed"] == "?country=JPN&embed=1"
    assert render(mini, ViewState(embed=True))["embed_full"] == "?"


def test_shu005_the_page_is_given_the_share_tools_settings_and_may_be_framed_where_allowed(mini, mini_copy):
    settings = client_settings()["share"]
    assert settings["srcField"] == SRC_FIELD
    assert settings["ids"] == {
        "copy": ids.SHARE_COPY,
        "status": ids.SHARE_STATUS,
        "link": ids.SHARE_LINK,
        "code": ids.EMBED_CODE,
        "codeCopy": ids.EMBED_COPY,
        "codeStatus": ids.EMBED_STATUS,
    }
    framed = create_app(load_settings({"IN2P3_FRAME_ANCESTORS": "'self' https://indico.example.org"}), data=mini)
    headers = framed.server.test_client().get("/?embed=1").headers
    assert "frame-ancestors 'self' https://indico.example.org" in headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in headers
    default = create_app(load_settings({}), data=mini).server.test_client().get("/?embed=1").headers
    assert "frame-ancestors 'self'" in default["Content-Security-Policy"] and default["X-Frame-Options"] == "SAMEORIGIN"


def test_shu006_the_share_tools_are_named_buttons_with_their_words(client):
    layout = _layout(client, "?lang=fr")
    text = json.dumps(layout, ensure_ascii=False)
    copy = _props(layout, ids.SHARE_COPY)
    assert (copy["children"], copy["type"]) == ("Copier le lien", "button")
    status = _props(layout, ids.SHARE_STATUS)
    assert (status["aria-live"], status["role"], status["data-copied"]) == ("polite", "status", "Lien copié")
    assert "Code HTML à coller dans une page intranet ou Indico" in text
    assert set(CONTROL_IDS) <= set(re.findall(r'"id": "([^"]+)"', text))  # the callbacks' controls are all there
