#!/usr/bin/env bash
# Rebuild dashboard/vendor/plotly-in2p3.min.js: plotly.js with only the trace types the app draws
# (bar, scatter, choropleth, scattergeo), from the npm registry, with pinned versions.
#
#   scripts/build_plotly_bundle.sh
#
# Needs node and npm (the build only; the app serves the committed file and never fetches anything).
# plotly.js's own custom-bundle task needs a git clone and node 22; esbuild on the npm package's lib/
# modules gives the same bundle (plotly.js documents this way of registering traces on lib/core).
# Keep PLOTLY_JS equal to the plotly.js that the pinned Python plotly ships (plotly 7.1.0 -> 4.1.1).
set -euo pipefail
cd "$(dirname "$0")/.."
PLOTLY_JS=$(node -p "require('./scripts/plotly-bundle/package.json').dependencies['plotly.js']")
ESBUILD=$(node -p "require('./scripts/plotly-bundle/package.json').dependencies.esbuild")
work=build/plotly-bundle
out=dashboard/vendor/plotly-in2p3.min.js
mkdir -p "$work"
# package.json and package-lock.json pin plotly.js, esbuild and every transitive dependency; entry.js lists
# the trace types. To move to another plotly.js: change both versions in package.json, run `npm install
# --package-lock-only` in scripts/plotly-bundle, then this script.
cp scripts/plotly-bundle/package.json scripts/plotly-bundle/package-lock.json scripts/plotly-bundle/entry.js "$work/"
(cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
# CSS imports (maplibre's, for map traces we do not use) are dropped; the options are those of plotly.js's
# own esbuild-config.js (iife, es2016), but for the global: entry.js sets window.Plotly itself, in its last step.
"$work/node_modules/.bin/esbuild" "$work/entry.js" --bundle --minify --format=iife \
  --define:global=window --define:define.amd=false --target=es2016 --loader:.css=empty --legal-comments=none \
  --log-level=warning --outfile="$work/plotly-in2p3.min.js"
{
  printf '/**\n* plotly.js v%s (npm package plotly.js), partial bundle: core (scatter), bar, choropleth, scattergeo.\n' "$PLOTLY_JS"
  printf '* Built by scripts/build_plotly_bundle.sh with esbuild %s. Copyright 2012-2026, Plotly, Inc. MIT license.\n*/\n' "$ESBUILD"
  cat "$work/plotly-in2p3.min.js"
} > "$out"
echo "wrote $out ($(wc -c < "$out") bytes)"
