"""Component ids, in one place: the layout, the callbacks and the browser tests use these names."""

URL = "url"
NOTICE = "notice"

MEASURE = "measure"
COUNTRY = "country-select"
INSTRUMENT = "instrument-filter"
CONTINENT = "continent-filter"
THEME = "theme-filter"
LAB = "lab-filter"
STATUS = "status-filter"
YEARS = "year-filter"
#: The map's "Show links" check box (``links=1``).
LINKS = "links-toggle"
CLEAR_SELECTION = "clear-selection"
RESET = "reset-view"

FIGURES = "key-figures"
MAP = "map"
#: What the map shown in the browser was drawn for, apart from the selection (callbacks.map_key).
MAP_KEY = "map-key"
#: The map figure as the server sends it (the browser keeps the last few, assets/app.js in2p3Maps) and the keys of
#: the maps the browser keeps (sent with every request for the views: a map it keeps is not sent again).
MAP_SENT = "map-sent"
MAP_HELD = "map-held"
MAP_OUTLINE = "map-outline"  # the selection outline drawn by the browser (a Store only as the callback's output)
MAP_CAPTION = "map-caption"
MAP_LEGEND = "map-legend"  # the map's key, HTML beside it (page/mapfigure.map_key)
MAP_NOTE = "map-note"
#: What the links of the map are, and what of them is not drawn (under the map, when the links are shown).
LINKS_NOTE = "links-note"
#: The map and the country profile beside it (the profile's row), the profile and its body, filled per view.
MAP_ROW = "map-row"
PROFILE = "country-profile"
PROFILE_BODY = "country-profile-body"
SELECTION = "selection-summary"
CONTINENT_CHART = "continent-chart"
TOP_CHART = "top-countries-chart"
TYPE_CHART = "type-chart"
TIMELINE_CHART = "timeline-chart"
TIMELINE_NOTE = "timeline-note"
TABLE = "collaboration-table"
TABLE_CAPTION = "table-caption"
DOWNLOAD_CSV = "download-csv"

PAGE = "page"
PAGE_LANG = "page-lang"
LANG_SWITCH = "lang-switch"
MAP_SUMMARY = "map-summary"
PRESENT_ENTER = "present-enter"
PRESENT_BAR = "present-bar"
PRESENT_TITLE = "present-title"
PRESENT_CAPTION = "present-caption"
PRESENT_STEP = "present-step"
STORY_PREV = "story-prev"
STORY_NEXT = "story-next"
PRESENT_EXIT = "present-exit"
FULLSCREEN = "fullscreen"

# Exports (Excel, slides, and the PNG and SVG of each card's figure)
DOWNLOAD_XLSX = "download-xlsx"
DOWNLOAD_DECK = "download-deck"
#: The map year by year, as an animated GIF (exports/animation.py), next to the map card's PNG and SVG.
DOWNLOAD_ANIMATION = "download-animation"
#: The (image, format) links next to the card titles; their ids: image_download(name, fmt).
IMAGE_DOWNLOADS = tuple(
    (name, fmt) for name in ("map", "continent", "top", "type", "timeline", "profile") for fmt in ("png", "svg")
)


def image_download(name: str, fmt: str) -> str:
    """The id of a card's image link, e.g. download-map-png."""
    return f"download-{name}-{fmt}"


# The table (plain HTML, paged and sorted by the server: page/table.py), the skip links' targets, the filter drawer
TABLE_BODY = "collaboration-rows"
#: The table's page and sort as the server last answered them ({"page": n, "sort_by": [...]}).
TABLE_STATE = "table-state"
TABLE_STATUS = "table-status"
TABLE_PAGER = "table-pager"
TABLE_FIRST = "table-first-page"
TABLE_PREVIOUS = "table-previous-page"
TABLE_NEXT = "table-next-page"
TABLE_LAST = "table-last-page"
TABLE_MOVES = (TABLE_FIRST, TABLE_PREVIOUS, TABLE_NEXT, TABLE_LAST)
MAP_CARD = "map-card"
FILTERS = "filters"
FILTERS_OPEN = "filters-open"
FILTERS_CLOSE = "filters-close"


def table_sort(column: str) -> str:
    """The id of the sort button in the header of ``column``."""
    return f"sort-{column}"


def table_header(column: str) -> str:
    """The id of the header cell of ``column`` (its ``aria-sort`` says how the table is sorted)."""
    return f"column-{column}"


# Issue 14, the strategy meeting told: the year player, the story's text and countries, sharing and embedding.
#: The player's buttons (assets/player.js), the box they are in, and what the server says of the view's years
#: (the queries of the previous, next and first years: page/player.py) in a Store the browser reads.
PLAYER = "year-player"
PLAYER_BACK = "player-back"
PLAYER_PLAY = "player-play"
PLAYER_PAUSE = "player-pause"
PLAYER_FORWARD = "player-forward"
PLAYER_STEPS = "player-steps"
#: The year shown large over the map while a year is set, with the count of collaborations of unknown start.
PLAYER_YEAR = "player-year"
#: Presentation mode: the step's text under its title; the step's countries outlined on the map (a Store).
PRESENT_TEXT = "present-text"
STORY_HIGHLIGHT = "story-highlight"
#: Sharing: the "Copy link" button and what it announces; the "Embed" disclosure, its code and its copy button.
SHARE_COPY = "share-copy"
SHARE_STATUS = "share-status"
SHARE_LINK = "share-link"
#: The link to the story form of the import pages, shown to editors (page/share.py).
SHARE_STORY = "share-story"
EMBED_DETAILS = "embed-details"
EMBED_CODE = "embed-code"
EMBED_COPY = "embed-copy"
EMBED_STATUS = "embed-status"
#: The embedded view's caption (what it shows, the data date) and its link to the full view.
EMBED_CAPTION = "embed-caption"
EMBED_FULL = "embed-full-view"
#: The queries the share tools need (the embedded view's), from the server at every view, and the embed code's
#: template in the page's language (page/share.py).
SHARE_QUERIES = "share-queries"
EMBED_TEMPLATE = "embed-template"
# What changed since a version (``since=``): the "Compare with" control and the panel of changes; under the key
# figures, what changed in a story step and since that version; the story as slides
SINCE = "since-select"
CHANGES = "changes"
FIGURE_CHANGES = "figure-changes"
DOWNLOAD_STORY = "download-story"
