"""An editor saves a view of the dashboard as a new story step (/import/story): the import's gate and token, the
form's own checks, the table's checks by the import (problems listed, nothing changed), and a new version whose
stories.csv has the step in its place; the page offers the form to editors only."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from werkzeug.security import generate_password_hash

from dashboard import ids
from dashboard.app import create_app
from dashboard.config import load_settings
from dashboard.datastore import versions
from dashboard.datastore.store import DataStore
from dashboard.loading import Story, tables_folder
from dashboard.web.security import CSRF_COOKIE
from dashboard.web.story_step import StepForm, new_story, stories_csv, view_query

SECRET = "s" * 40
EDITOR_PW, VIEWER_PW = "editor password", "viewer password"
STEP = {
    "view": "http://dashboard.example/?continent=Asia&instrument=IRL&present=1&step=3&lang=fr",
    "title_en": "Laboratories in Asia",
    "title_fr": "Laboratoires en Asie",
    "text_en": "1 International Research Laboratory in Asia, with Japan.",
    "text_fr": "1 laboratoire de recherche international en Asie, avec le Japon.",
    "highlight": "JPN",
    "notes_en": "Counted once in the totals.",
    "position": "4",
}


def served(folder, **env):
    """The app on ``folder`` with its store (to see what a save changed) and a test client."""
    settings = load_settings({"IN2P3_DATA_DIR": str(folder), **env})
    store = DataStore(settings.data_dir, settings.geometry_file)
    return store, create_app(settings, store=store).server.test_client()


def token_of(client, path="/import/story") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def save(client, token, **fields):
    return client.post("/import/story", data={"csrf_token": token, **STEP, **fields})


def users_env():
    entries = [f"erin:editor:{generate_password_hash(EDITOR_PW)}", f"vic:viewer:{generate_password_hash(VIEWER_PW)}"]
    return {"IN2P3_USERS": "\n".join(entries), "IN2P3_SECRET_KEY": SECRET}


def sign_in(client, user, password):
    token = token_of(client, "/login")
    client.post("/login", data={"csrf_token": token, "user": user, "password": password, "next": "/"})


def stories_of(folder) -> list[dict]:
    return list(csv.DictReader(io.StringIO((tables_folder(folder) / "stories.csv").read_text(encoding="utf-8"))))


def test_stf001_only_editors_reach_the_form(mini_copy):
    _, public = served(mini_copy)
    assert public.get("/import/story").status_code == 403  # the import pages are off without sign-in
    assert public.post("/import/story", data=STEP).status_code == 403
    _, client = served(mini_copy, **users_env())
    assert client.get("/import/story").status_code == 302  # to the sign-in page
    sign_in(client, "vic", VIEWER_PW)
    page = client.get("/import/story")
    assert page.status_code == 403 and b"Editors only" in page.data
    assert save(client, token_of(client, "/login")).status_code == 403
    assert not versions.list_versions(mini_copy)


def test_stf002_the_form_needs_its_token_and_this_site(mini_copy):
    _, client = served(mini_copy, IN2P3_ALLOW_IMPORT="1")
    assert save(client, "forged").status_code == 400
    token = token_of(client)
    client.set_cookie(CSRF_COOKIE, token)
    other_site = client.post(
        "/import/story", data={"csrf_token": token, **STEP}, headers={"Origin": "https://evil.example"}
    )
    assert other_site.status_code == 400 and b"another site" in other_site.data
    assert not versions.list_versions(mini_copy)


def test_stf003_bad_values_are_refused_with_what_is_wrong_and_nothing_changes(mini_copy):
    store, client = served(mini_copy, IN2P3_ALLOW_IMPORT="1")
    token = token_of(client)
    bad_link = save(client, token, view="?continent=Mars&instrument=IRL")
    assert bad_link.status_code == 422 and "continent &#39;Mars&#39; is not known" in bad_link.get_data(as_text=True)
    bad_place = save(client, token, position="40")
    assert bad_place.status_code == 422 and "a whole number from 1 to 12" in bad_place.get_data(as_text=True)
    # The step's own rules are the import's: the problems listed by file, row and column, the form kept.
    refused = save(client, token, title_fr="", highlight="JPN;Japon", text_fr="")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "The new story was refused: 3 problems" in page
    assert "The new step is row 5 of" in page
    for column in ("title_fr", "highlight", "text_fr"):
        assert f"<td>stories.csv</td><td>5</td><td>{column}</td>" in page
    assert 'value="Laboratories in Asia"' in page  # what was typed is still there
    assert not versions.list_versions(mini_copy) and len(store.current().stories) == 11


def test_stf004_a_saved_step_is_a_new_version_whose_story_has_it_in_its_place(mini_copy):
    store, client = served(mini_copy, IN2P3_ALLOW_IMPORT="1")
    done = save(client, token_of(client))
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and "Saved: step 4" in page
    assert 'href="/?instrument=IRL&amp;continent=Asia&amp;present=1&amp;step=4"' in page
    rows = stories_of(mini_copy)
    assert [r["title_en"] for r in rows[2:5]] == ["Asia", "Laboratories in Asia", "North America"]
    assert [int(r["step"]) for r in rows] == list(range(1, 13))  # no room after step 3: the others moved one on
    new = rows[3]
    assert new["query"] == "instrument=IRL&continent=Asia"  # the view, without present, step or lang
    assert (new["highlight"], new["text_fr"], new["notes_en"]) == ("JPN", STEP["text_fr"], STEP["notes_en"])
    assert rows[2]["text_en"].startswith("2 collaborations in Asia")  # the other steps kept whole
    history = versions.list_versions(mini_copy)
    assert len(history) == 2 and history[0].info["sources"] == [{"table": "stories.csv", "from": "stories.csv"}]
    assert history[0].info["user"].startswith("anonymous")  # who saved it, as for every import
    step = store.current().stories[3]
    assert (step.step, step.title("fr"), step.highlight) == (4, "Laboratoires en Asie", ("JPN",))


def test_stf005_the_form_takes_the_view_from_the_page_it_was_opened_from(mini_copy):
    _, client = served(mini_copy, IN2P3_ALLOW_IMPORT="1")
    page = client.get("/import/story", headers={"Referer": "http://localhost/?continent=Asia&lang=fr"})
    text = page.get_data(as_text=True)
    assert 'value="?continent=Asia&amp;lang=fr"' in text and "This view: <strong>All collaborations · Asia" in text
    given = client.get("/import/story?view=%3Finstrument%3DIRL").get_data(as_text=True)
    assert 'value="?instrument=IRL"' in given and "This view: <strong>IRL" in given
    assert "1 to 12; empty: at the end" in given  # the mini data's story has 11 steps


def test_stf006_the_page_offers_the_form_to_editors_only(mini_copy):
    def link_hidden(client) -> bool:
        layout = json.dumps(client.get("/_dash-layout").json)
        found = re.search(r'\{[^{}]*"id": "' + ids.SHARE_STORY + r'"[^{}]*\}', layout)
        return json.loads(found.group(0)).get("hidden") is True

    _, public = served(mini_copy)
    assert link_hidden(public)
    _, open_import = served(mini_copy, IN2P3_ALLOW_IMPORT="1")
    assert not link_hidden(open_import)
    _, signed = served(mini_copy, **users_env(), IN2P3_PUBLIC_VIEW="1")
    assert link_hidden(signed)
    sign_in(signed, "vic", VIEWER_PW)
    assert link_hidden(signed)
    signed.post("/logout", data={"csrf_token": token_of(signed, "/login")})
    sign_in(signed, "erin", EDITOR_PW)
    assert not link_hidden(signed)


@pytest.mark.parametrize(
    "given, query",
    [
        ("http://host:8050/?continent=Asia&present=1#map", "continent=Asia&present=1"),
        ("/?instrument=IRL", "instrument=IRL"),
        ("?measure=partners", "measure=partners"),
        ("instrument=IRN,IEA", "instrument=IRN,IEA"),
        ("http://host/", ""),
        ("", ""),
    ],
)
def test_stf007_a_link_is_read_as_the_page_reads_it(given, query):
    assert view_query(given) == query


def test_stf008_steps_keep_their_numbers_when_there_is_room():
    def story(step, title):
        return Story(step, title, title, "")

    stories = (story(1, "a"), story(5, "b"), story(9, "c"))
    content, number = stories_csv(stories, new_story(StepForm(title_en="n", title_fr="n"), ""), 2)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert [(r["step"], r["title_en"]) for r in rows] == [("1", "a"), ("2", "n"), ("5", "b"), ("9", "c")]
    assert number == 2
    first, number = stories_csv(stories, new_story(StepForm(title_en="n", highlight="JPN, kor"), ""), 1)
    rows = list(csv.DictReader(io.StringIO(first.decode("utf-8"))))
    assert [r["step"] for r in rows] == ["1", "2", "5", "9"] and rows[0]["highlight"] == "JPN;kor"
    assert list(rows[0]) == ["step", "title_en", "title_fr", "query", "text_en", "text_fr", "highlight"] + [
        "notes_en",
        "notes_fr",
    ]
