"""Make the sample Excel brief pages shown in the README: docs/excel-brief-page-1.png (the
Agenda sheet) and docs/excel-brief-page-2.png (the first page of the Items sheet).

    python docs/make_sample_excel_brief.py [--keep DIR]

The same six-item SOM as docs/make_sample_brief.py (the Word brief's sample), written as an
Excel brief by POA Desk, printed to PDF by LibreOffice headless as Calc prints it (A4
landscape, one page wide) and turned into PNGs with `pdftoppm -png -r 60`. Needs soffice and
pdftoppm (libreoffice-calc-nogui, poppler-utils). Names and contacts are fictional.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

from make_sample_brief import add_sample_meetings, save_pages  # noqa: E402

from app.service import Desk  # noqa: E402

README_PAGES = (1, 2)  # the agenda, the first page of the items


def build_workbook(folder: Path) -> Path:
    from app.export.brief_xlsx import write_brief_xlsx

    db = folder / "sample.db"
    shutil.copyfile(ROOT / "plan.db", db)
    desk = Desk.open(db)
    try:
        meeting = add_sample_meetings(desk)
        target = folder / "sample-brief.xlsx"
        for warning in write_brief_xlsx(desk, meeting, target).warnings:
            print(f"warning: {warning}", file=sys.stderr)
    finally:
        desk.close()
    return target


def render_pdf(xlsx: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install libreoffice-calc-nogui")
    profile = f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}"
    subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir",
                    str(folder), str(xlsx)], check=True, timeout=180, capture_output=True)
    pdf = folder / f"{xlsx.stem}.pdf"
    if not pdf.is_file():
        sys.exit("LibreOffice did not write the PDF")
    return pdf


def main() -> None:
    parser = argparse.ArgumentParser(description="Render the README's sample Excel brief pages.")
    parser.add_argument("--keep", type=Path, help="also keep the .xlsx, the .pdf and every "
                        "page as a PNG in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="poadesk-sample-") as tmp:
        folder = Path(tmp)
        xlsx = build_workbook(folder)
        save_pages(render_pdf(xlsx, folder), folder, xlsx, README_PAGES, "excel-brief",
                   args.keep)


if __name__ == "__main__":
    main()
