/* The page's own behaviour that needs no server: language reloads, full screen, story keys. */
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
  var page = document.getElementById("page");
  if (!page || !page.classList.contains("present") || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  var target = event.target;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
    return;
  }
  var id = { ArrowRight: "story-next", PageDown: "story-next", ArrowLeft: "story-prev", PageUp: "story-prev" }[event.key];
  if (!id && event.key === "Escape" && !document.fullscreenElement) {
    id = "present-exit";
  }
  var link = id && document.getElementById(id);
  if (link && link.getAttribute("href")) {
    event.preventDefault();
    link.click();
  }
});
