"""The status vocabulary ASEAN uses to report progress on action lines."""

from __future__ import annotations

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
