/* plotly.js, loaded when the map's dcc.Graph first asks for it rather than with the page's scripts.

   The first HTML already shows the map (a picture, assets/firstframe.js), so the page's first paint and Dash's
   first render need no plotly: its 1.4 MB are not fetched while the page is being painted, and its evaluation no
   longer comes before Dash's start. dcc.Graph takes plotly from `Promise.resolve(window.Plotly || <load
   window._dashPlotlyJSURL>)` (dash/dcc LazyLoader/plotly.js): window.Plotly is here a promise-like stand-in, so
   the Graph waits on it and never loads Dash's own full bundle (4.8 MB). Its first `then` (the Graph mounting)
   adds the app's partial bundle, named by the server in <meta name="in2p3-plotly"> (dashboard/app.py); the bundle
   starts in steps, run here a few per task (window.in2p3PlotlySteps), puts the real Plotly in window.Plotly and
   the Graph goes on with it. A locale registered before (assets/vendor/plotly-locale-fr.js calls Plotly.register
   when Plotly is defined) waits in window.PlotlyLocales, which plotly.js registers as it starts. */
(function () {
  var meta = document.querySelector('meta[name="in2p3-plotly"]');
  if (!meta || window.Plotly) {
    return;
  }
  var waiting = [];
  var script = null;

  function settle(index, value) {
    var callbacks = waiting;
    waiting = [];
    callbacks.forEach(function (pair) { pair[index](value); });
  }

  function ready() {
    if (window.Plotly && typeof window.Plotly.then !== "function") {
      settle(0, window.Plotly);
    } else {
      settle(1, new Error("plotly.js did not define Plotly"));
    }
  }

  /* The bundle's start in steps (scripts/plotly-bundle/entry.js): a few of them in one task, at most STEP_BUDGET
     ms (and one step more: each is a few ms to about 20 ms here), then the next task, so that plotly's start (about
     110 ms of script) is no long task of the page's main thread. */
  var STEP_BUDGET = 25;
  var stepping = false;
  window.in2p3PlotlySteps = function (steps) {
    var next = 0;
    stepping = true;
    function run() {
      var start = performance.now();
      try {
        do {
          steps[next++]();
        } while (next < steps.length && performance.now() - start < STEP_BUDGET);
      } catch (error) {
        settle(1, error);
        return;
      }
      if (next < steps.length) {
        setTimeout(run, 0);
      } else {
        ready();
      }
    }
    setTimeout(run, 0);  /* not in the task that evaluates the bundle's text */
  };

  function load() {
    script = document.createElement("script");
    script.src = meta.getAttribute("content");
    script.onload = function () {
      if (!stepping) {
        ready();
      }
    };
    script.onerror = function () { settle(1, new Error("plotly.js could not be loaded")); };
    document.head.appendChild(script);
  }

  window.Plotly = {
    register: function (modules) {
      window.PlotlyLocales = (window.PlotlyLocales || []).concat(modules);
    },
    then: function (resolve, reject) {
      if (window.Plotly !== this) {  // loaded already: the real one
        resolve(window.Plotly);
        return;
      }
      waiting.push([resolve, reject || function () {}]);
      if (!script) {
        load();
      }
    }
  };
})();
