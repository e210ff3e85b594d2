"""Real-browser tests: the real WSGI server (gunicorn) on the mini fixture data, driven by Debian's chromium.

* ``live_server`` (session): ``gunicorn dashboard.wsgi:server`` on a free local port,
  IN2P3_DATA_DIR=tests/fixtures/mini.
* ``shipped_server`` (session): the same on the shipped data (data/), started only by the tests that use it.
* ``browser`` (session): headless /usr/bin/chromium through Playwright's sync API (never a downloaded browser).
* ``page`` (function): a fresh context and page in which every request to a host other than 127.0.0.1/localhost
  is aborted and recorded; console errors, page errors and server errors (status >= 500) are recorded too.
  At teardown the page must have made no outside request, logged no console error and met no server error.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from accessibility import checked_page, import_server, signin_server  # noqa: F401  (axe, CLS: accessibility.py)

from testkit.browser import CHROMIUM, keep_local, launch
from testkit.servers import ServerError, serve

ROOT = Path(__file__).resolve().parents[2]
MINI_DATA = ROOT / "tests" / "fixtures" / "mini"
SERVER_START_TIMEOUT = 60  # seconds
VIEWPORT = {"width": 1280, "height": 900}
#: Default wait of Playwright's expect() and locator actions (ms); Dash answers in well under a second here.
EXPECT_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def live_server():
    """Base URL of the real WSGI app served by gunicorn on the mini fixture data; stopped after the session."""
    yield from _serve(MINI_DATA)


@pytest.fixture(scope="session")
def shipped_server():
    """The same on the shipped data (``data/``: 72 partners, more than one page of table)."""
    yield from _serve(ROOT / "data")


def _serve(data_dir: Path):
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(serve(data_dir, workers=1, start_timeout=SERVER_START_TIMEOUT))
        except ServerError as error:
            pytest.fail(str(error), pytrace=False)
        yield server.url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium (never a browser downloaded by ``playwright install``)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium. "
            "Install it with scripts/setup.sh --test (apt-get install chromium).",
            pytrace=False,
        )
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Traffic:
    """What a page did besides what the test looks at."""

    external: list[str] = field(default_factory=list)  # requests to other hosts (aborted)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)  # responses with status >= 500
    responses: list[tuple[int, str]] = field(default_factory=list)


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def page(browser, live_server, traffic):
    """A fresh page (own context: empty cache) that cannot reach the outside world."""
    context = browser.new_context(base_url=live_server, viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    pg = context.new_page()

    def on_response(response):
        traffic.responses.append((response.status, response.url))
        if response.status >= 500:
            traffic.server_errors.append(f"{response.status} {response.request.method} {response.url}")

    keep_local(pg, traffic.external)
    pg.on(
        "console",
        lambda msg: traffic.console_errors.append(f"{msg.text} ({msg.location})") if msg.type == "error" else None,
    )
    pg.on("pageerror", lambda error: traffic.page_errors.append(str(error)))
    pg.on("response", on_response)
    yield pg
    try:
        if not pg.is_closed():
            wait_for_dash_idle(pg, timeout_ms=5_000, require_app=False)
            pg.wait_for_timeout(100)  # let the last console messages arrive
    finally:
        context.close()
    problems = [
        f"{what}: {found}"
        for what, found in (
            ("requests to other hosts (aborted)", traffic.external),
            ("console errors", traffic.console_errors),
            ("page errors", traffic.page_errors),
            ("server errors", traffic.server_errors),
        )
        if found
    ]
    assert not problems, "the page was not clean:\n" + "\n".join(problems)


# --- helpers: Dash's callbacks, and the page as a person uses it ----------------------------------------


def wait_for_dash_idle(pg, timeout_ms: int = EXPECT_TIMEOUT_MS, *, require_app: bool = True) -> None:
    """Wait until the Dash renderer has no callback in flight (what dash.testing's ``_wait_for_callbacks`` checks).

    With ``require_app=False`` a page without a Dash app (never opened, or another document) counts as idle.
    """
    pg.wait_for_function(
        """(requireApp) => {
            const store = window.store;
            if (!store) return !requireApp;
            const state = store.getState();
            if (state.pendingCallbacks) return state.pendingCallbacks.length === 0;
            const callbacks = Object.assign({}, state.callbacks);
            delete callbacks.stored;
            delete callbacks.completed;
            return Object.values(callbacks).every(list => !list || list.length === 0);
        }""",
        arg=require_app,
        timeout=timeout_ms,
    )


class Dashboard:
    """What a person does on the page and what they see, in the page's own terms (ids from dashboard/ids.py)."""

    #: The plotly graph div inside dcc.Graph(id="map").
    MAP_PLOT = "document.getElementById('map').querySelector('.js-plotly-plot')"

    def __init__(self, page):
        self.page = page

    def open(self, path: str = "/") -> None:
        """Open ``path`` and wait until the view is drawn: key figures, coloured map, no callback in flight."""
        self.page.goto(path)
        self.figure("collaborations").wait_for()
        self.page.locator("#map path.choroplethlocation").first.wait_for(state="attached")
        self.settle()

    def settle(self) -> None:
        """No callback in flight, and the map drawn at its box's size (it changes with the window and the frame)."""
        wait_for_dash_idle(self.page)
        self.page.wait_for_function(
            """() => {
                const host = document.getElementById('map');
                const gd = host && host.querySelector('.js-plotly-plot');
                if (!gd || !gd._fullLayout || !gd._fullLayout.width) return true;
                const box = gd.getBoundingClientRect();
                const layout = gd._fullLayout;
                return Math.abs(layout.width - box.width) < 2 && Math.abs(layout.height - box.height) < 2;
            }"""
        )

    def figure(self, key: str):
        """The number of the key-figure card ``key`` (its data-figure: collaborations, partner-countries, ...)."""
        return self.page.locator(f'[data-figure="{key}"] .figure-value')

    def query(self) -> str:
        """The query string in the address bar now (read in the page: ``page.url`` can lag after pushState)."""
        return self.page.evaluate("() => window.location.search")

    def instrument_box(self, code: str):
        return self.page.locator(f'#instrument-filter input[type="checkbox"][value="{code}"]')

    def table_rows(self):
        """Body rows of the collaboration table (not the one that says an empty view is empty)."""
        return self.page.locator("#collaboration-table tbody tr:has(td:not(.table-empty))")

    def outlined(self) -> list[str]:
        """ISO3 codes of the countries outlined on the map as selected, each checked to be drawn exactly over its
        country (the outline's path is the country's choropleth path)."""
        return self.page.evaluate(
            f"""() => {{
                const gd = {self.MAP_PLOT};
                const shapes = {{}};
                gd.querySelectorAll('g.choroplethlayer path.choroplethlocation').forEach(p => {{
                    if (p.__data__) shapes[p.__data__.loc] = p.getAttribute('d');
                }});
                return Array.from(gd.querySelectorAll('g.in2p3-selection path')).map(p =>
                    shapes[p.dataset.iso3] === p.getAttribute('d') ? p.dataset.iso3 : 'misplaced ' + p.dataset.iso3);
            }}"""
        )

    def map_point(self, lon: float, lat: float) -> tuple[float, float]:
        """Viewport coordinates of (lon, lat) on the map, from the geo subplot's own projection.

        plotly's geo projection is fitted to the whole graph (margins and domain included), so its output is
        relative to the graph div's top-left corner.
        """
        x, y = self.page.evaluate(
            f"""([lon, lat]) => {{
                const gd = {self.MAP_PLOT};
                const [px, py] = gd._fullLayout.geo._subplot.projection([lon, lat]);
                const box = gd.getBoundingClientRect();
                return [box.left + px, box.top + py];
            }}""",
            [lon, lat],
        )
        return x, y

    def click_country(self, name: str, lon: float, lat: float) -> None:
        """Hover (lon, lat) until the map's hover label names ``name`` (the point is on that country), then click."""
        from playwright.sync_api import expect

        self.page.locator("#map").scroll_into_view_if_needed()
        self.settle()
        x, y = self.map_point(lon, lat)
        self.page.mouse.move(x - 5, y - 5)
        self.page.mouse.move(x, y)
        expect(self.page.locator("#map .hoverlayer .hovertext").first).to_contain_text(name)
        self.page.mouse.click(x, y)


@pytest.fixture
def dashboard(page) -> Dashboard:
    return Dashboard(page)
