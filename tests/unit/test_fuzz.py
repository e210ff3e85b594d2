"""Hostile input, generated at random (hypothesis) and from a list of known-bad values.

URL query strings and callback payloads never give a server error or a traceback, and never change the
data; random table files and workbook cells give a located problem (DataError), never another exception.

Runs are bounded (``max_examples``, no deadline: the machine is shared) and derandomised, so CI is
stable; ``HYPOTHESIS_PROFILE=explore`` runs many more, random examples.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import create_app
from dashboard.config import load_settings
from dashboard.datastore.importing import Limits, read_workbook
from dashboard.datastore.store import DataStore
from dashboard.loading import DataError, validate_folder

settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "explore",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

#: Values known to break careless code: markup, paths, formats, numbers at the edges, odd unicode, nesting.
KNOWN_BAD = [
    "",
    " ",
    "\x00",
    "%00",
    "%ff%fe",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "../../etc/passwd",
    "..\\..\\boot.ini",
    "%s%s%n",
    "{0}{1}",
    "${7*7}",
    "{{7*7}}",
    "' OR '1'='1",
    "=cmd|' /C calc'!A0",
    "@SUM(A1)",
    "+1",
    "-1",
    "1e308",
    "-1e308",
    "NaN",
    "Infinity",
    "9" * 400,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\u202eRTL",
    "\ud800",
    "﻿BOM",
    "a" * 5000,
    "JPN," * 500,
    "year=1-99999",
    ",,,,",
    "%",
    "&&&",
    "?",
    "#",
    "\r\n\r\n",
    "__proto__",
    "constructor",
]
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
    | st.sampled_from(KNOWN_BAD)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
QUERY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
PARAMS = ["instrument", "continent", "country", "theme", "lab", "status", "year", "measure", "lang", "x", "COUNTRY", ""]


def fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The app on a copy of the fixture data, its test client, and a way to check that nothing changed."""
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(MINI, folder)
    settings = load_settings({"IN2P3_DATA_DIR": str(folder)})
    store = DataStore(settings.data_dir, settings.geometry_file)
    client = create_app(settings, store=store).server.test_client()
    data, before = store.current(), fingerprint(folder)
    callbacks = client.get("/_dash-dependencies").json

    def unchanged() -> bool:
        return fingerprint(folder) == before and store.current() is data

    return client, callbacks, unchanged


def assert_clean(response) -> None:
    assert response.status_code < 500, response.data[:300]
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and 'File "' not in body


def outputs_of(callback: dict) -> list[dict]:
    spec = callback["output"].strip(".")
    parts = [part.rsplit(".", 1) + [""] for part in spec.split("...")]  # a callback with no output: its id only
    return [{"id": part[0], "property": part[1]} for part in parts]


def payload(callback: dict, values: list, changed: list[int]) -> dict:
    inputs = [{"id": i["id"], "property": i["property"], "value": v} for i, v in zip(callback["inputs"], values)]
    state = [{"id": s["id"], "property": s["property"], "value": None} for s in callback.get("state", [])]
    return {
        "output": callback["output"],
        "outputs": outputs_of(callback),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[k]['id']}.{inputs[k]['property']}" for k in changed if k < len(inputs)],
    }


# -- URL query strings --------------------------------------------------------------------------------


@given(
    pairs=st.lists(st.tuples(st.sampled_from(PARAMS), QUERY_TEXT | st.sampled_from(KNOWN_BAD)), max_size=6),
    raw=QUERY_TEXT,
)
def test_fuz001_random_query_strings(served, pairs, raw):
    client, _, unchanged = served
    query = "&".join(f"{quote(k)}={quote(v, safe=',', errors='surrogatepass')}" for k, v in pairs)
    for path in (
        f"/?{query}",
        f"/export/collaborations.csv?{query}",
        f"/export/collaborations.csv?{quote(raw, safe='=&,%', errors='surrogatepass')}",
        f"/healthz?{query}",
    ):
        assert_clean(client.get(path))
    assert unchanged()


@pytest.mark.parametrize("bad", KNOWN_BAD)
def test_fuz002_known_bad_values_in_every_parameter(served, bad):
    client, _, unchanged = served
    query = "&".join(f"{p}={quote(bad, safe='', errors='surrogatepass')}" for p in PARAMS if p)
    assert_clean(client.get(f"/export/collaborations.csv?{query}"))
    assert_clean(client.get(f"/{quote(bad, safe='', errors='surrogatepass')}?{query}"))
    assert unchanged()


# -- Callback payloads --------------------------------------------------------------------------------


@given(data=st.data())
def test_fuz003_random_values_in_real_callback_requests(served, data):
    client, callbacks, unchanged = served
    callback = data.draw(st.sampled_from(callbacks))
    values = data.draw(st.lists(JSON_VALUES, min_size=len(callback["inputs"]), max_size=len(callback["inputs"])))
    if callback["inputs"][0]["property"] == "search":
        values[0] = data.draw(
            st.one_of(st.none(), QUERY_TEXT, st.sampled_from(KNOWN_BAD).map(lambda v: "?country=" + v))
        )
    changed = data.draw(st.lists(st.integers(0, len(values) - 1), max_size=3))
    response = client.post("/_dash-update-component", json=payload(callback, values, changed))
    assert_clean(response)
    if response.status_code == 200:
        json.loads(response.data)
    assert unchanged()


@given(body=JSON_VALUES)
def test_fuz004_random_json_bodies(served, body):
    client, _, unchanged = served
    assert_clean(client.post("/_dash-update-component", json=body))
    assert unchanged()


@given(body=st.binary(max_size=300))
def test_fuz005_random_bytes_and_broken_requests(served, body):
    client, callbacks, unchanged = served
    assert_clean(client.post("/_dash-update-component", data=body, content_type="application/json"))
    assert_clean(client.post("/_dash-update-component", data=body, content_type="text/plain"))
    assert_clean(client.post("/export/collaborations.csv", data=body))
    assert unchanged()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda b: {**b, "output": "..nope.children.."},
        lambda b: {**b, "inputs": b["inputs"][:1]},
        lambda b: {**b, "inputs": b["inputs"] + b["inputs"]},
        lambda b: {**b, "inputs": [{"id": {"type": "x", "index": 1}, "property": "value", "value": 1}]},
        lambda b: {**b, "outputs": []},
        lambda b: {**b, "outputs": {"id": "map", "property": "figure"}},
        lambda b: {**b, "changedPropIds": ["nope.value", 5]},
        lambda b: {k: v for k, v in b.items() if k != "inputs"},
        lambda b: {**b, "state": [{"id": "x"}]},
        lambda b: {**b, "inputs": [None]},
        lambda b: {**b, "inputs": {"id": "url", "property": "search", "value": ""}},
        lambda b: {**b, "state": "x", "changedPropIds": {"a": 1}},
        lambda b: {**b, "inputs": [[{"id": "url", "property": "search", "value": ""}, 5]]},
    ],
)
def test_fuz006_malformed_callback_requests_are_400_not_500(served, mangle):
    client, callbacks, unchanged = served
    render = next(c for c in callbacks if c["output"].startswith("..url.search"))  # update_view
    body = mangle(payload(render, ["?country=JPN"] + [None] * (len(render["inputs"]) - 1), [0]))
    response = client.post("/_dash-update-component", json=body)
    assert_clean(response)
    assert unchanged()


def test_fuz007_a_valid_callback_request_still_works(served):
    client, callbacks, unchanged = served
    render = next(c for c in callbacks if c["output"].startswith("..url.search"))  # update_view
    values = ["?country=JPN"] + [None] * (len(render["inputs"]) - 1)  # the address changed; controls as sent
    response = client.post("/_dash-update-component", json=payload(render, values, [0]))
    assert response.status_code == 200 and "Japan" in response.get_data(as_text=True)
    assert unchanged()


# -- Files --------------------------------------------------------------------------------------------


@given(content=st.binary(max_size=400) | QUERY_TEXT.map(lambda t: t.encode("utf-8")), header=st.booleans())
def test_fuz010_random_table_files_give_located_problems(tmp_path_factory, content, header):
    folder = tmp_path_factory.mktemp("csv") / "data"
    shutil.copytree(MINI, folder)
    prefix = (MINI / "labs.csv").read_bytes().splitlines(keepends=True)[0] if header else b""
    (folder / "labs.csv").write_bytes(prefix + content)
    try:
        validate_folder(folder)
    except DataError as error:
        assert error.problems and all(p.file for p in error.problems)


@given(cells=st.lists(st.lists(SCALARS | st.text(max_size=20).map(lambda t: "=" + t), max_size=6), max_size=6))
def test_fuz011_random_workbook_cells_never_raise(cells):
    book = openpyxl.Workbook()
    book.active.title = "labs"
    for row in cells:
        try:
            book.active.append(row)
        except Exception:
            continue
    out = io.BytesIO()
    try:
        book.save(out)
    except (ValueError, TypeError):
        return
    tables, problems, _ = read_workbook("random.xlsx", out.getvalue(), Limits())
    assert all(p.file.startswith("random.xlsx") for p in problems)
    for table in tables:
        table.data.decode("utf-8")


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    """The app with sign-in and the import page, on its own copy of the data."""
    from werkzeug.security import generate_password_hash

    folder = tmp_path_factory.mktemp("forms") / "data"
    shutil.copytree(MINI, folder)
    env = {
        "IN2P3_DATA_DIR": str(folder),
        "IN2P3_SECRET_KEY": "k" * 40,
        "IN2P3_USERS": f"erin:editor:{generate_password_hash('editor password')}",
    }
    client = create_app(load_settings(env)).server.test_client()
    before = fingerprint(folder)
    return client, lambda: fingerprint(folder) == before


def _encodable(text) -> bool:
    """A browser cannot send a lone surrogate in a form (it is not UTF-8): such values test the test client."""
    return not isinstance(text, str) or not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


@given(
    fields=st.dictionaries(
        st.sampled_from(["user", "password", "next", "csrf_token", "version", "data_date", "x"]),
        QUERY_TEXT | st.sampled_from(KNOWN_BAD).filter(_encodable),
        max_size=5,
    ),
    path=st.sampled_from(["/login", "/logout", "/import", "/import/restore"]),
    query=QUERY_TEXT,
)
def test_fuz012_random_forms(forms, fields, path, query):
    client, unchanged = forms
    assert_clean(client.post(f"{path}?{quote(query, safe='=&', errors='surrogatepass')}", data=fields))
    assert_clean(client.get(f"{path}?{quote(query, safe='=&', errors='surrogatepass')}"))
    assert unchanged()
