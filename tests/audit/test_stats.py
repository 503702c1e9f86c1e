"""The statistics against values worked by hand or published."""

from __future__ import annotations

import pytest

from vblint.audit.stats import difference, holm, rate_ratio, wilson


def test_wilson_matches_published_values() -> None:
    # Newcombe (1998), table I: 81 of 263 gives 0.2553 to 0.3662.
    low, high = wilson(81, 263)
    assert low == pytest.approx(0.2553, abs=1e-4)
    assert high == pytest.approx(0.3662, abs=1e-4)
    assert wilson(0, 10)[0] == 0.0 and wilson(0, 10)[1] == pytest.approx(0.2775, abs=1e-4)
    assert wilson(10, 10)[1] == 1.0
    assert wilson(0, 0) == (0.0, 1.0)


def test_newcombe_difference() -> None:
    # Newcombe (1998), table II example: 56/70 against 48/80, method 10: 0.0524 to 0.3339.
    d = difference(48, 80, 56, 70)
    assert d.difference == pytest.approx(0.2, abs=1e-9)
    assert d.low == pytest.approx(0.0524, abs=1e-4)
    assert d.high == pytest.approx(0.3339, abs=1e-4)
    assert 0.005 < d.p_value < 0.01  # pooled z = 2.63
    assert difference(5, 50, 5, 50).p_value == pytest.approx(1.0)


def test_rate_ratio_and_holm() -> None:
    r = rate_ratio(100, 100_000, 50, 100_000)
    assert r.ratio == pytest.approx(0.5)
    assert r.low is not None and r.high is not None and r.low < 0.5 < r.high < 1
    assert r.p_value is not None and r.p_value < 0.001
    assert rate_ratio(0, 1000, 3, 1000).ratio is None
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
