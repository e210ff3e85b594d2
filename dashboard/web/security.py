"""What every response gets: security headers, short error messages (the log has the rest), bounded requests.

* **Headers.** A Content-Security-Policy that lets the page load only what the app serves itself: scripts
  from the app plus Dash's inline renderer script, allowed by its hash (``Dash.csp_hashes``), never
  ``'unsafe-inline'`` or ``'unsafe-eval'`` for scripts. Styles need ``'unsafe-inline'``: plotly.js and Dash's
  components set inline styles and insert ``<style>`` elements (an injected style cannot run code). Frame
  ancestors come from ``IN2P3_FRAME_ANCESTORS``. Also ``X-Content-Type-Options``, ``Referrer-Policy``
  (``same-origin``: links to sources do not tell other sites the intranet address or the view),
  ``X-Frame-Options`` where it can say the same as frame-ancestors, ``Cross-Origin-Opener-Policy``,
  ``Cross-Origin-Resource-Policy`` and a ``Permissions-Policy`` that turns off what the page never uses.
  The answers to callbacks (``POST /_dash-update-component``: JSON read by the page's script, never shown as
  a document) get only the headers that apply to data: ``nosniff``, ``Cross-Origin-Resource-Policy`` and a
  policy that allows nothing (``default-src 'none'``, same frame ancestors). The document policies (what the
  page may load, referrer, opener, permissions) do nothing on such an answer and cost about 450 bytes on each
  of the three answers of every click (the benchmark's bytes per interaction).
* **Errors.** Flask's debug mode is off whatever the environment says; an unexpected error is logged in full
  with a reference and answered with one sentence that quotes it. A callback request that is not what the
  page sends (forged or damaged) is answered 400, never 500.
* **Sizes.** Requests are at most :data:`MAX_REQUEST_BYTES`; the import page raises its own limit.
* **Forms.** :func:`csrf_token` / :func:`check_csrf`: a random token in a ``SameSite=Strict`` cookie that
  each form must repeat (double submit), plus a check of the ``Origin`` header.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import uuid
from urllib.parse import urlsplit

import flask
from dash.exceptions import CallbackException, PreventUpdate
from werkzeug.exceptions import BadRequest, HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from ..config import Settings

log = logging.getLogger(__name__)

#: A callback request is a few kilobytes; a larger body is refused before it is read.
MAX_REQUEST_BYTES = 1024 * 1024
CSRF_COOKIE = "in2p3_csrf"
CSRF_FIELD = "csrf_token"
DISPATCH_PATH = "/_dash-update-component"
SERVER_ERROR = "Something went wrong on the server; the error was logged with the reference {ref}."
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def content_security_policy(script_hashes, frame_ancestors: str) -> str:
    """The policy: the app's own files, Dash's inline scripts by hash, styles inline allowed (see module doc)."""
    scripts = " ".join(["'self'", *script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def install(app, settings: Settings) -> None:
    """Add the headers, error handling and limits to the Dash ``app`` (after its callbacks are registered)."""
    server: flask.Flask = app.server
    server.config.update(
        DEBUG=False, PROPAGATE_EXCEPTIONS=False, TRAP_HTTP_EXCEPTIONS=False, MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES
    )
    if settings.proxies:
        server.wsgi_app = ProxyFix(
            server.wsgi_app,
            x_for=settings.proxies,
            x_proto=settings.proxies,
            x_host=settings.proxies,
            x_port=settings.proxies,
        )
    policy: dict[str, str] = {}

    def headers() -> dict[str, str]:
        if not policy:  # computed at the first response: every callback (and its inline script) exists by then
            policy.update(_static_headers(settings))
            policy["Content-Security-Policy"] = content_security_policy(app.csp_hashes(), settings.frame_ancestors)
        return policy

    data_policy = {
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Content-Security-Policy": f"default-src 'none'; frame-ancestors {settings.frame_ancestors}",
    }

    @server.after_request
    def add_headers(response: flask.Response) -> flask.Response:
        callback = flask.request.method == "POST" and flask.request.path.endswith(DISPATCH_PATH)
        for name, value in (data_policy if callback else headers()).items():
            response.headers.setdefault(name, value)
        return response

    @server.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return error
        ref = uuid.uuid4().hex[:8]
        log.error(
            "unexpected error (reference %s) on %s %s", ref, flask.request.method, flask.request.path, exc_info=error
        )
        return _short(SERVER_ERROR.format(ref=ref), 500)

    @server.errorhandler(413)
    def too_large(_error):
        limit = flask.request.max_content_length or MAX_REQUEST_BYTES
        return _short(f"The request is too large: at most {limit / 1e6:.0f} MB is accepted.", 413)

    _guard_dispatch(server)


def _static_headers(settings: Settings) -> dict[str, str]:
    found = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }
    frame = {"'none'": "DENY", "'self'": "SAMEORIGIN"}.get(settings.frame_ancestors)
    if frame:  # X-Frame-Options cannot name other sites: left out then, and CSP frame-ancestors decides
        found["X-Frame-Options"] = frame
    return found


def _short(message: str, status: int):
    """A one-sentence answer: JSON for the page's scripts, plain text otherwise."""
    if flask.request.path.startswith("/_dash") or flask.request.accept_mimetypes.best == "application/json":
        return flask.jsonify(error=message), status
    return flask.Response(message + "\n", status=status, mimetype="text/plain")


def _guard_dispatch(server: flask.Flask) -> None:
    """Answer a malformed callback request with 400 (Dash would raise, hence a 500, on a missing key)."""
    for rule in server.url_map.iter_rules():
        if rule.rule.endswith(DISPATCH_PATH):
            view = server.view_functions[rule.endpoint]

            def guarded(*args, _view=view, **kwargs):
                body = flask.request.get_json(silent=True)
                if not _plausible(body):
                    return _short("This is not a callback request of the page.", 400)
                try:
                    return _view(*args, **kwargs)
                except HTTPException:
                    raise
                except PreventUpdate:
                    raise
                except (CallbackException, KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
                    # Raised by Dash while reading the request (callbacks' own errors go to on_error).
                    log.warning(
                        "callback request refused (%s: %s)", type(error).__name__, str(error)[:200], exc_info=error
                    )
                    return _short("This callback request does not match the page.", 400)

            guarded.__name__ = getattr(view, "__name__", "dispatch")
            server.view_functions[rule.endpoint] = guarded


def _plausible(body) -> bool:
    """The shape of a Dash callback request: an output id and lists of {id, property} inputs."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return False
    for key in ("inputs", "state", "changedPropIds"):
        if not isinstance(body.get(key, []), list):
            return False
    if not isinstance(body.get("outputs", []), (list, dict)):  # a dict for a callback with a single output
        return False
    for item in body.get("inputs", []) + body.get("state", []):
        entries = item if isinstance(item, list) else [item]
        for entry in entries:
            if not isinstance(entry, dict) or "id" not in entry or not isinstance(entry.get("property"), str):
                return False
    if not all(isinstance(x, str) for x in body.get("changedPropIds", [])):
        return False
    return True


# -- Forms: cross-site request forgery ----------------------------------------------------------------


def csrf_token() -> str:
    """The token for this browser's forms (also set as a cookie by :func:`set_csrf_cookie`)."""
    token = flask.g.get("csrf_token") or flask.request.cookies.get(CSRF_COOKIE, "")
    if len(token) != 43:
        token = secrets.token_urlsafe(32)
    flask.g.csrf_token = token
    return token


def set_csrf_cookie(response: flask.Response, secure: bool) -> flask.Response:
    token = flask.g.get("csrf_token")
    if token and token != flask.request.cookies.get(CSRF_COOKIE):
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="Strict", secure=secure, path="/")
    return response


def check_csrf() -> None:
    """Refuse (400) a form that did not come from a page of this app."""
    origin = flask.request.headers.get("Origin")
    if origin and origin != "null" and urlsplit(origin).netloc != flask.request.host:
        raise BadRequest("This form was sent from another site and was refused.")
    cookie = flask.request.cookies.get(CSRF_COOKIE, "")
    sent = flask.request.form.get(CSRF_FIELD, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise BadRequest("This form has expired or did not come from this site; reload the page and try again.")
