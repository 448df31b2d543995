"""What the exporters write, gathered from the Desk in a few queries, as plain values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.glossary import HOUSEHOLD_NAMES, acronyms_in
from app.glossary import Acronym as GlossaryEntry
from app.meetings.values import MeetingDetail
from app.values import AssignedFocalPoint
from app.vocab import ROLES, status_label

if TYPE_CHECKING:
    from app.service import Desk

EXCEL_CELL_LIMIT = 32_767


@dataclass(frozen=True, slots=True)
class Contact:
    """A focal point as the contact annex / sheet lists it."""

    focal_point_id: int
    country_name: str
    name: str
    title: str
    organisation: str
    email: str
    phone: str
    roles: tuple[str, ...]
    covers: tuple[str, ...]  # references: action lines, or a section number for a section
    # each role with what it covers as shown: (("lead", ("1.1(a)", "section 3.5")), ...), an
    # action line by its reference, a section as "section 3.5", each after its plan's short
    # name when the brief spans plans ("ASEAN-EU 1.1(a)")
    lines: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def role_lines(self) -> list[str]:
        """'Lead: 1.1(a), 2.1(c)', 'Co-lead: section 3.5', one per role."""
        return [f"{role[:1].upper()}{role[1:]}: {', '.join(shown)}"
                for role, shown in self.lines]


@dataclass(frozen=True, slots=True)
class Covered:
    """What a focal point covers, for `contacts_for`: an action line's reference or a section's
    number (`is_section`), and `plan` the short name of its plan when several are shown."""

    ref: str
    is_section: bool
    plan: str = ""

    @property
    def shown(self) -> str:
        """'1.1.1', 'section I.A', 'ASEAN-EU 1.1(a)': told by what it is, never by the shape of
        the reference (1.1.1 is an action line in a plan numbered so)."""
        words = f"section {self.ref}" if self.is_section else self.ref
        return f"{self.plan} {words}" if self.plan else words


@dataclass(frozen=True, slots=True)
class MatrixRow:
    ref: str
    pillar: str  # "1. Political and Security Cooperation"
    section: str  # "1.3 Combat terrorism, ..." ("" for a part-level action)
    text: str
    status: str  # label
    notes: str  # "" when the note is private and private notes were not asked for
    updated_at: datetime | None
    focal_points: tuple[AssignedFocalPoint, ...]  # active ones


@dataclass(frozen=True, slots=True)
class BriefContent:
    meeting: MeetingDetail
    glossary: tuple[GlossaryEntry, ...]
    contacts: tuple[Contact, ...]
    plan_title: str = ""
    plan_id: int | None = None  # the plan of the agenda's action lines (the first, if several)


def load_brief(desk: Desk, meeting_id: int) -> BriefContent:
    meeting = desk.meetings.get(meeting_id)
    plan_ids = {item.plan_id for item in meeting.items if item.plan_id is not None} \
        or {desk.default_plan_id()}
    plan_id = min(plan_ids)
    plan_title = " and ".join(title for _, title in meeting.plans) or next(  # across plans
        (p.title for p in desk.plans() if p.id == plan_id), "")
    pairs = [(Covered(item.section_number, True, item.plan_label)
              if fp.via_section and item.section_number is not None
              else Covered(a.ref, False, item.plan_label), fp)
             for item in meeting.items for a in item.actions for fp in a.focal_points]
    contacts = contacts_for(desk, pairs)
    return BriefContent(meeting, _glossary(desk, sorted(plan_ids)), contacts, plan_title,
                        plan_id)


def load_matrix(desk: Desk, plan_id: int | None = None, *, include_private: bool = False,
                ) -> tuple[list[MatrixRow], tuple[Contact, ...], tuple[GlossaryEntry, ...]]:
    """Every action line of the plan as a matrix row, the focal points, the glossary."""
    plan_id = desk.default_plan_id() if plan_id is None else plan_id
    tree = desk.plan_tree(plan_id)
    pillars: dict[int, str] = {}
    sections: dict[int, tuple[str, str]] = {}
    for part in tree.parts:
        pillar = part.heading
        for summary in part.actions:
            pillars[summary.id] = pillar
        for node in part.sections:
            for summary in node.actions:
                pillars[summary.id] = pillar
                sections[summary.id] = (node.number, f"{node.number} {node.title}")
    rows = []
    pairs: list[tuple[Covered, AssignedFocalPoint]] = []
    for a in desk.action_details(plan_id):
        sec = sections.get(a.id)
        assigned = tuple(fp for fp in a.focal_points if fp.active)
        rows.append(MatrixRow(a.ref, pillars[a.id], sec[1] if sec else "", a.text,
                              status_label(a.status),
                              "" if a.notes_private and not include_private else a.notes,
                              a.updated_at, assigned))
        pairs.extend((Covered(sec[0], True) if fp.via_section and sec else Covered(a.ref, False),
                      fp) for fp in assigned)
    return rows, contacts_for(desk, pairs), _glossary(desk, [plan_id])


def contacts_for(desk: Desk, pairs: Iterable[tuple[Covered, AssignedFocalPoint]],
                 ) -> tuple[Contact, ...]:
    """One contact per active focal point in `pairs` (what it covers, focal point), with every
    reference and role it covers, ordered by country then name."""
    covers: dict[int, list[str]] = {}
    roles: dict[int, list[str]] = {}
    by_role: dict[int, dict[str, list[str]]] = {}
    first: dict[int, AssignedFocalPoint] = {}
    for covered, fp in pairs:
        if not fp.active:
            continue
        ref = covered.ref
        first.setdefault(fp.focal_point_id, fp)
        refs = covers.setdefault(fp.focal_point_id, [])
        if ref not in refs:
            refs.append(ref)
        kinds = roles.setdefault(fp.focal_point_id, [])
        if fp.role not in kinds:
            kinds.append(fp.role)
        role_refs = by_role.setdefault(fp.focal_point_id, {}).setdefault(fp.role, [])
        if covered.shown not in role_refs:
            role_refs.append(covered.shown)
    if not first:
        return ()
    phones = {p.id: p.phone for p in desk.focal.people() if p.id in first}
    country_order = {c.code: i for i, c in enumerate(desk.countries())}
    rank = {role: n for n, role in enumerate(ROLES)}
    out = [Contact(fid, fp.country_name, fp.name, fp.title, fp.organisation, fp.email,
                   phones.get(fid, ""), tuple(roles[fid]), tuple(covers[fid]),
                   tuple((role, tuple(refs)) for role, refs in sorted(
                       by_role[fid].items(), key=lambda kv: rank.get(kv[0], 99))))
           for fid, fp in first.items()]
    codes = {fid: fp.country_code for fid, fp in first.items()}
    out.sort(key=lambda c: (country_order.get(codes[c.focal_point_id], 10**6),
                            c.name.casefold()))
    return tuple(out)


def lead_focal_points(fps: Sequence[AssignedFocalPoint]) -> list[tuple[str, list[str]]]:
    """[(country, ['Name (Organisation)', ...])] for the active leads and co-leads."""
    by_country: dict[str, list[str]] = {}
    for fp in fps:
        if fp.active and fp.role in ("lead", "co-lead"):
            who = f"{fp.name} ({fp.organisation})" if fp.organisation else fp.name
            if fp.role == "co-lead":
                who += ", co-lead"
            names = by_country.setdefault(fp.country_name, [])
            if who not in names:
                names.append(who)
    return list(by_country.items())


# Names a brief uses that the plan never spells out: explained in the annex all the same (the
# user's own expansion, then the plan's, win). The household names (app.glossary) and the EU's
# and ASEAN's own bodies that every delegation writes.
WELL_KNOWN: dict[str, str] = {
    "ASEAN": "Association of Southeast Asian Nations",
    "EU": "European Union",
    "UN": "United Nations",
    "EEAS": "European External Action Service",
    "G20": "Group of Twenty",
    "HIV": "Human Immunodeficiency Virus",
    "AIDS": "Acquired Immunodeficiency Syndrome",
    "COVID": "Coronavirus Disease",
    "ICT": "Information and Communication Technology",
    "SME": "Small and Medium-sized Enterprise",
}
# "SOMTC+EU" = "ASEAN Plus EU Senior Officials Meeting on Transnational Crime": its own body
# "SOMTC" = "Senior Officials Meeting on Transnational Crime", which the plan also writes alone.
_WITH_PARTNER = re.compile(r"^([A-Z][A-Z0-9&]+)(?:\+|-|\u2013)(?:EU|ASEAN)$")
_PARTNERS = re.compile(r"^(?:ASEAN|EU)(?:\s+Plus\s+|\s*[-\u2013+]\s*)(?:EU|ASEAN)\s+")


def glossary(desk: Desk, plan_ids: Iterable[int]) -> tuple[GlossaryEntry, ...]:
    """The user's own acronyms (they win), then the plans'; an abbreviation the plan writes
    with small letters (ToR) also explains its capitals (TOR), as users write it; a body
    with its partner ("SOMTC+EU") also explains the body alone ("SOMTC"); then WELL_KNOWN."""
    seen: dict[str, GlossaryEntry] = {}
    for ac in desk.user_acronyms():
        seen.setdefault(ac.abbr, GlossaryEntry(ac.abbr, ac.expansion))
    for plan_id in plan_ids:
        for ac in desk.acronyms(plan_id):
            seen.setdefault(ac.abbr, GlossaryEntry(ac.abbr, ac.expansion))
    return complete_glossary(seen.values())


_glossary = glossary  # its former name


def complete_glossary(entries: Iterable[GlossaryEntry]) -> tuple[GlossaryEntry, ...]:
    """`entries` (first wins) with what they imply: capitals of a ToR, the body of a
    "SOMTC+EU", and the WELL_KNOWN names, each only where nothing explains it yet."""
    seen: dict[str, GlossaryEntry] = {}
    for entry in entries:
        seen.setdefault(entry.abbr, entry)
    for entry in list(seen.values()):
        upper = entry.abbr.upper()
        if upper != entry.abbr and upper not in seen:
            seen[upper] = GlossaryEntry(upper, entry.expansion)
        body = _WITH_PARTNER.match(entry.abbr)
        partners = _PARTNERS.match(entry.expansion)
        if body and partners and body.group(1) not in seen:
            seen[body.group(1)] = GlossaryEntry(body.group(1), entry.expansion[partners.end():])
    for abbr, expansion in WELL_KNOWN.items():
        seen.setdefault(abbr, GlossaryEntry(abbr, expansion))
    return tuple(seen.values())


# A word in capitals (two or more capitals or digits, starting with a capital; a plural "s"
# allowed): what a reader may need explained.
_CAPITALS = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Z0-9&]*[A-Z][A-Z0-9&]*|[A-Z][0-9][A-Z0-9]*)"
                       r"s?(?![A-Za-z0-9])")
_ROMAN = re.compile(r"^[IVXLC]+$")
# Codes joined by hyphens: "ASEAN-ACT" is one name, reported whole (not as "ACT").
_JOINED = re.compile(r"(?<![A-Za-z0-9&+-])([A-Z][A-Za-z0-9&]*(?:-[A-Z][A-Za-z0-9&]*)+)"
                     r"s?(?![A-Za-z0-9&+-])")
_NUMBER_RUN = re.compile(r"\d{3}")  # "REF2027": a file number, not an acronym
_SLASHED = re.compile(r"[^\s/]*/\S*")


def unexplained(text: str, glossary: Sequence[GlossaryEntry],
                known: Iterable[str] = ()) -> list[str]:
    """The words in capitals in `text` that no glossary entry explains (EUDR, ASEC...),
    sorted: for a warning, so that the user adds them. `known`: words not to report (the
    marking); household names (ASEAN, EU, UN...: app.glossary.HOUSEHOLD_NAMES) never are."""
    text = _SLASHED.sub(lambda m: " " if _is_reference(m.group()) else m.group(), text)
    entries = sorted({a.abbr for a in glossary if a.abbr.strip()}, key=lambda a: -len(a))
    skip = {w for phrase in known for w in re.findall(r"[A-Za-z0-9]+", phrase)}
    skip |= HOUSEHOLD_NAMES
    explained = set(entries) | skip
    found: set[str] = set()
    for m in _JOINED.finditer(text):  # a name of codes joined by hyphens, whole
        name = m.group(1)
        if name.endswith("s") and name[-2:-1].isupper():
            name = name[:-1]  # a plural: "ASEAN-ACTs"
        codes = [p for p in name.split("-") if _CAPITALS.fullmatch(p)]
        if name not in explained and codes and not all(p in explained for p in codes):
            found.add(name)
    text = _JOINED.sub(" ", text)
    if entries:
        alts = "|".join(r"\s+".join(map(re.escape, a.split())) for a in entries)
        text = re.sub(rf"(?<![A-Za-z0-9])(?:{alts})s?(?![A-Za-z0-9])", " ", text)
    found |= {m.group(1) for m in _CAPITALS.finditer(text)}
    return sorted(w for w in found
                  if w not in skip and not _ROMAN.match(w) and not _NUMBER_RUN.search(w))


def _is_reference(token: str) -> bool:
    """A file reference ("ASIA/ASEAN/2027/014", "ASIAPAC/2026/1"): parts joined by slashes,
    with a number or three parts or more; its words are not acronyms."""
    return "/" in token.strip("/") and (any(c.isdigit() for c in token)
                                        or token.count("/") >= 2)


def brief_acronyms(text: str, glossary: Sequence[GlossaryEntry]) -> list[GlossaryEntry]:
    """The glossary entries used in `text`, and those their expansions use in turn (so that
    every acronym anywhere in the brief, the annex included, is explained)."""
    found = {a.abbr: a for a in acronyms_in(text, glossary)}
    pending = list(found.values())
    while pending:
        more = acronyms_in("\n".join(a.expansion for a in pending), glossary)
        pending = [a for a in more if a.abbr not in found]
        found.update((a.abbr, a) for a in pending)
    return sorted(found.values(), key=lambda a: (a.abbr.casefold(), a.abbr))
