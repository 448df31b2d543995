"""Several plans side by side (issue 22): after `poadesk import plan`, a meeting takes items from
both plans (`--plan`), each item with its own plan's text; the brief says which plan each item
comes from when the meeting spans more than one."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from app.cli import main
from tests.conftest import DATA

MINI_TITLE = "Plan of Action to Implement the Example Partnership (2024-2028)"
ASEAN_EU_TITLE = "Plan of Action to Implement the ASEAN-EU Strategic Partnership (2023-2027)"
ROF = "Support the Regional Ocean Forum (ROF) and its work on capacity-building for coast guards."
SOMTC = "Convene the ASEAN Plus EU Senior Officials Meeting on Transnational Crime (SOMTC+EU)"


@pytest.fixture
def run(db_path, capsys):
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


@pytest.fixture
def two_plans_meeting(run) -> int:
    """Plan 2 imported; a SOM with 1.3(b) and 3.5 of the ASEAN-EU plan and 1.1(b) and 3(a)
    of the Example plan (the same references exist in both: 1.1(b), 3(a))."""
    assert run("import", "plan", str(DATA / "mini-plan.txt"))[0] == 0
    code, out, err = run("meeting", "add", "--kind", "SOM", "--title", "Two plans SOM",
                    "--refs", "1.3b, 3.5")
    assert code == 0, err
    meeting = int(out.split()[0])
    assert run("meeting", "add-items", str(meeting), "1.1(b), 3a", "--plan", "2")[0] == 0
    return meeting


def test_a_meeting_takes_items_from_two_plans(run, two_plans_meeting):
    meeting = str(two_plans_meeting)
    _, out, _ = run("meeting", "show", meeting)
    flat = " ".join(out.split())
    # the meeting spans two plans: each item says which plan it is from, by its short name
    assert "1. ASEAN-EU 1.3(b) Combat terrorism" in flat and SOMTC in flat
    assert "3. Example Partnership 1.1(b) Regular dialogue" in flat and ROF in flat
    assert "4. Example Partnership 3(a) Follow-up" in flat
    assert "Review this plan at the Example Ministerial" in flat
    assert f"Plans: ASEAN-EU: {ASEAN_EU_TITLE} Example Partnership: {MINI_TITLE}" in flat
    # the same reference in the other plan is another item: --plan picks it
    code, _, err = run("meeting", "item", meeting, "1.1(b)", "--plan", "2", "--objective",
                       "Welcome the coast guard training")
    assert code == 0, err
    _, out, _ = run("meeting", "item", meeting, "1.1(b)", "--plan", "2")
    assert "Welcome the coast guard training" in out and "Regional Ocean Forum" in out
    code, out, err = run("meeting", "item", meeting, "1.1(b)", "--plan", "1")
    assert code == 1 and out == "" and err.count("\n") == 1  # not on this agenda
    code, out, _ = run("meeting", "item", meeting, "1.3(b)", "--plan", "1")
    assert code == 0 and "Transnational Crime" in out


def _blocks(path: Path) -> dict[int, str]:
    """The Word brief's text per agenda item (from its 'Item N:' heading in the body to the
    next), paragraphs and tables in document order."""
    doc = Document(str(path))
    body = doc.element.body
    texts: list[str] = []
    for child in body.iterchildren():
        texts.append(" ".join("".join(t.text or "" for t in child.iter()
                                      if t.tag.endswith("}t")).split()))
    starts = {}
    for at, text in enumerate(texts):
        for n in range(1, 10):
            if text.startswith(f"Item {n}:"):
                starts[n] = at  # the last one: the body's heading, after the contents
    ordered = sorted(starts.items())
    out = {}
    for i, (n, at) in enumerate(ordered):
        end = ordered[i + 1][1] if i + 1 < len(ordered) else len(texts)
        out[n] = " ".join(texts[at:end])
    return out


def test_the_word_brief_quotes_each_item_from_its_own_plan(run, two_plans_meeting, tmp_path):
    out = tmp_path / "brief.docx"
    assert run("export", "brief", "--meeting", str(two_plans_meeting), str(out))[0] == 0
    blocks = _blocks(out)
    assert sorted(blocks) == [1, 2, 3, 4]
    assert SOMTC in blocks[1] and ROF not in blocks[1]
    assert ROF in blocks[3] and "Action line 1.1(b)" in blocks[3]
    assert "Review this plan at the Example Ministerial Meeting." in blocks[4]


def test_the_brief_names_the_plan_on_each_item_when_the_meeting_spans_two(
        run, two_plans_meeting, tmp_path):
    from openpyxl import load_workbook

    docx, xlsx = tmp_path / "brief.docx", tmp_path / "brief.xlsx"
    run("export", "brief", "--meeting", str(two_plans_meeting), str(docx))
    run("export", "brief", "--meeting", str(two_plans_meeting), str(xlsx))
    blocks = _blocks(docx)
    assert all(ASEAN_EU_TITLE in blocks[n] for n in (1, 2))
    assert all(MINI_TITLE in blocks[n] for n in (3, 4))
    agenda = load_workbook(xlsx, read_only=True).worksheets[0]
    rows = {str(r[1]): [str(c) for c in r] for r in agenda.iter_rows(values_only=True)
            if r and r[1] in ("1.3(b)", "1.1(b)")}
    assert any("Example Partnership" in c for c in rows["1.1(b)"])
    assert any("ASEAN-EU" in c for c in rows["1.3(b)"])
    assert all(MINI_TITLE not in blocks[n] for n in (1, 2))
    assert all(ASEAN_EU_TITLE not in blocks[n] for n in (3, 4))
    # the item's heading, the verbatim quote's heading and the desk information say it too
    assert blocks[3].startswith("Item 3: Example Partnership 1.1(b) ")
    assert blocks[2].startswith("Item 2: ASEAN-EU 3.5 ")
    assert "Text of the action line (Example Partnership)" in blocks[3]
    assert "Text of section 3.5 (ASEAN-EU)" in blocks[2]
    doc = Document(str(docx))
    desk_tables = [{r.cells[0].text: r.cells[1].text for r in t.rows} for t in doc.tables
                   if t.rows[0].cells[0].text == "Status"]
    assert [t["Plan"] for t in desk_tables] == [ASEAN_EU_TITLE] * 2 + [MINI_TITLE] * 2
    # the objectives table and the cover
    objectives = next(t for t in doc.tables if t.rows[0].cells[1].text == "Agenda item")
    assert [r.cells[1].text.split("\n")[-1] for r in objectives.rows[1:]] == [
        "ASEAN-EU action line 1.3(b)", "ASEAN-EU section 3.5",
        "Example Partnership action line 1.1(b)", "Example Partnership action line 3(a)"]
    cover = [p.text for p in doc.paragraphs[:3]]
    assert f"{ASEAN_EU_TITLE} and {MINI_TITLE}" in cover


def test_a_brief_of_one_plan_names_it_once_on_its_cover(run, tmp_path):
    assert run("import", "plan", str(DATA / "mini-plan.txt"))[0] == 0
    code, out, _ = run("meeting", "add", "--kind", "SOM", "--title", "Example SOM", "--plan",
                       "2", "--refs", "1.1(b), 3a")
    assert code == 0
    docx = tmp_path / "one.docx"
    assert run("export", "brief", "--meeting", out.strip(), str(docx))[0] == 0
    doc = Document(str(docx))
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows
                                                 for c in r.cells]
    assert sum(MINI_TITLE in t for t in texts) == 1 and MINI_TITLE in texts[0]
    assert not any("Example Partnership 1.1(b)" in t or "(Example Partnership)" in t
                   for t in texts)
    assert any(t.startswith("Item 1: 1.1(b) ") for t in texts)


def test_the_full_text_annex_names_the_plan_of_each_section(run, two_plans_meeting, tmp_path):
    assert run("meeting", "add-items", str(two_plans_meeting), "2.1", "--plan", "2")[0] == 0
    docx = tmp_path / "full.docx"
    assert run("export", "brief", "--meeting", str(two_plans_meeting), str(docx),
               "--full-text")[0] == 0
    headings = [p.text for p in Document(str(docx)).paragraphs
                if p.style.name == "Heading 2" and "section" in p.text]
    assert headings[-2].startswith("ASEAN-EU section 3.5 Address regional")
    assert headings[-1].startswith("Example Partnership section 2.1 ")
