"""What a plan file would add, shown before anything is stored: the parsed tree with its counts
per part and section, each section's first and last action line, every piece of text the
parser could not place (shown as it is, never guessed), the introduction kept apart, the
footnotes and the numbering style the text was read in.

One definition for both sides: `poadesk import plan FILE --dry-run` prints `PlanPreview.lines()`;
File > Import Plan... builds its review tree from the same values (and copies the same lines).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InputError
from app.plan_parser import STYLES, ParsedAction, ParsedPlan, UnplacedText

if TYPE_CHECKING:
    from collections.abc import Sequence


def styles() -> dict[str, str]:
    """The numbering styles the parser reads: key -> a one-line description ("1. PART / 1.1
    Section / 1.1.1 action"), for `--style` and the dialog's combo."""
    return dict(STYLES)


def count_of(count: int, what: str) -> str:
    return f"{count} {what if count == 1 else what + 's'}"


@dataclass(frozen=True, slots=True)
class LinePreview:
    """One action line: its reference in the plan's notation, its text verbatim, where it
    starts in the file (1-based)."""

    ref: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class SectionPreview:
    """A section (or a part's own action lines, `number` ""): its count, first and last line."""

    number: str
    title: str
    line: int
    count: int
    first: LinePreview
    last: LinePreview

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number else "(under the part)"


@dataclass(frozen=True, slots=True)
class PartPreview:
    label: str  # the part's number as published ("1", "I"), "" for an unnumbered heading
    title: str
    line: int
    count: int  # every action line of the part, its sections' included
    sections: tuple[SectionPreview, ...]
    own: SectionPreview | None  # the part's own action lines (a part without sections)

    @property
    def heading(self) -> str:
        return f"{self.label}. {self.title}" if self.label else self.title

    @property
    def summary(self) -> str:
        """'2 sections, 5 action lines'."""
        sections = f"{count_of(len(self.sections), 'section')}, " if self.sections else ""
        return sections + count_of(self.count, "action line")


@dataclass(frozen=True, slots=True)
class PlanPreview:
    source: str  # the file's name
    title: str
    style: str  # the key of the style it was read in
    style_text: str  # that style's description
    parts: tuple[PartPreview, ...]
    introduction: str
    unplaced: tuple[UnplacedText, ...]
    footnotes: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    unit: str = "line"  # where a piece of text is: a text's "line", a PDF's or Word file's
    # "paragraph" (the reader gives the parser one paragraph a line)

    @property
    def action_count(self) -> int:
        return sum(p.count for p in self.parts)

    @property
    def section_count(self) -> int:
        return sum(len(p.sections) for p in self.parts)

    def summary(self) -> str:
        """'3 parts, 3 sections, 6 action lines' (and the unplaced pieces when there are)."""
        text = (f"{count_of(len(self.parts), 'part')}, "
                f"{count_of(self.section_count, 'section')}, "
                f"{count_of(self.action_count, 'action line')}")
        if self.unplaced:
            text += f"; {count_of(len(self.unplaced), 'piece')} of text not placed"
        return text

    def style_line(self) -> str:
        return f"read in the style {self.style!r} ({self.style_text})"

    def introduction_line(self) -> str:
        if not self.introduction.strip():
            return "Introduction: none"
        paragraphs = [p for p in self.introduction.split("\n\n") if p.strip()]
        return (f"Introduction (kept as the plan's introduction, not made into action lines): "
                f"{count_of(len(paragraphs), 'paragraph')}, "
                f"{count_of(len(self.introduction), 'character')}")

    def unplaced_title(self) -> str:
        return (f"Not placed ({count_of(len(self.unplaced), 'piece')} of text: left out of the "
                "plan if it is imported)")

    def lines(self, width: int = 0) -> list[str]:
        """The preview as text, one line per entry (the action lines' texts shortened to
        `width` characters when it is not 0; unplaced text always in full)."""

        def shown(text: str) -> str:
            flat = " ".join(text.split())
            return textwrap.shorten(flat, width, placeholder=" …") if width else flat

        out = [self.title, f"{self.source}: {self.summary()}; {self.style_line()}",
               self.introduction_line()]
        if self.introduction.strip():
            out.append(f"  {shown(self.introduction)}")
        for part in self.parts:
            out.append(f"{part.heading}: {part.summary}")
            blocks = ([part.own] if part.own else []) + list(part.sections)
            for block in blocks:
                indent = "  "
                if block.number:
                    out.append(f"  {block.heading}: {count_of(block.count, 'action line')}")
                    indent = "    "
                out.extend(f"{indent}{what} {line.ref}  {shown(line.text)}"
                           for what, line in _ends(block))
        if self.unplaced:
            out.append(self.unplaced_title() + ":")
            out.extend(f"  {unplaced_line(u, self.unit)}" for u in self.unplaced)
        if self.footnotes:
            out.append(f"Footnotes (kept apart from the action text): "
                       f"{count_of(len(self.footnotes), 'footnote')}")
        out.extend(f"warning: {w}" for w in self.warnings)
        return out


def _ends(block: SectionPreview) -> list[tuple[str, LinePreview]]:
    if block.count == 1:
        return [("only ", block.first)]
    return [("first", block.first), ("last ", block.last)]


def unplaced_line(piece: UnplacedText, unit: str = "line") -> str:
    """'line 12: "the text" (why)' ('paragraph 12' in a PDF or Word file)."""
    reason = f" ({piece.reason})" if piece.reason else ""
    return f"{unit} {piece.line}: {' '.join(piece.text.split())!r}{reason}"


def _block(number: str, title: str, line: int,
           lines: Sequence[LinePreview]) -> SectionPreview | None:
    if not lines:
        return None
    return SectionPreview(number, title, line, len(lines), lines[0], lines[-1])


def preview_plan(parsed: ParsedPlan, source: str = "", warnings: Sequence[str] = (),
                 unit: str = "line") -> PlanPreview:
    """The preview of a parsed plan (nothing is stored)."""
    by_owner: dict[int, list[LinePreview]] = {}
    for ref, _part, _section, action in parsed.action_lines():
        by_owner.setdefault(id(action), []).append(LinePreview(ref, action.text, action.line))
    lines_of = {key: found[0] for key, found in by_owner.items()}

    def refs(actions: tuple[ParsedAction, ...]) -> list[LinePreview]:
        return [lines_of[id(a)] for a in actions if id(a) in lines_of]

    parts = []
    for part in parsed.parts:
        sections = tuple(b for s in part.sections
                         if (b := _block(s.number, s.title, s.line, refs(s.actions))))
        own = _block("", "", part.line, refs(part.actions))
        count = sum(s.count for s in sections) + (own.count if own else 0)
        parts.append(PartPreview(part.label, part.title, part.line, count, sections, own))
    known = styles()
    return PlanPreview(source, parsed.title, parsed.style, known.get(parsed.style, ""),
                       tuple(parts), parsed.preamble, tuple(parsed.unplaced),
                       tuple(parsed.footnotes), tuple(warnings), unit)


def check_style(style: str | None) -> str | None:
    """`style` if the parser knows it (None: detect); InputError naming the known ones."""
    if style is None:
        return None
    known = styles()
    key = style.strip().lower()
    if key not in known:
        choices = ", ".join(f"{k} ({v})" for k, v in known.items())
        raise InputError(f"unknown plan style {style!r}; the styles are: {choices}")
    return key


def read_preview(path: Path, style: str | None = None) -> tuple[ParsedPlan, PlanPreview]:
    """Read and parse the plan in `path` (`style` forces a numbering style; None detects it)
    and its preview; nothing is stored. A file that cannot be read is one InputError line."""
    from app.interchange.plan_text import read_plan

    style = check_style(style)
    warnings: list[str] = []
    parsed = read_plan(path, warnings, style)
    unit = "paragraph" if path.suffix.lower() in (".pdf", ".docx") else "line"
    return parsed, preview_plan(parsed, path.name, warnings, unit)

