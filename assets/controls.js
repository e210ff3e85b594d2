/* The page's accessible controls (dashboard/page/controls.py), the country list's keyboard fix-ups, and the
   filter drawer of narrow screens. Loaded by Dash before its renderer, after React. */

/* ChoiceGroup: check boxes or radio buttons in a fieldset named by its legend (native controls: Tab, Space and
   the arrow keys as in any form). `value`: the list ticked (multiple) or the value chosen. */
(function () {
  var h = window.React.createElement;

  function ChoiceGroup(props) {
    var id = props.id;
    var multiple = !!props.multiple;
    var options = Array.isArray(props.options) ? props.options : [];
    var chosen = multiple ? (Array.isArray(props.value) ? props.value : []) : props.value;
    var isOn = function (value) { return multiple ? chosen.indexOf(value) >= 0 : chosen === value; };

    function change(value, checked) {
      if (!props.setProps) {
        return;
      }
      if (!multiple) {
        if (checked) {
          props.setProps({ value: value });
        }
        return;
      }
      var next = options.map(function (o) { return o.value; }).filter(function (v) {
        return v === value ? checked : chosen.indexOf(v) >= 0;
      });
      props.setProps({ value: next });
    }

    var items = options.map(function (option, index) {
      var inputId = id + "-" + index;
      return h(
        "label",
        { key: String(option.value), className: "choice", htmlFor: inputId },
        h("input", {
          id: inputId,
          type: multiple ? "checkbox" : "radio",
          name: id,
          value: option.value,
          checked: isOn(option.value),
          className: multiple ? "check-input" : "radio-input",
          onChange: function (event) { change(option.value, event.target.checked); }
        }),
        option.color ? h("span", { className: "swatch", style: { background: option.color }, "aria-hidden": "true" }) : null,
        option.code ? h("b", null, option.code) : null,
        h("span", null, (option.code ? " " : "") + option.label)
      );
    });
    var hintId = props.hint ? id + "-hint" : undefined;
    var ticked = multiple ? chosen.length : 0;
    var list = h("div", { className: "choices" }, items);
    var body;
    if (props.collapsible) {
      var count = ticked && props.summary_count ? props.summary_count.replace("{n}", ticked) : "";
      body = [
        h("legend", { key: "legend", className: "visually-hidden" }, props.legend),
        h(
          "details",
          { key: "details", className: "choice-details", open: ticked > 0 ? true : undefined },
          h("summary", { className: "field-label" }, props.legend, count ? h("span", { className: "choice-count" }, " (" + count + ")") : null),
          props.hint ? h("p", { className: "field-hint", id: hintId }, props.hint) : null,
          list
        )
      ];
    } else {
      body = [
        h("legend", { key: "legend", className: "field-label" }, props.legend),
        props.hint ? h("p", { key: "hint", className: "field-hint", id: hintId }, props.hint) : null,
        h("div", { key: "list" }, list)
      ];
    }
    return h(
      "fieldset",
      { id: id, className: "choice-group " + (props.className || ""), "aria-describedby": hintId },
      body
    );
  }

  window.in2p3_components = Object.assign({}, window.in2p3_components, { ChoiceGroup: ChoiceGroup });
})();

/* HtmlBlock (dashboard/page/htmltext.py): HTML text from the server drawn as it is, in one element: the charts'
   bars, which as hundreds of Dash components cost Dash's renderer more than the bars themselves. A click on an
   element with data-pick (a chart's bar) sets clickData as a click on a plotly bar did, a link to another view of
   the page ("?...") is followed in the page as a dcc.Link is; when the HTML is replaced,
   the element with the same data-pick gets the focus back if it had it (keyboard users stay on their bar). */
(function () {
  var React = window.React;

  function HtmlBlock(props) {
    React.Component.call(this, props);
    this.element = React.createRef();
    this.click = this.click.bind(this);
  }
  HtmlBlock.prototype = Object.create(React.Component.prototype);
  HtmlBlock.prototype.constructor = HtmlBlock;

  HtmlBlock.prototype.click = function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-pick]") : null;
    if (target && this.element.current.contains(target) && this.props.setProps) {
      this.props.setProps({ clickData: { points: [{ customdata: [target.getAttribute("data-pick")] }] } });
    }
    /* a link to another view of the page ("?country=JPN", a dcc.Link written as HTML): followed as dcc.Link does,
       in the page (the address changes, Dash's location hears it), not by loading the page again */
    var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    var href = link && link.getAttribute("href");
    if (link && href.charAt(0) === "?" && !link.target && event.button === 0 &&
        !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) {
      event.preventDefault();
      window.history.pushState({}, "", href);
      window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    }
  };
  /* before the HTML is replaced: which picked element has the focus */
  HtmlBlock.prototype.getSnapshotBeforeUpdate = function () {
    var active = document.activeElement;
    var root = this.element.current;
    return active && root && root.contains(active) && active.hasAttribute("data-pick") ? active.getAttribute("data-pick") : null;
  };
  HtmlBlock.prototype.componentDidUpdate = function (_props, _state, focused) {
    if (focused !== null && focused !== undefined) {
      var again = Array.prototype.find.call(this.element.current.querySelectorAll("[data-pick]"), function (el) {
        return el.getAttribute("data-pick") === focused;
      });
      if (again && document.activeElement !== again) {
        again.focus();
      }
    }
  };
  HtmlBlock.prototype.render = function () {
    return React.createElement(this.props.tag || "div", {
      id: this.props.id,
      className: this.props.className,
      ref: this.element,
      onClick: this.click,
      dangerouslySetInnerHTML: { __html: this.props.html || "" }
    });
  };

  window.in2p3_components = Object.assign({}, window.in2p3_components, { HtmlBlock: HtmlBlock });
})();

/* Dash 4's dcc.Dropdown (the searchable country list): its trigger button is out of the tab order behind a
   hidden input that passes the focus on (a Safari work-around), which axe flags (aria-hidden-focus) and which
   a screen reader announces as nothing; and the button is named by its value only. Here the button itself takes
   the focus, the hidden input leaves the tab order, and the button is named by the field's visible label first
   (the label's id is given in data-labelledby on the field). Done again whenever React redraws them (a
   MutationObserver: React sets these attributes when it draws an element, and leaves them alone after). */
(function () {
  function fix(root) {
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(function (target) {
      if (target.getAttribute("tabindex") !== "-1") {
        target.setAttribute("tabindex", "-1");
      }
    });
    root.querySelectorAll("[data-labelledby] button.dash-dropdown").forEach(function (button) {
      var label = button.closest("[data-labelledby]").getAttribute("data-labelledby");
      if (button.getAttribute("tabindex") !== "0") {
        button.setAttribute("tabindex", "0");
      }
      var names = (button.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
      if (names[0] !== label) {
        button.setAttribute("aria-labelledby", [label].concat(names.filter(function (n) { return n !== label; })).join(" "));
      }
    });
    /* The open list: its options are labels with role "option" around native check boxes (two roles for one
       control, a listbox with no name: axe's nested-interactive and aria-input-field-name). The check boxes are
       what the keyboard moves through and what is ticked: they stay, in a group named by the field's label. */
    root.querySelectorAll("[data-labelledby] .dash-options-list").forEach(function (list) {
      var label = list.closest("[data-labelledby]").getAttribute("data-labelledby");
      if (list.getAttribute("role") !== "group") {
        list.setAttribute("role", "group");
      }
      if (list.getAttribute("aria-labelledby") !== label) {
        list.setAttribute("aria-labelledby", label);
      }
      list.querySelectorAll(".dash-options-list-option").forEach(function (option) {
        if (option.hasAttribute("role")) {
          option.removeAttribute("role");
        }
        if (option.hasAttribute("aria-selected")) {
          option.removeAttribute("aria-selected");
        }
      });
    });
  }

  var observer = new MutationObserver(function () { fix(document); });
  function start() {
    fix(document);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex", "aria-labelledby", "role", "aria-selected"] });
  }
  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();

/* The filter drawer of narrow screens (the "Filters" button of the header; CSS shows it below 900 px): the
   button says whether it is open (aria-expanded) and which panel it opens (aria-controls); opening moves the
   focus into the drawer, Escape or "Close the filters" closes it and gives the focus back to the button, and Tab
   stays inside while it covers the page. On wider screens the panel is a column of the page and none of this
   applies. Also: the skip link moves the focus to its target (the map) without changing the address. */
(function () {
  var OPEN = "filters-open";
  var FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

  function toggle() { return document.getElementById("filters-open"); }
  function panel() { return document.getElementById("filters"); }
  function isOpen() { return document.documentElement.classList.contains(OPEN); }
  function focusables() {
    return Array.prototype.filter.call(panel().querySelectorAll(FOCUSABLE), function (el) {
      return !el.disabled && el.offsetParent !== null;
    });
  }

  function open() {
    document.documentElement.classList.add(OPEN);
    toggle().setAttribute("aria-expanded", "true");
    var close = document.getElementById("filters-close");
    (close || focusables()[0] || panel()).focus();
  }

  function close() {
    if (!isOpen()) {
      return;
    }
    document.documentElement.classList.remove(OPEN);
    var button = toggle();
    if (button) {
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    if (target.closest("#filters-open")) {
      if (isOpen()) {
        close();
      } else {
        open();
      }
    } else if (target.closest("#filters-close")) {
      close();
    } else if (isOpen() && !target.closest("#filters") && !target.closest(".dash-dropdown-content")) {
      close();  /* a click on the dimmed page beside the drawer */
    }
    var skip = target.closest("a.skip-link");
    if (skip) {
      var goal = document.getElementById((skip.getAttribute("href") || "").replace(/^#/, ""));
      if (goal) {
        event.preventDefault();
        goal.focus();
        goal.scrollIntoView({ block: "start" });
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!isOpen()) {
      return;
    }
    if (event.key === "Escape" && !event.target.closest(".dash-dropdown-content") &&
        !(event.target.closest("button.dash-dropdown") && event.target.getAttribute("aria-expanded") === "true")) {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      var items = focusables();
      if (!items.length) {
        return;
      }
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  /* Back to a wide window with the drawer open: the panel is a column again, nothing to close. */
  window.addEventListener("resize", function () {
    if (isOpen() && window.matchMedia("(min-width: 900px)").matches) {
      document.documentElement.classList.remove(OPEN);
      var button = toggle();
      if (button) {
        button.setAttribute("aria-expanded", "false");
      }
    }
  });
})();
