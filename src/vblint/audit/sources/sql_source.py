"""Databases through SQLAlchemy: a table or query split into key ranges of equal size.

Planning asks the database for the key at every ``piece_notes``-th row (``NTILE``, which
SQLite and PostgreSQL both have); each task reads one key range, streamed. The URL may come
from ``VBLINT_SQL_URL`` so a password stays out of the command line, the task arguments and
the checkpoint (workers then read the same variable).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from typing import Any

from vblint.audit.pieces import Columns, Piece, Record, RecordStream, note_text, value_text
from vblint.audit.sources.plan import Plan, PlanError, Problem, missing

URL_ENV = "VBLINT_SQL_URL"
FROM_ENV = "$" + URL_ENV
STREAM_ROWS = 500
_ENGINES: dict[str, Any] = {}


def resolve_url(location: str) -> str:
    """The URL a piece names, reading ``VBLINT_SQL_URL`` when it says so."""
    if location != FROM_ENV:
        return location
    url = os.environ.get(URL_ENV)
    if not url:
        raise PlanError(f"{URL_ENV} is not set")
    return url


def engine_for(location: str) -> Any:
    """One engine per URL per process; ``postgresql://`` uses psycopg when psycopg2 is absent."""
    if location not in _ENGINES:
        import sqlalchemy as sa
        from sqlalchemy.pool import NullPool

        url = sa.make_url(resolve_url(location))
        if url.drivername == "postgresql" and not _has("psycopg2"):
            url = url.set(drivername="postgresql+psycopg")
        _ENGINES[location] = sa.create_engine(url, poolclass=NullPool)
    return _ENGINES[location]


def shown(location: str) -> str:
    """The URL for messages, without its password."""
    import sqlalchemy as sa

    try:
        return sa.make_url(resolve_url(location)).render_as_string(hide_password=True)
    except (PlanError, sa.exc.ArgumentError):
        return "the database URL"


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _source(piece_or_args: tuple[str | None, str | None], names: tuple[str, ...]) -> Any:
    """The table or query as something to select from, named columns only."""
    import sqlalchemy as sa

    table, query = piece_or_args
    if query is not None:
        return sa.text(query).columns(*(sa.column(n) for n in names)).subquery("vblint_q")
    assert table is not None
    schema, _, name = table.rpartition(".")
    return sa.table(name, *(sa.column(n) for n in names), schema=schema or None)


def plan(
    location: str,
    table: str | None,
    query: str | None,
    key: str | None,
    columns: Columns,
    piece_notes: int,
) -> Plan:
    """Key-range pieces of about ``piece_notes`` rows each; rows with no key are a problem."""
    import sqlalchemy as sa

    label = f"table {table}" if table else "query"
    try:
        engine = engine_for(location)
        with engine.connect() as conn:
            present = _columns(conn, table, query)
            problem = missing(columns, present)
            if problem:
                raise PlanError(f"{label}: {problem}")
            key = key or _primary_key(engine, table)
            if key not in present:
                raise PlanError(f"{label}: missing key column '{key}'")
            src = _source((table, query), tuple(dict.fromkeys((*columns.needed, key))))
            k = src.c[key]
            count = conn.execute(
                sa.select(sa.func.count()).select_from(src).where(k.is_not(None))
            ).scalar_one()
            nulls = conn.execute(
                sa.select(sa.func.count()).select_from(src).where(k.is_(None))
            ).scalar_one()
            bounds = _bounds(conn, src, k, math.ceil(count / max(piece_notes, 1)))
    except sa.exc.SQLAlchemyError as exc:
        raise PlanError(f"{shown(location)}: {_reason(exc)}") from None
    out = Plan()
    if nulls:
        out.problems.append(Problem(label, f"rows with no '{key}' were not audited", rows=nulls))
    for seq, (low, high, rows) in enumerate(bounds):
        out.pieces.append(
            Piece(
                index=seq,
                kind="sql",
                location=location,
                file=0,
                seq=seq,
                columns=columns,
                low=low,
                high=high,
                key=key,
                table=table,
                query=query,
                weight=rows,
                label=label,
            )
        )
    return out


def _reason(exc: Exception) -> str:
    """A database error in one line: the driver's first line for a connection, else its kind."""
    import sqlalchemy as sa

    orig = getattr(exc, "orig", None)
    if isinstance(exc, sa.exc.OperationalError) and orig is not None:
        first = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
        return f"cannot connect or query ({first[:200]})" if first else "cannot connect or query"
    if isinstance(exc, sa.exc.NoSuchTableError):
        return "no such table"
    return f"database error ({(orig or exc).__class__.__name__})"


def _columns(conn: Any, table: str | None, query: str | None) -> list[str]:
    import sqlalchemy as sa

    if query is not None:
        result = conn.execute(sa.text(f"SELECT * FROM ({query}) AS vblint_q WHERE 1 = 0"))
        return list(result.keys())
    assert table is not None
    schema, _, name = table.rpartition(".")
    inspector = sa.inspect(conn)
    if not inspector.has_table(name, schema=schema or None):
        raise PlanError(f"table {table}: no such table")
    return [c["name"] for c in inspector.get_columns(name, schema=schema or None)]


def _primary_key(engine: Any, table: str | None) -> str:
    import sqlalchemy as sa

    if table is not None:
        schema, _, name = table.rpartition(".")
        keys = sa.inspect(engine).get_pk_constraint(name, schema=schema or None)
        names = keys.get("constrained_columns") or []
        if len(names) == 1:
            return str(names[0])
    raise PlanError("give --key COLUMN: a unique, sortable column to split the rows by")


def _bounds(conn: Any, src: Any, k: Any, pieces: int) -> list[tuple[Any, Any, int]]:
    """(low, high, rows) per piece: ``low <= key < high``, None for an open end."""
    import sqlalchemy as sa

    if pieces <= 0:
        return []
    ranked = (
        sa.select(k.label("k"), sa.func.ntile(pieces).over(order_by=k).label("b"))
        .where(k.is_not(None))
        .subquery()
    )
    rows = conn.execute(
        sa.select(sa.func.min(ranked.c.k), sa.func.count())
        .group_by(ranked.c.b)
        .order_by(ranked.c.b)
    ).all()
    lows = [r[0] for r in rows]
    return [
        (None if i == 0 else lows[i], lows[i + 1] if i + 1 < len(lows) else None, int(r[1]))
        for i, r in enumerate(rows)
    ]


def read(piece: Piece, limit: int) -> RecordStream:
    """The rows of one key range in key order, fetched a few hundred at a time."""
    import sqlalchemy as sa

    assert piece.key is not None
    cols = piece.columns
    names = tuple(dict.fromkeys((*cols.needed, piece.key)))
    src = _source((piece.table, piece.query), names)
    k = src.c[piece.key]
    stmt = sa.select(*(src.c[n] for n in names)).order_by(k)
    if piece.low is not None:
        stmt = stmt.where(k >= piece.low)
    if piece.high is not None:
        stmt = stmt.where(k < piece.high)
    stmt = stmt.where(k.is_not(None))
    return _records(engine_for(piece.location), stmt, names, piece, limit)


def _records(
    engine: Any, stmt: Any, names: tuple[str, ...], piece: Piece, limit: int
) -> Iterator[Record]:
    cols = piece.columns
    index = {n: i for i, n in enumerate(names)}
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=STREAM_ROWS).execute(stmt)
        for number, row in enumerate(result):
            text, problem = note_text(row[index[cols.text]], limit)
            yield Record(
                number,
                text,
                group=tuple(value_text(row[index[c]]) for c in cols.group_by),
                date=row[index[cols.date]] if cols.date else None,
                record_id=value_text(row[index[cols.id]]) if cols.id else None,
                key=row[index[piece.key or ""]],
                problem=problem,
            )
