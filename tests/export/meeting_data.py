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
    # a line of the section with lines to take of its own: the brief quotes it
    desk.set_lines_to_take(desk.resolve_ref("3.5(a)"), "Support the ACSDSD's work.")
    add_focal_point(desk, "Siti Rahma", "ID", organisation="Ministry of Foreign Affairs",
                    email="siti@example.invalid", action="1.1(a)")
    add_focal_point(desk, "Jean Dupont", "FR", organisation="Ministère de l'Europe",
                    email="jean@example.invalid", section="3.5", role="co-lead")
    add_focal_point(desk, "Old Hand", "DE", organisation="Auswärtiges Amt", action="1.1(a)",
                    active=False)
    for abbr, expansion in USER_ACRONYMS.items():
        desk.set_user_acronym(abbr, expansion)
    return meeting


USER_ACRONYMS = {"ASEAN": "Association of Southeast Asian Nations", "EU": "European Union",
                 "UN": "United Nations", "SOMTC": "Senior Officials Meeting on Transnational "
                 "Crime"}
LONG_EMAIL = "delacroix-montgomery@diplomatie.example"


def make_som6(desk):
    """make_som's meeting grown to a realistic six items: the adoption of the agenda first
    and any other business last (free-text items), 2.6(i) with the user's own title and
    acronyms the plan does not define, the whole section 3.5 quoting its default lines, the
    top page and document control filled in; a focal point with a long email."""
    meeting = make_som(desk)
    mm = desk.meetings
    mm.edit_meeting(meeting, purpose="Annual stocktaking of the Plan of Action.",
                    key_asks="A date for the JWG.\nA technical session on the EUDR.",
                    delegation="Head of delegation: Managing Director, EEAS\nDesk officer",
                    logistics="ASEAN Secretariat, 09:00", drafter="Desk officer ASEAN",
                    cleared_by="Head of Division", version="2", reference="ASIAPAC/2026/1")
    mm.remove_item(mm.find_item(meeting, "1.3(b)"))
    first = mm.add_free_item(meeting, "Adoption of the agenda", position=0).id
    mm.edit_item(first, objective="Adopt the agenda.")
    palm = mm.add_items(meeting, "2.6(i)").id
    mm.edit_item(palm, title="Palm oil working group",
                 objective="Keep the JWG as the place to discuss the EUDR.",
                 defensive_points="If the EUDR is called unfair: it applies to all alike.",
                 background="Raised by ASEC and at the AMM; its TOR were renewed in 2024; "
                            "see the WTO case.")
    last = mm.add_free_item(meeting, "Any other business").id
    mm.edit_item(last, objective="Propose Brussels for the next SOM.")
    desk.set_lines_to_take(desk.resolve_ref("3.5(i)"), "Support peatland management.")
    add_focal_point(desk, "Jean-Baptiste Delacroix", "FR", organisation="MEAE",
                    email=LONG_EMAIL, action="2.6(i)", role="support")
    desk.set_user_acronym("EUDR", "EU Deforestation Regulation")
    return meeting

