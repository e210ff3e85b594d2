/* The map of a new view put on the map as drawn, without plotly drawing it again (dashboard/page/mapfigure.py says
   which figures allow it: the same frame and traces, other colours, hover texts and markers).

   plotly draws a geo subplot again whole for any change of its figure, even of one trace (Plotly.restyle of the
   sites took as long as Plotly.react of the whole map: 300-430 ms here): every country's shape decoded, projected
   and given its hover outline again. Here, when the new figure differs from the one drawn only in

   - a choropleth trace's colours (z, on the same colour scale) and hover data (customdata),
   - a marker trace's positions, colours, opacities, hover data and, for circles, sizes (the same number of points),
   - a trace of lines' points (the same number of points, None for a gap),

   the drawn countries get their new fill, the markers their new place, colour and opacity, and plotly's own data
   (its input, its full data, its calculated points: what its hover, its clicks, a resize or a pan read) the new
   values, in a few milliseconds. Any other difference (another frame, another trace, ...): false, and the caller
   gives the figure to plotly. Traces are matched by their meta or name, never by a list written here, so a trace
   that another part of the page adds is updated the same way (or drawn again by plotly if it changed otherwise). */
var in2p3MapUpdate = (function () {
  /* What a trace may change and still be updated in place, by kind. */
  var CHANGING = {
    choropleth: ["z", "customdata"],
    markers: ["lon", "lat", "customdata", "text", "hovertext", "marker.color", "marker.opacity", "marker.size"],
    lines: ["lon", "lat"]
  };

  /* A marker's outline as plotly draws it (Drawing.symbolFuncs.circle of plotly.js 4.1.1), radius r rounded to 2
     decimals; the only symbol whose size is changed here. */
  function circlePath(r) {
    var n = Math.round(r * 100) / 100;
    return "M" + n + ",0A" + n + "," + n + " 0 1,1 0,-" + n + "A" + n + "," + n + " 0 0,1 " + n + ",0Z";
  }

  /* Whether the sizes of ``before`` may become those of ``after`` in place: the same, or both per point on circles
     sized by diameter (plotly's default) with no angle or standoff; anything else is drawn by plotly. */
  function resizable(before, after) {
    var was = (before.marker || {}).size;
    var size = (after.marker || {}).size;
    if (JSON.stringify(was) === JSON.stringify(size)) {
      return true;
    }
    return Array.isArray(was) && Array.isArray(size) && circles(after);
  }

  /* Circles of a size per point, sized as plotly does by default (by diameter), with no angle or standoff. */
  function circles(trace) {
    var marker = trace.marker || {};
    var symbol = marker.symbol === undefined ? "circle" : marker.symbol;
    return Array.isArray(marker.size) && (symbol === "circle" || symbol === 0) &&
      (marker.sizemode === undefined || marker.sizemode === "diameter") && marker.angle === undefined &&
      marker.standoff === undefined && trace.selectedpoints === undefined;
  }

  function kind(trace) {
    if (trace.type === "choropleth") {
      return "choropleth";
    }
    var mode = trace.mode || "";
    if (trace.type === "scattergeo" && mode === "lines" && !trace.fill && !trace.connectgaps) {
      return "lines";  /* lines alone (the links): no fill, a gap at each None, as mapfigure.py gives them */
    }
    return trace.type === "scattergeo" && mode.indexOf("markers") >= 0 && mode.indexOf("lines") < 0 ? "markers" : null;
  }

  function key(trace) {
    return typeof trace.meta === "string" ? trace.meta : (trace.type || "") + ":" + (trace.name || "");
  }

  /* The trace without the properties that may change: what must be the same for an update in place. */
  function fixedPart(trace, changing) {
    var copy = JSON.parse(JSON.stringify(trace));
    changing.forEach(function (path) {
      var parts = path.split(".");
      var owner = copy;
      for (var i = 0; i < parts.length - 1 && owner; i++) {
        owner = owner[parts[i]];
      }
      if (owner) {
        delete owner[parts[parts.length - 1]];
      }
    });
    return JSON.stringify(copy);
  }

  function length(trace) {
    return (trace.type === "choropleth" ? trace.locations : trace.lon || []).length;
  }

  /* Which traces change, or null if the new figure cannot be put on the drawn one. */
  function plan(shown, next) {
    if (!shown || !next || !Array.isArray(shown.data) || !Array.isArray(next.data)) {
      return null;
    }
    if (shown.data.length !== next.data.length || JSON.stringify(shown.layout) !== JSON.stringify(next.layout)) {
      return null;
    }
    var changes = [];
    for (var k = 0; k < next.data.length; k++) {
      var before = shown.data[k];
      var after = next.data[k];
      if (JSON.stringify(before) === JSON.stringify(after)) {
        continue;
      }
      var what = kind(after);
      if (!what || kind(before) !== what || key(before) !== key(after) || length(before) !== length(after) ||
          fixedPart(before, CHANGING[what]) !== fixedPart(after, CHANGING[what]) ||
          (what === "markers" && !resizable(before, after))) {
        return null;
      }
      changes.push({ index: k, kind: what, trace: after });
    }
    return changes;
  }

  /* The colour of z on a stepped colour scale [[position, colour], ...] from zmin to zmax (mapfigure.py's). */
  function colourOf(trace) {
    var scale = trace.colorscale;
    var low = trace.zmin;
    var span = trace.zmax - trace.zmin;
    return function (z) {
      var position = span > 0 ? Math.min(Math.max((z - low) / span, 0), 1) : 0.5;
      var chosen = scale[0][1];
      for (var i = 0; i < scale.length; i++) {
        if (scale[i][0] <= position) {
          chosen = scale[i][1];
        }
      }
      return chosen;
    };
  }

  function nodesOf(points, selector) {
    var group = points && points[0] && points[0].node3;
    return group && group.node() ? group.node().querySelectorAll(selector) : [];
  }

  /* Set plotly's input and full data of trace k to the new values (what a later hover, click or redraw reads). */
  function setData(gd, k, trace, names) {
    names.forEach(function (name) {
      var parts = name.split(".");
      [gd.data[k], gd._fullData[k]].forEach(function (target) {
        var owner = target;
        for (var i = 0; i < parts.length - 1; i++) {
          owner[parts[i]] = owner[parts[i]] || {};
          owner = owner[parts[i]];
        }
        var value = parts.reduce(function (at, part) { return at === undefined ? undefined : at[part]; }, trace);
        if (value === undefined) {
          delete owner[parts[parts.length - 1]];
        } else {
          owner[parts[parts.length - 1]] = value;
        }
      });
    });
  }

  function choropleth(gd, k, trace) {
    var points = gd.calcdata[k];
    var colour = colourOf(trace);
    nodesOf(points, "path.choroplethlocation").forEach(function (path) {
      var point = path.__data__;
      if (point && trace.z[point.index] !== undefined) {
        point.z = trace.z[point.index];
        path.setAttribute("fill", colour(point.z));
      }
    });
    setData(gd, k, trace, CHANGING.choropleth);
  }

  function markers(gd, k, trace) {
    var points = gd.calcdata[k];
    var projection = gd._fullLayout.geo._subplot.projection;
    var position = new Map(points.map(function (point, i) { return [point, i]; }));
    var colors = trace.marker && trace.marker.color;
    var opacities = trace.marker && trace.marker.opacity;
    var sizes = circles(trace) ? trace.marker.size : null;  /* else the same as drawn (resizable()) */
    var full = gd._fullData[k].marker || {};
    var sizeref = full.sizeref || 1;
    var sizemin = full.sizemin || 0;
    nodesOf(points, "path.point").forEach(function (node) {
      var point = node.__data__;
      var i = position.get(point);
      if (i === undefined) {
        return;
      }
      point.lonlat = [trace.lon[i], trace.lat[i]];
      var xy = projection(point.lonlat);
      var placed = xy && isFinite(xy[0]) && isFinite(xy[1]);  /* a point with no place (null) is hidden, as plotly does */
      if (placed) {
        node.setAttribute("transform", "translate(" + xy[0] + "," + xy[1] + ")");
      }
      if (!placed || (projection.isLonLatOverEdges && projection.isLonLatOverEdges(point.lonlat))) {
        node.setAttribute("display", "none");
      } else {
        node.removeAttribute("display");
      }
      if (Array.isArray(colors)) {
        point.mc = point.mcc = colors[i];
        node.style.fill = colors[i];
      }
      if (Array.isArray(opacities)) {
        point.mo = opacities[i];
        node.style.opacity = opacities[i];
      }
      if (sizes) {  /* plotly's ms (the size, positive or 0), mrc (the radius: hover reads it) and the circle's path */
        var ms = +sizes[i];
        point.ms = isFinite(ms) && ms > 0 ? ms : 0;
        var r = point.ms / 2 / sizeref;
        point.mrc = isFinite(r) && r > 0 ? Math.max(r, sizemin) : 0;
        node.setAttribute("d", circlePath(point.mrc));
      }
    });
    setData(gd, k, trace, CHANGING.markers);
  }

  /* A trace of lines: each point's place (plotly's lonlat; none for a None), and the line drawn through them as
     plotly draws it (scattergeo's calcTraceToLineCoords and makeLine: a segment between two gaps, projected by
     the geo subplot's path, great circles), kept on the path element where a pan or a resize reads it. */
  function lines(gd, k, trace) {
    var points = gd.calcdata[k];
    var segments = [];
    var segment = [];
    points.forEach(function (point, i) {
      var lon = trace.lon[i];
      var lat = trace.lat[i];
      var placed = typeof lon === "number" && typeof lat === "number" && isFinite(lon) && isFinite(lat);
      point.lonlat = placed ? [lon, lat] : [undefined, undefined];  /* plotly's BADNUM */
      if (placed) {
        segment.push(point.lonlat);
      } else if (segment.length) {
        segments.push(segment);
        segment = [];
      }
    });
    if (segment.length) {
      segments.push(segment);
    }
    var geojson = segments.length === 1 ? { type: "LineString", coordinates: segments[0] }
      : { type: "MultiLineString", coordinates: segments };
    var path = gd._fullLayout.geo._subplot.projection.getPath();
    var drawn = nodesOf(points, "path.js-line");
    if (drawn.length !== 1) {
      throw new Error("not one line");
    }
    drawn[0].__data__.geojson = geojson;
    var d = path(geojson);
    if (d) {
      drawn[0].setAttribute("d", d);
    } else {
      drawn[0].removeAttribute("d");  /* no segment: as plotly leaves it */
    }
    setData(gd, k, trace, CHANGING.lines);
  }

  /* Put ``next`` on the map ``gd`` drawn from ``shown``: true if done, false if plotly must draw it. */
  return function (gd, shown, next) {
    if (!gd || !gd.calcdata || !gd._fullData || !gd._fullLayout || !gd._fullLayout.geo) {
      return false;
    }
    var changes = plan(shown, next);
    if (changes === null || gd.calcdata.length !== next.data.length) {
      return false;
    }
    try {
      changes.forEach(function (change) {
        ({ choropleth: choropleth, markers: markers, lines: lines })[change.kind](gd, change.index, change.trace);
      });
    } catch (error) {
      return false;  /* plotly's internals not as expected: it draws the figure itself */
    }
    gd.dispatchEvent(new CustomEvent("in2p3:mapupdated", { detail: { traces: changes.length } }));
    return true;
  };
})();
