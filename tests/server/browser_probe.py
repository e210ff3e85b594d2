"""Drive Debian's chromium (Playwright) against a running app and print what a person would see, as JSON.

    python tests/server/browser_probe.py text URL          the dashboard with hostile data text
    python tests/server/browser_probe.py import URL FILE   the import page: upload FILE, then restore

Run in a process of its own by tests/server/test_browser_safety.py, so that it never meets another
Playwright instance of the same test session (the sync API allows one per thread). Every request to another
host is blocked and recorded; console errors (a script or style blocked by the CSP is one), page errors and
dialogs (an ``alert`` that ran) are recorded too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: testkit is at the top
from testkit.browser import keep_local, launch

TIMEOUT_MS = 30_000
PLOT = "document.querySelector('#map .js-plotly-plot')"


def check_text(page, url: str) -> dict:
    response = page.goto(url + "/")
    page.wait_for_selector("#collaboration-table td", timeout=TIMEOUT_MS)
    page.wait_for_selector("#map .choroplethlocation", state="attached", timeout=TIMEOUT_MS)
    curve = page.evaluate(f"{PLOT}.data.findIndex(t => t.name === 'Infrastructure sites')")
    index = page.evaluate(f"{PLOT}.data[{curve}].customdata.findIndex(c => c[1].includes('onerror'))")
    page.evaluate(f"Plotly.Fx.hover({PLOT}, [{{curveNumber: {curve}, pointNumber: {index}}}], 'geo')")
    page.wait_for_timeout(500)
    return {
        "csp": response.headers.get("content-security-policy", ""),
        "table": page.inner_text("#collaboration-table"),
        "hrefs": page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"),
        "hover": page.evaluate(
            "Array.from(document.querySelectorAll('#map .hoverlayer text')).map(t => t.textContent).join(' ')"
        ),
        "injected_elements": page.evaluate("document.querySelectorAll('img[src=\"x\"], #map .hoverlayer b').length"),
    }


def check_import(page, url: str, upload: str) -> dict:
    page.goto(url + "/import")
    page.set_input_files("#files", upload)
    page.click("button[type=submit] >> text=Check and import")
    page.wait_for_selector(".admin-success", timeout=TIMEOUT_MS)
    imported = page.inner_text(".admin-success")
    page.click("form[action='/import/restore'] button")
    page.wait_for_selector(".admin-success", timeout=TIMEOUT_MS)
    return {"imported": imported, "restored": page.inner_text(".admin-success")}


def main(argv: list[str]) -> int:
    what, url, *rest = argv
    seen = {"console_errors": [], "dialogs": [], "outside": []}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
        page.on("console", lambda m: seen["console_errors"].append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen["console_errors"].append(str(e)))
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        keep_local(page, seen["outside"])
        seen.update(check_text(page, url) if what == "text" else check_import(page, url, rest[0]))
        browser.close()
    print(json.dumps(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
