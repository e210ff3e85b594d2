"""Optional sign-in for an intranet deployment: users and roles from ``IN2P3_USERS``, a session cookie.

Off unless ``IN2P3_USERS`` is set. Then everyone signs in at ``/login`` (unless ``IN2P3_PUBLIC_VIEW=1``
leaves viewing open), and only users with the ``editor`` role reach the import page. Passwords are kept
only as werkzeug.security hashes (``python -m dashboard hash-password``); the session cookie is signed with
``IN2P3_SECRET_KEY``, is HttpOnly and SameSite=Lax, and ends when the user's password hash changes.
A form login with a session (rather than HTTP Basic) gives a sign-out, does not resend the password with
every request, and protects its forms with a token (see ``docs/deploy.md``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections import deque
from datetime import timedelta
from urllib.parse import urlsplit

import flask
from werkzeug.security import check_password_hash, generate_password_hash

from ..config import ROLES, Settings, SettingsError, User, parse_users
from . import security

log = logging.getLogger(__name__)

__all__ = ["ROLES", "install", "current_user", "user_entry"]

SESSION_LIFETIME = timedelta(hours=12)
#: Failed sign-ins from one address within FAILURE_WINDOW_S before it must wait (per worker process).
MAX_FAILURES = 5
FAILURE_WINDOW_S = 300
#: Paths open without signing in: the sign-in page itself, its stylesheet, the health check.
OPEN_PATHS = ("/login", "/logout", "/healthz", "/admin-static/", "/assets/", "/favicon.ico")


def user_entry(name: str, role: str, password: str) -> str:
    """An ``IN2P3_USERS`` entry ``name:role:hash`` for this password (checked as the app will read it)."""
    if len(password) < 10:
        raise ValueError("the password must have at least 10 characters")
    entry = f"{name}:{role}:{generate_password_hash(password)}"
    try:
        parse_users(entry)
    except SettingsError as error:
        raise ValueError(str(error)) from None
    return entry


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def current_user(settings: Settings) -> User | None:
    """The signed-in user of this request (None when nobody is, or sign-in is off)."""
    if not settings.sign_in:
        return None
    name = flask.session.get("user")
    for user in settings.users:
        if user.name == name and hmac.compare_digest(flask.session.get("fp", ""), _fingerprint(user)):
            return user
    return None


def _safe_next(target: str | None) -> str:
    """A local path to go back to after signing in (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.netloc and not parts.scheme else "/"


class _Throttle:
    """Recent failed sign-ins per address (in this worker process; bounded in size)."""

    def __init__(self) -> None:
        self._failures: dict[str, deque] = {}

    def blocked(self, address: str) -> bool:
        recent = self._failures.get(address)
        if recent is None:
            return False
        while recent and time.monotonic() - recent[0] > FAILURE_WINDOW_S:
            recent.popleft()
        return len(recent) >= MAX_FAILURES

    def failed(self, address: str) -> None:
        if len(self._failures) > 10_000:
            self._failures.clear()
        self._failures.setdefault(address, deque(maxlen=MAX_FAILURES)).append(time.monotonic())


def install(server: flask.Flask, settings: Settings) -> None:
    """Add /login and /logout and the sign-in gate to ``server`` when sign-in is configured."""
    if not settings.sign_in:
        return
    server.secret_key = settings.secret_key
    server.config.update(
        SESSION_COOKIE_NAME="in2p3_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.cookie_secure,
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
    )
    # Checked for unknown names too, so that the answer takes as long whether the name exists or not.
    decoy = generate_password_hash("decoy password")
    throttle = _Throttle()

    @server.before_request
    def require_sign_in():
        path = flask.request.path
        if settings.public_view or path.startswith(OPEN_PATHS) or path == "/import" or path.startswith("/import/"):
            return None  # the import page checks the editor role itself
        if current_user(settings):
            return None
        if flask.request.method == "GET" and not path.startswith(("/_dash", "/export")):
            return flask.redirect(flask.url_for("sign_in", next=flask.request.full_path.rstrip("?")))
        return flask.jsonify(error="Sign in first."), 401

    @server.route("/login", methods=["GET", "POST"], endpoint="sign_in")
    def sign_in():
        target = _safe_next(flask.request.values.get("next"))
        error, status = None, 200
        if flask.request.method == "POST":
            security.check_csrf()
            address = flask.request.remote_addr or "?"
            name = flask.request.form.get("user", "")[:64]
            password = flask.request.form.get("password", "")[:1024]
            user = next((u for u in settings.users if u.name == name), None)
            if throttle.blocked(address):
                error, status = "Too many failed sign-ins from this address; wait a few minutes and try again.", 429
            elif check_password_hash(user.password_hash if user else decoy, password) and user:
                flask.session.clear()
                flask.session.permanent = True
                flask.session.update(user=user.name, fp=_fingerprint(user))
                log.info("%s signed in (%s) from %s", user.name, user.role, address)
                return flask.redirect(target)
            else:
                throttle.failed(address)
                log.warning("failed sign-in for %r from %s", name, address)
                error, status = "The user name or the password is wrong.", 401
        page = flask.render_template(
            "login.html", title="Sign in", error=error, next=target, csrf=security.csrf_token(), user=None
        )
        response = flask.make_response(page, status)
        response.headers["Cache-Control"] = "no-store"
        return security.set_csrf_cookie(response, settings.cookie_secure)

    @server.route("/logout", methods=["POST"], endpoint="sign_out")
    def sign_out():
        security.check_csrf()
        flask.session.clear()
        return flask.redirect(flask.url_for("sign_in"))
