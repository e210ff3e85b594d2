"""Command line: ``python -m dashboard [run|validate|import|history|restore|hash-password] ...``.

python -m dashboard                      run the app on the shipped data (http://127.0.0.1:8050) with Flask's
                                         development server: for development only (`make run` serves it with
                                         gunicorn, as in production)
python -m dashboard run --data DIR       run it on another data folder
python -m dashboard validate [DIR]       check a data folder; exit 0 if valid, 1 if not
python -m dashboard import PATH...       import tables (CSV, .xlsx, dataset.json, or a folder); exit 1 if refused
python -m dashboard history              the versions of the data folder, newest first
python -m dashboard restore VERSION      serve an earlier version again (as a new version)
python -m dashboard hash-password        print an IN2P3_USERS entry for a user (asks for the password)
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from .app import create_app
from .config import SettingsError, load_settings
from .datastore.importing import run_import, run_restore, uploads_from_paths
from .datastore.versions import current_version, list_versions
from .loading import DataError, validate_folder
from .web.auth import ROLES, user_entry

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _validate(args) -> int:
    settings = load_settings()
    folder = Path(args.folder) if args.folder else settings.data_dir
    try:
        ds = validate_folder(folder, settings.geometry_file)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    c = ds.collaborations
    print(
        f"{folder}: valid. {len(c)} collaboration rows ({int(c['count'].sum())} instruments), "
        f"{len(ds.partners)} partner institutions, {len(ds.labs)} labs, data of {ds.data_date}."
    )
    return 0


def _data_dir(args) -> Path:
    return Path(args.data).resolve() if getattr(args, "data", None) else load_settings().data_dir


def _import(args) -> int:
    settings = load_settings()
    return _report(
        run_import(
            _data_dir(args),
            uploads_from_paths(args.paths),
            user=args.user or _login_name(),
            data_date=args.date,
            geometry_file=settings.geometry_file,
            keep=settings.keep_versions,
        )
    )


def _report(outcome) -> int:
    """Print an import's or a restore's outcome (its summary, or why not, on stderr); the exit code."""
    print(outcome.message, file=sys.stdout if outcome.ok else sys.stderr)
    return 0 if outcome.ok else 1


def _history(args) -> int:
    folder = _data_dir(args)
    found = list_versions(folder)
    if not found:
        plain = "" if current_version(folder) else " (a plain folder of tables: the first import starts its history)"
        print(f"{folder}: no versions yet{plain}.")
        return 0
    print(f"Versions of {folder}, newest first (* = served now):")
    for version in found:
        print(f"{'*' if version.current else ' '} {version.id}  {version.describe()}")
    return 0


def _restore(args) -> int:
    settings = load_settings()
    return _report(
        run_restore(
            _data_dir(args),
            args.version,
            user=args.user or _login_name(),
            geometry_file=settings.geometry_file,
            keep=settings.keep_versions,
        )
    )


def _hash_password(args) -> int:
    if args.role not in ROLES:
        print(f"role must be one of: {', '.join(ROLES)}", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty() else getpass.getpass("Password: ")
    try:
        print(user_entry(args.user, args.role, password))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


def _login_name() -> str:
    try:
        return f"{getpass.getuser()} (command line)"
    except (KeyError, OSError):
        return "command line"


def _run(args) -> int:
    try:
        settings = load_settings(
            data_dir=Path(args.data).resolve() if args.data else None, host=args.host, port=args.port
        )
        if settings.debug and settings.host not in LOOPBACK:
            raise SettingsError(
                f"DASH_DEBUG=1 with HOST={settings.host}: debug mode runs code sent by the browser, "
                "so it is only allowed on 127.0.0.1. Production runs gunicorn (see docs/deploy.md)."
            )
        app = create_app(settings)
    except (DataError, SettingsError) as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Serving on http://{settings.host}:{settings.port}/ (data: {settings.data_dir})", flush=True)
    print("This is Flask's development server, for development: `make run` serves the app with gunicorn.", flush=True)
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard", description="IN2P3 international collaborations dashboard"
    )
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser(
        "run", help="serve the dashboard with Flask's development server, for development (default; make run: gunicorn)"
    )
    run.add_argument("--data", help="data folder (default: $IN2P3_DATA_DIR or data/)")
    run.add_argument("--host", help="address to listen on (default: $HOST or 127.0.0.1)")
    run.add_argument("--port", type=int, help="port (default: $PORT or 8050)")
    check = commands.add_parser("validate", help="check a data folder and report every problem")
    check.add_argument("folder", nargs="?", help="data folder (default: $IN2P3_DATA_DIR or data/)")
    data_help = "data folder (default: $IN2P3_DATA_DIR or data/)"
    importer = commands.add_parser(
        "import", help="import tables into the data folder (validated first; the current data is kept)"
    )
    importer.add_argument(
        "paths", nargs="+", help="CSV files named after their table, .xlsx workbooks, dataset.json, or folders"
    )
    importer.add_argument("--data", help=data_help)
    importer.add_argument("--date", help="date of the new data (YYYY-MM-DD), written into dataset.json")
    importer.add_argument("--user", help="who imports (recorded in the version; default: your login)")
    history = commands.add_parser("history", help="list the versions of the data folder")
    history.add_argument("--data", help=data_help)
    restore = commands.add_parser("restore", help="serve an earlier version again")
    restore.add_argument("version", help="a version id, as listed by: python -m dashboard history")
    restore.add_argument("--data", help=data_help)
    restore.add_argument("--user", help="who restores (recorded in the version; default: your login)")
    hasher = commands.add_parser(
        "hash-password", help="print an IN2P3_USERS entry (the password is read from the terminal or stdin)"
    )
    hasher.add_argument("user", help="user name (letters, digits, '.', '_', '-', '@')")
    hasher.add_argument("--role", default="editor", help="editor (may import) or viewer (default: editor)")
    args = parser.parse_args(argv)
    commands_run = {
        "validate": _validate,
        "import": _import,
        "history": _history,
        "restore": _restore,
        "hash-password": _hash_password,
    }
    if args.command in commands_run:
        try:
            return commands_run[args.command](args)
        except SettingsError as error:
            print(error, file=sys.stderr)
            return 2
    if args.command is None:
        args = run.parse_args([])
    return _run(args)


if __name__ == "__main__":
    sys.exit(main())
