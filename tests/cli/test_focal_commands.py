"""The focal-point commands: register, assign, gaps, coverage, hand-over, workbook, JSON."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from app.cli import main
from app.service import Desk


@pytest.fixture
def run(db_path, capsys):
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


@pytest.fixture
def people(run):
    """Two focal points with assignments, made through the command line."""
    for args in (("Nguyen Van A", "--country", "viet nam", "--email", "a@mofa.gov.vn",
                  "--organisation", "MOFA", "--title", "Deputy DG"),
                 ("Anna Schmidt", "--country", "DE")):
        code, _out, err = run("focal-points", "add", *args)
        assert code == 0, err
    assert run("assign", "2.1", "--person", "a@mofa.gov.vn", "--role", "co lead")[0] == 0
    assert run("assign", "1.3b", "--person", "1", "--role", "support")[0] == 0
    assert run("assign", "5a", "--person", "Anna Schmidt", "--role", "contact")[0] == 0
    return run


def test_add_and_list(people):
    code, out, err = people("focal-points", "list")
    assert code == 0 and err == "2 focal points\n"
    assert out.splitlines() == [
        "   1  VN   Nguyen Van A - Deputy DG, MOFA <a@mofa.gov.vn>  [2 assigned]",
        "   2  DE   Anna Schmidt  [1 assigned]",
    ]
    code, out, _ = people("focal-points", "list", "--country", "DE")
    assert [line.split()[0] for line in out.splitlines()] == ["2"]


def test_bad_input_is_one_line(run):
    code, out, err = run("focal-points", "add", "X", "--country", "Vietnam")
    assert (code, out) == (1, "")
    assert err == "poadesk: unknown country 'Vietnam' (did you mean Viet Nam (VN)?)\n"
    code, _, err = run("focal-points", "add", "X", "--country", "VN", "--email", "x@y")
    assert code == 1 and err == "poadesk: malformed email 'x@y' (expected name@domain.org)\n"
    run("focal-points", "add", "X", "--country", "VN")
    code, _, err = run("assign", "9.9(z)", "--person", "1")
    assert err == "poadesk: unknown reference '9.9(z)': no action line 9.9(z) in this plan\n"
    code, _, err = run("assign", "1.1(a)", "--person", "1", "--role", "boss")
    assert code == 1 and "unknown role 'boss'" in err
    code, _, err = run("focal-points", "add", "x", "--country", "vn")
    assert code == 1 and "duplicate focal point: X (VN) is already in the register" in err


def test_assign_change_role_and_unassign(people):
    code, out, _ = people("assign", "1.3(b)", "--person", "1", "--role", "lead")
    assert out == "Nguyen Van A (VN) on 1.3(b): role support -> lead\n"
    code, out, _ = people("focal-points", "show", "1")
    lines = out.splitlines()
    assert lines[1].split()[:3] == ["action", "1.3(b)", "lead"]
    assert lines[2].split()[:3] == ["section", "2.1", "co-lead"]
    code, out, _ = people("unassign", "2.1", "--person", "a@mofa.gov.vn")
    assert out == "removed Nguyen Van A (VN) from 2.1\n"
    code, _, err = people("unassign", "2.1", "--person", "1")
    assert code == 1 and "is not assigned to 2.1" in err


def test_show_lists_section_focal_points(people):
    code, out, _ = people("show", "2.1(c)")
    assert "Focal point: Viet Nam: Nguyen Van A, MOFA - co-lead (whole section)" in out


def test_gaps(people):
    code, out, err = people("gaps", "--country", "VN")
    refs = [line.split()[0] for line in out.splitlines()]
    assert code == 0 and len(refs) == 165 - 11
    assert "1.3(b)" not in refs and not any(r.startswith("2.1(") for r in refs)
    assert refs[:3] == ["1.1(a)", "1.1(b)", "1.1(c)"]
    assert err == "VN: 154 action lines (of 165) without a focal point of this country\n"
    code, out, err = people("gaps", "--country", "germany", "--section", "5")
    assert [line.split()[0] for line in out.splitlines()] == ["5(b)", "5(c)", "5(d)"]
    assert err == "DE: 3 action lines of section 5 without a focal point of this country\n"


def test_coverage_table(people):
    code, out, _ = people("coverage")
    lines = out.splitlines()
    assert lines[0].split() == ["lines", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH",
                                "TL", "VN", "EU27", "EU", "ASEC"]
    rows = {line.split()[0]: [int(x) for x in line.split()[1:]] for line in lines[1:]}
    assert len(rows) == 30
    assert rows["2.1"][0] == 10 and rows["2.1"][11] == 10  # lines, VN
    assert rows["1.3"][0] == 13 and rows["1.3"][11] == 1
    assert rows["5"] == [4] + [0] * 11 + [1, 0, 0]  # Anna (DE) counts in EU27


def test_handover_to_new_and_existing(people, db_path):
    code, out, _ = people("handover", "1", "--name", "Tran Thi B", "--email", "b@mofa.gov.vn")
    assert out == ("handed over 2 assignments from Nguyen Van A (VN) to Tran Thi B (VN) (new); "
                   "Nguyen Van A is now inactive\n")
    desk = Desk.open(db_path)
    try:
        old, new = desk.focal.get(1), desk.focal.find("b@mofa.gov.vn")
        assert (old.active, old.successor_id, new.country_code) == (False, new.id, "VN")
        assert [a.ref for a in desk.focal.assignments_of(new.id)] == ["1.3(b)", "2.1"]
    finally:
        desk.close()
    code, out, _ = people("handover", "Anna Schmidt", "b@mofa.gov.vn")
    assert out.startswith("handed over 1 assignment from Anna Schmidt (DE) to Tran Thi B (VN)")
    code, _, err = people("handover", "3", "1")
    assert code == 1 and err == "poadesk: the successor Nguyen Van A is inactive: reactivate " \
                                "them first\n"


def test_workbook_export_dry_run_and_import(people, tmp_path, db_path):
    out_file = tmp_path / "register.xlsx"
    code, _, err = people("focal-points", "export", str(out_file))
    assert code == 0 and err == f"wrote {out_file} (2 focal points, 3 assignments)\n"
    book = tmp_path / "update.xlsx"
    wb = Workbook()
    wb.active.append(["Name", "Country", "E-mail", "Ref", "Role", "Title"])
    wb.active.append(["Nguyen Van A", "VN", "a@mofa.gov.vn", "1.2(a)", "lead", "DG"])
    wb.active.append(["Somchai Jaidee", "Thailand", "", "3.1", "support"])
    wb.save(book)
    before = out_file.read_bytes()
    code, out, err = people("focal-points", "import", str(book), "--dry-run")
    assert code == 0, err
    assert out.splitlines() == [
        "dry run: add 1 focal point, update 1, add 2 assignments (nothing was changed)",
        "  update focal point 1 Nguyen Van A (VN): title 'Deputy DG' -> 'DG'  [row 2]",
        "  add assignment: Nguyen Van A (VN) -> 1.2(a) as lead  [row 2]",
        "  add focal point Somchai Jaidee (TH)  [row 3]",
        "  add assignment: Somchai Jaidee (TH) -> 3.1 as support  [row 3]",
    ]
    again = tmp_path / "again.xlsx"
    people("focal-points", "export", str(again))
    from openpyxl import load_workbook

    def rows(path):
        wb = load_workbook(path, read_only=True)
        try:
            return [[c.value for c in r] for r in wb["Focal points"].iter_rows()]
        finally:
            wb.close()

    assert rows(again) == rows(out_file) and before == out_file.read_bytes()  # unchanged
    code, out, _ = people("focal-points", "import", str(book))
    assert out.splitlines()[0] == (
        "imported update.xlsx: add 1 focal point, update 1, add 2 assignments")
    code, out, _ = people("focal-points", "list", "--country", "TH")
    assert "Somchai Jaidee" in out and "[1 assigned]" in out


def test_refused_import_names_rows_and_changes_nothing(people, tmp_path):
    book = tmp_path / "bad.xlsx"
    wb = Workbook()
    wb.active.append(["name", "COUNTRY", "ref", "role"])
    wb.active.append(["Budi", "Indonesia", "1.1(a)", "lead"])
    wb.active.append(["Pham", "Vietnam", "1.1(b)", "lead"])
    wb.active.append(["Le", "KH", 1.1, "lead"])
    wb.save(book)
    code, out, err = people("focal-points", "import", str(book))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "poadesk: bad.xlsx: nothing was imported, 2 problems:",
        "  row 3: unknown country 'Vietnam' (did you mean Viet Nam (VN)?)",
        "  row 4: Ref 1.1 is a number, not text: it is ambiguous (Excel turns 1.10 into 1.1); "
        "type the reference as text, e.g. with a leading apostrophe",
    ]
    code, out, _ = people("focal-points", "list", "--all")
    assert "Budi" not in out
    notes = tmp_path / "notes.xlsx"
    notes.write_text("not a workbook", encoding="utf-8")
    code, _, err = people("focal-points", "import", str(notes))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("poadesk: notes.xlsx is not an Excel workbook (.xlsx)")


def test_json_export_carries_the_register(people, tmp_path, seed_db):
    code, out, _ = people("export", "json", "-")
    block = json.loads(out)["focal_points"]
    assert [p["name"] for p in block["people"]] == ["Nguyen Van A", "Anna Schmidt"]
    assert {(a["person"], a.get("ref") or a.get("section"), a["role"])
            for a in block["assignments"]} == {(1, "1.3(b)", "support"), (1, "2.1", "co-lead"),
                                               (2, "5(a)", "contact")}
    path = tmp_path / "backup.json"
    path.write_text(out, encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    fresh.write_bytes(seed_db.read_bytes())
    assert main(["--db", str(fresh), "import", "json", str(path)]) == 0
    assert main(["--db", str(fresh), "gaps", "--country", "VN", "--section", "2.1"]) == 0
    desk = Desk.open(fresh)
    try:
        assert desk.focal.coverage().row("2.1").count("VN") == 10
        assert [p.name for p in desk.focal.people()] == ["Nguyen Van A", "Anna Schmidt"]
    finally:
        desk.close()
