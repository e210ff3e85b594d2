"""Realistic synthetic data folders of any size, which pass the app's own validation (``validate_folder``).

    python -m bench.synth 100000 build/bench/synth/100000      # writes the six files of a data folder

``n`` collaborations over about 200 countries with the shipped vocabularies: instrument types in the
proportions a growing department would have (agreements and programmes dominate; networks have 3-12
countries), themes, statuses, the shipped IN2P3 labs, years from 1970 to the data year; research
infrastructures (5 % of rows, at most 1,000) sited at their country's label point; partner institutions
(one for three collaborations) weighted towards the big partner countries; 1-4 partners per collaboration,
taken in its countries when there are some.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

import numpy as np

from dashboard import schema
from dashboard.config import PROJECT_ROOT, load_settings
from dashboard.loading import build_countries, load_geometry

#: Bump when the generator's output changes (the benchmark reuses folders made by the same version).
VERSION = 2
SHIPPED = PROJECT_ROOT / "data"
TYPES = {"AGR": 0.50, "IRP": 0.20, "IEA": 0.12, "IRN": 0.08, "IRL": 0.10}
#: Countries that take part most often, first (the rest follow in random order, with a Zipf-like weight).
BIG_PARTNERS = (
    "USA",
    "CHN",
    "JPN",
    "DEU",
    "ITA",
    "CHE",
    "GBR",
    "ESP",
    "CAN",
    "RUS",
    "KOR",
    "BRA",
    "IND",
    "ARG",
    "POL",
    "NLD",
    "BEL",
    "AUS",
    "CZE",
    "ROU",
    "ZAF",
    "MEX",
    "CHL",
    "UKR",
    "SWE",
)
KINDS = (
    "collider experiment",
    "observatory",
    "neutrino detector",
    "underground laboratory",
    "nuclear physics facility",
    "accelerator",
    "computing centre",
    "gravitational-wave detector",
)


def _country_table():
    countries = build_countries(load_geometry(load_settings().geometry_file))
    usable = countries[countries["continent"].isin(schema.CONTINENTS[:-1]) & (countries.index != schema.HOME_ISO3)]
    return countries, usable


def _weights(codes: list[str], rng) -> np.ndarray:
    big = [c for c in BIG_PARTNERS if c in codes]
    rest = [c for c in codes if c not in big]
    rng.shuffle(rest)
    order = big + rest
    w = 1.0 / np.arange(1, len(order) + 1) ** 0.9
    return np.array(order), w / w.sum()


def _nth(pools: list[list[int]], index: int) -> int:
    """Item ``index`` of the lists ``pools`` end to end."""
    for pool in pools:
        if index < len(pool):
            return pool[index]
        index -= len(pool)
    raise IndexError(index)


def generate(folder: Path | str, n: int, *, seed: int = 4) -> Path:
    """Write a data folder of ``n`` collaboration rows to ``folder`` (replaced if it exists)."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = np.random.default_rng(seed)
    countries, usable = _country_table()
    codes, weights = _weights(list(usable.index), rng)
    data_year = json.loads((SHIPPED / schema.DATASET_FILE).read_text(encoding="utf-8"))["data_date"][:4]
    data_year = int(data_year)
    shutil.copy(SHIPPED / schema.DATASET_FILE, folder / schema.DATASET_FILE)
    shutil.copy(SHIPPED / schema.LABS.file, folder / schema.LABS.file)
    with open(SHIPPED / schema.LABS.file, encoding="utf-8") as f:
        labs = [row["code"] for row in csv.DictReader(f)]
    themes = list(schema.THEMES.values())
    source = "https://example.org/synthetic/"

    def pick_countries(k: int) -> list[str]:
        return list(dict.fromkeys(rng.choice(codes, size=k, p=weights)))

    def years() -> tuple[str, str, str]:
        if rng.random() < 0.1:
            return "", "", "active"
        start = int(rng.integers(1970, data_year + 1))
        if rng.random() < 0.3 and start < data_year:
            end = int(rng.integers(start, data_year))
            return str(start), str(end), "ended"
        status = "active" if start <= data_year - 1 or rng.random() < 0.7 else "planned"
        return str(start), "", status

    n_infra = int(min(1000, max(5, round(0.05 * n))))
    n_inst = n - n_infra
    kinds = rng.choice(list(TYPES), size=n_inst, p=list(TYPES.values()))
    collab_countries: list[list[str]] = []
    with open(folder / schema.INSTRUMENTS.file, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(schema.INSTRUMENTS.column_names)
        for i, kind in enumerate(kinds):
            k = {
                "IRL": 1,
                "IRP": int(rng.integers(1, 3)),
                "IEA": int(rng.integers(1, 3)),
                "IRN": int(rng.integers(3, 13)),
                "AGR": int(rng.integers(1, 4)),
            }[kind]
            where = [] if rng.random() < 0.03 else pick_countries(k)
            collab_countries.append(where)
            start, end, status = years()
            lab = ";".join(dict.fromkeys(rng.choice(labs, size=int(rng.integers(0, 4)))))
            out.writerow(
                [
                    f"S-{i:07d}",
                    kind,
                    f"S{i}",
                    f"Synthetic {kind} {i}",
                    ";".join(where),
                    themes[int(rng.integers(len(themes)))],
                    lab,
                    start,
                    end,
                    status,
                    1,
                    f"{source}{i}",
                    "verified" if rng.random() < 0.8 else "recalled",
                    "",
                ]
            )
    with open(folder / schema.INFRASTRUCTURES.file, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(schema.INFRASTRUCTURES.column_names)
        for j in range(n_infra):
            site = pick_countries(1)
            lon, lat = usable.at[site[0], "lon"], usable.at[site[0], "lat"]
            collab_countries.append(site)
            start, end, status = years()
            lab = ";".join(dict.fromkeys(rng.choice(labs, size=int(rng.integers(1, 5)))))
            out.writerow(
                [
                    f"SI-{j:06d}",
                    f"Synthetic infrastructure {j}",
                    KINDS[j % len(KINDS)],
                    f"Host {j}",
                    f"Site {j}",
                    site[0],
                    f"{lat:.4f}",
                    f"{lon:.4f}",
                    themes[int(rng.integers(len(themes)))],
                    lab,
                    start,
                    end,
                    status,
                    "",
                    f"{source}infra/{j}",
                    "verified",
                    "",
                ]
            )
    n_partners = max(50, n // 3)
    partner_country = rng.choice(codes, size=n_partners, p=weights)
    by_country: dict[str, list[int]] = {}
    with open(folder / schema.PARTNERS.file, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(schema.PARTNERS.column_names)
        for p, iso in enumerate(partner_country):
            international = rng.random() < 0.01
            by_country.setdefault(str(iso), []).append(p)
            out.writerow(
                [
                    f"P-{p:07d}",
                    f"Synthetic institute {p}",
                    f"SI{p}",
                    "" if international else iso,
                    "international organisation" if international else schema.PARTNER_KINDS[p % 4],
                    f"{source}partner/{p}",
                    "verified",
                    "",
                ]
            )
    ids = [f"S-{i:07d}" for i in range(n_inst)] + [f"SI-{j:06d}" for j in range(n_infra)]
    with open(folder / schema.PARTICIPATION.file, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(schema.PARTICIPATION.column_names)
        for cid, where in zip(ids, collab_countries):
            # A partner of the collaboration's countries (drawn from their partners end to end, without building
            # that list: at 10^6 rows it made the generator quadratic), else any partner.
            pools = [by_country.get(iso, []) for iso in where]
            total = sum(len(pool) for pool in pools)
            chosen = set()
            for _ in range(int(rng.integers(1, 5))):
                chosen.add(
                    _nth(pools, int(rng.integers(total)))
                    if total and rng.random() < 0.9
                    else int(rng.integers(n_partners))
                )
            for p in sorted(chosen):
                out.writerow([cid, f"P-{p:07d}", schema.ROLES[p % len(schema.ROLES)], "", "verified"])
    (folder / "GENERATED").write_text(f"bench.synth version {VERSION}, n={n}, seed={seed}\n", encoding="utf-8")
    return folder


def ensure(folder: Path, n: int) -> Path:
    """The folder for size ``n``, generated unless a folder from this generator version is there."""
    stamp = folder / "GENERATED"
    if stamp.is_file() and stamp.read_text(encoding="utf-8").startswith(f"bench.synth version {VERSION}, n={n},"):
        return folder
    return generate(folder, n)


if __name__ == "__main__":
    size = int(float(sys.argv[1]))
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("build/bench/synth") / str(size)
    print(generate(target, size))
