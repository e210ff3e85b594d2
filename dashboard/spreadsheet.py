"""Excel downloads: the table of the view as an .xlsx workbook whose cells are values, never formulas.

Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) is
neutralised as in the CSV (:func:`dashboard.export.neutralise`) and every text cell is written as a string
cell, so nothing in the workbook is evaluated when it is opened.
"""
from __future__ import annotations

import io
import math
import numbers

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from . import aggregate
from .export import neutralise
from .state import ViewState

SHEET_TITLE = "Collaborations"


def _cell(sheet, value, bold: bool = False) -> WriteOnlyCell:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        cell = WriteOnlyCell(sheet, value=None)
    elif isinstance(value, numbers.Number) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value.item() if hasattr(value, "item") else value)
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", str(neutralise(str(value))))
        cell = WriteOnlyCell(sheet, value=None)
        cell.value, cell.data_type = text, "s"  # a string cell: never read as a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def workbook_bytes(frame, title: str = SHEET_TITLE) -> bytes:
    """``frame`` (a header row, then one row per record) as the only sheet of an .xlsx workbook."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append([_cell(sheet, name, bold=True) for name in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def collaborations_xlsx(ds, state: ViewState) -> bytes:
    """The collaborations of the view (the columns of the CSV) as an .xlsx workbook."""
    from .views import export_labels, localised_table

    table = localised_table(ds, aggregate.filter_collaborations(ds, state), state.lang)
    labels = export_labels(state.lang)
    return workbook_bytes(table[list(labels)].rename(columns=labels))
