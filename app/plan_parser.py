"""Parse a plan-of-action text into parts, sections and action lines (`app.plan_text`), and
read a plan text file.

The parser reads every numbering style in `STYLES` (the ASEAN-EU plan's own is "asean-eu")::

    <title>
    <preamble paragraphs>
    1. PART TITLE
    1.1. Section title
    - a) Action text ...
    <blank line>
    continuation of the action after a page break
    5. PART WITHOUT SECTIONS
    - a) Part-level action ...

What it cannot place is returned in `ParsedPlan.unplaced` (line, text, reason), never guessed;
a file whose plan has unplaced text is refused unless the caller accepts leaving it out.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import InputError
from app.limits import read_input_bytes
from app.plan_text import (
    STYLES,
    ParsedAction,
    ParsedPart,
    ParsedPlan,
    ParsedSection,
    PlanParseError,
    UnplacedText,
    action_ref,
    first_problem,
    join_continuation,
    parse_plan,
)
from app.text_clean import REMOVED, clean_text

__all__ = [
    "STYLES", "ParsedAction", "ParsedPart", "ParsedPlan", "ParsedSection", "PlanParseError",
    "UnplacedText", "action_ref", "check_placed", "join_continuation", "parse_plan",
    "parse_plan_text", "read_plan_file",
]


def check_placed(parsed: ParsedPlan, where: str) -> None:
    """InputError naming the first piece of text the plan could not place (`where`: the file),
    and how many more there are."""
    if not parsed.unplaced:
        return
    more = len(parsed.unplaced) - 1
    tail = (f" (and {more} more piece{'s' if more > 1 else ''} of text that could not be "
            "placed; see --dry-run)") if more else ""
    raise InputError(f"{where}, {first_problem(parsed)}{tail}")


def parse_plan_text(text: str, where: str, *, style: str | None = None,
                    allow_unplaced: bool = False) -> ParsedPlan:
    """`parse_plan` for text read from a file (`where`: its name in messages): any problem
    is one InputError line; unplaced text is refused unless `allow_unplaced`."""
    try:
        parsed = parse_plan(text, style)
    except PlanParseError as exc:
        raise InputError(f"{where}, line {exc.line}: {exc.message}" if exc.line
                         else f"{where}: {exc.message}") from None
    if not allow_unplaced:
        check_placed(parsed, where)
    return parsed


def read_plan_file(path: Path, warnings: list[str] | None = None, *, style: str | None = None,
                   allow_unplaced: bool = False) -> ParsedPlan:
    """Read and parse a plan text file (a regular file within the size limit); any problem
    becomes one InputError line. Every line passes the text gate (app.text_clean): the lines
    it had to clean are added to `warnings`. `style` forces a numbering style (a key of
    STYLES); text that cannot be placed is refused unless `allow_unplaced` (a preview wants
    to show it: `ParsedPlan.unplaced`)."""
    raw = read_input_bytes(path, "plan")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not a UTF-8 text file (is it a Word or PDF file?)") from None
    if "\x00" in text:
        raise InputError(f"{path}: this is a binary file, not a plan text")
    text, cleaned = clean_text(text)
    if cleaned and warnings is not None:
        dirty = [n for n, line in enumerate(raw.decode("utf-8-sig").split("\n"), start=1)
                 if clean_text(line)[1]]
        shown = ", ".join(str(n) for n in dirty[:10]) + (", ..." if len(dirty) > 10 else "")
        warnings.append(f"{path.name}, line{'s' if len(dirty) > 1 else ''} {shown}: {REMOVED}")
    return parse_plan_text(text, str(path), style=style, allow_unplaced=allow_unplaced)
