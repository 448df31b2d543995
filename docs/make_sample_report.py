"""Make the sample progress report shown in the README: docs/report-page-1.png and -2.png.

    python docs/make_sample_report.py

Builds a fresh database from the shipped plan.db, gives the action lines a realistic spread of
statuses and records 2026's activities (meetings, workshops, projects, visits, statements;
fictional but plausible), writes the Word progress report for 2026 with POA Desk, renders it
with LibreOffice headless and turns its first two pages into PNGs (`pdftoppm -png -r 60`).
Needs soffice and pdftoppm (libreoffice-writer-nogui, poppler-utils).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.activities.values import ActivityFields  # noqa: E402
from app.export.report import export_report  # noqa: E402
from app.service import Desk  # noqa: E402

ACTIVITIES = [
    ("1.1(a)", "24th ASEAN-EU Ministerial Meeting", "meeting", (2026, 2, 3), "Brussels", "EU"),
    ("1.3", "ASEAN-EU workshop on countering violent extremism online", "workshop",
     (2026, 4, 21), "Jakarta", "ASEAN"),
    ("2.1(c)", "Joint Working Group on the trade and investment framework, 3rd meeting",
     "meeting", (2026, 5, 5), "Bangkok", "EU"),
    ("2.6(i)", "Joint Working Group on vegetable oils, 4th meeting", "meeting", (2026, 6, 10),
     "Kuala Lumpur", "ASEAN"),
    ("3.5", "Regional dialogue on transboundary haze and peatland management", "meeting",
     (2026, 3, 4), "Bangkok", "EU"),
    ("3.5(b)", "Peatland fire prevention training for provincial officers", "workshop",
     (2026, 9, 14), "Pekanbaru", "Indonesia"),
    ("4.3", "ASEAN-EU cyber dialogue", "meeting", (2026, 10, 8), "Singapore", "EU"),
    ("1.9(a)", "Visit of ASEAN parliamentarians to the European Parliament", "visit",
     (2026, 11, 16), "Strasbourg", "EU"),
    ("5(a)", "Joint statement on the review of the Plan of Action", "statement",
     (2026, 11, 27), "", "ASEAN"),
]


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="poadesk-report-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    try:
        db = folder / "sample.db"
        shutil.copyfile(ROOT / "plan.db", db)
        desk = Desk.open(db, daily_backup=False, user="EU Mission to ASEAN, political section")
        rng = random.Random(2026)
        weights = {"Achieved": 3, "Being addressed": 5, "Recurring": 2, "Not yet addressed": 2,
                   "Not assessed": 1}
        for a in desk.plan_tree().all_actions():
            desk.set_status(a.id, rng.choices(list(weights), list(weights.values()))[0])
        for ref, title, kind, (y, m, d), place, lead in ACTIVITIES:
            desk.activities.add(desk.resolve(ref).target, ActivityFields(
                title, kind, date(y, m, d), place=place, lead=lead))
        out = folder / "report.docx"
        export_report(desk, date(2026, 1, 1), date(2026, 12, 31), out, marking="RESTRICTED",
                      author="EU Mission to ASEAN")
        desk.close()
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                        str(out)], check=True, capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2",
                        str(folder / "report.pdf"), str(folder / "page")], check=True)
        for n in (1, 2):
            page = next(folder.glob(f"page-*{n}.png"))
            shutil.copyfile(page, ROOT / "docs" / f"report-page-{n}.png")
            print(f"wrote docs/report-page-{n}.png")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
