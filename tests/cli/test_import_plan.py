"""`poadesk import plan FILE [--dry-run] [--style S] [--accept-unplaced]`: the preview printed
before anything is stored (counts per part and section, each section's first and last action
line, the introduction kept, the text not placed with its line), and the import after it."""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import DATA

MINI = DATA / "mini-plan.txt"
MINI_TITLE = "Plan of Action to Implement the Example Partnership (2024-2028)"


@pytest.fixture
def run(db_path, capsys):
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


def dump(db: Path) -> list[str]:
    """Every row of every table (and the schema), as SQL: what "nothing stored" compares."""
    with sqlite3.connect(db) as con:
        return list(con.iterdump())


def test_dry_run_prints_the_tree_and_stores_nothing(run, db_path):
    before = dump(db_path)
    code, out, err = run("import", "plan", str(MINI), "--dry-run")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == MINI_TITLE
    assert lines[1].startswith("mini-plan.txt: 3 parts, 3 sections, 6 action lines; read in "
                               "the style 'asean-eu'")
    assert lines[2].startswith("Introduction (kept as the plan's introduction, not made into "
                               "action lines): 1 paragraph")
    assert lines[3] == ("  This Plan of Action is adopted by the Example Ministerial Meeting "
                        "(EMM).")
    assert lines[4:] == [
        "1. POLITICAL COOPERATION: 2 sections, 3 action lines",
        "  1.1 Regular dialogue: 2 action lines",
        "    first 1.1(a)  Convene annual Senior Officials' Meetings (SOM) and the Example "
        "Joint Committee (EJC).",
        "    last  1.1(b)  Support the Regional Ocean Forum (ROF) and its work on "
        "capacity-building for coast guards.",
        "  1.2 Security: 1 action line",
        "    only  1.2(a)  Cooperate against cybercrime through the Example Cyber Centre (ECC), "
        "including through training and exchanges.",
        "2. ECONOMIC COOPERATION: 1 section, 1 action line",
        "  2.1 Trade: 1 action line",
        "    only  2.1(a)  Explore a Free Trade Agreement (FTA) between the two regions.",
        "3. FOLLOW-UP: 2 action lines",
        "  first 3(a)  Review this plan at the Example Ministerial Meeting.",
        "  last  3(b)  Report progress every two years.",
    ]
    assert err == "dry run: nothing was stored\n"
    assert dump(db_path) == before
    code, out, _ = run("plans")
    assert MINI_TITLE not in out


def test_a_real_import_after_the_preview_adds_the_plan(run, db_path):
    run("import", "plan", str(MINI), "--dry-run")
    code, out, err = run("import", "plan", str(MINI))
    assert code == 0, err
    assert out.startswith("added plan 2: " + MINI_TITLE + " (6 action lines)")
    _, out, _ = run("plans")
    assert f"{MINI_TITLE}  (6 action lines)" in out
    code, out, _ = run("show", "1.1(b)", "--plan", "2")
    assert code == 0 and "capacity-building for coast guards." in out
    # the preview of a plan already here says the import would be refused; nothing stored
    before = dump(db_path)
    code, out, err = run("import", "plan", str(MINI), "--dry-run")
    assert code == 0 and out.startswith(MINI_TITLE)
    assert "already in the database: importing it would be refused" in err
    assert dump(db_path) == before


def test_a_preview_of_a_file_that_cannot_be_read_is_one_line(run, db_path, tmp_path):
    bad = tmp_path / "plan.txt"
    bad.write_text("My plan\n\nJust some words.\n", encoding="utf-8")
    before = dump(db_path)
    for extra in ((), ("--dry-run",)):
        code, out, err = run("import", "plan", str(bad), *extra)
        assert code == 1 and out == ""
        assert err.startswith(f"poadesk: {bad}: no numbered parts found")
        assert err.count("\n") == 1
    assert dump(db_path) == before


def test_an_action_out_of_order_is_shown_not_guessed(run, db_path, tmp_path):
    bad = tmp_path / "plan.txt"
    bad.write_text("My plan\n\n1. PART\n\n1.1. S\n\n- a) one\n- c) three\n", encoding="utf-8")
    before = dump(db_path)
    code, out, err = run("import", "plan", str(bad), "--dry-run")
    assert code == 0, err
    assert out.splitlines()[-2:] == [
        "Not placed (1 piece of text: left out of the plan if it is imported):",
        "  line 8: '- c) three' (action c) is out of order (expected the b)))"]
    code, out, err = run("import", "plan", str(bad))
    assert code == 1 and err.count("\n") == 1 and "line 8" in err
    assert dump(db_path) == before


def test_a_wrong_file_type_is_one_line_and_stores_nothing(run, db_path, tmp_path):
    from openpyxl import Workbook

    book = tmp_path / "matrix.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Ref"
    wb.save(book)
    before = dump(db_path)
    for extra in ((), ("--dry-run",)):
        code, out, err = run("import", "plan", str(book), *extra)
        assert code == 1 and out == ""
        assert err.startswith("poadesk: ") and "matrix.xlsx" in err
        assert err.count("\n") == 1 and "Traceback" not in err
    assert dump(db_path) == before


def test_an_unknown_style_is_one_line_naming_the_styles(run, db_path):
    before = dump(db_path)
    code, out, err = run("import", "plan", str(MINI), "--style", "klingon", "--dry-run")
    assert code == 1 and out == ""
    assert err.startswith("poadesk: unknown plan style 'klingon'; the styles are: asean-eu (")
    assert err.count("\n") == 1
    assert dump(db_path) == before


def test_the_asean_eu_plan_previews_with_its_165_lines(run, db_path):
    from tests.conftest import SOURCE

    before = dump(db_path)
    code, out, err = run("import", "plan", str(SOURCE), "--dry-run")
    assert code == 0, err
    lines = out.splitlines()
    assert ": 5 parts, 29 sections, 165 action lines; read in the style" in lines[1]
    sections = [line for line in lines if line.startswith("  ") and line.endswith("lines")
                or line.endswith(" 1 action line") and line.startswith("  ")]
    assert len(sections) == 29
    firsts = [line.split()[1] for line in lines if line.lstrip().startswith(("first", "only"))]
    assert firsts[:2] == ["1.1(a)", "1.2(a)"] and firsts[-1] == "5(a)"
    assert len(firsts) == 30  # 29 sections and part 5's own lines
    # long action lines are shortened to 110 characters on screen, whole words
    shown = [line.split(None, 2)[2] for line in lines
             if line.lstrip().startswith(("first", "last", "only"))]
    assert max(len(text) for text in shown) <= 110
    assert any(text.endswith(" …") for text in shown)
    assert "already in the database" in err  # the seed plan is here
    assert dump(db_path) == before


STRAY = """Plan of Action to Implement the Stray Partnership (2025-2029)

This Plan of Action is adopted by the Stray Ministerial Meeting.

1. POLITICAL COOPERATION

1.1. Regular dialogue

A note the editor left here by mistake.

- a) Convene annual Senior Officials' Meetings.
- b) Support the Regional Ocean Forum.

2. FOLLOW-UP

- a) Review this plan.
"""


def test_unplaced_text_is_listed_with_its_line_and_refused_without_consent(run, db_path,
                                                                           tmp_path):
    stray = tmp_path / "stray.txt"
    stray.write_text(STRAY, encoding="utf-8")
    before = dump(db_path)
    code, out, err = run("import", "plan", str(stray), "--dry-run")
    assert code == 0, err
    lines = out.splitlines()
    assert "2 parts, 1 section, 3 action lines; 1 piece of text not placed" in lines[1]
    at = lines.index("Not placed (1 piece of text: left out of the plan if it is imported):")
    assert lines[at + 1].startswith("  line 9: 'A note the editor left here by mistake.'")
    assert "    last  1.1(b)  Support the Regional Ocean Forum." in lines  # not joined to it
    code, out, err = run("import", "plan", str(stray))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"poadesk: {stray}, line 9: ") and "A note the editor" in err
    assert err.endswith("; --dry-run shows what could not be placed, --accept-unplaced "
                        "imports the rest without it\n")
    assert dump(db_path) == before

    code, out, err = run("import", "plan", str(stray), "--accept-unplaced")
    assert code == 0, err
    assert out.startswith("added plan 2: Plan of Action to Implement the Stray Partnership "
                          "(2025-2029) (3 action lines)")
    assert "1 piece of text left out" in err
    _, out, _ = run("show", "1.1(a)", "--plan", "2")
    assert "Convene annual Senior Officials' Meetings." in out and "editor" not in out


def test_style_forces_another_reading(run, db_path):
    before = dump(db_path)
    code, out, err = run("import", "plan", str(MINI), "--dry-run", "--style", "Lettered")
    assert code == 0, err
    assert out.splitlines()[1].startswith("mini-plan.txt: 3 parts, 3 sections, 6 action lines; "
                                          "read in the style 'lettered'")
    # a style the file is not in: one line, nothing stored (never the detected one instead)
    code, out, err = run("import", "plan", str(MINI), "--dry-run", "--style", "roman")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"poadesk: {MINI}: no numbered parts found")
    assert dump(db_path) == before


def test_a_word_file_with_its_own_numbering_previews_then_imports(run, db_path, tmp_path):
    """A .docx whose numbers are Word's list formatting (tests/plan_docs.py), with a running
    header, page numbers and footnotes: the preview counts it and keeps the footnotes apart."""
    from tests.plan_docs import DECIMAL

    word = DECIMAL.write(tmp_path / "korea.docx", header="ASEAN-ROK Plan of Action")
    before = dump(db_path)
    code, out, err = run("import", "plan", str(word), "--dry-run")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == DECIMAL.shown[0]
    assert lines[1].startswith("korea.docx: 2 parts, 4 sections, 28 action lines; read in the "
                               "style 'decimal'")
    at = lines.index("  1.1 Strengthen political dialogue and cooperation: 3 action lines")
    assert lines[at + 1].startswith("    first 1.1.1  Convene a Commemorative Summit to mark")
    assert lines[at + 2] == "    last  1.1.3  " + textwrap.shorten(
        DECIMAL.shown[6].removeprefix("1.1.3 "), 110, placeholder=" …")
    assert "    last  2.1.2  Review the Free Trade Area." in lines
    assert lines[-1] == "Footnotes (kept apart from the action text): 2 footnotes"
    assert not any("ASEAN-ROK Plan of Action" in line or "Page 1" in line for line in lines)
    assert dump(db_path) == before
    code, out, err = run("import", "plan", str(word))
    assert code == 0, err
    assert out.startswith(f"added plan 2: {DECIMAL.shown[0]} (28 action lines)")
