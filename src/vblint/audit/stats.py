"""The statistics an inspector's report needs, in closed form (no statistics library).

- A proportion's 95% interval is Wilson's score interval, which stays inside 0..1 and
  behaves for small counts and rates near 0, unlike the textbook normal interval.
- The change between two proportions has Newcombe's hybrid score interval (method 10) built
  from the two Wilson intervals, and a two-sided p-value from the pooled two-proportion z test.
- A change in findings per 1,000 words is a rate ratio with a Wald interval on the log scale.
- Several comparisons at once (one per category) get Holm's step-down adjustment.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054


def wilson(successes: int, total: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for ``successes`` out of ``total`` ((0, 1) when total is 0)."""
    if total <= 0:
        return 0.0, 1.0
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == total else min(1.0, centre + half)
    return low, high


def two_sided_p(z: float) -> float:
    """The two-sided p-value of a standard normal statistic."""
    return math.erfc(abs(z) / math.sqrt(2))


@dataclass(frozen=True)
class Difference:
    """Proportion B minus proportion A, its 95% interval and the test of no difference."""

    a: float
    b: float
    difference: float
    low: float
    high: float
    p_value: float


def difference(x_a: int, n_a: int, x_b: int, n_b: int) -> Difference:
    """Change from period A (``x_a`` of ``n_a``) to period B, Newcombe interval, z-test p."""
    p_a, p_b = x_a / n_a, x_b / n_b
    lo_a, hi_a = wilson(x_a, n_a)
    lo_b, hi_b = wilson(x_b, n_b)
    d = p_b - p_a
    low = d - math.sqrt((p_b - lo_b) ** 2 + (hi_a - p_a) ** 2)
    high = d + math.sqrt((hi_b - p_b) ** 2 + (p_a - lo_a) ** 2)
    pooled = (x_a + x_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    p_value = 1.0 if se == 0 else two_sided_p(d / se)
    return Difference(p_a, p_b, d, max(-1.0, low), min(1.0, high), p_value)


@dataclass(frozen=True)
class RateRatio:
    """Findings per 1,000 words in B over A, with a 95% interval and p (None if undefined)."""

    a: float
    b: float
    ratio: float | None
    low: float | None
    high: float | None
    p_value: float | None


def per_thousand(count: int, words: int) -> float:
    """Count per 1,000 words (0 for no words)."""
    return 1000 * count / words if words else 0.0


def rate_ratio(count_a: int, words_a: int, count_b: int, words_b: int) -> RateRatio:
    """Rate ratio B/A of two Poisson counts over their word totals."""
    a, b = per_thousand(count_a, words_a), per_thousand(count_b, words_b)
    if not (count_a and count_b and words_a and words_b):
        return RateRatio(a, b, None, None, None, None)
    log_ratio = math.log(b / a)
    se = math.sqrt(1 / count_a + 1 / count_b)
    return RateRatio(
        a,
        b,
        math.exp(log_ratio),
        math.exp(log_ratio - Z95 * se),
        math.exp(log_ratio + Z95 * se),
        two_sided_p(log_ratio / se),
    )


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values, in the order given."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    adjusted = [1.0] * len(p_values)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted
