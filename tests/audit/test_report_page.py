"""The HTML report in a real headless Chromium (Debian's, driven by Playwright), offline.

Every request other than the report file itself is refused and recorded: the charts must
render from the file alone. A screenshot goes to ``test-artifacts/audit-report.png``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.audit import archives
from tests.conftest import run_cli

pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HOSTILE = "<b>Team & Co</b>"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("page")
    records = archives.rows(400, seed=21)
    for record in records[::7]:
        record["team"] = HOSTILE
    source = archives.write_csv(folder / "notes.csv", records)
    html = folder / "report.html"
    proc = run_cli(
        "audit", str(source), "--text-column", "note", "--group-by", "team",
        "--date-column", "date", "--compare-periods", "2023-Q1", "2024-Q1",
        "--scheduler", "synchronous", "--html", str(html),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return html


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Debian chromium is missing: run 'python3 scripts/dev.py setup'")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


def test_report_renders_its_charts_offline(browser: object, report: Path) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    outside: list[str] = []

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url == report.as_uri():
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", guard)
    page.goto(report.as_uri())
    charts = page.locator("figure svg")
    assert charts.count() == 3  # by category, by team, the trend
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100
        assert charts.nth(i).locator("path").count() > 20  # bars, lines and text drawn
    text = page.locator("main").inner_text()
    assert "Victim-blaming language audit" in text and "Change from 2023-Q1 to 2024-Q1" in text
    assert HOSTILE in text and page.locator("main table b").count() == 0  # escaped, not markup
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "audit-report.png"), full_page=True)
    context.close()
    assert outside == [], f"the report fetched from outside: {outside}"
