"""The reference grammar of the plan: '1.3(b)' for an action line, '5(a)' for a part's own action
line, '2.1' for a section. One parser for every caller (CLI, window, imports, meetings).

An agenda typed in one line (`poadesk meeting add --refs`, the window's Agenda field) is
references and items of the officer's own in double quotes, comma-separated:
`1.3b, 2.1(c), 3.5, 5a, "Any other business"` (`split_agenda`).

References are text, never numbers: '1.10' is section ten, not 1.1.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.errors import InputError

REF_RE = re.compile(r"^\s*(\d{1,2})(?:\.(\d{1,2}))?\.?\s*(?:\(?\s*([A-Za-z]{1,2})\s*\)?)?\s*$")
_REF_SPLIT = re.compile(r"[,;\n]+")


def normalize_ref(value: str) -> str | None:
    """'1.3b', '1.3 (B)', '5a' -> '1.3(b)', '5(a)'; '1.3' -> '1.3' (a section); else None."""
    m = REF_RE.match(value)
    if not m:
        return None
    part, section, letter = m.groups()
    base = f"{int(part)}.{int(section)}" if section else str(int(part))
    return f"{base}({letter.lower()})" if letter else base


def canonical_ref(value: str) -> str:
    """`normalize_ref`, or an InputError that shows the forms a reference takes."""
    canonical = normalize_ref(value)
    if canonical is None:
        raise InputError(f"{value.strip()!r} is not a reference (like 1.3(b), 5(a), or a "
                         "section number like 3.5)")
    return canonical


def is_action_ref(canonical: str) -> bool:
    """True for an action line ('1.3(b)', '5(a)'), False for a section or part ('2.1', '5')."""
    return "(" in canonical


def split_refs(refs: str | Sequence[str]) -> list[str]:
    """'1.1(a), 2.1(c);3.5' -> ['1.1(a)', '2.1(c)', '3.5'] (as typed, blanks dropped)."""
    pieces = _REF_SPLIT.split(refs) if isinstance(refs, str) else list(refs)
    return [p.strip() for p in pieces if p.strip()]


_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201d": "\u201d"}
AGENDA_SEPARATORS = ",;\n"  # between the entries of a typed agenda


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One item of a typed agenda: a reference as typed ('1.3b') or, `free`, the title of an
    item of the officer's own (typed in double quotes, given without them). `start`, `end`:
    where it is in the typed text (what the window marks)."""

    text: str
    free: bool
    start: int
    end: int


def split_agenda(text: str | Sequence[str]) -> list[AgendaEntry]:
    """'1.3b, 2.1(c); 3.5, "Any other business"' -> its entries in order (blanks dropped).
    Commas, semicolons and line breaks separate; inside double quotes (straight or curly) they
    are part of the title. A list is references only, one each. InputError for a quote left
    open, an empty quoted title or text stuck to a quoted one."""
    if not isinstance(text, str):
        return [AgendaEntry(p.strip(), False, 0, 0) for p in text if p.strip()]
    entries: list[AgendaEntry] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and (text[i] in AGENDA_SEPARATORS or text[i].isspace()):
            i += 1
        if i >= n:
            break
        if text[i] in _QUOTES:
            close = text.find(_QUOTES[text[i]], i + 1)
            if close < 0 and text[i] == '"':
                close = text.find("\u201d", i + 1)
            if close < 0:
                raise InputError(f"the quote opened at {text[i:i + 20].strip()!r} is not "
                                 "closed: an item of your own goes in double quotes, "
                                 "\"Any other business\"")
            title = " ".join(text[i + 1:close].split())
            if not title:
                raise InputError("an item in quotes needs a title, e.g. \"Any other business\"")
            entries.append(AgendaEntry(title, True, i, close + 1))
            i = close + 1
            while i < n and text[i] not in AGENDA_SEPARATORS and text[i].isspace():
                i += 1
            if i < n and text[i] not in AGENDA_SEPARATORS:
                raise InputError(f"put a comma after \"{title}\"")
            continue
        start = i
        while i < n and text[i] not in AGENDA_SEPARATORS and text[i] not in _QUOTES:
            i += 1
        if i < n and text[i] in _QUOTES:
            raise InputError(f"put a comma before the quote after {text[start:i].strip()!r}")
        piece = text[start:i]
        entries.append(AgendaEntry(piece.strip(), False, start, start + len(piece.rstrip())))
    return entries
