"""The record of each implementation matrix sent out (`desk.matrix_exports`): the database's
own memory of what a matrix showed, so that nothing a file says about itself is trusted when
it comes back (app.interchange.matrix_xlsx).

An export gets a random id, and each action line a random version stamp; the file's hidden
sheet carries only those. Kept here per line: the stamp, the status shown and a digest of the
notes shown (never their text: a note is kept once, in its action line).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from app.clock import now
from app.models.matrix_exports import MatrixExport, MatrixExportLine
from app.store.session import Store

TOKEN_LENGTH = 32  # hex digits of an export id


@dataclass(frozen=True, slots=True)
class ExportedLine:
    """What one action line was in the file when it was exported."""

    stamp: str
    status: str  # its code
    notes_digest: str


@dataclass(frozen=True, slots=True)
class MatrixExportRecord:
    token: str  # the export id written in the file
    plan_id: int
    sheet: str  # the matrix sheet's title
    columns: tuple[str, ...]  # the fields the file showed, e.g. ("status", "notes")
    lines: Mapping[int, ExportedLine]  # by action line id


class MatrixExports:
    def __init__(self, store: Store) -> None:
        self._store = store

    def record(self, plan_id: int, sheet: str, columns: tuple[str, ...],
               lines: Mapping[int, tuple[str, str]]) -> MatrixExportRecord:
        """Keep a new export: `lines` maps each action line id to (status code, notes
        digest) as the file shows them. Returns the record with its new id and stamps."""
        token = secrets.token_hex(TOKEN_LENGTH // 2)
        kept = {aid: ExportedLine(secrets.token_hex(8), status, digest)
                for aid, (status, digest) in lines.items()}
        with self._store.write() as s:
            export = MatrixExport(token=token, plan_id=plan_id, at=now(),
                                  who=self._store.who.user[:120], sheet=sheet,
                                  columns=",".join(columns))
            s.add(export)
            s.flush()
            s.add_all(MatrixExportLine(export_id=export.id, action_line_id=aid,
                                       stamp=line.stamp, status=line.status,
                                       notes_digest=line.notes_digest)
                      for aid, line in kept.items())
        return MatrixExportRecord(token, plan_id, sheet, columns, kept)

    def find(self, token: str) -> MatrixExportRecord | None:
        """The export with this id, or None if this database made no such export."""
        if not isinstance(token, str) or len(token) != TOKEN_LENGTH:
            return None
        with self._store.read() as s:
            export = s.scalar(select(MatrixExport).where(MatrixExport.token == token))
            if export is None:
                return None
            lines = {row.action_line_id: ExportedLine(row.stamp, row.status, row.notes_digest)
                     for row in s.scalars(select(MatrixExportLine).where(
                         MatrixExportLine.export_id == export.id))}
            return MatrixExportRecord(export.token, export.plan_id, export.sheet,
                                      tuple(c for c in export.columns.split(",") if c), lines)
