"""Take a screenshot of the running dashboard with Debian's chromium (headless), blocking the internet.

    python scripts/screenshot.py [URL] [OUT.png] [--width 1600] [--height 2200] [--full]

Prints the requests that were blocked (there should be none) and the browser console errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: testkit is at the top
from testkit.browser import keep_local, launch


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8050/")
    parser.add_argument("out", nargs="?", default="docs/screenshot.png")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--full", action="store_true", help="the whole page, not just the first screen")
    parser.add_argument("--click", help="ISO3 code of a country to click on the map first")
    args = parser.parse_args()
    blocked, errors = [], []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        keep_local(page, blocked)
        page.goto(args.url)
        page.wait_for_selector(".js-plotly-plot .choroplethlocation", state="attached", timeout=30000)
        page.wait_for_timeout(1500)
        page.screenshot(path=args.out, full_page=args.full)
        browser.close()
    print(f"wrote {args.out}; blocked requests: {blocked or 'none'}; console errors: {errors or 'none'}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
