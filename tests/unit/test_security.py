"""Security headers, errors without tracebacks, the import page and its gate, optional sign-in."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

from dashboard.__main__ import main
from dashboard.app import create_app
from dashboard.config import SettingsError, load_settings, parse_frame_ancestors
from dashboard.datastore import versions
from dashboard.datastore.store import DataStore
from dashboard.loading import validate_folder
from dashboard.web.security import CSRF_COOKIE

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s" * 40
EDITOR_PW, VIEWER_PW = "editor password", "viewer password"


def app_for(folder, **env):
    return create_app(load_settings({"IN2P3_DATA_DIR": str(folder), **env}))


def csrf_of(client, path="/import") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def upload(client, files: dict, token: str, **form):
    data = {"csrf_token": token, **form, "files": [(io.BytesIO(content), name) for name, content in files.items()]}
    return client.post("/import", data=data, content_type="multipart/form-data")


# -- Headers ------------------------------------------------------------------------------------------


def test_scy001_security_headers_on_every_response(mini_copy):
    app = app_for(mini_copy)
    client = app.server.test_client()
    for path in ("/", "/healthz", "/export/collaborations.csv", "/_dash-layout", "/import"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]+)", csp).group(1)
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src and "*" not in script_src
        assert all(h in script_src for h in app.csp_hashes())
        assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'self'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "SAMEORIGIN"


def test_scy004_callback_answers_carry_the_data_headers_only(mini_copy):
    """A callback's answer is data for the page's script: nosniff, resource policy, a policy allowing nothing.

    The page's own policy (scripts, styles, referrer, opener, permissions) stays on the documents; sent with
    each of the three answers of a click it cost about 450 bytes each."""
    client = app_for(mini_copy).server.test_client()
    render = next(c for c in client.get("/_dash-dependencies").json if c["output"].startswith("..url.search"))
    outputs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
        for part in render["output"].strip(".").split("...")
    ]
    body = {
        "output": render["output"],
        "outputs": outputs,
        "inputs": [{**i, "value": "?country=JPN" if n == 0 else None} for n, i in enumerate(render["inputs"])],
        "state": [{"id": s["id"], "property": s["property"], "value": None} for s in render["state"]],
        "changedPropIds": [f"{render['inputs'][0]['id']}.search"],
    }
    answer = client.post("/_dash-update-component", json=body)
    assert answer.status_code == 200 and "Japan" in answer.get_data(as_text=True)
    refused = client.post("/_dash-update-component", json={"output": "nothing.here"})
    for response in (answer, refused):
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'self'"
        assert "Permissions-Policy" not in headers and "Referrer-Policy" not in headers
    page = client.get("/").headers  # the page and its layout keep the full policy (test_se001)
    assert "script-src" in page["Content-Security-Policy"] and page["Referrer-Policy"] == "same-origin"


def test_scy002_the_inline_renderer_script_is_allowed_by_its_hash(mini_copy):
    import base64
    import hashlib

    client = app_for(mini_copy).server.test_client()
    response = client.get("/")
    page = re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.S)  # Dash's IE notice is a comment
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", page, re.S)
    assert inline, "Dash's page has an inline renderer script"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in response.headers["Content-Security-Policy"]


def test_scy003_frame_ancestors_from_the_environment(mini_copy):
    client = app_for(mini_copy, IN2P3_FRAME_ANCESTORS="'self' https://intranet.example.org").server.test_client()
    headers = client.get("/").headers
    assert "frame-ancestors 'self' https://intranet.example.org" in headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in headers  # it cannot name another site; CSP decides
    assert parse_frame_ancestors("none") == "'none'"
    for bad in ("https://x.org; script-src *", "'self' 'none'", "data:", "https://x.org/\nX-Evil: 1"):
        with pytest.raises(SettingsError):
            parse_frame_ancestors(bad)


# -- Errors -------------------------------------------------------------------------------------------


def test_scy010_no_debug_mode_and_short_errors(mini_copy, monkeypatch, caplog):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = app_for(mini_copy)
    assert app.server.debug is False

    @app.server.route("/boom")
    def boom():
        raise RuntimeError("secret detail")

    with caplog.at_level(logging.ERROR):
        response = app.server.test_client().get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500 and "the error was logged with the reference" in body
    assert "secret detail" not in body and "Traceback" not in body
    reference = re.search(r"reference (\w+)", body).group(1)
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)


def test_scy011_debug_refused_off_loopback(monkeypatch, capsys):
    monkeypatch.setenv("DASH_DEBUG", "1")
    assert main(["run", "--host", "0.0.0.0", "--data", str(ROOT / "tests" / "fixtures" / "mini")]) == 2
    assert "only allowed on 127.0.0.1" in capsys.readouterr().err


def test_scy012_request_size_is_bounded(mini_copy):
    client = app_for(mini_copy).server.test_client()
    response = client.post(
        "/_dash-update-component", data=b"{" + b" " * 2_000_000 + b"}", content_type="application/json"
    )
    assert response.status_code == 413 and b"Traceback" not in response.data


# -- The import page without sign-in ------------------------------------------------------------------


def test_scy020_import_page_is_off_by_default(mini_copy):
    client = app_for(mini_copy).server.test_client()
    response = client.get("/import")
    assert response.status_code == 403 and b"turned off" in response.data
    assert client.post("/import", data={}).status_code == 403
    assert not versions.list_versions(mini_copy)


def test_scy021_import_page_imports_reports_and_restores(mini_copy):
    settings = load_settings({"IN2P3_DATA_DIR": str(mini_copy), "IN2P3_ALLOW_IMPORT": "1"})
    store = DataStore(settings.data_dir, settings.geometry_file)
    client = create_app(settings, store=store).server.test_client()
    token = csrf_of(client)
    labs = (mini_copy / "labs.csv").read_bytes()
    bad = labs.replace(b"Annecy,FRA", b"Annecy,<script>alert(1)</script>")
    refused = upload(client, {"labs.csv": bad, "<i>x.csv": b"a"}, token)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "The import was refused: 2 problems" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "&lt;i&gt;x.csv" in page and "country_iso3" in page
    assert not versions.list_versions(mini_copy)

    done = upload(client, {"labs.csv": labs.replace(b"Annecy", b"Annecy-le-Vieux")}, token, data_date="2027-03-01")
    assert done.status_code == 200 and "served now" in done.get_data(as_text=True)
    assert store.current().labs.at["LAPP", "city"] == "Annecy-le-Vieux"
    assert store.current().data_date.isoformat() == "2027-03-01"
    first = versions.list_versions(mini_copy)[-1].id
    assert first in done.get_data(as_text=True)
    back = client.post("/import/restore", data={"csrf_token": token, "version": first})
    assert back.status_code == 200 and store.current().labs.at["LAPP", "city"] == "Annecy"
    assert client.post("/import/restore", data={"csrf_token": token, "version": "../../x"}).status_code == 409


def test_scy022_import_forms_need_the_token_and_this_site(mini_copy):
    client = app_for(mini_copy, IN2P3_ALLOW_IMPORT="1").server.test_client()
    labs = {"labs.csv": (mini_copy / "labs.csv").read_bytes()}
    assert upload(client, labs, "forged").status_code == 400
    token = csrf_of(client)
    client.set_cookie(CSRF_COOKIE, token)
    response = client.post("/import", data={"csrf_token": token}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 400 and b"another site" in response.data
    assert not versions.list_versions(mini_copy)


def test_scy023_upload_size_limit(mini_copy):
    client = app_for(mini_copy, IN2P3_ALLOW_IMPORT="1", IN2P3_MAX_UPLOAD_MB="1").server.test_client()
    token = csrf_of(client)
    response = upload(client, {"labs.csv": b"x" * (1024 * 1024 + 10)}, token)
    assert response.status_code == 422 and b"at most 1 MB" in response.data
    huge = upload(client, {f"t{i}.csv": b"x" * (1024 * 1024) for i in range(14)}, token)
    assert huge.status_code == 413 and b"Traceback" not in huge.data


# -- Sign-in ------------------------------------------------------------------------------------------


def users_env(**extra):
    entries = [f"erin:editor:{generate_password_hash(EDITOR_PW)}", f"vic:viewer:{generate_password_hash(VIEWER_PW)}"]
    return {"IN2P3_USERS": "\n".join(entries), "IN2P3_SECRET_KEY": SECRET, **extra}


def sign_in(client, user, password, next_="/"):
    token = csrf_of(client, "/login")
    return client.post("/login", data={"csrf_token": token, "user": user, "password": password, "next": next_})


def test_scy030_everything_needs_sign_in(mini_copy):
    client = app_for(mini_copy, **users_env()).server.test_client()
    page = client.get("/?country=JPN")
    assert page.status_code == 302 and "/login?next=" in page.headers["Location"]
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/export/collaborations.csv").status_code == 401
    assert client.post("/_dash-update-component", json={}).status_code == 401
    assert client.get("/healthz").status_code == 200  # for load balancers
    assert sign_in(client, "erin", "wrong").status_code == 401
    assert sign_in(client, "nobody", EDITOR_PW).status_code == 401
    ok = sign_in(client, "erin", EDITOR_PW, next_="/?country=JPN")
    assert ok.status_code == 302 and ok.headers["Location"] == "/?country=JPN"
    assert client.get("/").status_code == 200 and client.get("/import").status_code == 200
    cookie = client.get_cookie("in2p3_session")
    assert cookie.http_only and cookie.same_site == "Lax"


def test_scy031_viewers_view_editors_import(mini_copy):
    app = app_for(mini_copy, **users_env())
    client = app.server.test_client()
    sign_in(client, "vic", VIEWER_PW)
    assert client.get("/").status_code == 200
    page = client.get("/import")
    assert page.status_code == 403 and b"Editors only" in page.data
    token = csrf_of(client, "/login")
    assert upload(client, {"labs.csv": (mini_copy / "labs.csv").read_bytes()}, token).status_code == 403
    editor = app.server.test_client()
    sign_in(editor, "erin", EDITOR_PW)
    done = upload(
        editor, {"labs.csv": (mini_copy / "labs.csv").read_bytes().replace(b"Annecy", b"Seynod")}, csrf_of(editor)
    )
    assert done.status_code == 200
    assert versions.list_versions(mini_copy)[0].info["user"] == "erin"
    editor.post("/logout", data={"csrf_token": csrf_of(editor)})
    assert editor.get("/import").status_code == 302


def test_scy032_public_view_keeps_import_for_editors(mini_copy):
    client = app_for(mini_copy, **users_env(IN2P3_PUBLIC_VIEW="1")).server.test_client()
    assert client.get("/").status_code == 200 and client.get("/_dash-layout").status_code == 200
    assert client.get("/import").status_code == 302


def test_scy033_no_open_redirect_and_throttled_guessing(mini_copy):
    client = app_for(mini_copy, **users_env()).server.test_client()
    for target in ("//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)"):
        response = sign_in(client, "erin", EDITOR_PW, next_=target)
        assert response.headers["Location"] == "/"
    other = app_for(mini_copy, **users_env()).server.test_client()
    codes = [sign_in(other, "vic", "guess").status_code for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    assert sign_in(other, "vic", VIEWER_PW).status_code == 429


def test_scy034_a_changed_password_ends_sessions(mini_copy):
    env = users_env()
    app = app_for(mini_copy, **env)
    client = app.server.test_client()
    sign_in(client, "erin", EDITOR_PW)
    cookie = client.get_cookie("in2p3_session").value
    env["IN2P3_USERS"] = f"erin:editor:{generate_password_hash('a new password')}"
    later = app_for(mini_copy, **env).server.test_client()
    later.set_cookie("in2p3_session", cookie)
    assert later.get("/").status_code == 302


@pytest.mark.parametrize(
    "env, message",
    [
        ({"IN2P3_USERS": f"erin:editor:{generate_password_hash('x' * 12)}"}, "IN2P3_SECRET_KEY"),
        ({"IN2P3_USERS": "erin:editor:plaintext", "IN2P3_SECRET_KEY": SECRET}, "not a password hash"),
        ({"IN2P3_USERS": f"erin:admin:{generate_password_hash('x' * 12)}", "IN2P3_SECRET_KEY": SECRET}, "role 'admin'"),
        (
            {"IN2P3_USERS": f"e/rin:editor:{generate_password_hash('x' * 12)}", "IN2P3_SECRET_KEY": SECRET},
            "not a user name",
        ),
        ({"IN2P3_ALLOW_IMPORT": "maybe"}, "expected 1 or 0"),
        ({"IN2P3_MAX_UPLOAD_MB": "-3"}, "whole number"),
    ],
)
def test_scy035_bad_settings_are_refused_with_a_message(env, message):
    with pytest.raises(SettingsError, match=message):
        load_settings(env)


def test_scy036_hash_password_command_makes_a_usable_entry():
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "hash-password", "dana", "--role", "viewer"],
        cwd=ROOT,
        input="a long password\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    users = load_settings({"IN2P3_USERS": done.stdout.strip(), "IN2P3_SECRET_KEY": SECRET}).users
    assert users[0].name == "dana" and users[0].role == "viewer"
    assert "a long password" not in done.stdout


def test_scy037_healthz_names_the_version(mini_copy):
    app = app_for(mini_copy, IN2P3_ALLOW_IMPORT="1")
    client = app.server.test_client()
    assert client.get("/healthz").json["data_version"] is None
    upload(client, {"labs.csv": (mini_copy / "labs.csv").read_bytes()}, csrf_of(client))
    assert client.get("/healthz").json["data_version"] == versions.current_version(mini_copy).id
    assert validate_folder(mini_copy).folder.name == versions.current_version(mini_copy).id


def test_scy040_every_environment_variable_is_documented():
    from dashboard.config import ENVIRONMENT

    deploy = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ENVIRONMENT:
        assert f"`{name}`" in deploy, f"{name} is not in docs/deploy.md"
        assert name in readme, f"{name} is not in README.md"
    procfile = (ROOT / "Procfile").read_text(encoding="utf-8")
    assert procfile.split(":", 1)[1].strip() in deploy
