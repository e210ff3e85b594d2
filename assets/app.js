/* The page's own behaviour that needs no server: language reloads, full screen, story keys, the selection's
   outline on the map, the maps the browser keeps, the download links.

   What this script must know of the page (component ids, how many maps to keep, each download link's rule) is
   given by the server in <meta name="in2p3-client"> (page/callbacks.client_settings), never written here. */
var in2p3Settings = (function () {
  var meta = document.querySelector('meta[name="in2p3-client"]');
  return JSON.parse((meta && meta.getAttribute("content")) || "{}");
})();

/* The selected countries outlined on the map. The server sends the map without the selection (its figure
   depends on the filters only), so a click on a country redraws no map: the outline is a copy of each selected
   country's path, laid over the choropleth (under the markers), drawn again after every plot of the map and
   while it is panned. The countries are those of the view's state, as the server read them (sync_view).
   outlineLayer(name) makes one such layer, drawn in the style of its class (style.css): the selection's, and the
   story step's highlighted countries (page/story.py). */
function outlineLayer(groupClass) {
  var SVG = "http://www.w3.org/2000/svg";
  var codes = [];

  function mapPlot() {
    var host = document.getElementById(in2p3Settings.ids.map);
    return host && host.querySelector(".js-plotly-plot");
  }

  function draw(gd) {
    var previous = gd.querySelector("g." + groupClass);
    if (previous) {
      previous.parentNode.removeChild(previous);
    }
    var layer = gd.querySelector("g.geo g.layer.backplot");
    if (!layer || !codes.length) {
      return;
    }
    var wanted = {};
    codes.forEach(function (code) { wanted[code] = true; });
    var group = document.createElementNS(SVG, "g");
    group.setAttribute("class", groupClass);
    gd.querySelectorAll("g.choroplethlayer path.choroplethlocation").forEach(function (path) {
      var datum = path.__data__;
      if (datum && wanted[datum.loc] && path.getAttribute("d")) {
        var copy = document.createElementNS(SVG, "path");
        copy.setAttribute("d", path.getAttribute("d"));
        copy.setAttribute("data-iso3", datum.loc);
        group.appendChild(copy);
        wanted[datum.loc] = false;  /* each country is drawn by one trace */
      }
    });
    layer.appendChild(group);
  }

  function watch(gd) {
    if (gd["__" + groupClass]) {
      return;
    }
    gd["__" + groupClass] = true;
    var redraw = function () { draw(gd); };
    gd.on("plotly_afterplot", redraw);
    gd.on("plotly_relayouting", redraw);
    gd.on("plotly_relayout", redraw);
  }

  return function (countries) {
    codes = Array.isArray(countries) ? countries.filter(function (c) { return typeof c === "string"; }) : [];
    var tries = 0;
    (function attempt() {
      var gd = mapPlot();
      if (gd && typeof gd.on === "function") {  /* the map's first plot has begun (its geometry may be loading) */
        watch(gd);
        draw(gd);
      } else if (tries++ < 400) {
        window.setTimeout(attempt, 25);
      }
    })();
  };
}
var in2p3Outline = outlineLayer("in2p3-selection");
var in2p3Highlight = outlineLayer("in2p3-highlight");

/* The last maps drawn, kept by the browser: a view whose map it keeps (a filter ticked then unticked, back and
   forward) gets no map from the server (render_view reads the keys held) and the kept one is put back. Copies
   are kept, as plotly.js may change the figure it draws. */
var in2p3Maps = (function () {
  var HELD = in2p3Settings.mapsHeld;
  var SENT = in2p3Settings.ids.mapSent + ".data";
  var maps = {};
  var order = [];  /* keys, least recently shown first */
  var shown = null;  /* the key of the map in the graph */

  function copy(figure) {
    return JSON.parse(JSON.stringify(figure));
  }

  function keep(key, figure) {
    var at = order.indexOf(key);
    if (at >= 0) {
      order.splice(at, 1);
    }
    order.push(key);
    if (figure) {
      maps[key] = copy(figure);
    }
    while (order.length > HELD) {
      delete maps[order.shift()];
    }
  }

  return function (sent, key, figure) {
    var noUpdate = window.dash_clientside.no_update;
    var context = window.dash_clientside.callback_context;
    var fromServer = sent && (context.triggered || []).some(function (t) { return t.prop_id === SENT; });
    if (!key) {
      return [noUpdate, noUpdate];
    }
    if (fromServer) {  /* a map the browser did not keep */
      keep(key, sent);
      shown = key;
      return [sent, order.slice()];
    }
    if (shown === null) {  /* the page's first map, drawn with the layout */
      if (figure) {
        keep(key, figure);
      }
      shown = key;
      return [noUpdate, order.slice()];
    }
    if (key !== shown && maps[key]) {  /* a map the browser keeps */
      keep(key);
      shown = key;
      return [copy(maps[key]), order.slice()];
    }
    return [noUpdate, noUpdate];
  };
})();

window.dash_clientside = Object.assign({}, window.dash_clientside, {
  in2p3: {
    /* Back/forward to a link in another language: reload so that every label follows. */
    reloadOnLanguageChange: function (_search, pageLang) {
      if (pageLang) {
        document.documentElement.lang = pageLang;  /* screen readers read the page in its language */
      }
      /* the address bar, not the prop: dcc.Location's first value can precede the page's own address */
      var lang = (new URLSearchParams(window.location.search).get("lang") || "en").toLowerCase();
      var guard = "in2p3-reloaded";  /* never more than one reload for one address */
      if (pageLang && lang !== pageLang && (lang === "en" || lang === "fr") &&
          window.sessionStorage.getItem(guard) !== window.location.href) {
        window.sessionStorage.setItem(guard, window.location.href);
        window.location.reload();
      }
      return window.dash_clientside.no_update;
    },
    showMap: in2p3Maps,
    outlineSelection: function (countries) {
      in2p3Outline(countries);
    },
    highlightCountries: function (countries) {
      in2p3Highlight(countries);
    },
    /* The download links of the view (CSV, Excel, slides, images), from the address: each link's rule, given by
       the server (exports.links.LINK_RULES: its path, and the parameters it leaves out of the view's query). One
       argument per link, in the order of the rules: its current href (unused: the rules say everything). */
    viewLinks: function (search) {
      var parts = (search || "").replace(/^\?/, "").split("&").filter(Boolean);
      var rules = in2p3Settings.links;
      return Object.keys(rules).map(function (link) {
        var dropped = rules[link].drop;
        var kept = parts.filter(function (part) { return dropped.indexOf(part.split("=")[0]) < 0; });
        return rules[link].path + (kept.length ? "?" + kept.join("&") : "");
      });
    },
    toggleFullscreen: function () {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else if (document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().catch(function () {});
      }
      return window.dash_clientside.no_update;
    }
  }
});

/* Presentation mode: the arrow keys step through the story (unless the focus is in a text field). */
document.addEventListener("keydown", function (event) {
  var ids = in2p3Settings.ids;
  var page = document.getElementById(ids.page);
  if (!page || !page.classList.contains("present") || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  var target = event.target;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
    return;
  }
  var id = { ArrowRight: ids.storyNext, PageDown: ids.storyNext, ArrowLeft: ids.storyPrev, PageUp: ids.storyPrev }[event.key];
  if (!id && event.key === "Escape" && !document.fullscreenElement) {
    id = ids.presentExit;
  }
  var link = id && document.getElementById(id);
  if (link && link.getAttribute("href")) {
    event.preventDefault();
    link.click();
  }
});
