"""The data store: every worker serves changed data without a restart, and never serves broken data."""

import os

from dashboard.datastore.store import DataStore


def test_dst001_reloads_when_a_table_changes(mini_copy):
    store = DataStore(mini_copy)
    first = store.current()
    assert store.current() is first  # no change, no reload
    path = mini_copy / "instruments.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Test laboratory in Japan", "Renamed laboratory"), encoding="utf-8"
    )
    os.utime(path, ns=(1, 1))  # a different stamp even within one clock tick
    assert store.current().collaborations.at["IRL-01", "name"] == "Renamed laboratory"


def test_dst002_keeps_serving_when_the_new_data_is_broken(mini_copy):
    store = DataStore(mini_copy)
    (mini_copy / "labs.csv").write_text("", encoding="utf-8")
    assert len(store.current().labs) == 2


def test_dst003_follows_an_import_and_a_restore(mini_copy):
    from dashboard.datastore import versions
    from dashboard.datastore.importing import Upload, import_tables, restore_version

    store = DataStore(mini_copy)
    assert len(store.current().collaborations) == 7
    instruments = (mini_copy / "instruments.csv").read_text(encoding="utf-8")
    kept = "\n".join(instruments.splitlines()[:-1]) + "\n"  # the last instrument removed
    result = import_tables(mini_copy, [Upload("instruments.csv", kept.encode("utf-8"))], user="test")
    assert len(store.current().collaborations) == 6
    assert store.current().folder == result.version.path
    first = versions.list_versions(mini_copy)[-1]
    restore_version(mini_copy, first.id, user="test")
    assert len(store.current().collaborations) == 7


def test_dst004_a_dangling_current_link_is_reported_not_replaced_by_the_plain_files(mini_copy):
    import pytest

    from dashboard.datastore.importing import Upload, import_tables
    from dashboard.loading import DataError, validate_folder

    result = import_tables(mini_copy, [Upload("labs.csv", (mini_copy / "labs.csv").read_bytes())], user="test")
    store = DataStore(mini_copy)
    served = store.current()
    import shutil

    shutil.rmtree(result.version.path)
    with pytest.raises(DataError, match="does not exist"):
        validate_folder(mini_copy)
    assert store.current() is served
