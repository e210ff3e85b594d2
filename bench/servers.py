"""Start the app (or the reference page) under gunicorn on a free loopback port, and stop it.

Every server listens on 127.0.0.1 only; the benchmarks send no traffic anywhere else.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

from . import RESULTS, ROOT

GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 180.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server stopped (exit code {proc.returncode}) before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@contextlib.contextmanager
def gunicorn(
    app: str,
    *,
    workers: int = 2,
    threads: int = 1,
    env: dict | None = None,
    cwd: Path = ROOT,
    ready_path: str = "/",
    log: Path | None = None,
    timeout: float = 180.0,
):
    """Run ``gunicorn app`` on 127.0.0.1 (``--preload``, as the Procfile); yields the base URL."""
    port = free_port()
    cmd = [
        str(GUNICORN),
        app,
        "--preload",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
        "--graceful-timeout",
        "5",
    ]
    out = open(log, "wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + ready_path, timeout=timeout, proc=proc)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if log:
            out.close()


def app_server(data_dir: Path | None = None, *, workers: int = 2, threads: int = 1, cwd: Path = ROOT, log=None):
    """The dashboard as the Procfile runs it (``dashboard.wsgi:server``), on ``data_dir`` if given."""
    env = {"IN2P3_DATA_DIR": str(data_dir)} if data_dir else {}
    return gunicorn("dashboard.wsgi:server", workers=workers, threads=threads, env=env, cwd=cwd, log=log)


def process_tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and its children (Linux /proc)."""
    total = 0
    pids = [pid]
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    for p in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
    return total


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
