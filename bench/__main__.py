"""Run the benchmarks and write docs/performance.md.

python -m bench                       everything (about 25 minutes on 2 cores)
python -m bench --only cold,scale     some of them (the report keeps the other results it has):
                                      cold, lighthouse, interaction (with its floor), scale, concurrency;
                                      "floor" is the interaction run (the floor is measured in the same run as
                                      the app's interactions, one step after each)
python -m bench --quick               fewer runs and sizes: a smoke run (its figures go to build/bench/quick/,
                                      not to bench/results/ nor to the report)
python -m bench --baseline REV        also measure the app as it was at git revision REV (cold load and
                                      interaction), in the same run: the before/after of this work
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from . import RESULTS, ROOT, SAVED, machine, report
from .servers import checkout

BENCHES = ("cold", "lighthouse", "interaction", "scale", "concurrency")
#: Other names accepted by --only: the floor is measured within the interaction run (its ratio needs both).
ALIASES = {"floor": "interaction"}
#: The commit before the performance work (issue 4): what "before" means in the report.
BASELINE = "0598a95"


def _baseline(rev: str):
    """A copy of the app at ``rev``, or None (with a message) if it cannot be made."""
    try:
        return checkout(rev)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"baseline {rev}: cannot be extracted ({error}); measuring without it", file=sys.stderr)
        return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        default=",".join(BENCHES),
        help="comma-separated: " + ", ".join(BENCHES) + " (floor: the interaction run, which measures it)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: few runs, small sizes, few users (kept in build/bench/quick, not reported)",
    )
    parser.add_argument("--sizes", help="scale sizes, e.g. 1e3,1e4,1e5 (1e6 is accepted: slow, several GB)")
    parser.add_argument("--baseline", default=BASELINE, help="git revision measured as 'before' ('none' to skip)")
    args = parser.parse_args(argv)
    chosen = [ALIASES.get(b.strip(), b.strip()) for b in args.only.split(",") if b.strip()]
    unknown = set(chosen) - set(BENCHES)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    quick = args.quick
    # A smoke run's figures are not the report's: they stay out of bench/results (in git).
    out = RESULTS / "quick" if quick else SAVED
    RESULTS.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    sizes = (
        [int(float(s)) for s in args.sizes.split(",")]
        if args.sizes
        else ([1_000, 10_000] if quick else [1_000, 10_000, 100_000])
    )
    baseline = None if args.baseline.lower() == "none" else _baseline(args.baseline)
    info = machine.describe()
    info["command"] = ("python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])).strip()
    info["quick"] = quick
    print(f"benchmarks on {info['nproc']} cores, {info['memory']}, {info['cpu']}; load {info['load_average']}")

    failed = []
    load = None

    def save(name: str, result: dict) -> None:
        # The machine's load while this benchmark ran (shared machine: how noisy its figures are).
        measured = {**info, "load": load.summary() if load else None}
        result = {**result, "machine": measured, "baseline_rev": args.baseline if baseline else None}
        (out / f"{name}.json").write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
        if load:
            s = load.summary()
            span = f"{s['min_1min']}–{s['max_1min']} (median {s['median_1min']})"
            print(f"{name}: load average (1 min) during the run {span} on {s['cores']} cores")

    if "cold" in chosen:
        from . import cold

        with machine.LoadSampler() as load:
            result = cold.run(runs=3 if quick else 9, baseline=baseline)
        save("cold", result)
    if "lighthouse" in chosen:
        from . import lighthouse

        reason = lighthouse.missing()
        if reason:
            print(f"lighthouse: not run: {reason}", file=sys.stderr)
            failed.append("lighthouse")
        else:
            with machine.LoadSampler() as load:
                result = lighthouse.run(runs=1 if quick else 3)
            save("lighthouse", result)
    if "interaction" in chosen:
        from . import interaction, synth

        n = 8 if quick else 32
        big = max(sizes) if quick else 100_000
        folder = synth.ensure(RESULTS / "synth" / str(big), big)
        with machine.LoadSampler() as load:
            # Each with its floor (bench/floor.py): the same views drawn by plain plotly.js, in the same run.
            result = {"shipped": interaction.run(clicks=n, filters=n, floor=True)}
            if baseline:
                result["baseline"] = interaction.run(
                    clicks=n // 2, filters=n // 2, label="baseline, shipped data", cwd=baseline
                )
            result["large"] = interaction.run(
                folder, clicks=n // 2, filters=n // 2, label=f"{big:,} collaborations", floor=True
            )
        save("interaction", result)
    if "scale" in chosen:
        from . import scale

        with machine.LoadSampler() as load:
            result = scale.run(sizes)
        for entry in result["sizes"]:
            entry["measured"] = _stamp(info)
        # The sizes measured replace the same sizes in the saved results; the others are kept (10^6, measured
        # on its own with --sizes 1e6, survives a default run), each with the date and commit of its own
        # measurement, which the report shows.
        saved = out / "scale.json"
        if saved.is_file():
            old = json.loads(saved.read_text(encoding="utf-8"))
            for entry in old.get("sizes", []):
                entry.setdefault("measured", _stamp(old["machine"]))
            done = {entry["n"] for entry in result["sizes"]}
            result["sizes"] = sorted(
                [e for e in old.get("sizes", []) if e["n"] not in done] + result["sizes"], key=lambda e: e["n"]
            )
        save("scale", result)
    if "concurrency" in chosen:
        from . import concurrency

        with machine.LoadSampler() as load:
            result = concurrency.run(users=10 if quick else 50, duration=10 if quick else 30)
        save("concurrency", result)
    if quick:
        print(f"quick run: figures in {out.relative_to(ROOT)}/ (docs/performance.md not rewritten)")
        return 1 if failed else 0
    path = report.write()
    print(f"wrote {path.relative_to(ROOT)}")
    if failed:
        print(f"not run: {', '.join(failed)} (see above)", file=sys.stderr)
    return 1 if failed else 0


def _stamp(machine_info: dict) -> dict:
    """When, at which commit and by which command a figure was measured (kept with each scale size)."""
    return {k: machine_info[k] for k in ("date", "commit", "command")}


if __name__ == "__main__":
    sys.exit(main())
