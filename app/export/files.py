"""Writing an export safely: the right extension, not open elsewhere, never half a file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import InputError
from app.text_clean import clean_text


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    warnings: tuple[str, ...] = ()
    # the words in capitals no glossary explains (their warning is among `warnings`): the
    # window offers to add them (Meeting > My Acronyms…) instead of showing the warning
    unexplained: tuple[str, ...] = ()

    def other_warnings(self) -> tuple[str, ...]:
        """The warnings but the one about `unexplained` acronyms."""
        said = acronym_warning(self.unexplained)
        return tuple(w for w in self.warnings if w not in said)


def acronym_warning(words: Sequence[str]) -> list[str]:
    """One warning naming the words in capitals the glossary does not explain (none: [])."""
    if not words:
        return []
    shown = ", ".join(words[:30]) + (f" and {len(words) - 30} more" if len(words) > 30 else "")
    return [f"acronyms with no expansion (not in the annex): {shown}; add them with "
            "poadesk acronyms add ABBR \"Expansion\""]


class Cleaner:
    """Cleans every string on its way into a file (app.text_clean, the one place) and
    remembers where it had to, so the user is told once per place."""

    def __init__(self) -> None:
        self.places: list[str] = []

    def __call__(self, value: str, where: str) -> str:
        cleaned, changed = clean_text(value)
        if changed:
            self.note(where)
        return cleaned

    def note(self, where: str) -> None:
        """Remember that text for `where` was cleaned (by a caller that called `clean_text`
        itself, to build the name of the place only when it has to)."""
        if where not in self.places:
            self.places.append(where)

    def warnings(self) -> list[str]:
        return [f"{where}: removed control characters Word and Excel reject"
                for where in self.places]


def check_target(target: Path, suffixes: Sequence[str], what: str) -> None:
    """InputError (one line) if `target` has the wrong extension, is a folder, is read-only
    or is open in Word or LibreOffice (their lock file sits beside it)."""
    if target.suffix.lower() not in suffixes:
        given = f"'{target.suffix}'" if target.suffix else "no extension"
        wanted = " or ".join(suffixes)
        raise InputError(f"{target.name}: {what} is written as {wanted} (got {given})")
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name ending in {suffixes[0]}")
    folder = target.parent
    locks = [folder / f".~lock.{target.name}#", folder / f"~${target.name}",
             folder / f"~${target.name[2:]}"]
    lock = next((p for p in locks if len(p.name) > 3 and p.is_file()), None)
    if lock is not None and target.exists():
        raise InputError(f"{target} is open in another program (lock file {lock.name}); close "
                         "it and try again, or delete the lock file if nothing has it open")
    if target.exists() and (not target.stat().st_mode & 0o222
                            or not os.access(target, os.W_OK)):
        raise InputError(f"{target} is read-only; choose another name or make it writable")
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write in folder {folder} (no permission)")
