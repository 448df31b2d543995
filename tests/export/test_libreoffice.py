"""A brief and a matrix must convert with LibreOffice headless (what CI checks).

Skipped only when soffice is not installed and CI is not set; under CI a missing soffice is a
failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from app.export import export_brief, export_matrix

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.skipif(
        SOFFICE is None and "CI" not in os.environ,
        reason="LibreOffice (soffice) is not installed; CI installs it and runs this"),
    # whether the files convert does not depend on the database (their content is checked on
    # both in test_brief_docx.py and test_brief_xlsx.py), and each conversion takes seconds
    pytest.mark.sqlite_only,
]


def to_pdf(profile, tmp_path, *paths):
    """The PDFs of `paths`, in that order, from one LibreOffice run (each start takes seconds);
    `profile` is the worker's own (tests/conftest.py: soffice_profile)."""
    if SOFFICE is None:
        pytest.fail("CI is set but soffice is not installed (apt-get install "
                    "libreoffice-writer-nogui libreoffice-calc-nogui)")
    assert len({path.stem for path in paths}) == len(paths), "one PDF name each"
    out = tmp_path / "pdf"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)],
        capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr
    pdfs = [out / f"{path.stem}.pdf" for path in paths]
    for path, pdf in zip(paths, pdfs, strict=True):
        assert pdf.is_file(), f"no PDF from {path.name}: {result.stdout} {result.stderr}"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5_000
    return pdfs


def pdf_text(pdf):
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_brief_and_matrix_convert_with_libreoffice(desk, som, tmp_path, soffice_profile):
    brief = tmp_path / "brief.docx"
    export_brief(desk, som, brief)
    matrix = tmp_path / "matrix.xlsx"
    export_matrix(desk, matrix)
    brief_pdf, matrix_pdf = to_pdf(soffice_profile, tmp_path, brief, matrix)
    text = pdf_text(brief_pdf)
    if text is not None:
        assert text.count("RESTRICTED") >= 4  # header and footer of every page, and cover
        assert "Annex B: Acronyms" in text and "Joint Working Group" in text
    text = pdf_text(matrix_pdf)
    if text is not None:
        assert "1.1(a)" in text and "5(d)" in text


def test_excel_brief_converts_with_libreoffice(desk, som, tmp_path, soffice_profile):
    brief = tmp_path / "brief.xlsx"
    export_brief(desk, som, brief)
    to_pdf(soffice_profile, tmp_path, brief)


def test_six_item_brief_with_a_section_and_free_items_renders(desk, som6, tmp_path,
                                                              soffice_profile):
    """Issue 12: a realistic SOM brief (free-text items first and last, a whole section
    quoting its chosen lines, a titled item, the top page filled in) renders with LibreOffice,
    and its Excel brief too (issue 21, how the items share pages: test_brief_pages.py)."""
    brief = tmp_path / "six.docx"
    export_brief(desk, som6, brief, full_text=True)
    workbook = tmp_path / "six-excel.xlsx"
    export_brief(desk, som6, workbook)
    brief_pdf, workbook_pdf = to_pdf(soffice_profile, tmp_path, brief, workbook)
    text = pdf_text(brief_pdf)
    if text is not None:
        pages = text.split("\f")
        for title in ("Item 1: Adoption of the agenda", "Item 5: 2.6(i) Palm oil working group",
                      "Item 6: Any other business", "Annex B: Full text of the sections",
                      "Annex C: Acronyms"):
            starts = [p for p in pages if title in p and "Contents" not in p]
            assert starts, title
        assert "Document control" in pages[0] and "Key asks" in pages[0]
        assert all("RESTRICTED" in p for p in pages if p.strip())
        assert "None recorded" not in text
    text = pdf_text(workbook_pdf)
    if text is not None:
        assert "29th ASEAN-EU Senior Officials' Meeting, 5 March 2026" in text
        assert "RESTRICTED" in text


def test_the_progress_report_renders_in_word_and_excel(desk, tmp_path, soffice_profile):
    from datetime import date

    from app.activities.values import ActivityFields
    from app.export.report import export_report

    desk.set_status(desk.resolve_ref("2.1(c)"), "Being addressed")
    desk.activities.add(desk.resolve("3.5").target, ActivityFields(
        "Regional dialogue on haze", "meeting", date(2026, 3, 4), place="Bangkok"))
    outs = [tmp_path / "report.docx", tmp_path / "report-excel.xlsx"]
    for out in outs:
        export_report(desk, date(2026, 1, 1), date(2026, 12, 31), out, marking="RESTRICTED")
    for pdf in to_pdf(soffice_profile, tmp_path, *outs):
        text = " ".join(pdf_text(pdf).split())
        assert "Regional dialogue on haze" in text and "RESTRICTED" in text
        assert "Political and Security Cooperation" in text
