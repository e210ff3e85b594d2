'use strict';
// The trace types of dashboard/figures: scatter comes with core; bar, choropleth and scattergeo are added.
//
// The bundle's modules are evaluated in steps, each a group of modules that the next ones need (a module is
// evaluated once, at its first require). assets/lateplotly.js, which loads the bundle in the page, sets
// window.in2p3PlotlySteps first and runs the steps one task each, so that plotly's start (about 110 ms of script
// here) is no single long task of the page's main thread; anywhere else (the benchmarks' reference pages) they run
// at once, as a plain plotly.js bundle does. The last step sets window.Plotly.
var Plotly;
var steps = [
    function () { require('@plotly/d3'); },
    function () { require('d3-format'); require('d3-time-format'); require('fast-isnumeric'); },
    function () { require('plotly.js/src/lib/coerce'); },
    function () { require('plotly.js/src/lib/dates'); },
    function () { require('plotly.js/src/lib/matrix'); require('plotly.js/src/lib/geometry2d'); },
    function () { require('plotly.js/src/lib/search'); require('plotly.js/src/lib/stats'); },
    function () { require('plotly.js/src/lib/dom'); require('plotly.js/src/lib/notifier'); },
    function () { require('plotly.js/src/lib/loggers'); require('plotly.js/src/lib/localize'); },
    function () { require('plotly.js/src/lib'); },
    function () { require('native-promise-only'); require('plotly.js/build/plotcss'); },
    function () { require('plotly.js/src/registry'); require('plotly.js/src/components/color'); },
    function () { require('plotly.js/src/components/drawing'); },
    function () { require('plotly.js/src/plots/plots'); },
    function () { require('plotly.js/src/plots/cartesian/axes'); },
    function () { require('plotly.js/src/components/fx'); },
    function () { require('plotly.js/src/plot_api/plot_api'); },
    function () { require('plotly.js/src/plot_api'); require('plotly.js/src/traces/scatter'); },
    function () {
        require('plotly.js/src/components/annotations');
        require('plotly.js/src/components/annotations3d');
        require('plotly.js/src/components/selections');
        require('plotly.js/src/components/shapes');
        require('plotly.js/src/components/images');
    },
    function () {
        require('plotly.js/src/components/updatemenus');
        require('plotly.js/src/components/sliders');
        require('plotly.js/src/components/rangeslider');
        require('plotly.js/src/components/rangeselector');
        require('plotly.js/src/components/grid');
        require('plotly.js/src/components/errorbars');
    },
    function () {
        require('plotly.js/src/components/colorscale');
        require('plotly.js/src/components/colorbar');
        require('plotly.js/src/components/legend');
        require('plotly.js/src/components/modebar');
    },
    function () { Plotly = require('plotly.js/lib/core'); },
    function () { require('plotly.js/lib/bar'); },
    function () { require('d3-geo'); require('d3-geo-projection'); require('topojson-client'); },
    function () {
        require('plotly.js/lib/choropleth');
        require('plotly.js/lib/scattergeo');
        // d3-geo cuts each projected segment until it strays from the true curve by less than this many pixels:
        // plotly's 0.1 px cost a third of the time spent projecting the map's countries at each draw; half a pixel
        // draws the same map (the geometry's segments are at most 2 degrees long: scripts/simplify_geometry.py).
        require('plotly.js/src/plots/geo/constants').precision = 0.5;
    },
    function () {
        // A choropleth's countries' bounding boxes (d3-geo geoBounds of each, about a tenth of a draw of the map
        // here) serve plotly's geo `fitbounds` only: without it (the app's maps give their ranges), none is made.
        var geoUtils = require('plotly.js/src/lib/geo_location_utils');
        var choropleth = require('plotly.js/lib/choropleth');
        var calcGeoJSON = choropleth.calcGeoJSON;
        choropleth.calcGeoJSON = function (calcTrace, fullLayout) {
            var geoLayout = fullLayout[calcTrace[0].trace.geo];
            if (!geoLayout || geoLayout.fitbounds) {
                return calcGeoJSON.apply(this, arguments);
            }
            var computeBbox = geoUtils.computeBbox;
            geoUtils.computeBbox = function () { return null; };
            try {
                return calcGeoJSON.apply(this, arguments);
            } finally {
                geoUtils.computeBbox = computeBbox;
            }
        };
    },
    function () { Plotly.register(require('plotly.js/lib/bar')); },
    function () { Plotly.register(require('plotly.js/lib/choropleth')); },
    function () {
        Plotly.register(require('plotly.js/lib/scattergeo'));
        window.Plotly = Plotly;
    }
];
if (typeof window.in2p3PlotlySteps === 'function') {
    window.in2p3PlotlySteps(steps);
} else {
    steps.forEach(function (step) { step(); });
}
