"""The Word progress report read back with python-docx: the activity figures are the database's,
a section-wide activity appears once, the lines without activity are a table by section, the
report is "as at" a date on its top page and in its figures, the acronym annex lists what the
text uses, and it has the brief's look (Arial in black, no blue Calibri) and no private text."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest

from app.clock import long_date
from app.export.content import brief_acronyms
from app.export.report import export_report
from app.export.report_content import as_at, load_report
from tests.export.report_data import PERIOD, PRIVATE, SECTION_WIDE, make_report_set
from tests.export.test_report_content import database_counts

MARKING = "RESTRICTED"


@pytest.fixture
def report(desk, tmp_path):
    make_report_set(desk)
    out = tmp_path / "report.docx"
    export_report(desk, *PERIOD, out, marking=MARKING, author="Desk officer")
    return desk, out


def _cells(table) -> list[list[str]]:
    """Each row's cells' texts, a cell spanning columns once."""
    rows = []
    for row in table.rows:
        seen, texts = set(), []
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                texts.append(cell.text)
        rows.append(texts)
    return rows


def _table(document, first_header: list[str]):
    found = [t for t in document.tables if _cells(t)[0][:len(first_header)] == first_header]
    assert found, f"no table headed {first_header}"
    return found


def _everything(document) -> list[str]:
    """Every paragraph's text and every cell's, in document order."""
    body = document.element.body
    out = []
    for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        out.append("".join(t.text or "" for t in p.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
    return out


def test_the_activity_figures_are_the_databases(report):
    desk, out = report
    document = docx.Document(str(out))
    db = database_counts(desk)
    pillars, sections = _table(document, ["Pillar", "On action lines"]), \
        _table(document, ["Section", "On action lines"])
    rows = _cells(pillars[0])[1:]
    for label, on_lines, wide, total in rows[:-1]:
        number = int(label.split(".")[0])
        assert (int(on_lines), int(wide)) == (db["pillar_lines"][number],
                                              db["pillar_wide"][number])
        assert int(total) == int(on_lines) + int(wide)
    assert rows[-1] == ["All pillars", str(sum(db["pillar_lines"].values())),
                        str(sum(db["pillar_wide"].values())), str(sum(db["kind"].values()))]
    for label, on_lines, wide, _total in _cells(sections[0])[1:]:
        if label.startswith("Lines outside a section"):
            continue
        number = label.split()[0]
        assert (int(on_lines), int(wide)) == (db["section_lines"][number],
                                              db["section_wide"][number])
    (kinds,) = _table(document, ["Kind", "Activities"])
    got = {k: int(n) for k, n in _cells(kinds)[1:]}
    assert got.pop("Total") == sum(db["kind"].values())
    assert got == dict(db["kind"])


def test_a_section_wide_activity_appears_once_at_its_section(report):
    _desk, out = report
    document = docx.Document(str(out))
    text = _everything(document)
    assert sum(t.count(SECTION_WIDE) for t in text) == 1
    (matrix,) = _table(document, ["Ref", "Action line (subject)", "Status",
                                  "Activities in the period"])
    rows = _cells(matrix)
    at = next(i for i, r in enumerate(rows) if SECTION_WIDE in r[-1])
    assert rows[at][:2] == ["1.3", "Section-wide activities (the whole section)"]
    assert rows[at - 1][0].startswith("Section 1.3 Combat terrorism")  # its heading row
    assert "lead: EU" in rows[at][-1]
    # a line of 1.3 lists only its own activities
    (line,) = [r for r in rows if r[0] == "1.3(a)"]
    assert "Workshop on preventing violent extremism" in line[-1]
    assert SECTION_WIDE not in line[-1]


def test_the_lines_without_activity_are_a_table_by_section(report):
    desk, out = report
    content = load_report(desk, *PERIOD)
    document = docx.Document(str(out))
    (quiet,) = _table(document, ["Ref", "Status", "Ref", "Status"])
    rows = _cells(quiet)[1:]
    headings = [r[0] for r in rows if len(r) == 1]
    assert headings[0].startswith("Section 1.2 ")  # 1.1's three lines all have activities
    assert any(h.startswith("Section 1.3 ") and "section-wide activit" in h for h in headings)
    assert headings[-1].startswith("Part 5:")
    pairs = [(r[i], r[i + 1]) for r in rows if len(r) == 6 for i in (0, 2, 4) if r[i]]
    assert pairs == [(line.ref, line.status) for line in content.without_activity]
    assert not any("[Not assessed]" in t for t in _everything(document))  # no run-on list


def test_the_report_is_as_at_a_date_on_its_top_page_and_figures(report):
    _desk, out = report
    document = docx.Document(str(out))
    when = long_date(as_at(PERIOD[1]))
    top = [p.text for p in document.paragraphs[:8]]
    assert f"As at {when}" in top
    assert any(t.startswith("Period: 1 January 2026 to 31 December 2026") for t in top)
    caption = next(p.text for p in document.paragraphs if p.text.startswith("Figure 1."))
    assert f"as at {when}" in caption
    assert re.search(r"Not charted: \d+ action lines not assessed", caption)
    assert any(p.text.startswith(f"Each activity counted once, as at {when}")
               for p in document.paragraphs)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == MARKING
    footer = [p.text for p in section.footer.paragraphs]
    assert footer[0] == MARKING and f"as at {when}" in footer[1] and "Page" in footer[1]


def test_the_acronym_annex_lists_the_acronyms_the_report_uses(report):
    desk, out = report
    document = docx.Document(str(out))
    content = load_report(desk, *PERIOD, glossary=True)
    text = _everything(document)
    annex_at = text.index("Annex: Acronyms")
    annex = document.tables[-1]  # the last: the annex's
    entries = {abbr: expansion for abbr, expansion in _cells(annex)}
    used = brief_acronyms("\n".join(text[:annex_at]), content.glossary)
    assert set(entries) >= {a.abbr for a in used}
    assert {"AEMM", "ARF", "FATF", "JWG", "SUPA", "TVET"} <= set(entries)
    assert entries["AEMM"] == "ASEAN-EU Ministerial Meetings"


def test_the_report_has_the_briefs_look(report):
    _desk, out = report
    document = docx.Document(str(out))
    styles = {s.name: s for s in document.styles}
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Header",
                 "Footer"):
        font = styles[name].font
        assert font.name == "Arial", name
        assert font.color.rgb is None or str(font.color.rgb) in ("000000", "595959"), name
        fonts = styles[name].element.rPr.rFonts
        assert not [a for a in fonts.attrib if "heme" in a], name  # no theme font wins
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for run in document.element.body.iter(f"{w}r"):  # no run picks a font of its own
        fonts = run.find(f"{w}rPr/{w}rFonts")
        assert fonts is None or set(fonts.attrib.values()) == {"Arial"}
    assert styles["Title"].font.size.pt == 20 and styles["Heading 1"].font.size.pt == 13
    assert [p.style.name for p in document.paragraphs[:3]] == ["Subtitle", "Title", "Subtitle"]


def test_no_private_text_anywhere_in_the_file(report):
    _desk, out = report
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            assert PRIVATE.encode() not in archive.read(name), name


def test_the_chart_shows_the_assessed_lines_and_the_caption_the_rest(report):
    """Beside 144 lines not assessed, progress would be a sliver: the chart draws the assessed
    lines in STATUS_ORDER, the caption says how many are not assessed."""
    from lxml import etree

    from app.vocab import STATUS_LABELS, STATUS_ORDER

    desk, out = report
    with zipfile.ZipFile(out) as archive:
        chart = etree.fromstring(archive.read("word/charts/chart1.xml"))
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    names = [s.findtext(f"{c}tx//{c}v") for s in chart.iter(f"{c}ser")]
    assert names == [STATUS_LABELS[code] for code in STATUS_ORDER if code != "not_assessed"]
    statuses = [a.status for a in desk.plan_tree().all_actions()]
    missing = statuses.count("not_assessed")
    assert missing == 165 - 21
    document = docx.Document(str(out))
    caption = next(p.text for p in document.paragraphs if p.text.startswith("Figure 1."))
    assert caption.startswith(f"Figure 1. The {165 - missing} assessed action lines")
    assert f"Not charted: {missing} action lines not assessed" in caption
