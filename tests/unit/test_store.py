"""The data store: every worker serves changed data without a restart, and never serves broken data."""
import os

from dashboard.store import DataStore


def test_sr001_reloads_when_a_table_changes(mini_copy):
    store = DataStore(mini_copy)
    first = store.current()
    assert store.current() is first                      # no change, no reload
    path = mini_copy / "instruments.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Test laboratory in Japan", "Renamed laboratory"),
                    encoding="utf-8")
    os.utime(path, ns=(1, 1))                            # a different stamp even within one clock tick
    assert store.current().collaborations.at["IRL-01", "name"] == "Renamed laboratory"


def test_sr002_keeps_serving_when_the_new_data_is_broken(mini_copy):
    store = DataStore(mini_copy)
    (mini_copy / "labs.csv").write_text("", encoding="utf-8")
    assert len(store.current().labs) == 2
