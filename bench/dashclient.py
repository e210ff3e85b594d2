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
        self.sync_spec = next(d for d in deps if d["output"].startswith(f"..{ids.URL}.search"))
        self.render_spec = next(d for d in deps if d["output"].startswith(f"..{ids.MAP_SENT}.data"))
        self.table_spec = next(d for d in deps if f"{ids.TABLE_BODY}.children" in d["output"])

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

    def sync(self, search: str, controls: dict, changed: str, value) -> str:
        """sync_view after a change of ``changed`` (``"map.clickData"``, ``"instrument-filter.value"``...);
        returns the new query string."""
        values = {
            f"{ids.URL}.search": search,
            **{f"{k}.value": v for k, v in DEFAULTS.items()},
            f"{ids.YEARS}.value": self.bounds,
        }
        values.update({f"{k}.value": v for k, v in controls.items()})
        values[changed] = value
        answer = self._request(self.sync_spec, values, [changed])
        return answer.get("response", {}).get(ids.URL, {}).get("search", search)

    def render(self, search: str, map_key: str | None = None, held: list | None = None) -> dict:
        """render_view for ``search``; the browser shows the map of ``map_key`` and keeps those of ``held``."""
        values = {f"{ids.URL}.search": search, f"{ids.MAP_KEY}.data": map_key, f"{ids.MAP_HELD}.data": held}
        return self._request(self.render_spec, values, [f"{ids.URL}.search"]).get("response", {})

    def table(self, search: str, page: int = 0, sort_by: list | None = None, press: str | None = None, state=None):
        """table_page: after a change of the URL (``press`` None), or a click on the button ``press`` (a sort button,
        ``ids.table_sort(column)``, or a page button, ``ids.TABLE_NEXT``...) while the table shows ``page`` sorted by
        ``sort_by`` (the table's state, ``{"page", "sort_by"}``; ``state`` sends another value instead)."""
        values = {
            f"{ids.URL}.search": search,
            f"{ids.TABLE_STATE}.data": {"page": page, "sort_by": sort_by or []} if state is None else state,
        }
        changed = f"{press}.n_clicks" if press else f"{ids.URL}.search"
        if press:
            values[changed] = 1
        return self._request(self.table_spec, values, [changed]).get("response", {})
