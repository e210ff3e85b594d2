"""Sharing, embedding and the story told, in the browser (mini data): "Copy link" puts the view's address on the
clipboard and says so (or selects it when the clipboard refuses), "Embed" gives the code of the embedded view, which
shows the map and the key figures and no controls; presentation mode says the step's text and outlines its countries;
axe finds no WCAG 2.1 A/AA violation on the embedded view, the open embed panel and a step with its text."""

from __future__ import annotations

import re

import pytest
from accessibility import CLS_LIMIT, axe_violations, dash_idle, describe, layout_shift
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

JAPAN = ("Japan", 138.0, 36.5)  # a point of Honshu


def test_shr001_copy_link_puts_the_address_on_the_clipboard_and_says_so(page, dashboard):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    dashboard.open("/?country=JPN&lang=fr")
    page.get_by_role("button", name="Copier le lien").click()
    status = page.get_by_role("status").filter(has_text="Lien copié")
    expect(status).to_have_attribute("aria-live", "polite")
    assert page.evaluate("() => navigator.clipboard.readText()") == page.evaluate("() => location.href")
    assert page.evaluate("() => location.search") == "?country=JPN&lang=fr"


def test_shr002_when_the_clipboard_refuses_the_link_is_shown_selected(page, dashboard):
    page.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: undefined});document.execCommand = () => false;"
    )
    dashboard.open("/?continent=Asia")
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("#share-status")).to_have_text("Selected: press Ctrl+C (⌘+C on a Mac) to copy it")
    shown = page.locator("#share-link")
    expect(shown).to_be_visible()
    address = page.evaluate("() => location.href")
    expect(shown).to_have_text(address)
    assert page.evaluate("() => window.getSelection().toString()") == address


def test_shr003_the_embed_panel_gives_the_code_of_the_embedded_view(page, dashboard, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    dashboard.open("/?continent=Asia")
    page.locator("#embed-details summary").click()
    code = page.get_by_label("HTML code to paste into an intranet or Indico page")
    expect(code).to_be_visible()
    expect(code).to_have_value(
        f'<iframe src="{live_server}/?continent=Asia&amp;embed=1" title="IN2P3 international collaborations: map '
        'and key figures" width="960" height="760" style="border:0;max-width:100%" loading="lazy"></iframe>'
    )
    page.get_by_role("button", name="Copy the code").click()
    expect(page.locator("#embed-status")).to_have_text("Code copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == code.input_value()
    dashboard.instrument_box("IRL").check()  # the code follows the view
    expect(code).to_have_value(re.compile(re.escape("?instrument=IRL&amp;continent=Asia&amp;embed=1")))


def test_shr004_the_embedded_view_is_the_map_and_key_figures_and_no_control(page, dashboard):
    dashboard.open("/?continent=Asia&embed=1")
    expect(page.locator("#map")).to_be_visible()
    expect(dashboard.figure("collaborations")).to_be_visible()
    expect(dashboard.figure("collaborations")).to_have_text("2")
    for hidden in ("#filters", "#collaboration-table", ".charts", ".page-header", "#year-player", ".page-footer"):
        expect(page.locator(hidden)).to_be_hidden()
    caption = page.locator(".embed-caption")
    expect(caption).to_contain_text("IN2P3 international collaborations · All collaborations · Asia · data of 25")
    full = caption.get_by_role("link", name="Open the full view (opens a new tab)")
    expect(full).to_have_attribute("href", "?continent=Asia")
    expect(full).to_have_attribute("target", "_blank")
    expect(page.get_by_role("button")).to_have_count(0)  # no control: buttons, check boxes, lists
    expect(page.get_by_role("checkbox")).to_have_count(0)
    expect(page.get_by_role("combobox")).to_have_count(0)
    dashboard.click_country(*JAPAN)  # a click still selects, and the view stays embedded
    expect(page).to_have_url(re.compile(r"\?continent=Asia&country=JPN&embed=1$"))
    expect(full).to_have_attribute("href", "?continent=Asia&country=JPN")


def test_shr005_presentation_mode_says_the_steps_text_and_outlines_its_countries(page, dashboard):
    dashboard.open("/?continent=Asia&present=1&step=3")
    expect(page.locator("#present-title")).to_have_text("Asia")
    expect(page.locator("#present-text")).to_have_text(
        "2 collaborations in Asia: a laboratory in Japan and a network with Japan, South Korea and China."
    )
    highlighted = page.locator("#map g.in2p3-highlight path")
    expect(highlighted).to_have_count(3)
    drawn = page.evaluate(
        """() => {
            const gd = document.getElementById('map').querySelector('.js-plotly-plot');
            const shapes = {};
            gd.querySelectorAll('g.choroplethlayer path.choroplethlocation').forEach(p => {
                if (p.__data__) shapes[p.__data__.loc] = p.getAttribute('d');
            });
            return Array.from(gd.querySelectorAll('g.in2p3-highlight path')).map(p =>
                shapes[p.dataset.iso3] === p.getAttribute('d') ? p.dataset.iso3 : 'misplaced ' + p.dataset.iso3);
        }"""
    )
    assert sorted(drawn) == ["CHN", "JPN", "KOR"]
    stroke = page.evaluate("() => getComputedStyle(document.querySelector('#map g.in2p3-highlight path')).stroke")
    assert stroke == "rgb(17, 24, 32)"  # a style of its own, not the selection's amber
    page.locator("body").press("ArrowRight")  # step 4 has no text and no country to outline
    expect(page.locator("#present-title")).to_have_text("North America")
    expect(page.locator("#present-text")).to_be_hidden()
    expect(highlighted).to_have_count(0)


@pytest.mark.parametrize(
    "view",
    [
        "/?continent=Asia&embed=1",
        "/?continent=Asia&present=1&step=3",
        "/?continent=Europe&lang=fr&present=1&step=2",
        "embed panel",
    ],
)
def test_shr006_the_embedded_view_a_told_step_and_the_embed_panel_meet_wcag_aa(checked_page, view):
    checked_page.goto("/?country=JPN" if view == "embed panel" else view)
    checked_page.locator('[data-figure="collaborations"] .figure-value').wait_for()
    checked_page.locator("#map path.choroplethlocation").first.wait_for(state="attached")
    dash_idle(checked_page)
    shift, shifts = layout_shift(checked_page)
    assert shift < CLS_LIMIT, f"{view}: cumulative layout shift {shift:.3f}: {shifts}"
    if view == "embed panel":
        checked_page.locator("#embed-details summary").click()
        expect(checked_page.locator("#embed-code")).to_be_visible()
    elif "present" in view:
        expect(checked_page.locator("#present-text")).not_to_be_empty()
    violations = axe_violations(checked_page)
    assert not violations, f"axe, {view}:\n{describe(violations)}"


def test_shr007_the_story_form_meets_wcag_aa(checked_page, import_server):
    checked_page.goto(import_server + "/import/story?view=%3Fcontinent%3DAsia")
    expect(checked_page.get_by_role("heading", name="Save a view as a story step", level=1)).to_be_visible()
    expect(checked_page.get_by_label("The view's link")).to_have_value("?continent=Asia")
    violations = axe_violations(checked_page)
    assert not violations, f"axe, /import/story:\n{describe(violations)}"
