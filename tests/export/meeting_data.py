"""Data for the export tests: a filled-in meeting with focal points and notes."""

from __future__ import annotations

from datetime import date

from app.models import Assignment, FocalPoint, Section
from tests.conftest import raw_session

PRIVATE_NOTE = "Capital is unhappy with the JWG chair (private)"
PUBLIC_NOTE = "JWG met twice in 2025."
FORMULA_NOTE = '=HYPERLINK("http://example.invalid","click")'


def add_focal_point(desk, name, country, *, organisation="", email="", action=None,
                    section=None, role="lead", active=True):
    """A focal point assigned to an action line (ref) or a whole section (number), written
    with the ORM (the register's own API is another module's business)."""
    action_id = desk.resolve_ref(action) if action is not None else None
    with raw_session(desk) as s:
        fp = FocalPoint(name=name, country_code=country, organisation=organisation,
                        email=email, phone="+62 21 000 000", active=active)
        s.add(fp)
        s.flush()
        if action_id is not None:
            target = {"action_line_id": action_id}
        else:
            sec_id = s.query(Section.id).filter(Section.number == section).scalar()
            target = {"section_id": sec_id}
        s.add(Assignment(focal_point_id=fp.id, role=role, **target))
        return fp.id


def make_som(desk):
    """A SOM marked RESTRICTED with four items (one a whole section), filled in."""
    mm = desk.meetings
    desk.set_lines_to_take(desk.resolve_ref("2.1(c)"),
                           "Welcome the stocktaking of the FTA framework.")
    desk.set_notes(desk.resolve_ref("2.1(c)"), PUBLIC_NOTE)
    desk.set_notes(desk.resolve_ref("1.3(b)"), PRIVATE_NOTE, private=True)
    desk.set_status(desk.resolve_ref("1.3(b)"), "Being addressed")
    meeting = mm.create("SOM", "29th ASEAN-EU Senior Officials' Meeting", date(2026, 3, 5),
                        "Jakarta, ASEAN Secretariat", "RESTRICTED",
                        "1.1(a),2.1(c),1.3(b),3.5").id
    fields = {
        "1.1(a)": {"objective": "Confirm the dates of the next AEMM.",
                   "points_to_make": "Welcome the regular SOM and JCC.\n- Propose Brussels.",
                   "defensive_points": "If pressed on dates: consult capitals first."},
        "2.1(c)": {"objective": "Move the FTA framework talks forward.",
                   "background": "The JWG last met in 2025."},
        "1.3(b)": {"objective": "Support the SOMTC+EU consultations.",
                   "points_to_make": "Offer EMPACT experience."},
        "3.5": {"objective": "Show EU support on climate and haze.",
                "outcome": "Welcomed the High-Level Dialogue."},
    }
    for ref, values in fields.items():
        mm.edit_item(mm.find_item(meeting, ref), **values)
    add_focal_point(desk, "Siti Rahma", "ID", organisation="Ministry of Foreign Affairs",
                    email="siti@example.invalid", action="1.1(a)")
    add_focal_point(desk, "Jean Dupont", "FR", organisation="Ministère de l'Europe",
                    email="jean@example.invalid", section="3.5", role="co-lead")
    add_focal_point(desk, "Old Hand", "DE", organisation="Auswärtiges Amt", action="1.1(a)",
                    active=False)
    return meeting

