"""Parquet files: one piece per row group, streamed in batches of only the columns needed."""

from __future__ import annotations

from collections.abc import Iterator

from vblint.audit.pieces import Columns, Piece, Record, RecordStream, note_text, value_text
from vblint.audit.sources.problems import FileError, missing

BATCH_ROWS = 256


def plan(path: str, number: int, columns: Columns) -> list[Piece]:
    """A piece per row group, with the rows before it, from the file's footer alone."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except (pa.ArrowException, ValueError):
        raise FileError("not a Parquet file") from None
    problem = missing(columns, meta.schema.names)
    if problem:
        raise FileError(problem)
    pieces, base = [], 0
    for group in range(meta.num_row_groups):
        rows = meta.row_group(group).num_rows
        pieces.append(
            Piece(
                index=0,
                kind="parquet",
                location=path,
                file=number,
                seq=group,
                columns=columns,
                start=group,
                row_base=base,
                weight=rows,
                label=path,
            )
        )
        base += rows
    return pieces


def read(piece: Piece, limit: int) -> RecordStream:
    """The row group's records, a batch of rows at a time."""
    import pyarrow.parquet as pq

    cols = piece.columns
    needed = list(cols.needed)
    return _records(
        pq.ParquetFile(piece.location).iter_batches(
            batch_size=BATCH_ROWS, row_groups=[piece.start], columns=needed, use_threads=False
        ),
        cols,
        limit,
    )


def _records(batches: Iterator[object], cols: Columns, limit: int) -> Iterator[Record]:
    number = 0
    for batch in batches:
        values = {c: batch.column(c).to_pylist() for c in cols.needed}  # type: ignore[attr-defined]
        for i in range(len(values[cols.text])):
            text, problem = note_text(values[cols.text][i], limit)
            yield Record(
                number,
                text,
                group=tuple(value_text(values[c][i]) for c in cols.group_by),
                date=values[cols.date][i] if cols.date else None,
                record_id=value_text(values[cols.id][i]) if cols.id else None,
                problem=problem,
            )
            number += 1
