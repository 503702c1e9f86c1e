"""JSON Lines files: split at line breaks by byte range, each range read with pyarrow.

When pyarrow cannot read a range as one table (a line that is not JSON, a field whose type
changes, blank lines that would shift the numbering) that piece is read line by line with
``json``, so the line at fault is named and the others are still audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vblint.audit.pieces import Columns, Piece, Record, RecordStream, note_text, value_text
from vblint.audit.sources.problems import FileError, missing
from vblint.audit.sources.scan import byte_pieces, mapped, split

BLOCK_BYTES = 1 << 20


def plan(path: str, number: int, columns: Columns, piece_notes: int) -> list[Piece]:
    """Pieces of about ``piece_notes`` lines; the first line is read to check the columns."""
    with mapped(path) as data:
        first = bytes(data[: data.find(b"\n") if data.find(b"\n") >= 0 else len(data)])
        if first.strip():
            try:
                obj = json.loads(first)
            except (ValueError, UnicodeDecodeError):
                raise FileError("not JSON Lines (the first line is not JSON)") from None
            if not isinstance(obj, dict):
                raise FileError("not JSON Lines (the first line is not a JSON object)")
            problem = missing(columns, obj)
            if problem:
                raise FileError(problem)
        ranges = split(data, 0, piece_notes, quoted=False)
    return byte_pieces("jsonl", path, number, columns, ranges)


def read(piece: Piece, limit: int) -> RecordStream:
    """The piece's records, one per line (a blank line is a record with neither text nor fault)."""
    with Path(piece.location).open("rb") as handle:
        handle.seek(piece.start)
        raw = handle.read(piece.stop - piece.start)
    lines = raw.count(b"\n") + (1 if raw and not raw.endswith(b"\n") else 0)
    rows = _with_pyarrow(raw, piece, lines)
    return _records(rows if rows is not None else _line_by_line(raw), piece, limit)


Row = dict[str, Any] | str | None  # values, a problem phrase, or a blank line


def _with_pyarrow(raw: bytes, piece: Piece, lines: int) -> list[Row] | None:
    import pyarrow as pa
    from pyarrow import json as pajson

    try:
        table = pajson.read_json(
            pa.py_buffer(raw),
            read_options=pajson.ReadOptions(use_threads=False, block_size=BLOCK_BYTES),
        )
    except (pa.ArrowException, ValueError):
        return None
    if table.num_rows != lines:
        return None
    present = set(table.column_names)
    values = {
        c: table.column(c).to_pylist() if c in present else [None] * table.num_rows
        for c in piece.columns.needed
    }
    return [{c: values[c][i] for c in values} for i in range(table.num_rows)]


def _line_by_line(raw: bytes) -> list[Row]:
    rows: list[Row] = []
    for line in raw.split(b"\n"):
        if not line.strip():
            rows.append(None)
            continue
        try:
            obj = json.loads(line)
        except UnicodeDecodeError:
            rows.append("not UTF-8 text")
            continue
        except ValueError:
            rows.append("malformed line (not JSON)")
            continue
        rows.append(obj if isinstance(obj, dict) else "malformed line (not a JSON object)")
    if raw.endswith(b"\n"):
        rows.pop()  # the split's empty tail after the last line break is not a line
    return rows


def _records(rows: list[Row], piece: Piece, limit: int) -> Iterator[Record]:
    cols = piece.columns
    for number, row in enumerate(rows):
        if row is None:
            yield Record(number, None)
            continue
        if isinstance(row, str):
            yield Record(number, None, problem=row)
            continue
        text, problem = note_text(row.get(cols.text), limit)
        date = row.get(cols.date) if cols.date else None
        yield Record(
            number,
            text,
            group=tuple(value_text(row.get(c)) for c in cols.group_by),
            date=None if date is None or date == "" else date,
            record_id=value_text(row.get(cols.id)) if cols.id else None,
            problem=problem,
        )
