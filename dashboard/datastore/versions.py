"""A managed data folder: every import is a new version, switched in atomically; nothing is ever overwritten.

Layout of a managed folder (``IN2P3_DATA_DIR``)::

    current -> versions/2026-11-25T10-15-00Z     the version served now (a relative symbolic link)
    versions/<id>/                                one folder per version: the tables, dataset.json, version.json
    .staging/                                     versions being written (an interrupted import leaves one here)
    .lock                                         held while an import runs: imports happen one at a time

A plain folder of tables (such as the shipped ``data/``) is read as it is. Its first import copies its
tables into a first version, so that they can be restored, and leaves the files themselves untouched.

**Why this is safe.** A new version is written and validated in ``.staging/`` (same file system), flushed
to disk (``fsync``), renamed into ``versions/``, and only then does ``current`` change: a new link is made
beside it and renamed over it, which is atomic. A process killed, or a disk that fills, at any earlier point
leaves ``current`` as it was; the leftovers (a staging folder, a version never switched to) are removed by
the next import. The running app compares the target of ``current`` on every request
(:func:`dashboard.datastore.store.folder_stamp`), so every worker serves a new version from its next request on.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import schema
from ..loading import CURRENT_LINK

log = logging.getLogger(__name__)

VERSIONS = "versions"
STAGING = ".staging"
LOCK = ".lock"
#: Written in each version: when, by whom, from which files, and what it replaced.
VERSION_FILE = "version.json"
#: How long an import waits for another one to finish.
LOCK_TIMEOUT_S = 60.0
#: Versions kept by default (the current one is always kept); 0 keeps every version.
DEFAULT_KEEP = 100

_VERSION_ID = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(-\d+)?$")


def table_files() -> tuple[str, ...]:
    """The files a version holds: every table, the story of presentation mode (optional) and dataset.json."""
    return tuple(t.file for t in schema.TABLES) + (schema.STORIES.file, schema.DATASET_FILE)


class VersionError(Exception):
    """A version cannot be found, or the folder cannot be changed (busy, disk full, not writable)."""


@dataclass(frozen=True)
class Version:
    """One version of the data: its id (a UTC time), and what ``version.json`` says about it."""

    id: str
    path: Path
    info: dict = field(default_factory=dict, compare=False)
    current: bool = False

    @property
    def created(self) -> str:
        return self.info.get("created", "")

    def describe(self) -> str:
        """One line for people: what made this version."""
        action = self.info.get("action", "import")
        user = self.info.get("user") or "unknown user"
        if action == "restore":
            what = f"restore of {self.info.get('restored_from', '?')}"
        elif action == "initial":
            what = "the tables as they were before the first import"
        else:
            replaced = ", ".join(s.get("table", "") for s in self.info.get("sources", [])) or "no table"
            what = f"import of {replaced}"
        return f"{what}, by {user}"


def is_managed(folder: Path) -> bool:
    return (Path(folder) / CURRENT_LINK).is_symlink()


def current_version(folder: Path) -> Version | None:
    """The version served now, or None for a plain folder of tables."""
    link = Path(folder) / CURRENT_LINK
    if not link.is_symlink():
        return None
    target = Path(os.readlink(link))
    path = (Path(folder) / target).resolve()
    return Version(path.name, path, _read_info(path), current=True)


def list_versions(folder: Path) -> list[Version]:
    """Every version of ``folder``, newest first; the one served now has ``current`` set."""
    root = Path(folder) / VERSIONS
    if not root.is_dir():
        return []
    now = current_version(folder)
    found = [
        Version(p.name, p, _read_info(p), current=bool(now and p.name == now.id))
        for p in root.iterdir()
        if p.is_dir() and _VERSION_ID.match(p.name)
    ]
    return sorted(found, key=lambda v: v.id, reverse=True)


def find_version(folder: Path, version_id: str) -> Version:
    """The version called ``version_id``; raises VersionError naming the versions that exist."""
    version_id = (version_id or "").strip()
    for version in list_versions(folder):
        if version.id == version_id:
            return version
    known = ", ".join(v.id for v in list_versions(folder)[:5]) or "none yet"
    raise VersionError(
        f"there is no version '{version_id[:40]}' in {folder}; the newest are: {known} "
        "(python -m dashboard history lists them all)"
    )


def _read_info(path: Path) -> dict:
    try:
        info = json.loads((path / VERSION_FILE).read_text(encoding="utf-8"))
        return info if isinstance(info, dict) else {}
    except (OSError, ValueError):
        return {}


# -- Writing a version --------------------------------------------------------------------------------


@contextlib.contextmanager
def import_lock(folder: Path, timeout: float = LOCK_TIMEOUT_S):
    """Hold the folder's import lock (an ``flock``, released by the kernel if the holder dies)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / LOCK, "a+")
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise VersionError("another import is running on this data folder; try again in a minute") from None
                time.sleep(0.1)
        yield
    finally:
        handle.close()  # releases the lock


def staging_folder(folder: Path) -> Path:
    """A new, empty folder in ``.staging/`` (same file system as the versions, so a rename moves it)."""
    path = Path(folder) / STAGING / uuid.uuid4().hex
    path.mkdir(parents=True)
    return path


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file and flush it to disk."""
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean_leftovers(folder: Path) -> None:
    """Remove what interrupted imports left: staging folders, and versions newer than ``current``.

    Call with the import lock held. A version newer than the current one was written but never switched
    to (the import stopped in between), so it was never served.
    """
    folder = Path(folder)
    staging = folder / STAGING
    if staging.is_dir():
        for leftover in staging.iterdir():
            log.warning("removing %s, left by an interrupted import", leftover)
            shutil.rmtree(leftover, ignore_errors=True)
    now = current_version(folder)
    if now is None:
        return
    for version in list_versions(folder):
        if version.id > now.id:
            log.warning("removing version %s: its import was interrupted before it was served", version.id)
            shutil.rmtree(version.path, ignore_errors=True)
    for stale in folder.glob(f".{CURRENT_LINK}-*"):
        stale.unlink(missing_ok=True)


def _new_id(folder: Path) -> str:
    """A version id after every existing one: the UTC time, with a counter if the clock has not moved on."""
    base = datetime.now(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")
    ids = [v.id for v in list_versions(folder)]
    latest = max(ids) if ids else ""
    if base > latest:
        return base
    stem, _, n = latest.partition("Z-")
    return f"{stem.rstrip('Z')}Z-{int(n or 1) + 1:02d}"


def commit(folder: Path, staged: Path, info: dict) -> Version:
    """Turn the staging folder ``staged`` (validated tables) into a new version and serve it.

    Call with the import lock held. Writes ``version.json``, flushes everything to disk, renames the folder
    into ``versions/`` and switches ``current`` to it atomically.
    """
    folder = Path(folder)
    version_id = _new_id(folder)
    info = {"version": version_id, "created": datetime.now(UTC).isoformat(timespec="seconds"), **info}
    write_file(staged / VERSION_FILE, json.dumps(info, indent=2, ensure_ascii=False).encode("utf-8"))
    _fsync_dir(staged)
    root = folder / VERSIONS
    root.mkdir(exist_ok=True)
    target = root / version_id
    os.rename(staged, target)
    _fsync_dir(root)
    switch_current(folder, version_id)
    return Version(version_id, target, info, current=True)


def switch_current(folder: Path, version_id: str) -> None:
    """Point ``current`` at ``versions/<version_id>``: a new link renamed over the old one (atomic)."""
    folder = Path(folder)
    temporary = folder / f".{CURRENT_LINK}-{uuid.uuid4().hex}"
    os.symlink(Path(VERSIONS) / version_id, temporary)
    os.replace(temporary, folder / CURRENT_LINK)
    _fsync_dir(folder)


def keep_initial(folder: Path, user: str) -> Version | None:
    """Before the first import into a plain folder, copy its tables into a first version (kept, restorable).

    Call with the import lock held. Returns None when the folder is already managed or has no tables.
    """
    folder = Path(folder)
    if is_managed(folder):
        return None
    present = [name for name in table_files() if (folder / name).is_file()]
    if not present:
        return None
    staged = staging_folder(folder)
    for name in present:
        write_file(staged / name, (folder / name).read_bytes())
    version = commit(
        folder,
        staged,
        {"action": "initial", "user": user, "sources": [], "note": f"copied from the plain folder {folder}"},
    )
    log.info("kept the tables of %s as version %s before the first import", folder, version.id)
    return version


def prune(folder: Path, keep: int) -> list[str]:
    """Delete the oldest versions beyond ``keep`` (never the current one); returns the ids removed."""
    if keep <= 0:
        return []
    removed = []
    for version in list_versions(folder)[keep:]:
        if not version.current:
            shutil.rmtree(version.path, ignore_errors=True)
            removed.append(version.id)
    return removed
