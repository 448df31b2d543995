"""Data for the progress report's tests: 21 lines with a status, 36 activities over 2024-2026
(on action lines, on whole sections: 1.3, 2.1, 3.5; one spanning the period's start, one
undated, some before the period), one private note."""

from __future__ import annotations

from datetime import date

from app.activities.values import ActivityFields

PERIOD = (date(2026, 1, 1), date(2026, 12, 31))
PRIVATE = "PRIVATE: the chair of the JWG is difficult"
SECTION_WIDE = "Regional workshop on counter-terrorism financing (FATF standards)"
STATUSES = {
    "1.1(a)": "Recurring", "1.1(b)": "Achieved", "1.1(c)": "Being addressed",
    "1.2(a)": "Not yet addressed", "1.3(a)": "Being addressed", "1.3(b)": "Being addressed",
    "1.3(c)": "Achieved", "2.1(a)": "Achieved", "2.1(b)": "Being addressed",
    "2.1(c)": "Being addressed", "2.2(a)": "Not yet addressed", "2.3(a)": "Recurring",
    "3.1(a)": "Achieved", "3.5(a)": "Recurring", "3.5(b)": "Being addressed",
    "3.5(c)": "Not yet addressed", "4.1(a)": "Being addressed", "4.2(a)": "Achieved",
    "4.3(a)": "Not yet addressed", "5(a)": "Recurring", "5(b)": "Being addressed",
}
# (reference, title, kind, start, end, lead, programme)
ACTIVITIES: list[tuple[str, str, str, date | None, date | None, str, str]] = [
    ("1.3", SECTION_WIDE, "workshop", date(2026, 3, 10), date(2026, 3, 12), "EU", ""),
    ("1.3", "SOMTC+EU consultation on trafficking in persons", "meeting", date(2026, 6, 2),
     None, "ASEAN", ""),
    ("2.1", "ASEAN-EU trade and investment dialogue", "meeting", date(2026, 9, 15), None,
     "EU", "ARISE Plus"),
    ("3.5", "SUPA: sustainable use of peatland and haze mitigation", "project",
     date(2025, 6, 1), date(2027, 5, 31), "EU", "SUPA"),
    ("3.5", "Haze dialogue of 2024", "meeting", date(2024, 4, 2), None, "ASEAN", ""),
    ("1.1(a)", "24th AEMM", "meeting", date(2026, 7, 30), None, "ASEAN", ""),
    ("1.1(a)", "23rd AEMM", "meeting", date(2025, 7, 10), None, "ASEAN", ""),
    ("1.1(b)", "Joint statement at the UN General Assembly", "statement", date(2026, 9, 25),
     None, "Both", ""),
    ("1.1(c)", "CPR visit to Brussels", "visit", date(2026, 2, 3), date(2026, 2, 6),
     "ASEAN", ""),
    ("1.2(b)", "ARF inter-sessional meeting co-chaired by the EU", "meeting",
     date(2026, 4, 21), None, "EU", ""),
    ("1.3(a)", "Workshop on preventing violent extremism", "workshop", date(2026, 5, 5),
     None, "EU", "EU-ASEAN counter-terrorism programme"),
    ("1.3(b)", "SOMTC+EU consultation", "meeting", date(2025, 12, 28), date(2026, 1, 3),
     "ASEAN", ""),
    ("1.4(a)", "ESIWA maritime security exercise", "project", date(2026, 10, 12), None, "EU",
     "ESIWA+"),
    ("1.5(a)", "CBRN risk mitigation training", "workshop", date(2026, 11, 18), None, "EU",
     "CBRN CoE"),
    ("1.8(a)", "AICHR-EU policy dialogue on human rights", "meeting", date(2026, 10, 1), None,
     "Both", ""),
    ("2.1(a)", "JWG on the trade and investment framework", "meeting", date(2026, 3, 3), None,
     "Both", ""),
    ("2.1(c)", "Stocktaking of the FTA framework", "statement", date(2026, 8, 20), None, "Both",
     ""),
    ("2.1(c)", "JWG of 2024", "meeting", date(2024, 11, 5), None, "Both", ""),
    ("2.2(a)", "ASEAN IP registers: training", "workshop", date(2026, 4, 8), None, "EU",
     "ARISE+ IPR"),
    ("2.3(a)", "EU-ASEAN Business Council roundtable", "meeting", date(2026, 11, 30), None,
     "EU", ""),
    ("2.4(a)", "MSMEs digital trade clinic", "workshop", date(2026, 6, 22), None, "ASEAN",
     "E-READI"),
    ("3.1(a)", "SHARE scholarships: 2026 intake", "project", date(2026, 8, 1), None, "EU",
     "SHARE"),
    ("3.2(a)", "Pandemic preparedness exchange", "visit", date(2026, 2, 17), None, "ASEAN",
     ""),
    ("3.5(a)", "ASEAN-EU Dialogue on Sustainable Development", "meeting", date(2026, 5, 27),
     None, "Both", ""),
    ("3.5(b)", "Climate finance workshop", "workshop", date(2026, 7, 7), None, "EU",
     "E-READI"),
    ("3.5(b)", "Climate study tour of 2025", "visit", date(2025, 3, 3), None, "ASEAN", ""),
    ("4.1(a)", "Connectivity policy dialogue", "meeting", date(2026, 3, 25), None, "Both",
     ""),
    ("4.1(b)", "Global Gateway investment forum", "meeting", date(2026, 10, 20), None, "EU",
     "Global Gateway"),
    ("4.2(a)", "ASCN smart cities exchange", "visit", date(2026, 9, 9), None, "EU", ""),
    ("4.3(a)", "Cyber policy dialogue", "meeting", date(2026, 12, 1), None, "Both", ""),
    ("4.5(a)", "TVET teachers' exchange", "workshop", date(2026, 5, 12), None, "EU", ""),
    ("5(a)", "Review of the Plan of Action at the JCC", "meeting", date(2026, 11, 20), None,
     "Both", ""),
    ("5(a)", "Review of 2024", "meeting", date(2024, 10, 1), None, "Both", ""),
    ("5(b)", "Progress report to the AEMM", "statement", date(2026, 7, 1), None, "ASEAN", ""),
    ("5(c)", "An undated plan", "other", None, None, "", ""),
    ("1.6(a)", "WPS regional conference", "meeting", date(2026, 12, 31), None, "EU", ""),
]


def make_report_set(desk) -> None:
    """Statuses, activities and a private note on the seeded plan."""
    for ref, status in STATUSES.items():
        desk.set_status(desk.resolve_ref(ref), status)
    for ref, title, kind, start, end, lead, programme in ACTIVITIES:
        desk.activities.add(desk.resolve(ref).target, ActivityFields(
            title, kind, start, end, place="Jakarta", lead=lead, programme=programme,
            notes=f"{PRIVATE} (activity notes are never printed)"))
    desk.set_notes(desk.resolve_ref("2.1(c)"), PRIVATE, private=True)


def in_period(start: date | None, end: date | None) -> bool:
    """What the report counts: an activity that overlaps the period (undated: never)."""
    return start is not None and start <= PERIOD[1] and (end or start) >= PERIOD[0]
