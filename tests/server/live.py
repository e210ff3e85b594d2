"""Start the real server: gunicorn with several workers, as the Procfile runs it (``--preload``), on a free
loopback port, serving a data folder with the import page open (IN2P3_ALLOW_IMPORT=1); stopped when the ``with``
block ends. The launcher itself is ``testkit.servers.serve``, shared with the browser tests and the benchmarks.

(A module of its own rather than conftest.py, so that tests import it by a name no other test folder uses.)
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from testkit.servers import ServerError, serve

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
START_TIMEOUT_S = 90
WORKERS = 3


@contextlib.contextmanager
def start_server(folder: Path, workers: int = WORKERS, **env):
    """A ``testkit.servers.Server`` (url, worker_pids(), log_text(), data_dir) on ``folder``; ``env`` is added."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(
                serve(
                    folder,
                    workers=workers,
                    preload=True,
                    env={"IN2P3_ALLOW_IMPORT": "1", **env},
                    ready_path="/healthz",
                    start_timeout=START_TIMEOUT_S,
                    worker_timeout=60,
                )
            )
        except ServerError as error:
            pytest.fail(str(error), pytrace=False)
        yield server
