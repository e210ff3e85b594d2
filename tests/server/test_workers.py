"""Under gunicorn with several workers, an import (from the page or the command line) is served by every
worker from its next request on, without a restart; a refused one changes nothing anywhere."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


MAX_TRIES = 300


def by_worker(server, expected: int) -> dict[int, dict]:
    """/healthz of every worker: asked on new connections until each worker has answered."""
    seen: dict[int, dict] = {}
    for _ in range(MAX_TRIES):
        answer = requests.get(server.url + "/healthz", headers={"Connection": "close"}, timeout=10).json()
        seen[answer["worker"]] = answer
        if len(seen) == expected and set(seen) == set(server.worker_pids()):
            break
    assert set(seen) == set(server.worker_pids()), f"only workers {sorted(seen)} answered"
    return seen


def page_upload(server, name: str, content: bytes):
    session = requests.Session()
    page = session.get(server.url + "/import", timeout=10)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return session.post(
        server.url + "/import", data={"csrf_token": token}, files={"files": (name, content)}, timeout=60
    )


def test_wrk001_every_worker_serves_an_import_from_the_page(server):
    workers = len(server.worker_pids())
    before = by_worker(server, workers)
    assert {a["rows"] for a in before.values()} == {7}
    instruments = (server.data_dir / "instruments.csv").read_text(encoding="utf-8")
    fewer = "\n".join(instruments.splitlines()[:-1]) + "\n"

    refused = page_upload(server, "instruments.csv", fewer.replace("IRL-01,IRL", "IRL-01,XXX").encode())
    assert refused.status_code == 422 and "<td>instruments.csv</td><td>2</td><td>type</td>" in refused.text
    assert {a["rows"] for a in by_worker(server, workers).values()} == {7}

    done = page_upload(server, "instruments.csv", fewer.encode())
    assert done.status_code == 200, done.text[:500]
    after = by_worker(server, workers)
    versions = {a["data_version"] for a in after.values()}
    assert len(versions) == 1 and None not in versions, after
    assert {a["rows"] for a in after.values()} == {6}
    csv = requests.get(server.url + "/export/collaborations.csv", timeout=10).text
    assert csv.count("\n") == 1 + 6


def test_wrk002_every_worker_serves_an_import_from_the_command_line(server):
    workers = len(server.worker_pids())
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "import",
            str(server.data_dir / "instruments.csv"),
            "--data",
            str(server.data_dir),
            "--date",
            "2027-05-01",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    version = re.search(r"Imported as version (\S+);", done.stdout).group(1)
    after = by_worker(server, workers)
    assert {a["data_version"] for a in after.values()} == {version}
    assert {a["data_date"] for a in after.values()} == {"2027-05-01"}
    assert {a["rows"] for a in after.values()} == {7}
    assert "Traceback" not in server.log_text()
