"""The app (or another WSGI app) under gunicorn on a free port of 127.0.0.1, stopped when the ``with`` ends.

Used by the browser tests (one worker), the server tests (several workers, ``--preload``, the import page open)
and the benchmarks (the Procfile's command). Every server listens on loopback only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
APP = "dashboard.wsgi:server"


class ServerError(RuntimeError):
    """gunicorn is missing, stopped, or did not answer in time; the message ends with its log."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running gunicorn: its base URL (no trailing slash), master process, log file and data folder."""

    url: str
    process: subprocess.Popen
    log: Path
    data_dir: Path | None = None

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the children of the master process."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in path.read_text().split())

    def log_text(self) -> str:
        """What gunicorn and the app wrote so far (stdout and stderr)."""
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""


@contextlib.contextmanager
def serve(
    data_dir: Path | None = None,
    *,
    app: str = APP,
    workers: int = 1,
    threads: int = 1,
    preload: bool = False,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    ready_path: str = "/",
    log: Path | None = None,
    start_timeout: float = 60.0,
    worker_timeout: int | None = None,
    graceful_timeout: int | None = None,
) -> Iterator[Server]:
    """Run ``gunicorn app`` and yield the :class:`Server` once ``ready_path`` answers 200 and every worker is up.

    ``data_dir`` is given as IN2P3_DATA_DIR (default: the app's own), ``env`` is added to this process's
    environment (DASH_DEBUG is never passed on: debug mode is not what a server runs). gunicorn's output goes to
    ``log`` (default: a temporary file, removed at the end). ``worker_timeout`` and ``graceful_timeout`` are
    gunicorn's ``--timeout`` and ``--graceful-timeout`` (default: gunicorn's). Raises :class:`ServerError`
    if it does not answer within ``start_timeout`` seconds. Always ``--no-control-socket``: never take over
    the control socket of another gunicorn on this machine. gunicorn runs in a session of its own, stopped
    as a whole (master and workers) at the end.
    """
    if not GUNICORN.exists():
        raise ServerError(f"gunicorn not found next to {sys.executable}; run scripts/setup.sh --test")
    port = free_port()
    command = [str(GUNICORN), app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)]
    command += ["--no-control-socket", *(["--preload"] if preload else [])]
    command += ["--timeout", str(worker_timeout)] if worker_timeout is not None else []
    command += ["--graceful-timeout", str(graceful_timeout)] if graceful_timeout is not None else []
    environment = {
        **os.environ,
        **({"IN2P3_DATA_DIR": str(Path(data_dir).resolve())} if data_dir else {}),
        **(env or {}),
    }
    environment.pop("DASH_DEBUG", None)
    with contextlib.ExitStack() as cleanup:
        if log is None:
            logs = Path(tempfile.mkdtemp(prefix="in2p3-gunicorn-"))
            cleanup.callback(shutil.rmtree, logs, ignore_errors=True)
            log = logs / "gunicorn.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                command, cwd=cwd, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        cleanup.callback(_stop, process)
        server = Server(f"http://127.0.0.1:{port}", process, Path(log), Path(data_dir) if data_dir else None)
        _wait_until_up(server, ready_path, workers, start_timeout)
        yield server


def _wait_until_up(server: Server, ready_path: str, workers: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last_error = "no answer yet"
    while True:
        if server.process.poll() is not None:
            raise ServerError(
                f"gunicorn exited with code {server.process.returncode} before answering on {server.url}.\n"
                f"--- gunicorn log ---\n{server.log_text()}"
            )
        try:
            with urllib.request.urlopen(server.url + ready_path, timeout=5) as response:
                if response.status != 200:
                    last_error = f"status {response.status}"
                elif len(server.worker_pids()) == workers:
                    return
                else:
                    last_error = f"{len(server.worker_pids())} of {workers} workers up"
        except OSError as error:  # refused, timed out, an error status (urllib.error.URLError is an OSError)
            last_error = repr(error)
        if time.monotonic() > deadline:
            raise ServerError(
                f"gunicorn did not answer on {server.url} within {timeout:.0f} s (last error: {last_error}).\n"
                f"--- gunicorn log ---\n{server.log_text()}"
            )
        time.sleep(0.25)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to gunicorn's master and workers; SIGKILL to them if they are still there after 15 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
