"""Invented record archives for the audit tests, written as CSV, JSON Lines, Parquet and SQL.

Notes mix ordinary recording with wording vblint flags, quoted speech (reported as info), a
suppression directive, line breaks, commas, quotes and non-ASCII letters, so every reader and
every counting path is exercised. The same seed always gives the same archive.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

TEAMS = ("North", "South", "East")
PLAIN = (
    "Home visit at 10:00; Mum let me in and the house was warm.",
    "{n} said school is going better and the maths teacher is helping.",
    "A referral was made to the exploitation panel on the same day.",
    "The DSL spoke to Dad at pick-up about the missed homework.",
    "{n} showed me the bedroom, which has a new bed and a desk.",
    "Zoë's aunt, who lives nearby, says she will help with school runs.",
)
FLAGGED = (
    "{n} put herself at risk by meeting them at the station.",
    "{n} should not have sent the images to the man.",
    "{n} has a boyfriend who is 24.",
    "Staff think it is attention seeking.",
    "{n} absconded from placement at 23:10.",
    "Officers found child pornography on the laptop.",
)
QUOTED = '{n} said: "I put myself at risk, it was my fault."'
DIRECTIVE = "vblint: disable-next-line VB101\n{n} put herself at risk by going out."
NAMES = ("Maya", "Leah", "Ruby", "Amira", "Chloe", "Zara")


def note(r: random.Random, sentinel: str = "") -> str:
    """One note of two to five sentences, sometimes over two paragraphs."""
    name = r.choice(NAMES)
    parts = [r.choice(PLAIN).format(n=name) for _ in range(r.randint(1, 3))]
    roll = r.random()
    if roll < 0.35:
        parts.insert(r.randrange(len(parts) + 1), r.choice(FLAGGED).format(n=name))
    elif roll < 0.45:
        parts.append(QUOTED.format(n=name))
    elif roll < 0.5:
        parts.append(DIRECTIVE.format(n=name))
    if sentinel:
        parts.append(f"Ref {sentinel}.")
    text = " ".join(parts)
    if r.random() < 0.2:
        text = text.replace(". ", ".\n\n", 1)
    return text


def rows(count: int, seed: int = 11, sentinel: str = "") -> list[dict[str, Any]]:
    """``count`` records: id, team, date (2023 and 2024) and note."""
    r = random.Random(seed)
    out = []
    for i in range(count):
        year = 2023 + (i % 2)
        out.append(
            {
                "id": f"N{i:05d}",
                "team": r.choice(TEAMS),
                "date": f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
                "note": note(r, sentinel),
            }
        )
    return out


def write_csv(path: Path, records: list[dict[str, Any]]) -> Path:
    """A CSV with a header row, values quoted where needed (line breaks stay inside)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return path


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    """One JSON object per line."""
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_parquet(path: Path, records: list[dict[str, Any]], row_group: int = 40) -> Path:
    """A Parquet file with several row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(records)
    pq.write_table(table, path, row_group_size=row_group)
    return path


def write_sql(url: str, records: list[dict[str, Any]], table: str = "notes") -> str:
    """A table with an integer primary key, through SQLAlchemy (SQLite or PostgreSQL)."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    meta = sa.MetaData()
    notes = sa.Table(
        table,
        meta,
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("id", sa.String(20)),
        sa.Column("team", sa.String(20)),
        sa.Column("date", sa.String(10)),
        sa.Column("note", sa.Text),
    )
    meta.drop_all(engine)
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(notes.insert(), [{"pk": i + 1, **rec} for i, rec in enumerate(records)])
    engine.dispose()
    return url


def write_texts(folder: Path, records: list[dict[str, Any]]) -> Path:
    """Each note as its own .txt file named by id, for ``vblint check``."""
    folder.mkdir(parents=True, exist_ok=True)
    for record in records:
        (folder / f"{record['id']}.txt").write_text(record["note"], encoding="utf-8")
    return folder
