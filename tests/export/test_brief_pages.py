"""Issue 21: the Word brief without a pen. Its pages rendered by LibreOffice (no page left
holding a few lines or a lone table, the contents' page numbers), the key messages page, lines
to take with their references, who leads which line of a section, and every acronym either
explained or reported (never a file reference)."""

from __future__ import annotations

import re
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from app.export import export_brief
from app.export.content import load_brief
from app.glossary import HOUSEHOLD_NAMES
from tests.export.meeting_data import add_focal_point, make_som6
from tests.export.test_brief_docx import annex_rows
from tests.export.test_libreoffice import SOFFICE, to_pdf

FILE_REFERENCE = "ASIA/ASEAN/2027/014"
MIN_LINES = 5  # a page (but the last) holds at least this many lines of text


def make_issue_case(desk):
    """The six-item SOM grown to the issue's case: the SOMTC+EU consultations, the smart
    cities network and the review of the plan on the agenda with default titles, a file
    reference, and text that uses SOMTC, EEAS, UN and ASEAN-ACT without defining them."""
    meeting = make_som6(desk)
    for abbr in ("ASEAN", "EU", "UN", "SOMTC"):  # the plan's and the built-in names only
        desk.remove_user_acronym(abbr)
    mm = desk.meetings
    mm.edit_meeting(meeting, reference=FILE_REFERENCE)
    mm.add_items(meeting, "1.3(b),4.2(a),5(a)", position=5)
    mm.edit_item(mm.find_item(meeting, "1.3(b)"),
                 objective="Support the SOMTC+EU consultations.",
                 points_to_make="Offer EMPACT experience.\nWelcome the annual SOMTC.\n"
                                "Invite the EEAS to brief.\nRecall the UN conventions.",
                 background="ASEAN-ACT works on trafficking in persons with the SOMTC.")
    mm.edit_item(mm.find_item(meeting, "5(a)"), objective="Agree on the mid-term review.")
    return meeting


@pytest.fixture
def issue_case(desk):
    return make_issue_case(desk)


def body_lines(page):
    """A PDF page's lines of text, without the marking and the footer's page label."""
    return [line.strip() for line in page.splitlines()
            if line.strip() and line.strip() != "RESTRICTED"
            and not line.strip().startswith("Brief: ")]


def contents_entries(pages):
    """[(title, page number)] as the contents page of the PDF shows them."""
    entries = []
    for line in body_lines(pages[1]):
        m = re.match(r"^(.+?)\s*\.{3,}\s*(\d+)$", line)
        if m:
            entries.append((m.group(1).strip(), int(m.group(2))))
    return entries


def heading_page(pages, title, after):
    """The first page after page `after` (1-based) with `title` on it (a long title may
    wrap: the page's lines are read as one text)."""
    return next(n for n, page in enumerate(pages, 1)
                if n > after and title in " ".join(body_lines(page)))


@pytest.mark.sqlite_only
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice (soffice) and pdftotext (CI installs both)")
def test_pages_hold_more_than_a_few_lines_and_the_contents_give_their_numbers(
        desk, issue_case, tmp_path, soffice_profile):
    paths = []
    for name, meeting, options in (("case.docx", issue_case, {}),
                                   ("full.docx", issue_case, {"full_text": True})):
        paths.append(tmp_path / name)
        export_brief(desk, meeting, paths[-1], **options)
    for path, pdf in zip(paths, to_pdf(soffice_profile, tmp_path, *paths), strict=True):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        for n, page in enumerate(pages[:-1], 1):
            lines = body_lines(page)
            assert len(lines) >= MIN_LINES, (path.name, n, lines)
            # a table never opens a page on its own: it stays with its item
            assert lines[0] not in ("Desk information", "Status", "Pillar"), (path.name, n)
        entries = contents_entries(pages)
        titles = [t for t, _ in entries]
        assert titles[:2] == ["Objectives", "Key messages"] and len(entries) >= 11
        key_page = dict(entries)["Key messages"]
        assert "Key messages" in body_lines(pages[key_page - 1])
        cached = [int(p.text.split("\t")[-1]) for p in docx.Document(str(path)).paragraphs
                  if p.style.name.lower() == "toc 1"]
        for (title, number), estimate in zip(entries[1:], cached[1:], strict=True):
            # the number beside the title is the page its heading is on (the key messages
            # list the items' titles too: the headings come after them)
            assert heading_page(pages, title, key_page - 1 if title == "Key messages"
                                else key_page) == number, (path.name, title)
            assert abs(estimate - number) <= 1, (path.name, title, estimate, number)
        aob = heading_page(pages, "Item 9: Any other business", key_page)
        assert len(body_lines(pages[aob - 1])) > 6  # not a page of its own


def test_key_messages_sum_up_each_item_on_one_page(desk, issue_case, tmp_path):
    path = tmp_path / "brief.docx"
    export_brief(desk, issue_case, path)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Key messages")
    heading = document.paragraphs[start]
    assert heading.style.name == "Heading 1" and heading.paragraph_format.page_break_before
    assert texts.index("Objectives") < start
    first = texts.index("Item 1: Adoption of the agenda", start + 1)  # its key messages
    end = texts.index("Item 1: Adoption of the agenda", first + 1)  # the item's own page
    page = texts[start + 1:end]
    for n, item in enumerate(desk.meetings.get(issue_case).items, 1):
        if not item.objective.strip():
            assert not any(t.startswith(f"Item {n}:") for t in page)
            continue
        title = next(t for t in page if t.startswith(f"Item {n}:"))
        at = page.index(title)
        assert page[at + 1] == f"Objective: {item.objective}"
        points = [p for p in item.points_to_make.splitlines() if p.strip()]
        assert page[at + 2:at + 2 + min(3, len(points))] == \
            [p.lstrip("- ") for p in points[:3]]
    assert "and 1 more under item 6" in page  # 1.3(b) has four points: three shown
    bold = [p for p in document.paragraphs[start + 1:end] if p.runs and p.runs[0].bold]
    assert [p.text for p in bold][:2] == ["Item 1: Adoption of the agenda",
                                          "Item 2: 1.1(a) Biennial ASEAN-EU Ministerial "
                                          "Meetings (AEMM)"]


def test_lines_to_take_keep_their_reference_and_leads_say_which_line(desk, tmp_path):
    desk.set_lines_to_take(desk.resolve_ref("3.5(i)"),
                           "- Support peatland management.\n- Welcome the SUPA programme.")
    desk.set_lines_to_take(desk.resolve_ref("3.5(c)"), "Share rural development work.")
    add_focal_point(desk, "Dewi Lestari", "ID", organisation="Bappenas", action="3.5(c)")
    add_focal_point(desk, "Jean Dupont", "FR", organisation="MEAE", section="3.5",
                    role="co-lead")
    meeting = desk.meetings.create("SOM", "SOM", refs="3.5,2.1(c)").id
    path = tmp_path / "brief.docx"
    export_brief(desk, meeting, path)
    document = docx.Document(str(path))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert {"3.5(c): Share rural development work.",
            "3.5(i): Support peatland management.",
            "3.5(i): Welcome the SUPA programme."} <= set(bullets)
    desk_info = [{r.cells[0].text: r.cells[1].text for r in t.rows} for t in document.tables
                 if t.rows[0].cells[0].text == "Status"]
    assert desk_info[0]["Lead focal points"] == (
        "France: Jean Dupont (MEAE), co-lead of the whole section\n"
        "Indonesia: Dewi Lestari (Bappenas), lead on 3.5(c)")
    assert desk_info[0]["Pillar"] == "3. Socio-Cultural Cooperation"
    assert desk_info[1]["Pillar"] == "2. Economic Cooperation"  # not its section as well


def test_every_acronym_is_explained_or_reported_and_no_file_reference_is(desk, issue_case,
                                                                         tmp_path):
    path = tmp_path / "brief.docx"
    result = export_brief(desk, issue_case, path)
    document = docx.Document(str(path))
    annex = {row[0]: row[1] for row in annex_rows(document, "Annex B: Acronyms")}
    assert annex["SOMTC"] == "Senior Officials Meeting on Transnational Crime"
    assert annex["SOMTC+EU"].startswith("ASEAN Plus EU Senior Officials Meeting")
    assert annex["EEAS"] == "European External Action Service"
    assert annex["UN"] == "United Nations"
    assert annex["ASEAN"] == "Association of Southeast Asian Nations"
    reported = set(result.unexplained)
    assert "ASEAN-ACT" in reported and "ACT" not in reported
    assert not {"ASIA", "ASIAPAC"} & reported  # from the file references
    text = "\n".join(  # every paragraph, tables and header included; a tab a space
        "".join(" " if e.tag == qn("w:tab") else e.text or "" for e in p.iter(qn("w:t"),
                                                                          qn("w:tab")))
        for part in (document.element.body, document.sections[0].header._element)
        for p in part.iter(qn("w:p")))
    assert FILE_REFERENCE in text
    marking = {"RESTRICTED"}
    glossary = {a.abbr for a in load_brief(desk, issue_case).glossary}
    for m in re.finditer(r"(?<![\w/+-])([A-Z][A-Z0-9&]+(?:[-+][A-Z][A-Z0-9&]*)*)s?"
                         r"(?![\w/+-])", text):
        word = m.group(1)
        if word in marking or re.fullmatch(r"[IVXLC]+", word):
            continue
        explained = word in annex or all(p in annex for p in re.split(r"[-+]", word))
        assert explained or word in reported or word in HOUSEHOLD_NAMES, word
        if word in glossary:
            assert word in annex, word


def test_the_default_titles_reach_the_contents_and_the_excel_brief(desk, issue_case,
                                                                   tmp_path):
    import openpyxl

    path = tmp_path / "brief.docx"
    export_brief(desk, issue_case, path)
    document = docx.Document(str(path))
    items = [p.text for p in document.paragraphs if p.style.name == "Heading 1"
             and p.text.startswith("Item ")]
    assert items[5:8] == [
        "Item 6: 1.3(b) SOMTC+EU Consultations in the margins of the annual SOMTC",
        "Item 7: 4.2(a) ASEAN Smart Cities Network (ASCN)",
        "Item 8: 5(a) Review of this Plan of Action"]
    links = [h for h in document.element.body.iter(qn("w:hyperlink"))]
    assert len(links) == 2 + 9 + 2
    xlsx = tmp_path / "brief.xlsx"
    export_brief(desk, issue_case, xlsx)
    cells = {c.value for ws in openpyxl.load_workbook(xlsx) for r in ws.iter_rows()
             for c in r}
    assert "Review of this Plan of Action" in cells
    assert "ASEAN Smart Cities Network (ASCN)" in cells


@pytest.mark.sqlite_only
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice (soffice) and pdftotext (CI installs both)")
def test_a_short_last_item_moved_over_whole_takes_the_first_annex_with_it(
        tmp_path, soffice_profile):
    """The README's sample SOM: its last item ("Any other business", three lines) does not fit
    under the whole section 3.5 and moves to the next page whole; Annex A follows it there
    instead of leaving it alone on that page."""
    from docs.make_sample_brief import build_brief

    path = build_brief(tmp_path)
    (pdf,) = to_pdf(soffice_profile, tmp_path, path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    for n, page in enumerate(pages[:-1], 1):
        assert len(body_lines(page)) >= MIN_LINES, (n, body_lines(page))
    # its heading: the last page naming it (the contents and key messages name it too)
    aob = max(n for n, page in enumerate(pages, 1) if "Item 6: Any other business" in page)
    assert "Annex A: Focal points" in pages[aob - 1]
