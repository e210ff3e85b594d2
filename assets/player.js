/* The year player (page/player.py): Play moves the view year by year through the data's years, each year an
   address (year=N) written through the page's dcc.Location, so that every year is a link and back and forward
   work; Pause stops on the year shown; the step buttons show the year before or after. Where each button leads is
   the server's (the view's player_steps, read from its Store by playerSteps): this script only keeps time, at the
   pace the server gives (in2p3Settings.player.msPerYear), never faster than the views are drawn.

   With prefers-reduced-motion: reduce, Play steps one year per press instead of playing (and style.css turns
   transitions off). Loaded after app.js (Dash loads assets in name order), whose in2p3Settings it reads. */
var in2p3Player = (function () {
  var settings = in2p3Settings.player || { ids: {} };
  var ids = settings.ids;
  /* The longest wait for a year's view before playing on (a lost answer must not stop the player for ever). */
  var PATIENCE_MS = 8000;
  var steps = null;  /* {year, back, forward, first}: the queries of the view on screen, from the server */
  var playing = false;
  var timer = null;
  var asked = 0;  /* when the year on its way was asked for (0: none is awaited) */

  function reducedMotion() {
    return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function element(name) {
    return document.getElementById(ids[name]);
  }

  /* The buttons say what they do now: Play pressed while playing; Pause, and a step that leads nowhere, disabled
     (aria-disabled keeps them in the keyboard's order, so the focus is never lost). */
  function mark() {
    var states = {
      play: ["aria-pressed", playing],
      pause: ["aria-disabled", !playing],
      back: ["aria-disabled", !(steps && steps.back)],
      forward: ["aria-disabled", !(steps && steps.forward)]
    };
    Object.keys(states).forEach(function (name) {
      var button = element(name);
      if (button) {
        button.setAttribute(states[name][0], states[name][1] ? "true" : "false");
      }
    });
  }

  /* The address's query set on the page's dcc.Location (Dash's set_props, for scripts): the Location pushes it on
     the history and every callback of the address runs, as for a link of the page. */
  function show(query) {
    asked = Date.now();
    window.dash_clientside.set_props(ids.url, { search: query });
  }

  function stop() {
    playing = false;
    if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
    mark();
  }

  function tick() {
    timer = null;
    if (!playing) {
      return;
    }
    if (asked && Date.now() - asked < PATIENCE_MS) {  /* the last year asked for is not drawn yet: wait for it */
      timer = window.setTimeout(tick, 100);
      return;
    }
    if (!steps || !steps.forward) {  /* the last year of the data: the end */
      stop();
      return;
    }
    show(steps.forward);
    timer = window.setTimeout(tick, settings.msPerYear);
  }

  function play() {
    if (!steps) {
      return;
    }
    /* From the year shown on, or from the first year when none is shown or the last one is */
    var start = steps.year === null || !steps.forward ? steps.first : steps.forward;
    if (reducedMotion()) {  /* no motion: one year per press */
      stop();
      show(start);
      return;
    }
    playing = true;
    mark();
    show(start);
    timer = window.setTimeout(tick, settings.msPerYear);
  }

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("button") : null;
    if (!button || !button.id || button.getAttribute("aria-disabled") === "true") {
      return;
    }
    if (button.id === ids.play) {
      if (playing) {
        stop();
      } else {
        play();
      }
    } else if (button.id === ids.pause) {
      stop();
    } else if (button.id === ids.back || button.id === ids.forward) {
      stop();
      var target = button.id === ids.back ? steps && steps.back : steps && steps.forward;
      if (target) {
        show(target);
      }
    }
  });
  /* Back or forward in the browser's history is the person taking over: the player stops. */
  window.addEventListener("popstate", stop);

  return {
    /* A view was drawn: where the buttons lead from it. */
    steps: function (data) {
      steps = data && typeof data === "object" ? data : null;
      asked = 0;
      mark();
    }
  };
})();

window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.in2p3 = Object.assign(window.dash_clientside.in2p3 || {}, {
  playerSteps: function (data) {
    in2p3Player.steps(data);
  }
});
