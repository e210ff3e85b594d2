"""The WSGI entry point for gunicorn (``gunicorn dashboard.wsgi:server``): the only module-level app.

A data folder that does not validate stops the server with the validation report, not a traceback.
"""
import sys

from .app import create_app
from .config import SettingsError
from .loading import DataError

#: gunicorn halts (instead of restarting workers forever) when a worker exits with this code.
WORKER_BOOT_ERROR = 3

try:
    app = create_app()
except (DataError, SettingsError) as error:
    print(error, file=sys.stderr, flush=True)
    sys.exit(WORKER_BOOT_ERROR)

server = app.server
