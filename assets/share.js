/* Sharing a view (page/share.py): "Copy link" puts the view's address on the clipboard and says so in a polite
   live region; "Copy the code" does the same with the embed code, whose address this script writes in: the page's
   own origin and path, with the embedded view's query given by the server (the share Store, read by embedCode)
   into the code's template (in the page's language, given with the page).
   When the clipboard cannot be written (a page served over plain http, a browser that refuses), the text is copied
   the old way, or else shown selected for the person to copy. The words said are the page's, given by the server
   on the live region (data-copied, data-code-copied, data-select). Loaded after app.js (name order). */
var in2p3Share = (function () {
  var settings = in2p3Settings.share || { ids: {} };
  var ids = settings.ids;
  var STATUS_MS = 6000;  /* how long "Link copied" stays on screen */
  var clearing = {};  /* per live region: the timer that empties it */

  function status() {
    return document.getElementById(ids.status);
  }

  /* Said in the live region ``regionId`` (the link's, under its button, or the code's, beside its button). */
  function announce(text, regionId) {
    var region = document.getElementById(regionId || ids.status);
    if (!region) {
      return;
    }
    region.textContent = "";  /* the same words again are announced again */
    window.setTimeout(function () { region.textContent = text; }, 60);
    window.clearTimeout(clearing[region.id]);
    clearing[region.id] = window.setTimeout(function () { region.textContent = ""; }, STATUS_MS);
  }

  function words(name) {
    var region = status();
    return (region && region.getAttribute("data-" + name)) || "";
  }

  /* The old way: a text area out of sight, selected, copied; the focus put back where it was. */
  function copyWithSelection(text) {
    var focused = document.activeElement;
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-10000px";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(area);
    if (focused && focused.focus) {
      focused.focus();
    }
    return copied;
  }

  /* Nothing could be copied: the text shown (in ``shown``, a text area or an element) and selected. */
  function selectForHand(text, shown, regionId) {
    if (!shown) {
      return;
    }
    if (shown.select) {
      shown.focus();
      shown.select();
    } else {
      shown.textContent = text;
      shown.hidden = false;
      var range = document.createRange();
      range.selectNodeContents(shown);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    announce(words("select"), regionId);
  }

  function copy(text, said, shown, regionId) {
    var fallback = function () {
      if (copyWithSelection(text)) {
        announce(said, regionId);
      } else {
        selectForHand(text, shown, regionId);
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { announce(said, regionId); }, fallback);
    } else {
      fallback();
    }
  }

  function escapeAttribute(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("button") : null;
    if (!button) {
      return;
    }
    if (button.id === ids.copy) {
      copy(window.location.href, words("copied"), document.getElementById(ids.link));
    } else if (button.id === ids.codeCopy) {
      var code = document.getElementById(ids.code);
      if (code && code.value) {
        copy(code.value, words("code-copied"), code, ids.codeStatus);
      }
    }
  });

  return {
    /* The embed code of the view: the page's template with the embedded view's absolute address written in. */
    code: function (queries, template) {
      if (!queries || typeof template !== "string") {
        return "";
      }
      var src = window.location.origin + window.location.pathname + (queries.embed || "");
      return template.replace(settings.srcField, escapeAttribute(src));
    }
  };
})();

window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.in2p3 = Object.assign(window.dash_clientside.in2p3 || {}, {
  embedCode: function (queries, template) {
    return in2p3Share.code(queries, template);
  }
});
