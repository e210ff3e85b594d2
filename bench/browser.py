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


#: The map's box: the app's (and the reference page's) ``#map``, and any element the page marks as a preview of it.
MAP_BOX = "#map, [data-map-preview]"

#: Set ``window.__mapVisible`` = {t, how} (ms since navigation start) at the first frame at which the map's box shows
#: map content, and ``window.__mapHover`` = {t, text} at the first frame at which the map shows a hover label.
#:
#: Map content (the rule, for any page that puts something in the box before plotly's map):
#:  - plotly's geography: a path with a non-empty ``d`` in a geo subplot's layers (``.geolayer``) inside ``#map``;
#:  - in ``[data-map-preview]`` (the element itself or its descendants), or inside ``#map`` but outside plotly's
#:    own plot (``.js-plotly-plot``, whose empty scaffolding and mode bar are not map content): a decoded ``<img>``
#:    (complete, natural width > 0), an ``<svg>`` holding a drawn shape (path, polygon, polyline, image, use), a
#:    ``<canvas>``;
#:  - each with a box of non-zero size, visible (``checkVisibility``: not hidden, not transparent).
#: The check runs at the first animation frame after any change of the document (MutationObserver) or any load
#: of an element (an image decoded): the time is that frame's, as for ``DETECT_MAP``. A largest-contentful-paint
#: entry of an image inside the box counts too (its render time), whichever comes first.
DETECT_VISIBLE = """
(() => {
  const BOX = '#map, [data-map-preview]';
  const SHAPES = 'path, polygon, polyline, image, use';
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) return false;
    return !el.checkVisibility || el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  };
  const filled = (el) => {
    const tag = el.tagName.toLowerCase();
    if (tag === 'img') return el.complete && el.naturalWidth > 0 && shown(el);
    if (tag === 'canvas') return el.width > 0 && el.height > 0 && shown(el);
    if (tag === 'svg') return shown(el) && [...el.querySelectorAll(SHAPES)].some(s =>
      (s.tagName.toLowerCase() !== 'path' || (s.getAttribute('d') || '').length > 2) && shown(s));
    return false;
  };
  const content = () => {
    for (const p of document.querySelectorAll('#map .geolayer path')) {
      if ((p.getAttribute('d') || '').length > 2 && shown(p)) return 'plotly geography';
    }
    for (const box of document.querySelectorAll(BOX)) {
      const preview = box.matches('[data-map-preview]');
      const candidates = [box, ...box.querySelectorAll('img, svg, canvas')];
      for (const el of candidates) {
        if (!preview && el.closest('.js-plotly-plot')) continue;  // plotly's own: only its geography counts
        if (el.parentElement && el.parentElement.closest('svg')) continue;  // an svg is judged as a whole
        if (filled(el)) return (el.closest('[data-map-preview]') ? 'preview ' : '') + el.tagName.toLowerCase();
      }
    }
    return null;
  };
  let pending = false;
  const check = () => {
    if (pending) return;
    if (window.__mapVisible && window.__mapHover) { observer.disconnect(); return; }
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const now = performance.now();
      if (!window.__mapVisible) {
        const how = content();
        if (how) window.__mapVisible = {t: now, how};
      }
      if (!window.__mapHover) {
        const label = document.querySelector('#map .hoverlayer .hovertext');
        if (label) window.__mapHover = {t: now, text: (label.textContent || '').slice(0, 80)};
      }
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {
    childList: true, subtree: true, attributes: true,
    attributeFilter: ['d', 'src', 'srcset', 'style', 'class', 'hidden', 'width', 'height', 'data-map-preview'],
  });
  document.addEventListener('load', check, true);  // images (load does not bubble: captured)
  window.__lcp = [];
  try {
    new PerformanceObserver(list => list.getEntries().forEach(e => {
      const el = e.element;
      const inBox = !!(el && el.closest && el.closest(BOX));
      const t = e.renderTime || e.startTime;
      window.__lcp.push({t, inBox, tag: el ? el.tagName.toLowerCase() : null, url: e.url || '', size: e.size});
      const image = e.url || (el && /^(img|image|video|svg|canvas)$/i.test(el.tagName));
      if (inBox && image && (!window.__mapVisible || t < window.__mapVisible.t)) {
        window.__mapVisible = {t, how: 'largest contentful paint ' + (el ? el.tagName.toLowerCase() : '')};
      }
    })).observe({type: 'largest-contentful-paint', buffered: true});
  } catch (error) { /* no LCP in this browser: the frame rule alone */ }
})();
"""

#: Where to hover (viewport px) to reach the country at (lon, lat) on the map, or null while the map cannot answer:
#: the plotly graph in ``#map`` exists, has its events (``gd.on``) and its geo subplot a projection. ``click``:
#: whether something listens to the map's clicks (Dash's graph does, to send them to the server).
MAP_PROBE = """([lon, lat]) => {
  const gd = document.querySelector('#map.js-plotly-plot, #map .js-plotly-plot');
  if (!gd || typeof gd.on !== 'function' || !gd._fullLayout || !gd._fullLayout.geo) return null;
  const geo = gd._fullLayout.geo._subplot;
  if (!geo || typeof geo.projection !== 'function') return null;
  const point = geo.projection([lon, lat]);
  if (!point || !isFinite(point[0]) || !isFinite(point[1])) return null;
  const box = gd.getBoundingClientRect();
  const events = gd._ev && gd._ev._events;
  return {x: box.left + point[0], y: box.top + point[1], click: !!(events && events.plotly_click)};
}"""


def wait_interactive(page, lon: float, lat: float, *, every_ms: int = 50, timeout_ms: int = 60_000) -> dict:
    """Hover the map at (lon, lat) every ``every_ms`` from now until it shows a hover label (``DETECT_VISIBLE``
    installed); the mouse moves by 1 px each time, so that each poll is a new hover. Returns the page's
    ``__mapHover`` ({t, text}: the frame of the label, in the page's clock) with ``hovers`` (moves made) and
    ``click`` (a listener on the map's clicks at that moment), or {"t": None} at ``timeout_ms``."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    hovers = 0
    click = None
    while time.monotonic() < deadline:
        started = time.monotonic()
        seen = page.evaluate("() => window.__mapHover || null")
        if seen:
            return {**seen, "hovers": hovers, "click": click}
        probe = page.evaluate(MAP_PROBE, [lon, lat])
        if probe:
            click = probe["click"]
            page.mouse.move(probe["x"] + hovers % 2, probe["y"])
            hovers += 1
        pause = every_ms - (time.monotonic() - started) * 1000
        if pause > 1:
            page.wait_for_timeout(pause)
    return {"t": None, "text": None, "hovers": hovers, "click": click}
