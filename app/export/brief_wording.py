"""How the brief words an agenda item: its reference and context line, runs of a section's
letters, a status summary, a focal point's lines (app.export.brief_docx)."""

from __future__ import annotations

from app.meetings.values import AgendaAction, AgendaItemView
from app.vocab import STATUS_ORDER, status_label

from .content import Contact


def item_heading(item: AgendaItemView) -> str:
    """The item's title with its reference: '1.3(b) SOMTC+EU Consultations ...', '3.5 Regional
    and global environmental challenges'; a free-text item's own title."""
    title = item.brief_title
    if item.is_free or not item.ref or title.startswith(item.ref):
        return item.with_plan(title)  # 'ASEAN-EU 1.3(b) ...' when the meeting spans plans
    return item.with_plan(f"{item.ref} {title}")


def section_leads(item: AgendaItemView) -> list[str]:
    """Who leads which line of a whole section: 'France: Jean Dupont (MEAE), co-lead of the
    whole section', 'Indonesia: Siti Rahma, lead on 3.5(a), 3.5(i)'."""
    found: dict[int, tuple[str, str, str, list[str], bool]] = {}
    for action in item.actions:
        for fp in action.focal_points:
            if not fp.active or fp.role not in ("lead", "co-lead"):
                continue
            who = f"{fp.name} ({fp.organisation})" if fp.organisation else fp.name
            entry = found.setdefault(fp.focal_point_id,
                                     (fp.country_name, who, fp.role, [], False))
            if fp.via_section:
                found[fp.focal_point_id] = entry[:4] + (True,)
            elif action.ref not in entry[3]:
                entry[3].append(action.ref)
    out = []
    for country, who, role, refs, whole in found.values():
        what = "of the whole section" if whole else "on " + ", ".join(refs)
        out.append(f"{country}: {who}, {role} {what}")
    return out


def reference(item: AgendaItemView) -> str:
    return item.with_plan(f"Section {item.ref}" if item.is_section else f"Action line {item.ref}")


def context(item: AgendaItemView) -> str:
    """'Action line 2.6(i) · section 2.6 Enhance cooperation ...' under the item's title (and
    ' · <the plan's title>' when the meeting spans plans)."""
    plan = f" \u00b7 {item.plan_title}" if item.plan_label else ""
    if item.is_section:
        return (f"Section {item.ref} {item.title} \u00b7 {len(item.actions)} action lines "
                f"\u00b7 {item.part_heading}{plan}")
    where = (f"section {item.section_number} {item.section_title}"
             if item.section_number else item.part_heading)
    return f"Action line {item.ref} \u00b7 {where}{plan}"


def letters(actions: tuple[AgendaAction, ...] | list[AgendaAction]) -> str:
    """'(a), (c), (e)\u2013(h)': runs of consecutive lines of a section shortened; lines
    numbered rather than lettered by their references ('1.1.1, 1.1.3\u20131.1.5')."""
    if not actions:
        return ""
    out: list[str] = []
    run = [actions[0]]
    for action in actions[1:]:
        if _next_letter(run[-1].letter) == action.letter:
            run.append(action)
            continue
        out.append(_run(run))
        run = [action]
    out.append(_run(run))
    return ", ".join(out)


def _next_letter(letter: str) -> str:
    return chr(ord(letter[-1]) + 1) if len(letter) == 1 else ""


def _shown(action: AgendaAction) -> str:
    return f"({action.letter})" if action.lettered else action.ref


def _run(run: list[AgendaAction]) -> str:
    if len(run) >= 3:
        return f"{_shown(run[0])}\u2013{_shown(run[-1])}"
    return ", ".join(_shown(x) for x in run)


def status_summary(item: AgendaItemView) -> str:
    counts = {code: 0 for code in STATUS_ORDER}  # as the Excel brief counts them
    for action in item.actions:
        counts[action.status] = counts.get(action.status, 0) + 1
    parts = [f"{status_label(code)}: {n}" for code, n in counts.items() if n]
    return f"{len(item.actions)} action lines. " + "; ".join(parts)


def who(c: Contact) -> list[str]:
    first = c.name + (f", {c.title}" if c.title else "")
    return [first] + ([c.organisation] if c.organisation else [])
