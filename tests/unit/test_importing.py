"""Imports: validated before anything changes, atomic, every replaced version kept and restorable.

Also the Excel path (one sheet per table, formulas refused, rows and columns named like the CSV path) and
interruptions: a killed import or a full disk leaves the data as it was.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import openpyxl
import pytest

from dashboard.datastore import versions
from dashboard.datastore.importing import (
    ImportRefused,
    Limits,
    Upload,
    import_tables,
    read_uploads,
    read_workbook,
    restore_version,
    run_import,
    run_restore,
    uploads_from_paths,
)
from dashboard.datastore.store import DataStore
from dashboard.loading import validate_folder

ROOT = Path(__file__).resolve().parents[2]
NUMERIC = {"start_year", "end_year", "count", "lat", "lon"}


def snapshot(folder: Path) -> dict:
    """Every file under ``folder`` (but the lock) with a hash of its content, and where ``current`` points."""
    files = {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != versions.LOCK and not p.is_symlink()
    }
    link = folder / "current"
    return {"files": files, "current": os.readlink(link) if link.is_symlink() else None}


def workbook_of(folder: Path, *, edit=None, sheets=None) -> bytes:
    """The tables of ``folder`` as an .xlsx workbook, numbers as numbers; ``edit(sheet_name, ws)`` may change it."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in sheets or ("instruments", "infrastructures", "labs", "partners", "participation"):
        ws = book.create_sheet(name)
        with open(folder / f"{name}.csv", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        header = rows[0]
        ws.append(header)
        for row in rows[1:]:
            ws.append(
                [
                    float(v) if h in NUMERIC and v and "." in v else int(v) if h in NUMERIC and v else v
                    for h, v in zip(header, row)
                ]
            )
        if edit:
            edit(name, ws)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refused(folder, uploads, **kwargs) -> list:
    with pytest.raises(ImportRefused) as caught:
        import_tables(folder, uploads, user="test", **kwargs)
    return caught.value.problems


def one(problems, **where):
    found = [p for p in problems if all(getattr(p, k) == v for k, v in where.items())]
    assert found, f"no problem with {where} in {[str(p) for p in problems]}"
    return found[0]


#: Real places of France near Annecy: a changed labs.csv must still name cities GeoNames knows (places.py).
TOWNS = ("Seynod", "Cran-Gevrier", "Meythet", "Chambéry")


def labs_csv(folder: Path, old="Annecy", new="Annecy-le-Vieux") -> bytes:
    return (folder / "labs.csv").read_bytes().replace(old.encode(), new.encode())


# -- Imports that succeed -----------------------------------------------------------------------------


def test_imt001_csv_import_replaces_keeps_and_carries_over(mini_copy):
    before = {n: (mini_copy / n).read_bytes() for n in versions.table_files()}
    result = import_tables(mini_copy, [Upload("labs.csv", labs_csv(mini_copy))], user="alice")
    assert [t for t, _ in result.replaced] == ["labs.csv"]
    assert "partners.csv" in result.carried_over
    served = validate_folder(mini_copy)
    assert served.labs.at["LAPP", "city"] == "Annecy-le-Vieux"
    history = versions.list_versions(mini_copy)
    assert [v.current for v in history] == [True, False]
    assert history[1].info["action"] == "initial" and result.previous == history[1].id
    assert all((history[1].path / n).read_bytes() == data for n, data in before.items())  # the replaced tables, kept
    assert all((mini_copy / n).read_bytes() == data for n, data in before.items())  # the plain files untouched
    assert history[0].info["user"] == "alice" and history[0].info["sources"] == [
        {"table": "labs.csv", "from": "labs.csv"}
    ]


def test_imt002_restore_serves_an_earlier_version_as_a_new_one(mini_copy):
    import_tables(mini_copy, [Upload("labs.csv", labs_csv(mini_copy))], user="alice")
    first = versions.list_versions(mini_copy)[-1]
    result = restore_version(mini_copy, first.id, user="bob")
    assert validate_folder(mini_copy).labs.at["LAPP", "city"] == "Annecy"
    assert result.version.info["restored_from"] == first.id
    assert len(versions.list_versions(mini_copy)) == 3 and "restored" in result.summary()
    with pytest.raises(versions.VersionError, match="served now"):
        restore_version(mini_copy, result.version.id)
    with pytest.raises(versions.VersionError, match="no version 'nope'"):
        restore_version(mini_copy, "nope")


def test_imt003_workbook_import_reads_values(mini_copy):
    book = workbook_of(mini_copy)
    result = import_tables(mini_copy, [Upload("tables.xlsx", book)], user="test", data_date="2027-01-15")
    assert len(result.replaced) == 5 and result.carried_over == ("stories.csv", "dataset.json")
    served = validate_folder(mini_copy)
    assert served.data_date.isoformat() == "2027-01-15"
    assert served.collaborations.at["INF-01", "lat"] == pytest.approx(46.2342)
    assert served.collaborations.at["IRL-01", "start_year"] == 2010


def test_imt004_workbook_extra_sheets_are_noted_and_blank_rows_keep_numbers(mini_copy):
    def edit(name, ws):
        if name == "instruments":
            ws.insert_rows(3)  # a blank row 3: the row below is still called row 4
            ws["H4"] = "twenty"  # start_year of spreadsheet row 4

    book = workbook_of(mini_copy, edit=edit)
    problems = refused(mini_copy, [Upload("tables.xlsx", book)])
    p = one(problems, file="tables.xlsx (sheet instruments)", row=4, column="start_year")
    assert "'twenty' is not a whole number" in p.message
    extra = openpyxl.load_workbook(io.BytesIO(workbook_of(mini_copy)))
    extra.create_sheet("Notes")["A1"] = "free text"
    out = io.BytesIO()
    extra.save(out)
    result = import_tables(mini_copy, [Upload("tables.xlsx", out.getvalue())], user="test")
    assert any("sheet 'Notes'" in n for n in result.notes)


def test_imt005_partial_upload_with_dataset_json_and_date(mini_copy):
    meta = (mini_copy / "dataset.json").read_bytes()
    result = import_tables(mini_copy, [Upload("dataset.json", meta)], user="t", data_date="2027-02-01")
    assert [t for t, _ in result.replaced] == ["dataset.json"]
    assert validate_folder(mini_copy).data_date.isoformat() == "2027-02-01"


def test_imt006_import_into_an_empty_folder_needs_every_table(tmp_path, mini):
    target = tmp_path / "new"
    problems = refused(target, [Upload("labs.csv", (Path(mini.folder) / "labs.csv").read_bytes())])
    assert "missing" in one(problems, file="partners.csv").message
    result = import_tables(target, uploads_from_paths([mini.folder]), user="t")
    assert result.previous is None and versions.current_version(target).id == result.version.id
    assert len(validate_folder(target).collaborations) == 7


def test_imt007_old_versions_are_pruned_never_the_current(mini_copy):
    for i in range(4):
        import_tables(mini_copy, [Upload("labs.csv", labs_csv(mini_copy, "Annecy", TOWNS[i]))], user="t", keep=2)
    found = versions.list_versions(mini_copy)
    assert len(found) == 2 and found[0].current
    assert validate_folder(mini_copy).labs.at["LAPP", "city"] == TOWNS[3]


def test_imt008_concurrent_imports_take_turns(mini_copy):
    errors = []

    def run(i):
        try:
            import_tables(mini_copy, [Upload("labs.csv", labs_csv(mini_copy, "Annecy", TOWNS[i]))], user=f"u{i}")
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors
    ids = [v.id for v in versions.list_versions(mini_copy)]
    assert len(ids) == len(set(ids)) == 4  # the initial copy and three imports, in order
    assert validate_folder(mini_copy).labs.at["LAPP", "city"] in TOWNS


# -- Imports that are refused: nothing changes --------------------------------------------------------


def test_imt010_refused_import_changes_nothing_and_lists_every_problem(mini_copy):
    import_tables(mini_copy, [Upload("labs.csv", labs_csv(mini_copy))], user="t")
    before = snapshot(mini_copy)
    store = DataStore(mini_copy)
    served = store.current()
    bad_instruments = (
        (mini_copy / "current" / "instruments.csv").read_text(encoding="utf-8").replace(",2010,", ",twenty,")
    )
    bad_partners = (
        (mini_copy / "current" / "partners.csv").read_text(encoding="utf-8").replace("national laboratory", "club")
    )
    problems = refused(
        mini_copy,
        [
            Upload("Instruments.csv", bad_instruments.encode()),
            Upload("partners.csv", bad_partners.encode()),
            Upload("notes.docx", b"x"),
        ],
    )
    assert "'twenty'" in one(problems, file="Instruments.csv", row=2, column="start_year").message
    assert one(problems, file="partners.csv", column="kind")
    assert one(problems, file="notes.docx")
    assert snapshot(mini_copy) == before and store.current() is served


def test_imt011_problems_in_kept_tables_say_so(mini_copy):
    partners = (mini_copy / "partners.csv").read_text(encoding="utf-8").replace("P-4,", "P-44,")
    problems = refused(mini_copy, [Upload("partners.csv", partners.encode())])
    p = one(problems, file="participation.csv (current data, not in this import)", column="partner_id")
    assert "'P-4' is not an id of partners.csv" in p.message


def test_imt012_formula_and_error_cells_are_refused_with_their_place(mini_copy):
    def edit(name, ws):
        if name == "partners":
            ws["B3"] = "=UPPER(C3)"
            ws["G2"] = "#N/A"
            ws["G2"].data_type = "e"

    problems = refused(mini_copy, [Upload("tables.xlsx", workbook_of(mini_copy, edit=edit))])
    formula = one(problems, file="tables.xlsx (sheet partners)", row=3, column="name")
    assert "formula =UPPER(C3)" in formula.message and "never evaluated" in formula.message
    assert "error #N/A" in one(problems, file="tables.xlsx (sheet partners)", row=2, column="confidence").message


def test_imt013_text_that_looks_like_a_formula_is_text(mini_copy):
    def edit(name, ws):
        if name == "partners":
            ws["B2"] = "=1+1"
            ws["B2"].data_type = "s"  # typed as text in the spreadsheet ('=1+1)

    import_tables(mini_copy, [Upload("tables.xlsx", workbook_of(mini_copy, edit=edit))], user="t")
    assert validate_folder(mini_copy).partners.at["P-1", "name"] == "=1+1"


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("tables.xls", b"\xd0\xcf\x11\xe0", "old-format Excel workbook"),
        ("tables.ods", b"PK\x03\x04...", "OpenDocument"),
        ("tables.xlsm", b"PK\x03\x04...", "macro-enabled"),
        ("partners.pdf", b"%PDF-1.4", "not a file type the import reads"),
        ("partners.csv", b"PK\x03\x04rest", "Excel workbook (or another zipped file) with a .csv name"),
        ("tables.xlsx", b"not a zip at all", "is not an .xlsx workbook"),
        ("tables.xlsx", b"PK\x03\x04 truncated", "damaged"),
        ("people.csv", b"a,b\n1,2\n", "is not the name of a table"),
        ("partner.csv", b"a,b\n1,2\n", "did you mean 'partners'"),
        ("other.json", b"{}", "the only JSON file"),
        ("labs.csv", b"", "the file is empty"),
    ],
)
def test_imt014_files_of_the_wrong_kind_are_refused_by_name(mini_copy, name, data, expected):
    problems = refused(mini_copy, [Upload(name, data)])
    assert expected in one(problems, file=name).message


def test_imt015_size_and_count_limits(mini_copy):
    small = Limits(max_file_bytes=1000, max_files=2, max_unzipped_bytes=50_000)
    problems = refused(mini_copy, [Upload("partners.csv", b"x" * 2000)], limits=small)
    assert "at most" in one(problems, file="partners.csv").message
    problems = refused(
        mini_copy, [Upload("labs.csv", b"a"), Upload("partners.csv", b"b"), Upload("dataset.json", b"{}")], limits=small
    )
    assert "3 files were given" in one(problems, file="upload").message
    book = openpyxl.Workbook()
    book.active.title = "labs"
    book.active["A1"] = "x" * 32000
    for row in range(2, 40):
        book.active.cell(row=row, column=1, value="y" * 32000)
    out = io.BytesIO()
    book.save(out)  # compresses to a few kB, unpacks to over 1 MB
    problems = refused(mini_copy, [Upload("bomb.xlsx", out.getvalue())], limits=Limits(max_unzipped_bytes=500_000))
    assert "unpacks to" in one(problems, file="bomb.xlsx").message
    assert refused(mini_copy, [])[0].file == "upload"


def test_imt016_workbook_rows_columns_and_sheets_checked(mini_copy):
    def edit(name, ws):
        if name == "labs":
            ws["K3"] = "stray"
        if name == "participation":
            ws.title = "Participations"

    problems = refused(mini_copy, [Upload("t.xlsx", workbook_of(mini_copy, edit=edit))])
    assert "no name in the header" in one(problems, file="t.xlsx (sheet labs)", row=3, column="K").message
    assert "did you mean 'participation'" in one(problems, file="t.xlsx (sheet Participations)").message
    limits = Limits(max_rows=1)
    tables, problems, _ = read_workbook("t.xlsx", workbook_of(mini_copy, sheets=["labs"]), limits)
    assert "more than 1 rows" in problems[0].message
    empty = openpyxl.Workbook()
    empty.active.title = "labs"
    empty.active["A3"] = "code"
    out = io.BytesIO()
    empty.save(out)
    _, problems, _ = read_workbook("e.xlsx", out.getvalue())
    assert "row 1 is empty" in problems[0].message and problems[0].row == 1


def test_imt017_same_table_twice_is_refused(mini_copy):
    labs = (mini_copy / "labs.csv").read_bytes()
    tables, problems, _ = read_uploads(
        [Upload("labs.csv", labs), Upload("t.xlsx", workbook_of(mini_copy, sheets=["labs"]))]
    )
    assert "a second time" in problems[0].message


def test_imt018_bad_date_of_the_data(mini_copy):
    problems = refused(mini_copy, [Upload("labs.csv", (mini_copy / "labs.csv").read_bytes())], data_date="25/11/2026")
    assert "YYYY-MM-DD" in one(problems, file="date of the data").message


def test_imt019_path_names_are_shown_never_used(mini_copy):
    problems = refused(mini_copy, [Upload("../../etc/passwd.csv", b"x")])
    assert problems[0].file == "passwd.csv"
    assert not (mini_copy.parent.parent / "etc").exists()


# -- Interruptions ------------------------------------------------------------------------------------


def test_imt020_full_disk_leaves_the_data_as_it_was(mini_copy, monkeypatch):
    import_tables(mini_copy, [Upload("labs.csv", labs_csv(mini_copy))], user="t")
    before = snapshot(mini_copy)
    calls = {"n": 0}
    real = versions.write_file

    def filling(path, data):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(versions, "write_file", filling)
    with pytest.raises(versions.VersionError, match="disk .* is full"):
        import_tables(mini_copy, [Upload("labs.csv", labs_csv(mini_copy, "Annecy", "Chambéry"))], user="t")
    assert snapshot(mini_copy) == before
    monkeypatch.setattr(versions, "write_file", real)
    import_tables(mini_copy, [Upload("labs.csv", labs_csv(mini_copy, "Annecy", "Chambéry"))], user="t")
    assert validate_folder(mini_copy).labs.at["LAPP", "city"] == "Chambéry"


KILLER = """
import os, signal, sys
from pathlib import Path
from dashboard.datastore import versions
from dashboard.datastore.importing import Upload, import_tables
folder, step = Path(sys.argv[1]), sys.argv[2]
target = {"write": (versions, "write_file"), "rename": (os, "rename"), "switch": (os, "replace"),
          "fsync": (versions, "_fsync_dir")}[step]
real = getattr(*target)
count = {"n": 0}
def dying(*args, **kwargs):
    count["n"] += 1
    if count["n"] == 2 or step in ("rename", "switch"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(target[0], target[1], dying)
data = (folder / "current" / "labs.csv").read_bytes().replace(b"Annecy-le-Vieux", b"Seynod")  # a real place
import_tables(folder, [Upload("labs.csv", data)], user="killed")
"""


@pytest.mark.parametrize("step", ["write", "fsync", "rename", "switch"])
def test_imt021_killed_import_leaves_the_data_as_it_was(mini_copy, step):
    import_tables(mini_copy, [Upload("labs.csv", labs_csv(mini_copy))], user="t")
    before = snapshot(mini_copy)
    served = validate_folder(mini_copy)
    done = subprocess.run(
        [sys.executable, "-c", KILLER, str(mini_copy), step], cwd=ROOT, capture_output=True, timeout=120
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert os.readlink(mini_copy / "current") == before["current"]
    assert validate_folder(mini_copy).labs.equals(served.labs)
    result = import_tables(mini_copy, [Upload("labs.csv", labs_csv(mini_copy, "Annecy", "Albertville"))], user="t")
    assert validate_folder(mini_copy).labs.at["LAPP", "city"] == "Albertville"
    assert not any((mini_copy / versions.STAGING).iterdir())  # leftovers cleaned
    assert [v.id for v in versions.list_versions(mini_copy)][0] == result.version.id


# -- Command line (in process: main() is what `python -m dashboard` runs) ---------------------------------


def cli(capsys, *args) -> tuple[int, str, str]:
    from dashboard.__main__ import main

    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_imt030_cli_import_history_restore(mini_copy, tmp_path, capsys):
    new_labs = tmp_path / "labs.csv"
    new_labs.write_bytes(labs_csv(mini_copy))
    code, out, err = cli(capsys, "import", str(new_labs), "--data", str(mini_copy), "--user", "carol")
    assert code == 0, err
    assert "Imported as version" in out and "labs.csv: from labs.csv" in out
    _, listed, _ = cli(capsys, "history", "--data", str(mini_copy))
    lines = [line for line in listed.splitlines() if line[:1] in "* "]
    assert lines[0].startswith("* ") and "import of labs.csv, by carol" in lines[0]
    first = lines[-1].split()[0]
    code, out, _ = cli(capsys, "restore", first, "--data", str(mini_copy))
    assert code == 0 and f"Version {first} was restored" in out
    assert validate_folder(mini_copy).labs.at["LAPP", "city"] == "Annecy"


def test_imt031_cli_refusal_is_a_report_not_a_traceback(mini_copy, tmp_path, capsys):
    bad = tmp_path / "partners.csv"
    bad.write_text("id,name\nP-1,x\n", encoding="utf-8")
    code, _, err = cli(capsys, "import", str(bad), str(tmp_path / "missing.xlsx"), "--data", str(mini_copy))
    assert code == 1 and "Traceback" not in err
    assert "The import was refused" in err and "partners.csv, row 1, column 'acronym'" in err
    assert "missing.xlsx: the file is empty" in err
    assert cli(capsys, "restore", "2000-01-01T00-00-00Z", "--data", str(mini_copy))[0] == 1
    assert "no versions yet" in cli(capsys, "history", "--data", str(mini_copy))[1]


def test_imt032_cli_in_a_subprocess_exits_with_the_report(mini_copy, tmp_path):
    bad = tmp_path / "labs.csv"
    bad.write_text("code\nX\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", str(bad), "--data", str(mini_copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "labs.csv, row 1, column 'name'" in done.stderr and "Traceback" not in done.stderr


def test_imt033_one_outcome_for_the_command_line_and_the_page(mini_copy, monkeypatch):
    """run_import / run_restore: what was done, or the refusal's report, or why not, in the words both show."""
    done = run_import(mini_copy, [Upload("labs.csv", labs_csv(mini_copy))], user="t")
    assert done.ok and not done.refused and done.message == done.result.summary() and not done.problems
    bad = run_import(mini_copy, [Upload("labs.csv", b"code\nX\n"), Upload("notes.docx", b"x")], user="t")
    assert not bad.ok and bad.refused and bad.result is None
    assert bad.message.startswith("The import was refused: ") and "labs.csv, row 1, column 'name'" in bad.message
    assert one(list(bad.problems), file="notes.docx")
    assert bad.message == ImportRefused(list(bad.problems), mini_copy).report()
    now = done.result.version.id
    served = run_restore(mini_copy, now)
    assert (served.ok, served.refused) == (False, False)
    assert served.message == f"Nothing was restored: version {now} is the one served now; nothing to restore"

    def full_disk(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(versions, "write_file", full_disk)
    full = run_import(mini_copy, [Upload("labs.csv", labs_csv(mini_copy, "Annecy", "Elsewhere"))], user="t")
    assert not full.ok and not full.refused and full.message.startswith("The import was not done: the disk of ")
    back = run_restore(mini_copy, versions.list_versions(mini_copy)[-1].id, user="t")
    assert not back.ok and back.message.startswith("Nothing was restored: the disk of ")
