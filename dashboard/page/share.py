"""Sharing a view: "Copy link" puts the view's address on the clipboard; "Embed" gives the HTML code that shows the
view in an intranet or Indico page, as the embedded view (``embed=1``: the map, the key figures and a caption with
the data date and a link to the full view; no filter panel, no table, no controls).

The embedded view is the page's own layout marked ``data-embed`` (:func:`mark_embed`), whose stylesheet shows only
those parts (assets/style.css): the callbacks keep every component they read and write, and a click on the map still
selects. ``embed`` is kept, like ``lang`` and ``present``, when the view changes (``callbacks.sync``).

A page of another site may show the app in a frame only if ``IN2P3_FRAME_ANCESTORS`` lists that site
(``config.py``, ``web/security.py``: CSP ``frame-ancestors``); docs/deploy.md says how.

The browser's part (assets/share.js) copies and fills the code's address in: the page's own origin and path, and the
embedded view's query given by the server at every view (:func:`share_queries`), so that the URL's rules stay in
``state``; the code's words come with the page (:func:`embed_code`, in its language).
"""

from __future__ import annotations

from html import escape

from dash import ClientsideFunction, Input, Output, State, dcc, html

from .. import i18n, ids
from ..state import ViewState, to_query

#: The frame's size in the embed code (CSS pixels): the map and the key figures in three columns, readable in the
#: content column of an intranet or Indico page.
EMBED_WIDTH, EMBED_HEIGHT = 960, 760
#: Where assets/share.js writes the embedded view's absolute address into the code.
SRC_FIELD = "{src}"


def client_settings() -> dict:
    """What assets/share.js is given in the page's client settings (``callbacks.client_settings``)."""
    return {
        "ids": {
            "copy": ids.SHARE_COPY,
            "status": ids.SHARE_STATUS,
            "link": ids.SHARE_LINK,
            "code": ids.EMBED_CODE,
            "codeCopy": ids.EMBED_COPY,
            "codeStatus": ids.EMBED_STATUS,
        },
        "srcField": SRC_FIELD,
    }


def embed_code(lang: str) -> str:
    """The ``<iframe>`` to paste, its address left as :data:`SRC_FIELD` (the browser knows the app's own address)."""
    title = escape(i18n.t("embed_frame_title", lang), quote=False).replace('"', "&quot;")
    return (
        f'<iframe src="{SRC_FIELD}" title="{title}" width="{EMBED_WIDTH}" height="{EMBED_HEIGHT}" '
        'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )


def share_queries(state: ViewState) -> dict:
    """The embedded view of ``state`` as a page query (``embed``: presentation mode and its step left out)."""
    return {"embed": to_query(state.with_(embed=True, present=False, step=None))}


def full_view_href(state: ViewState) -> str:
    """The embedded view's link to the same view on the full page."""
    return to_query(state.with_(embed=False)) or "?"


def mark_embed(layout, state: ViewState) -> None:
    """Mark the page's layout as the embedded view when ``state`` asks for it (the stylesheet shows its parts only).

    The mark is an attribute of its own, not a class: ``render`` sets the page's classes at every view."""
    if state.embed:
        setattr(layout, "data-embed", "true")


def share_tools(lang: str) -> list:
    """The header's "Copy link" button, what it announces (a polite live region), the address to select when the
    clipboard cannot be written, and the "Embed" disclosure with its code and a button that copies it."""
    words = {
        "data-copied": i18n.t("link_copied", lang),
        "data-code-copied": i18n.t("code_copied", lang),
        "data-select": i18n.t("copy_by_hand", lang),
    }
    return [
        html.Span(
            [
                html.Button(
                    i18n.t("copy_link", lang),
                    id=ids.SHARE_COPY,
                    type="button",
                    className="button button-quiet",
                    title=i18n.t("copy_link_title", lang),
                ),
                # What was copied, said politely and shown under the button (no other part of the page moves).
                html.Span(
                    id=ids.SHARE_STATUS, className="share-status", role="status", **{"aria-live": "polite", **words}
                ),
                # The clipboard refused: the address is written here and selected, to be copied by hand.
                html.Span(id=ids.SHARE_LINK, hidden=True, className="share-link"),
            ],
            className="share-copy",
        ),
        # For editors only (shown by offer_story_form): the story form of the import pages, given this view by the
        # address it is opened from (its referrer).
        html.A(
            i18n.t("save_story_step", lang),
            id=ids.SHARE_STORY,
            href="/import/story",
            hidden=True,
            className="button button-quiet",
            title=i18n.t("save_story_step_title", lang),
        ),
        html.Details(
            [
                html.Summary(i18n.t("embed", lang), className="button button-quiet embed-summary"),
                html.Div(
                    [
                        html.Label(i18n.t("embed_code_label", lang), htmlFor=ids.EMBED_CODE, className="field-label"),
                        dcc.Textarea(id=ids.EMBED_CODE, readOnly=True, rows=4, value="", className="embed-code"),
                        html.P(i18n.t("embed_hint", lang), className="field-hint"),
                        html.Div(
                            [
                                html.Button(
                                    i18n.t("copy_code", lang), id=ids.EMBED_COPY, type="button", className="button"
                                ),
                                html.Span(
                                    id=ids.EMBED_STATUS,
                                    className="embed-status",
                                    role="status",
                                    **{"aria-live": "polite"},
                                ),
                            ],
                            className="embed-actions",
                        ),
                        dcc.Store(id=ids.SHARE_QUERIES),
                        dcc.Store(id=ids.EMBED_TEMPLATE, data=embed_code(lang)),  # the page's language is fixed
                    ],
                    className="embed-panel",
                ),
            ],
            id=ids.EMBED_DETAILS,
            className="embed-details",
        ),
    ]


def offer_story_form(layout, allowed: bool) -> None:
    """Show the "Save as a story step" link to an editor (``allowed``: who may use the import pages, as the web side
    decides: ``web.admin.may_edit``)."""
    if allowed:
        layout[ids.SHARE_STORY].hidden = False


def embed_caption_slot(lang: str) -> html.P:
    """The embedded view's caption: whose data, what the view shows (``render`` fills in the view's caption, with
    its data date) and a link to the full view (opens a new tab: the frame's page stays)."""
    return html.P(
        [
            html.Strong(i18n.t("title", lang)),
            " · ",
            html.Span(id=ids.EMBED_CAPTION),
            " · ",
            html.A(
                [i18n.t("embed_full_view", lang), html.Span(i18n.t("new_tab", lang), className="visually-hidden")],
                id=ids.EMBED_FULL,
                href="?",
                target="_blank",
                rel="noopener",
            ),
        ],
        className="embed-caption",
    )


def register(app) -> None:
    """The embed code follows the view: its address made by the browser from the page's own (assets/share.js)."""
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="embedCode"),
        Output(ids.EMBED_CODE, "value"),
        Input(ids.SHARE_QUERIES, "data"),
        State(ids.EMBED_TEMPLATE, "data"),
    )
