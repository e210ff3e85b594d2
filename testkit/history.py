"""A data folder with a history, made with the real import (``import_tables``), for the tests of ``since=`` (the
page, the deck, the browser): a copy of the fixture's tables, then one import that adds, ends and changes
collaborations. Version ids are chosen (``versions._new_id`` patched while importing) so that dates are known:

    V0 2026-01-10T09-00-00Z  the fixture's tables (kept by the import)
    V1 2026-01-10T15-00-00Z  IRP-02 added (CAN); IRN-01 ended (status ended, end 2026: JPN, KOR, CHN);
                             IRL-01 joins KOR (JPN -> JPN;KOR); served
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from dashboard.datastore import versions
from dashboard.datastore.importing import Upload, import_tables
from dashboard.loading import tables_folder

V0, V1 = "2026-01-10T09-00-00Z", "2026-01-10T15-00-00Z"
MINI = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "mini"


@contextlib.contextmanager
def _chosen_ids(ids):
    chosen, made = iter(ids), versions._new_id
    versions._new_id = lambda folder: next(chosen, None) or made(folder)
    try:
        yield
    finally:
        versions._new_id = made


def make_history(folder: Path, source: Path = MINI) -> Path:
    """``folder`` made a copy of ``source`` (the fixture) with the versions V0 and V1 above, V1 served."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder)
    text = (tables_folder(folder) / "instruments.csv").read_text(encoding="utf-8")
    for old, new in (
        ("Test laboratory in Japan,JPN,", "Test laboratory in Japan,JPN;KOR,"),
        ("JPN;KOR;CHN,nuclear physics,,2015,,active", "JPN;KOR;CHN,nuclear physics,,2015,2026,ended"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    text += (
        "IRP-02,IRP,CANP,Programme with Canada,CAN,nuclear physics,LAPP,2026,2027,active,1,"
        "https://example.org/can,verified,\n"
    )
    with _chosen_ids((V0, V1)):
        result = import_tables(folder, [Upload("instruments.csv", text.encode("utf-8"))], user="alice")
    if result.version is None:
        raise RuntimeError(f"the history's import was refused: {result}")
    return folder
