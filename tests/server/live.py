"""Start the real server: gunicorn with several workers on a free loopback port, serving a data folder with the
import page open (IN2P3_ALLOW_IMPORT=1); stopped when the ``with`` block ends.

(A module of its own rather than conftest.py, so that tests import it by a name no other test folder uses.)
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
START_TIMEOUT_S = 90
WORKERS = 3


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    folder: Path
    log: Path

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the children of the master process."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in path.read_text().split())

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@contextlib.contextmanager
def start_server(folder: Path, workers: int = WORKERS, **env):
    gunicorn = Path(sys.executable).parent / "gunicorn"
    port = free_port()
    environment = {**os.environ, "IN2P3_DATA_DIR": str(folder), "IN2P3_ALLOW_IMPORT": "1", **env}
    environment.pop("DASH_DEBUG", None)
    log = Path(tempfile.mkdtemp(prefix="in2p3-server-")) / "gunicorn.log"
    with open(log, "wb") as out:
        # --no-control-socket: never take over the control socket of another gunicorn on this machine.
        process = subprocess.Popen(
            [
                str(gunicorn),
                "dashboard.wsgi:server",
                "--preload",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--no-control-socket",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", process, folder, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited ({process.returncode}):\n{server.log_text()}", pytrace=False)
            try:
                with urllib.request.urlopen(server.url + "/healthz", timeout=5):
                    pass
                if len(server.worker_pids()) == workers:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer within {START_TIMEOUT_S} s:\n{server.log_text()}", pytrace=False)
            time.sleep(0.3)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
