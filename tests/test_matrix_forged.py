"""The matrix back from capitals, crafted on purpose (issue 23): nothing the file says about
itself is trusted. Each test reproduces one way a sender could make the import overwrite or
erase what it should not, or read what it should not."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from app.cli import main
from app.errors import ImportRefused, InputError, PoaDeskError
from app.export import export_matrix
from app.export.matrix_versions import EXPORT_MARK, VERSIONS_SHEET
from app.interchange.matrix_xlsx import apply_matrix, preview_matrix
from app.vocab import status_label
from tests.conftest import fuzz_cases
from tests.test_matrix_import import edit, state

pytestmark = pytest.mark.sqlite_only  # files through the command line; the core runs on both

MATRIX = "Implementation matrix"


@pytest.fixture
def exported(desk, tmp_path) -> Path:
    desk.set_notes(desk.resolve_ref("1.3(b)"), "Brief the Chair.")
    desk.set_lines_to_take(desk.resolve_ref("1.3(b)"), "Welcome the EU's support.")
    desk.set_tags(desk.resolve_ref("1.3(b)"), ["zz-rome-only", "zz-priority"])
    desk.set_lines_to_take(desk.resolve_ref("2.1(c)"), "Stress the timeline.")
    out = tmp_path / "matrix.xlsx"
    export_matrix(desk, out)
    return out


def header_of(ws) -> tuple[int, dict[str, int]]:
    row = next(r for r in range(1, 11) if any(c.value == "Ref" for c in ws[r]))
    return row, {c.value: c.column for c in ws[row] if c.value}


def versions_rows(path: Path) -> list[tuple]:
    wb = load_workbook(path, read_only=True)
    try:
        return list(wb[VERSIONS_SHEET].iter_rows(values_only=True))
    finally:
        wb.close()


def test_added_lines_to_take_and_tags_columns_erase_nothing(desk, exported, capsys):
    wb = load_workbook(exported)
    ws = wb[MATRIX]
    row, columns = header_of(ws)
    last = max(columns.values())
    ws.cell(row, last + 1).value = "Lines to take"
    ws.cell(row, last + 2).value = "Tags"  # left empty, as a capital would
    wb.save(exported)
    before = state(desk)
    assert main(["--db", str(desk.path), "import", "matrix", str(exported)]) == 0
    captured = capsys.readouterr()
    assert "'Lines to take', 'Tags' were not in the exported matrix" in captured.err
    assert state(desk) == before
    action = desk.action(desk.resolve_ref("1.3(b)"))
    assert action.lines_to_take == "Welcome the EU's support."
    assert sorted(action.tags) == ["zz-priority", "zz-rome-only"]


def test_the_hidden_sheet_holds_only_the_export_id_and_stamps(desk, exported):
    rows = versions_rows(exported)
    assert rows[0][0] == EXPORT_MARK and re.fullmatch(r"[0-9a-f]{32}", rows[0][1])
    assert rows[0][2] == MATRIX and rows[1][:2] == ("Ref", "Stamp")
    assert len(rows) == 2 + 165
    assert all(len([v for v in r if v is not None]) == 2 for r in rows[2:])
    with zipfile.ZipFile(exported) as z:
        everything = b"".join(z.read(n) for n in z.namelist())
    for secret in ("Welcome the EU", "Stress the timeline", "zz-rome-only", "zz-priority"):
        assert secret.encode() not in everything  # lines to take and tags never leave


@pytest.mark.parametrize("forgery", ["row deleted", "stamp changed", "sheet deleted"])
def test_a_forged_versions_sheet_turns_nothing_into_an_overwrite(desk, exported, forgery):
    aid = desk.resolve_ref("1.3(b)")
    desk.set_notes(aid, "Brief the Chair; the SOM moved to May.")  # after the export
    edit(exported, {("1.3(b)", "Notes"): "Rome's text.", ("2.2(a)", "Status"): "Achieved"})
    wb = load_workbook(exported)
    versions = wb[VERSIONS_SHEET]
    row = next(r for r in range(3, versions.max_row + 1)
               if versions.cell(r, 1).value == "1.3(b)")
    if forgery == "row deleted":
        versions.delete_rows(row)
    elif forgery == "stamp changed":
        versions.cell(row, 2).value = "0123456789abcdef"
    else:
        wb.remove(versions)
    wb.save(exported)
    preview = preview_matrix(desk, exported)
    conflict = next(c for c in preview.changes if c.ref == "1.3(b)")
    assert conflict.conflict and conflict.new == "Rome's text."
    assert any("1.3(b)" in w or "missing" in w for w in preview.warnings)
    apply_matrix(desk, preview)
    assert desk.action(aid).notes == "Brief the Chair; the SOM moved to May."
    # a line whose stamp is the export's (when the sheet is there) still comes in
    status = desk.action(desk.resolve_ref("2.2(a)")).status
    assert status == ("not_assessed" if forgery == "sheet deleted" else "achieved")


def test_a_forged_stamp_on_a_line_nobody_changed_is_a_conflict_too(desk, exported):
    edit(exported, {("2.2(a)", "Status"): "Achieved"})
    wb = load_workbook(exported)
    versions = wb[VERSIONS_SHEET]
    for r in range(3, versions.max_row + 1):
        if versions.cell(r, 1).value == "2.2(a)":
            versions.cell(r, 2).value = None
    wb.save(exported)
    preview = preview_matrix(desk, exported)
    assert [(c.ref, c.conflict, c.untrusted) for c in preview.changes] == [
        ("2.2(a)", True, True)]
    apply_matrix(desk, preview)
    assert desk.action(desk.resolve_ref("2.2(a)")).status == "not_assessed"


@pytest.mark.parametrize("where", ["hidden sheet", "both"])
def test_an_export_id_this_database_never_made_is_refused(desk, exported, where, capsys):
    edit(exported, {("2.2(a)", "Status"): "Achieved"})
    wb = load_workbook(exported)
    wb[VERSIONS_SHEET].cell(1, 2).value = "f" * 32
    if where == "both":
        for prop in wb.custom_doc_props:
            if prop.name == EXPORT_MARK:
                prop.value = "f" * 32
    wb.save(exported)
    before = state(desk)
    assert main(["--db", str(desk.path), "import", "matrix", str(exported)]) == 1
    err = capsys.readouterr().err
    expected = ("different exports" if where == "hidden sheet"
                else "names an export this database did not make")
    assert expected in err and err.count("\n") == 1
    assert state(desk) == before


def test_two_notes_columns_are_refused_naming_both(desk, exported, capsys):
    wb = load_workbook(exported)
    ws = wb[MATRIX]
    row, columns = header_of(ws)
    extra = max(columns.values()) + 1
    ws.cell(row, extra).value = "notes"
    ws.cell(row + 5, extra).value = "The right-most one."
    wb.save(exported)
    before = state(desk)
    assert main(["--db", str(desk.path), "import", "matrix", str(exported)]) == 1
    err = capsys.readouterr().err
    assert "columns G ('Notes') and I ('notes') are all read as Notes" in err
    assert state(desk) == before


def test_ref_and_reference_columns_are_ambiguous(desk, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Ref", "Reference", "Status"])
    ws.append(["1.1(a)", "1.1(b)", "Achieved"])
    path = tmp_path / "own.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match=r"columns A \('Ref'\) and B \('Reference'\)"):
        preview_matrix(desk, path)


def test_a_decoy_sheet_placed_first_is_not_read(desk, exported):
    edit(exported, {("2.2(a)", "Status"): "Recurring"})
    wb = load_workbook(exported)
    decoy = wb.create_sheet("Summary", 0)
    decoy.append(["Ref", "Status", "Notes"])
    decoy.append(["1.1(a)", "Achieved", "Read me instead."])
    wb.active = 0
    wb.save(exported)
    preview = preview_matrix(desk, exported)
    assert [(c.ref, c.new) for c in preview.changes] == [("2.2(a)", "Recurring")]
    assert preview.sheet == MATRIX and preview.rows == 165
    assert f"sheet(s) 'Summary' not read: the matrix read is sheet '{MATRIX}'" in \
        preview.warnings
    assert f"sheet '{MATRIX}', 165 action lines read" in preview.summary()


def test_in_a_workbook_of_ones_own_two_matrix_like_sheets_are_refused(desk, tmp_path):
    wb = Workbook()
    for index, title in enumerate(("Rome", "Hanoi")):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = title
        ws.append(["Ref", "Status"])
        ws.append(["1.1(a)", "Achieved"])
    path = tmp_path / "own.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="sheets 'Rome', 'Hanoi' all look like a matrix"):
        preview_matrix(desk, path)
    wb["Hanoi"].title = MATRIX
    wb.save(path)
    preview = preview_matrix(desk, path)
    assert preview.sheet == MATRIX and preview.changes[0].ref == "1.1(a)"


def _stale_dimension(path: Path, sheet_number: int, ref: str) -> None:
    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    name = f"xl/worksheets/sheet{sheet_number}.xml"
    members[name], count = re.subn(rb'<dimension ref="[^"]*"/>',
                                   f'<dimension ref="{ref}"/>'.encode(), members[name])
    assert count == 1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members.items():
            z.writestr(member, data)


def test_a_stale_stored_dimension_reads_every_row(desk, exported, capsys):
    edit(exported, {("5(a)", "Status"): "Achieved", ("1.1(a)", "Status"): "Recurring"})
    _stale_dimension(exported, 1, "A1:H11")  # says ten rows under the header: there are 165
    preview = preview_matrix(desk, exported)
    assert preview.rows == 165
    assert sorted(c.ref for c in preview.changes) == ["1.1(a)", "5(a)"]
    assert main(["--db", str(desk.path), "import", "matrix", "--dry-run",
                 str(exported)]) == 0
    assert "165 action lines read" in capsys.readouterr().err


def test_a_private_matrix_round_trip_keeps_its_private_notes(desk, tmp_path):
    aid = desk.resolve_ref("1.4(a)")
    desk.set_notes(aid, "Our own line.", private=True)
    out = tmp_path / "private.xlsx"
    export_matrix(desk, out, include_private=True)
    edit(out, {("2.2(a)", "Status"): "Achieved"})
    preview = preview_matrix(desk, out)
    assert [(c.ref, c.field) for c in preview.changes] == [("2.2(a)", "status")]
    rows = versions_rows(out)
    assert all("Our own line." not in str(v) for r in rows for v in r)


def test_refusals_are_whole(desk, exported):
    """A refused file changes nothing, whatever else it carried."""
    edit(exported, {("2.2(a)", "Status"): "Achieved", ("2.1(c)", "Status"): "Done"})
    before = state(desk)
    with pytest.raises(ImportRefused):
        preview_matrix(desk, exported)
    assert state(desk) == before


# -- generated cases: forged versions sheets, extra and duplicate columns, decoys, stale
# dimensions, each alone or together (derandomized; POADESK_FUZZ_CASES scales the count) -----


LOCAL = {("1.3(b)", "notes"): "Changed here after the export.",
         ("2.1(c)", "status"): "being_addressed"}
REFS = ["1.3(b)", "2.1(c)", "2.2(a)", "5(a)"]
VALUES = ["Achieved", "Recurring", "achieved ", "", None, "Rome's text.", "=1+1", "Done",
          "Changed here after the export.", 3]
FORGED = settings(max_examples=fuzz_cases(15), derandomize=True, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate],  # a failure as found: no slow shrink
                  suppress_health_check=[HealthCheck.function_scoped_fixture,
                                         HealthCheck.too_slow])


@pytest.fixture
def sent(desk, tmp_path) -> dict:
    """A matrix sent out, another one after it, then edits here (after both exports)."""
    first, second = tmp_path / "sent.xlsx", tmp_path / "later.xlsx"
    export_matrix(desk, first)
    export_matrix(desk, second)
    desk.set_notes(desk.resolve_ref("1.3(b)"), LOCAL[("1.3(b)", "notes")])
    desk.set_status(desk.resolve_ref("2.1(c)"), LOCAL[("2.1(c)", "status")])
    desk.backups = None  # the backup before each import is not what is fuzzed here (slow)
    return {"file": first, "other_token": versions_rows(second)[0][1]}


def _forge(source: Path, target: Path, case: dict, other_token: str) -> None:
    wb = load_workbook(source)
    ws = wb[MATRIX]
    row, columns = header_of(ws)
    rows = {ws.cell(r, 1).value: r for r in range(row + 1, ws.max_row + 1)}
    for ref, header, value in case["edits"]:
        ws.cell(rows[ref], columns[header]).value = value
    for offset, (title, value) in enumerate(case["extra_columns"], start=1):
        ws.cell(row, max(columns.values()) + offset).value = title
        ws.cell(rows["1.3(b)"], max(columns.values()) + offset).value = value
    versions = wb[VERSIONS_SHEET]
    places = {versions.cell(r, 1).value: r for r in range(3, versions.max_row + 1)}
    for ref, stamp in case["stamps"]:
        versions.cell(places[ref], 2).value = stamp
    for ref in sorted({places[ref] for ref in case["drop_rows"]}, reverse=True):
        versions.delete_rows(ref)
    token = {"other": other_token}.get(case["token"], case["token"])
    if token != "keep":
        versions.cell(1, 2).value = token
        if case["token"] == "other":
            wb.custom_doc_props[EXPORT_MARK].value = other_token
    if case["drop_property"] and EXPORT_MARK in wb.custom_doc_props.names:
        del wb.custom_doc_props[EXPORT_MARK]
    if case["drop_sheet"]:
        wb.remove(versions)
    if case["decoy"]:
        decoy = wb.create_sheet("Summary", 0)
        decoy.append(["Ref", "Status", "Notes", "Lines to take"])
        decoy.append(["1.3(b)", "Achieved", "From the decoy.", ""])
        decoy.append(["2.1(c)", "Recurring", "", "From the decoy."])
    wb.save(target)
    if case["stale"]:
        with zipfile.ZipFile(target) as z:
            members = {i.filename: z.read(i.filename) for i in z.infolist()}
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                if name.startswith("xl/worksheets/sheet"):
                    data = re.sub(rb'<dimension ref="[^"]*"/>',
                                  f'<dimension ref="{case["stale"]}"/>'.encode(), data)
                z.writestr(name, data)


OUTCOMES: set[str] = set()
CASES = st.fixed_dictionaries({
    "edits": st.lists(st.tuples(st.sampled_from(REFS), st.sampled_from(["Status", "Notes"]),
                                st.sampled_from(VALUES)), max_size=4),
    "extra_columns": st.lists(st.tuples(
        st.sampled_from(["Lines to take", "Tags", "Notes", "notes.", "Reference", "Status",
                         "Comments"]), st.sampled_from(["", None, "Theirs.", "x, y"])),
        max_size=2),
    "stamps": st.lists(st.tuples(st.sampled_from(REFS),
                                 st.sampled_from(["", None, "0" * 16, "=A1", 1.5])),
                       max_size=2),
    "drop_rows": st.lists(st.sampled_from(REFS), max_size=2),
    "token": st.sampled_from(["keep", "keep", "other", "f" * 32, "", None, "=1+1", 42]),
    "drop_property": st.booleans(),
    "drop_sheet": st.booleans(),
    "decoy": st.booleans(),
    "stale": st.sampled_from([None, None, "A1:H11", "A1:B2", "A1:Z9999"]),
})


_PLAIN = {"edits": [], "extra_columns": [], "stamps": [], "drop_rows": [], "token": "keep",
          "drop_property": False, "drop_sheet": False, "decoy": False, "stale": None}


@FORGED
@given(case=CASES)
@example(case=_PLAIN | {"edits": [("1.3(b)", "Notes", "Rome's text.")],
                        "drop_rows": ["1.3(b)"]})
@example(case=_PLAIN | {"edits": [("2.2(a)", "Status", "Achieved")],
                        "stamps": [("2.2(a)", "0" * 16)], "stale": "A1:H11"})
def test_forged_matrices_never_overwrite_a_local_edit(desk, sent, case):
    """Whatever was forged: no crash, a refusal changes nothing, an import is whole, and while
    the file carries any mark of its export (hidden sheet, export id, document property) no
    edit made here after the export is overwritten and no lines to take or tags are touched
    (conflicts are left as they are, as the import does unless told otherwise). A file
    stripped of every mark is a workbook of one's own: every difference a change, said."""
    path = sent["file"].with_name("forged.xlsx")
    _forge(sent["file"], path, case, sent["other_token"])
    before = state(desk)
    kept = {d.ref: (d.lines_to_take, sorted(d.tags)) for d in desk.action_details()}
    try:
        preview = preview_matrix(desk, path)
        apply_matrix(desk, preview)
    except PoaDeskError as exc:
        assert str(exc).strip()
        assert state(desk) == before
        OUTCOMES.add("refused")
        return
    OUTCOMES.add("conflict" if preview.conflicts else "imported")
    after = {d.ref: d for d in desk.action_details()}
    marked = not case["drop_property"] or (not case["drop_sheet"]
                                           and case["token"] not in ("", None))
    if marked:  # neither a local edit nor what was never exported is touched
        for (ref, name), value in LOCAL.items():
            assert getattr(after[ref], name) == value, (ref, name, case)
        assert {ref: (d.lines_to_take, sorted(d.tags)) for ref, d in after.items()} == kept
    else:  # every mark of the export removed: a workbook of one's own, and the preview says so
        assert "no version information" in preview.warnings[0]
        desk.set_notes(desk.resolve_ref("1.3(b)"), LOCAL[("1.3(b)", "notes")])  # for the
        desk.set_status(desk.resolve_ref("2.1(c)"), LOCAL[("2.1(c)", "status")])  # next case
    for c in preview.changes:  # whole: every change taken is in
        if not c.conflict:
            got = after[c.ref]
            value = {"status": status_label(got.status), "tags": ", ".join(got.tags)}.get(
                c.field, getattr(got, c.field))
            assert value.casefold() == c.new.casefold(), (c, case)


def test_the_forged_cases_reach_every_outcome():
    """Run after the generated cases (in this file's order): they were refused, imported and
    met conflicts, so the property above was not tested on refusals alone."""
    if not OUTCOMES:
        pytest.skip("the generated cases did not run in this process")
    assert sorted(OUTCOMES) == ["conflict", "imported", "refused"]


def test_an_older_versions_sheet_of_values_is_not_taken_on_its_word(desk, tmp_path):
    """A matrix exported before the record existed carried the values themselves in its
    hidden sheet: they cannot be checked, so it is a workbook of one's own, and said so."""
    desk.set_notes(desk.resolve_ref("1.3(b)"), "Changed here.")
    wb = Workbook()
    ws = wb.active
    ws.title = MATRIX
    ws.append(["Ref", "Status", "Notes"])
    ws.append(["1.3(b)", "Not assessed", "Changed here."])
    ws.append(["2.2(a)", "Achieved", None])
    old = wb.create_sheet(VERSIONS_SHEET)
    old.sheet_state = "hidden"
    old.append(["Ref", "Version", "Status", "Notes", "Lines to take", "Tags"])
    old.append(["1.3(b)", "2026-01-01T00:00:00Z", "Not assessed", "Changed here.", "", ""])
    old.append(["2.2(a)", "2026-01-01T00:00:00Z", "Achieved", "", "", ""])  # a lie
    path = tmp_path / "old.xlsx"
    wb.save(path)
    preview = preview_matrix(desk, path)
    assert [(c.ref, c.new, c.conflict) for c in preview.changes] == [
        ("2.2(a)", "Achieved", False)]
    assert "no version information this POA Desk can check" in preview.warnings[0]
