"""Debian's chromium (``/usr/bin/chromium``) through Playwright, headless, never a browser of its own download,
with the flags every user here starts it with: the browser tests, the server tests' probe, the benchmarks and
scripts/screenshot.py.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
#: No sandbox (root in a container), no GPU, and none of the browser's own traffic (updates, sync, first-run pages).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})


def launch(playwright, *extra_args: str, **options):
    """``playwright.chromium.launch`` of Debian's chromium, headless, with :data:`CHROMIUM_ARGS` and ``extra_args``
    (``options`` go to ``launch``). Raises FileNotFoundError when chromium is not installed."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(
            f"{CHROMIUM} is missing: Debian's chromium is needed; install it with scripts/setup.sh --test"
        )
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *extra_args], headless=True, **options
    )


def keep_local(page, outside: list[str]) -> None:
    """Let ``page`` (or a context) reach 127.0.0.1 and localhost only: any other request is aborted and its URL
    appended to ``outside``."""

    def guard(route):
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", guard)
