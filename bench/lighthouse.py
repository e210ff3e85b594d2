"""Lighthouse (desktop preset) on three views of the app under gunicorn, each against issue 12's targets.

    python -m bench --only lighthouse         (3 runs of each view, about 5 minutes)

Lighthouse is npm's ``lighthouse``, at the exact version of ``bench/package.json`` (``bench/package-lock.json``),
installed by ``scripts/setup.sh --bench`` (``npm ci --prefix bench``; ``make bench`` runs it, ``make test`` does
not). It drives Debian's chromium (``CHROME_PATH=/usr/bin/chromium``, headless) against the app as the Procfile
runs it (``bench.servers.app_server``: gunicorn, 2 workers, ``--preload``) on 127.0.0.1. No request leaves the
machine: host names other than 127.0.0.1 do not resolve in that chromium (``--host-resolver-rules``, as in
``bench/browser.py``), and the requests of every run are checked (``outside_requests``, the report says "none").

Each view is measured ``runs`` times (views taking turns); each figure kept is the median of its runs, and the
main-thread script items are those of the run whose performance score is the median. Lighthouse's own timing is
simulated (its desktop preset: 40 ms round trips, 10 Mbit/s, no CPU slow-down, on the trace recorded here): its
figures move with the machine's load like the others.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from testkit.browser import CHROMIUM, CHROMIUM_ARGS

from . import RESULTS, ROOT, servers
from .browser import EXTRA_ARGS

BENCH = ROOT / "bench"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"

#: (name, path and query) of the views measured.
VIEWS = (
    ("default view", "/"),
    ("presentation, step 2", "/?present=1&step=2"),
    ("French, Japan selected", "/?lang=fr&country=JPN"),
)

#: Runs of Lighthouse for one measure at most (one, and again after a failure of Lighthouse's own).
ATTEMPTS = 3

#: Issue 12's targets: category scores at least, metrics below.
TARGETS = {
    "performance": (">=", 0.90),
    "accessibility": (">=", 0.98),
    "best-practices": (">=", 1.00),
    "total_blocking_time_ms": ("<", 300),
    "cumulative_layout_shift": ("<", 0.05),
}
CATEGORIES = ("performance", "accessibility", "best-practices")


def _quoted(flag: str) -> str:
    """``--name='value'``: Lighthouse splits its --chrome-flags at spaces outside quotes."""
    name, _, value = flag.partition("=")
    return f"{name}='{value}'" if " " in value else flag


#: The chromium flags of issue 12, and the host resolver rules of every benchmark (loopback only).
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS] + [_quoted(a) for a in EXTRA_ARGS])

#: Numeric audits kept: (key in the results, audit id).
METRICS = (
    ("total_blocking_time_ms", "total-blocking-time"),
    ("cumulative_layout_shift", "cumulative-layout-shift"),
    ("largest_contentful_paint_ms", "largest-contentful-paint"),
    ("first_contentful_paint_ms", "first-contentful-paint"),
    ("speed_index_ms", "speed-index"),
    ("interactive_ms", "interactive"),
    ("dom_size", "dom-size"),
    ("mainthread_work_ms", "mainthread-work-breakdown"),
    ("bootup_time_ms", "bootup-time"),
)


def version() -> str | None:
    """The pinned version (bench/package.json), or None if there is none."""
    path = BENCH / "package.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8")).get("dependencies", {}).get("lighthouse")


def missing() -> str | None:
    """Why Lighthouse cannot run here (a sentence), or None."""
    if not LIGHTHOUSE.exists():
        return f"{LIGHTHOUSE.relative_to(ROOT)} is not installed: run scripts/setup.sh --bench (npm ci --prefix bench)"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (scripts/setup.sh --test installs Debian's chromium)"
    return None


def meets(key: str, value) -> bool | None:
    if value is None or key not in TARGETS:
        return None
    op, bound = TARGETS[key]
    return value >= bound - 1e-9 if op == ">=" else value < bound


def summarise_report(lhr: dict) -> dict:
    """What is kept of one Lighthouse report (its JSON): scores, metrics, the main thread's script items."""
    audits = lhr.get("audits", {})
    out = {"runtime_error": (lhr.get("runtimeError") or {}).get("code")}
    out["scores"] = {c: (lhr.get("categories", {}).get(c) or {}).get("score") for c in CATEGORIES}
    for key, audit in METRICS:
        out[key] = (audits.get(audit) or {}).get("numericValue")
    bootup = ((audits.get("bootup-time") or {}).get("details") or {}).get("items") or []
    out["script_evaluation"] = [
        {
            "url": _short(item.get("url", "")),
            "total_ms": round(item.get("total") or 0, 1),
            "scripting_ms": round(item.get("scripting") or 0, 1),
            "parse_compile_ms": round(item.get("scriptParseCompile") or 0, 1),
        }
        for item in sorted(bootup, key=lambda i: -(i.get("scripting") or 0))[:8]
    ]
    breakdown = ((audits.get("mainthread-work-breakdown") or {}).get("details") or {}).get("items") or []
    out["main_thread"] = {i.get("groupLabel") or i.get("group"): round(i.get("duration") or 0, 1) for i in breakdown}
    lcp_element = ((audits.get("largest-contentful-paint-element") or {}).get("details") or {}).get("items") or []
    out["lcp_element"] = next(
        (
            (item.get("node") or {}).get("selector")
            for block in lcp_element
            for item in (block.get("items") or [block])
            if isinstance(item, dict) and item.get("node")
        ),
        None,
    )
    # What keeps each category from its full score: the audits that count and are not passed.
    failed = {}
    for category in CATEGORIES:
        refs = (lhr.get("categories", {}).get(category) or {}).get("auditRefs") or []
        failed[category] = sorted(
            ref["id"]
            for ref in refs
            if ref.get("weight")
            and (audits.get(ref["id"]) or {}).get("score") is not None
            and audits[ref["id"]]["score"] < 1
        )
    out["failed_audits"] = failed
    requests = ((audits.get("network-requests") or {}).get("details") or {}).get("items") or []
    out["requests"] = len(requests)
    out["transfer_bytes"] = sum(r.get("transferSize") or 0 for r in requests)
    out["outside_requests"] = sorted({r["url"] for r in requests if not _loopback(r.get("url", ""))})
    return out


def _loopback(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about", "chrome", "chrome-extension") or parsed.hostname == "127.0.0.1"


def _short(url: str) -> str:
    if not url.startswith("http"):
        return url
    parsed = urlparse(url)
    return parsed.path + (f"?{parsed.query}" if parsed.query and not parsed.path.endswith(".js") else "")


def run_once(url: str, keep: Path | None = None, timeout: float = 240.0) -> dict:
    """One Lighthouse run of ``url``; the full report is kept in ``keep`` (a JSON file) if given."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--preset=desktop",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--only-categories=" + ",".join(CATEGORIES),
            f"--chrome-flags={CHROME_FLAGS}",
            "--max-wait-for-load=60000",
        ]
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "TMPDIR": tmp}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, cwd=BENCH)
        if not report.is_file():
            raise RuntimeError(f"lighthouse {url}: no report (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        text = report.read_text(encoding="utf-8")
        if keep:
            keep.parent.mkdir(parents=True, exist_ok=True)
            keep.write_text(text, encoding="utf-8")
    lhr = json.loads(text)
    out = summarise_report(lhr)
    out["lighthouse"] = lhr.get("lighthouseVersion")
    out["benchmark_index"] = (lhr.get("environment") or {}).get("benchmarkIndex")
    return out


def summarise(runs: list[dict]) -> dict:
    """Medians of a view's runs, with the main-thread items of its median run (by performance score)."""
    ok = [r for r in runs if not r["runtime_error"]]
    if not ok:
        return {"runs": len(runs), "errors": [r["runtime_error"] for r in runs]}

    def median(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    ranked = sorted(ok, key=lambda r: r["scores"]["performance"] or 0)
    middle = ranked[(len(ranked) - 1) // 2]
    out = {
        "runs": len(runs),
        "errors": [r["runtime_error"] for r in runs if r["runtime_error"]],
        "retried": [e for r in runs for e in r.get("retried", [])],
        "scores": {c: median(r["scores"][c] for r in ok) for c in CATEGORIES},
        "scores_all": {c: [r["scores"][c] for r in ok] for c in CATEGORIES},
        **{key: median(r[key] for r in ok) for key, _ in METRICS},
        "tbt_all": [r["total_blocking_time_ms"] for r in ok],
        "script_evaluation": middle["script_evaluation"],
        "main_thread": middle["main_thread"],
        "lcp_element": middle["lcp_element"],
        "failed_audits": {c: sorted({a for r in ok for a in r["failed_audits"][c]}) for c in CATEGORIES},
        "requests": median(r["requests"] for r in ok),
        "transfer_bytes": median(r["transfer_bytes"] for r in ok),
        "outside_requests": sorted({u for r in runs for u in r["outside_requests"]}),
        "benchmark_index": median(r.get("benchmark_index") for r in ok),
    }
    values = {**out["scores"], **{k: out[k] for k in ("total_blocking_time_ms", "cumulative_layout_shift")}}
    out["met"] = {key: meets(key, values.get(key)) for key in TARGETS}
    out["all_met"] = all(out["met"].values())
    return out


def _warm(base: str, path: str) -> None:
    """Ask the server once for the page and its layout (each view is computed once per worker and state)."""
    for _ in range(2):  # two workers: one of them may answer each request
        for target, headers in ((path, {}), ("/_dash-layout", {"Referer": base + path})):
            request = urllib.request.Request(base + target, headers=headers)
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()


def run(runs: int = 3, log=print) -> dict:
    """Lighthouse ``runs`` times on each of :data:`VIEWS`, views taking turns. Raises RuntimeError when Lighthouse
    is not installed (``missing()`` says why)."""
    reason = missing()
    if reason:
        raise RuntimeError(reason)
    results = {name: [] for name, _ in VIEWS}
    keep = RESULTS / "lighthouse"
    with servers.app_server() as base:
        for _, path in VIEWS:
            _warm(base, path)
        for i in range(runs):
            for name, path in VIEWS:
                slug = name.split(",")[0].replace(" ", "-")
                retried = []
                for _ in range(ATTEMPTS):  # Lighthouse's own failures (NO_NAVSTART...) come and go with the load
                    result = run_once(base + path, keep=keep / f"{slug}-{i + 1}.json")
                    if not result["runtime_error"]:
                        break
                    retried.append(result["runtime_error"])
                    log(f"  lighthouse {i + 1}/{runs} {name}: {result['runtime_error']}, run again")
                result["retried"] = retried
                results[name].append(result)
                s = result["scores"]
                log(
                    f"  lighthouse {i + 1}/{runs} {name:24s}: performance {_score(s['performance'])}, "
                    f"accessibility {_score(s['accessibility'])}, best practices {_score(s['best-practices'])}; "
                    f"TBT {_num(result['total_blocking_time_ms'])} ms, "
                    f"CLS {_num(result['cumulative_layout_shift'], 3)}, "
                    f"LCP {_num(result['largest_contentful_paint_ms'])} ms"
                    + (f"; error {result['runtime_error']}" if result["runtime_error"] else "")
                )
    views = []
    for name, path in VIEWS:
        summary = {"name": name, "path": path, **summarise(results[name])}
        views.append(summary)
        if "scores" not in summary:
            log(f"lighthouse {name}: no report ({', '.join(summary['errors'])})")
        else:
            log(
                f"lighthouse {name}: performance {_score(summary['scores']['performance'])}, accessibility "
                f"{_score(summary['scores']['accessibility'])}, best practices "
                f"{_score(summary['scores']['best-practices'])}, TBT {_num(summary['total_blocking_time_ms'])} ms, "
                f"CLS {_num(summary['cumulative_layout_shift'], 3)}: "
                + ("targets met" if summary["all_met"] else "targets not met")
            )
    first = next((r for rs in results.values() for r in rs if r.get("lighthouse")), {})
    return {
        "lighthouse": first.get("lighthouse") or version(),
        "preset": "desktop",
        "chrome_flags": CHROME_FLAGS,
        "runs": runs,
        "targets": {k: list(v) for k, v in TARGETS.items()},
        "views": views,
        "reports": str(keep.relative_to(ROOT)),
    }


def _score(x) -> str:
    return "–" if x is None else f"{x:.2f}"


def _num(x, digits: int = 0) -> str:
    return "–" if x is None else f"{x:,.{digits}f}"
