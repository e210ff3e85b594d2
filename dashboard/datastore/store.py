"""The data set the app serves now: loaded once, reloaded when the files of the data folder change.

An import (:mod:`dashboard.datastore.importing`) switches the folder's ``current`` link to a new version; the stamp
follows the link, so the switch is seen like any change of the files.

Each gunicorn worker holds its own :class:`DataStore`; every request asks it for ``current()``, which
compares the folder's file stamps (a few ``stat`` calls) with those of the loaded data and reloads when
they differ, so every worker serves new data after an update without a restart. A folder that no longer
validates is not served: the store keeps the data it has and logs the report.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from .. import schema
from ..loading import DataError, Dataset, tables_folder, validate_folder

log = logging.getLogger(__name__)


def folder_stamp(folder: Path) -> tuple:
    """What changes when any table of ``folder`` changes: where its tables are (the target of ``current`` in a
    managed folder, see :mod:`dashboard.datastore.versions`) and (name, size, mtime) of each file."""
    tables = tables_folder(folder)
    stamp = [("tables", str(tables))]
    for name in [t.file for t in schema.TABLES] + [schema.STORIES.file, schema.DATASET_FILE]:
        try:
            info = (tables / name).stat()
            stamp.append((name, info.st_size, info.st_mtime_ns))
        except OSError:
            stamp.append((name, None, None))
    return tuple(stamp)


class DataStore:
    """Hands out the current :class:`Dataset` of a folder (or a fixed one, when given ``data``)."""

    def __init__(self, folder: Path | None, geometry_file: Path | None = None, data: Dataset | None = None):
        self.folder = Path(folder) if folder else None
        self.geometry_file = geometry_file
        self._lock = threading.Lock()
        self._stamp = folder_stamp(self.folder) if self.folder and data is None else None
        self._data = data if data is not None else validate_folder(self.folder, geometry_file)

    @classmethod
    def fixed(cls, data: Dataset) -> DataStore:
        """A store that always serves ``data`` (tests, benchmarks)."""
        return cls(None, data=data)

    def current(self) -> Dataset:
        if self._stamp is None:
            return self._data
        stamp = folder_stamp(self.folder)
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    self._reload(stamp)
        return self._data

    def _reload(self, stamp: tuple) -> None:
        try:
            self._data = validate_folder(self.folder, self.geometry_file)
            log.info("data reloaded from %s", self.folder)
        except DataError as error:
            log.error(
                "data in %s changed but does not validate; still serving the previous data\n%s",
                self.folder,
                error.report(),
            )
        self._stamp = stamp
