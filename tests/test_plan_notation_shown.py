"""Every plan shown in its own notation (issue 22): a roman, a decimal and an unnumbered-headings
plan (tests/plan_styles.py) imported beside the ASEAN-EU plan, and read back as the user sees
them: the parts as published ("II. Economic Cooperation", a heading's title alone), an action
line told from a section by what it is (1.1.1 is an action line), quoted lines by their
reference, the JSON backup's part labels, the gaps of a section typed in any notation, and the
plans' short names on the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.activities.values import ActivityFields
from app.cli import main
from app.errors import NotFoundError
from app.export.brief_docx import write_brief_docx
from app.export.content import load_matrix
from app.export.report import export_report
from app.focal.values import FocalPointFields
from app.interchange.json_backup import export_state, import_state
from app.interchange.plan_text import import_plan
from app.values import Target
from tests.plan_styles import DECIMAL, HEADINGS, HEADINGS_TITLE_CASE, ROMAN, StylePlan

ROMAN_PARTS = ["I. Political and Security Cooperation", "II. Economic Cooperation"]
HEADINGS_PARTS = ["Political and Security Cooperation", "Economic Cooperation"]
DECIMAL_PARTS = ["1. Political-Security Cooperation", "2. Economic Cooperation",
                 "3. Follow-up"]


def _import(desk, tmp_path: Path, plan: StylePlan, name: str) -> int:
    path = tmp_path / f"{name}.txt"
    path.write_text(plan.text, encoding="utf-8")
    return import_plan(desk, path).id


@pytest.fixture
def plans(desk, tmp_path) -> dict[str, int]:
    return {name: _import(desk, tmp_path, plan, name)
            for name, plan in (("roman", ROMAN), ("decimal", DECIMAL), ("headings", HEADINGS),
                               ("title-case", HEADINGS_TITLE_CASE))}


def _texts(element) -> list[str]:
    """The text of every w:p under `element` (tables included), in order."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in element.iter(qn("w:p"))]


def _action(desk, plan_id: int, ref: str):
    return desk.action(desk.resolve_ref(ref, plan_id))


def test_parts_and_breadcrumbs_as_each_plan_numbers_them(desk, plans):
    assert [p.heading for p in desk.plan_tree(plans["roman"]).parts] == ROMAN_PARTS
    assert [p.heading for p in desk.plan_tree(plans["headings"]).parts] == HEADINGS_PARTS
    assert [p.heading for p in desk.plan_tree(plans["decimal"]).parts] == DECIMAL_PARTS
    asean_eu = desk.plan_tree(desk.default_plan_id()).parts
    assert asean_eu[4].heading == "5. Follow-up of the Plan of Action"
    assert _action(desk, plans["roman"], "II.2").breadcrumb == "II. Economic Cooperation"
    assert _action(desk, plans["roman"], "i.b.1").breadcrumb == (
        "I. Political and Security Cooperation > I.B Transnational crime")
    assert _action(desk, plans["headings"], "2.A.1").breadcrumb == (
        "Economic Cooperation > 2.A Trade")
    assert _action(desk, plans["title-case"], "2.1").breadcrumb == "Economic Cooperation"


def test_the_matrix_names_pillars_as_published_and_tells_lines_from_sections(desk, plans):
    decimal = plans["decimal"]
    fp = desk.focal.add(FocalPointFields("Siti Rahma", "ID", organisation="Kemlu")).id
    desk.focal.assign(fp, Target(action_id=desk.resolve_ref("1.1.1", decimal)), "lead")
    desk.focal.assign(fp, Target(section_id=desk.resolve("1.2", decimal).target.section_id),
                      "lead")
    rows, contacts, _glossary = load_matrix(desk, decimal)
    assert [r.pillar for r in rows] == [DECIMAL_PARTS[0]] * 4 + [DECIMAL_PARTS[1]] + [
        DECIMAL_PARTS[2]] * 2
    # 1.1.1 is an action line (it has no brackets); 1.2 a whole section
    assert contacts[0].role_lines() == ["Lead: 1.1.1, section 1.2"]
    rows, _contacts, _glossary = load_matrix(desk, plans["headings"])
    assert {r.pillar for r in rows} == set(HEADINGS_PARTS)


def test_the_report_names_parts_as_published(desk, plans, tmp_path):
    roman, titled = plans["roman"], plans["title-case"]
    for plan_id, ref in ((roman, "II.2"), (titled, "2.1")):
        desk.activities.add(Target(action_id=desk.resolve_ref(ref, plan_id)),
                            ActivityFields("Workshop on the reserve", "workshop",
                                           date(2026, 3, 5)))
    texts = {}
    for name, plan_id in (("roman", roman), ("titled", titled)):
        target = tmp_path / f"{name}.docx"
        export_report(desk, date(2026, 1, 1), date(2026, 6, 30), target, plan_id=plan_id)
        texts[name] = _texts(docx.Document(str(target)).element.body)
    assert set(ROMAN_PARTS) <= set(texts["roman"])
    assert "Part II: Economic Cooperation (lines outside a section)" in texts["roman"]
    assert "2. Economic Cooperation" not in "\n".join(texts["roman"])
    assert "Economic Cooperation (lines outside a section)" in texts["titled"]
    assert not any(t.startswith("Part :") or t.startswith("Part 2") for t in texts["titled"])


@pytest.fixture
def across(desk, plans) -> int:
    """A meeting with a roman plan's whole section I.A and part-level line II.2 and a decimal
    plan's 1.1.1; one focal point leads I.A.1, the section I.A and 1.1.1."""
    roman, decimal = plans["roman"], plans["decimal"]
    fp = desk.focal.add(FocalPointFields("Siti Rahma", "ID", organisation="Kemlu",
                                         email="siti@example.invalid")).id
    desk.focal.assign(fp, Target(action_id=desk.resolve_ref("I.A.1", roman)), "lead")
    desk.focal.assign(fp, Target(section_id=desk.resolve("I.A", roman).target.section_id),
                      "lead")
    desk.focal.assign(fp, Target(action_id=desk.resolve_ref("1.1.1", decimal)), "lead")
    meeting = desk.meetings.create("SOM", "Three plans", refs="I.A, II.2", plan_id=roman).id
    desk.meetings.add_items(meeting, "1.1.1", plan_id=decimal)
    return meeting


def test_the_brief_quotes_lines_by_their_reference_and_names_parts_and_plans(desk, across,
                                                                               tmp_path):
    path = tmp_path / "brief.docx"
    write_brief_docx(desk, across, path)
    document = docx.Document(str(path))
    texts = _texts(document.element.body)
    whole = "\n".join(texts)
    # the section's quoted line by its reference, never "1) "
    assert "I.A.1 Hold the ASEAN Plus Three Summit every year. [Not assessed]" in texts
    assert not any(t.startswith(("1) ", "2) ")) for t in texts)
    assert "Quoted: I.A.1 of 2 lines (those with notes, lines to take or focal points)." \
        in texts
    assert "Not quoted (in the plan): I.A.2." in texts
    # the part as published, in the context line and in the desk information
    assert any(t.startswith("Action line II.2 \u00b7 II. Economic Cooperation") for t in texts)
    assert "II. Economic Cooperation" in texts
    assert "2. Economic Cooperation" not in whole
    # the focal point annex: action lines and sections told by what they are, each named by
    # its plan (the meeting spans two)
    lead = next(t for t in texts if t.startswith("Lead: "))
    assert lead == ("Lead: ASEAN Plus Three I.A.1, ASEAN Plus Three section I.A, "
                    "ASEAN-Australia 1.1.1")


def test_a_section_item_lists_its_lines_by_reference(desk, across):
    section = desk.meetings.get(across).items[0]
    assert section.text.splitlines() == [
        "I.A.1 Hold the ASEAN Plus Three Summit every year.",
        "I.A.2 Hold the Foreign Ministers' meeting every year."]
    assert section.part_heading == "I. Political and Security Cooperation"


def test_the_json_backup_keeps_part_labels(desk, other_desk, plans):
    data = export_state(desk)
    by_title = {p["title"]: p for p in data["plans"]}
    assert [p["label"] for p in by_title[ROMAN.title]["parts"]] == ["I", "II"]
    assert [p["label"] for p in by_title[HEADINGS.title]["parts"]] == ["", ""]
    import_state(other_desk, json.loads(json.dumps(data)))
    restored = {p.title: p.id for p in other_desk.plans()}
    assert [p.heading for p in other_desk.plan_tree(restored[ROMAN.title]).parts] == ROMAN_PARTS
    assert [p.heading for p in other_desk.plan_tree(restored[HEADINGS.title]).parts] == \
        HEADINGS_PARTS


def test_a_json_file_without_labels_numbers_its_parts(desk, other_desk, plans):
    data = export_state(desk)
    roman = next(p for p in data["plans"] if p["title"] == ROMAN.title)
    data["plans"] = [roman]
    for part in roman["parts"]:
        del part["label"]  # a file written before labels
    import_state(other_desk, data)
    plan_id = next(p.id for p in other_desk.plans() if p.title == ROMAN.title)
    assert [p.heading for p in other_desk.plan_tree(plan_id).parts] == [
        "1. Political and Security Cooperation", "2. Economic Cooperation"]


def test_gaps_of_a_section_typed_in_any_notation(desk, plans):
    roman, headings = plans["roman"], plans["headings"]
    for typed in ("I.A", "i.a", "I A", "I.A."):
        [(row, missing)] = desk.focal.gaps("ID", roman, section=typed)
        assert row.label == "I.A" and [a.ref for a in missing] == ["I.A.1", "I.A.2"]
    for typed in ("II", "ii", "2"):  # the part's own lines, by its label or its place
        [(row, missing)] = desk.focal.gaps("ID", roman, section=typed)
        assert row.label == "II" and [a.ref for a in missing] == ["II.1", "II.2", "II.3"]
    [(row, _missing)] = desk.focal.gaps("ID", headings, section="1.b")
    assert row.label == "1.B"
    [(row, _missing)] = desk.focal.gaps("ID", desk.default_plan_id(), section="5")
    assert row.label == "5"
    with pytest.raises(NotFoundError):
        desk.focal.gaps("ID", roman, section="III")


@pytest.fixture
def run(db_path, capsys):
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


def test_the_command_line_names_plans_and_parts_as_published(run, tmp_path):
    path = tmp_path / "roman.txt"
    path.write_text(ROMAN.text, encoding="utf-8")
    assert run("import", "plan", str(path))[0] == 0
    code, out, err = run("plans")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("  1  ASEAN-EU: Plan of Action to Implement the ASEAN-EU")
    assert lines[1] == ("  2  ASEAN Plus Three: ASEAN Plus Three Cooperation Work Plan "
                        "(2023-2027)  (6 action lines)")
    assert lines[2] == ("An agenda takes a line of another plan after the plan's short name: "
                        "ASEAN Plus Three: I.A.1")
    code, out, err = run("show", "--plan", "2", "II.3")
    assert code == 0, err
    assert out.splitlines()[:2] == ["II.3  [Not assessed]", "II. Economic Cooperation"]
