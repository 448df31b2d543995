"""Build a demo register, open the focal-point windows on it, save the pictures for the README.

    QT_QPA_PLATFORM=offscreen python docs/make_focal_screenshots.py [OUT_DIR]

(or under `xvfb-run -a` for the desktop style). Writes focal-register.png and coverage.png
(default: docs/). The demo state is made through the Desk API: a dozen focal points in
Indonesia, Viet Nam, the Philippines, Thailand, Germany, France, the EU institutions and the
ASEAN Secretariat, assigned to action lines and whole sections, and one hand-over.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.service import Desk  # noqa: E402

# name, country, title, organisation, email, phone; then (ref or section, role) assignments
PEOPLE: list[tuple[tuple[str, ...], list[tuple[str, str]]]] = [
    (("Siti Rahmawati", "ID", "Director, ASEAN Political-Security Cooperation",
      "Ministry of Foreign Affairs", "siti.rahmawati@kemlu.go.id", "+62 21 344 1508"),
     [("1.1(a)", "lead"), ("1.3", "support"), ("1.2(b)", "lead"), ("5(a)", "lead")]),
    (("Budi Santoso", "ID", "Deputy Director, ASEAN Economic Cooperation",
      "Ministry of Trade", "budi.santoso@kemendag.go.id", "+62 21 385 8171"),
     [("2.1", "lead"), ("2.2(a)", "support")]),
    (("Nguyen Thi Lan", "VN", "Deputy Director-General, ASEAN Department",
      "Ministry of Foreign Affairs", "ntlan@mofa.gov.vn", "+84 24 3799 3000"),
     [("1.1", "lead")]),
    (("Maria Santos", "PH", "Assistant Secretary, Office of ASEAN Affairs",
      "Department of Foreign Affairs", "maria.santos@dfa.gov.ph", "+63 2 8834 4000"),
     [("1.3(b)", "support"), ("3.1", "lead"), ("5(b)", "contact")]),
    (("Somchai Wongsakul", "TH", "Director, ASEAN Cooperation Division",
      "Ministry of Foreign Affairs", "somchai.w@mfa.go.th", "+66 2 203 5000"),
     [("4.2", "lead"), ("1.4(a)", "co-lead")]),
    (("Anna Schmidt", "DE", "Head of Division, South-East Asia",
      "Federal Foreign Office", "anna.schmidt@diplo.de", "+49 30 1817 0"),
     [("2.1(c)", "lead"), ("2.2", "support")]),
    (("Claire Dubois", "FR", "Deputy Head, Asia and Oceania Directorate",
      "Ministère de l'Europe et des Affaires étrangères",
      "claire.dubois@diplomatie.gouv.fr", "+33 1 43 17 53 53"),
     [("4.1", "support"), ("1.3(c)", "contact")]),
    (("Marco Bianchi", "EU", "Policy Officer, ASEAN", "EEAS, South-East Asia Division",
      "marco.bianchi@eeas.europa.eu", "+32 2 584 11 11"),
     [("1.1", "co-lead"), ("1.3", "co-lead"), ("5(a)", "co-lead")]),
    (("Katrin Vogel", "EU", "Programme Manager, Regional Programmes Asia",
      "European Commission, DG INTPA", "katrin.vogel@ec.europa.eu", "+32 2 299 11 11"),
     [("2.1", "co-lead"), ("3.2", "lead"), ("4.3", "support")]),
    (("Lim Wei Ming", "ASEC", "Head, External Relations Division", "ASEAN Secretariat",
      "lim.weiming@asean.org", "+62 21 724 3372"),
     [("5(a)", "lead"), ("5(b)", "lead"), ("5(c)", "lead"), ("1.1", "contact")]),
    (("Tran Van Hung", "VN", "Director, ASEAN Economic Cooperation",
      "Ministry of Industry and Trade", "tvhung@moit.gov.vn", "+84 24 2220 2222"),
     [("2.1", "lead"), ("2.3(a)", "lead")]),
]
HANDED_OVER = ("Tran Van Hung", ("Pham Minh Chau", "VN", "Director, ASEAN Economic Cooperation",
                                 "Ministry of Industry and Trade", "pmchau@moit.gov.vn",
                                 "+84 24 2220 2222"))


def build_demo(path: Path) -> None:
    from app.focal.values import FocalPointFields

    desk = Desk.open(path)
    try:
        focal = desk.focal
        ids: dict[str, int] = {}
        for (name, country, title, org, email, phone), assignments in PEOPLE:
            created = focal.add(FocalPointFields(name, country, title, org, email, phone))
            ids[name] = created.id
            for ref, role in assignments:
                focal.assign(created.id, focal.resolve_target(ref).target, role)
        old, successor = HANDED_OVER
        focal.handover(ids[old], FocalPointFields(*successor))
    finally:
        desk.close()


def settle(app) -> None:
    for _ in range(6):
        app.processEvents()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs"
    from app.ui.main import application
    from app.ui.window import MainWindow
    from app.ui.shell.settings import UiSettings

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build_demo(db)
        app = application()
        settings = UiSettings(Path(tmp) / "ui.ini")
        settings.my_delegation = "ID"
        window = MainWindow(Desk.open(db), settings)
        window.show()  # the first start: the screen's available area
        window.select_key("a1.3(b)")
        ui = window.focal_ui

        register = ui.open_register()
        register.resize(1240, 620)
        register.inactive.setChecked(True)
        register.select_person(window.desk.focal.find("Siti Rahmawati").id)
        register.splitter.setSizes([360, 220])
        settle(app)
        register.grab().save(str(out / "focal-register.png"))
        register.close()

        coverage = ui.open_coverage()
        coverage.resize(1280, 1060)
        settle(app)
        model = coverage.model
        rows = [model.row_label(r) for r in range(model.rowCount())]
        column = [c.label for c in model.columns].index("ID") + 1
        index = model.index(rows.index("2.2"), column)
        coverage.table.setCurrentIndex(index)
        coverage.show_gaps(index)
        settle(app)
        coverage.grab().save(str(out / "coverage.png"))
        coverage.close()
        window.close()
        settle(app)
    print(f"wrote {out / 'focal-register.png'} and {out / 'coverage.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
