"""`poadesk meeting ...`, `export brief`, `export matrix` and meetings in the JSON backup."""

from __future__ import annotations

import json
import shutil

import docx
import openpyxl
import pytest

from app.cli import main


@pytest.fixture
def run(db_path, capsys):
    def _run(*args: str, db=db_path) -> tuple[int, str, str]:
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


def add_som(run) -> str:
    code, out, err = run("meeting", "add", "--kind", "SOM", "--title", "29th SOM",
                         "--date", "2026-03-05", "--venue", "Jakarta", "--marking",
                         "RESTRICTED", "--refs", "1.1(a),2.1(c),3.5")
    assert code == 0, err
    return out.strip()


def test_add_prints_the_id_and_list_shows_it(run):
    assert add_som(run) == "1"
    code, out, _ = run("meeting", "add", "--kind", "JCC", "--title", "JCC 2026")
    assert (code, out) == (0, "2\n")
    code, out, _ = run("meeting", "list")
    assert out.splitlines() == [
        "  ID  DATE        KIND  ITEMS  TITLE",
        "   1  2026-03-05  SOM       3  29th SOM (Jakarta) [RESTRICTED]",
        "   2  -           JCC       0  JCC 2026",
    ]


def test_fill_an_item_and_show_the_meeting(run):
    meeting = add_som(run)
    code, _, err = run("meeting", "item", meeting, "2.1c", "--objective", "Move the FTA on.",
                       "--points", "Welcome the stocktaking.", "--points", "Urge a JWG date.")
    assert code == 0, err
    code, out, _ = run("meeting", "show", meeting)
    assert code == 0
    assert out.startswith("Meeting 1: 29th SOM\nKind: SOM\n"
                          "Date: 5 March 2026 (2026-03-05)\nVenue: Jakarta\n"
                          "Marking: RESTRICTED\n")
    assert ("2. 2.1(c) Expand trade, business and investment  [Not assessed]\n"
            "   Assess progress made so far") in out
    assert ("   Points to make:\n     Welcome the stocktaking.\n     Urge a JWG date.\n"
            "   Defensive points: -\n") in out
    assert "3. Section 3.5 Address regional and global environmental challenges" in out
    code, out, _ = run("meeting", "item", meeting, "2.1(c)")  # no option: print the item
    assert out.startswith("2. 2.1(c) Expand trade") and "Objective:\n     Move the FTA on." in out
    run("meeting", "item", meeting, "2.1(c)", "--points", "")
    assert "Points to make: -" in run("meeting", "item", meeting, "2.1(c)")[1]


def test_agenda_editing_commands(run):
    meeting = add_som(run)
    assert run("meeting", "add-items", meeting, "4.1(a),5(a)", "--at", "1")[0] == 0
    assert run("meeting", "move-item", meeting, "3.5", "2")[0] == 0
    assert run("meeting", "remove-item", meeting, "1.1(a)")[0] == 0
    assert run("meeting", "edit", meeting, "--venue", "", "--date", "2026-03-06")[0] == 0
    code, out, _ = run("meeting", "show", meeting)
    assert "Venue: -" in out and "(2026-03-06)" in out
    headings = [line.split()[1] for line in out.splitlines() if line[:1].isdigit()]
    assert headings == ["4.1(a)", "Section", "5(a)", "2.1(c)"]
    assert run("meeting", "delete", meeting)[0] == 0
    assert run("meeting", "list")[2].startswith("no meetings yet")


def test_plan_option_reads_refs_in_another_plan(run):
    from tests.conftest import DATA

    assert run("import", "plan", str(DATA / "mini-plan.txt"))[0] == 0
    add_som(run)  # meeting 1, on the first plan
    code, out, err = run("meeting", "add", "--kind", "SOM", "--title", "Example SOM",
                         "--plan", "2", "--refs", "1.1(b),3(a)")
    assert (code, out) == (0, "2\n"), err
    code, out, _ = run("meeting", "show", "2")
    assert code == 0
    assert ("1. 1.1(b) Regular dialogue  [Not assessed]\n"
            "   Support the Regional Ocean Forum (ROF) and its work on capacity-building for "
            "coast guards.\n") in out
    assert ("2. 3(a) Follow-up  [Not assessed]\n"
            "   Review this plan at the Example Ministerial Meeting.\n") in out
    # the agenda is all from plan 2, so item / move-item / remove-item read REF there
    assert run("meeting", "item", "2", "3a", "--objective", "Agree the review.")[0] == 0
    assert run("meeting", "move-item", "2", "3(a)", "1")[0] == 0
    assert run("meeting", "add-items", "2", "1.2(a)", "--plan", "2")[0] == 0
    assert run("meeting", "remove-item", "2", "1.1(b)")[0] == 0
    code, out, _ = run("meeting", "show", "2")
    assert [line for line in out.splitlines() if line[:1].isdigit()] == [
        "1. 3(a) Follow-up  [Not assessed]", "2. 1.2(a) Security  [Not assessed]"]
    assert "Objective:\n     Agree the review." in out
    # add-items without --plan reads the agenda's plan while the agenda is all from one plan
    assert run("meeting", "add-items", "2", "2.1(a)")[0] == 0
    code, out, _ = run("meeting", "show", "2")
    assert "3. 2.1(a) Trade  [Not assessed]" in out and "Free Trade Agreement (FTA)" in out
    assert run("meeting", "remove-item", "2", "2.1(a)")[0] == 0
    # --plan 1 adds the first plan's 1.2(a) (another action line): now the agenda is mixed
    assert run("meeting", "add-items", "2", "1.2(a)", "--plan", "1")[0] == 0
    # a mixed agenda: item REF reads the first plan unless --plan says otherwise, or the
    # plan's short name before it; each item shown with its plan's name (issue 22)
    code, out, _ = run("meeting", "item", "2", "1.2(a)", "--plan", "2")
    assert out.startswith("2. Example Partnership 1.2(a) Security")
    assert "Example Cyber Centre" in out
    code, out, _ = run("meeting", "item", "2", "1.2(a)")
    assert out.startswith("3. ASEAN-EU 1.2(a) ") and "Example Cyber Centre" not in out
    assert run("meeting", "item", "2", "Example Partnership 1.2a")[1].startswith(
        "2. Example Partnership 1.2(a) Security")
    # meeting 1 (first plan) is untouched; its 1.1(a) is the first plan's
    assert "Example" not in run("meeting", "show", "1")[1]


@pytest.mark.parametrize(("args", "message"), [
    (("meeting", "add", "--kind", "SOM", "--title", "T", "--date", "5/3/2026"),
     "poadesk: date '5/3/2026' is not a date in the form YYYY-MM-DD (e.g. 2026-03-05)\n"),
    (("meeting", "add", "--kind", "SOM", "--title", "T", "--refs", "1.1(a),7.7(q)"),
     "poadesk: unknown reference '7.7(q)': no action line 7.7(q) in this plan\n"),
    (("meeting", "show", "42"), "poadesk: no meeting with id 42\n"),
    (("meeting", "add", "--kind", "SOM", "--title", "T", "--plan", "9", "--refs", "1.1(a)"),
     "poadesk: no plan with id 9\n"),
    (("meeting", "add", "--kind", "SOM", "--title", "T", "--plan", "9"),
     "poadesk: no plan with id 9\n"),
    (("meeting", "add-items", "1", "1.1(b)", "--plan", "9"), "poadesk: no plan with id 9\n"),
    (("meeting", "item", "1", "1.1(a)", "--plan", "9"), "poadesk: no plan with id 9\n"),
    (("meeting", "item", "1", "1.2(a)", "--outcome", "x"),
     "poadesk: 1.2(a) is not on the agenda of meeting 1\n"),
    (("export", "brief", "--meeting", "1", "brief.pdf"),
     "poadesk: brief.pdf: a brief is written as .docx or .xlsx (got '.pdf')\n"),
    (("export", "brief", "--meeting", "1", "brief.xlsx", "--template", "t.docx"),
     "poadesk: --template is for a Word brief (.docx); an Excel brief has none\n"),
])
def test_errors_are_one_line(run, args, message):
    add_som(run)
    code, out, err = run(*args)
    assert (code, out, err) == (1, "", message)


def test_export_brief_docx_xlsx_and_matrix(run, tmp_path):
    meeting = add_som(run)
    run("meeting", "item", meeting, "1.1(a)", "--objective", "Confirm the AEMM dates.")
    code, _, err = run("export", "brief", "--meeting", meeting, str(tmp_path / "b.docx"))
    assert code == 0 and err.splitlines()[-1] == f"wrote {tmp_path / 'b.docx'}"
    document = docx.Document(str(tmp_path / "b.docx"))
    assert "Confirm the AEMM dates." in [p.text for p in document.paragraphs]
    assert run("export", "brief", "--meeting", meeting, str(tmp_path / "b.xlsx"))[0] == 0
    agenda = openpyxl.load_workbook(tmp_path / "b.xlsx")["Agenda"]
    assert [c.value for c in agenda["B"]][2:] == ["1.1(a)", "2.1(c)", "3.5"]
    assert run("export", "matrix", str(tmp_path / "m.xlsx"))[0] == 0
    matrix = openpyxl.load_workbook(tmp_path / "m.xlsx")["Implementation matrix"]
    assert matrix.max_row == 167  # title, header, 165 action lines


def test_template_option_and_its_warnings(run, tmp_path):
    meeting = add_som(run)
    template = docx.Document()
    style = template.styles["Title"].element
    style.getparent().remove(style)
    template.save(str(tmp_path / "ministry.docx"))
    code, _, err = run("export", "brief", "--meeting", meeting, str(tmp_path / "b.docx"),
                       "--template", str(tmp_path / "ministry.docx"))
    assert code == 0
    assert err.splitlines()[0] == ("poadesk: warning: the template has no style 'Title'; "
                                   "a plain one was used")
    assert err.splitlines()[-1] == f"wrote {tmp_path / 'b.docx'}"
    (tmp_path / "ministry.dotx").write_bytes(b"PK\x03\x04")
    code, _, err = run("export", "brief", "--meeting", meeting, str(tmp_path / "c.docx"),
                       "--template", str(tmp_path / "ministry.dotx"))
    assert code == 1 and len(err.splitlines()) == 1 and ".dotx" in err


def test_json_backup_carries_meetings_both_ways(run, db_path, seed_db, tmp_path):
    meeting = add_som(run)
    run("meeting", "item", meeting, "3.5", "--outcome", "Welcomed the HLD.")
    code, out, _ = run("export", "json", "-")
    data = json.loads(out)
    (m,) = data["meetings"]
    assert (m["kind"], m["title"], m["date"], m["marking"]) == ("SOM", "29th SOM",
                                                                "2026-03-05", "RESTRICTED")
    assert [i["ref"] for i in m["items"]] == ["1.1(a)", "2.1(c)", "3.5"]
    assert m["items"][2]["outcome"] == "Welcomed the HLD."
    backup = tmp_path / "backup.json"
    backup.write_text(out, encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    shutil.copyfile(seed_db, fresh)
    assert run("import", "json", str(backup), db=fresh)[0] == 0
    assert run("import", "json", str(backup), db=fresh)[0] == 0  # again: replaced, not doubled
    code, out, _ = run("meeting", "list", db=fresh)
    assert out.splitlines()[1:] == ["   1  2026-03-05  SOM       3  29th SOM (Jakarta) "
                                    "[RESTRICTED]"]
    assert "Welcomed the HLD." in run("meeting", "show", "1", db=fresh)[1]


def test_json_import_with_a_bad_agenda_changes_nothing(run, tmp_path):
    add_som(run)
    data = json.loads(run("export", "json", "-")[1])
    data["meetings"][0]["title"] = "Another SOM"
    data["meetings"][0]["items"][1]["ref"] = "9.9(z)"
    data["plans"][0]["parts"][0]["sections"][0]["actions"][0]["notes"] = "should not land"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run("import", "json", str(bad))
    assert code == 1
    assert err == ("poadesk: meeting 'Another SOM': agenda item '9.9(z)' is not an action line "
                   "or section of the plan; nothing was imported\n")
    assert len(run("meeting", "list")[1].splitlines()) == 2  # header + the one SOM
    assert "should not land" not in run("show", "1.1(a)")[1]


def test_briefs_top_page_free_items_titles_quotes_and_the_users_glossary(run, tmp_path):
    """Issue 12 from the command line: meeting fields, --free items, --title, --quote,
    `acronyms add/remove`, `meeting markings`, --full-text; all survive a JSON round trip."""
    code, out, err = run("meeting", "add", "--kind", "SOM", "--title", "29th SOM",
                         "--date", "2026-03-05", "--marking", "limite", "--refs", "2.6(i),3.5",
                         "--purpose", "Stocktaking.", "--key-asks", "A JWG date.",
                         "--key-asks", "An EUDR session.", "--delegation", "MD Asia",
                         "--logistics", "09:00", "--drafter", "Desk", "--cleared-by", "HoD",
                         "--version", "2", "--reference", "REF/1")
    assert code == 0, err
    meeting = out.strip()
    assert run("meeting", "add-items", meeting, "--free", "Adoption of the agenda",
               "--at", "1")[0] == 0
    assert run("meeting", "add-items", meeting, "--free", "Any other business")[0] == 0
    assert run("meeting", "item", meeting, "2.6(i)", "--title", "Palm oil JWG")[0] == 0
    assert run("meeting", "item", meeting, "3.5", "--quote", "a, k")[0] == 0
    assert run("meeting", "item", meeting, "Any other business", "--objective",
               "Propose Brussels.")[0] == 0
    code, _, err = run("meeting", "item", meeting, "3.5", "--quote", "zz")
    assert code == 1 and "section 3.5 has no action line zz" in err
    code, out, _ = run("meeting", "show", meeting)
    assert "Marking: LIMITE\nPurpose: Stocktaking.\nKey asks: A JWG date.\n  An EUDR session." \
        in out
    assert "1. Adoption of the agenda\n" in out and "Title in the brief: Palm oil JWG\n" in out
    assert "Quoted in the brief: a, k\n" in out
    code, out, _ = run("meeting", "markings")
    assert "RESTREINT UE/EU RESTRICTED" in out and "LIMITE" in out
    assert run("acronyms", "add", "EUDR", "EU Deforestation Regulation")[0] == 0
    assert run("acronyms", "add", "TMP", "Temporary")[0] == 0
    assert run("acronyms", "remove", "TMP")[0] == 0
    code, out, _ = run("acronyms", "--mine")
    assert out == "EUDR  EU Deforestation Regulation\n"
    code, _, err = run("acronyms", "remove", "NOPE")
    assert code == 1 and "NOPE is not in your glossary" in err
    code, _, err = run("export", "brief", "--meeting", meeting, str(tmp_path / "b.docx"),
                       "--full-text")
    assert code == 0, err
    document = docx.Document(str(tmp_path / "b.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Item 2: 2.6(i) Palm oil JWG" in headings  # the user's title, with its reference
    assert "Item 4: Any other business" in headings
    assert "Annex B: Full text of the sections" in headings
    # the JSON backup keeps all of it
    assert run("export", "json", str(tmp_path / "all.json"))[0] == 0
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    (som,) = data["meetings"]
    assert som["purpose"] == "Stocktaking." and som["reference"] == "REF/1"
    assert som["items"][0] == {"ref": None, "title": "Adoption of the agenda",
                               "quoted_lines": "", "objective": "", "points_to_make": "",
                               "defensive_points": "", "background": "", "outcome": ""}
    assert som["items"][2]["quoted_lines"] == "a,k"
    assert data["user_acronyms"] == [{"abbr": "EUDR", "expansion": "EU Deforestation "
                                                                  "Regulation"}]
    fresh = tmp_path / "fresh.db"
    shutil.copyfile(_seed(), fresh)
    assert run("import", "json", str(tmp_path / "all.json"), db=fresh)[0] == 0
    assert run("export", "json", str(tmp_path / "again.json"), db=fresh)[0] == 0
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert again["meetings"] == data["meetings"]
    assert again["user_acronyms"] == data["user_acronyms"]


def _seed():
    from app import paths

    return paths.seed_database()


def test_a_word_brief_including_private_notes_is_owner_only(run, tmp_path):
    import stat

    meeting = add_som(run)
    assert run("export", "brief", "--meeting", meeting, str(tmp_path / "p.docx"),
               "--include-private")[0] == 0
    assert run("export", "brief", "--meeting", meeting, str(tmp_path / "n.docx"))[0] == 0
    assert stat.S_IMODE((tmp_path / "p.docx").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "n.docx").stat().st_mode) & 0o044


def test_refs_take_the_agenda_as_the_window_does(run, tmp_path):
    """`--refs` and add-items read the one agenda text (app.refs.split_agenda): references in
    the plan's notation and items of one's own in double quotes; the brief warns about what
    no glossary explains, never the household names."""
    code, out, err = run("meeting", "add", "--kind", "SOM", "--title", "ASEAN-EU SOM",
                         "--refs", '1.3b, 2.1(c), 3.5, 5a, "Any other business"')
    assert code == 0, err
    meeting = out.strip()
    code, _, err = run("meeting", "add-items", meeting, '"Date of the next meeting"')
    assert code == 0, err
    code, out, _ = run("meeting", "show", meeting)
    for expected in ("1.3(b)", "2.1(c)", "3.5", "5(a)", "Any other business",
                     "Date of the next meeting"):
        assert expected in out
    code, _, err = run("meeting", "add", "--kind", "SOM", "--title", "x", "--refs",
                       '1.1a, "Any other')
    assert code == 1 and "is not closed" in err
    # SOMTC is explained (from the plan's SOMTC+EU, issue 21); the WTO is not
    assert run("meeting", "item", meeting, "2.1c", "--objective", "Ask the WTO.")[0] == 0
    code, _, err = run("export", "brief", "--meeting", meeting, str(tmp_path / "b.docx"))
    assert code == 0, err
    assert "acronyms with no expansion (not in the annex): WTO; add them with" in err
    assert "ASEAN," not in err and " EU," not in err
