"""The shared vocabularies, at the bottom of the core: statuses, assignment roles, meeting kinds,
country groupings. Plain Python (the window lists them without loading SQLAlchemy); the schema's
check constraints (app.models) are built from them."""

from __future__ import annotations

import re

from app.errors import InputError

# -- statuses: the vocabulary ASEAN uses to report progress on action lines -----------------

STATUS_LABELS: dict[str, str] = {
    "not_assessed": "Not assessed",
    "not_yet_addressed": "Not yet addressed",
    "being_addressed": "Being addressed",
    "achieved": "Achieved",
    "recurring": "Recurring",
}
STATUS_CODES: tuple[str, ...] = tuple(STATUS_LABELS)
DEFAULT_STATUS = "not_assessed"
# "over 88 percent of action lines either achieved or being addressed": these count as progress.
PROGRESS_STATUSES = frozenset({"achieved", "being_addressed", "recurring"})

# How every chart and every table of figures shows the statuses (the report in Word and Excel,
# the window's Progress view and icons): progress first, the order the bars stack in from the
# left, each in a colour of its own lightness as well as hue (CIE L* about 31, 46, 75, 59, 88),
# so a black-and-white print still tells them apart. STATUS_INK: the text written on each.
STATUS_ORDER: tuple[str, ...] = ("achieved", "recurring", "being_addressed",
                                 "not_yet_addressed", "not_assessed")
STATUS_COLOURS: dict[str, str] = {
    "achieved": "#14532d",  # dark green
    "recurring": "#1f6fb5",  # blue
    "being_addressed": "#f2a93b",  # amber
    "not_yet_addressed": "#e8635a",  # coral red
    "not_assessed": "#dcdcdc",  # light grey
}
STATUS_INK: dict[str, str] = {
    "achieved": "#ffffff", "recurring": "#ffffff", "being_addressed": "#000000",
    "not_yet_addressed": "#000000", "not_assessed": "#000000",
}

_BY_LABEL = {label.casefold(): code for code, label in STATUS_LABELS.items()}


def status_code(value: str) -> str:
    """Accept a code ("being_addressed") or a label ("Being addressed"); raise ValueError."""
    key = value.strip()
    if key in STATUS_LABELS:
        return key
    code = _BY_LABEL.get(key.casefold())
    if code is None:
        known = ", ".join(STATUS_LABELS.values())
        raise ValueError(f"unknown status {value!r} (use one of: {known})")
    return code


def status_label(code: str) -> str:
    return STATUS_LABELS[code]


# -- assignment roles -----------------------------------------------------------------------

ROLES = ("lead", "co-lead", "support", "contact")
_ROLE_ALIASES = {r.replace("-", ""): r for r in ROLES}


def role_code(value: str) -> str:
    """'Lead', 'co lead', 'Co-Lead', 'colead' -> the role code; InputError if unknown."""
    key = re.sub(r"[\s_-]+", "", value.strip().casefold())
    role = _ROLE_ALIASES.get(key)
    if role is None:
        raise InputError(f"unknown role {value.strip()!r} (use one of: {', '.join(ROLES)})")
    return role


# -- meetings and countries -----------------------------------------------------------------

MEETING_KINDS = ("AEMM", "PMC+1", "SOM", "JCC", "SOMTC+EU", "SEOM-EU")
COUNTRY_GROUPS = ("ASEAN", "EU", "institution")


# -- activities under action lines (what was actually done) ---------------------------------

ACTIVITY_KINDS: dict[str, str] = {
    "meeting": "Meeting",
    "workshop": "Workshop or training",
    "project": "Project or programme",
    "visit": "Visit",
    "statement": "Statement or document",
    "other": "Other",
}


def activity_kind(value: str) -> str:
    """A kind code from a code or a label, without case ('Workshop', 'workshop or training');
    InputError if unknown."""
    key = " ".join(value.split()).casefold()
    for code, label in ACTIVITY_KINDS.items():
        if key in (code, label.casefold()) or label.casefold().startswith(key + " "):
            return code
    raise InputError(f"unknown activity kind {value.strip()!r} (use one of: "
                     f"{', '.join(ACTIVITY_KINDS)})")


# -- handling markings ----------------------------------------------------------------------

# What a brief, a matrix or a register may be marked with (or the user's own free text), and
# what each means, for the window's list and `poadesk meeting markings`. POA Desk is no
# accredited system: EU classified information (RESTREINT UE and above) belongs on one.
MARKINGS: tuple[tuple[str, str], ...] = (
    ("LIMITE", "EU (Council) distribution marking: not classified, but not for public "
               "release; for the institutions, the Member States and those the document is "
               "meant for."),
    ("SENSITIVE", "EU institutions' marking for sensitive non-classified information: "
                  "need-to-know only (negotiating positions, personal data such as the "
                  "focal points' contacts)."),
    ("RESTRICTED", "As on ASEAN meeting documents: for the meeting's participants (ASEAN "
                   "Member States, the ASEAN Secretariat, the dialogue partner) and not for "
                   "release; follow the originator's handling note."),
    ("FOR OFFICIAL USE ONLY", "Generic: internal to government, not for release."),
    ("RESTREINT UE/EU RESTRICTED", "EU classified information, lowest level (Council "
                                   "Decision 2013/488/EU): only on systems accredited for "
                                   "it - mark a brief so only if it is handled on one."),
)
# workbooks without a meeting (the matrix, the register) hold names, emails and phones
DEFAULT_WORKBOOK_MARKING = "SENSITIVE"
_MARKINGS = {name.casefold(): name for name, _ in MARKINGS}
_MARKINGS.update({"restreint ue": "RESTREINT UE/EU RESTRICTED",
                  "eu restricted": "RESTREINT UE/EU RESTRICTED"})


def marking_label(value: str) -> str:
    """A marking of the list written as the list writes it ('limite' -> 'LIMITE'); any other
    text as it is (a ministry's own marking)."""
    text = " ".join(value.split())
    return _MARKINGS.get(text.casefold(), text)
