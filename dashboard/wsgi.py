"""The WSGI entry point for gunicorn (``gunicorn dashboard.wsgi:server``): the only module-level app.

A data folder that does not validate stops the server with the validation report, not a traceback.
"""

import logging
import os
import sys

from .app import create_app
from .config import SettingsError
from .loading import DataError

#: gunicorn halts (instead of restarting workers forever) when a worker exits with this code.
WORKER_BOOT_ERROR = 3

# The app's own messages (imports, reloads, errors with their traceback and reference) go to stderr, which
# gunicorn sends to its error log; IN2P3_LOG_LEVEL=WARNING keeps only problems.
_level = os.environ.get("IN2P3_LOG_LEVEL", "INFO").strip().upper()
if _level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
    print(f"IN2P3_LOG_LEVEL={_level!r}: expected DEBUG, INFO, WARNING or ERROR.", file=sys.stderr, flush=True)
    sys.exit(WORKER_BOOT_ERROR)
logging.basicConfig(level=_level, format="%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s")

try:
    app = create_app()
except (DataError, SettingsError) as error:
    print(error, file=sys.stderr, flush=True)
    sys.exit(WORKER_BOOT_ERROR)

server = app.server
