"""One audit from start to end: plan, resume, run the pieces, sum, build the report.

The command line is one caller; the benchmark and the tests call :func:`run_audit` directly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vblint import __version__
from vblint.audit.aggregate import Totals, combine
from vblint.audit.checkpoint import Checkpoint, fingerprint
from vblint.audit.compare import compare
from vblint.audit.counts import PieceResult
from vblint.audit.engine import SYNCHRONOUS, Engine, EngineOptions
from vblint.audit.periods import Period
from vblint.audit.pieces import Columns, SourceKind
from vblint.audit.settings import Asked, CheckSettings, resolve_settings
from vblint.audit.sources.plan import Plan, plan_files
from vblint.audit.tables import build
from vblint.audit.tasks import TaskOptions

MIN_CELL = 10


@dataclass(frozen=True)
class AuditSpec:
    """Everything an audit was asked to do."""

    columns: Columns
    sources: tuple[str, ...] = ()
    sql_url: str | None = None
    table: str | None = None
    query: str | None = None
    key: str | None = None
    input_format: SourceKind | None = None
    piece_notes: int = 1_000
    period: Period | None = None
    date_format: str | None = None
    min_cell: int = MIN_CELL
    compare: tuple[str, str] | None = None
    export_ids: bool = False
    checkpoint: Path | None = None
    engine: EngineOptions = field(default_factory=EngineOptions)
    asked: Asked = field(default_factory=Asked)


@dataclass
class Progress:
    """How far a run has got, for a progress bar."""

    done_weight: int = 0
    total_weight: int = 0
    notes: int = 0
    flagged: int = 0
    started: float = field(default_factory=time.perf_counter)


@dataclass
class AuditOutcome:
    """The report (plain data) and what it was built from."""

    report: dict[str, Any]
    totals: Totals
    settings: CheckSettings


def plan_source(spec: AuditSpec) -> Plan:
    """The pieces of the files or the database the spec names."""
    if spec.sql_url is not None:
        from vblint.audit.sources.sql_source import plan

        return plan(spec.sql_url, spec.table, spec.query, spec.key, spec.columns, spec.piece_notes)
    return plan_files(spec.sources, spec.columns, spec.input_format, spec.piece_notes)


def run_audit(
    spec: AuditSpec, on_progress: Callable[[Progress], None] | None = None
) -> AuditOutcome:
    """Audit the source; raises the planning, settings and checkpoint errors, nothing else."""
    started = time.perf_counter()
    anchor = Path(spec.sources[0]) if spec.sources else Path.cwd()
    settings = resolve_settings(spec.asked, anchor)
    plan = plan_source(spec)
    task = TaskOptions(settings, spec.period, spec.date_format, spec.export_ids)
    done: dict[int, PieceResult] = {}
    checkpoint = None
    if spec.checkpoint is not None:
        checkpoint = Checkpoint(spec.checkpoint, fingerprint(plan.pieces, task, plan.files))
        done = checkpoint.load()
    todo = [p for p in plan.pieces if p.index not in done]
    progress = Progress(total_weight=sum(p.weight for p in todo))
    weights = {p.index: p.weight for p in plan.pieces}
    finished: list[PieceResult] = []
    workers = 0
    if todo:  # everything already in the checkpoint: no cluster is started at all
        with Engine(spec.engine, task) as engine:
            for result in engine.results(todo):
                if checkpoint is not None:
                    checkpoint.save(result)
                finished.append(result)
                _advance(progress, result, weights[result.index])
                if on_progress is not None:
                    on_progress(progress)
            workers = engine.workers
    totals = combine(plan.pieces, [*done.values(), *finished], plan.problems)
    report = build(totals.cells, spec.columns.group_by, spec.period is not None, spec.min_cell)
    report["comparison"] = (
        compare(totals.cells, *spec.compare, spec.min_cell) if spec.compare else None
    )
    report["bad_input"] = {
        "rows": totals.not_audited,
        "by_reason": dict(totals.problem_counts.most_common()),
        "named": [{"where": p.where, "reason": p.reason} for p in totals.problems],
    }
    report["about"] = _about(spec, settings, plan)
    report["run"] = {
        "pieces": len(plan.pieces),
        "from_checkpoint": len(done),
        "engine": _engine_name(spec.engine),
        "workers": workers,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": sum(r.sample.cpu for r in finished),
        "memory": memory_by_quarter(finished),
        "pipeline_loads": _loads(finished),
    }
    return AuditOutcome(report, totals, settings)


def _advance(progress: Progress, result: PieceResult, weight: int) -> None:
    progress.done_weight += weight
    for cell in result.cells.values():
        progress.notes += cell.notes
        progress.flagged += cell.flagged


def _engine_name(options: EngineOptions) -> str:
    if options.scheduler == SYNCHRONOUS:
        return SYNCHRONOUS
    return "cluster" if options.scheduler else "local"


def _about(spec: AuditSpec, settings: CheckSettings, plan: Plan) -> dict[str, Any]:
    from vblint.rules import load_rules

    rules = load_rules([Path(p) for p in settings.packs])
    source = (
        {"kind": "sql", "table": spec.table, "query": spec.query is not None}
        if spec.sql_url is not None
        else {"kind": "files", "files": len(plan.files)}
    )
    return {
        "vblint": __version__,
        "rules_version": rules.version,
        "source": source,
        "text_column": spec.columns.text,
        "group_by": list(spec.columns.group_by),
        "date_column": spec.columns.date,
        "period": spec.period,
        "min_cell": spec.min_cell,
        "select": sorted(settings.options.select),
        "ignore": sorted(settings.options.ignore),
        "min_severity": settings.options.min_severity.value,
        "profile": settings.options.profile,
        "rule_names": {r.id: r.name for r in rules},
    }


def _loads(finished: list[PieceResult]) -> dict[str, int]:
    """How many times each worker loaded the pipeline (once, unless the packs differ)."""
    loads: dict[str, int] = {}
    for result in finished:
        if result.sample.worker:
            loads[result.sample.worker] = max(
                loads.get(result.sample.worker, 0), result.sample.loads
            )
    return loads


def memory_by_quarter(finished: list[PieceResult]) -> dict[str, list[float]]:
    """Each worker's largest memory (MB) after a piece, by quarter of the pieces finished."""
    out: dict[str, list[float]] = {}
    for position, result in enumerate(finished):
        sample = result.sample
        if not sample.worker:
            continue
        quarters = out.setdefault(sample.worker, [0.0, 0.0, 0.0, 0.0])
        quarter = min(3, position * 4 // max(len(finished), 1))
        quarters[quarter] = max(quarters[quarter], sample.rss / 1e6)
    return out
