"""One checker for untrusted input (the JSON backup's blocks alike): typed access that says
where, and every problem collected before anything is refused.

    check = Checker()
    for index, raw in enumerate(items, start=1):
        with check.at(f"meeting {index}"):     # a problem here is noted, and the loop goes on
            ...check.str_(d, "title")...
    check.refuse_if_any("som.json")            # ImportRefused naming every problem
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from app.clock import from_iso
from app.errors import ImportRefused, InputError
from app.text_clean import gate


class Checker:
    """Typed access to untrusted JSON with error messages that say where."""

    def __init__(self) -> None:
        self.where: list[str] = []
        self.problems: list[str] = []
        self.warnings: list[str] = []  # texts the gate had to clean, naming where

    def fail(self, message: str) -> InputError:
        return InputError(f"{' > '.join(self.where)}: {message}" if self.where else message)

    @contextmanager
    def at(self, *where: str) -> Iterator[None]:
        """Check one item: a problem inside is noted (with where it is) and skipped."""
        saved = self.where
        self.where = [*saved, *where]
        try:
            yield
        except ImportRefused as exc:
            self.problems.extend(exc.problems)
        except InputError as exc:
            text = str(exc)
            prefix = " > ".join(self.where)
            self.problems.append(text if not prefix or text.startswith(prefix)
                                 else f"{prefix}: {text}")
        finally:
            self.where = saved

    def note(self, message: str) -> None:
        self.problems.append(str(self.fail(message)))

    def refuse_if_any(self, source: str) -> None:
        if self.problems:
            raise ImportRefused(source, self.problems)

    def obj(self, value: Any, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{what} must be an object")
        return value

    def list_(self, value: Any, what: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(f"{what} must be a list")
        return value

    def str_(self, d: dict[str, Any], key: str, default: str | None = None) -> str:
        value = d.get(key, default)
        if not isinstance(value, str):
            raise self.fail(f"\"{key}\" must be text")
        where = " > ".join([*self.where, f'"{key}"'])
        text, warning = gate(value, where)  # the one text gate (app.text_clean)
        if warning and warning not in self.warnings:
            self.warnings.append(warning)
        return text

    def bool_(self, d: dict[str, Any], key: str, default: bool | None = None) -> bool:
        value = d.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"\"{key}\" must be true or false")
        return value

    def day(self, d: dict[str, Any], key: str) -> date | None:
        """A date written as YYYY-MM-DD, or None when absent, null or empty."""
        value = d.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(f'"{key}" must be YYYY-MM-DD or null, not {value!r}'[:200])

    def stamp(self, d: dict[str, Any], key: str = "updated_at") -> Any:
        """A timestamp written by app.clock.to_iso, or None when absent or empty."""
        value = d.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.fail(f"\"{key}\" must be a date and time in text, not {value!r}")
        try:
            return from_iso(value)
        except InputError as exc:
            raise self.fail(str(exc)) from None
