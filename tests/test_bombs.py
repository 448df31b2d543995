"""Issue 23, "small files that take gigabytes or crash": each reproduction, refused in one line
(exit 1) before anything is parsed, or taken without a crash; and files as real as they come
still pass. The time and memory of each refusal are measured by benchmarks/bench_bombs.py."""

from __future__ import annotations

import os
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import limits
from app.cli import main
from app.errors import InputError
from tests import bombs
from tests.conftest import fuzz_cases

pytestmark = pytest.mark.sqlite_only

# the three commands that read a workbook, and the one that reads a Word template
WORKBOOK_IMPORTS = (("import", "matrix"), ("import", "activities"), ("focal-points", "import"))


@pytest.fixture
def cli(db_path, capsys):
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


def one_line_error(code: int, err: str) -> None:
    assert code == 1, err
    assert err.startswith("poadesk: ") and err.count("\n") == 1, err


@pytest.fixture
def workbook(tmp_path) -> Path:
    return bombs.plain_workbook(tmp_path / "plain.xlsx")


@pytest.fixture
def meeting(db_path) -> str:
    from app.service import Desk

    desk = Desk.open(db_path, daily_backup=False)
    try:
        return str(desk.meetings.create("SOM", "29th SOM", None, "Jakarta", "", "1.1(a)").id)
    finally:
        desk.close()


def brief(cli, meeting: str, template: Path, out: Path) -> tuple[int, str, str]:
    return cli("export", "brief", "--meeting", meeting, str(out), "--template", str(template))


# -- workbooks ----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", WORKBOOK_IMPORTS, ids=" ".join)
def test_a_workbook_declaring_a_million_and_a_half_cell_formats_is_refused(cli, workbook,
                                                                          tmp_path, command):
    """0.24 MB whose styles declare (and hold) 1.5 million cell formats: 22-26 s and 2.1 GB in
    each workbook import before."""
    bomb = bombs.cell_formats_bomb(workbook, tmp_path / "formats.xlsx")
    assert bomb.stat().st_size < 300_000
    code, _, err = cli(*command, str(bomb))
    one_line_error(code, err)
    assert "declares 1,500,000 cell formats; at most 100,000" in err


def test_cell_formats_are_counted_when_none_is_declared(cli, workbook, tmp_path):
    n = limits.COUNTED_ELEMENTS["workbook"]["xf"][1] + 1
    bomb = bombs.replace_part(workbook, tmp_path / "f.xlsx", "xl/styles.xml",
                              bombs.styles_xml(n, prefix="x"))
    code, _, err = cli("import", "matrix", str(bomb))
    one_line_error(code, err)
    assert "holds more than 100,000 cell formats (the limit)" in err


def test_a_workbook_of_five_and_a_half_million_shared_strings_is_refused(cli, workbook,
                                                                        tmp_path):
    bomb = bombs.shared_strings_bomb(workbook, tmp_path / "strings.xlsx")
    code, _, err = cli("focal-points", "import", str(bomb))
    one_line_error(code, err)
    assert "declares 5,500,000 shared strings; at most 500,000" in err


def test_shared_strings_are_counted_when_none_is_declared(cli, workbook, tmp_path):
    n = limits.COUNTED_ELEMENTS["workbook"]["si"][1] + 1
    bomb = bombs.with_shared_strings(workbook, tmp_path / "s.xlsx", bombs.shared_strings_xml(n))
    code, _, err = cli("import", "activities", str(bomb))
    one_line_error(code, err)
    assert "holds more than 500,000 shared strings" in err


def test_a_styles_part_of_many_other_elements_is_refused(cli, workbook, tmp_path):
    """Fonts, fills, colours...: every element of a part read whole counts."""
    n = limits.MAX_XML_ELEMENTS["workbook"] + 1
    bomb = bombs.replace_part(workbook, tmp_path / "e.xlsx", "xl/styles.xml",
                              bombs.elements_xml("styleSheet", bombs.MAIN, n))
    code, _, err = cli("import", "matrix", str(bomb))
    one_line_error(code, err)
    assert "holds more than 500,000 XML elements (the limit)" in err


def test_a_large_sheet_is_limited_by_its_rows_not_by_the_element_budget(cli, workbook,
                                                                        tmp_path):
    """Worksheets are read row by row: 600,000 rows are refused by the row limit, as they
    are read, never by the budget of the parts read whole."""
    rows = b"".join(b'<row r="%d"/>' % n for n in range(10, 600_010))

    def change(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/sheet"):
            return data.replace(b"</sheetData>", rows + b"</sheetData>")
        return data
    big = bombs.rewrite(workbook, tmp_path / "rows.xlsx", change)
    limits.check_zip(big, "workbook")  # passes
    code, _, err = cli("focal-points", "import", str(big))
    one_line_error(code, err)
    assert "XML elements" not in err


def test_a_pivot_tables_cached_records_are_not_in_the_budget(workbook, tmp_path):
    """A sound workbook can carry a pivot table over a large range: its cached records are
    never parsed by a read-only open, so they do not count; the same part under any other
    content type does."""
    n = limits.MAX_XML_ELEMENTS["workbook"] + 1
    records = bombs.elements_xml("pivotCacheRecords", bombs.MAIN, n, "r")
    part = "xl/pivotCache/pivotCacheRecords1.xml"
    kind = ("application/vnd.openxmlformats-officedocument.spreadsheetml."
            "pivotCacheRecords+xml")
    declared = bombs.rewrite(workbook, tmp_path / "pivot.xlsx", lambda name, data: data.replace(
        b"</Types>", f'<Override PartName="/{part}" ContentType="{kind}"/></Types>'.encode()),
        add={part: records})
    limits.check_zip(declared, "workbook")
    undeclared = bombs.replace_part(workbook, tmp_path / "other.xlsx", part, records)
    with pytest.raises(InputError, match="XML elements"):
        limits.check_zip(undeclared, "workbook")


def test_a_part_declaring_a_dtd_is_refused(cli, workbook, tmp_path):
    """Entities expanding into gigabytes need a DTD; no Office file has one."""
    laughs = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b'<sst xmlns="' + bombs.MAIN.encode() + b'"><si><t>&b;</t></si></sst>')
    bomb = bombs.with_shared_strings(workbook, tmp_path / "dtd.xlsx", laughs)
    code, _, err = cli("import", "matrix", str(bomb))
    one_line_error(code, err)
    assert "declares a DTD" in err


def test_real_workbooks_pass_at_the_limits(tmp_path, workbook, cli):
    """Our own matrix, and styles at exactly the limit, pass the scan."""
    code, _, err = cli("export", "matrix", str(tmp_path / "m.xlsx"))
    assert code == 0, err
    limits.check_zip(tmp_path / "m.xlsx", "workbook")
    n = limits.COUNTED_ELEMENTS["workbook"]["xf"][1]
    at_limit = bombs.replace_part(workbook, tmp_path / "at.xlsx", "xl/styles.xml",
                                  bombs.styles_xml(n, declared=n))
    limits.check_zip(at_limit, "workbook")
    over = bombs.replace_part(workbook, tmp_path / "over.xlsx", "xl/styles.xml",
                              bombs.styles_xml(n + 1))
    with pytest.raises(InputError, match="more than 100,000 cell formats"):
        limits.check_zip(over, "workbook")


# -- Word templates ---------------------------------------------------------------------------

def test_a_template_of_a_million_styles_is_refused(cli, meeting, tmp_path):
    """76 s and 1.6 GB before."""
    template = bombs.word_styles_bomb(bombs.plain_template(tmp_path / "t.docx"),
                                      tmp_path / "styles.docx")
    code, _, err = brief(cli, meeting, template, tmp_path / "b.docx")
    one_line_error(code, err)
    assert "template styles.docx holds more than 10,000 styles (the limit)" in err
    assert not (tmp_path / "b.docx").exists()


def test_a_template_of_too_many_elements_is_refused(cli, meeting, tmp_path):
    n = limits.MAX_XML_ELEMENTS["template"] + 1
    template = bombs.replace_part(bombs.plain_template(tmp_path / "t.docx"),
                                  tmp_path / "num.docx", "word/numbering.xml",
                                  bombs.elements_xml("w:numbering", bombs.W, n, "w:num"))
    code, _, err = brief(cli, meeting, template, tmp_path / "b.docx")
    one_line_error(code, err)
    assert "holds more than 1,000,000 XML elements" in err


def test_a_template_without_its_relationships_is_one_line(cli, meeting, tmp_path):
    """word/_rels/document.xml.rels missing: the section's header reference leads nowhere
    (exit 3, KeyError, before)."""
    template = bombs.rewrite(
        bombs.plain_template(tmp_path / "t.docx"), tmp_path / "norels.docx",
        lambda name, data: None if name == "word/_rels/document.xml.rels" else data)
    code, _, err = brief(cli, meeting, template, tmp_path / "b.docx")
    one_line_error(code, err)
    assert "template norels.docx is damaged" in err and "word/document.xml" in err


def _with_baggage(tmp_path: Path) -> Path:
    """A template whose document and header carry a macro project, an OLE embedding and an
    altChunk of HTML."""
    plain = bombs.plain_template(tmp_path / "t.docx")
    with zipfile.ZipFile(plain) as z:
        header = next(n for n in z.namelist() if n.startswith("word/header"))
    ms = "http://schemas.microsoft.com/office/2006/relationships"
    rels = (f'<Relationship Id="rIdV" Type="{ms}/vbaProject" Target="vbaProject.bin"/>'
            f'<Relationship Id="rIdO" Type="{bombs.R}/oleObject" '
            'Target="embeddings/oleObject1.bin"/>'
            f'<Relationship Id="rIdA" Type="{bombs.R}/aFChunk" Target="chunk.htm"/>')

    def change(name: str, data: bytes) -> bytes:
        if name == "word/_rels/document.xml.rels":
            return data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
        if name == header:
            return data.replace(b"</w:hdr>", (
                f'<w:altChunk xmlns:r="{bombs.R}" r:id="rIdA"/>'
                f'<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:'
                f'office" xmlns:r="{bombs.R}" r:id="rIdO"/></w:object></w:r></w:p>'
                "</w:hdr>").encode())
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", (
                b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                b'<Default Extension="htm" ContentType="application/xhtml+xml"/></Types>'))
        return data
    header_rels = (f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                   f'org/package/2006/relationships">{rels}</Relationships>').encode()
    return bombs.rewrite(plain, tmp_path / "baggage.docx", change, add={
        "word/_rels/" + header.rsplit("/", 1)[1] + ".rels": header_rels,
        "word/vbaProject.bin": b"MACRO-PAYLOAD", "word/embeddings/oleObject1.bin": b"OLE-PAYLOAD",
        "word/chunk.htm": b"<html><body>ALTCHUNK-PAYLOAD</body></html>"})


def test_a_templates_macros_embeddings_and_altchunks_are_left_out_with_a_warning(
        cli, meeting, tmp_path):
    out = tmp_path / "b.docx"
    code, _, err = brief(cli, meeting, _with_baggage(tmp_path), out)
    assert code == 0, err
    assert ("template baggage.docx: its macros (a VBA project), embedded objects (OLE) and "
            "embedded HTML or documents (altChunk) were left out of the brief") in err
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        blob = b"".join(z.read(n) for n in names)
    assert not any(n.endswith((".bin", ".htm")) for n in names), names
    for payload in (b"MACRO-PAYLOAD", b"OLE-PAYLOAD", b"ALTCHUNK-PAYLOAD", b"rIdA", b"rIdO",
                    b"vbaProject", b"altChunk", b"OLEObject"):
        assert payload not in blob, payload


def test_our_own_full_brief_serves_as_a_template(cli, meeting, tmp_path):
    first = tmp_path / "first.docx"
    code, _, err = cli("export", "brief", "--meeting", meeting, "--full-text", str(first))
    assert code == 0, err
    code, _, err = brief(cli, meeting, first, tmp_path / "second.docx")
    assert code == 0 and "left out" not in err, err


# -- names that are not UTF-8, empty dates ---------------------------------------------------

def _history(db_path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT who, operation FROM history ORDER BY id DESC LIMIT 1").fetchall()


def _register(tmp_path: Path, cli, name: str) -> Path:
    """A register workbook adding one focal point, saved under `name`."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Name", "Country", "Email"])
    wb.active.append(["Lan Nguyen", "VN", f"lan{len(name)}@mofa.gov.vn"])
    path = tmp_path / name
    wb.save(path)
    return path


def test_a_file_name_that_is_not_utf8_is_imported_and_recorded_clean(cli, db_path, tmp_path):
    """exit 3 (UnicodeEncodeError in the history) before."""
    path = _register(tmp_path, cli, os.fsdecode(b"caf\xe9.xlsx"))
    code, _, err = cli("focal-points", "import", str(path))
    assert code == 0, err
    assert "the file name 'caf.xlsx' (argument file) holds bytes that are not UTF-8" in err
    assert _history(db_path)[0][1] == "register import from caf.xlsx"


def test_a_plan_text_whose_name_is_not_utf8_is_added_under_a_clean_name(cli, db_path,
                                                                        tmp_path):
    from tests.conftest import DATA

    path = tmp_path / os.fsdecode(b"pl\xe9n.txt")
    path.write_bytes((DATA / "mini-plan.txt").read_bytes())
    code, _, err = cli("import", "plan", str(path))
    assert code == 0, err
    with sqlite3.connect(db_path) as db:
        assert ("pln.txt",) in db.execute("SELECT source_name FROM plans").fetchall()
    assert _history(db_path)[0][1] == "plan import from pln.txt"


def test_a_user_name_that_is_not_utf8_is_recorded_clean(cli, db_path, meeting, tmp_path,
                                                        monkeypatch):
    monkeypatch.setitem(os.environb, b"POADESK_USER", b"Jos\xe9 Ramos\x1b[2J")
    path = _register(tmp_path, cli, "register.xlsx")
    code, _, err = cli("focal-points", "import", str(path))
    assert code == 0, err
    assert "the user's name (POADESK_USER) holds bytes that are not UTF-8" in err
    assert _history(db_path)[0][0] == "Jos Ramos[2J"
    code, _, err = cli("export", "brief", "--meeting", meeting, str(tmp_path / "b.docx"))
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "b.docx") as z:
        assert b"Jos Ramos" in z.read("docProps/core.xml")


@pytest.mark.parametrize("empty", ["--from", "--to"])
def test_export_report_with_an_empty_date_is_one_line(cli, tmp_path, empty):
    dates = {"--from": "2026-01-01", "--to": "2026-06-30", empty: ""}
    code, _, err = cli("export", "report", *(a for kv in dates.items() for a in kv),
                       str(tmp_path / "r.docx"))
    one_line_error(code, err)
    assert f"{empty} needs a date" in err


# -- generated declared-count bombs -----------------------------------------------------------

_WORKBOOK_PARTS = {"cellXfs": ("xl/styles.xml", "styleSheet", "xf", "count"),
                   "cellStyleXfs": ("xl/styles.xml", "styleSheet", "xf", "count"),
                   "sst": ("xl/sharedStrings.xml", None, "si", "uniqueCount")}


@settings(max_examples=fuzz_cases(40), derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(container=st.sampled_from(sorted(_WORKBOOK_PARTS)),
       declared=st.one_of(st.none(), st.integers(0, 10**12)),
       held=st.integers(0, 600),
       prefix=st.sampled_from(["", "x", "ns0"]),
       space=st.sampled_from([" ", "\n", "\t  "]),
       quote=st.sampled_from(['"', "'"]))
def test_generated_declared_count_bombs(tmp_path_factory, container, declared, held, prefix,
                                        space, quote):
    """A workbook whose styles or shared strings declare any count, in any spelling: refused
    exactly when the count declared or held passes the limit, with one line naming it."""
    part, root, tag, attribute = _WORKBOOK_PARTS[container]
    tmp = tmp_path_factory.mktemp("declared")
    base = bombs.plain_workbook(tmp / "plain.xlsx")
    p = f"{prefix}:" if prefix else ""
    xmlns = f"xmlns:{prefix}" if prefix else "xmlns"
    count = "" if declared is None else f"{space}{attribute}={quote}{declared}{quote}"
    inner = f"<{p}{container}{count}>" + f"<{p}{tag}/>" * held + f"</{p}{container}>"
    xml = (f'<{p}{root} {xmlns}="{bombs.MAIN}">{inner}</{p}{root}>' if root else
           inner.replace(f"<{p}{container}", f'<{p}{container} {xmlns}="{bombs.MAIN}"', 1))
    bomb = (bombs.with_shared_strings(base, tmp / "b.xlsx", xml.encode()) if tag == "si" else
            bombs.replace_part(base, tmp / "b.xlsx", part, xml.encode()))
    what, limit = limits.COUNTED_ELEMENTS["workbook"][tag]
    try:
        limits.check_zip(bomb, "workbook")
    except InputError as exc:
        assert declared is not None and declared > limit, exc
        assert str(exc) == f"b.xlsx declares {declared:,} {what}; at most {limit:,}"
    else:
        assert declared is None or declared <= limit


@settings(max_examples=fuzz_cases(10), derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(declared=st.integers(0, 10**9), command=st.sampled_from(WORKBOOK_IMPORTS))
def test_generated_bombs_through_the_command_line(tmp_path_factory, seed_db, capsys,
                                                  declared, command):
    """Through the commands: applied, or refused in one line; never exit 3."""
    tmp = tmp_path_factory.mktemp("cli")
    db = tmp / "work.db"
    db.write_bytes(seed_db.read_bytes())
    base = bombs.plain_workbook(tmp / "plain.xlsx")
    bomb = bombs.rewrite(base, tmp / "b.xlsx", lambda name, data: data.replace(
        b'<cellXfs count="1">', b'<cellXfs count="%d">' % declared))
    code = main(["--db", str(db), *command, "--dry-run", str(bomb)])
    _, err = capsys.readouterr()
    assert code in (0, 1), err
    if declared > limits.COUNTED_ELEMENTS["workbook"]["xf"][1]:
        one_line_error(code, err)
        assert "cell formats" in err

