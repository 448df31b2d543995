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
