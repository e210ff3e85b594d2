"""IN2P3's international collaborations on a world map: a Dash app.

Public entry points: :func:`create_app` (the app factory) and :func:`validate_folder` (the data check).
"""

from .app import create_app
from .loading import DataError, Dataset, validate_folder

__all__ = ["DataError", "Dataset", "create_app", "validate_folder"]
