"""The terminal summary: the whole archive in a screenful, drawn from the JSON report."""

from __future__ import annotations

from typing import Any

TOP_RULES = 10
MAX_NAMED = 20


def pct(value: float) -> str:
    """A rate as a percentage with one decimal."""
    return f"{100 * value:.1f}%"


def interval(ci: list[float]) -> str:
    """A 95% interval, ``5.5–5.9%``."""
    return f"{100 * ci[0]:.1f}–{100 * ci[1]:.1f}%"


def summary(report: dict[str, Any]) -> str:
    """The summary as text, ending in a newline."""
    about, run, total = report["about"], report["run"], report["total"]
    lines = [f"vblint audit: {run['pieces']} pieces on {_engine(run)}, {run['seconds']:.0f} s"]
    if run["from_checkpoint"]:
        lines[0] += f" ({run['from_checkpoint']} from the checkpoint)"
    if total["suppressed"]:
        lines.append(
            f"Fewer than {about['min_cell']} notes were audited: every figure is suppressed."
        )
    else:
        lines += [
            f"Notes audited: {total['notes']:,} ({total['words']:,} words)",
            f"Notes with a warning or error: {total['flagged']:,} "
            f"({pct(total['rate'])}, 95% CI {interval(total['ci'])})",
            f"Findings per 1,000 words: {total['per_1000_words']:.2f}",
            "",
            _table(
                ["category", "notes", "rate", "95% CI", "per 1,000 words"],
                [
                    [
                        name,
                        f"{k['flagged']:,}",
                        pct(k["rate"]),
                        interval(k["ci"]),
                        f"{k['per_1000_words']:.2f}",
                    ]
                    for name, k in total["by_category"].items()
                    if k["findings"]
                ],
            ),
        ]
        rules = sorted(total["by_rule"].items(), key=lambda kv: -kv[1]["findings"])[:TOP_RULES]
        names = about["rule_names"]
        lines += [
            "",
            _table(
                ["rule", "notes", "rate", "findings"],
                [
                    [
                        f"{rule} {names.get(rule, '')}",
                        f"{k['flagged']:,}",
                        pct(k["rate"]),
                        f"{k['findings']:,}",
                    ]
                    for rule, k in rules
                    if k["findings"]
                ],
            ),
        ]
    if report["groups"]:
        lines += ["", _rows("group", report["groups"], lambda r: " / ".join(r["group"].values()))]
    if report["periods"]:
        lines += ["", _rows(about["period"], report["periods"], lambda r: r["period"])]
    if report["comparison"]:
        lines += ["", *_comparison(report["comparison"])]
    if report["suppressed_rows"]:
        lines += [
            "",
            f"{report['suppressed_rows']} rows suppressed (fewer than {about['min_cell']} notes,"
            " or derivable from rows that are).",
        ]
    lines += _bad_input(report["bad_input"])
    return "\n".join(lines).rstrip("\n") + "\n"


def _engine(run: dict[str, Any]) -> str:
    if run["pieces"] and run["from_checkpoint"] == run["pieces"]:
        return "none (all from the checkpoint)"
    if run["engine"] == "synchronous":
        return "the synchronous scheduler"
    where = "a local Dask cluster" if run["engine"] == "local" else "the Dask cluster"
    return f"{where} of {run['workers']} worker{'s' if run['workers'] != 1 else ''}"


def figures(row: dict[str, Any], label: str, suppressed: str = "suppressed") -> list[str]:
    """One row's cells: its label, notes, flagged rate, interval and findings per 1,000 words.

    A suppressed row (a small cell) shows only its label and the word for suppression, in the
    text report and the HTML report alike.
    """
    if row["suppressed"]:
        return [label, suppressed, "", "", ""]
    return [
        label,
        f"{row['notes']:,}",
        pct(row["rate"]),
        interval(row["ci"]),
        f"{row['per_1000_words']:.2f}",
    ]


def _rows(title: str, rows: list[dict[str, Any]], label: Any) -> str:
    body = [figures(r, label(r)) for r in rows]
    return _table([title, "notes", "flagged", "95% CI", "per 1,000 words"], body)


def _comparison(c: dict[str, Any]) -> list[str]:
    head = f"Change from {c['a']} to {c['b']}"
    if not c["available"]:
        return [f"{head}: not compared ({c['reason']})."]
    f = c["flagged"]
    lines = [
        f"{head}: notes flagged {pct(f['a'])} -> {pct(f['b'])}, "
        f"{100 * f['change']:+.1f} points "
        f"(95% CI {100 * f['ci'][0]:+.1f} to {100 * f['ci'][1]:+.1f}), "
        f"p = {_p(f['p_value'])}"
    ]
    for row in c["by_category"]:
        g = row["flagged"]
        if g["a"] or g["b"]:
            lines.append(
                f"  {row['category']:<26} {pct(g['a']):>6} -> {pct(g['b']):>6}  "
                f"{100 * g['change']:+.1f} points  p = {_p(g['p_holm'])} (Holm)"
            )
    return lines


def _p(value: float | None) -> str:
    if value is None:
        return "n/a"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def _bad_input(bad: dict[str, Any]) -> list[str]:
    if not bad["rows"] and not bad["named"]:
        return []
    reasons = ", ".join(f"{reason}: {count:,}" for reason, count in bad["by_reason"].items())
    lines = ["", f"Not audited: {bad['rows']:,} rows ({reasons})"]
    lines += [f"  {p['where']}: {p['reason']}" for p in bad["named"][:MAX_NAMED]]
    if len(bad["named"]) > MAX_NAMED:
        lines.append(f"  ... and {len(bad['named']) - MAX_NAMED} more (see --json)")
    return lines


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        first = f"{row[0]:<{widths[0]}}"
        return "  ".join(
            [first, *(f"{c:>{w}}" for c, w in zip(row[1:], widths[1:], strict=True))]
        ).rstrip()

    return "\n".join(fmt(r) for r in [header, *rows])
