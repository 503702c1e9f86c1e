"""CSV files: split at record boundaries by byte range, each range read with pyarrow.

A row pyarrow cannot fit to the header (too few or too many fields) sends that one piece to
Python's ``csv`` reader instead, which numbers every row, so the bad row is named exactly.
Values are read as bytes and decoded per value, so one bad byte spoils one row, not a piece.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vblint.audit.pieces import Columns, Piece, Record, RecordStream, note_text, value_text
from vblint.audit.sources.problems import FileError, missing
from vblint.audit.sources.scan import Scanner, byte_pieces, mapped, split

BLOCK_BYTES = 1 << 20


def plan(path: str, number: int, columns: Columns, piece_notes: int) -> list[Piece]:
    """Pieces of about ``piece_notes`` rows; the header is read here, once."""
    with mapped(path) as data:
        if not data:
            raise FileError("empty file (no header row)")
        header_end = Scanner(data).record_end(0)
        header = _header(bytes(data[:header_end]))
        problem = missing(columns, header)
        if problem:
            raise FileError(problem)
        ranges = split(data, header_end, piece_notes, quoted=True)
    return byte_pieces("csv", path, number, columns, ranges, header)


def _header(raw: bytes) -> tuple[str, ...]:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileError("header row is not UTF-8 text") from None
    try:
        names = next(csv.reader([line.rstrip("\r\n")]), [])
    except csv.Error:
        raise FileError("header row is not valid CSV") from None
    return tuple(n.strip() for n in names)


def read(piece: Piece, limit: int) -> RecordStream:
    """The piece's records: pyarrow when every row fits the header, else Python's reader."""
    with Path(piece.location).open("rb") as handle:
        handle.seek(piece.start)
        raw = handle.read(piece.stop - piece.start)
    rows = _with_pyarrow(raw, piece)
    if rows is None:
        rows = _with_csv_module(raw, piece)
    return _records(rows, piece, limit)


Row = dict[str, Any] | str  # the values by column, or a problem phrase


def _with_pyarrow(raw: bytes, piece: Piece) -> list[Row] | None:
    import pyarrow as pa
    from pyarrow import csv as pacsv

    bad: list[int] = []

    def invalid(row: Any) -> str:
        bad.append(1)  # the row itself (and its text) is never looked at
        return "skip"

    needed = list(piece.columns.needed)
    try:
        reader = pacsv.open_csv(
            pa.py_buffer(raw),
            read_options=pacsv.ReadOptions(
                column_names=list(piece.header), use_threads=False, block_size=BLOCK_BYTES
            ),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=invalid),
            convert_options=pacsv.ConvertOptions(
                include_columns=needed,
                column_types={c: pa.binary() for c in needed},
                strings_can_be_null=False,
            ),
        )
        rows: list[Row] = []
        for batch in reader:
            values = {c: batch.column(c).to_pylist() for c in needed}
            rows.extend({c: values[c][i] for c in needed} for i in range(batch.num_rows))
    except (pa.ArrowException, ValueError):
        return None
    return None if bad else rows


def _with_csv_module(raw: bytes, piece: Piece) -> list[Row]:
    text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="surrogateescape", newline="")
    width = len(piece.header)
    rows: list[Row] = []
    reader = csv.reader(text)
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error:
            rows.append("malformed row (not valid CSV)")
            break
        if not fields:
            continue
        if len(fields) != width:
            rows.append(f"malformed row ({width} fields expected, {len(fields)} found)")
            continue
        rows.append({c: _reencode(v) for c, v in zip(piece.header, fields, strict=True)})
    return rows


def _reencode(value: str) -> bytes:
    return value.encode("utf-8", errors="surrogateescape")


def _records(rows: list[Row], piece: Piece, limit: int) -> Iterator[Record]:
    cols = piece.columns
    for number, row in enumerate(rows):
        if isinstance(row, str):
            yield Record(number, None, problem=row)
            continue
        text, problem = note_text(row[cols.text], limit)
        yield Record(
            number,
            text,
            group=tuple(value_text(row[c]) for c in cols.group_by),
            date=_decoded(row[cols.date]) if cols.date else None,
            record_id=value_text(row[cols.id]) if cols.id else None,
            problem=problem,
        )


def _decoded(value: bytes | None) -> str | None:
    if value is None:
        return None
    text = value.decode("utf-8", errors="replace").strip()
    return text or None
