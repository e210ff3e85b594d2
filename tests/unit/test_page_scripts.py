"""The page's scripts: Babel's polyfill replaced by regenerator-runtime (dashboard/vendor/README.md); no dash_table."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re

from dashboard.app import REGENERATOR_RUNTIME, RENDERER, create_app
from dashboard.config import load_settings


def test_pgs001_the_page_loads_regenerator_runtime_in_place_of_the_polyfill(mini):
    client = create_app(load_settings({}), data=mini).server.test_client()
    page = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script defer src="([^"]+)"', page)
    assert not [s for s in scripts if "polyfill" in s or "dash_table" in s]
    runtime = [s for s in scripts if "regenerator-runtime" in s]
    assert len(runtime) == 1 and scripts.index(runtime[0]) == 0  # where the polyfill was: before React
    served = client.get(runtime[0], headers={"Accept-Encoding": "gzip"})
    assert served.status_code == 200 and served.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(served.data) == REGENERATOR_RUNTIME.read_bytes()
    assert b"regeneratorRuntime = runtime" in REGENERATOR_RUNTIME.read_bytes()


def test_pgs002_scripts_are_deferred_and_dash_starts_when_they_have_run(mini):
    """The first frame is painted without waiting for Dash's scripts; Dash starts after them, its start allowed by
    its hash in the page's CSP."""
    client = create_app(load_settings({}), data=mini).server.test_client()
    answer = client.get("/")
    page = answer.get_data(as_text=True)
    assert re.findall(r"<script src=", page) == []
    assert len(re.findall(r"<script defer src=", page)) > 5
    assert page.index('id="first-frame"') < page.index("<script defer src=")
    assert f">{RENDERER}</script>" in page and "DOMContentLoaded" in RENDERER
    digest = base64.b64encode(hashlib.sha256(RENDERER.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in answer.headers["Content-Security-Policy"]
