"""Settings, read in one place: explicit arguments > environment variables > defaults."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The country geometry the app draws and checks sites against, unless IN2P3_GEOMETRY names another.
GEOMETRY_FILE = PROJECT_ROOT / "data" / "geometry" / "world_50m.json"

#: Environment variables the app reads, with what they mean (also listed in the README).
ENVIRONMENT = {
    "IN2P3_DATA_DIR": "folder of the data tables (default: data/ of the project)",
    "IN2P3_GEOMETRY": "TopoJSON country geometry (default: data/geometry/world_50m.json)",
    "HOST": "address the development server listens on (default 127.0.0.1)",
    "PORT": "port of the development server and of the Procfile's gunicorn (default 8050)",
    "DASH_DEBUG": "1 to run the development server in debug mode (never in production; refused off 127.0.0.1)",
    "IN2P3_ALLOW_IMPORT": ("1 to open the import page to everyone who can reach the app when no sign-in is configured"),
    "IN2P3_USERS": (
        "sign-in: 'name:role:hash' entries separated by spaces or new lines (python -m dashboard hash-password)"
    ),
    "IN2P3_SECRET_KEY": (
        "signs the sign-in cookies: 32 or more random characters, the same on every server (needed with IN2P3_USERS)"
    ),
    "IN2P3_PUBLIC_VIEW": (
        "1 to let anyone view the dashboard without signing in (the import page still needs an editor)"
    ),
    "IN2P3_COOKIE_SECURE": "1 to send the cookies over HTTPS only (set it when the app is served over HTTPS)",
    "IN2P3_FRAME_ANCESTORS": (
        "pages that may show the app in a frame: 'none', 'self' (default) and/or https://host entries"
    ),
    "IN2P3_PROXIES": (
        "number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted (default 0)"
    ),
    "IN2P3_MAX_UPLOAD_MB": "largest file the import accepts, in MB (default 10)",
    "IN2P3_LOG_LEVEL": "level of the app's messages in the server log: DEBUG, INFO (default), WARNING, ERROR",
    "IN2P3_KEEP_VERSIONS": "data versions kept after an import, the current one included (default 100; 0 keeps all)",
}

#: Roles of signed-in users: an editor may also import and restore data.
ROLES = ("viewer", "editor")
_USER_NAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
_HASH = re.compile(r"^(scrypt|pbkdf2):[A-Za-z0-9:]+\$[^$\s]+\$[0-9a-f]+$")
_SOURCE = re.compile(r"^(https?://)?(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:(\d{1,5}|\*))?$")


@dataclass(frozen=True)
class User:
    """A person who may sign in: name, role (viewer or editor) and password hash (werkzeug.security)."""

    name: str
    role: str
    password_hash: str = field(repr=False)


class SettingsError(ValueError):
    """An environment variable or argument has a value the app cannot use."""


@dataclass(frozen=True)
class Settings:
    """Everything the app needs to know from outside the code."""

    data_dir: Path = PROJECT_ROOT / "data"
    geometry_file: Path = GEOMETRY_FILE
    assets_dir: Path = PROJECT_ROOT / "assets"
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    title: str = "IN2P3 international collaborations"
    allow_import: bool = False
    users: tuple[User, ...] = ()
    secret_key: str = field(default="", repr=False)
    public_view: bool = False
    cookie_secure: bool = False
    frame_ancestors: str = "'self'"
    proxies: int = 0
    max_upload_mb: int = 10
    keep_versions: int = 100
    extra: dict = field(default_factory=dict)

    @property
    def sign_in(self) -> bool:
        """Whether people sign in (users are configured)."""
        return bool(self.users)

    @property
    def import_enabled(self) -> bool:
        """The import page is open: to editors when sign-in is configured, else only if allowed explicitly."""
        return self.sign_in or self.allow_import

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)


def _port(value: str, name: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise SettingsError(
            f"{name}={value!r} is not a port number; expected a whole number from 1 to 65535."
        ) from None
    if not 1 <= port <= 65535:
        raise SettingsError(f"{name}={value!r} is out of range; expected a whole number from 1 to 65535.")
    return port


def _flag(env, name: str) -> bool:
    flag = env.get(name, "").strip().lower()
    if flag not in {"0", "1", "true", "false", "yes", "no", ""}:
        raise SettingsError(f"{name}={env[name]!r}: expected 1 or 0.")
    return flag in {"1", "true", "yes"}


def _whole(env, name: str, low: int, high: int) -> int:
    value = env[name].strip()
    if not value.isdigit() or not low <= int(value) <= high:
        raise SettingsError(f"{name}={env[name]!r}: expected a whole number from {low} to {high}.")
    return int(value)


def parse_users(text: str) -> tuple[User, ...]:
    """``IN2P3_USERS``: entries ``name:role:hash`` separated by white space (hashes have no spaces)."""
    users, names = [], set()
    for entry in text.split():
        name, _, rest = entry.partition(":")
        role, _, password_hash = rest.partition(":")
        if not _USER_NAME.match(name):
            raise SettingsError(f"IN2P3_USERS: '{name[:40]}' is not a user name (letters, digits, '.', '_', '-', '@').")
        if role not in ROLES:
            raise SettingsError(
                f"IN2P3_USERS: user {name} has the role '{role[:20]}'; expected one of: {', '.join(ROLES)}."
            )
        if not _HASH.match(password_hash):
            raise SettingsError(
                f"IN2P3_USERS: the password of {name} is not a password hash; make the entry with "
                "python -m dashboard hash-password (never put a password itself in the environment)."
            )
        if name in names:
            raise SettingsError(f"IN2P3_USERS: user {name} is listed twice.")
        names.add(name)
        users.append(User(name, role, password_hash))
    return tuple(users)


def parse_frame_ancestors(text: str) -> str:
    """``IN2P3_FRAME_ANCESTORS``: CSP sources that may frame the app ('none', 'self', https://host[:port])."""
    tokens = [t.strip() for t in text.replace(",", " ").split()]
    if not tokens:
        return "'self'"
    out = []
    for token in tokens:
        bare = token.strip("'").lower()
        if bare in ("self", "none"):
            out.append(f"'{bare}'")
        elif _SOURCE.match(token):
            out.append(token)
        else:
            raise SettingsError(
                f"IN2P3_FRAME_ANCESTORS: '{token[:60]}' is not a source; expected 'self', 'none' "
                "or an address such as https://intranet.example.org"
            )
    if "'none'" in out and len(out) > 1:
        raise SettingsError("IN2P3_FRAME_ANCESTORS: 'none' cannot be combined with other sources.")
    return " ".join(out)


def load_settings(environ: dict | None = None, **overrides) -> Settings:
    """Build the settings from ``environ`` (default ``os.environ``) and explicit ``overrides``."""
    env = os.environ if environ is None else environ
    values: dict = {}
    if env.get("IN2P3_DATA_DIR"):
        values["data_dir"] = Path(env["IN2P3_DATA_DIR"]).expanduser().resolve()
    if env.get("IN2P3_GEOMETRY"):
        values["geometry_file"] = Path(env["IN2P3_GEOMETRY"]).expanduser().resolve()
    if env.get("HOST"):
        values["host"] = env["HOST"]
    if env.get("PORT"):
        values["port"] = _port(env["PORT"], "PORT")
    if env.get("DASH_DEBUG"):
        flag = env["DASH_DEBUG"].strip().lower()
        if flag not in {"0", "1", "true", "false", "yes", "no", ""}:
            raise SettingsError(f"DASH_DEBUG={env['DASH_DEBUG']!r}: expected 1 or 0.")
        values["debug"] = flag in {"1", "true", "yes"}
    for name, key in (
        ("IN2P3_ALLOW_IMPORT", "allow_import"),
        ("IN2P3_PUBLIC_VIEW", "public_view"),
        ("IN2P3_COOKIE_SECURE", "cookie_secure"),
    ):
        if env.get(name):
            values[key] = _flag(env, name)
    if env.get("IN2P3_USERS", "").strip():
        values["users"] = parse_users(env["IN2P3_USERS"])
        secret = env.get("IN2P3_SECRET_KEY", "")
        if len(secret) < 32:
            raise SettingsError(
                "IN2P3_SECRET_KEY must be set to 32 or more random characters when IN2P3_USERS is set "
                "(the same value on every server), e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        values["secret_key"] = secret
    if env.get("IN2P3_FRAME_ANCESTORS"):
        values["frame_ancestors"] = parse_frame_ancestors(env["IN2P3_FRAME_ANCESTORS"])
    for name, key, low, high in (
        ("IN2P3_PROXIES", "proxies", 0, 5),
        ("IN2P3_MAX_UPLOAD_MB", "max_upload_mb", 1, 200),
        ("IN2P3_KEEP_VERSIONS", "keep_versions", 0, 100_000),
    ):
        if env.get(name):
            values[key] = _whole(env, name, low, high)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
