"""Issue 21: the properties of every document POA Desk writes (Word brief and report, Excel
brief and report, the matrix, the register, the chart's embedded workbook), read back from the
raw parts: app.xml names POA Desk (no AppVersion Office would take for its own), core.xml the
title, the user, created and modified now in UTC, custom.xml the marking as "Classification"
(none when unmarked), no preview thumbnail and nothing from python-docx's or openpyxl's own
defaults. LibreOffice reads the same properties back."""

from __future__ import annotations

import subprocess
import zipfile
from datetime import date, datetime, timedelta

import docx
import pytest
from lxml import etree

from app.clock import now
from app.export import export_brief, export_matrix
from app.export.doc_props import set_docx_properties, set_xlsx_properties
from app.export.report import TITLE, export_report
from app.export.report_content import load_report
from app.interchange.register_xlsx import export_register
from app.vocab import DEFAULT_WORKBOOK_MARKING
from tests.export.test_libreoffice import SOFFICE
from tests.export.test_report_chart import SOFFICE_MISSING

USER = "Desk Officer ASEAN"
PERIOD = (date(2026, 1, 1), date(2026, 12, 31))
NS = {"rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
      "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
      "cup": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
      "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/",
      "dcterms": "http://purl.org/dc/terms/",
      "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one all user-defined properties share


def read_props(source) -> dict:
    """What a file says about itself, from its parts (a path or a zip's bytes)."""
    with zipfile.ZipFile(source) as z:
        names = z.namelist()
        package_rels = etree.fromstring(z.read("_rels/.rels"))
        types = etree.fromstring(z.read("[Content_Types].xml"))
        parts = {n: etree.fromstring(z.read(n)) for n in names
                 if n.startswith("docProps/") and n.endswith(".xml")}
        raw = b"\n".join(z.read(n) for n in names if n.startswith("docProps/"))
    rels = {r.get("Type").rsplit("/", 1)[1]: r.get("Target").lstrip("/")
            for r in package_rels.findall("rel:Relationship", NS)}
    overrides = {o.get("PartName").lstrip("/"): o.get("ContentType")
                 for o in types.findall("ct:Override", NS)}
    for target in rels.values():  # every package relationship leads to a part that is there
        assert target in names, (target, names)
    app, core = parts["docProps/app.xml"], parts["docProps/core.xml"]
    custom = {}
    if "docProps/custom.xml" in parts:
        assert rels.get("custom-properties") == "docProps/custom.xml"
        assert overrides["docProps/custom.xml"] == ("application/vnd.openxmlformats-"
                                                    "officedocument.custom-properties+xml")
        pids = []
        for prop in parts["docProps/custom.xml"].findall("cup:property", NS):
            assert prop.get("fmtid") == FMTID
            pids.append(int(prop.get("pid")))
            (value,) = list(prop)
            custom[prop.get("name")] = (etree.QName(value).localname, value.text)
        assert min(pids) >= 2 and len(set(pids)) == len(pids)  # 0 and 1 are reserved

    def stamp(tag: str) -> str:
        element = core.find(tag, NS)
        assert element.get(f"{{{NS['xsi']}}}type") == "dcterms:W3CDTF"
        return element.text

    return {
        "names": names, "rels": rels, "raw": raw.decode("utf-8", "replace"),
        "application": app.findtext("ep:Application", namespaces=NS),
        "app_version": app.find("ep:AppVersion", NS),
        "title": core.findtext("dc:title", namespaces=NS),
        "creator": core.findtext("dc:creator", namespaces=NS),
        "modified_by": core.findtext("cp:lastModifiedBy", namespaces=NS),
        "created": stamp("dcterms:created"), "modified": stamp("dcterms:modified"),
        "custom": custom}


def check(props: dict, title: str, marking: str) -> None:
    assert props["application"] == "POA Desk"
    assert props["app_version"] is None  # Office would take it for its own version
    assert props["title"] == title
    assert props["creator"] == props["modified_by"] == USER
    created = props["created"]
    assert created.endswith("Z") and props["modified"] == created  # UTC, written now
    assert abs(datetime.fromisoformat(created[:-1]) - now()) < timedelta(minutes=5)
    if marking:
        assert props["custom"]["Classification"] == ("lpwstr", marking)
    else:
        assert "Classification" not in props["custom"]
    # no preview thumbnail: python-docx's template carries a blank one
    assert "thumbnail" not in props["rels"]
    assert not [n for n in props["names"] if "thumbnail" in n.casefold()
                or n.lower().endswith((".jpeg", ".jpg", ".emf", ".wmf"))], props["names"]
    for default in ("python-docx", "openpyxl", "Macintosh", "Microsoft", "2013-12-23"):
        assert default.casefold() not in props["raw"].casefold(), default


def printed_marking(path) -> str:
    """The marking a workbook's pages print (the same in every visible sheet's header)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    shown = {(ws.oddHeader.center.text or "").replace("&&", "&") for ws in wb.worksheets
             if ws.sheet_state == "visible"}
    assert len(shown) == 1, shown
    return shown.pop()


def report_title(desk) -> str:
    return f"{TITLE}, {load_report(desk, *PERIOD).period}"


@pytest.fixture
def user(monkeypatch):
    monkeypatch.setenv("POADESK_USER", USER)


def test_the_briefs_name_poa_desk_the_user_and_the_marking(desk, som6, tmp_path, user):
    for name in ("brief.docx", "brief.xlsx"):
        export_brief(desk, som6, tmp_path / name)
        check(read_props(tmp_path / name), "Brief: 29th ASEAN-EU Senior Officials' Meeting",
              "RESTRICTED")
    desk.meetings.edit_meeting(som6, marking="")
    # a brief of an unmarked meeting is marked as the contacts in it require (or not), the
    # Word one as the Excel one: its property says what its pages say
    export_brief(desk, som6, tmp_path / "unmarked.docx")
    shown = docx.Document(str(tmp_path / "unmarked.docx")).sections[0].header.paragraphs[0].text
    assert shown in ("", DEFAULT_WORKBOOK_MARKING)
    check(read_props(tmp_path / "unmarked.docx"),
          "Brief: 29th ASEAN-EU Senior Officials' Meeting", shown)
    # the Excel brief of an unmarked meeting is marked as the contacts in it require (or
    # not): its property says what its pages say
    export_brief(desk, som6, tmp_path / "unmarked.xlsx")
    shown = printed_marking(tmp_path / "unmarked.xlsx")
    assert shown in ("", DEFAULT_WORKBOOK_MARKING)
    check(read_props(tmp_path / "unmarked.xlsx"),
          "Brief: 29th ASEAN-EU Senior Officials' Meeting", shown)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_the_report_names_poa_desk_the_user_and_the_marking(desk, tmp_path, user, suffix):
    marked = tmp_path / f"marked{suffix}"
    export_report(desk, *PERIOD, marked, marking="LIMITE")
    check(read_props(marked), report_title(desk), "LIMITE")
    unmarked = tmp_path / f"unmarked{suffix}"
    export_report(desk, *PERIOD, unmarked)
    check(read_props(unmarked), report_title(desk), "")


def test_the_word_reports_chart_workbook_is_poa_desks_too(desk, tmp_path, user):
    out = tmp_path / "report.docx"
    export_report(desk, *PERIOD, out, marking="LIMITE")
    with zipfile.ZipFile(out) as z:
        (embedded,) = [n for n in z.namelist() if n.startswith("word/embeddings/")]
        data = z.read(embedded)
    import io

    props = read_props(io.BytesIO(data))
    check(props, "Action lines by status and pillar", "")


def test_the_matrix_and_the_register_name_poa_desk_and_their_marking(desk, tmp_path, user):
    export_matrix(desk, tmp_path / "matrix.xlsx")
    check(read_props(tmp_path / "matrix.xlsx"), "Implementation matrix", "SENSITIVE")
    export_matrix(desk, tmp_path / "open.xlsx", marking="")
    check(read_props(tmp_path / "open.xlsx"), "Implementation matrix", "")
    export_register(desk, tmp_path / "register.xlsx")
    check(read_props(tmp_path / "register.xlsx"), "Focal-point register", "SENSITIVE")


def test_a_templates_properties_and_thumbnail_stay_behind(desk, som6, tmp_path, user):
    """A user's template brings its own thumbnail and custom properties (python-docx's own
    template carries a thumbnail; the custom part is added as another office's document
    would have it): the brief keeps neither."""
    docx.Document().save(str(tmp_path / "plain.docx"))
    with zipfile.ZipFile(tmp_path / "plain.docx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    assert b"relationships/metadata/thumbnail" in parts["_rels/.rels"]  # the premise
    custom = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
              'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
              f'2006/docPropsVTypes"><property fmtid="{FMTID}" pid="2" name="Classification">'
              '<vt:lpwstr>OLD MARKING</vt:lpwstr></property><property fmtid="' + FMTID
              + '" pid="3" name="Client"><vt:lpwstr>Ministry</vt:lpwstr></property>'
              '</Properties>')
    parts["docProps/custom.xml"] = custom.encode()
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rId99" Type="{REL}custom-properties" '
        'Target="docProps/custom.xml"/></Relationships>'.encode())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
    with zipfile.ZipFile(tmp_path / "house.docx", "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    before = read_props(tmp_path / "house.docx")
    assert before["custom"]["Client"] == ("lpwstr", "Ministry") and "thumbnail" in before["rels"]
    out = tmp_path / "brief.docx"
    export_brief(desk, som6, out, template=tmp_path / "house.docx")
    props = read_props(out)
    check(props, "Brief: 29th ASEAN-EU Senior Officials' Meeting", "RESTRICTED")
    assert props["custom"] == {"Classification": ("lpwstr", "RESTRICTED")}


def test_a_marking_is_written_as_given_and_set_once(tmp_path, user):
    """Markings are the user's own text: '&' and '<' are escaped, not lost; setting the
    properties again replaces them (one Classification, one app.xml)."""
    from openpyxl import Workbook

    from app.export.doc_props import save_workbook

    marking = "EU & ASEAN <eyes only>"
    document = docx.Document()
    set_docx_properties(document, title="T", subject="S", marking="FIRST")
    set_docx_properties(document, title="T", subject="S", marking=marking)
    document.save(str(tmp_path / "a.docx"))
    check(read_props(tmp_path / "a.docx"), "T", marking)
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        assert sorted(n for n in z.namelist() if n.startswith("docProps/")) == [
            "docProps/app.xml", "docProps/core.xml", "docProps/custom.xml"]
    wb = Workbook()
    set_xlsx_properties(wb, title="T", subject="S", marking="FIRST")
    set_xlsx_properties(wb, title="T", subject="S", marking=marking)
    save_workbook(wb, tmp_path / "a.xlsx")
    check(read_props(tmp_path / "a.xlsx"), "T", marking)
    set_xlsx_properties(wb, title="T", subject="S", marking="")
    save_workbook(wb, tmp_path / "b.xlsx")
    check(read_props(tmp_path / "b.xlsx"), "T", "")


def _libreoffice_meta(profile, tmp_path, path, to: str) -> etree._Element:
    """LibreOffice's reading of the file's properties: the meta.xml of its conversion."""
    out = tmp_path / f"lo-{to}"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", to, "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out / f"{path.stem}.{to}") as z:
        return etree.fromstring(z.read("meta.xml"))


@SOFFICE_MISSING
@pytest.mark.sqlite_only
@pytest.mark.parametrize(("suffix", "to"), [(".docx", "odt"), (".xlsx", "ods")])
def test_libreoffice_reads_the_properties(desk, tmp_path, user, soffice_profile, suffix, to):
    if SOFFICE is None:
        pytest.fail("CI is set but soffice is not installed")
    path = tmp_path / f"report{suffix}"
    export_report(desk, *PERIOD, path, marking="LIMITE")
    meta = _libreoffice_meta(soffice_profile, tmp_path, path, to)
    ns = {"meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
          "dc": "http://purl.org/dc/elements/1.1/"}
    assert meta.findtext(".//dc:title", namespaces=ns) == report_title(desk)
    assert meta.findtext(".//meta:initial-creator", namespaces=ns) == USER
    user_defined = {e.get(f"{{{ns['meta']}}}name"): e.text
                    for e in meta.iterfind(".//meta:user-defined", ns)}
    assert user_defined.get("Classification") == "LIMITE", user_defined


def test_every_writer_goes_through_doc_props():
    """A new export cannot forget its properties: every module of app/ that makes a workbook
    sets its properties and saves it through app.export.doc_props, and every module that
    saves a Word document sets the document's properties there."""
    import re
    from pathlib import Path

    import app

    root = Path(app.__file__).parent
    workbooks, documents = [], []
    for path in sorted(root.rglob("*.py")):
        if path.name == "doc_props.py":
            continue
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(root.parent).as_posix()
        if re.search(r"\bWorkbook\((?!.*read_only)", source):
            workbooks.append(name)
            assert "set_xlsx_properties(" in source and "save_workbook(" in source, name
            assert not re.search(r"\bwb\.save\(|workbook\.save\(", source), name
        if re.search(r"(document|doc)\.save\(", source):
            documents.append(name)
            assert "set_docx_properties(" in source, name
    assert "app/export/brief_xlsx.py" in workbooks and "app/export/brief_docx.py" in documents
