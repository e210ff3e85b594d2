"""The table on the shipped data: one page in the browser, the next asked of the server, sorted over every row."""

from __future__ import annotations

from playwright.sync_api import expect

TABLE = "#collaboration-table"


def names_shown(page) -> list[str]:
    """The names in the first column of the rows shown (the Name column)."""
    return page.locator(f'{TABLE} tbody td[data-dash-column="name"]').all_inner_texts()


def test_tbl001_pages_and_sort_come_from_the_server(page, dashboard, shipped_server):
    dashboard.open(shipped_server + "/")
    rows = dashboard.table_rows()
    expect(rows).to_have_count(15)
    expect(page.locator(f"{TABLE} div.last-page")).to_have_text("5")  # 67 collaborations, 15 a page
    first_page = names_shown(page)

    page.locator(f"{TABLE} button.next-page").click()
    dashboard.settle()
    expect(rows).to_have_count(15)
    second_page = names_shown(page)
    assert set(second_page).isdisjoint(first_page)

    page.locator(f"{TABLE} button.last-page").click()
    dashboard.settle()
    expect(rows).to_have_count(67 - 4 * 15)

    # Sort by count: the largest (the 22 Emerging Actions counted in one row, on the last page in the table's
    # own order) comes first on page 1: the server sorts every row of the view, not the page the browser holds.
    sort = page.locator(f'{TABLE} th[data-dash-column="count"] .column-header--sort')
    sort.click()  # ascending
    dashboard.settle()
    sort.click()  # descending
    dashboard.settle()
    expect(rows).to_have_count(15)
    expect(rows.first.locator('td[data-dash-column="count"]')).to_have_text("22")
    assert page.locator(f"{TABLE} input.current-page").get_attribute("placeholder") == "1"

    # A click on the map is a new view: page 1 of its table, still sorted, every row about Brazil.
    page.locator(f"{TABLE} button.next-page").click()
    dashboard.settle()
    dashboard.click_country("Brazil", -53.0, -10.0)
    expect(page.locator("#selection-summary")).to_contain_text("Brazil")
    dashboard.settle()
    cells = page.locator(f'{TABLE} tbody td[data-dash-column="countries"]').all_inner_texts()
    assert cells and all("Brazil" in cell for cell in cells)
    pager = page.locator(f"{TABLE} input.current-page")  # DataTable hides the pager for a single page
    assert pager.count() == 0 or pager.get_attribute("placeholder") == "1"
