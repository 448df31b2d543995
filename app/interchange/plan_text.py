"""A plan text in the plan's numbered style, added beside the plans already in the database
(`poadesk import plan FILE.txt`, File > Import Plan Text...)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.plan_parser import ParsedPlan, read_plan_file
from app.values import PlanInfo

if TYPE_CHECKING:
    from app.service import Desk


def read_plan(path: Path, warnings: list[str] | None = None) -> ParsedPlan:
    """Read and parse a plan text (to preview it); InputError naming the line if it is off.
    The lines the text gate cleaned are named in `warnings`."""
    return read_plan_file(path, warnings)


def add_plan(desk: Desk, parsed: ParsedPlan, source_name: str) -> PlanInfo:
    """Add a plan already read (and shown to the user); a backup is taken first."""
    with desk.transaction(f"plan import from {source_name}", backup="before-import"):
        return desk.plan.add(parsed, source_name=source_name)


def import_plan(desk: Desk, path: Path, warnings: list[str] | None = None) -> PlanInfo:
    """Add the plan in `path` beside the others; one transaction. The lines the text gate
    cleaned are named in `warnings`."""
    return add_plan(desk, read_plan_file(path, warnings), path.name)
