"""The `poadesk` command: output people read, exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from tests.conftest import DATA


@pytest.fixture
def run(db_path, capsys):
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


def test_show(run):
    code, out, err = run("show", "1.3(b)")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "1.3(b)  [Not assessed]"
    assert lines[1].startswith("1. Political and Security Cooperation > 1.3 Combat terrorism")
    assert "SOMTC+EU" in out and "to promote dialogue and\ncooperation" not in out


def test_show_unknown_ref_is_one_line(run):
    code, out, err = run("show", "7.7(q)")
    assert code == 1 and out == ""
    assert err == "poadesk: unknown reference '7.7(q)': no action line 7.7(q) in this plan\n"


def test_search(run):
    code, out, err = run("search", "haze")
    assert code == 0
    refs = [line.split()[0] for line in out.splitlines()]
    assert refs[0] == "3.5(i)"
    code, out, err = run("search", "zzzqqq")
    assert code == 1 and "no action line matches" in err


def test_acronyms(run):
    code, out, _ = run("acronyms")
    assert code == 0
    rows = {line.split()[0]: line.split(None, 1)[1] for line in out.splitlines()}
    assert rows["ARF"] == "ASEAN Regional Forum"
    assert rows["CITES"].startswith("Convention on International Trade in Endangered Species")


def test_export_json_to_stdout_is_the_complete_plan(run):
    code, out, err = run("export", "json", "-")
    assert code == 0, err
    data = json.loads(out)
    assert data["format"] == "poadesk" and data["version"] == 1
    (plan,) = data["plans"]
    assert plan["title"].startswith("Plan of Action to Implement the ASEAN-EU")
    actions = [a for part in plan["parts"] for a in part["actions"]] + [
        a for part in plan["parts"] for s in part["sections"] for a in s["actions"]]
    assert len(actions) == 165
    assert sum(len(p["sections"]) for p in plan["parts"]) == 29
    first = plan["parts"][0]["sections"][0]["actions"][0]
    assert first["ref"] == "1.1(a)" and first["status"] == "Not assessed"
    assert first["notes"] == "" and first["text"].startswith("Convene biennial")
    assert {"abbr": "ARF", "expansion": "ASEAN Regional Forum", "plan": plan["title"]} in (
        data["acronyms"])
    assert len(data["countries"]) == 40


def test_json_round_trip_to_a_colleague(run, db_path, tmp_path):
    from app.service import Desk

    assert run("import", "plan", str(DATA / "mini-plan.txt"))[0] == 0
    d = Desk.open(db_path)
    aid = d.resolve_ref("2.1(c)")
    d.set_status(aid, "Achieved")
    d.set_notes(aid, "secret", private=True)
    d.set_tags(aid, ["trade"])
    d.close()
    out_file = tmp_path / "backup.json"
    code, _, err = run("export", "json", str(out_file), "--include-private")
    assert code == 0, err
    colleague = tmp_path / "colleague.db"
    assert main(["--db", str(colleague), "import", "json", str(out_file)]) == 0
    d = Desk.open(colleague)
    try:
        detail = d.action(d.resolve_ref("2.1(c)"))
        assert detail.status == "achieved" and detail.notes == "secret" and detail.notes_private
        assert detail.tags == ("trade",)
        assert len(d.plans()) == 2  # the second plan came along
        assert d.plan_tree(d.plans()[1].id).plan.action_count == 6
    finally:
        d.close()


def test_withheld_private_note_is_kept_on_import(run, db_path, tmp_path):
    from app.service import Desk

    d = Desk.open(db_path)
    aid = d.resolve_ref("1.2(a)")
    d.set_notes(aid, "mine", private=True)
    d.close()
    out_file = tmp_path / "shared.json"
    assert run("export", "json", str(out_file))[0] == 0
    assert json.loads(out_file.read_text())["plans"][0]["parts"][0]["sections"][1][
        "actions"][0]["notes"] is None
    assert run("import", "json", str(out_file))[0] == 0
    d = Desk.open(db_path)
    assert d.action(aid).notes == "mine"
    d.close()


@pytest.mark.parametrize("theirs", ["", "Their own note on 1.2(a)."])
def test_a_colleagues_ordinary_export_never_erases_my_private_note(run, db_path, tmp_path,
                                                                    theirs):
    """Issue 23: a colleague's file with "notes": "" (or a note of theirs, not private) where I
    have a private note erased mine without a word."""
    from app.service import Desk

    colleague = tmp_path / "colleague.db"
    assert main(["--db", str(colleague), "show", "1.2a"]) == 0
    c = Desk.open(colleague)
    c.set_notes(c.resolve_ref("1.2(a)"), theirs)
    c.set_status(c.resolve_ref("1.2(a)"), "Achieved")
    c.close()
    shared = tmp_path / "colleague.json"
    assert main(["--db", str(colleague), "export", "json", str(shared)]) == 0
    d = Desk.open(db_path)
    aid = d.resolve_ref("1.2(a)")
    d.set_notes(aid, "mine, private", private=True)
    d.close()
    assert run("import", "json", str(shared))[0] == 0
    d = Desk.open(db_path)
    try:
        assert d.action(aid).notes == "mine, private" and d.action(aid).notes_private
        assert d.action(aid).status == "achieved"  # the rest of the line came in
    finally:
        d.close()


def test_private_notes_stay_out_unless_asked(run, db_path):
    from app.service import Desk

    d = Desk.open(db_path)
    d.set_notes(d.resolve_ref("1.1(a)"), "only for me", private=True)
    d.close()
    _, out, _ = run("export", "json", "-")
    assert "only for me" not in out
    _, out, _ = run("export", "json", "-", "--include-private")
    assert "only for me" in out


@pytest.mark.parametrize(("content", "message"), [
    ("", "is empty"),
    ("{not json", "not valid JSON"),
    ('{"hello": "world"}', "not a POA Desk export"),
    ('{"format": "poadesk", "version": 99, "plans": []}', "format version 99"),
    ('{"format": "poadesk", "version": 1, "plans": [{"title": "Plan of Action to Implement the '
     'ASEAN-EU Strategic Partnership (2023-2027)", "parts": [{"number": 1, "title": "X", '
     '"sections": [], "actions": [{"ref": "1.1(a)", "status": "Achieved"}, '
     '{"ref": "1.1(b)", "status": "Finished"}]}]}]}', "unknown status 'Finished'"),
    ('{"format": "poadesk", "version": 1, "plans": [{"title": "Plan of Action to Implement the '
     'ASEAN-EU Strategic Partnership (2023-2027)", "parts": [{"number": 1, "title": "X", '
     '"actions": [{"ref": "1.1(a)", "status": "Achieved"}, {"ref": "8.8(z)"}]}]}]}',
     "action 8.8(z): no such action line"),
])
def test_bad_json_is_refused_whole(run, tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    _, before, _ = run("export", "json", "-")
    code, out, err = run("import", "json", str(bad))
    assert code == 1
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    _, after, _ = run("export", "json", "-")
    assert json.loads(after)["plans"] == json.loads(before)["plans"]


def test_import_plan_errors_name_the_line(run, tmp_path):
    bad = tmp_path / "plan.txt"
    bad.write_text("My plan\n\n1. PART\n\n1.1. S\n\n- a) one\n- c) three\n", encoding="utf-8")
    code, _, err = run("import", "plan", str(bad))
    assert code == 1
    assert err == (f"poadesk: {bad}, line 8: action c) is out of order (expected the b)); "
                   "--dry-run shows what could not be placed, --accept-unplaced imports the "
                   "rest without it\n")


def test_missing_file_is_one_line(run):
    code, _, err = run("import", "plan", "/nonexistent/plan.txt")
    assert code == 1 and err.startswith("poadesk: cannot read /nonexistent/plan.txt")


def test_build_seed(tmp_path, capsys):
    out = tmp_path / "seed.db"
    assert main(["build-seed", "--out", str(out)]) == 0
    assert out.exists() and "wrote" in capsys.readouterr().out


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "cp1252"}, {"LC_ALL": "C", "LANG": "C",
                                                                  "PYTHONUTF8": "0"}])
def test_json_through_standard_streams_is_utf8_whatever_the_locale(db_path, tmp_path, env):
    """A Windows redirect is cp1252: "Việt Nam" must not come back as "Vi?t Nam"."""
    import os
    import subprocess
    import sys

    full = {**os.environ, **env}
    poadesk = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())"]
    assert main(["--db", str(db_path), "focal-points", "add", "Nguyễn Thị Hương",
                 "--country", "VN", "--notes", "Việt Nam desk"]) == 0
    exported = subprocess.run([*poadesk, "--db", str(db_path), "export",
                               "json", "-"], capture_output=True, env=full, check=True)
    data = json.loads(exported.stdout.decode("utf-8"))
    people = data["focal_points"]["people"]
    assert [p["name"] for p in people] == ["Nguyễn Thị Hương"]
    assert people[0]["notes"] == "Việt Nam desk"
    # and back in, into a fresh database, through standard input
    other = tmp_path / "other.db"
    done = subprocess.run([*poadesk, "--db", str(other), "import", "json",
                           "-"], input=exported.stdout, capture_output=True, env=full)
    assert done.returncode == 0, done.stderr
    shown = subprocess.run([*poadesk, "--db", str(other), "focal-points",
                            "export", str(tmp_path / "reg.xlsx")], capture_output=True, env=full)
    assert shown.returncode == 0, shown.stderr
    from openpyxl import load_workbook

    names = {c.value for row in load_workbook(tmp_path / "reg.xlsx").worksheets[0].iter_rows()
             for c in row}
    assert "Nguyễn Thị Hương" in names


def test_a_backup_with_private_notes_is_owner_only_whatever_the_umask(run, tmp_path):
    import os
    import stat

    old = os.umask(0o002)  # a shared-group set-up: ordinary files come out 0664
    try:
        assert run("export", "json", str(tmp_path / "private.json"), "--include-private")[0] == 0
        assert run("export", "json", str(tmp_path / "plain.json"))[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "private.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "plain.json").stat().st_mode) & 0o044  # readable by others
