"""A plan as published (.pdf, .docx or .txt), added beside the plans already in the database
(`poadesk import plan FILE`, File > Import Plan...)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InputError
from app.interchange.plan_files import read_plan_source
from app.plan_parser import ParsedPlan, PlanParseError, check_placed, parse_plan
from app.values import PlanInfo

if TYPE_CHECKING:
    from app.service import Desk


def read_plan(path: Path, warnings: list[str] | None = None,
              style: str | None = None) -> ParsedPlan:
    """Read and parse a plan file (to preview it): .pdf, .docx or .txt, told by its content;
    `style` forces a numbering style (None: detected). InputError (one line, naming the line
    of a text or the paragraph of a PDF or Word file) if it cannot be read; the text that
    could not be placed is in `unplaced` (import_plan refuses it); the text the text gate
    cleaned is named in `warnings`. The file's footnotes come back in `footnotes`."""
    source = read_plan_source(path, warnings)
    try:
        parsed = parse_plan(source.text, style)
    except PlanParseError as exc:
        # a PDF's or Word file's paragraphs are every other line of its text
        where = (str(path) if not exc.line else f"{path}, line {exc.line}" if source.kind == "txt"
                 else f"{path}, paragraph {(exc.line + 1) // 2}")
        raise InputError(f"{where}: {exc.message}") from None
    if source.footnotes:
        parsed = dataclasses.replace(parsed, footnotes=(*parsed.footnotes, *source.footnotes))
    return parsed


def add_plan(desk: Desk, parsed: ParsedPlan, source_name: str, *,
             allow_unplaced: bool = False) -> PlanInfo:
    """Add a plan already read (and shown to the user); a backup is taken first. Text that
    could not be placed is refused unless `allow_unplaced` (the user chose to leave it out)."""
    with desk.transaction(f"plan import from {source_name}", backup="before-import"):
        return desk.plan.add(parsed, source_name=source_name, allow_unplaced=allow_unplaced)


def import_plan(desk: Desk, path: Path, warnings: list[str] | None = None) -> PlanInfo:
    """Add the plan in `path` beside the others; one transaction; refused (InputError) if any
    of its text cannot be placed. The text the text gate cleaned is named in `warnings`."""
    parsed = read_plan(path, warnings)
    check_placed(parsed, str(path))
    return add_plan(desk, parsed, path.name)
