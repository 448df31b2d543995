"""A plan text in the plan's numbered style, added beside the plans already in the database
(`poadesk import plan FILE.txt`, File > Import Plan Text...)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.plan_parser import ParsedPlan, read_plan_file
from app.values import PlanInfo

if TYPE_CHECKING:
    from app.service import Desk


def read_plan(path: Path) -> ParsedPlan:
    """Read and parse a plan text (to preview it); InputError naming the line if it is off."""
    return read_plan_file(path)


def import_plan(desk: Desk, path: Path) -> PlanInfo:
    """Add the plan in `path` beside the others; one transaction."""
    return desk.add_plan(read_plan_file(path), source_name=path.name)
