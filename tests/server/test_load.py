"""A bounded load test on loopback: several clients for a fixed time against gunicorn with several workers.

The mix is what browsers do: the page, its layout, the two callbacks with views drawn from a list of links,
the CSV export, the health check. Passes when no request fails and the memory of each worker is steady
(the last third of the run against the second third, once warm). The figures are printed and written to
build/loadtest.json. ``IN2P3_LOAD_SECONDS`` and ``IN2P3_LOAD_CLIENTS`` change the size of the run.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("IN2P3_LOAD_SECONDS", "20"))
CLIENTS = int(os.environ.get("IN2P3_LOAD_CLIENTS", "4"))
SAMPLE_EVERY_S = 0.5
#: A worker may grow this much between the middle and the end of the run (allocator noise, lazy imports).
MAX_GROWTH_MB = 20.0
VIEWS = [
    "",
    "?country=JPN",
    "?instrument=IRL,IRP",
    "?continent=Asia",
    "?measure=partners",
    "?year=2010-2020",
    "?theme=nuclear-physics&status=active",
    "?country=JPN,KOR,CHN&measure=infrastructures",
    "?lab=IJCLab",
    "?country=ARG&instrument=INFRA",
    "?continent=Europe&year=2020",
    "?country=<script>&year=x",
]


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def callback_bodies(url: str) -> tuple[dict, dict]:
    """Request bodies of the page's callback (update_view): a change of the address (a link, back/forward), and a
    change of a control (an instrument type ticked). The view's query goes in the first input, the address."""
    callbacks = requests.get(url + "/_dash-dependencies", timeout=30).json()
    update = next(c for c in callbacks if c["output"].startswith("..url.search"))
    outputs = [
        {"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in update["output"].strip(".").split("...")
    ]
    state = [{"id": s["id"], "property": s["property"], "value": None} for s in update.get("state", [])]

    def body(changed: str, values: dict) -> dict:
        inputs = [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in update["inputs"]]
        return {
            "output": update["output"],
            "outputs": outputs,
            "state": state,
            "changedPropIds": [changed],
            "inputs": inputs,
        }

    return body("url.search", {}), body("instrument-filter.value", {"instrument-filter.value": ["IRL"]})


def test_ldt010_bounded_load_no_errors_steady_memory(server):
    render, sync = callback_bodies(server.url)
    pids = server.worker_pids()
    stop = threading.Event()
    samples: dict[int, list[tuple[float, float]]] = {pid: [] for pid in pids}
    results: list[tuple[str, int, float]] = []
    failures: list[str] = []
    lock = threading.Lock()
    started = time.monotonic()

    def sample():
        while not stop.is_set():
            now = time.monotonic() - started
            for pid in pids:
                value = rss_mb(pid)
                if value is not None:
                    samples[pid].append((now, value))
            stop.wait(SAMPLE_EVERY_S)

    def client(seed: int):
        rng = random.Random(seed)
        session = requests.Session()
        while not stop.is_set():
            view = rng.choice(VIEWS)
            kind = rng.choices(["page", "layout", "render", "sync", "csv", "health"], weights=[1, 1, 5, 3, 2, 1])[0]
            begin = time.perf_counter()
            try:
                if kind == "page":
                    response = session.get(server.url + "/" + view, timeout=60)
                elif kind == "layout":
                    response = session.get(server.url + "/_dash-layout", timeout=60)
                elif kind in ("render", "sync"):
                    body = json.loads(json.dumps(render if kind == "render" else sync))
                    body["inputs"][0]["value"] = view
                    response = session.post(server.url + "/_dash-update-component", json=body, timeout=60)
                elif kind == "csv":
                    response = session.get(server.url + "/export/collaborations.csv" + view, timeout=60)
                else:
                    response = session.get(server.url + "/healthz", timeout=60)
                status = response.status_code
            except requests.RequestException as error:
                status = -1
                with lock:
                    failures.append(f"{kind} {view}: {error}")
            elapsed = time.perf_counter() - begin
            with lock:
                results.append((kind, status, elapsed))
                if status not in (200, 204) and status != -1:
                    failures.append(f"{kind} {view}: HTTP {status}")

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    clients = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(CLIENTS)]
    [c.start() for c in clients]
    time.sleep(SECONDS)
    stop.set()
    [c.join(timeout=90) for c in clients]
    sampler.join(timeout=5)
    duration = time.monotonic() - started

    summary = {
        "seconds": round(duration, 1),
        "clients": CLIENTS,
        "workers": len(pids),
        "requests": len(results),
        "requests_per_second": round(len(results) / duration, 1),
        "failures": len(failures),
        "latency_ms": {},
        "rss_mb": {},
    }
    for kind in sorted({k for k, _, _ in results}):
        times = sorted(t * 1000 for k, _, t in results if k == kind)
        summary["latency_ms"][kind] = {
            "n": len(times),
            "p50": round(statistics.median(times), 1),
            "p95": round(times[int(0.95 * (len(times) - 1))], 1),
            "max": round(times[-1], 1),
        }
    growth = {}
    for pid, series in samples.items():
        values = [v for _, v in series]
        third = max(1, len(values) // 3)
        middle, last = statistics.median(values[third : 2 * third]), statistics.median(values[2 * third :])
        growth[pid] = last - middle
        summary["rss_mb"][str(pid)] = {
            "start": round(values[0], 1),
            "middle": round(middle, 1),
            "end": round(last, 1),
            "max": round(max(values), 1),
        }
    out = ROOT / "build" / "loadtest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print("\nload test:", json.dumps(summary, indent=2))

    assert not failures, failures[:10]
    assert len(results) >= 10 * SECONDS / 20, "the server answered too few requests to say anything"
    assert all(g <= MAX_GROWTH_MB for g in growth.values()), summary["rss_mb"]
    assert "Traceback" not in server.log_text()
