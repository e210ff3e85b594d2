"""Presentation mode, the story, and French: in a real browser on the mini fixture data."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_prs001_presentation_mode_shows_map_figures_and_caption(page, dashboard):
    dashboard.open("/?instrument=IRL,IRN&present=1")
    expect(page.locator("#page")).to_have_class(re.compile(r"\bpresent\b"))
    expect(page.locator("#present-caption")).to_have_text("IRL and IRN · data of 25 November 2026")
    expect(page.locator(".filters")).to_be_hidden()  # controls out of the way
    expect(page.locator("#map")).to_be_visible()
    expect(dashboard.figure("collaborations")).to_have_text("2")
    expect(page.locator("#story-next")).to_have_attribute("href", re.compile(r"step=1"))


def test_prs002_arrow_keys_step_through_the_story_and_each_step_is_a_link(page, dashboard):
    dashboard.open("/?present=1&step=2")
    expect(page.locator("#present-title")).to_have_text("Europe")
    expect(page.locator("#present-step")).to_have_text("2 / 11")
    page.locator("body").press("ArrowRight")
    expect(page.locator("#present-title")).to_have_text("Asia")
    dashboard.settle()
    assert "continent=Asia" in dashboard.query() and "step=3" in dashboard.query()
    expect(dashboard.figure("collaborations")).to_have_text("2")  # IRL-01 and IRN-01 are in Asia
    page.locator("body").press("ArrowLeft")
    expect(page.locator("#present-title")).to_have_text("Europe")
    page.locator("#story-next").click()
    expect(page.locator("#present-title")).to_have_text("Asia")
    page.go_back()
    expect(page.locator("#present-title")).to_have_text("Europe")


def test_prs003_leaving_presentation_keeps_the_view(page, dashboard):
    dashboard.open("/?continent=Asia&present=1&step=3")
    page.locator("body").press("Escape")
    expect(page.locator("#page")).not_to_have_class(re.compile(r"\bpresent\b"))
    expect(page.locator(".filters")).to_be_visible()
    dashboard.settle()
    assert dashboard.query() == "?continent=Asia"


def test_prs004_french_is_one_click_away_and_everything_follows(page, dashboard):
    dashboard.open("/?country=JPN")
    page.locator("#lang-switch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Collaborations internationales de l'IN2P3")
    dashboard.settle()
    assert "lang=fr" in dashboard.query() and "country=JPN" in dashboard.query()
    expect(page.locator("#selection-summary")).to_contain_text("Japon")
    expect(page.locator("#country-select")).to_contain_text("Japon")
    expect(page.locator('[data-figure="collaborations"] .figure-label')).to_have_text("Collaborations")
    expect(page.locator('[data-figure="partner-countries"] .figure-label')).to_have_text("Pays partenaires")
    expect(page.locator("#collaboration-table")).to_contain_text("Corée du Sud")
    key = page.get_by_role("list", name="Légende de la carte")  # the map's key, HTML beside the map
    expect(key).to_contain_text("Aucune collaboration")
    expect(key).to_contain_text("France (siège)")
    expect(page.locator("html")).to_have_attribute("lang", "fr")  # screen readers read it in French


def test_prs005_back_across_a_language_change_reloads_in_that_language(page, dashboard):
    dashboard.open("/")
    page.locator("#lang-switch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Collaborations internationales de l'IN2P3")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("IN2P3 international collaborations")


def test_prs006_map_summary_for_screen_readers(page, dashboard):
    dashboard.open("/")
    summary = page.locator("#map-summary")
    expect(summary).to_contain_text("5 partner countries on the map")
    expect(summary).to_contain_text("Argentina (2)")


def test_prs007_keyboard_reaches_every_control_with_a_visible_focus(page, dashboard):
    dashboard.open("/")
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const style = getComputedStyle(el);
            return {id: el.id || (el.closest('[id]') || {}).id || '', outline: style.outlineStyle,
                    shadow: style.boxShadow};
        }""")
        if info:
            reached.add(info["id"])
            assert info["outline"] != "none" or info["shadow"] != "none", f"no visible focus on {info['id']}"
    for control in ("present-enter", "lang-switch", "clear-selection", "reset-view", "instrument-filter"):
        assert any(control in r for r in reached), f"{control} not reachable with Tab: {sorted(reached)}"
