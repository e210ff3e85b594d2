"""Settings, read in one place: explicit arguments > environment variables > defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Environment variables the app reads, with what they mean (also listed in the README).
ENVIRONMENT = {
    "IN2P3_DATA_DIR": "folder of the data tables (default: data/ of the project)",
    "IN2P3_GEOMETRY": "TopoJSON country geometry (default: data/geometry/world_50m.json)",
    "HOST": "address the development server listens on (default 127.0.0.1)",
    "PORT": "port of the development server and of the Procfile's gunicorn (default 8050)",
    "DASH_DEBUG": "1 to run the development server in debug mode (never in production)",
}


class SettingsError(ValueError):
    """An environment variable or argument has a value the app cannot use."""


@dataclass(frozen=True)
class Settings:
    """Everything the app needs to know from outside the code."""

    data_dir: Path = PROJECT_ROOT / "data"
    geometry_file: Path = PROJECT_ROOT / "data" / "geometry" / "world_50m.json"
    assets_dir: Path = PROJECT_ROOT / "assets"
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    title: str = "IN2P3 international collaborations"
    extra: dict = field(default_factory=dict)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)


def _port(value: str, name: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} is not a port number; expected a whole number from 1 to 65535.") from None
    if not 1 <= port <= 65535:
        raise SettingsError(f"{name}={value!r} is out of range; expected a whole number from 1 to 65535.")
    return port


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
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
