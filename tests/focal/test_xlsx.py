"""The register workbook: what the export writes, and imports of workbooks people make."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import ImportRefused, InputError
from app.focal.values import FocalPointFields
from app.interchange.register_xlsx import HEADERS, export_register, import_register
from app.service import Desk


def state(desk: Desk) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Everything the register holds, without ids and timestamps."""
    people = [(p.name, p.title, p.organisation, p.country_code, p.email, p.phone, p.notes,
               p.active) for p in desk.focal.people()]
    names = {p.id: p.name for p in desk.focal.people()}
    assignments = sorted((names[a.focal_point_id], a.ref, a.role)
                         for a in desk.focal.assignments())
    return people, assignments


@pytest.fixture
def register(desk):
    f = desk.focal
    a = f.add(FocalPointFields("Nguyen Van A", "VN", title="Deputy DG", organisation="MOFA",
                               email="a.nguyen@mofa.gov.vn", phone="+84 24 1234",
                               notes="prefers email"))
    b = f.add(FocalPointFields('=HYPERLINK("http://x.example","click")', "DE",
                               notes="=1+1 is not a formula"))
    f.add(FocalPointFields("Somchai Jaidee", "TH", email="somchai@mfa.go.th"))
    f.assign(a.id, f.resolve_target("2.1").target, "lead")
    f.assign(a.id, f.resolve_target("1.3(b)").target, "support")
    f.assign(b.id, f.resolve_target("5(a)").target, "contact")
    gone = f.add(FocalPointFields("Old Hand", "VN"))
    f.deactivate(gone.id)
    return desk


# -- export -----------------------------------------------------------------------------------

def test_export_writes_a_clean_workbook(register, tmp_path):
    out = tmp_path / "register.xlsx"
    result = export_register(register, out)
    assert (result.people, result.assignments) == (4, 3)
    wb = load_workbook(out)
    ws = wb["Focal points"]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:K{ws.max_row}"
    assert ws.column_dimensions["A"].width == 20 and ws.column_dimensions["K"].width == 70
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    # by country in reference order (TH, VN before DE), one row per assignment, plan order
    assert [(r[0], r[3], r[8], r[9]) for r in rows] == [
        ("Somchai Jaidee", "Thailand", None, None),
        ("Nguyen Van A", "Viet Nam", "1.3(b)", "support"),
        ("Nguyen Van A", "Viet Nam", "2.1", "lead"),
        ("Old Hand", "Viet Nam", None, None),
        ('=HYPERLINK("http://x.example","click")', "Germany", "5(a)", "contact"),
    ]
    assert rows[1][6] == "yes" and rows[3][6] == "no"
    assert rows[2][10] == "Expand trade, business and investment"
    ref = ws["I4"]
    assert ref.value == "2.1" and ref.data_type == "s" and ref.number_format == "@"
    evil, note = ws["A6"], ws["H6"]
    assert evil.data_type == "s" and note.data_type == "s" and note.value.startswith("=1+1")
    lists = wb["Lists"]
    assert lists.sheet_state == "hidden"
    assert [lists.cell(i, 1).value for i in range(1, 5)] == ["lead", "co-lead", "support",
                                                              "contact"]
    validations = {dv.formula1: dv for dv in ws.data_validations.dataValidation}
    role = validations["'Lists'!$A$1:$A$4"]
    assert role.type == "list" and role.showErrorMessage and "J2" in str(role.sqref)
    assert validations["'Lists'!$B$1:$B$2"].showErrorMessage
    wb.close()
    # the read-only reader the import uses sees text, not formulas, too
    wb = load_workbook(out, read_only=True, data_only=False)
    cells = {c.coordinate: c for row in wb["Focal points"].iter_rows() for c in row
             if getattr(c, "coordinate", None)}
    assert cells["A6"].data_type == "s" and cells["H6"].data_type == "s"
    wb.close()


def test_export_then_import_round_trips(register, other_desk, tmp_path):
    out = tmp_path / "register.xlsx"
    export_register(register, out)
    same = import_register(register, out, dry_run=True)
    assert same.summary() == "add 0 focal points, update 0, add 0 assignments"
    assert same.lines == ()
    result = import_register(other_desk, out)
    assert result.summary() == "add 4 focal points, update 0, add 3 assignments"
    assert state(other_desk) == state(register)


def test_a_handover_with_the_office_mailbox_round_trips(desk, other_desk, tmp_path):
    # the successor takes over the office's mailbox; the predecessor stays as inactive
    # history with the same email: the exported register must import again
    f = desk.focal
    old = f.add(FocalPointFields("Nguyen Van A", "VN", email="desk@mofa.gov.vn"))
    f.assign(old.id, f.resolve_target("2.1").target, "lead")
    f.handover(old.id, FocalPointFields("Tran Thi B", "VN", email="desk@mofa.gov.vn"))
    out = tmp_path / "register.xlsx"
    export_register(desk, out)
    same = import_register(desk, out, dry_run=True)
    assert same.summary() == "add 0 focal points, update 0, add 0 assignments"
    result = import_register(other_desk, out)
    assert result.summary() == "add 2 focal points, update 0, add 1 assignment"
    assert state(other_desk) == state(desk)


def test_export_needs_an_xlsx_name(register, tmp_path):
    with pytest.raises(InputError, match="written as an .xlsx workbook"):
        export_register(register, tmp_path / "register.csv")


# -- a workbook written by hand ---------------------------------------------------------------

HAND_HEADER = ["Ref.", "Full name", "COUNTRY", "E-mail", "Organization", "Position", "role",
               "Tel.", "Remarks", "Internal code", "Active?"]
GOOD_ROWS = {
    3: ["1.3b", "Nguyen Van A", "Viet Nam", "A.Nguyen@mofa.gov.vn", "MOFA", "Deputy DG",
        "Lead", 842412345678, None, "X1", "yes"],
    4: ["2.1", "Nguyen Van A", "VN", None, None, None, "support"],
    5: ["1.1(a)", None, None, None, None, None, "contact"],  # continues the person above
    6: ["5a", "Somchai Jaidee", "th", "somchai@mfa.go.th", "MFA", None, "co-lead"],
    7: [None, "Anna Schmidt", "Germany", "anna.schmidt@DIPLO.de", None, "Head of Unit"],
    8: ["3.5(i)", "Anna Schmidt", "DE", None, None, None, "Co Lead"],
    10: ["4.1", "ASEC Political desk", "asean secretariat", None, None, None, "contact"],
}
BAD_ROWS = {
    11: ["1.2(a)", "Pham Van D", "Vietnam", None, None, None, "lead"],
    12: ["1.2(b)", "Pham Van E", "VN", "pham@", None, None, "lead"],
    13: [1.1, "Le Van F", "Cambodia", None, None, None, "lead"],
    14: ["9.9(z)", "Le Van G", "KH", None, None, None, "lead"],
    15: ["2.2", "Le Van H", "KH", None, None, None, "boss"],
    16: ["2.3", "Le Van I", "KH", None, None, None, "lead", "=A1&B1"],
    17: ["2.4", "Le Thi C", "VN", "c1@mofa.gov.vn"],
    18: ["2.5", "Le Thi C", "Viet Nam", "c2@mofa.gov.vn"],
    19: ["2.6", "Sok Dara", None, None],
    20: [None, "Carl Weber", "DE", "berta@diplo.de"],
}


def write_hand_book(path: Path, rows: dict[int, list[object]]) -> None:
    """As a desk officer would: a title row, own column order and names, typed values."""
    wb = Workbook()
    ws = wb.active
    ws.title = "FP list March"
    ws["A1"] = "Focal points for the SOM, as of March"
    for col, header in enumerate(HAND_HEADER, start=1):
        ws.cell(2, col, header)
    for number, values in rows.items():
        for col, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(number, col, value)  # "=A1&B1" becomes a real formula here
    wb.save(path)


@pytest.fixture
def known(desk):
    f = desk.focal
    anna = f.add(FocalPointFields("Anna Schmidt", "DE", email="Anna.Schmidt@diplo.de",
                                  title="Desk officer", phone="+49 30 1234"))
    f.assign(anna.id, f.resolve_target("3.5(i)").target, "support")
    f.add(FocalPointFields("Berta Braun", "DE", email="berta@diplo.de"))
    f.add(FocalPointFields("Carl Weber", "DE", email="carl@diplo.de"))
    return desk


def test_hand_made_workbook_dry_run_then_import(known, tmp_path):
    book = tmp_path / "from-capitals.xlsx"
    write_hand_book(book, GOOD_ROWS)
    before = state(known)
    dry = import_register(known, book, dry_run=True)
    assert dry.summary() == ("add 3 focal points, update 1, add 5 assignments, "
                             "change 1 role")
    assert state(known) == before  # a dry run changes nothing
    assert "ignored columns: Internal code" in dry.warnings
    assert dry.lines == (
        "add focal point Nguyen Van A (VN) <A.Nguyen@mofa.gov.vn>  [rows 3-5]",
        "add assignment: Nguyen Van A (VN) -> 1.3(b) as lead  [row 3]",
        "add assignment: Nguyen Van A (VN) -> 2.1 as support  [row 4]",
        "add assignment: Nguyen Van A (VN) -> 1.1(a) as contact  [row 5]",
        "add focal point Somchai Jaidee (TH) <somchai@mfa.go.th>  [row 6]",
        "add assignment: Somchai Jaidee (TH) -> 5(a) as co-lead  [row 6]",
        f"update focal point {known.focal.find('Anna Schmidt').id} Anna Schmidt (DE): "
        "title 'Desk officer' -> 'Head of Unit'  [rows 7-8]",
        "change role: Anna Schmidt (DE) on 3.5(i): support -> co-lead  [row 8]",
        "add focal point ASEC Political desk (ASEC)  [row 10]",
        "add assignment: ASEC Political desk (ASEC) -> 4.1 as contact  [row 10]",
    )
    done = import_register(known, book)
    assert done.summary() == dry.summary()
    nguyen = known.focal.find("a.nguyen@mofa.gov.vn")
    assert (nguyen.organisation, nguyen.title, nguyen.phone, nguyen.active) == (
        "MOFA", "Deputy DG", "842412345678", True)
    assert [(a.ref, a.role) for a in known.focal.assignments_of(nguyen.id)] == [
        ("1.1(a)", "contact"), ("1.3(b)", "lead"), ("2.1", "support")]
    anna = known.focal.find("anna.schmidt@diplo.de")
    assert (anna.title, anna.phone) == ("Head of Unit", "+49 30 1234")  # blank keeps phone
    assert [(a.ref, a.role) for a in known.focal.assignments_of(anna.id)] == [
        ("3.5(i)", "co-lead")]
    m = known.focal.coverage()
    assert m.row("2.1").count("VN") == 10 and m.row("5").count("TH") == 1
    assert (m.row("4.1").count("ASEC"), m.row("4.1").total) == (5, 5)
    # importing the same workbook again changes nothing
    assert import_register(known, book).lines == ()


def test_hand_made_workbook_with_bad_rows_is_refused_whole(known, tmp_path):
    book = tmp_path / "from-capitals.xlsx"
    write_hand_book(book, {**GOOD_ROWS, **BAD_ROWS})
    before = state(known)
    with pytest.raises(ImportRefused) as caught:
        import_register(known, book)
    problems = caught.value.problems
    text = str(caught.value)
    carl = known.focal.find("carl@diplo.de").id
    berta = known.focal.find("berta@diplo.de").id
    assert problems == (
        "row 11: unknown country 'Vietnam' (did you mean Viet Nam (VN)?)",
        "row 12: malformed email 'pham@' (expected name@domain.org)",
        "row 13: Ref 1.1 is a number, not text: it is ambiguous (Excel turns 1.10 into 1.1); "
        "type the reference as text, e.g. with a leading apostrophe",
        "row 14: unknown reference '9.9(z)': no action line 9.9(z) in this plan",
        "row 15: unknown role 'boss' (use one of: lead, co-lead, support, contact)",
        "row 16: Phone is a formula (=A1&B1): type the value itself",
        "rows 17-18: duplicate person: Le Thi C (VN) has different emails: "
        "'c1@mofa.gov.vn' / 'c2@mofa.gov.vn'",
        "row 19: Country is missing",
        f"row 20 (found as focal point {berta}, Berta Braun, by its email): duplicate focal "
        f"point: the name Carl Weber (DE) is also in focal point {carl} (Carl Weber) in the "
        "register",
    )
    assert text == "from-capitals.xlsx: nothing was imported, 9 problems:\n  " + "\n  ".join(
        problems)
    for good in (3, 4, 5, 6, 7, 8, 10):
        assert f"row {good}:" not in text
    assert state(known) == before  # the database is unchanged


def test_refused_dry_run_names_rows_too(known, tmp_path):
    book = tmp_path / "b.xlsx"
    write_hand_book(book, {3: ["1.3b", "Budi", "Indonesia", None, None, None, "lead"],
                           4: ["2.1", "Budi", "ID", None, None, None, "maybe"]})
    with pytest.raises(ImportRefused, match=r"row 4: unknown role 'maybe'"):
        import_register(known, book, dry_run=True)


def test_a_date_in_ref_and_blank_role(known, tmp_path):
    from datetime import datetime

    book = tmp_path / "d.xlsx"
    write_hand_book(book, {3: [datetime(2026, 3, 1), "Budi", "ID"],
                           4: ["1.2", "Budi", "ID"]})
    with pytest.raises(ImportRefused) as caught:
        import_register(known, book)
    assert caught.value.problems == (
        "row 3: Ref 2026-03-01 is a date: Excel turned the reference into a date; type it as "
        "text, e.g. with a leading apostrophe",)
    write_hand_book(book, {4: ["1.2", "Budi", "ID"]})
    result = import_register(known, book)
    assert result.lines[-1] == "add assignment: Budi (ID) -> 1.2 as lead  [row 4]"


# -- files that are not register workbooks ----------------------------------------------------

def one_line_error(desk: Desk, path: Path) -> str:
    with pytest.raises(InputError) as caught:
        import_register(desk, path)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_wrong_files_get_one_clear_line(desk, tmp_path):
    before = state(desk)
    txt = tmp_path / "notes.xlsx"
    txt.write_text("Name,Country\nBudi,ID\n", encoding="utf-8")
    assert one_line_error(desk, txt).startswith("notes.xlsx is not an Excel workbook (.xlsx)")
    csv = tmp_path / "register.csv"
    csv.write_text("Name,Country\nBudi,ID\n", encoding="utf-8")
    assert one_line_error(desk, csv).startswith("register.csv is not an Excel workbook")
    good = tmp_path / "good.xlsx"
    write_hand_book(good, GOOD_ROWS)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert one_line_error(desk, damaged).startswith("damaged.xlsx is ")
    other_zip = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("photo.txt", "not a workbook")
    assert one_line_error(desk, other_zip).startswith("photos.xlsx is not an Excel workbook")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "old .xls workbook" in one_line_error(desk, old)
    assert one_line_error(desk, tmp_path / "missing.xlsx").endswith("no such file")
    assert state(desk) == before


def test_a_workbook_without_the_columns(desk, tmp_path):
    wb = Workbook()
    wb.active.append(["Person", "Nation", "Ref"])
    wb.active.append(["Budi", "ID", "1.1"])
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    assert one_line_error(desk, path) == (
        "odd.xlsx: no sheet has a header row with Name and Country columns (its first row "
        "reads: Person, Nation, Ref)")


def test_one_row_with_several_problems_is_one_line(known, tmp_path):
    book = tmp_path / "multi.xlsx"
    write_hand_book(book, {3: ["7.7(q)", "Budi", "ID", "budi@", None, None, "chief"],
                           4: [None, "Sok Dara", "KH", None, None, None, None, None, None, None,
                               "maybe"]})
    with pytest.raises(ImportRefused) as caught:
        import_register(known, book)
    assert caught.value.problems == (
        "row 3: malformed email 'budi@' (expected name@domain.org); unknown reference "
        "'7.7(q)': no action line 7.7(q) in this plan; unknown role 'chief' (use one of: lead, "
        "co-lead, support, contact)",
        "row 4: Active must be yes or no, not 'maybe'",
    )


def test_active_from_excel_booleans(known, tmp_path):
    book = tmp_path / "bool.xlsx"
    anna = known.focal.find("anna.schmidt@diplo.de")
    write_hand_book(book, {3: [None, "Anna Schmidt", "DE", None, None, None, None, None, None,
                               None, False],
                           4: [None, "Sok Dara", "KH", None, None, None, None, None, None,
                               None, True]})
    result = import_register(known, book)
    assert result.lines == (
        f"update focal point {anna.id} Anna Schmidt (DE): active yes -> no  [row 3]",
        "add focal point Sok Dara (KH)  [row 4]",
    )
    assert not known.focal.get(anna.id).active and known.focal.find("Sok Dara").active
