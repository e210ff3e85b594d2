"""In a real browser (Debian's chromium through Playwright, every non-local request blocked), under the app's
Content-Security-Policy: the page works with no console error (a blocked script or style is one), data text
with HTML or script in it is shown as those characters and never runs, and the import page works.

The browser runs in a process of its own (``browser_probe.py``), apart from any other Playwright of the session.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from live import MINI, ROOT, start_server

from testkit.browser import CHROMIUM

pytestmark = pytest.mark.browser

PROBE = Path(__file__).with_name("browser_probe.py")
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
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh --test installs it)")
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(MINI, folder)
    set_cells(folder / "partners.csv", {(0, "name"): PARTNER})
    set_cells(folder / "infrastructures.csv", {(0, "name"): SITE_NAME, (0, "site"): SITE_PLACE})
    set_cells(
        folder / "instruments.csv",
        {(0, "name"): FORMULA, (0, "notes"): NOTES, (0, "source_url"): "https://x.example/)[x](javascript:alert(4)"},
    )
    with start_server(folder, workers=1) as running:
        yield running


def probe(*args) -> dict:
    done = subprocess.run(
        [sys.executable, str(PROBE), *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert not seen["console_errors"], seen["console_errors"]
    assert not seen["dialogs"] and not seen["outside"], seen
    return seen


def test_bsf001_text_from_the_data_is_shown_as_text(hostile):
    seen = probe("text", hostile.url)
    assert "script-src 'self' 'sha256-" in seen["csp"]
    assert PARTNER in seen["table"] and FORMULA in seen["table"] and SITE_NAME in seen["table"]
    assert not [h for h in seen["hrefs"] if h.strip().lower().startswith("javascript:")]
    assert SITE_NAME in seen["hover"] and SITE_PLACE in seen["hover"]
    assert seen["injected_elements"] == 0


def test_bsf002_the_import_page_works_in_the_browser(hostile, tmp_path):
    labs = tmp_path / "labs.csv"
    labs.write_bytes((hostile.data_dir / "labs.csv").read_bytes().replace(b"Annecy", b"Annecy-le-Vieux"))
    seen = probe("import", hostile.url, labs)
    assert "served now" in seen["imported"] and "was restored" in seen["restored"]
