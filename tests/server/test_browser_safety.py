"""In a real browser (Debian's chromium through Playwright, every non-local request blocked), under the app's
Content-Security-Policy: the page works with no console error (a blocked script or style is one), data text
with HTML or script in it is shown as those characters and never runs, and the import page works."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
from live import MINI, start_server

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PARTNER = "<script>alert(1)</script>"
SITE_NAME = "<img src=x onerror=alert(2)>"
SITE_PLACE = "<b>bold</b> &amp; co"
NOTES = "<script>alert(3)</script>"
FORMULA = '=HYPERLINK("http://evil.example")'


def set_cells(path: Path, changes: dict) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for (row, column), value in changes.items():
        frame.loc[row, column] = value
    frame.to_csv(path, index=False)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(MINI, folder)
    set_cells(folder / "partners.csv", {(0, "name"): PARTNER})
    set_cells(folder / "infrastructures.csv", {(0, "name"): SITE_NAME, (0, "site"): SITE_PLACE})
    set_cells(folder / "instruments.csv", {(0, "name"): FORMULA, (0, "notes"): NOTES,
                                           (0, "source_url"): "https://x.example/)[x](javascript:alert(4)"})
    with start_server(folder, workers=1) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh --test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    opened = context.new_page()
    opened.errors, opened.dialogs, opened.outside = [], [], []
    opened.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: opened.errors.append(str(e)))
    opened.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))

    def guard(route):
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            return route.continue_()
        opened.outside.append(route.request.url)
        return route.abort()

    opened.route("**/*", guard)
    yield opened
    context.close()
    assert not opened.errors, opened.errors
    assert not opened.dialogs and not opened.outside


def test_sb001_text_from_the_data_is_shown_as_text(hostile, page):
    response = page.goto(hostile.url + "/?country=CHE,JPN")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    page.wait_for_selector("#collaboration-table td", timeout=30_000)
    page.wait_for_selector("#map .choroplethlocation", state="attached", timeout=30_000)
    page.goto(hostile.url + "/")
    page.wait_for_selector("#collaboration-table td", timeout=30_000)
    table = page.inner_text("#collaboration-table")
    assert PARTNER in table and FORMULA in table and SITE_NAME in table
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
    curve = page.evaluate("document.querySelector('#map .js-plotly-plot').data.findIndex(t => t.name === 'Infrastructure sites')")
    index = page.evaluate(f"document.querySelector('#map .js-plotly-plot').data[{curve}].customdata"
                          f".findIndex(c => c[1].includes('onerror'))")
    page.evaluate(f"Plotly.Fx.hover(document.querySelector('#map .js-plotly-plot'), [{{curveNumber: {curve}, pointNumber: {index}}}], 'geo')")
    page.wait_for_timeout(500)
    hover = page.evaluate("Array.from(document.querySelectorAll('#map .hoverlayer text')).map(t => t.textContent).join(' ')")
    assert SITE_NAME in hover and SITE_PLACE in hover
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"], #map .hoverlayer b').length") == 0


def test_sb002_the_import_page_works_in_the_browser(hostile, page, tmp_path):
    labs = tmp_path / "labs.csv"
    labs.write_bytes((hostile.folder / "labs.csv").read_bytes().replace(b"Annecy", b"Annecy-le-Vieux"))
    page.goto(hostile.url + "/import")
    page.set_input_files("#files", str(labs))
    page.click("button[type=submit] >> text=Check and import")
    page.wait_for_selector(".admin-success", timeout=30_000)
    assert "served now" in page.inner_text(".admin-success")
    page.click("form[action='/import/restore'] button")
    page.wait_for_selector(".admin-success", timeout=30_000)
    assert "was restored" in page.inner_text(".admin-success")
