"""Headless Debian chromium through Playwright, with what the benchmarks read from the page.

No browser is downloaded (``executable_path``); host names other than loopback do not resolve, and any
request that leaves 127.0.0.1 is recorded (the report says "none").
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlparse

from testkit.browser import launch

#: Besides testkit's flags: host names other than loopback do not even resolve.
EXTRA_ARGS = ("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",)
VIEWPORT = {"width": 1600, "height": 1000}

#: Set ``window.__mapDrawn`` (ms since navigation start) at the first frame that shows choropleth paths.
DETECT_MAP = """
(() => {
  const seen = () => document.querySelector('.js-plotly-plot .choroplethlocation');
  const mark = () => {
    window.__mapSeen = performance.now();
    requestAnimationFrame(() => { window.__mapDrawn = performance.now(); });
  };
  const observer = new MutationObserver(() => { if (seen()) { observer.disconnect(); mark(); } });
  observer.observe(document, {childList: true, subtree: true});
})();
"""


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname in ("127.0.0.1", "localhost", None)


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p, *EXTRA_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Recorder:
    """Requests of a page: the ones that left loopback, console errors, and bytes on the wire."""

    def __init__(self, page):
        self.requests = []
        self.outside = []
        self.errors = []
        page.on("request", self._on_request)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _on_request(self, request):
        self.requests.append(request)
        if not is_local(request.url):
            self.outside.append(request.url)

    @staticmethod
    def traffic(requests) -> dict:
        """Bytes sent and received (headers and encoded bodies) by ``requests`` (finished ones)."""
        sent = received = 0
        resources = []
        for request in requests:
            try:
                sizes = request.sizes()
            except Exception:  # a request that failed or was cancelled has no sizes
                continue
            up = sizes["requestHeadersSize"] + max(sizes["requestBodySize"], 0)
            down = sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0)
            sent += up
            received += down
            resources.append(
                {"url": urlparse(request.url).path, "type": request.resource_type, "sent": up, "received": down}
            )
        return {"sent": sent, "received": received, "requests": len(resources), "resources": resources}
