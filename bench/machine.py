"""What the figures were measured on: cores, memory, CPU model, load, versions, date."""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import subprocess
import threading
from pathlib import Path


def describe() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "unknown"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    try:
        chromium = subprocess.run(
            ["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except OSError:
        chromium = "not found"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=30,
            cwd=Path(__file__).resolve().parent.parent,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "memory": memory,
        "cpu": cpu,
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "chromium": chromium,
        "commit": commit,
    }


class LoadSampler:
    """The machine's 1-minute load average sampled every ``every`` seconds while a benchmark runs (a thread):
    ``summary()`` gives it at the start and end, its median and range, and the cores, to say how noisy the run was."""

    def __init__(self, every: float = 5.0):
        self.every = every
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            self.samples.append(os.getloadavg()[0])
            if self._stop.wait(self.every):
                return

    def __enter__(self) -> LoadSampler:
        self.start = " ".join(f"{x:.2f}" for x in os.getloadavg())
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self.end = " ".join(f"{x:.2f}" for x in os.getloadavg())

    def summary(self) -> dict:
        values = self.samples or [os.getloadavg()[0]]
        return {
            "start": self.start,
            "end": getattr(self, "end", None),
            "median_1min": round(statistics.median(values), 2),
            "min_1min": round(min(values), 2),
            "max_1min": round(max(values), 2),
            "samples": len(values),
            "every_s": self.every,
            "cores": os.cpu_count(),
        }
