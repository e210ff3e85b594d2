/* The page's first frame (dashboard/page/firstframe.py): the view as HTML in the server's first answer, inert, its
   map a picture (data-map-preview). When Dash has drawn its page (the same layout), the picture moves into the same
   box of Dash's page and the first frame goes, in the same task (before the browser paints again): nothing moves
   on screen. The picture goes once plotly has drawn the map under it (it lets the pointer through to the map). */
(function () {
  var first = document.getElementById("first-frame");
  var entry = document.getElementById("react-entry-point");
  if (!first || !entry) {
    return;
  }

  function drawn(slot) {
    return !!slot.querySelector(".js-plotly-plot path.choroplethlocation");
  }

  function whenDrawn(slot, picture) {
    var watch = new MutationObserver(function () {
      if (drawn(slot)) {
        watch.disconnect();
        window.requestAnimationFrame(function () { picture.remove(); });
      }
    });
    watch.observe(slot, { childList: true, subtree: true });
  }

  function handOver() {
    var page = entry.querySelector("#page");
    var slot = page && page.querySelector(".map-slot");
    if (!slot) {
      return false;
    }
    var picture = first.querySelector("[data-map-preview]");
    if (picture && !drawn(slot)) {
      slot.appendChild(picture);
      whenDrawn(slot, picture);
    }
    first.remove();
    return true;
  }

  var observer = new MutationObserver(function () {
    if (handOver()) {
      observer.disconnect();
    }
  });
  observer.observe(entry, { childList: true, subtree: true });
})();
