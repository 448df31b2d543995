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


def to_pdf(path, tmp_path):
    if SOFFICE is None:
        pytest.fail("CI is set but soffice is not installed (apt-get install "
                    "libreoffice-writer-nogui libreoffice-calc-nogui)")
    out = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"  # its own profile: safe beside a running LibreOffice
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=240, check=False)
    pdf = out / f"{path.stem}.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.is_file(), f"no PDF from {path.name}: {result.stdout} {result.stderr}"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5_000
    return pdf


def pdf_text(pdf):
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_brief_and_matrix_convert_with_libreoffice(desk, som, tmp_path):
    brief = tmp_path / "brief.docx"
    export_brief(desk, som, brief)
    text = pdf_text(to_pdf(brief, tmp_path))
    if text is not None:
        assert text.count("RESTRICTED") >= 4  # header and footer of every page, and cover
        assert "Annex B: Acronyms" in text and "Joint Working Group" in text
    matrix = tmp_path / "matrix.xlsx"
    export_matrix(desk, matrix)
    text = pdf_text(to_pdf(matrix, tmp_path))
    if text is not None:
        assert "1.1(a)" in text and "5(d)" in text


def test_excel_brief_converts_with_libreoffice(desk, som, tmp_path):
    brief = tmp_path / "brief.xlsx"
    export_brief(desk, som, brief)
    to_pdf(brief, tmp_path)


def test_six_item_brief_with_a_section_and_free_items_renders(desk, som6, tmp_path):
    """Issue 12: a realistic SOM brief (free-text items first and last, a whole section
    quoting its chosen lines, a titled item, the top page filled in) renders with LibreOffice,
    every item on its own page, and its Excel brief too."""
    brief = tmp_path / "six.docx"
    export_brief(desk, som6, brief, full_text=True)
    pdf = to_pdf(brief, tmp_path)
    text = pdf_text(pdf)
    if text is not None:
        pages = text.split("\f")
        for title in ("Item 1: Adoption of the agenda", "Item 5: Palm oil working group",
                      "Item 6: Any other business", "Annex B: Full text of the sections",
                      "Annex C: Acronyms"):
            starts = [p for p in pages if title in p and "Contents" not in p]
            assert starts, title
        assert "Document control" in pages[0] and "Key asks" in pages[0]
        assert all("RESTRICTED" in p for p in pages if p.strip())
        assert "None recorded" not in text
    workbook = tmp_path / "six.xlsx"
    export_brief(desk, som6, workbook)
    text = pdf_text(to_pdf(workbook, tmp_path))
    if text is not None:
        assert "29th ASEAN-EU Senior Officials' Meeting, 5 March 2026" in text
        assert "RESTRICTED" in text


def test_the_progress_report_renders_in_word_and_excel(desk, tmp_path):
    from datetime import date

    from app.activities.values import ActivityFields
    from app.export.report import export_report

    desk.set_status(desk.resolve_ref("2.1(c)"), "Being addressed")
    desk.activities.add(desk.resolve("3.5").target, ActivityFields(
        "Regional dialogue on haze", "meeting", date(2026, 3, 4), place="Bangkok"))
    for name in ("report.docx", "report.xlsx"):
        out = tmp_path / name
        export_report(desk, date(2026, 1, 1), date(2026, 12, 31), out, marking="RESTRICTED")
        text = " ".join(pdf_text(to_pdf(out, tmp_path)).split())
        assert "Regional dialogue on haze" in text and "RESTRICTED" in text
        assert "Political and Security Cooperation" in text
