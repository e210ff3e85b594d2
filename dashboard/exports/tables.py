"""Downloads of the view's table: CSV and Excel, at plain URLs that take the page's query.

Both hold the same columns, headers in the view's language. Text that a spreadsheet would run as a formula is
neutralised (:func:`neutralise`); the Excel file also writes every text as a string cell, never a formula.
"""

from __future__ import annotations

import io
import math

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .. import aggregate, i18n
from ..describe import export_labels, localised_table, view_caption
from ..state import ViewState

#: Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The Excel sheet: lines stating the view above the header row.
XLSX_HEADER_ROW = 5
XLSX_MAX_WIDTH = 60


def neutralise(value):
    """Text that a spreadsheet would run as a formula, prefixed with an apostrophe so that it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_table(ds, state: ViewState) -> pd.DataFrame:
    """The collaborations of the view with the export's headers in ``state.lang``, every text cell neutralised.

    Every cell is checked, whatever its column's dtype (pandas 3 keeps text in a "str" dtype, not object).
    """
    table = localised_table(ds, aggregate.select(ds, state).frame, state.lang)
    labels = export_labels(state.lang)
    return table[list(labels)].rename(columns=labels).map(neutralise)


def collaborations_csv(ds, state: ViewState) -> str:
    """The collaborations of the view as CSV text (UTF-8, header row, one collaboration per row)."""
    buffer = io.StringIO()
    export_table(ds, state).to_csv(buffer, index=False)
    return buffer.getvalue()


def _cell_value(value):
    """A value for a cell: numbers stay numbers, missing stays empty, text loses the characters XML forbids."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(neutralise(str(value))))


def _text_cell(sheet, row: int, column: int, text: str, *, bold: bool = False, size: float | None = None):
    cell = sheet.cell(row=row, column=column)
    cell.value = _cell_value(text)
    cell.data_type = "s"  # a string cell: never read as a formula
    if bold or size:
        cell.font = Font(bold=bold, size=size)
    return cell


def collaborations_xlsx(ds, state: ViewState, *, link: str | None = None) -> bytes:
    """The collaborations of the view as an Excel workbook (.xlsx bytes).

    One sheet: the title, the view's filters and data date, the source (and ``link``, the view's URL) on the
    first lines, then the header row in ``state.lang`` (frozen, with filter buttons) and one row per
    collaboration. Text cells are strings, never formulas; numbers are numbers; each row's source is a link.
    """
    lang = state.lang
    table = export_table(ds, state)
    book = Workbook()
    sheet = book.active
    sheet.title = i18n.t("fig_collaborations", lang)[:31]
    book.properties.title = i18n.t("title", lang)
    book.properties.subject = view_caption(state, ds.data_date, lang)
    book.properties.language = "fr-FR" if lang == "fr" else "en-GB"
    book.properties.creator = i18n.t("title", lang)

    _text_cell(sheet, 1, 1, i18n.t("title", lang), bold=True, size=14)
    _text_cell(sheet, 2, 1, view_caption(state, ds.data_date, lang), bold=True)
    _text_cell(sheet, 3, 1, i18n.t("export_source", lang, date=i18n.long_date(ds.data_date, lang)))
    if link:
        cell = _text_cell(sheet, 4, 1, i18n.t("deck_link", lang) + link)
        cell.hyperlink = link
        cell.style = "Hyperlink"

    source_column = list(table.columns).index(export_labels(lang)["source_url"]) + 1
    for j, name in enumerate(table.columns, start=1):
        _text_cell(sheet, XLSX_HEADER_ROW, j, name, bold=True)
    for i, record in enumerate(table.itertuples(index=False), start=XLSX_HEADER_ROW + 1):
        for j, value in enumerate(record, start=1):
            cell = sheet.cell(row=i, column=j)
            cell.value = _cell_value(value)
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.alignment = Alignment(vertical="top", wrap_text=len(cell.value) > XLSX_MAX_WIDTH)
            if j == source_column and isinstance(value, str) and value.startswith(("https://", "http://")):
                cell.hyperlink = value
                cell.style = "Hyperlink"

    for j, name in enumerate(table.columns, start=1):
        longest = max([len(str(name))] + [len(str(v)) for v in table.iloc[:, j - 1]])
        sheet.column_dimensions[get_column_letter(j)].width = min(longest + 2, XLSX_MAX_WIDTH)
    last = XLSX_HEADER_ROW + len(table)
    sheet.freeze_panes = sheet.cell(row=XLSX_HEADER_ROW + 1, column=1)
    sheet.auto_filter.ref = f"A{XLSX_HEADER_ROW}:{get_column_letter(len(table.columns))}{last}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
