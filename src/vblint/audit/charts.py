"""The report's charts as inline SVG, drawn with matplotlib (no JavaScript, no network).

Text is drawn as paths, so the charts look the same on any machine without its fonts, and
ids are salted per chart, so several charts can sit in one page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

BAR = "#3b5b92"
BAND = "#9fb3d9"
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)


def _svg(fig: Figure, name: str) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": f"vblint-{name}"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return _PROLOGUE.sub("", buffer.getvalue(), count=1)


def bars(
    name: str,
    labels: Sequence[str],
    rates: Sequence[float],
    cis: Sequence[Sequence[float]],
    title: str,
) -> str:
    """Horizontal bars of a rate per label, with 95% intervals as error bars."""
    height = 0.9 + 0.34 * max(len(labels), 1)
    fig, ax = plt.subplots(figsize=(7.5, height))
    y = list(range(len(labels)))[::-1]
    errors = [
        [max(0.0, 100 * (r - c[0])) for r, c in zip(rates, cis, strict=True)],
        [max(0.0, 100 * (c[1] - r)) for r, c in zip(rates, cis, strict=True)],
    ]
    ax.barh(y, [100 * r for r in rates], xerr=errors, color=BAR, ecolor="#222", capsize=3)
    ax.set_yticks(y, labels)
    ax.set_xlabel("notes with a warning or error (%), 95% interval")
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xlim(left=0)
    _tidy(ax)
    return _svg(fig, name)


def trend(
    name: str,
    periods: Sequence[str],
    rates: Sequence[float],
    cis: Sequence[Sequence[float]],
    title: str,
) -> str:
    """The rate by period as a line, with its 95% interval as a band."""
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    x = list(range(len(periods)))
    ax.fill_between(
        x,
        [100 * c[0] for c in cis],
        [100 * c[1] for c in cis],
        color=BAND,
        alpha=0.6,
        label="95% interval",
    )
    ax.plot(x, [100 * r for r in rates], color=BAR, marker="o", label="notes flagged")
    step = max(1, -(-len(periods) // 8))  # at most eight labels, so none overlap
    ax.set_xticks(x[::step], list(periods)[::step], rotation=30 if len(periods) > 4 else 0)
    ax.set_ylabel("notes flagged (%)")
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    _tidy(ax)
    return _svg(fig, name)


def _tidy(ax: Any) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(
        axis="x" if ax.get_xlabel().startswith("notes with") else "y", color="#ddd", linewidth=0.6
    )
    ax.set_axisbelow(True)
