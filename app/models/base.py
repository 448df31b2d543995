"""Declarative base with a naming convention, so migrations can name every constraint."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Session

from app.errors import NotFoundError

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


ModelT = TypeVar("ModelT", bound=Base)


def fetch(session: Session, model: type[ModelT], ident: int, what: str) -> ModelT:
    """The row with primary key `ident`, or NotFoundError("no <what> with id <ident>")."""
    if not -(2**63) <= ident < 2**63:  # more than the database can hold: no such row
        raise NotFoundError(f"no {what} with id {ident}")
    row = session.get(model, ident)
    if row is None:
        raise NotFoundError(f"no {what} with id {ident}")
    return row
