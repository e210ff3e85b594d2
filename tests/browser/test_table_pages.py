"""The table on the shipped data: one page in the browser, the next asked of the server, sorted over every row.

The table is plain HTML (page/table.py): sort buttons in the column headers (``aria-sort`` on the header cell),
the pages in a ``nav`` of named buttons with "Page 1 of 5" announced.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TABLE = "#collaboration-table"


def names_shown(page) -> list[str]:
    """The names in the Name column of the rows shown (the cell's own text, without its notes)."""
    return page.locator(f"{TABLE} tbody td.col-name").evaluate_all(
        "cells => cells.map(c => c.firstChild ? c.firstChild.textContent : '')"
    )


def test_tpg001_pages_and_sort_come_from_the_server(page, dashboard, shipped_server):
    dashboard.open(shipped_server + "/")
    rows = dashboard.table_rows()
    status = page.locator("#table-status")
    expect(rows).to_have_count(15)
    expect(status).to_have_text("Page 1 of 5 · rows 1–15 of 67")  # 67 collaborations, 15 a page
    pages = page.get_by_role("navigation", name="Pages of the table")
    expect(pages.get_by_role("button", name="Previous page")).to_have_attribute("aria-disabled", "true")
    first_page = names_shown(page)

    pages.get_by_role("button", name="Next page").click()
    dashboard.settle()
    expect(status).to_have_text("Page 2 of 5 · rows 16–30 of 67")
    expect(rows).to_have_count(15)
    second_page = names_shown(page)
    assert set(second_page).isdisjoint(first_page)
    expect(pages.get_by_role("button", name="Previous page")).not_to_have_attribute("aria-disabled", "true")

    pages.get_by_role("button", name="Last page").click()
    dashboard.settle()
    expect(rows).to_have_count(67 - 4 * 15)
    expect(status).to_contain_text("Page 5 of 5")
    expect(pages.get_by_role("button", name="Next page")).to_have_attribute("aria-disabled", "true")

    # Sort by count: the largest (the 22 Emerging Actions counted in one row, on the last page in the table's
    # own order) comes first on page 1: the server sorts every row of the view, not the page the browser holds.
    header = page.locator(f"{TABLE} th#column-count")
    sort = header.get_by_role("button")
    sort.click()  # ascending
    dashboard.settle()
    expect(header).to_have_attribute("aria-sort", "ascending")
    sort.click()  # descending
    dashboard.settle()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(page.locator(f"{TABLE} th[aria-sort]")).to_have_count(1)
    expect(rows).to_have_count(15)
    expect(rows.first.locator("td.col-count")).to_have_text("22")
    expect(status).to_contain_text("Page 1 of 5")

    # A click on the map is a new view: page 1 of its table, still sorted, every row about Brazil.
    pages.get_by_role("button", name="Next page").click()
    dashboard.settle()
    expect(status).to_contain_text("Page 2 of 5")
    dashboard.click_country("Brazil", -53.0, -10.0)
    expect(page.locator("#selection-summary")).to_contain_text("Brazil")
    dashboard.settle()
    expect(status).to_contain_text("Page 1 of 1")
    cells = page.locator(f"{TABLE} tbody td.col-countries").all_inner_texts()
    assert cells and all("Brazil" in cell for cell in cells)
    expect(header).to_have_attribute("aria-sort", "descending")
