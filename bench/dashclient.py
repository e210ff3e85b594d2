"""The callbacks of the page, called as the browser calls them (POST /_dash-update-component).

Payloads are built from the app's own ``/_dash-dependencies``, so they follow the callbacks' signatures.
``transport(path, body_or_None) -> (status, bytes)`` is a Flask test client or an HTTP connection.
"""

from __future__ import annotations

import gzip
import http.client
import json
from urllib.parse import urlparse

from dashboard import ids

#: Values of the controls in the default view (sync_view's inputs other than the URL and the clicks).
DEFAULTS = {
    ids.MEASURE: "instruments",
    ids.COUNTRY: [],
    ids.INSTRUMENT: [],
    ids.CONTINENT: [],
    ids.THEME: [],
    ids.LAB: [],
    ids.STATUS: [],
    ids.YEARS: None,
}


def flask_transport(client):
    def send(path: str, body: dict | None):
        response = client.post(path, json=body) if body is not None else client.get(path)
        return response.status_code, response.data

    return send


def http_transport(base_url: str, timeout: float = 30.0):
    """One connection per request (gunicorn's sync workers close the connection after each answer)."""
    parsed = urlparse(base_url)

    def send(path: str, body: dict | None):
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
        try:
            if body is None:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            else:
                connection.request(
                    "POST",
                    path,
                    body=json.dumps(body).encode(),
                    headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"},
                )
            response = connection.getresponse()
            data = response.read()
            if response.getheader("Content-Encoding") == "gzip":
                data = gzip.decompress(data)
            return response.status, data
        finally:
            connection.close()

    return send


def _parts(key: str) -> list[dict]:
    return [dict(zip(("id", "property"), part.rsplit(".", 1))) for part in key.strip(".").split("...")]


class DashClient:
    def __init__(self, transport, bounds: tuple[int, int]):
        self.send = transport
        self.bounds = list(bounds)
        status, body = self.send("/_dash-dependencies", None)
        if status != 200:
            raise RuntimeError(f"/_dash-dependencies answered {status}")
        deps = json.loads(body)
        # update_view answers every change of the view (a control, a click, the address) in one round trip;
        # table_page another page or sort of the table.
        self.update_spec = next(d for d in deps if d["output"].startswith(f"..{ids.URL}.search"))
        self.sync_spec = self.render_spec = self.update_spec
        self.table_spec = next(d for d in deps if f"{ids.TABLE_BODY}.html" in d["output"] and d is not self.update_spec)

    def _request(self, spec: dict, values: dict, changed: list[str]) -> dict:
        body = {
            "output": spec["output"],
            "outputs": _parts(spec["output"]),
            "inputs": [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in spec["inputs"]],
            "changedPropIds": changed,
            "state": [{**s, "value": values.get(f"{s['id']}.{s['property']}")} for s in spec.get("state", [])],
        }
        status, data = self.send("/_dash-update-component", body)
        if status != 200:
            raise RuntimeError(f"callback answered HTTP {status}")
        return json.loads(data) if data else {}

    def sync(self, search: str, controls: dict, changed: str, value, map_key: str | None = None) -> str:
        """update_view after a change of ``changed`` (``"map.clickData"``, ``"instrument-filter.value"``...);
        returns the new query string (the whole answer, views included, is kept in ``self.last``); the browser shows
        the map of ``map_key``."""
        values = {
            f"{ids.URL}.search": search,
            **{f"{k}.value": v for k, v in DEFAULTS.items()},
            f"{ids.YEARS}.value": self.bounds,
        }
        values.update({f"{k}.value": v for k, v in controls.items()})
        values[changed] = value
        values[f"{ids.MAP_KEY}.data"] = map_key
        answer = self._request(self.update_spec, values, [changed])
        self.last = answer.get("response", {})
        return self.last.get(ids.URL, {}).get("search", search)

    def render(self, search: str, map_key: str | None = None, held: list | None = None, table=None) -> dict:
        """update_view after a change of the address to ``search`` (a link, back, forward): every view of it; the
        browser shows the map of ``map_key`` and keeps those of ``held``; its table is in the state ``table``."""
        values = {
            f"{ids.URL}.search": search,
            **{f"{k}.value": v for k, v in DEFAULTS.items()},
            f"{ids.YEARS}.value": self.bounds,
            f"{ids.MAP_KEY}.data": map_key,
            f"{ids.MAP_HELD}.data": held,
            f"{ids.TABLE_STATE}.data": table,
        }
        return self._request(self.update_spec, values, [f"{ids.URL}.search"]).get("response", {})

    def table(self, search: str, page: int = 0, sort_by: list | None = None, press: str | None = None, state=None):
        """The table: after a change of the URL (``press`` None: update_view, which sends the view's first page with
        the views), or table_page after a click on the button ``press`` (a sort button,
        ``ids.table_sort(column)``, or a page button, ``ids.TABLE_NEXT``...) while the table shows ``page`` sorted by
        ``sort_by`` (the table's state, ``{"page", "sort_by"}``; ``state`` sends another value instead)."""
        values = {
            f"{ids.URL}.search": search,
            f"{ids.TABLE_STATE}.data": {"page": page, "sort_by": sort_by or []} if state is None else state,
        }
        if not press:
            return self.render(search, table=values[f"{ids.TABLE_STATE}.data"])
        changed = f"{press}.n_clicks"
        values[changed] = 1
        return self._request(self.table_spec, values, [changed]).get("response", {})
