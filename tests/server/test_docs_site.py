"""What a newcomer opens on a running service: Swagger UI, the rule pages, the documentation.

All of it must work on a network with no way out, so a real Chromium loads each page and any
request to another host fails the test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from harness import Server, run_server
from tests.docsite import build_site

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "site"
    built = build_site(out)
    assert built.returncode == 0, built.stdout + built.stderr
    return out


@pytest.fixture(scope="module")
def server(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {"VBLINT_DOCS_DIR": str(site)}
    with run_server(tmp_path_factory.mktemp("server") / "server.log", env) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Debian chromium is missing: run 'python3 scripts/dev.py setup'")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


def _open(browser: object, server: Server, path: str) -> tuple[object, object, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    external: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((server.url, "data:")) else external.append(r.url),
    )
    page.goto(server.url + path)
    return context, page, external


def test_swagger_ui_renders_the_openapi_3_1_document_offline(
    browser: object, server: Server
) -> None:
    context, page, external = _open(browser, server, "/docs")
    try:
        operations = page.locator(".opblock-summary-path")  # type: ignore[attr-defined]
        operations.first.wait_for(timeout=30_000)
        paths = {operations.nth(i).inner_text() for i in range(operations.count())}
        assert {"/v1/check", "/v1/check/batch", "/v1/rules", "/v1/rules/{rule_id}"} <= {
            p.replace("\u200b", "") for p in paths
        }
        assert page.locator(".errors-wrapper").count() == 0  # type: ignore[attr-defined]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "swagger-ui.png"))  # type: ignore[attr-defined]
    finally:
        context.close()  # type: ignore[attr-defined]
    assert not external, f"/docs fetched from outside: {external}"


def test_a_rule_link_leads_to_its_page_served_here(server: Server) -> None:
    with server.client() as anon:
        for asked in ("/rules/VB101", "/rules/vb101"):
            moved = anon.get(asked)
            assert moved.status_code == 302
            assert moved.headers["location"] == "/guide/rules/VB101.html"
        page = anon.get("/guide/rules/VB101.html")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "responsibility.reflexive-risk" in page.text and "Known limits" in page.text
        assert anon.get("/rules/").headers["location"] == "/guide/rules/index.html"
        assert anon.get("/guide").headers["location"] == "/guide/"
        assert "Who it is for" in anon.get("/guide/").text
        assert anon.get("/rules/nonsense").json()["error"]["code"] == "rule_not_found"
        assert anon.get("/guide/../pyproject.toml").status_code == 404
        assert anon.get("/guide/rules/VB000.html").status_code == 404
        assert "/guide" not in anon.get("/openapi.json").json()["paths"]


def test_the_rule_page_and_the_guides_load_nothing_from_outside(
    browser: object, server: Server
) -> None:
    for path in ("/guide/rules/VB101.html", "/guide/", "/guide/api.html"):
        context, page, external = _open(browser, server, path)
        try:
            page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
            assert page.locator("h1").first.inner_text()  # type: ignore[attr-defined]
            styled = page.evaluate(  # type: ignore[attr-defined]
                "() => getComputedStyle(document.querySelector('.md-header')).position"
            )
            assert styled in ("sticky", "fixed"), "the theme's stylesheet did not load"
        finally:
            context.close()  # type: ignore[attr-defined]
        assert not external, f"{path} fetched from outside: {external}"


def test_more_about_this_rule_on_the_page_opens_the_rule_s_page(
    browser: object, server: Server
) -> None:
    context, page, external = _open(browser, server, "/")
    try:
        page.fill("#note", "She put herself at risk by meeting him.")  # type: ignore[attr-defined]
        page.locator("mark.sev-error").first.wait_for(timeout=30_000)  # type: ignore[attr-defined]
        page.focus("#note")  # type: ignore[attr-defined]
        page.keyboard.press("Alt+n")  # type: ignore[attr-defined]
        link = page.locator("#detail-link")  # type: ignore[attr-defined]
        link.wait_for(state="visible")
        with context.expect_page() as opened:  # type: ignore[attr-defined]
            link.click()
        rule_page = opened.value
        rule_page.wait_for_load_state()
        assert rule_page.url == server.url + "/guide/rules/VB101.html"
        assert "VB101" in rule_page.locator("h1").first.inner_text()
    finally:
        context.close()  # type: ignore[attr-defined]
    assert not external, external


def test_docs_url_points_rule_links_elsewhere(tmp_path: Path) -> None:
    env = {"VBLINT_DOCS_URL": "https://intranet.example.org/vblint"}
    with run_server(tmp_path / "server.log", env) as srv, srv.client() as anon:
        moved = anon.get("/rules/VB205")
        assert moved.headers["location"] == ("https://intranet.example.org/vblint/rules/VB205.html")
        rule = anon.get("/v1/rules/VB205").json()
        assert rule["url"] == "https://intranet.example.org/vblint/rules/VB205.html"


def test_without_a_built_site_the_guide_says_so(tmp_path: Path) -> None:
    env = {"VBLINT_DOCS_DIR": str(tmp_path)}
    with run_server(tmp_path / "server.log", env, wait_ready=False) as srv:
        missing = httpx.get(srv.url + "/guide/", timeout=10)
        assert missing.status_code == 404
        assert "mkdocs build" in missing.json()["error"]["message"]
