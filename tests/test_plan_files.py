"""A plan read from the file it is published as (issue 22): .docx with Word's own numbering
(numbers that are only list formatting), .txt, the file told by its content; and every file
that is not a plan, or not a sound one, refused with one line and nothing stored. The PDFs
printed from these plans: tests/test_plan_files_pdf.py."""

from __future__ import annotations

import zipfile

import pytest
from plan_docs import DECIMAL, STYLE_PLANS, W_NS, Level, Lists, Para, write_docx

from app.errors import InputError
from app.interchange.plan_files import normalise, read_plan_source
from app.interchange.plan_text import import_plan, read_plan
from app.interchange.word_numbering import format_number

MINI = ("Plan of Action\n\nIntroduction.\n\n1. PART ONE\n\n1.1. Section one\n\n"
        "- a) Convene the \ufb01rst meeting on e\ufb00ective \ufb02ows.\n")


@pytest.mark.parametrize("plan", STYLE_PLANS, ids=lambda p: p.name)
def test_word_numbering_is_read_as_the_page_shows_it(plan, tmp_path):
    source = read_plan_source(plan.write(tmp_path / f"{plan.name}.docx",
                                         header=plan.shown[0]))
    assert source.kind == "docx"
    assert source.text.split("\n\n") == plan.shown
    # the footnotes apart, numbered in the order their marks come; no mark left in the text
    assert list(source.footnotes) == [f"{n} {text}" for n, text in plan.footnotes.items()]
    assert not any(text in source.text for text in plan.footnotes.values())
    # the header (a part of its own) is not read: the title comes once
    assert source.text.count(plan.shown[0]) == 1


def test_levels_that_never_restart_legal_numbers_and_instances_that_continue(tmp_path):
    lists = Lists(abstract={1: [Level("upperRoman", "%1."),
                                Level("lowerRoman", "(%2)", restart=0),
                                Level("decimal", "%1.%2.%3", legal=True),
                                Level("lowerLetter", "%4)", start=3, suff="nothing")],
                            2: [Level("decimalZero", "%1 -", suff="space"),
                                Level("bullet", "\uf0b7")]},
                  nums={1: (1, {}), 2: (1, {}), 3: (2, {}), 4: (2, {0: 7})})
    paragraphs = [Para("Alpha", 1, 0), Para("one", 1, 1), Para("Beta", 1, 0),
                  Para("two (never restarts)", 1, 1), Para("legal", 1, 2),
                  Para("Gamma, list 2 continues list 1", 2, 0), Para("three", 2, 1),
                  Para("x", 2, 3), Para("y", 2, 3), Para("first", 3, 0), Para("bullet", 3, 1),
                  Para("restarted at 7", 4, 0), Para("no number", 0, 0), Para("   ", 1, 0),
                  Para("Delta", 1, 0)]
    source = read_plan_source(write_docx(tmp_path / "levels.docx", paragraphs, lists))
    assert source.text.split("\n\n") == [
        "I. Alpha", "(i) one", "II. Beta", "(ii) two (never restarts)", "2.2.1 legal",
        "III. Gamma, list 2 continues list 1", "(iii) three", "c)x", "d)y", "01 - first",
        "\u2022 bullet", "07 - restarted at 7", "no number", "V. Delta"]  # the empty IV counts


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    (1, "lowerLetter", "a"), (26, "lowerLetter", "z"), (27, "lowerLetter", "aa"),
    (28, "upperLetter", "BB"), (4, "lowerRoman", "iv"), (1999, "upperRoman", "MCMXCIX"),
    (7, "decimalZero", "07"), (12, "decimalZero", "12"), (3, "ordinal", "3rd"),
    (11, "ordinal", "11th"), (22, "ordinal", "22nd"), (5, "decimal", "5"),
    (5, "someFormatNotKnown", "5"),
])
def test_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


def test_numbering_from_a_style_and_its_base(tmp_path):
    """A paragraph numbered by its style (Heading styles usually are), the style's level from
    numbering.xml's pStyle; numId 0 on the paragraph turns the style's numbering off."""
    lists = Lists(abstract={1: [Level("decimal", "%1."), Level("decimal", "%1.%2")]},
                  nums={1: (1, {})}, styles={"PartHeading": (1, 0)})
    paragraphs = [Para("ONE", style="PartHeading"), Para("Section", 1, 1),
                  Para("TWO", style="PartHeading"), Para("Not numbered", 0, 0,
                                                         style="PartHeading")]
    source = read_plan_source(write_docx(tmp_path / "styles.docx", paragraphs, lists))
    assert source.text.split("\n\n") == ["1. ONE", "1.1 Section", "2. TWO", "Not numbered"]


def test_what_word_does_not_show_is_not_read(tmp_path):
    """Hidden and deleted text, field codes, footnote marks: left out; a text box once (Word
    writes it twice); a soft hyphen dropped, a non-breaking hyphen a hyphen, a tab a space."""
    r = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'.format
    box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
           f'<w:p>{r("In the box")}</w:p></w:txbxContent></w:drawing></mc:Choice>'
           f'<mc:Fallback><w:pict><w:txbxContent><w:p>{r("In the box")}</w:p></w:txbxContent>'
           '</w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    xml = (r("Convene the ") + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden </w:t></w:r>'
           + '<w:del w:id="1"><w:r><w:delText>deleted </w:delText></w:r></w:del>'
           + '<w:ins w:id="2"><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins>'
           + '<w:r><w:t>ASEAN</w:t><w:noBreakHyphen/><w:t>EU capa</w:t><w:softHyphen/>'
           + '<w:t>city</w:t><w:tab/><w:t>meeting</w:t></w:r>'
           + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE '
           + '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
           + r("7") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
           + '<w:r><w:footnoteReference w:id="1"/></w:r>' + r(".") + box)
    paragraphs = [Para("", xml=xml), Para("Then an endnote[^e3] and[^e2] two."),
                  Para("And the endnote again[^e3], and the footnote[^1].")]
    source = read_plan_source(write_docx(tmp_path / "hidden.docx", paragraphs,
                                         footnotes={1: "A note."},
                                         endnotes={2: "Second.", 3: "First."}))
    assert source.text.split("\n\n") == [
        "Convene the inserted ASEAN-EU capacity meeting7.", "In the box",
        "Then an endnote and two.", "And the endnote again, and the footnote."]
    assert source.footnotes == ("1 A note.", "i First.", "ii Second.")


def test_a_table_of_contents_is_not_read(tmp_path):
    """Its lines would read as headings: left out, in a content control or in Word's own
    "toc 1" style (whatever the style's id in the author's language)."""
    r = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'.format
    sdt = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
           f'</w:docPartObj></w:sdtPr><w:sdtContent><w:p>{r("Contents")}</w:p>'
           f'<w:p>{r("1. POLITICAL COOPERATION")}<w:r><w:tab/><w:t>3</w:t></w:r></w:p>'
           "</w:sdtContent></w:sdt>")
    paragraphs = [Para("Plan of Action"), Para("", block=sdt),
                  Para("2. ECONOMIC COOPERATION 7", style="Verzeichnis1"),
                  Para("1. POLITICAL COOPERATION")]
    source = read_plan_source(write_docx(tmp_path / "contents.docx", paragraphs))
    assert source.text.split("\n\n") == ["Plan of Action", "1. POLITICAL COOPERATION"]


def test_ligatures_and_soft_hyphens_alone_are_normalised(tmp_path):
    assert normalise("\ufb01nance \ufb00 \ufb03 \ufb04 \ufb02 capa\u00adcity") == \
        "finance ff ffi ffl fl capacity"
    # other compatibility characters stay as published (no NFKC over the whole text)
    assert normalise("\u00bd km\u00b2 \uff21 \u2460") == "\u00bd km\u00b2 \uff21 \u2460"
    text = tmp_path / "plan.txt"
    text.write_text(MINI, encoding="utf-8")
    word = write_docx(tmp_path / "plan.docx", [Para(p) for p in MINI.strip().split("\n\n")])
    for path in (text, word):
        plan = read_plan(path)
        assert [a.text for _, _, _, a in plan.action_lines()] == [
            "Convene the first meeting on effective flows."]


def test_a_text_file_is_read_as_before(tmp_path):
    path = tmp_path / "plan"  # no extension: told by its content
    path.write_bytes(("\ufeff" + MINI.replace("\n", "\r\n") + "\x07").encode())
    warnings: list[str] = []
    source = read_plan_source(path, warnings)
    assert source.kind == "txt" and source.pages == 1 and source.footnotes == ()
    assert source.text == normalise(MINI)
    assert warnings == ["plan, line 10: removed control characters Word and Excel reject"]


def _workbook(path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Ref"
    wb.save(path)
    return path


@pytest.mark.parametrize(("name", "make", "message"), [
    ("x.xlsx", _workbook, r"^x\.xlsx is a workbook, not a plan \(\.pdf, \.docx or \.txt\)$"),
    ("plan.pdf", lambda p: DECIMAL.write(p),
     r"^plan\.pdf is not a PDF: it is a Word document under the wrong name"),
    ("plan.docx", lambda p: p.write_bytes(b"%PDF-1.7\n%%EOF\n"),
     r"^plan\.docx is not a Word document: it is a PDF"),
    ("plan.txt", lambda p: p.write_bytes(b"%PDF-1.7\n%%EOF\n"), r"^plan\.txt is not a text"),
    ("plan.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
     r"^plan\.doc is an old Office file \(\.doc or \.xls: save it as \.docx or PDF first\)"),
    ("scan.png", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
     r"^scan\.png is an image \(POA Desk cannot read scans\), not a plan"),
    ("slides.pptx", lambda p: zipfile.ZipFile(p, "w").writestr("ppt/presentation.xml", "<p/>"),
     r"^slides\.pptx is a presentation, not a plan"),
    ("plan.odt", lambda p: zipfile.ZipFile(p, "w").writestr(
        "mimetype", "application/vnd.oasis.opendocument.text"), r"OpenDocument text"),
    ("no-body.docx", lambda p: zipfile.ZipFile(p, "w").writestr(
        "word/document.xml", f'<w:document xmlns:w="{W_NS}"/>'), r"has no document body"),
    ("damaged.docx", lambda p: zipfile.ZipFile(p, "w").writestr(
        "word/document.xml", "<w:document"), r"^damaged\.docx is damaged: its part"),
    ("folder.pdf", lambda p: p.mkdir(), r"is a folder"),
])
def test_what_is_not_a_plan_is_refused_in_one_line(desk, tmp_path, name, make, message):
    path = tmp_path / name
    make(path)
    before = desk.plans()
    with pytest.raises(InputError, match=message) as caught:
        import_plan(desk, path)
    assert "\n" not in str(caught.value)
    assert desk.plans() == before


def test_a_word_file_that_expands_too_far_is_refused_before_it_is_parsed(desk, tmp_path):
    bomb = tmp_path / "bomb.docx"
    DECIMAL.write(tmp_path / "sound.docx")
    body = "<w:p/>" * 1_100_000
    with zipfile.ZipFile(tmp_path / "sound.docx") as zin, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", f"<w:body>{body}".encode())
            zout.writestr(info, data, compresslevel=9)
    assert bomb.stat().st_size < 200_000
    before = desk.plans()
    with pytest.raises(InputError, match=r"^bomb\.docx holds more than 1,000,000 XML elements"):
        import_plan(desk, bomb)
    assert desk.plans() == before


def test_a_word_plan_imports_beside_the_others(desk, tmp_path):
    from plan_docs import asean_eu

    from app.paths import resources_dir

    seed = (resources_dir() / "asean-eu-poa-2023-2027.txt").read_text(encoding="utf-8")
    paragraphs, lists = asean_eu(seed.replace("2023-2027", "2028-2032"))
    word = write_docx(tmp_path / "next.docx", paragraphs, lists,
                      footnotes={1: "Adopted at the PMC+1."})
    parsed = read_plan(word)
    assert parsed.footnotes == ("1 Adopted at the PMC+1.",)
    info = import_plan(desk, word)
    assert info.action_count == 165
    assert len(desk.plans()) == 2


def test_the_pdf_the_bundle_check_imports_is_read(tmp_path):
    """packaging/check_bundle.py proves the PDF library is in the bundle by importing a small
    PDF it writes itself: that PDF reads as its plan."""
    import runpy
    from pathlib import Path

    check_bundle = runpy.run_path(str(Path(__file__).parents[1] / "packaging" / "check_bundle.py"),
                                  run_name="check_bundle")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(check_bundle["tiny_pdf"]())
    plan = read_plan(pdf)
    assert [(ref, a.text) for ref, _, _, a in plan.action_lines()] == [
        ("1.1(a)", "Convene a meeting on plans printed to PDF and read by the bundle with the "
                   "PDF library it carries."),
        ("1.1(b)", "Read the second action line of the plan, which also runs over two lines of "
                   "the page."),
        ("1.1(c)", "Report on it.")]
