"""Where notes come from: files (CSV, JSON Lines, Parquet) or a database through SQLAlchemy.

Planning (on the client) splits a source into :class:`~vblint.audit.pieces.Piece` objects
without reading note text; reading (in a task) turns one piece into records.
"""

from __future__ import annotations

from vblint.audit.pieces import Piece, RecordStream


def read_piece(piece: Piece, limit: int) -> RecordStream:
    """The records of one piece, whatever its kind."""
    if piece.kind == "csv":
        from vblint.audit.sources.csv_source import read

        return read(piece, limit)
    if piece.kind == "jsonl":
        from vblint.audit.sources.jsonl_source import read

        return read(piece, limit)
    if piece.kind == "parquet":
        from vblint.audit.sources.parquet_source import read

        return read(piece, limit)
    from vblint.audit.sources.sql_source import read

    return read(piece, limit)
