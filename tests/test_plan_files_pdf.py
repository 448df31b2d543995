"""A plan read from its PDF (issue 22): the plans of tests/plan_docs.py written as Word files
with Word's own numbering, a running header (the plan's title), a footer "Page N of M" (PAGE
and NUMPAGES fields) and footnotes, printed to PDF by LibreOffice as a publisher would; their
text read back paragraph by paragraph as the page shows it, with nothing of the header,
footer or footnotes in it. And the ASEAN-EU plan printed the same way imports to the same 165
action lines as its text.

Skipped only when soffice is not installed and CI is not set.
"""

from __future__ import annotations

import os
import re
import zipfile

import pytest
from plan_docs import SOFFICE, STYLE_PLANS, asean_eu, to_pdf, write_docx

from app.errors import InputError
from app.interchange.plan_files import read_plan_source
from app.interchange.plan_text import import_plan, read_plan
from app.paths import resources_dir

pytestmark = [
    pytest.mark.skipif(SOFFICE is None and "CI" not in os.environ,
                       reason="LibreOffice (soffice) is not installed; CI installs it"),
    pytest.mark.sqlite_only,
]
SEED = resources_dir() / "asean-eu-poa-2023-2027.txt"
FOOTNOTE = "Adopted at the ASEAN Post Ministerial Conference with the EU."
PAGE = re.compile(r"Page \d+ of \d+")
# how the paragraphs are set: spaced apart, close together (only the layout of the lines tells
# one from the next), justified (wider gaps between the words)
LAYOUTS = {"spaced": {"spacing": 120}, "close": {"spacing": 0},
           "justified": {"spacing": 60, "justify": True}}


@pytest.fixture(scope="session")
def printed(tmp_path_factory, soffice_profile):
    """name -> PDF: each style plan and the ASEAN-EU plan in each of LAYOUTS; one LibreOffice
    run for the whole session."""
    if SOFFICE is None:
        pytest.fail("CI is set but soffice is not installed")
    folder = tmp_path_factory.mktemp("plan-pdfs")
    docs = []
    paragraphs, lists = asean_eu(SEED.read_text(encoding="utf-8"))
    for layout, how in LAYOUTS.items():
        for plan in STYLE_PLANS:
            docs.append(plan.write(folder / f"{plan.name}-{layout}.docx", header=plan.shown[0],
                                   **how))
        docs.append(write_docx(folder / f"asean-eu-{layout}.docx", paragraphs, lists,
                               header=paragraphs[0].text, footnotes={1: FOOTNOTE},
                               **how))
    return {pdf.stem: pdf for pdf in to_pdf(soffice_profile, folder / "pdf", *docs)}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("plan", STYLE_PLANS, ids=lambda p: p.name)
def test_a_printed_plan_reads_as_its_pages_show_it(printed, plan, layout):
    source = read_plan_source(printed[f"{plan.name}-{layout}"])
    assert source.kind == "pdf" and source.pages >= 2  # the header came back on every page
    # every paragraph verbatim (lines rejoined, across page breaks too), none lost or doubled
    assert source.text.split("\n\n") == plan.shown
    # no header, footer or page number inside: the title once, as the document's own
    assert source.text.count(plan.shown[0]) == 1
    assert not PAGE.search(source.text)
    assert list(source.footnotes) == [f"{n} {text}" for n, text in plan.footnotes.items()]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_asean_eu_plan_printed_to_pdf_imports_as_its_text(printed, layout):
    from_text = read_plan(SEED)
    pdf = printed[f"asean-eu-{layout}"]
    from_pdf = read_plan(pdf)
    lines = [(ref, action.text) for ref, _, _, action in from_pdf.action_lines()]
    assert len(lines) == 165
    assert lines == [(ref, action.text) for ref, _, _, action in from_text.action_lines()]
    assert (from_pdf.title, from_pdf.preamble) == (from_text.title, from_text.preamble)
    assert [(p.number, p.title) for p in from_pdf.parts] == [
        (p.number, p.title) for p in from_text.parts]
    assert not from_pdf.unplaced
    assert from_pdf.footnotes == (f"1 {FOOTNOTE}",)
    assert not any(PAGE.search(text) or from_text.title in text for _, text in lines)


def test_a_pdf_that_is_no_plan_pdf_is_refused_in_one_line(printed, tmp_path, desk):
    from pypdf import PdfReader, PdfWriter

    sound = printed["roman-close"]
    cases = {}
    blank = PdfWriter()
    blank.add_blank_page(595, 842)
    blank.add_blank_page(595, 842)
    with (tmp_path / "scan.pdf").open("wb") as fh:
        blank.write(fh)
    cases["scan.pdf"] = r"^scan\.pdf has no text layer: it is a scanned image; POA Desk " \
                        r"cannot read scans$"
    locked = PdfWriter(clone_from=PdfReader(sound))
    locked.encrypt("secret", algorithm="RC4-128")
    with (tmp_path / "locked.pdf").open("wb") as fh:
        locked.write(fh)
    cases["locked.pdf"] = r"^locked\.pdf is password-protected"
    data = sound.read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[:len(data) // 3])
    (tmp_path / "noise.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    for name in ("cut.pdf", "noise.pdf"):
        cases[name] = rf"^{name.replace('.', '[.]')} (is damaged|has no text layer)"
    with zipfile.ZipFile(tmp_path / "zip.pdf", "w") as z:
        z.writestr("word/document.xml", "<x/>")
    cases["zip.pdf"] = r"^zip\.pdf is not a PDF: it is a Word document under the wrong name"
    before = desk.plans()
    for name, message in cases.items():
        with pytest.raises(InputError, match=message) as caught:
            import_plan(desk, tmp_path / name)
        assert "\n" not in str(caught.value), name
    assert desk.plans() == before


def test_an_owner_password_alone_does_not_stop_reading(printed, tmp_path):
    """Many published PDFs restrict printing or copying with an owner's password but open
    without one: those are read."""
    from pypdf import PdfReader, PdfWriter

    plan = STYLE_PLANS[1]
    writer = PdfWriter(clone_from=PdfReader(printed[f"{plan.name}-spaced"]))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    with (tmp_path / "restricted.pdf").open("wb") as fh:
        writer.write(fh)
    assert read_plan_source(tmp_path / "restricted.pdf").text.split("\n\n") == plan.shown


def test_the_page_limit(printed, monkeypatch):
    from app.interchange import plan_pdf

    monkeypatch.setattr(plan_pdf, "MAX_PDF_PAGES", 1)
    with pytest.raises(InputError, match=r"^decimal-close\.pdf has 3 pages \(the limit for a "
                                         r"plan is 1\)$"):
        read_plan_source(printed["decimal-close"])
