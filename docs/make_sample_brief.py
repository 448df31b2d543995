"""Make the sample brief shown in the README: docs/brief-page-1.png and docs/brief-page-2.png.

    python docs/make_sample_brief.py [--keep DIR]

Builds a fresh database from the shipped plan.db, prepares a realistic SOM (six agenda items:
the adoption of the agenda and any other business as free-text items, four action lines or
sections, one a whole section quoting only its chosen lines; titles, objectives, points to
make, defensive points where needed, one background carried over from the previous SOM; the
top page's purpose, key asks, delegation, logistics and document control; RESTRICTED; the
user's own acronyms), writes its Word brief with POA Desk, renders it with LibreOffice
headless and turns the top page, the objectives and an item's page into PNGs with
`pdftoppm -png -r 60` (docs/brief-page-1.png to -3.png).

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

# The 29th SOM's agenda, in order: free-text items (None) and action lines or sections.
AGENDA: list[tuple[str | None, dict[str, str]]] = [
    (None, {
        "title": "Adoption of the agenda",
        "objective": "Adopt the provisional agenda circulated by the co-chairs.",
        "points_to_make": "The EU can accept the provisional agenda as circulated.",
    }),
    ("1.1(a)", {
        "title": "Calendar of ministerial and senior officials' meetings",
        "objective": "Agree the calendar of ministerial and senior officials' meetings for "
                     "2026-2027, including the dates of the next AEMM.",
        "points_to_make": "Welcome the regular rhythm of the SOM and JCC, which keeps the "
                          "Plan of Action on track.\n"
                          "Propose that the next AEMM be held back to back with the PMC+1.\n"
                          "Invite ASEAN to confirm the venue by the next JCC.",
        "defensive_points": "If asked about a leaders' level meeting: the EU remains open; "
                            "timing to be settled through the usual channels.",
    }),
    ("2.1(c)", {
        "title": "Towards a region-to-region FTA",
        "objective": "Keep the work on a framework for a future ASEAN-EU FTA moving.",
        "points_to_make": "Welcome the stocktaking of the draft Framework by the JWG.\n"
                          "Encourage the JWG to meet before the next SOM and report on the "
                          "pending issues.\n"
                          "Recall that the bilateral FTAs with ASEAN Member States, each with "
                          "a TSD chapter, are building blocks towards a region-to-region "
                          "agreement.",
        "defensive_points": "If pressed for a timeline: the pace depends on the JWG's "
                            "findings; no date has been set.\n"
                            "If asked about WTO reform: refer to the EU's statement at the "
                            "last General Council.",
    }),
    ("2.6(i)", {
        "title": "Palm oil: the Joint Working Group",
        "objective": "Keep the Joint Working Group on Palm Oil as the place to discuss the "
                     "EUDR with the producing countries.",
        "points_to_make": "Welcome the third meeting of the JWG and its work on the "
                          "traceability of smallholders' produce.\n"
                          "Offer a technical session on the EUDR's country benchmarking with "
                          "ASEC and the producing countries.",
        "defensive_points": "If the EUDR is called discriminatory: it applies to every "
                            "country and every producer alike; the EU stands ready to "
                            "support smallholders.\n"
                            "If asked about delaying it: the timetable is set by the "
                            "co-legislators; no change is proposed.",
        "background": "Indonesia and Malaysia raised the EUDR at the AMM in July 2025 and "
                      "in every JWG since; the JWG's TOR were renewed in 2024.",
    }),
    ("3.5", {
        "title": "Environment and climate change",
        "objective": "Show EU support for ASEAN's work on climate change, haze and "
                     "biodiversity, and present the new regional programme.",
        "points_to_make": "Commend progress under the AATHP and the Roadmap on ASEAN "
                          "Cooperation towards Transboundary Haze Pollution Control.\n"
                          "Present the EU's new regional programme on sustainable peatland "
                          "management.\n"
                          "Welcome the ASEAN-EU High-Level Dialogue on Environment and "
                          "Climate Change.",
        "defensive_points": "If asked about climate finance: the EU and its Member States "
                            "remain the largest contributor of public climate finance.",
    }),
    (None, {
        "title": "Any other business; date of the next SOM",
        "objective": "Propose that the 30th SOM be held in Brussels in the first quarter "
                     "of 2027.",
    }),
]
MEETING = {
    "purpose": "The annual stocktaking of the ASEAN-EU Plan of Action by senior officials: "
               "it prepares the AEMM and the PMC+1 and agrees what the JCC follows up.",
    "key_asks": "Agreement on the 2026-2027 calendar, with the AEMM back to back with the "
                "PMC+1.\n"
                "A date for the JWG on the FTA framework before the next SOM.\n"
                "A technical session on the EUDR with ASEC and the producing countries.",
    "delegation": "Head of delegation: Managing Director for Asia and the Pacific, EEAS\n"
                  "Deputy Head of Division, South-East Asia, EEAS\n"
                  "Desk officer ASEAN, EEAS (note-taker)\n"
                  "DG TRADE and DG INTPA: one expert each",
    "logistics": "Venue: ASEAN Secretariat, Jakarta, Nusantara Room; 09:00-17:30.\n"
                 "Pre-meeting of the EU delegation: 08:15, EU Delegation to ASEAN.\n"
                 "Interpretation: none (English only).",
    "drafter": "Desk officer ASEAN, EEAS ASIAPAC.3",
    "cleared_by": "Head of Division ASIAPAC.3",
    "version": "2 (final)",
    "reference": "ASIAPAC.3/2026/0142",
}
USER_ACRONYMS = {
    "ASEAN": "Association of Southeast Asian Nations",
    "EU": "European Union",
    "UN": "United Nations",
    "ASEC": "ASEAN Secretariat",
    "EUDR": "EU Deforestation Regulation",
    "TSD": "Trade and Sustainable Development",
    "WTO": "World Trade Organization",
    "AMM": "ASEAN Foreign Ministers' Meeting",
    "EEAS": "European External Action Service",
    "DG TRADE": "Directorate-General for Trade",
    "DG INTPA": "Directorate-General for International Partnerships",
    "ASIAPAC": "Managing Directorate for Asia and the Pacific (EEAS)",
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
    """The 28th SOM (with an outcome on 2.1(c)) and the 29th SOM with AGENDA and MEETING
    filled in, a few statuses, lines to take and focal points set; the 29th's id."""
    from app.focal.values import FocalPointFields
    from app.values import Target

    mm = desk.meetings
    for abbr, expansion in USER_ACRONYMS.items():
        desk.set_user_acronym(abbr, expansion)
    earlier = mm.create("SOM", "28th ASEAN-EU Senior Officials' Meeting", date(2025, 3, 6),
                        "Brussels", "RESTRICTED", "2.1(c)").id
    mm.edit_item(mm.find_item(earlier, "2.1(c)"),
                 outcome="Both sides welcomed the resumption of the JWG and asked it to "
                         "report on the pending issues.")
    for ref, status in (("1.1(a)", "Recurring"), ("2.1(c)", "Being addressed"),
                        ("2.6(i)", "Being addressed"), ("3.5(a)", "Recurring"),
                        ("3.5(i)", "Being addressed"), ("3.5(k)", "Achieved")):
        desk.set_status(desk.resolve_ref(ref), status)
    desk.set_lines_to_take(desk.resolve_ref("3.5(i)"),
                           "Underline the EU's continued support to peatland management "
                           "(SUPA).")
    desk.set_lines_to_take(desk.resolve_ref("3.5(k)"),
                           "Welcome the High-Level Dialogue on Environment and Climate "
                           "Change.")
    people = [("Dewi Lestari", "ID", "Ministry of Foreign Affairs", "1.1(a)", "lead"),
              ("Marc Lemaire", "EU", "European External Action Service", "1.1(a)",
               "co-lead"),
              ("Anna Berger", "DE", "Federal Foreign Office", "2.1(c)", "lead"),
              ("Siti Nurhaliza binti Ahmad", "MY", "Ministry of Plantation and Commodities",
               "2.6(i)", "lead"),
              ("Nattapong Srisuk", "TH", "Ministry of Natural Resources and Environment",
               "3.5(a)", "lead"),
              ("Marc Lemaire", "EU", "European External Action Service", "3.5(i)",
               "support")]
    ids: dict[str, int] = {}
    for name, country, organisation, ref, role in people:
        if name not in ids:
            email = ".".join(name.lower().split()[:2]) + f"@{country.lower()}.example.invalid"
            ids[name] = desk.focal.add(FocalPointFields(
                name, country, organisation=organisation, email=email,
                phone="+32 2 000 00 00" if country == "EU" else "")).id
        desk.focal.assign(ids[name], Target(action_id=desk.resolve_ref(ref)), role)
    meeting = mm.create("SOM", "29th ASEAN-EU Senior Officials' Meeting", date(2026, 3, 5),
                        "Jakarta, ASEAN Secretariat", "RESTRICTED", **MEETING).id
    for ref, fields in AGENDA:
        if ref is None:
            item = mm.add_free_item(meeting, fields["title"]).id
        else:
            item = mm.add_items(meeting, ref).id
        mm.set_item_fields(item, fields)
    return meeting


def build_brief(folder: Path) -> Path:
    from app.export.brief_docx import write_brief_docx

    db = folder / "sample.db"
    shutil.copyfile(ROOT / "plan.db", db)
    desk = Desk.open(db)
    try:
        meeting = add_sample_meetings(desk)
        target = folder / "sample-brief.docx"
        result = write_brief_docx(desk, meeting, target)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
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


README_PAGES = (1, 2, 7)  # the top page, the objectives, an item (what the README shows)


def save_pages(pdf: Path, folder: Path, document: Path, readme_pages: tuple[int, ...],
               name: str, keep: Path | None) -> None:
    """Turn `pdf` into PNGs, copy `readme_pages` to docs/NAME-page-N.png and, with `keep`,
    every file of the run into that folder (the Word and the Excel sample share this)."""
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(folder / "page")],
                   check=True)
    pages = sorted(folder.glob("page-*.png"))
    print(f"{len(pages)} pages")
    for shown, n in enumerate(readme_pages, 1):
        page = next(p for p in pages if int(p.stem.rsplit("-", 1)[1]) == n)
        shutil.copyfile(page, ROOT / "docs" / f"{name}-page-{shown}.png")
        print(f"wrote docs/{name}-page-{shown}.png (page {n})")
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        for path in (document, pdf, *pages):
            shutil.copyfile(path, keep / path.name)


def main() -> None:
    parser = argparse.ArgumentParser(description="Render the README's sample brief pages.")
    parser.add_argument("--keep", type=Path, help="also keep the .docx, the .pdf and every "
                        "page as a PNG in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="poadesk-sample-") as tmp:
        folder = Path(tmp)
        docx = build_brief(folder)
        save_pages(render_pdf(docx, folder), folder, docx, README_PAGES, "brief", args.keep)


if __name__ == "__main__":
    main()
