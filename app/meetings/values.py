"""Plain frozen values for meetings and their agendas: what the window and the exporters get."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.clock import long_date
from app.values import AssignedFocalPoint, part_heading

from .item_titles import default_item_title

# The officer's fields of an agenda item, in the order a brief shows them.
ITEM_FIELDS: tuple[str, ...] = (
    "objective", "points_to_make", "defensive_points", "background", "outcome",
)
FIELD_LABELS: dict[str, str] = {
    "objective": "Objective",
    "points_to_make": "Points to make",
    "defensive_points": "Defensive points",
    "background": "Background",
    "outcome": "Outcome",
    "title": "Title",
    "quoted_lines": "Quoted lines",
}
# The item's other fields, set like those above: its own title (a free-text item's text) and,
# for a whole section, the lines the brief quotes ("" the default choice, "*" every line,
# "-" none, else letters "a,c,h").
ITEM_EXTRA_FIELDS: tuple[str, ...] = ("title", "quoted_lines")
ALL_LINES, NO_LINES = "*", "-"
# The meeting's fields for the top page of the brief and its document control.
MEETING_TEXT_FIELDS: tuple[str, ...] = ("purpose", "key_asks", "delegation", "logistics")
MEETING_LINE_FIELDS: tuple[str, ...] = ("drafter", "cleared_by", "version", "reference")
MEETING_FIELD_LABELS: dict[str, str] = {
    "purpose": "Purpose", "key_asks": "Key asks", "delegation": "Delegation",
    "logistics": "Logistics", "drafter": "Drafted by", "cleared_by": "Cleared by",
    "version": "Version", "reference": "Reference",
}


def meeting_label(kind: str, when: date | None, title: str = "") -> str:
    """'SOM, 5 March 2026'; an undated meeting is named by its title: 'SOM (Retreat)'."""
    if when is not None:
        return f"{kind}, {long_date(when)}"
    return f"{kind} ({title})" if title and title != kind else kind


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    """One line of the meeting list."""

    id: int
    kind: str  # one of app.vocab.MEETING_KINDS or free text
    title: str
    date: date | None
    venue: str
    marking: str  # handling marking, "" for none
    item_count: int

    @property
    def label(self) -> str:
        return meeting_label(self.kind, self.date, self.title)


@dataclass(frozen=True, slots=True)
class AgendaAction:
    """An action line as an agenda item shows it (one, or every line of a whole section)."""

    id: int
    ref: str
    letter: str
    text: str  # verbatim
    status: str  # code, see app.vocab
    notes: str
    notes_private: bool
    lines_to_take: str
    focal_points: tuple[AssignedFocalPoint, ...] = ()

    @property
    def lettered(self) -> bool:
        """A line lettered within its section ('1.3(b)'), not numbered ('1.1.1', 'I.A.2')."""
        return self.ref.endswith(f"({self.letter})")

    @property
    def mark(self) -> str:
        """What names the line before its quoted text: its letter in a plan that letters its
        lines within a section ('b)' for 1.3(b)), else its reference as published ('1.1.1',
        'I.A.2': a '1)' would not say which line)."""
        return f"{self.letter})" if self.lettered else self.ref


@dataclass(frozen=True, slots=True)
class AgendaItemView:
    """One agenda item: an action line or a whole section, with the officer's fields."""

    id: int
    meeting_id: int
    position: int  # 0-based place in the agenda
    ref: str  # "1.3(b)" for an action line, "3.5" for a whole section
    is_section: bool
    action_line_id: int | None  # set for an action-line item
    section_id: int | None  # the item's section (an action line's own; None in part 5)
    part_number: int
    part_title: str  # display form ("Economic Cooperation")
    section_number: str | None
    section_title: str | None
    actions: tuple[AgendaAction, ...]
    objective: str = ""
    points_to_make: str = ""
    defensive_points: str = ""
    background: str = ""
    outcome: str = ""
    plan_id: int | None = None  # the plan of its action line or section
    own_title: str = ""  # the user's title ("" for the default); a free-text item's text
    quoted_lines: str = ""  # see ITEM_EXTRA_FIELDS
    plan_title: str = ""  # the title of its plan ("" for a free-text item)
    # its plan's short name ("ASEAN-EU") when the meeting's items come from more than one
    # plan, else "" (app.meetings.plan_names)
    plan_label: str = ""
    part_label: str = ""  # the part's number as published ("II"); "" for an unnumbered heading

    @property
    def part_heading(self) -> str:
        """'II. Economic Cooperation' as the plan numbers its part, or the title alone."""
        return part_heading(self.part_label, self.part_title)

    @property
    def plan_ref(self) -> str:
        """The reference, with its plan's short name when the meeting spans plans:
        'ASEAN-EU 1.1(b)', else '1.1(b)' ('' for a free-text item)."""
        return self.with_plan(self.ref)

    def with_plan(self, words: str) -> str:
        """`words` that name the item ('1.3(b) Combat ...', 'Section 3.5', 'Action line
        1.3(b)') after its plan's short name when the meeting spans plans: 'ASEAN-EU 1.3(b)
        Combat ...', 'ASEAN-EU section 3.5', 'ASEAN-EU action line 1.3(b)'; else as given.
        What the CLI, the window and the briefs say of an item's plan."""
        if not self.plan_label or not words:
            return words
        for word in ("Section ", "Action line "):
            if words.startswith(word):
                words = word.lower() + words[len(word):]
        return f"{self.plan_label} {words}"

    @property
    def is_free(self) -> bool:
        """A free-text item ("Any other business"): no action line, no section."""
        return self.action_line_id is None and not self.is_section

    @property
    def title(self) -> str:
        """The section's title (or the part's, for a part-level action line); a free-text
        item's own text."""
        if self.is_free:
            return self.own_title
        return self.section_title if self.section_title is not None else self.part_title

    @property
    def default_title(self) -> str:
        """The title a brief gives the item when the user gave none: a short subject from
        the action text, or from the section's title for a whole section
        (app.meetings.item_titles: "Review of this Plan of Action")."""
        if self.is_free:
            return self.own_title
        if self.is_section:
            return default_item_title(self.section_title or "") or self.ref
        return (default_item_title(self.actions[0].text) or self.ref) if self.actions \
            else self.ref

    @property
    def brief_title(self) -> str:
        """The user's title, else the default one."""
        return self.own_title.strip() or self.default_title

    @property
    def heading(self) -> str:
        """'1.3(b) Combat terrorism, ...' or 'Section 3.5 Promote sustainable ...' (with the
        plan's short name first when the meeting spans plans: 'ASEAN-EU 1.3(b) ...',
        'ASEAN-EU section 3.5 ...'); a free-text item's own text."""
        if self.is_free:
            return self.own_title
        if self.is_section:
            return self.with_plan(f"Section {self.ref} {self.title}")
        return self.with_plan(f"{self.ref} {self.title}")

    @property
    def label(self) -> str:
        """How a brief names the item: 'Palm oil working group (2.6(i))' ('(ASEAN-EU
        2.6(i))' when the meeting spans plans), or a free-text item's title."""
        if self.is_free:
            return self.own_title
        where = f"section {self.ref}" if self.is_section else self.ref
        return f"{self.brief_title} ({self.with_plan(where)})"

    @property
    def text(self) -> str:
        """The verbatim action text; for a section, every line as 'a) ...' one per line."""
        if not self.is_section and len(self.actions) == 1:
            return self.actions[0].text
        return "\n".join(f"{a.mark} {a.text}" for a in self.actions)

    def quoted(self) -> tuple[AgendaAction, ...]:
        """The action lines a brief quotes in full: an action line's own; for a whole
        section those the user chose, by default those with a (shared) note, lines to take
        or focal points of their own (not the whole section's)."""
        if not self.is_section:
            return self.actions
        choice = self.quoted_lines.strip()
        if choice == ALL_LINES:
            return self.actions
        if choice == NO_LINES:
            return ()
        if choice:
            letters = {x.strip().strip("()").lower() for x in choice.split(",")}
            return tuple(a for a in self.actions if a.letter.lower() in letters)
        return tuple(a for a in self.actions
                     if (a.notes.strip() and not a.notes_private) or a.lines_to_take.strip()
                     or any(fp.active and not fp.via_section for fp in a.focal_points))

    @property
    def focal_points(self) -> tuple[AssignedFocalPoint, ...]:
        """The focal points covering the item's action lines, each person once."""
        seen: set[int] = set()
        out: list[AssignedFocalPoint] = []
        for action in self.actions:
            for fp in action.focal_points:
                if fp.focal_point_id not in seen:
                    seen.add(fp.focal_point_id)
                    out.append(fp)
        return tuple(out)

    def field(self, name: str) -> str:
        if name == "title":
            return self.own_title
        if name not in ITEM_FIELDS and name not in ITEM_EXTRA_FIELDS:
            raise KeyError(name)
        value: str = getattr(self, name)
        return value


@dataclass(frozen=True, slots=True)
class MeetingFields:
    """What the meeting form edits: the meeting, the brief's top page, its document control."""

    kind: str
    title: str
    date: date | None = None
    venue: str = ""
    marking: str = ""
    purpose: str = ""
    key_asks: str = ""
    delegation: str = ""
    logistics: str = ""
    drafter: str = ""
    cleared_by: str = ""
    version: str = ""
    reference: str = ""

    def extra(self) -> dict[str, str]:
        """The top page and document control, by name (as `desk.meetings.create` takes them)."""
        return {name: getattr(self, name)
                for name in (*MEETING_TEXT_FIELDS, *MEETING_LINE_FIELDS)}

    @property
    def label(self) -> str:
        return meeting_label(self.kind, self.date, self.title)


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    """A meeting with its ordered agenda."""

    id: int
    kind: str
    title: str
    date: date | None
    venue: str
    marking: str
    items: tuple[AgendaItemView, ...]
    purpose: str = ""
    key_asks: str = ""
    delegation: str = ""
    logistics: str = ""
    drafter: str = ""
    cleared_by: str = ""
    version: str = ""
    reference: str = ""

    @property
    def label(self) -> str:
        return meeting_label(self.kind, self.date, self.title)

    @property
    def plans(self) -> tuple[tuple[str, str], ...]:
        """The plans its items come from, in agenda order, as (short name, title), when they
        are more than one; () otherwise."""
        seen: dict[str, str] = {}
        for item in self.items:
            if item.plan_label and item.plan_label not in seen:
                seen[item.plan_label] = item.plan_title
        return tuple(seen.items())

    @property
    def fields(self) -> MeetingFields:
        """What the meeting form edits; pass it back to undo an edit."""
        return MeetingFields(self.kind, self.title, self.date, self.venue, self.marking,
                             **self.extra())

    def extra(self) -> dict[str, str]:
        """The top page and document control fields, by name."""
        return {name: getattr(self, name)
                for name in (*MEETING_TEXT_FIELDS, *MEETING_LINE_FIELDS)}

    @property
    def info(self) -> MeetingInfo:
        return MeetingInfo(self.id, self.kind, self.title, self.date, self.venue, self.marking,
                           len(self.items))
