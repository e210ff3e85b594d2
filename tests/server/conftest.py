"""Fixtures of the server tests.

* ``server`` (module): gunicorn with 3 workers, as the Procfile runs it (``--preload``), on a temporary copy of
  the fixture data (tests/fixtures/mini), the import page open. ``live.start_server`` starts another one.
"""

from __future__ import annotations

import shutil

import pytest
from live import MINI, start_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served") / "data"
    shutil.copytree(MINI, folder)
    with start_server(folder) as running:
        yield running
