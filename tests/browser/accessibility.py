"""Accessibility and layout checks for the browser tests: axe-core (WCAG 2.0/2.1 A and AA) and the cumulative
layout shift of a page load.

* ``checked_page`` (fixture): a page in a context of its own with ``bypass_csp=True``, so that axe-core (from the
  PyPI package axe-playwright-python, run offline) can be put into the page: the app's CSP refuses injected
  scripts, and is never relaxed for this; the page is otherwise guarded like conftest's ``page`` (no outside
  request, no console error, no server error).
* :func:`axe_violations`: the violations axe finds of the rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa, of any
  impact; :func:`describe` makes them readable in an assertion message.
* ``CLS_OBSERVER`` (an init script) and :func:`layout_shift`: the sum of the layout shifts without recent input,
  from the navigation until the page has settled (``PerformanceObserver('layout-shift', buffered: true)``, as
  Lighthouse counts it).
* ``signin_server`` (session fixture): gunicorn on the mini data with sign-in configured (an editor), for the
  sign-in page and the import page; ``import_server``: the same with ``IN2P3_ALLOW_IMPORT=1`` and no sign-in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI_DATA = ROOT / "tests" / "fixtures" / "mini"
CHROMIUM = Path("/usr/bin/chromium")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
EXPECT_TIMEOUT_MS = 10_000

#: The WCAG 2.0 and 2.1 rules of levels A and AA (RGAA 4.1 asks for WCAG 2.1 AA).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: The largest cumulative layout shift allowed while a page loads ("good" is under 0.1 for Lighthouse).
CLS_LIMIT = 0.05

#: Counts every layout shift from the start of the document, before any script of the page runs.
CLS_OBSERVER = """
window.__in2p3Shifts = [];
new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
        window.__in2p3Shifts.push({
            value: entry.value,
            input: entry.hadRecentInput,
            at: entry.startTime,
            sources: (entry.sources || []).map(s => s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?'),
        });
    }
}).observe({type: 'layout-shift', buffered: true});
"""

USER, PASSWORD = "editor", "a password for the tests"


def axe_violations(page, context=None) -> list[dict]:
    """The WCAG 2.0/2.1 A and AA violations axe-core finds in ``page`` now (all impacts)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, context=context, options=options).response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:6]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def layout_shift(page, settle_ms: int = 1500) -> tuple[float, list[dict]]:
    """The page's cumulative layout shift so far (shifts without recent input), once nothing has shifted for
    ``settle_ms`` (ms; at most 10 s more), and the shifts themselves."""
    deadline = time.monotonic() + 10
    seen = -1
    while time.monotonic() < deadline:
        page.wait_for_timeout(settle_ms)
        shifts = page.evaluate("() => window.__in2p3Shifts || []")
        if len(shifts) == seen:
            break
        seen = len(shifts)
    shifts = page.evaluate("() => window.__in2p3Shifts || []")
    return sum(s["value"] for s in shifts if not s["input"]), shifts


@dataclass
class Traffic:
    """What a page did besides what the test looks at (as conftest.py's)."""

    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)


def dash_idle(page, timeout_ms: int = 5_000) -> None:
    """Until Dash has no callback in flight (a page without Dash: at once)."""
    page.wait_for_function(
        """() => {
            const store = window.store;
            if (!store) return true;
            const state = store.getState();
            if (state.pendingCallbacks) return state.pendingCallbacks.length === 0;
            const callbacks = Object.assign({}, state.callbacks);
            delete callbacks.stored;
            delete callbacks.completed;
            return Object.values(callbacks).every(list => !list || list.length === 0);
        }""",
        timeout=timeout_ms,
    )


def guard(page, traffic: Traffic) -> None:
    """conftest's rules on ``page``: outside requests aborted and recorded, console, page and server errors recorded."""

    def route(request_route):
        if urlsplit(request_route.request.url).hostname in LOCAL_HOSTS:
            request_route.continue_()
        else:
            traffic.external.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: traffic.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: traffic.page_errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            traffic.server_errors.append(f"{response.status} {response.url}") if response.status >= 500 else None
        ),
    )


def assert_clean(traffic: Traffic) -> None:
    problems = {
        "requests to other hosts (aborted)": traffic.external,
        "console errors": traffic.console_errors,
        "page errors": traffic.page_errors,
        "server errors": traffic.server_errors,
    }
    found = [f"{what}: {items}" for what, items in problems.items() if items]
    assert not found, "the page was not clean:\n" + "\n".join(found)


def checked_pages(browser, base_url: str, viewport: dict):
    """A guarded page whose context lets axe-core in (``bypass_csp``: the checker's context, not the app's policy),
    with the layout shifts counted from the start of each document; the traffic checked clean when it closes (the
    body of the fixtures that give such a page, whatever their server)."""
    traffic = Traffic()
    context = browser.new_context(base_url=base_url, viewport=viewport, bypass_csp=True)
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    context.add_init_script(CLS_OBSERVER)
    page = context.new_page()
    guard(page, traffic)
    yield page
    try:
        if not page.is_closed():
            dash_idle(page)
            page.wait_for_timeout(100)
    finally:
        context.close()
    assert_clean(traffic)


@pytest.fixture
def checked_page(browser, live_server):
    """A checked page (:func:`checked_pages`) on the session's server, at a laptop's size."""
    yield from checked_pages(browser, live_server, {"width": 1366, "height": 768})


def _start(data: Path, **env) -> tuple[subprocess.Popen, str, Path]:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    with socket_port() as port:
        pass
    logs = Path(tempfile.mkdtemp(prefix="in2p3-a11y-"))
    environment = {**os.environ, "IN2P3_DATA_DIR": str(data), **env}
    environment.pop("DASH_DEBUG", None)
    with open(logs / "gunicorn.log", "wb") as out:
        process = subprocess.Popen(
            [str(gunicorn), "dashboard.wsgi:server", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
            + ["--no-control-socket"],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{(logs / 'gunicorn.log').read_text(errors='replace')}", pytrace=False)
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5):
                break
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail("gunicorn did not answer within 60 s", pytrace=False)
            time.sleep(0.25)
    return process, url, logs


class socket_port:
    """A free loopback port (closed again when the ``with`` block ends, before gunicorn binds it)."""

    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        self.sock.close()


def _served(**env):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh --test installs it)")
    folder = Path(tempfile.mkdtemp(prefix="in2p3-a11y-data-")) / "data"
    shutil.copytree(MINI_DATA, folder)  # an import page may write next to the tables: never into the fixture
    process, url, logs = _start(folder, **env)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        shutil.rmtree(logs, ignore_errors=True)
        shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def signin_server():
    """Sign-in configured (IN2P3_USERS: one editor), as tests/unit/test_security.py configures it."""
    from werkzeug.security import generate_password_hash

    entry = f"{USER}:editor:{generate_password_hash(PASSWORD)}"
    yield from _served(IN2P3_USERS=entry, IN2P3_SECRET_KEY="k" * 40)


@pytest.fixture(scope="session")
def import_server():
    """The import page open without sign-in (IN2P3_ALLOW_IMPORT=1)."""
    yield from _served(IN2P3_ALLOW_IMPORT="1")
