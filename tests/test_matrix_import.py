"""Updates from capitals: the matrix goes out, comes back edited (by openpyxl as a colleague's
Excel would, and re-saved by LibreOffice), and every change is seen before it lands."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from app.cli import main
from app.errors import ImportRefused, InputError
from app.export import export_matrix
from app.export.matrix_versions import VERSIONS_SHEET
from app.interchange.json_backup import export_state
from app.interchange.matrix_xlsx import apply_matrix, preview_matrix
from tests.conftest import every_row, fuzz_cases

pytestmark = pytest.mark.sqlite_only  # files through the command line; the core runs on both


@pytest.fixture
def exported(desk, tmp_path) -> Path:
    aid = desk.resolve_ref("1.3(b)")
    desk.set_notes(aid, "Brief the Chair.")
    desk.set_notes(desk.resolve_ref("1.4(a)"), "Our own line.", private=True)
    out = tmp_path / "matrix.xlsx"
    export_matrix(desk, out)
    return out


def edit(path: Path, changes: dict[tuple[str, str], object], out: Path | None = None) -> Path:
    """Change cells by reference and header, as a colleague would in Excel."""
    wb = load_workbook(path)
    ws = wb["Implementation matrix"]
    header_row = next(r for r in range(1, 11)
                      if any(c.value == "Ref" for c in ws[r]))
    columns = {c.value: c.column for c in ws[header_row] if c.value}
    rows = {ws.cell(r, columns["Ref"]).value: r for r in range(header_row + 1, ws.max_row + 1)}
    for (ref, header), value in changes.items():
        ws.cell(rows[ref], columns[header]).value = value
    target = out or path
    wb.save(target)
    return target


def state(desk) -> dict:
    data = export_state(desk, include_private=True)
    data.pop("exported_at")
    return data


def test_changes_are_listed_then_applied_and_undone_after_a_restart(desk, exported, capsys):
    edit(exported, {("2.1(c)", "Status"): "being addressed  ",
                    ("1.3(b)", "Notes"): "Brief the Chair.\nJakarta agrees."})
    db = str(desk.path)
    assert main(["--db", db, "import", "matrix", "--dry-run", str(exported)]) == 0
    out = capsys.readouterr().out
    assert "2.1(c) status: 'Not assessed' -> 'Being addressed'" in out
    assert "1.3(b) notes: 'Brief the Chair.' -> 'Brief the Chair. Jakarta agrees.'" in out
    assert desk.action(desk.resolve_ref("2.1(c)")).status == "not_assessed"
    assert main(["--db", db, "import", "matrix", str(exported)]) == 0
    assert desk.action(desk.resolve_ref("2.1(c)")).status == "being_addressed"
    assert desk.action(desk.resolve_ref("1.3(b)")).notes == "Brief the Chair.\nJakarta agrees."
    history = desk.history(desk.resolve_ref("2.1(c)"))
    assert history[0].operation == "matrix import from matrix.xlsx"
    assert main(["--db", db, "import", "undo"]) == 0  # a new process: after a restart
    assert desk.action(desk.resolve_ref("2.1(c)")).status == "not_assessed"
    assert desk.action(desk.resolve_ref("1.3(b)")).notes == "Brief the Chair."


def test_a_line_changed_here_since_is_a_conflict_never_overwritten(desk, exported):
    aid = desk.resolve_ref("1.3(b)")
    desk.set_notes(aid, "Brief the Chair; the SOM moved to May.")  # after the export
    edit(exported, {("1.3(b)", "Notes"): "Rome's text.", ("2.2(a)", "Status"): "Achieved"})
    preview = preview_matrix(desk, exported)
    conflict = next(c for c in preview.changes if c.ref == "1.3(b)")
    assert conflict.conflict and conflict.old == "Brief the Chair; the SOM moved to May."
    assert conflict.new == "Rome's text." and conflict.exported == "Brief the Chair."
    apply_matrix(desk, preview)
    assert desk.action(aid).notes == "Brief the Chair; the SOM moved to May."
    assert desk.action(desk.resolve_ref("2.2(a)")).status == "achieved"
    apply_matrix(desk, preview_matrix(desk, exported), accept=lambda c: True)  # chosen: theirs
    assert desk.action(aid).notes == "Rome's text."


def test_several_peoples_copies_one_after_another(desk, exported, tmp_path):
    rome = edit(exported, {("2.1(c)", "Status"): "Achieved"}, tmp_path / "rome.xlsx")
    hanoi = edit(exported, {("2.2(a)", "Status"): "Recurring",
                            ("2.1(c)", "Status"): "Not yet addressed"}, tmp_path / "hanoi.xlsx")
    apply_matrix(desk, preview_matrix(desk, rome))
    second = preview_matrix(desk, hanoi)
    assert [(c.ref, c.conflict) for c in second.changes] == [("2.1(c)", True),
                                                             ("2.2(a)", False)]
    apply_matrix(desk, second)
    assert desk.action(desk.resolve_ref("2.1(c)")).status == "achieved"
    assert desk.action(desk.resolve_ref("2.2(a)")).status == "recurring"


def test_what_people_do_to_spreadsheets_changes_nothing(desk, exported):
    wb = load_workbook(exported)
    ws = wb["Implementation matrix"]
    header = next(r for r in range(1, 11) if any(c.value == "Ref" for c in ws[r]))
    ws.insert_cols(1)  # a column of their own, in front
    ws.cell(header, 1).value = "Comments from Rome"
    ws.cell(header + 3, 1).value = "see email"
    ws.column_dimensions["C"].hidden = True
    ws.auto_filter.ref = ws.dimensions
    ws.move_range(f"A{header + 1}:J{header + 2}", rows=ws.max_row)  # rows moved to the end
    wb.save(exported)
    preview = preview_matrix(desk, exported)
    assert preview.changes == () and preview.ignored == ("Comments from Rome",)
    assert preview.rows == 165


@pytest.mark.parametrize(("cells", "message"), [
    ({("2.1(c)", "Ref"): 1.1}, "the number 1.1 where a reference is expected"),
    ({("2.1(c)", "Ref"): "9.9(z)"}, "no action line 9.9(z)"),
    ({("2.1(c)", "Status"): "Done"}, "unknown status 'Done'"),
    ({("2.1(c)", "Notes"): "=HYPERLINK(\"http://x.invalid\")"}, "a formula"),
    ({("1.4(a)", "Notes"): "Filled in in Rome."}, "the note of 1.4(a) is private here"),
    ({("2.1(c)", "Ref"): "2.2(a)"}, "2.2(a) is given twice"),
    ({("2.1(c)", "Notes"): "LONG-CELL"}, "longer than a cell holds"),
])
def test_refusals_name_sheet_row_and_column_and_change_nothing(desk, exported, cells, message,
                                                               capsys):
    before = state(desk)
    edit(exported, cells)
    if "LONG-CELL" in cells.values():  # Excel (and openpyxl) cut at 32,767; a hostile file may not
        _replace_in_zip(exported, "LONG-CELL", "x" * 40_000)
    assert main(["--db", str(desk.path), "import", "matrix", str(exported)]) == 1
    err = capsys.readouterr().err
    assert message in err and "sheet 'Implementation matrix', row " in err
    assert "column " in err and "Traceback" not in err
    assert state(desk) == before


def _replace_in_zip(path: Path, old: str, new: str) -> None:
    import zipfile

    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data.replace(old.encode(), new.encode()))


def test_not_a_matrix_is_one_line(desk, tmp_path, capsys):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    plain = tmp_path / "plain.xlsx"
    wb = Workbook()
    wb.active.append(["Name", "Country"])
    wb.save(plain)
    for path, message in ((text, "is not an Excel workbook"), (plain, "no sheet has a header "
                                                                      "row with a Ref column")):
        assert main(["--db", str(desk.path), "import", "matrix", str(path)]) == 1
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1


def test_a_hand_made_matrix_without_versions_counts_every_difference(desk, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["ref", "STATUS", "notes"])
    ws.append(["1.1a", "achieved", "From a colleague's own sheet"])
    ws.append(["5(a)", "Not assessed", None])
    path = tmp_path / "own.xlsx"
    wb.save(path)
    preview = preview_matrix(desk, path)
    assert [(c.ref, c.field, c.new) for c in preview.changes] == [
        ("1.1(a)", "status", "Achieved"), ("1.1(a)", "notes", "From a colleague's own sheet")]
    assert "no version information" in preview.warnings[0]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_matrix_re_saved_by_libreoffice_comes_back(desk, exported, tmp_path,
                                                     soffice_profile):
    edit(exported, {("2.1(c)", "Status"): "Achieved"})
    outdir = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={soffice_profile.as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(outdir), str(exported)],
                   check=True, capture_output=True, timeout=180)
    resaved = outdir / "matrix.xlsx"
    assert VERSIONS_SHEET in load_workbook(resaved, read_only=True).sheetnames
    preview = preview_matrix(desk, resaved)
    assert [(c.ref, c.new) for c in preview.changes] == [("2.1(c)", "Achieved")]
    assert not preview.warnings


CELLS = st.one_of(st.none(), st.text(max_size=40), st.integers(-10**6, 10**6),
                  st.floats(allow_nan=False), st.sampled_from(
                      ["Achieved", "=1+1", "1.10", "2.1(c)", "achieved ", "", "+x", "@"]))


@settings(max_examples=fuzz_cases(40), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(ref=CELLS, status=CELLS, notes=CELLS)
def test_random_cells_apply_or_are_refused_never_half(desk, exported, ref, status, notes):
    copy = exported.with_name("random.xlsx")
    try:
        edit(exported, {("3.1(a)", "Ref"): ref, ("3.1(a)", "Status"): status,
                        ("3.1(a)", "Notes"): notes}, copy)
    except (ValueError, TypeError, IllegalCharacterError):
        return  # openpyxl itself refuses such a cell: nothing to import
    before = every_row(desk.path)
    try:
        preview = preview_matrix(desk, copy)
    except (ImportRefused, InputError):
        assert every_row(desk.path) == before
        return
    try:
        apply_matrix(desk, preview)
    except InputError:
        assert every_row(desk.path) == before
