"""Command line: ``python -m dashboard [run|validate] ...``.

    python -m dashboard                      run the app on the shipped data (http://127.0.0.1:8050)
    python -m dashboard run --data DIR       run it on another data folder
    python -m dashboard validate [DIR]       check a data folder; exit 0 if valid, 1 if not
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import SettingsError, load_settings
from .loading import DataError, validate_folder


def _validate(args) -> int:
    settings = load_settings()
    folder = Path(args.folder) if args.folder else settings.data_dir
    try:
        ds = validate_folder(folder, settings.geometry_file)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    c = ds.collaborations
    print(f"{folder}: valid. {len(c)} collaboration rows ({int(c['count'].sum())} instruments), "
          f"{len(ds.partners)} partner institutions, {len(ds.labs)} labs, data of {ds.data_date}.")
    return 0


def _run(args) -> int:
    from .app import create_app

    try:
        settings = load_settings(data_dir=Path(args.data).resolve() if args.data else None, host=args.host,
                                 port=args.port)
        app = create_app(settings)
    except (DataError, SettingsError) as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Serving on http://{settings.host}:{settings.port}/ (data: {settings.data_dir})", flush=True)
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="IN2P3 international collaborations dashboard")
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="serve the dashboard (default)")
    run.add_argument("--data", help="data folder (default: $IN2P3_DATA_DIR or data/)")
    run.add_argument("--host", help="address to listen on (default: $HOST or 127.0.0.1)")
    run.add_argument("--port", type=int, help="port (default: $PORT or 8050)")
    check = commands.add_parser("validate", help="check a data folder and report every problem")
    check.add_argument("folder", nargs="?", help="data folder (default: $IN2P3_DATA_DIR or data/)")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args)
    if args.command is None:
        args = run.parse_args([])
    return _run(args)


if __name__ == "__main__":
    sys.exit(main())
