"""Short names for plans, for a meeting whose agenda takes items from more than one plan
(issue 22): each item then says which plan it is from, "ASEAN-EU 1.1(b)", "Example
Partnership 1.1(b)", in `poadesk meeting show`, the window's agenda and the briefs (the
item's `plan_label`, set by app.meetings.loading); and an agenda typed with such a name before
a reference takes that reference from that plan ("1.3b, Example Partnership 1.1b":
`PlanNamedResolver`).

A plan's short name comes from its title: the partnership it names ("ASEAN-EU", "ASEAN Plus
Three", "ASEAN-Republic of Korea"), else the title without "Plan of Action to Implement the
(Joint Declaration on the)" and its years, cut to a few whole words ("Example Partnership");
two plans that would share a name are told apart by their years ("ASEAN-Australia
2008-2013"), then by their id ("ASEAN-EU (plan 3)").

It imports no SQLAlchemy: the window may use it with the values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Protocol

from app.errors import BadReference
from app.values import TargetInfo

MAX_WORDS = 4
MAX_CHARS = 32
_DASHES = "-\u2010\u2011\u2013"
# "ASEAN-EU", "ASEAN-Republic of Korea", "ASEAN-New Zealand", "EU-ASEAN", "ASEAN Plus Three"
_PARTNERS = re.compile(
    rf"\bASEAN[{_DASHES}][A-Z][\w.]*(?:\s+(?:(?i:of)\s+(?:(?i:the)\s+)?)?[A-Z][\w.]*){{0,2}}"
    rf"|\b[A-Z][\w.]*[{_DASHES}]ASEAN\b"
    r"|\bASEAN (?i:Plus (?:Three|One|3|1))\b")
# words after a partner's name that are no longer its name
_NOT_PARTNER = {
    "strategic", "comprehensive", "partnership", "plan", "plans", "dialogue", "cooperation",
    "relations", "work", "joint", "enhanced", "summit", "framework", "action", "programme",
    "program", "free", "trade", "agreement", "declaration", "commemorative", "economic",
    "political", "security", "development", "for", "and", "to", "on", "the", "of", "in",
}
_YEARS = re.compile(rf"\b((?:19|20)\d\d)\s*[{_DASHES}/]\s*((?:19|20)?\d\d)\b")
_LEAD = re.compile(
    r"^(?:the\s+)?(?:(?:plan|programme|program) of action|action plan|work ?plan)"
    r"(?:\s+(?:to implement|for|on|of|to))?\s+(?:the\s+)?"
    r"(?:joint (?:declaration|statement) (?:on|of|for)\s+(?:the\s+)?)?", re.IGNORECASE)
_TAIL = re.compile(r"\s+(?:(?:plan|programme|program) of action|action plan|work ?plan)\b.*$",
                   re.IGNORECASE)
_SMALL = {"of", "the", "and", "on", "for", "to", "in", "a", "an", "at", "by", "with"}


def plan_years(title: str) -> str:
    """'2023-2027' from '... (2023-2027)'; '' if the title has no years."""
    found = _YEARS.search(title)
    if found is None:
        return ""
    start, end = found.groups()
    return f"{start}-{start[:2] + end if len(end) == 2 else end}"


def short_plan_name(title: str) -> str:
    """The partnership a plan's title names, or its first few words (see the module's
    docstring); '' for a title of no words."""
    text = " ".join(title.split())
    found = _PARTNERS.search(text)
    if found is not None:
        return _partner(found.group(0), text.isupper())
    text = re.sub(r"\([^)]*\)", " ", text)
    text = _YEARS.sub(" ", text)
    text = _LEAD.sub("", " ".join(text.split()))
    text = _TAIL.sub("", text) or text
    words = [w for w in text.strip(" ,.:;").split() if w.strip(",.:;")]
    words = words[:MAX_WORDS]
    while len(" ".join(words)) > MAX_CHARS and len(words) > 1:
        words.pop()
    while len(words) > 1 and words[-1].casefold().strip(",.:;") in _SMALL:
        words.pop()
    return " ".join(words).strip(",.:;")


def _partner(found: str, capitals: bool) -> str:
    """'ASEAN-New Zealand' from 'ASEAN-NEW ZEALAND STRATEGIC' (a title in capitals: its
    words of more than three letters, and NEW, as names are written; EU, UK, ROK kept)."""
    words = re.sub(f"[{_DASHES}]", "-", " ".join(found.split())).split()
    while len(words) > 1 and words[-1].casefold() in _NOT_PARTNER:
        words.pop()
    if capitals:
        words = ["-".join(w if (len(w) <= 3 and w != "NEW") or w == "ASEAN" else w.capitalize()
                          for w in word.split("-")) for word in words]
        words = [w.lower() if w.casefold() in ("of", "the") else w for w in words]
    return " ".join(words)


def plan_labels(titles: Mapping[int, str]) -> dict[int, str]:
    """Each plan's short name (by id), unique among `titles`: a name two plans would share
    gets each plan's years, then its id."""
    names = {pid: short_plan_name(title) or f"Plan {pid}" for pid, title in titles.items()}
    shared = _shared(names)
    names = {pid: f"{name} {plan_years(titles[pid])}".strip()
             if name.casefold() in shared else name for pid, name in names.items()}
    shared = _shared(names)
    return {pid: f"{name} (plan {pid})" if name.casefold() in shared else name
            for pid, name in names.items()}


def _shared(names: Mapping[int, str]) -> set[str]:
    """The names (without case) more than one plan has."""
    seen: set[str] = set()
    shared: set[str] = set()
    for name in names.values():
        key = name.casefold()
        (shared if key in seen else seen).add(key)
    return shared


class Resolver(Protocol):
    def resolve(self, typed: str) -> TargetInfo: ...


class PlanNamedResolver:
    """Reads a reference in the plan shown (`default`), or in the plan its short name names:
    'Example Partnership 1.1b', 'ASEAN-EU: 3.5' (the name as the agenda shows it, without
    case; a colon after it optional). `index(plan_id)` gives another plan's resolver, asked
    only when a reference names that plan."""

    def __init__(self, default: Resolver, labels: Mapping[int, str],
                 index: Callable[[int], Resolver]) -> None:
        self.default = default
        self.labels = dict(labels)
        self._index = index
        self._indexes: dict[int, Resolver] = {}
        # longest first: "ASEAN-EU 2023-2027" before "ASEAN-EU"
        self._names = sorted(((name, pid) for pid, name in self.labels.items()),
                             key=lambda pair: -len(pair[0]))

    def split(self, typed: str) -> tuple[int | None, str]:
        """(the plan a typed entry names, the reference after its name); (None, the entry)
        when it names no plan."""
        text = " ".join(typed.split())
        for name, pid in self._names:
            if text[:len(name)].casefold() == name.casefold():
                rest = text[len(name):]
                if rest[:1] == ":" or rest[:1].isspace():
                    rest = rest[1:].strip()
                    if rest:
                        return pid, rest
        return None, typed

    def resolve(self, typed: str) -> TargetInfo:
        pid, rest = self.split(typed)
        if pid is None:
            try:
                return self.default.resolve(typed)
            except BadReference as exc:
                raise BadReference(self._hint(str(exc), typed)) from None
        if pid not in self._indexes:
            self._indexes[pid] = self._index(pid)
        try:
            return self._indexes[pid].resolve(rest)
        except BadReference as exc:
            raise BadReference(f"{self.labels[pid]}: {exc}") from None

    def _hint(self, problem: str, typed: str) -> str:
        """A reference with words before it that name no plan: say how a plan is named."""
        words = typed.split()
        if len(words) < 2 or len(self.labels) < 2 or not any(c.isalpha() for c in words[0]):
            return problem
        names = ", ".join(sorted(self.labels.values(), key=str.casefold))
        return (f"{problem}; to take a line of another plan, put its name first, e.g. "
                f"{next(iter(sorted(self.labels.values())))} {words[-1]} (the plans: {names})")


__all__ = ["PlanNamedResolver", "plan_labels", "plan_years", "short_plan_name"]
