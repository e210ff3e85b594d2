"""Dash components written out as HTML text: what React would draw of them, for the browser to take as it is.

Two users: the page's large fragments of plain HTML (the charts, ``page/charts.py``), sent as the text of one
:class:`HtmlBlock` rather than as hundreds of Dash components (Dash's renderer wraps, tracks and re-renders each
component it is given: the four charts as ``dash.html`` components cost 0.7-1 s of main thread per interaction here,
as one block each a few milliseconds; bench/notes.md), and the page's first HTML (``page/firstframe.py``), which
shows the view before Dash has started.

Everything is escaped: text and attribute values are HTML-escaped, and a link or image address is kept only if it is
relative or of a safe scheme (``http``, ``https``, ``mailto``; ``data:image/`` for images), as Dash's own ``html.A``
refuses ``javascript:``. Components that draw nothing before their script runs (``dcc.Store``, ``dcc.Location``) are
left out; a ``dcc.Graph``, ``dcc.Dropdown`` or ``dcc.RangeSlider`` is written as its empty box (its place keeps its
height: style.css), a ``dcc.Link`` as the link it is, a :class:`~dashboard.page.controls.ChoiceGroup` as the
check boxes that assets/controls.js draws.
"""

from __future__ import annotations

import html as _html
import re

from dash.development.base_component import Component

from .controls import NAMESPACE, ChoiceGroup

#: Elements with no end tag.
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
#: Attributes whose presence is their value.
BOOLEAN = frozenset({"hidden", "disabled", "open", "checked", "selected", "multiple", "readonly", "required", "inert"})
#: React's names -> HTML's.
RENAMED = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "colSpan": "colspan", "rowSpan": "rowspan"}
#: Dash's own properties, not the element's.
DASH_PROPS = frozenset(
    {"children", "style", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "key", "setProps"}
)
#: CSS properties React writes without a unit when given a number (the ones the page uses, and their kin).
UNITLESS = frozenset(
    {"flex", "flexGrow", "flexShrink", "opacity", "zIndex", "fontWeight", "lineHeight", "order", "zoom", "gridRow"}
)
SAFE_URL = re.compile(r"^(https?:|mailto:|[/?#.]|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


class HtmlBlock(Component):
    """A fragment of HTML text drawn as it is (``html``), in an element ``tag`` (default ``div``), by
    assets/controls.js. A click on one of its elements that carries ``data-pick`` sets ``clickData`` to
    ``{"points": [{"customdata": [<its data-pick>]}]}`` (what a click on a plotly bar gave, read by
    ``callbacks.clicked_value``); the element with that ``data-pick`` keeps the focus when the HTML is replaced.

    The text must come from :func:`to_html` (or be escaped as it does): it is not escaped again.
    """

    _children_props: list[str] = []
    _base_nodes = ["children"]
    _namespace = NAMESPACE
    _type = "HtmlBlock"
    _props = ("id", "html", "tag", "className", "clickData")

    def __init__(self, **kwargs):
        unknown = set(kwargs) - set(self._props)
        if unknown:
            raise TypeError(f"HtmlBlock has no properties {sorted(unknown)}")
        self._prop_names = list(self._props)
        self._valid_wildcard_attributes = []
        self.available_properties = list(self._props)
        self.available_wildcard_properties = []
        super().__init__(**kwargs)


def to_html(node, after: dict[str, str] | None = None) -> str:
    """``node`` (a Dash component, a list of them, text, a number or None) as HTML text; ``after``: element id ->
    HTML text written right after that element (as given: not escaped)."""
    out: list[str] = []
    _write(node, out, after or {})
    return "".join(out)


def _write(node, out: list[str], after: dict[str, str]) -> None:
    if node is None or node is False:
        return
    if isinstance(node, (list, tuple)):
        for item in node:
            _write(item, out, after)
        return
    if isinstance(node, (str, int, float)):
        out.append(_html.escape(str(node), quote=False))
        return
    if not isinstance(node, Component):
        return
    namespace, kind = getattr(node, "_namespace", ""), getattr(node, "_type", "")
    props = node.to_plotly_json()["props"]
    if namespace == "dash_html_components":
        _element(kind.lower(), props, props.get("children"), out, after)
    elif isinstance(node, HtmlBlock):
        tag = props.get("tag") or "div"
        out.append(f"<{tag}{_attributes({k: v for k, v in props.items() if k not in ('html', 'tag')})}>")
        out.append(props.get("html") or "")
        out.append(f"</{tag}>")
    elif isinstance(node, ChoiceGroup):
        _choice_group(props, out)
    elif namespace == "dash_core_components":
        if kind == "Link":
            _element("a", props, props.get("children"), out, after)
        elif kind in ("Graph", "Dropdown", "RangeSlider", "Slider"):
            keep = {"id": props.get("id"), "className": props.get("className"), "style": props.get("style")}
            _element("div", keep, None, out, after)


def _element(tag: str, props: dict, children, out: list[str], after: dict[str, str]) -> None:
    out.append(f"<{tag}{_attributes(props)}>")
    if tag not in VOID:
        _write(children, out, after)
        out.append(f"</{tag}>")
    if isinstance(props.get("id"), str) and props["id"] in after:
        out.append(after[props["id"]])


def _attributes(props: dict) -> str:
    parts = []
    for name, value in props.items():
        if name in DASH_PROPS and name != "style":
            continue
        if name == "id" and not isinstance(value, str):
            continue  # a pattern-matched id: Dash's, not the element's
        if name == "style":
            value = css(value) if isinstance(value, dict) else None
            if not value:
                continue
        name = RENAMED.get(name, name)
        if name in BOOLEAN:
            if value:
                parts.append(f" {name}")
            continue
        if value is None or value is False or isinstance(value, (dict, list, tuple)):
            continue
        if value is True:
            value = "true"
        if name in ("href", "src") and not _safe_url(str(value), image=name == "src"):
            continue
        parts.append(f' {name}="{_html.escape(str(value), quote=True)}"')
    return "".join(parts)


def css(style: dict) -> str:
    """A React style object as CSS text: ``{"minHeight": 320, "--bar": "0.6"}`` -> ``min-height:320px;--bar:0.6``."""
    parts = []
    for key, value in style.items():
        if value is None or value == "":
            continue
        if key.startswith("--"):
            name = key
        else:
            name = re.sub(r"([A-Z])", lambda m: "-" + m.group(1).lower(), key)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and key not in UNITLESS and value != 0:
                value = f"{value}px"
        parts.append(f"{name}:{value}")
    return ";".join(parts)


def _safe_url(url: str, *, image: bool) -> bool:
    url = url.strip()
    if image and url.lower().startswith("data:image/"):
        return True
    return bool(SAFE_URL.match(url))


def _choice_group(props: dict, out: list[str]) -> None:
    """A :class:`ChoiceGroup` as assets/controls.js draws it: a fieldset, its legend, one native input per option."""
    group_id = props.get("id") or ""
    multiple = bool(props.get("multiple"))
    chosen = props.get("value")
    chosen = list(chosen) if multiple and isinstance(chosen, (list, tuple)) else chosen
    hint_id = f"{group_id}-hint" if props.get("hint") else None
    items = []
    for index, option in enumerate(props.get("options") or []):
        value = option.get("value")
        on = value in chosen if multiple else value == chosen
        input_id = f"{group_id}-{index}"
        swatch = (
            f'<span class="swatch" style="background:{_html.escape(str(option["color"]))}" aria-hidden="true"></span>'
            if option.get("color")
            else ""
        )
        code = f"<b>{_html.escape(str(option['code']))}</b>" if option.get("code") else ""
        label = (" " if option.get("code") else "") + str(option.get("label", ""))
        items.append(
            f'<label class="choice" for="{_html.escape(input_id)}"><input id="{_html.escape(input_id)}" '
            f'type="{"checkbox" if multiple else "radio"}" name="{_html.escape(group_id)}" '
            f'value="{_html.escape(str(value))}" class="{"check-input" if multiple else "radio-input"}"'
            f"{' checked' if on else ''}>{swatch}{code}<span>{_html.escape(label, quote=False)}</span></label>"
        )
    listing = f'<div class="choices">{"".join(items)}</div>'
    legend = _html.escape(str(props.get("legend", "")), quote=False)
    hint = (
        f'<p class="field-hint" id="{_html.escape(hint_id)}">{_html.escape(str(props["hint"]), quote=False)}</p>'
        if hint_id
        else ""
    )
    if props.get("collapsible"):
        ticked = len(chosen) if multiple and isinstance(chosen, list) else 0
        count = str(props.get("summary_count") or "").replace("{n}", str(ticked)) if ticked else ""
        count_html = f' <span class="choice-count">({_html.escape(count, quote=False)})</span>' if count else ""
        body = (
            f'<legend class="visually-hidden">{legend}</legend><details class="choice-details"'
            f'{" open" if ticked else ""}><summary class="field-label">{legend}{count_html}</summary>{hint}{listing}'
            "</details>"
        )
    else:
        body = f'<legend class="field-label">{legend}</legend>{hint}<div>{listing}</div>'
    described = f' aria-describedby="{_html.escape(hint_id)}"' if hint_id else ""
    classes = _html.escape(f"choice-group {props.get('className') or ''}")
    out.append(f'<fieldset id="{_html.escape(group_id)}" class="{classes}"{described}>{body}</fieldset>')
