"""The Word brief, read back with python-docx: content to the letter, fields, annexes."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from lxml import etree

from app.errors import InputError
from app.export import export_brief
from app.export.brief_docx import write_brief_docx
from app.export.content import load_brief
from app.glossary import acronyms_in
from app.models import AgendaItem
from tests.conftest import raw_session
from tests.export.meeting_data import PRIVATE_NOTE, PUBLIC_NOTE


def paragraph_texts(element):
    """The text of every w:p under `element` (body, tables and TOC included)."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in element.iter(qn("w:p"))]


def full_text(document):
    parts = paragraph_texts(document.element.body)
    for section in document.sections:
        parts += paragraph_texts(section.header._element) + paragraph_texts(
            section.footer._element)
    return "\n".join(parts)


def instructions(element):
    return [i.text.strip() for i in element.iter(qn("w:instrText"))]


def annex_rows(document, heading):
    """The rows (cell texts) of the table that follows the heading `heading`."""
    body = list(document.element.body)
    start = next(i for i, el in enumerate(body)
                 if el.tag == qn("w:p") and el.style == "Heading1"
                 and "".join(paragraph_texts(el)) == heading)
    table = next(el for el in body[start:] if el.tag == qn("w:tbl"))
    return [["\n".join(paragraph_texts(tc)) for tc in tr.iter(qn("w:tc"))]
            for tr in table.iter(qn("w:tr"))]


@pytest.fixture
def brief(desk, som, tmp_path):
    path = tmp_path / "brief.docx"
    result = write_brief_docx(desk, som, path)
    assert result.path == path and result.warnings == ()
    return docx.Document(str(path))


def test_every_agenda_item_is_there_verbatim(desk, som, brief):
    paragraphs = paragraph_texts(brief.element.body)
    meeting = desk.meetings.get(som)
    assert len(meeting.items) == 4
    for n, item in enumerate(meeting.items, 1):  # the title with its reference
        assert f"Item {n}: {item.ref} {item.brief_title}" in [
            p.text for p in brief.paragraphs if p.style.name == "Heading 1"]
        for action in item.quoted():
            assert any(action.text in p for p in paragraphs), action.ref
    section = meeting.items[3]
    assert section.ref == "3.5" and 0 < len(section.quoted()) < len(section.actions)
    for action in section.actions:
        if action not in section.quoted():
            assert not any(action.text in p for p in paragraphs), action.ref
    text = "\n".join(paragraphs)
    for value in ("Confirm the dates of the next AEMM.", "Propose Brussels.",
                  "If pressed on dates: consult capitals first.", "The JWG last met in 2025.",
                  "Welcome the stocktaking of the FTA framework.",
                  "Welcomed the High-Level Dialogue."):
        assert value in text
    assert "- Propose Brussels." not in text  # the typed bullet became a real one
    bullets = [p.text for p in brief.paragraphs if p.style.name == "List Bullet"]
    assert "Propose Brussels." in bullets and "Welcome the regular SOM and JCC." in bullets


def test_cover_block_and_page(brief):
    section = brief.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert brief.paragraphs[1].text == "29th ASEAN-EU Senior Officials' Meeting"
    assert brief.paragraphs[1].style.name == "Title"
    cover = {row.cells[0].text: row.cells[1].paragraphs[0].text
             for row in brief.tables[0].rows}
    assert cover == {"Meeting": "SOM (Senior Officials' Meeting)",
                     "Date": "5 March 2026", "Venue": "Jakarta, ASEAN Secretariat",
                     "Handling": "RESTRICTED", "Agenda": "4 items"}


def test_marking_in_header_and_footer_with_page_numbers(brief):
    for section in brief.sections:
        header = section.header.paragraphs[0]
        assert header.text == "RESTRICTED"
        assert all(run.bold for run in header.runs if run.text)
        assert header.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER  # on the paragraph itself
        footer = section.footer.paragraphs
        assert footer[0].text == "RESTRICTED" and footer[0].runs[0].bold
        assert footer[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert "Page 1 of 1" in footer[1].text  # cached results of PAGE / NUMPAGES
        assert instructions(section.footer._element) == ["PAGE", "NUMPAGES"]


def test_no_marking_means_none_in_header_and_footer(desk, tmp_path):
    meeting = desk.meetings.create("JCC", "JCC 2026", refs="1.1(a)").id
    path = tmp_path / "jcc.docx"
    write_brief_docx(desk, meeting, path)
    document = docx.Document(str(path))
    assert document.sections[0].header.paragraphs[0].text == ""
    footer = document.sections[0].footer.paragraphs
    assert len(footer) == 1 and footer[0].text.startswith("Brief: JCC (JCC 2026)  ·  Page ")
    assert "Handling" not in [row.cells[0].text for row in document.tables[0].rows]


def classification(path):
    """The brief's Classification custom property (app.export.doc_props), or None."""
    with zipfile.ZipFile(path) as z:
        if "docProps/custom.xml" not in z.namelist():
            return None
        root = etree.fromstring(z.read("docProps/custom.xml"))
    found = [p[0].text for p in root if p.get("name") == "Classification"]
    assert len(found) <= 1
    return found[0] if found else None


def printed_markings(document):
    """Each section's header line and first footer line, and the top page's Handling row."""
    shown = {(s.header.paragraphs[0].text, s.footer.paragraphs[0].text)
             for s in document.sections}
    handling = [row.cells[1].text for row in document.tables[0].rows
                if row.cells[0].text == "Handling"]
    return shown, handling


def test_contact_details_print_only_under_a_marking(desk, som, tmp_path):
    """No marking given, but the focal points annex prints Siti Rahma's e-mail and phone:
    SENSITIVE on every page, on the top page and in the Classification property, as the
    Excel brief marks it (app.export.handling decides for both)."""
    import openpyxl

    meeting = desk.meetings.create("SOM", "Unmarked SOM", refs="1.1(a),4.1(a)").id
    assert desk.meetings.get(meeting).marking == ""
    path = tmp_path / "unmarked.docx"
    write_brief_docx(desk, meeting, path)
    document = docx.Document(str(path))
    annex = annex_rows(document, "Annex A: Focal points")
    assert annex[1][2].startswith("siti@example.invalid")
    shown, handling = printed_markings(document)
    assert shown == {("SENSITIVE", "SENSITIVE")}
    assert handling and handling[0].startswith("SENSITIVE")
    assert classification(path) == "SENSITIVE"
    export_brief(desk, meeting, tmp_path / "unmarked.xlsx")  # the Excel brief agrees
    sheet = openpyxl.load_workbook(tmp_path / "unmarked.xlsx").worksheets[0]
    assert sheet.oddHeader.center.text == "SENSITIVE"
    # the meeting's own marking wins
    desk.meetings.edit_meeting(meeting, marking="LIMITE")
    write_brief_docx(desk, meeting, tmp_path / "limite.docx")
    assert printed_markings(docx.Document(str(tmp_path / "limite.docx")))[0] == {
        ("LIMITE", "LIMITE")}
    assert classification(tmp_path / "limite.docx") == "LIMITE"
    # no focal point, no contact details: nothing to mark
    bare = desk.meetings.create("SOM", "Bare SOM", refs="4.1(a)").id
    write_brief_docx(desk, bare, tmp_path / "bare.docx")
    shown, handling = printed_markings(docx.Document(str(tmp_path / "bare.docx")))
    assert shown == {("", "Brief: SOM (Bare SOM)  \u00b7  Page 1 of 1")} and handling == []
    assert classification(tmp_path / "bare.docx") is None


def test_a_sections_status_counts_follow_the_one_status_order(desk, som, tmp_path):
    """The Word brief counts a whole section's statuses in app.vocab.STATUS_ORDER, as the
    Excel brief does (Achieved first, Not assessed last), not in the order they are stored."""
    for ref, status in (("3.5(b)", "Achieved"), ("3.5(c)", "Being addressed"),
                        ("3.5(d)", "Recurring"), ("3.5(e)", "Not yet addressed")):
        desk.set_status(desk.resolve_ref(ref), status)
    path = tmp_path / "brief.docx"
    write_brief_docx(desk, som, path)
    document = docx.Document(str(path))
    statuses = [t.rows[0].cells[1].text for t in document.tables
                if t.rows[0].cells[0].text == "Status"]
    assert "22 action lines. Achieved: 1; Recurring: 1; Being addressed: 1; " \
           "Not yet addressed: 1; Not assessed: 18" in statuses


def test_contents_link_each_heading_with_its_page_number(brief):
    """Issue 21: the contents carry page numbers before any field is refreshed: a PAGEREF
    field per entry (LibreOffice computes it, Word refreshes it on opening) whose cached
    number is the page the heading is estimated to fall on."""
    body = brief.element.body
    entries = [p for p in brief.paragraphs if p.style.name.lower() == "toc 1"]
    assert [p.text.split("\t")[0] for p in entries] == [
        "Objectives", "Key messages", *[p.text for p in brief.paragraphs
                                        if p.style.name == "Heading 1"
                                        and p.text.startswith(("Item ", "Annex "))]]
    refs = [i for i in instructions(body) if i.startswith("PAGEREF")]
    anchors = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))]
    assert refs == [rf"PAGEREF {a} \h" for a in anchors] and len(anchors) == 2 + 4 + 2
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert set(anchors) <= marks
    numbers = [int(p.text.split("\t")[1]) for p in entries]
    assert numbers[:3] == [2, 3, 4]  # objectives beside the contents, key messages, item 1
    assert numbers == sorted(numbers) and numbers[-1] >= 6
    settings = brief.settings.element.find(qn("w:updateFields"))
    assert settings is not None and settings.get(qn("w:val")) == "true"
    tab = entries[0]._p.find(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}")
    assert tab.get(qn("w:val")) == "right" and tab.get(qn("w:leader")) == "dot"
    headings = [p.text for p in brief.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Objectives", "Key messages"]
    assert headings[-2:] == ["Annex A: Focal points", "Annex B: Acronyms"]


def test_acronym_annex_lists_exactly_the_acronyms_in_the_brief(desk, som, brief):
    glossary = load_brief(desk, som).glossary  # the plan's and the user's
    listed = [row[0] for row in annex_rows(brief, "Annex B: Acronyms")]
    expected = [a.abbr for a in acronyms_in(full_text(brief), glossary)]
    assert listed == expected
    assert {"AEMM", "SOMTC+EU", "JWG", "FTA", "ACSDSD"} <= set(listed)  # in the items' text
    assert "CITES" not in listed and "CITES" not in full_text(brief)  # another section's
    rows = {row[0]: row[1] for row in annex_rows(brief, "Annex B: Acronyms")}
    assert rows["JWG"] == "Joint Working Group"


def test_lead_focal_points_and_contact_annex(brief):
    tables = {t.rows[0].cells[0].text: t for t in brief.tables}
    status_tables = [t for t in brief.tables if t.rows[0].cells[0].text == "Status"]
    rows = [{r.cells[0].text: r.cells[1].text for r in t.rows} for t in status_tables]
    assert rows[0]["Lead focal points"] == "Indonesia: Siti Rahma (Ministry of Foreign Affairs)"
    assert "Lead focal points" not in rows[1]  # no filler when there is none
    assert rows[2]["Status"] == "Being addressed"
    assert rows[3]["Lead focal points"] == ("France: Jean Dupont (Ministère de l'Europe), "
                                            "co-lead of the whole section")
    assert rows[0]["Pillar"] == "1. Political and Security Cooperation"  # not the section
    assert rows[3]["Status"].startswith("22 action lines. Not assessed: 22")
    assert "Country" in tables
    annex = annex_rows(brief, "Annex A: Focal points")
    assert annex[0] == ["Country", "Focal point", "Contact", "Role and lines"]
    assert [r[0] for r in annex[1:]] == ["Indonesia", "France"]  # country order, not typed
    assert annex[1][2].startswith("siti@example.invalid") and annex[1][3] == "Lead: 1.1(a)"
    assert annex[2][3] == "Co-lead: section 3.5"
    assert "Old Hand" not in full_text(brief)  # no longer active


def test_no_focal_points_recorded(desk, tmp_path):
    meeting = desk.meetings.create("JCC", "JCC", refs="4.1(a)").id
    path = tmp_path / "b.docx"
    write_brief_docx(desk, meeting, path)
    text = full_text(docx.Document(str(path)))
    assert "Annex A: Focal points\nNo focal points recorded." in text


def test_notes_only_when_asked_and_private_ones_only_explicitly(desk, som, tmp_path):
    def text(**options):
        path = tmp_path / "n.docx"
        write_brief_docx(desk, som, path, **options)
        return full_text(docx.Document(str(path)))

    plain = text()
    assert PUBLIC_NOTE not in plain and PRIVATE_NOTE not in plain
    with_notes = text(include_notes=True)
    assert PUBLIC_NOTE in with_notes and PRIVATE_NOTE not in with_notes
    assert PRIVATE_NOTE in text(include_notes=True, include_private=True)


def test_text_is_cleaned_on_the_way_out_and_the_user_told(desk, som, tmp_path):
    with raw_session(desk) as s:  # as an older version or a raw import might have left it
        item = s.get(AgendaItem, desk.meetings.find_item(som, "1.1(a)"))
        item.objective = "Vertical\x0btab and bell\x07."
    result = write_brief_docx(desk, som, tmp_path / "c.docx")
    assert result.warnings == ("1.1(a) objective: removed control characters Word and Excel "
                               "reject",)
    assert "Verticaltab and bell." in full_text(docx.Document(str(tmp_path / "c.docx")))


def test_a_template_gives_its_styles_and_missing_ones_are_reported(desk, som, tmp_path):
    template = docx.Document()
    template.styles["Heading 1"].font.name = "Georgia"
    bullet = template.styles["List Bullet"].element
    bullet.getparent().remove(bullet)
    template.add_paragraph("Sample text of the ministry template")
    template.save(str(tmp_path / "ministry.docx"))
    result = write_brief_docx(desk, som, tmp_path / "t.docx",
                              template=tmp_path / "ministry.docx")
    assert result.warnings == ("the template has no style 'List Bullet'; a plain one was used",)
    document = docx.Document(str(tmp_path / "t.docx"))
    assert document.styles["Heading 1"].font.name == "Georgia"
    text = full_text(document)
    assert "Sample text of the ministry template" not in text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "\u2022\tPropose Brussels." in bullets


@pytest.mark.parametrize(("name", "content", "message"), [
    ("ministry.dotx", b"PK", "is a Word template (.dotx)"),
    ("notes.txt", b"hello", "is not a Word document (.docx)"),
    ("fake.docx", b"just text", "it is not a .docx file"),
    ("missing.docx", None, "not found"),
])
def test_unusable_templates_get_one_clear_line(desk, som, tmp_path, name, content, message):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    target = tmp_path / "out.docx"
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        write_brief_docx(desk, som, target, template=tmp_path / name)
    assert not target.exists()


def test_damaged_and_disguised_templates(desk, som, tmp_path):
    good = tmp_path / "good.docx"
    docx.Document().save(str(good))
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, src.read(info))
    with pytest.raises(InputError, match="cannot be read as a Word document"):
        write_brief_docx(desk, som, tmp_path / "x.docx", template=damaged)
    disguised = tmp_path / "renamed.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(disguised, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(info, data)
    with pytest.raises(InputError, match=r"Word template \(.dotx\) renamed to .docx"):
        write_brief_docx(desk, som, tmp_path / "x.docx", template=disguised)


def test_a_failed_export_leaves_the_old_file_and_no_debris(desk, som, tmp_path, monkeypatch):
    target = tmp_path / "brief.docx"
    target.write_bytes(b"the old brief")

    def broken_save(self, path):
        with open(path, "wb") as fh:
            fh.write(b"PK half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with pytest.raises(InputError, match="cannot write .*brief.docx: No space left on device"):
        write_brief_docx(desk, som, target)
    assert target.read_bytes() == b"the old brief"
    database = ("work.db", "work.db-shm", "work.db-wal",  # the SQLite desk's own files
                "work.db.writers")  # and its writers' lock (app/store/lock.py)
    assert [p.name for p in tmp_path.iterdir() if p.name not in database] == ["brief.docx"]


def test_locked_read_only_and_misnamed_targets(desk, som, tmp_path):
    target = tmp_path / "brief.docx"
    target.write_bytes(b"old")
    lock = tmp_path / ".~lock.brief.docx#"
    lock.write_text("someone,host,...")
    with pytest.raises(InputError, match="is open in another program"):
        export_brief(desk, som, target)
    lock.unlink()
    target.chmod(0o444)
    with pytest.raises(InputError, match="is read-only"):
        export_brief(desk, som, target)
    assert target.read_bytes() == b"old"
    with pytest.raises(InputError, match=r"brief.pdf: a brief is written as .docx or .xlsx"):
        export_brief(desk, som, tmp_path / "brief.pdf")
    with pytest.raises(InputError, match=r"a Word brief is written as .docx \(got '.doc'\)"):
        write_brief_docx(desk, som, tmp_path / "brief.doc")
