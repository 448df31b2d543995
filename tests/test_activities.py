"""Activities under action lines, and the progress report to the Ministerial Meeting (part 5 of
the plan): what a user records, and what the report says, read back from the files."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from app.activities.values import ActivityFields
from app.cli import main
from app.errors import InputError
from app.interchange.json_backup import export_state, import_state
from app.values import Target


def add(desk, ref: str, title: str, day: date | None, **more):
    return desk.activities.add(desk.resolve(ref).target,
                               ActivityFields(title, start_date=day, **more)).id


def test_activities_by_line_section_and_period(desk):
    add(desk, "3.5(b)", "Haze workshop", date(2026, 3, 4), kind="workshop", place="Bangkok")
    add(desk, "3.5", "Dialogue on the environment", date(2025, 6, 1), kind="Meeting")
    add(desk, "1.1(a)", "24th AEMM", date(2025, 1, 1), end_date=date(2025, 1, 2))
    on_line = desk.activities.list(target=Target(action_id=desk.resolve_ref("3.5(b)")))
    assert [a.fields.title for a in on_line] == ["Dialogue on the environment", "Haze workshop"]
    in_2026 = desk.activities.list(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31))
    assert [(a.ref, a.fields.kind, a.fields.place) for a in in_2026] == [
        ("3.5(b)", "workshop", "Bangkok")]
    assert in_2026[0].when == "4 March 2026"
    assert desk.activities.list(date_from=date(2025, 1, 2), date_to=date(2025, 1, 2))[0].when \
        == "1\u20132 January 2025"


def test_bad_activities_are_refused_in_one_line(desk):
    target = desk.resolve("1.1(a)").target
    for fields, message in (
            (ActivityFields(""), "needs a title"),
            (ActivityFields("T", kind="party"), "unknown activity kind 'party'"),
            (ActivityFields("T", start_date=date(2026, 2, 2), end_date=date(2026, 2, 1)),
             "ends"),
            (ActivityFields("x" * 301), "too long")):
        with pytest.raises(InputError, match=message):
            desk.activities.add(target, fields)
    assert desk.activities.list() == []


def test_edit_remove_and_restore_keep_the_id_and_the_history(desk):
    aid = add(desk, "2.1(c)", "JWG on the FTA framework", date(2026, 5, 5))
    info = desk.activities.get(aid)
    desk.activities.edit(aid, ActivityFields("JWG, 3rd meeting", start_date=date(2026, 5, 6)))
    removed = desk.activities.remove(aid)
    assert desk.activities.list() == []
    assert desk.activities.restore(removed).id == aid
    assert desk.activities.get(aid).fields.title == "JWG, 3rd meeting"
    history = desk.history(desk.resolve_ref("2.1(c)"))
    fields = {(h.kind, h.field) for h in history}
    assert {("activity", "created"), ("activity", "title"), ("activity", "deleted")} <= fields
    assert info.ref == "2.1(c)"


def test_activities_round_trip_through_json(desk, other_desk):
    add(desk, "3.5", "ASEAN-EU haze dialogue", date(2026, 3, 4), kind="meeting",
        lead="EU", programme="E-READI", link="https://example.invalid/haze")
    add(desk, "5(a)", "Progress report drafted", None, kind="statement", notes="Draft 2")
    data = export_state(desk)
    assert [a["title"] for a in data["activities"]] == ["ASEAN-EU haze dialogue",
                                                        "Progress report drafted"]
    import_state(other_desk, data)
    import_state(other_desk, data)  # twice: matched, not doubled
    mine = [(a.ref, a.fields) for a in desk.activities.list()]
    theirs = [(a.ref, a.fields) for a in other_desk.activities.list()]
    assert theirs == mine
    data["activities"][0]["section"] = "9.9"
    with pytest.raises(InputError, match="activity 1.*9.9"):
        import_state(other_desk, data)


def seeded(desk) -> None:
    """Statuses and activities a test can count by hand."""
    for ref, status in (("1.1(a)", "Achieved"), ("1.1(b)", "Recurring"),
                        ("2.1(c)", "Being addressed"), ("3.5(b)", "Not yet addressed")):
        desk.set_status(desk.resolve_ref(ref), status)
    add(desk, "2.1(c)", "JWG on the FTA framework", date(2026, 5, 5), kind="meeting")
    add(desk, "3.5", "Haze workshop", date(2026, 3, 4), kind="workshop")
    add(desk, "1.1(a)", "Old AEMM", date(2024, 1, 1))


def test_the_reports_figures_are_the_databases(desk):
    from app.export.report_content import load_report

    seeded(desk)
    report = load_report(desk, date(2026, 1, 1), date(2026, 12, 31))
    statuses = [a.status for a in desk.plan_tree().all_actions()]
    assert report.overall.total == len(statuses) == 165
    assert report.overall.addressed == sum(s in ("achieved", "recurring", "being_addressed")
                                           for s in statuses) == 3
    assert sum(p.total for p in report.pillars) == 165
    assert sum(s.total for s in report.sections) + 4 == 165  # part 5's own four lines
    with_activity = {line.ref: [a.fields.title for a in line.activities]
                     for line in report.lines if line.activities}
    assert with_activity["2.1(c)"] == ["JWG on the FTA framework"]
    assert all(titles == ["Haze workshop"] for ref, titles in with_activity.items()
               if ref.startswith("3.5("))
    assert "1.1(a)" not in with_activity  # its activity was before the period
    assert [(c.ref, c.old, c.new) for c in report.changes] == [
        ("1.1(a)", "Not assessed", "Achieved"), ("1.1(b)", "Not assessed", "Recurring"),
        ("2.1(c)", "Not assessed", "Being addressed"),
        ("3.5(b)", "Not assessed", "Not yet addressed")]


@pytest.mark.sqlite_only  # through the command line, on a file
def test_the_word_report_has_the_chart_and_the_matrix(desk, tmp_path):
    import docx

    seeded(desk)
    out = tmp_path / "report.docx"
    code = main(["--db", str(desk.path), "export", "report", "--from", "2026-01-01", "--to",
                 "2026-12-31", "--marking", "RESTRICTED", str(out)])
    assert code == 0
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "3 of 165 action lines (2%) are achieved or being addressed" in text
    assert len(document.inline_shapes) == 1  # the chart
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "2.1(c)" in cells and any("JWG on the FTA framework" in c for c in cells)
    assert document.sections[0].header.paragraphs[0].text == "RESTRICTED"
    at = cells.index("1.2(a)")  # listed apart, in a table by section: no activity
    assert cells[at + 1] == "Not assessed"


@pytest.mark.sqlite_only  # through the command line, on a file
def test_the_excel_report_has_a_native_chart_and_references_as_text(desk, tmp_path):
    from openpyxl import load_workbook

    seeded(desk)
    out = tmp_path / "report.xlsx"
    assert main(["--db", str(desk.path), "export", "report", "--from", "2026-01-01", "--to",
                 "2026-12-31", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    wb = load_workbook(out)
    matrix = wb["Matrix"]
    refs = [row[0].value for row in matrix.iter_rows(min_row=3)]
    assert all(isinstance(r, str) for r in refs)
    assert len([r for r in refs if "(" in r]) == 165  # and 3.5's row of section-wide ones
    assert wb["Summary"]["A3"].value.startswith("1. Political")
    assert matrix.auto_filter.ref.startswith("A2:")


@pytest.mark.sqlite_only  # through the command line, on a file
def test_activity_commands(desk, capsys):
    db = str(desk.path)
    assert main(["--db", db, "activity", "add", "3.5b", "--title", "Haze workshop", "--date",
                 "2026-03-04", "--kind", "workshop", "--place", "Bangkok"]) == 0
    new_id = capsys.readouterr().out.strip()
    assert main(["--db", db, "activity", "edit", new_id, "--place", "Chiang Mai"]) == 0
    assert main(["--db", db, "activity", "list", "3.5(b)"]) == 0
    out = capsys.readouterr().out
    assert "Haze workshop (Chiang Mai)" in out and "4 March 2026" in out
    assert main(["--db", db, "activity", "add", "9.9z", "--title", "x"]) == 1
    assert "no action line 9.9(z)" in capsys.readouterr().err
    assert main(["--db", db, "activity", "remove", new_id]) == 0
    assert main(["--db", db, "activity", "list"]) == 0
    assert "no activities recorded" in capsys.readouterr().out


def _sheet(tmp_path, rows, header=("Ref", "Title", "Kind", "Start", "End", "Place")):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Activities"
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    path = tmp_path / "activities.xlsx"
    wb.save(path)
    return path


def test_activities_from_a_workbook_are_previewed_then_added_or_updated(desk, tmp_path):
    from datetime import datetime

    from app.interchange.activities_xlsx import apply_activities, preview_activities

    add(desk, "3.5", "Haze dialogue", date(2026, 3, 4), place="Bangkok")
    path = _sheet(tmp_path, [
        ("3.5", "Haze dialogue", "meeting", "2026-03-04", None, "Chiang Mai"),  # updates
        ("2.1c", "JWG, 3rd meeting", "Meeting", datetime(2026, 5, 5), None, "Bangkok"),
        ("5(a)", "Joint statement", "statement or document", "27 November 2026", None, ""),
    ], header=("Ref", "Title", "Kind", "Start", "End", "Place", "Owner's comment"))
    preview = preview_activities(desk, path)
    assert [(i.ref, i.existing is not None) for i in preview.items] == [
        ("3.5", True), ("2.1(c)", False), ("5(a)", False)]
    assert preview.ignored == ("Owner's comment",)
    assert desk.activities.list() and len(desk.activities.list()) == 1  # nothing yet
    apply_activities(desk, preview)
    got = {(a.ref, a.fields.title): a.fields for a in desk.activities.list()}
    assert got[("3.5", "Haze dialogue")].place == "Chiang Mai"
    assert got[("2.1(c)", "JWG, 3rd meeting")].kind == "meeting"
    assert got[("5(a)", "Joint statement")].start_date == date(2026, 11, 27)
    assert preview_activities(desk, path).items == ()  # imported twice: nothing new


@pytest.mark.parametrize(("row", "message"), [
    ((1.1, "T", "", "2026-01-01", None, ""), "the number 1.1 where a reference is expected"),
    (("9.9z", "T", "", None, None, ""), r"no action line 9\.9\(z\)"),
    (("1.1a", "T", "party", None, None, ""), "unknown activity kind 'party'"),
    (("1.1a", "T", "", "soon", None, ""), "'soon' is not a date"),
    (("1.1a", "T", "", "2026-02-02", "2026-02-01", ""), "ends before it starts"),
    (("1.1a", "=1+1", "", None, None, ""), "a formula"),
    (("1.1a", "", "", None, None, ""), "the title is missing"),
])
def test_a_bad_activities_workbook_is_refused_naming_the_cell(desk, tmp_path, row, message):
    from app.interchange.activities_xlsx import preview_activities

    path = _sheet(tmp_path, [("2.1c", "Fine row", "", "2026-05-05", None, ""), row])
    with pytest.raises(InputError, match=message) as caught:
        preview_activities(desk, path)
    assert "sheet 'Activities', row 3" in str(caught.value)
    assert desk.activities.list() == []


def test_an_activities_import_can_be_undone_from_the_history(desk, tmp_path):
    from app.interchange.activities_xlsx import apply_activities, preview_activities

    add(desk, "3.5", "Haze dialogue", date(2026, 3, 4), place="Bangkok")
    path = _sheet(tmp_path, [("3.5", "Haze dialogue", "meeting", "2026-03-04", None, "Hanoi"),
                             ("2.1c", "JWG", "meeting", "2026-05-05", None, "Bangkok")])
    apply_activities(desk, preview_activities(desk, path))
    operation = desk.last_import()
    assert operation == "activities import from activities.xlsx"
    desk.revert_operation(operation)
    assert [(a.ref, a.fields.place) for a in desk.activities.list()] == [("3.5", "Bangkok")]
