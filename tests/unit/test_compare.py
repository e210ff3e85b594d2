"""``since=VERSION``: what is new, what ended and what changed between an earlier version and the one served.

The history is made with the real imports (``import_tables``) on a copy of the fixture, with version ids chosen
by the test (``versions._new_id`` patched) so that dates can be resolved: three versions on two days.

    V0 2026-01-10T09-00-00Z  the fixture's tables (kept by the first import)
    V1 2026-01-10T15-00-00Z  IRP-02 added (CAN, ends 2027); IRN-01 ended (status ended, end 2026); IRL-01 joins KOR,
                             gains a coordinator (P-2) and P-3 becomes host; IEA-ALL counts 7 instead of 5; INF-01
                             renamed, labs IJCLab;LAPP -> LAPP; INF-03 (ARG) removed with its participation row
    V2 2026-02-20T08-30-00Z  only the date of the data: 2027-02-20 (IRP-02, which ends in 2027, is over)
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from dashboard.datastore import compare as cmp
from dashboard.datastore import versions
from dashboard.datastore.importing import Upload, import_tables
from dashboard.loading import DataError, tables_folder, validate_folder
from dashboard.state import PARAMS, ViewState, Vocabulary, parse_query, parse_since, to_query

ROOT = Path(__file__).resolve().parents[2]
V0, V1, V2 = "2026-01-10T09-00-00Z", "2026-01-10T15-00-00Z", "2026-02-20T08-30-00Z"


def edited(folder: Path, name: str, *replacements, drop: tuple[str, ...] = (), append: str = "") -> Upload:
    """The current table ``name`` of ``folder``: each (old, new) replaced (old must be there), the lines starting
    with one of ``drop`` removed (each must be there), ``append`` added."""
    text = (tables_folder(folder) / name).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    lines = text.splitlines(keepends=True)
    for prefix in drop:
        assert any(line.startswith(prefix) for line in lines), prefix
        lines = [line for line in lines if not line.startswith(prefix)]
    return Upload(name, ("".join(lines) + append).encode("utf-8"))


def make_history(folder: Path, monkeypatch, ids=(V0, V1, V2)) -> Path:
    chosen, made = iter(ids), versions._new_id
    monkeypatch.setattr(versions, "_new_id", lambda folder: next(chosen, None) or made(folder))
    import_tables(
        folder,
        [
            edited(
                folder,
                "instruments.csv",
                ("Test laboratory in Japan,JPN,", "Test laboratory in Japan,JPN;KOR,"),
                ("JPN;KOR;CHN,nuclear physics,,2015,,active", "JPN;KOR;CHN,nuclear physics,,2015,2026,ended"),
                ("active,5,", "active,7,"),
                append="IRP-02,IRP,CANP,Programme with Canada,CAN,nuclear physics,LAPP,2026,2027,active,1,"
                "https://example.org/can,verified,\n",
            ),
            edited(
                folder,
                "infrastructures.csv",
                ("INF-01,Test collider,", "INF-01,Test collider (upgraded),"),
                ("IJCLab;LAPP,2008", "LAPP,2008"),
                drop=("INF-03,",),
            ),
            edited(
                folder,
                "participation.csv",
                ("IRL-01,P-3,partner", "IRL-01,P-3,host"),
                drop=("INF-03,",),
                append="IRL-01,P-2,coordinator,https://example.org/irl,verified\n",
            ),
        ],
        user="alice",
    )
    meta = (tables_folder(folder) / "dataset.json").read_bytes()
    import_tables(folder, [Upload("dataset.json", meta)], user="bob", data_date="2027-02-20")
    return folder


@pytest.fixture
def history(mini_copy, monkeypatch) -> Path:
    """A data folder with the three versions above, V2 served."""
    cmp.clear_caches()
    return make_history(mini_copy, monkeypatch)


def kinds(changes) -> dict:
    return {kind: sorted(getattr(changes, kind)) for kind in ("new", "ended", "changed")}


# -- The URL: since in the view state -----------------------------------------------------------------


@pytest.fixture(scope="module")
def vocab(mini):
    return Vocabulary.from_dataset(mini)


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("2026-11-25", "2026-11-25"),
        (" 2026-11-25 ", "2026-11-25"),
        ("2026-11-25T10-15-00Z", "2026-11-25T10-15-00Z"),
        ("2026-11-25t10-15-00z", "2026-11-25T10-15-00Z"),
        ("2026-11-25T10:15:00Z", "2026-11-25T10-15-00Z"),
        ("2026-11-25T10-15-00Z-02", "2026-11-25T10-15-00Z-02"),
        ("2024-02-29", "2024-02-29"),
    ],
)
def test_cmp001_since_is_read_in_canonical_form_and_round_trips(text, canonical, vocab):
    assert parse_since(text) == (canonical, None)
    state, notices = parse_query(f"?measure=partners&since={text}&lang=fr", vocab)
    assert notices == [] and state.since == canonical
    query = to_query(state)
    assert query == f"?measure=partners&since={canonical}&lang=fr"  # between measure and lang
    assert parse_query(query, vocab) == (state, [])
    assert to_query(ViewState(since=canonical)) == f"?since={canonical}"
    assert PARAMS.index("measure") < PARAMS.index("since") < PARAMS.index("lang")


@pytest.mark.parametrize(
    "text",
    [
        "2020-13-01",
        "2026-02-30",
        "2026-11-25T25-00-00Z",
        "2026-11-25T10-15-00",
        "26-11-25",
        "yesterday",
        "2026-11-25T10-15-00Z-1234567",
        "\u0661\u0662\u0663\u0664-01-01",  # Arabic-Indic digits: not a date here
        "2026-11-25;DROP TABLE",
        "<script>alert(1)</script>",
        "x" * 3000,
        "%00%ff",
        "2026-11-25T10-15-00Z\n",
    ],
)
def test_cmp002_a_value_that_is_no_version_and_no_date_is_dropped_with_a_notice(text, vocab):
    from urllib.parse import quote

    state, notices = parse_query("?country=JPN&since=" + quote(text, safe=""), vocab)
    if text.strip() == "2026-11-25T10-15-00Z":  # a trailing line break is only white space
        assert state.since == "2026-11-25T10-15-00Z" and notices == []
        return
    assert state == ViewState(countries=("JPN",))  # the rest of the link still applies
    assert len(notices) == 1 and notices[0].startswith("since '")
    assert "is not a version or a date of this data" in notices[0]
    assert len(notices[0]) < 250 and "\n" not in notices[0] and "\x00" not in notices[0]
    assert parse_since(text)[0] is None


def test_cmp003_the_example_notice_and_empty_values(vocab):
    _, notices = parse_query("since=2020-13-01", vocab)
    assert notices[0].startswith("since '2020-13-01' is not a version or a date of this data")
    assert parse_query("since=", vocab) == (ViewState(), [])
    assert parse_query("since=2026-01-01&since=2026-02-01", vocab)[0].since == "2026-02-01"  # the last one
    assert parse_since("") == (None, None)


def test_cmp004_version_ids_of_the_url_are_those_of_the_folder():
    # Every id the folder can make is read as itself, and every id the URL accepts is one the folder could name.
    for made in ("2026-11-25T10-15-00Z", "2026-11-25T10-15-00Z-02", "2026-11-25T10-15-00Z-117"):
        assert versions._VERSION_ID.match(made) and parse_since(made) == (made, None)
    for text in ("2026-11-25t10:15:00z", "2026-11-25T10-15-00Z-3"):
        assert versions._VERSION_ID.match(parse_since(text)[0])


def test_cmp005_readme_and_docstring_document_since():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `since` |" in readme
    assert readme.index("| `measure` |") < readme.index("| `since` |") < readme.index("| `lang` |")
    import dashboard.state

    assert "\nsince " in dashboard.state.__doc__


# -- Comparing ----------------------------------------------------------------------------------------


def test_cmp010_new_ended_changed_after_an_import(history):
    changes, notices = cmp.changes_since(history, V0, validate_folder(history))
    assert notices == []
    # V0 -> V2: everything of V1, and IRP-02 new (its end in 2027 is over by V2's date, but it is new to the data)
    assert kinds(changes) == {
        "new": ["IRP-02"],
        "ended": ["INF-03", "IRN-01"],
        "changed": ["IEA-ALL", "INF-01", "IRL-01"],
    }


def test_cmp011_fields_old_and_new_values_as_codes(history):
    old = validate_folder(versions.find_version(history, V0).path)
    new = validate_folder(versions.find_version(history, V1).path)
    changes = cmp.compare(old, new)
    assert kinds(changes) == {
        "new": ["IRP-02"],
        "ended": ["INF-03", "IRN-01"],
        "changed": ["IEA-ALL", "INF-01", "IRL-01"],
    }
    irl = changes.changed["IRL-01"]
    assert irl.kind == "changed" and irl.type == "IRL" and irl.changed_fields == ("countries", "partners")
    assert irl.field_change("countries") == cmp.FieldChange("countries", ("JPN",), ("JPN", "KOR"))
    assert irl.field_change("countries").added == ("KOR",) and irl.field_change("countries").removed == ()
    partners = irl.field_change("partners")
    assert partners.old == (("P-1", "partner"), ("P-3", "partner"))
    assert partners.new == (("P-1", "partner"), ("P-2", "coordinator"), ("P-3", "host"))
    assert partners.added == (("P-2", "coordinator"), ("P-3", "host")) and partners.removed == (("P-3", "partner"),)
    assert irl.countries == ("JPN", "KOR")  # old and new countries together
    inf = changes.changed["INF-01"]
    assert inf.changed_fields == ("name", "in2p3_labs") and inf.type == "INFRA"
    assert inf.field_change("name").new == "Test collider (upgraded)"
    assert inf.field_change("in2p3_labs") == cmp.FieldChange("in2p3_labs", ("IJCLab", "LAPP"), ("LAPP",))
    iea = changes.changed["IEA-ALL"]
    assert iea.fields == (cmp.FieldChange("count", 5, 7),) and iea.countries == () and iea.count == 7

    irn = changes.ended["IRN-01"]
    assert irn.reasons == ("status", "end_year")
    assert irn.fields == (cmp.FieldChange("status", "active", "ended"), cmp.FieldChange("end_year", None, 2026))
    assert irn.countries == ("CHN", "JPN", "KOR")
    removed = changes.ended["INF-03"]
    assert removed.reasons == ("removed",) and removed.fields == () and removed.countries == ("ARG",)
    assert removed.name == "Test observatory" and removed.type == "INFRA"
    assert changes.new["IRP-02"].countries == ("CAN",) and changes.new["IRP-02"].fields == ()
    assert changes.kind_of("IRP-02") == "new" and changes.kind_of("IRP-01") is None
    assert changes.kind_of("INF-02") is None  # unchanged


def test_cmp012_per_country_counts_and_totals(history):
    old = validate_folder(versions.find_version(history, V0).path)
    new = validate_folder(versions.find_version(history, V1).path)
    changes = cmp.compare(old, new)
    by = {iso: (c.new, c.ended, c.changed) for iso, c in changes.by_country.items()}
    assert by == {
        "ARG": (0, 1, 0),  # INF-03, removed: its old country
        "CAN": (1, 0, 0),  # IRP-02
        "CHE": (0, 0, 1),  # INF-01 (CHE;FRA)
        "CHN": (0, 1, 0),  # IRN-01 ended
        "FRA": (0, 0, 1),
        "JPN": (0, 1, 1),  # IRN-01 ended, IRL-01 changed
        "KOR": (0, 1, 1),  # IRN-01 ended, IRL-01 joined
    }
    assert list(changes.by_country) == sorted(changes.by_country)
    # totals count as the key figures do: IEA-ALL stands for 7 instruments
    assert changes.totals == cmp.Counts(new=1, ended=2, changed=1 + 7 + 1) and changes.totals.total == 12
    assert (len(changes.new), len(changes.ended), len(changes.changed)) == (1, 2, 3)
    assert changes.since.old_data_date.isoformat() == "2026-11-25" and changes.since.version == V0
    assert changes.since.current == V1  # read from where the data sets were read


def test_cmp013_an_end_year_reached_by_the_date_of_the_data(history):
    changes, notices = cmp.changes_since(history, V1, validate_folder(history))
    assert notices == []
    assert kinds(changes) == {"new": [], "ended": ["IRP-02"], "changed": []}
    irp = changes.ended["IRP-02"]
    assert irp.reasons == ("end_year",) and irp.fields == ()  # nothing in the row changed: the data year did
    assert changes.since.old_data_date.isoformat() == "2026-11-25"
    assert changes.since.new_data_date.isoformat() == "2027-02-20"


def test_cmp014_already_ended_is_not_ended_again_and_reopening_is_a_change(mini, tmp_path):
    # IRP-01 is ended (2005-2012) in the fixture: the same data compared with itself has no change.
    assert cmp.compare(mini, mini).is_empty
    folder = tmp_path / "data"
    shutil.copytree(mini.folder, folder)
    text = (folder / "instruments.csv").read_text(encoding="utf-8")
    text = text.replace("LAPP,2005,2012,ended", "LAPP,2005,,active")  # IRP-01 runs again
    text = text.replace("IJCLab,2010,,active", "IJCLab,2010,,ended")  # IRL-01 ends
    (folder / "instruments.csv").write_text(text, encoding="utf-8")
    changed = validate_folder(folder)
    forth = cmp.compare(mini, changed)
    assert kinds(forth) == {"new": [], "ended": ["IRL-01"], "changed": ["IRP-01"]}
    assert forth.changed["IRP-01"].changed_fields == ("status", "end_year")
    back = cmp.compare(changed, mini)
    assert kinds(back) == {"new": [], "ended": ["IRP-01"], "changed": ["IRL-01"]}
    assert back.ended["IRP-01"].reasons == ("status", "end_year")


def test_cmp015_order_of_list_items_is_no_change(mini, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(mini.folder, folder)
    text = (folder / "instruments.csv").read_text(encoding="utf-8").replace("JPN;KOR;CHN", "CHN;KOR;JPN")
    (folder / "instruments.csv").write_text(text, encoding="utf-8")
    text = (folder / "infrastructures.csv").read_text(encoding="utf-8").replace("IJCLab;LAPP", "LAPP;IJCLab")
    (folder / "infrastructures.csv").write_text(text, encoding="utf-8")
    assert cmp.compare(mini, validate_folder(folder)).is_empty


def test_cmp016_subset_and_plain_values(history):
    changes, _ = cmp.changes_since(history, V0, validate_folder(history))
    part = changes.subset({"IRL-01", "INF-03", "unknown"})
    assert kinds(part) == {"new": [], "ended": ["INF-03"], "changed": ["IRL-01"]}
    assert part.totals == cmp.Counts(0, 1, 1) and set(part.by_country) == {"ARG", "JPN", "KOR"}
    assert part.since == changes.since and part.new_data is changes.new_data
    plain = json.loads(json.dumps(changes.as_dict()))
    assert plain["since"]["version"] == V0 and plain["since"]["current"] == V2
    assert plain["since"]["same_version"] is False and plain["totals"] == {"new": 1, "ended": 2, "changed": 9}
    irl = next(c for c in plain["changed"] if c["id"] == "IRL-01")
    assert irl["fields"][0] == {"field": "countries", "old": ["JPN"], "new": ["JPN", "KOR"]}


# -- Resolving since ----------------------------------------------------------------------------------


def test_cmp020_since_by_version_id(history):
    current = validate_folder(history)
    for asked in (V0, V0.lower(), V0.replace("T09-00-00", "T09:00:00")):
        changes, notices = cmp.changes_since(history, asked, current)
        assert notices == [] and changes.since.version == V0 and changes.since.asked == V0
        assert changes.since.current == V2 and changes.since.created  # from version.json
    assert cmp.resolve_since(history, V1).id == V1
    assert cmp.resolve_since(history, None) is None and cmp.resolve_since(history, "  ") is None
    assert cmp.changes_since(history, None, current) == (None, [])


def test_cmp021_since_by_date(history):
    current = validate_folder(history)
    assert cmp.resolve_since(history, "2026-01-10").id == V1  # the newest version of that day
    assert cmp.resolve_since(history, "2026-01-31").id == V1  # served until V2
    assert cmp.resolve_since(history, "2026-02-20").id == V2  # the day of the version served: no change
    changes, notices = cmp.changes_since(history, "2026-01-31", current)
    assert notices == [] and changes.since.version == V1 and changes.since.asked == "2026-01-31"
    assert kinds(changes)["ended"] == ["IRP-02"]
    for day in ("2026-02-20", "2099-12-31"):  # on the day of the version served, or a future date
        changes, notices = cmp.changes_since(history, day, current)
        assert notices == [] and changes.is_empty and changes.since.same_version
        assert changes.since.version == changes.since.current == V2 and changes.totals == cmp.Counts()


def test_cmp022_before_the_first_version_and_unknown_versions_are_notices(history):
    current = validate_folder(history)
    changes, notices = cmp.changes_since(history, "2026-01-09", current)
    assert changes is None and [n.code for n in notices] == [cmp.TOO_EARLY]
    assert notices[0] == (
        f"since '2026-01-09' was ignored: this data has no version that old (its first version, {V0}, is of 2026-01-10)"
    )
    assert notices[0].version == V0
    changes, notices = cmp.changes_since(history, "2026-01-10T09-00-01Z", current)
    assert changes is None and notices[0].code == cmp.UNKNOWN_VERSION
    assert "is not a version of this data" in notices[0] and V0 in notices[0] and V2 in notices[0]
    changes, notices = cmp.changes_since(history, "2020-13-01", current)
    assert changes is None and notices[0].code == cmp.INVALID
    assert notices[0].startswith("since '2020-13-01' is not a version or a date of this data")
    with pytest.raises(cmp.SinceError) as caught:
        cmp.resolve_since(history, "2026-01-09")
    assert caught.value.notice.code == cmp.TOO_EARLY


def test_cmp023_a_version_never_served_cannot_be_named(history):
    # An import killed after writing its version and before switching to it leaves a newer version behind.
    leftover = history / versions.VERSIONS / "2026-03-01T00-00-00Z"
    shutil.copytree(versions.find_version(history, V2).path, leftover)
    current = validate_folder(history)
    assert cmp.changes_since(history, "2026-03-01T00-00-00Z", current)[1][0].code == cmp.UNKNOWN_VERSION
    assert cmp.resolve_since(history, "2026-03-05").id == V2
    assert "2026-03-01T00-00-00Z" not in [v.id for v in cmp.list_comparable_versions(history)]


def test_cmp024_a_plain_folder_has_no_earlier_versions(mini_copy, mini):
    for folder in (mini_copy, None):
        changes, notices = cmp.changes_since(folder, "2026-01-01", mini)
        assert changes is None and [n.code for n in notices] == [cmp.NO_VERSIONS]
        assert "this data has no earlier versions" in notices[0]
        assert cmp.list_comparable_versions(folder) == []


def test_cmp025_notices_join_the_url_notices(history, vocab):
    state, url_notices = parse_query("?foo=1&since=2026-01-09", vocab)
    _, notices = cmp.changes_since(history, state.since, validate_folder(history))
    text = "; ".join(url_notices + notices)  # as the page writes them
    assert "unknown parameter 'foo'" in text and "no version that old" in text
    copy = pickle.loads(pickle.dumps(notices[0]))
    assert copy == notices[0] and copy.code == cmp.TOO_EARLY and json.dumps(notices) == json.dumps([str(notices[0])])


# -- Old versions: loaded once, and one that no longer validates ---------------------------------------


def test_cmp030_old_versions_are_loaded_once(history, monkeypatch):
    version = versions.find_version(history, V0)
    first = cmp.load_version(version)
    calls = []
    monkeypatch.setattr(cmp, "validate_folder", lambda *a: calls.append(a))
    assert cmp.load_version(version) is first and calls == []
    current = validate_folder(history)
    one, _ = cmp.changes_since(history, V0, current)
    two, _ = cmp.changes_since(history, V0, current)
    assert one is two and calls == []  # the comparison is kept too


def test_cmp031_an_old_version_that_no_longer_validates_is_a_notice(history, caplog):
    # A version written under older rules: its table holds a status today's schema does not know.
    path = versions.find_version(history, V0).path / "instruments.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",active,5,", ",retired,5,"), encoding="utf-8")
    changes, notices = cmp.changes_since(history, V0, validate_folder(history))
    assert changes is None and [n.code for n in notices] == [cmp.UNREADABLE]
    text = notices[0]
    assert text.startswith(f"since '{V0}' was ignored: version {V0} can no longer be read with today's checks")
    assert "1 problem;" in text and "instruments.csv, row 4, column 'status'" in text and "Traceback" not in text
    assert notices[0].version == V0
    assert "retired" in caplog.text  # the whole report in the log
    with pytest.raises(DataError):
        cmp.load_version(versions.find_version(history, V0))
    # The other versions still compare.
    assert cmp.changes_since(history, V1, validate_folder(history))[1] == []


def test_cmp032_a_removed_version_is_a_notice(history):
    current = validate_folder(history)
    shutil.rmtree(versions.find_version(history, V0).path)
    changes, notices = cmp.changes_since(history, V0, current)
    assert changes is None and notices[0].code == cmp.UNKNOWN_VERSION
    gone = versions.Version(V1, history / versions.VERSIONS / "nowhere")
    with pytest.raises(DataError):
        cmp.load_version(gone)


# -- What the page can offer --------------------------------------------------------------------------


def test_cmp040_comparable_versions_newest_first_without_the_current(history):
    offered = cmp.list_comparable_versions(history)
    assert [v.id for v in offered] == [V1, V0]
    v1, v0 = offered
    assert v1.action == "import" and v1.user == "alice"
    assert v1.tables == ("infrastructures.csv", "instruments.csv", "participation.csv")
    assert v1.summary == "import of infrastructures.csv, instruments.csv, participation.csv, by alice"
    assert v1.data_date.isoformat() == "2026-11-25" and v1.created.endswith("+00:00")
    assert v0.action == "initial" and v0.tables == () and v0.restored_from is None
    # A restore is offered like any version, and says what it restored.
    from dashboard.datastore.importing import restore_version

    restore_version(history, V0, user="carol")
    latest = cmp.list_comparable_versions(history)
    assert [v.id for v in latest][:1] == [V2] and latest[0].data_date.isoformat() == "2027-02-20"
    assert all(not v.id > versions.current_version(history).id for v in latest)


def test_cmp041_a_version_without_its_record_is_still_offered(history):
    (versions.find_version(history, V0).path / versions.VERSION_FILE).unlink()
    v0 = cmp.list_comparable_versions(history)[-1]
    assert (v0.id, v0.created, v0.user, v0.action) == (V0, "2026-01-10T09:00:00+00:00", "", "import")
    changes, notices = cmp.changes_since(history, V0, validate_folder(history))
    assert notices == [] and changes.since.created == "2026-01-10T09:00:00+00:00"


def test_cmp042_hostile_since_values_never_raise(history):
    current = validate_folder(history)
    for text in ("x" * 5000, "\x00", "../../etc", "2026-01-10T09-00-00Z/../..", "🙂", 12, "2026-01-10 "):
        changes, notices = cmp.changes_since(history, text, current)
        assert changes is None or text == "2026-01-10 "
        assert all(isinstance(n, cmp.Notice) and len(n) < 300 for n in notices)
