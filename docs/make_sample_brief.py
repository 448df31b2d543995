"""Make the sample brief shown in the README: docs/brief-page-1.png and docs/brief-page-2.png.

    python docs/make_sample_brief.py [--keep DIR]

Builds a fresh database from the shipped plan.db, prepares a realistic SOM (five agenda items
with objectives and points to make, RESTRICTED, one item whose background is the outcome of the
previous SOM), writes its Word brief with POA Desk, renders it with LibreOffice headless and
turns the first two pages into PNGs with `pdftoppm -png -r 60`.

Word refreshes the contents (a TOC field) when it opens the brief; LibreOffice does so on
Tools > Update > Update All. To show the pages as a reader sees them, the rendering does that
update first when LibreOffice's Python bridge is there (Debian: python3-uno); without it the
contents list the headings without page numbers. Needs soffice and pdftoppm
(libreoffice-writer-nogui, poppler-utils). Names and contacts are fictional.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.service import Desk  # noqa: E402

AGENDA = {
    "1.1(a)": {
        "objective": "Agree the calendar of ministerial and senior officials' meetings for "
                     "2026-2027, including the dates of the next AEMM.",
        "points_to_make": "Welcome the regular rhythm of the SOM and JCC, which keeps the "
                          "Plan of Action on track.\n"
                          "Propose that the next AEMM be held back to back with the PMC+1.\n"
                          "Invite ASEAN to confirm the venue by the next JCC.",
        "defensive_points": "If asked about a leaders' level meeting: the EU remains open; "
                            "timing to be settled through the usual channels.",
    },
    "2.1(c)": {
        "objective": "Keep the work on a framework for a future ASEAN-EU FTA moving.",
        "points_to_make": "Welcome the stocktaking of the draft Framework by the JWG.\n"
                          "Encourage the JWG to meet before the next SOM and report on the "
                          "pending issues.\n"
                          "Recall that the bilateral FTAs with ASEAN Member States are "
                          "building blocks towards a region-to-region agreement.",
        "defensive_points": "If pressed for a timeline: the pace depends on the JWG's "
                            "findings; no date has been set.",
    },
    "1.3(b)": {
        "objective": "Support the annual SOMTC+EU consultations and offer operational "
                     "cooperation.",
        "points_to_make": "Welcome the 2025 consultations in the margins of the SOMTC.\n"
                          "Offer to share experience from EMPACT on trafficking in persons "
                          "and cybercrime.",
    },
    "3.5(i)": {
        "objective": "Show EU support for ASEAN's work against transboundary haze.",
        "points_to_make": "Commend progress under the AATHP and the Roadmap on ASEAN "
                          "Cooperation towards Transboundary Haze Pollution Control.\n"
                          "Underline the EU's continued support to sustainable peatland "
                          "management.",
        "defensive_points": "If asked about deforestation rules: the EU is in close dialogue "
                            "with producing countries on implementation.",
    },
    "4.1(a)": {
        "objective": "Advance the dialogue on sustainable connectivity.",
        "points_to_make": "Present the next steps of the EU's connectivity cooperation with "
                          "ASEAN, in line with the MPAC 2025.",
    },
}

UNO_HELPER = r'''
import sys, time, uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

pipe, source, target = sys.argv[1:4]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext(
    "com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(120):
    try:
        ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        break
    except NoConnectException:
        time.sleep(0.25)
else:
    sys.exit("LibreOffice did not answer")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                   (prop("Hidden", True),))
indexes = doc.getDocumentIndexes()
for i in range(indexes.getCount()):
    indexes.getByIndex(i).update()
doc.getTextFields().refresh()
doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "writer_pdf_Export"),))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
'''


def add_sample_meetings(desk: Desk) -> int:
    """The 28th SOM (with an outcome on 2.1(c)) and the 29th SOM with AGENDA filled in, a few
    statuses set; the 29th's id."""
    mm = desk.meetings
    earlier = mm.create("SOM", "28th ASEAN-EU Senior Officials' Meeting", date(2025, 3, 6),
                        "Brussels", "RESTRICTED", "2.1(c)").id
    mm.edit_item(mm.find_item(earlier, "2.1(c)"),
                 outcome="Both sides welcomed the resumption of the JWG and asked it to "
                         "report on the pending issues.")
    meeting = mm.create("SOM", "29th ASEAN-EU Senior Officials' Meeting", date(2026, 3, 5),
                        "Jakarta, ASEAN Secretariat", "RESTRICTED", list(AGENDA)).id
    for ref, fields in AGENDA.items():
        mm.edit_item(mm.find_item(meeting, ref), **fields)
    for ref, status in (("1.1(a)", "Recurring"), ("2.1(c)", "Being addressed"),
                        ("1.3(b)", "Recurring"), ("3.5(i)", "Being addressed")):
        desk.set_status(desk.resolve_ref(ref), status)
    return meeting


def build_brief(folder: Path) -> Path:
    from app.export.brief_docx import write_brief_docx
    from app.focal.values import FocalPointFields
    from app.values import Target

    db = folder / "sample.db"
    shutil.copyfile(ROOT / "plan.db", db)
    desk = Desk.open(db)
    try:
        meeting = add_sample_meetings(desk)
        people = [("Dewi Lestari", "ID", "Ministry of Foreign Affairs", "1.1(a)", "lead"),
                  ("Marc Lemaire", "EU", "European External Action Service", "1.1(a)",
                   "co-lead"),
                  ("Anna Berger", "DE", "Federal Foreign Office", "2.1(c)", "lead"),
                  ("Nattapong Srisuk", "TH", "Ministry of Foreign Affairs", "3.5(i)", "lead")]
        for name, country, organisation, ref, role in people:
            email = f"{name.split()[0].lower()}@example.invalid"
            person = desk.focal.add(FocalPointFields(name, country, organisation=organisation,
                                                     email=email))
            desk.focal.assign(person.id, Target(action_id=desk.resolve_ref(ref)), role)
        target = folder / "sample-brief.docx"
        write_brief_docx(desk, meeting, target)
    finally:
        desk.close()
    return target


def render_pdf(docx: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install libreoffice-writer-nogui")
    profile = f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}"
    pdf = folder / "sample-brief.pdf"
    system_python = shutil.which("python3", path="/usr/bin:/usr/local/bin") or "python3"
    has_uno = subprocess.run([system_python, "-c", "import uno"],
                             capture_output=True).returncode == 0
    if has_uno:
        pipe = f"poadesk_sample_{int(time.time())}"
        helper = folder / "update_and_export.py"
        helper.write_text(textwrap.dedent(UNO_HELPER), encoding="utf-8")
        office = subprocess.Popen([soffice, profile, "--headless", "--invisible", "--norestore",
                                   f"--accept=pipe,name={pipe};urp;"])
        try:
            subprocess.run([system_python, str(helper), pipe, str(docx), str(pdf)],
                           check=True, timeout=180)
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()
    else:
        print("python3-uno not found: the contents are rendered without page numbers",
              file=sys.stderr)
        subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir",
                        str(folder), str(docx)], check=True, timeout=180,
                       capture_output=True)
    if not pdf.is_file():
        sys.exit("LibreOffice did not write the PDF")
    return pdf


def main() -> None:
    parser = argparse.ArgumentParser(description="Render the README's sample brief pages.")
    parser.add_argument("--keep", type=Path, help="also keep the .docx and .pdf in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="poadesk-sample-") as tmp:
        folder = Path(tmp)
        docx = build_brief(folder)
        pdf = render_pdf(docx, folder)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
                        str(folder / "page")], check=True)
        for n in (1, 2):
            page = next(folder.glob(f"page-*{n}.png"))
            shutil.copyfile(page, ROOT / "docs" / f"brief-page-{n}.png")
            print(f"wrote docs/brief-page-{n}.png")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for path in (docx, pdf):
                shutil.copyfile(path, args.keep / path.name)


if __name__ == "__main__":
    main()
