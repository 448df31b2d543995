"""The reference grammar of the plan: '1.3(b)' for an action line, '5(a)' for a part's own action
line, '2.1' for a section. One parser for every caller (CLI, window, imports, meetings).

References are text, never numbers: '1.10' is section ten, not 1.1.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
