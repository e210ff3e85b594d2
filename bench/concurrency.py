"""Concurrency: the app under gunicorn (the Procfile's command, 2 workers), N simulated users on loopback.

Each user opens the page (the HTML, then the layout Dash asks for), then clicks and filters as a person at
a meeting would, with a think time between actions: select a country on the map, deselect it, tick an
instrument type or a status, untick it. An action is what the browser sends for it: one ``update_view`` request
(the click -> the new URL, every view of it and its table's first page); its latency is that request's.
Every user stops at the deadline or after ``max_actions``; all traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import random
import statistics
import threading
import time

from . import servers
from .dashclient import DashClient, http_transport
from .interaction import percentile

COUNTRIES = (
    "USA",
    "CHN",
    "JPN",
    "BRA",
    "ARG",
    "IND",
    "RUS",
    "CAN",
    "KOR",
    "CHE",
    "ITA",
    "ESP",
    "DEU",
    "POL",
    "CHL",
    "ZAF",
    "MEX",
    "CZE",
    "ROU",
    "UKR",
)
INSTRUMENTS = ("IRL", "IRP", "IRN", "IEA", "AGR", "INFRA")
STATUSES = ("active", "ended", "planned")


def _controls(search: str, vocabulary, bounds) -> dict:
    from dashboard.page.callbacks import controls_of
    from dashboard.state import parse_query

    state, _ = parse_query(search, vocabulary)
    return controls_of(state, bounds)


def _user(
    index: int, base_url: str, deadline: float, max_actions: int, think: tuple[float, float], vocabulary, bounds, record
) -> None:
    from dashboard import ids

    rng = random.Random(index)
    send = http_transport(base_url)
    start = time.perf_counter()
    try:
        for path in ("/", "/_dash-layout"):
            status, _ = send(path, None)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
        client = DashClient(send, bounds)
        record("page", time.perf_counter() - start, None)
    except Exception as error:
        record("page", time.perf_counter() - start, error)
        return
    search, shown_map = "", None
    for step in range(max_actions):
        time.sleep(rng.uniform(*think))
        if time.perf_counter() >= deadline:
            break
        controls = _controls(search, vocabulary, bounds)
        kind = step % 4
        if kind in (0, 1):  # select a country, then deselect it
            if kind == 0:
                country = rng.choice(COUNTRIES)
            changed, value = "map.clickData", {"points": [{"location": country}]}
        else:  # tick a filter box, then untick it
            if kind == 2:
                box_id, box_value = rng.choice(
                    ((ids.INSTRUMENT, rng.choice(INSTRUMENTS)), (ids.STATUS, rng.choice(STATUSES)))
                )
            ticked = set(controls[box_id])
            ticked ^= {box_value}
            changed, value = f"{box_id}.value", sorted(ticked)
        began = time.perf_counter()
        try:
            search = client.sync(search, controls, changed, value, shown_map)  # one round trip, views and all
            answer = client.last
            shown_map = answer.get(ids.MAP_KEY, {}).get("data", shown_map)
            record("action", time.perf_counter() - began, None)
        except Exception as error:
            record("action", time.perf_counter() - began, error)


def run(
    users: int = 50,
    workers: int = 2,
    duration: float = 30.0,
    max_actions: int = 200,
    think: tuple[float, float] = (1.0, 3.0),
    log=print,
) -> dict:
    from dashboard.config import load_settings
    from dashboard.loading import validate_folder
    from dashboard.state import Vocabulary

    ds = validate_folder(load_settings().data_dir)
    vocabulary, bounds = Vocabulary.from_dataset(ds), ds.year_bounds
    samples: dict[str, list[float]] = {"page": [], "action": []}
    errors: list[str] = []
    lock = threading.Lock()

    def record(kind: str, seconds: float, error) -> None:
        with lock:
            if error is None:
                samples[kind].append(seconds * 1000)
            else:
                errors.append(f"{kind}: {type(error).__name__}: {error}")

    with servers.app_server(workers=workers) as url:
        log(
            f"concurrency: {users} users, {workers} gunicorn workers, {duration:.0f} s, think time "
            f"{think[0]:.0f}-{think[1]:.0f} s"
        )
        began = time.perf_counter()
        deadline = began + duration
        threads = [
            threading.Thread(
                target=_user, args=(i, url, deadline, max_actions, think, vocabulary, bounds, record), daemon=True
            )
            for i in range(users)
        ]
        for thread in threads:
            thread.start()
            time.sleep(0.02)  # users arrive over a second, not in one burst
        for thread in threads:
            thread.join(timeout=duration + 120)
        elapsed = time.perf_counter() - began
    actions = samples["action"]
    out = {
        "users": users,
        "workers": workers,
        "duration_s": elapsed,
        "think_s": list(think),
        "actions": len(actions),
        "throughput_actions_per_s": len(actions) / elapsed,
        "requests_per_s": (2 * len(actions) + 2 * len(samples["page"])) / elapsed,
        "p50_ms": statistics.median(actions) if actions else float("nan"),
        "p95_ms": percentile(actions, 95),
        "max_ms": max(actions) if actions else float("nan"),
        "page_p50_ms": statistics.median(samples["page"]) if samples["page"] else float("nan"),
        "page_p95_ms": percentile(samples["page"], 95),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
    }
    log(
        f"concurrency: {out['actions']} actions in {elapsed:.0f} s ({out['throughput_actions_per_s']:.1f} actions/s, "
        f"{out['requests_per_s']:.1f} requests/s); action p50 {out['p50_ms']:.0f} ms, p95 {out['p95_ms']:.0f} ms; "
        f"page p95 {out['page_p95_ms']:.0f} ms; errors {out['errors']}"
    )
    return out
