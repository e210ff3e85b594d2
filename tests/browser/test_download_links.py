"""The page's export links in a real browser: they follow the view, and what they download is that view."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from PIL import Image
from playwright.sync_api import expect
from pptx import Presentation

from dashboard.exports.links import export_links
from dashboard.loading import validate_folder
from dashboard.page.story import expand_step
from dashboard.state import Vocabulary, parse_query

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

pytestmark = pytest.mark.browser


def test_dlk001_export_links_follow_the_view_and_download_it(page, dashboard):
    page.goto("/?lang=fr")
    page.locator("#map path.choroplethlocation").first.wait_for()  # the view is drawn
    deck, xlsx, png = page.locator("#download-deck"), page.locator("#download-xlsx"), page.locator("#download-map-png")
    expect(deck).to_have_attribute("href", "/export/deck.pptx?lang=fr")
    dashboard.instrument_box("IRN").check()
    for link in (deck, xlsx, png):
        expect(link).to_have_attribute("href", re.compile(r"\?instrument=IRN&lang=fr$"))

    with page.expect_download() as info:
        png.click()
    assert info.value.suggested_filename == "in2p3-map-2026-11-25.png"
    with open(info.value.path(), "rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).size == (1920, 1080)

    with page.expect_download() as info:
        xlsx.click()
    with open(info.value.path(), "rb") as handle:
        rows = list(openpyxl.load_workbook(io.BytesIO(handle.read())).active.iter_rows(values_only=True))
    assert rows[1][0] == "IRN · données du 25 novembre 2026"
    assert [r[0] for r in rows[5:]] == ["IRN-01"]

    with page.expect_download() as info:
        deck.click()
    with open(info.value.path(), "rb") as handle:
        slides = list(Presentation(io.BytesIO(handle.read())).slides)
    title = "\n".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert "IRN · données du 25 novembre 2026" in title and "Collaborations internationales" in title


def test_dlk002_the_browser_makes_the_links_by_the_servers_rule(page, dashboard):
    """The page arrives with its links made by export_links; then the browser makes them from the address
    (viewLinks in assets/app.js): after each change of view, every link is what export_links gives."""
    ds = validate_folder(MINI)
    vocabulary = Vocabulary.from_dataset(ds)
    link_ids = list(export_links(parse_query("", vocabulary)[0]))

    def check():
        dashboard.settle()
        query = dashboard.query()
        expected = export_links(expand_step(ds, parse_query(query, vocabulary)[0]))  # a bare step: its own view
        for link_id in link_ids:
            expect(page.locator(f"#{link_id}")).to_have_attribute("href", expected[link_id])
        return query

    dashboard.open("/?present=1&step=2")  # made by the server
    assert "present=1" in check()
    page.locator("body").press("ArrowRight")  # a story step: made by the browser
    assert "step=3" in check()
    page.locator("body").press("Escape")  # presentation left
    assert "present" not in check()
    page.locator("#measure input[value='partners']").check()
    assert "measure=partners" in check()  # the tables' links leave the measure out
    dashboard.instrument_box("IRN").check()
    assert "instrument=IRN" in check()
    page.locator("#lang-switch").click()  # the page in French (a reload of the layout)
    assert "lang=fr" in check()
    page.go_back()
    check()
