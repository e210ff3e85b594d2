"""Start the app (or the reference page) under gunicorn on a free loopback port, and stop it: the launcher is
``testkit.servers.serve`` (shared with the tests), run here as the Procfile runs it (``--preload``).

Every server listens on 127.0.0.1 only; the benchmarks send no traffic anywhere else.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
from pathlib import Path

from testkit.servers import serve

from . import RESULTS, ROOT


@contextlib.contextmanager
def gunicorn(app: str, data_dir: Path | None = None, *, workers: int = 2, threads: int = 1, cwd: Path = ROOT, log=None):
    """Run ``gunicorn app`` on 127.0.0.1 (``--preload``, as the Procfile), on ``data_dir`` if given; yields the
    base URL."""
    with serve(
        data_dir,
        app=app,
        workers=workers,
        threads=threads,
        preload=True,
        cwd=cwd,
        log=log,
        start_timeout=180,
        worker_timeout=120,
        graceful_timeout=5,
    ) as server:
        yield server.url


def app_server(data_dir: Path | None = None, *, workers: int = 2, threads: int = 1, cwd: Path = ROOT, log=None):
    """The dashboard as the Procfile runs it (``dashboard.wsgi:server``), on ``data_dir`` if given."""
    return gunicorn("dashboard.wsgi:server", data_dir, workers=workers, threads=threads, cwd=cwd, log=log)


def checkout(rev: str) -> Path:
    """The app as it was at git revision ``rev`` (``git archive`` of dashboard/, assets/, data/ into
    build/bench/rev-REV; the repository is only read). Raises OSError or CalledProcessError."""
    target = RESULTS / f"rev-{rev}"
    if (target / "dashboard" / "wsgi.py").is_file():
        return target
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, "dashboard", "assets", "data"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target
