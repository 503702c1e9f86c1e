"""``--html``: one self-contained page an inspector can attach to a report.

Styles are inline and the charts are inline SVG, so the file opens offline and fetches
nothing. Every label from the data (a team, a period) is escaped; no note text is in it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from vblint.audit import charts
from vblint.audit.periods import NO_DATE
from vblint.audit.report_text import figures, interval, pct

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;
max-width:60rem;margin:2rem auto;padding:0 1.2rem}h1{font-size:1.6rem;margin-bottom:.2rem}
h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
.meta{color:#555;font-size:.9rem}.figures{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.figure{border:1px solid #ccd;border-radius:6px;padding:.6rem .9rem;min-width:11rem}
.figure b{display:block;font-size:1.5rem}table{border-collapse:collapse;margin:.6rem 0;
font-size:.9rem}th,td{padding:.25rem .6rem;border-bottom:1px solid #e3e3ea;text-align:right}
th:first-child,td:first-child{text-align:left}figure{margin:1rem 0}svg{max-width:100%;
height:auto}.note{color:#444;font-size:.88rem}.sup{color:#888;font-style:italic}
"""


def render_html(report: dict[str, Any]) -> str:
    """The whole page."""
    about, total = report["about"], report["total"]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>vblint audit report</title>",
        f"<style>{STYLE}</style></head><body><main>",
        "<h1>Victim-blaming language audit</h1>",
        f"<p class='meta'>{_meta(report)}</p>",
    ]
    if total["suppressed"]:
        parts.append(
            f"<p>Fewer than {about['min_cell']} notes were audited, "
            "so every figure is suppressed.</p>"
        )
    else:
        parts += [_figures(total), *_categories(total), *_rules(total, about["rule_names"])]
    parts += _groups(report)
    parts += _periods(report)
    parts += _comparison(report["comparison"])
    parts += _method(report)
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _meta(report: dict[str, Any]) -> str:
    about, run = report["about"], report["run"]
    when = datetime.now(UTC).strftime("%d %B %Y")
    rules = f"rule packs {escape(about['rules_version'])}"
    return f"Made on {when} with vblint {escape(about['vblint'])}, {rules}; {run['pieces']} pieces."


def _figures(total: dict[str, Any]) -> str:
    cards = [
        ("Notes audited", f"{total['notes']:,}", f"{total['words']:,} words"),
        ("Notes with a warning or error", pct(total["rate"]), f"95% CI {interval(total['ci'])}"),
        (
            "Findings per 1,000 words",
            f"{total['per_1000_words']:.2f}",
            f"{total['findings']:,} findings",
        ),
    ]
    body = "".join(
        f"<div class='figure'>{t}<b>{v}</b><span class='note'>{s}</span></div>" for t, v, s in cards
    )
    return f"<div class='figures'>{body}</div>"


def _categories(total: dict[str, Any]) -> list[str]:
    rows = [(name, k) for name, k in total["by_category"].items()]
    chart = charts.bars(
        "categories",
        [name for name, _ in rows],
        [k["rate"] for _, k in rows],
        [k["ci"] for _, k in rows],
        "Notes flagged, by category",
    )
    table = _table(
        ["Category", "Notes", "Rate", "95% CI", "Findings", "Per 1,000 words"],
        [
            [
                n,
                f"{k['flagged']:,}",
                pct(k["rate"]),
                interval(k["ci"]),
                f"{k['findings']:,}",
                f"{k['per_1000_words']:.2f}",
            ]
            for n, k in rows
        ],
    )
    return [
        "<h2>By category</h2>",
        _figure(chart, "Share of notes with a warning or error in each category."),
        table,
    ]


def _rules(total: dict[str, Any], names: dict[str, str]) -> list[str]:
    rows = sorted(total["by_rule"].items(), key=lambda kv: -kv[1]["findings"])
    rows = [(r, k) for r, k in rows if k["findings"]]
    if not rows:
        return []
    return [
        "<h2>By rule</h2>",
        _table(
            ["Rule", "Notes", "Rate", "95% CI", "Findings"],
            [
                [
                    f"{r} {names.get(r, '')}",
                    f"{k['flagged']:,}",
                    pct(k["rate"]),
                    interval(k["ci"]),
                    f"{k['findings']:,}",
                ]
                for r, k in rows
            ],
        ),
    ]


def _groups(report: dict[str, Any]) -> list[str]:
    groups = report["groups"]
    if not groups:
        return []
    shown = [g for g in groups if not g["suppressed"]]
    label = " / ".join(report["about"]["group_by"])
    out = [f"<h2>By {escape(label)}</h2>"]
    if shown:
        chart = charts.bars(
            "groups",
            [" / ".join(g["group"].values()) for g in shown],
            [g["rate"] for g in shown],
            [g["ci"] for g in shown],
            f"Notes flagged, by {label}",
        )
        out.append(_figure(chart, f"Share of notes with a warning or error, by {escape(label)}."))
    out.append(_rows_table(label, groups, lambda r: " / ".join(r["group"].values())))
    return out


def _periods(report: dict[str, Any]) -> list[str]:
    periods = report["periods"]
    if not periods:
        return []
    shown = [p for p in periods if not p["suppressed"] and p["period"] != NO_DATE]
    out = [f"<h2>Trend by {escape(report['about']['period'])}</h2>"]
    if shown:
        chart = charts.trend(
            "trend",
            [p["period"] for p in shown],
            [p["rate"] for p in shown],
            [p["ci"] for p in shown],
            "Notes flagged, by period",
        )
        out.append(
            _figure(
                chart,
                "Share of notes with a warning or error in each period, with its 95% interval.",
            )
        )
    out.append(_rows_table("Period", periods, lambda r: r["period"]))
    return out


def _comparison(c: dict[str, Any] | None) -> list[str]:
    if not c:
        return []
    head = f"<h2>Change from {escape(c['a'])} to {escape(c['b'])}</h2>"
    if not c["available"]:
        return [head, f"<p>Not compared: {escape(c['reason'])}.</p>"]
    rows = [["All categories", c["flagged"], None]] + [
        [r["category"], r["flagged"], r["flagged"]["p_holm"]] for r in c["by_category"]
    ]
    body = [
        [
            name,
            pct(f["a"]),
            pct(f["b"]),
            f"{100 * f['change']:+.1f}",
            f"{100 * f['ci'][0]:+.1f} to {100 * f['ci'][1]:+.1f}",
            _p(f["p_value"] if holm is None else holm),
        ]
        for name, f, holm in rows
    ]
    table = _table(["", escape(c["a"]), escape(c["b"]), "Change (points)", "95% CI", "p"], body)
    note = "<p class='note'>p for each category is Holm-adjusted across the categories.</p>"
    return [head, table, note]


def _method(report: dict[str, Any]) -> list[str]:
    about, bad = report["about"], report["bad_input"]
    items = [
        "A note is flagged when vblint reports at least one warning or error in it; quoted"
        " speech is reported as info and is not counted.",
        "Findings per 1,000 words count warnings and errors; words are runs of letters and digits.",
        "Intervals are 95% Wilson score intervals; a change between periods has Newcombe's"
        " interval and a two-proportion z test.",
        f"Rows of fewer than {about['min_cell']} notes are suppressed, with a second row"
        " wherever the first could be worked out from a total.",
        f"{bad['rows']:,} rows could not be audited (see the JSON report for where).",
    ]
    if about["select"] or about["ignore"]:
        items.append(
            f"Rules selected: {escape(', '.join(about['select']) or 'all')}; "
            f"ignored: {escape(', '.join(about['ignore']) or 'none')}."
        )
    return [
        "<h2>How these figures were made</h2>",
        "<ul class='note'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>",
    ]


def _rows_table(title: str, rows: list[dict[str, Any]], label: Any) -> str:
    body = [figures(r, label(r), "<span class='sup'>suppressed</span>") for r in rows]
    return _table([escape(title), "Notes", "Flagged", "95% CI", "Per 1,000 words"], body, raw={1})


def _figure(svg: str, caption: str) -> str:
    label = escape(caption)
    return (
        f"<figure role='img' aria-label='{label}'>{svg}<figcaption>{caption}</figcaption></figure>"
    )


def _table(header: list[str], rows: list[list[Any]], raw: set[int] | None = None) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)

    def cell(i: int, v: Any) -> str:
        text = str(v)
        return f"<td>{text if raw and i in raw and text.startswith('<span') else escape(text)}</td>"

    body = "".join("<tr>" + "".join(cell(i, v) for i, v in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _p(value: float | None) -> str:
    if value is None:
        return "n/a"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"
