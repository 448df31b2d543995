"""How the brief words an agenda item: its reference and context line, runs of a section's
letters, a status summary, a focal point's lines (app.export.brief_docx)."""

from __future__ import annotations

from app.meetings.values import AgendaAction, AgendaItemView
from app.vocab import STATUS_CODES, status_label

from .content import Contact


def reference(item: AgendaItemView) -> str:
    return f"Section {item.ref}" if item.is_section else f"Action line {item.ref}"


def context(item: AgendaItemView) -> str:
    """'Action line 2.6(i) · section 2.6 Enhance cooperation ...' under the item's title."""
    if item.is_section:
        return (f"Section {item.ref} {item.title} \u00b7 {len(item.actions)} action lines "
                f"\u00b7 {item.part_number}. {item.part_title}")
    where = (f"section {item.section_number} {item.section_title}"
             if item.section_number else f"{item.part_number}. {item.part_title}")
    return f"Action line {item.ref} \u00b7 {where}"


def letters(actions: tuple[AgendaAction, ...] | list[AgendaAction]) -> str:
    """'(a), (c), (e)\u2013(h)': runs of consecutive lines of a section shortened."""
    found = [a.letter for a in actions]
    if not found:
        return ""
    out: list[str] = []
    run = [found[0]]
    for letter in found[1:]:
        if _next_letter(run[-1]) == letter:
            run.append(letter)
            continue
        out.append(_run(run))
        run = [letter]
    out.append(_run(run))
    return ", ".join(out)


def _next_letter(letter: str) -> str:
    return chr(ord(letter[-1]) + 1) if len(letter) == 1 else ""


def _run(run: list[str]) -> str:
    if len(run) >= 3:
        return f"({run[0]})\u2013({run[-1]})"
    return ", ".join(f"({x})" for x in run)


def status_summary(item: AgendaItemView) -> str:
    counts = {code: 0 for code in STATUS_CODES}
    for action in item.actions:
        counts[action.status] = counts.get(action.status, 0) + 1
    parts = [f"{status_label(code)}: {n}" for code, n in counts.items() if n]
    return f"{len(item.actions)} action lines. " + "; ".join(parts)


def who(c: Contact) -> list[str]:
    first = c.name + (f", {c.title}" if c.title else "")
    return [first] + ([c.organisation] if c.organisation else [])
