"""The documentation site: built offline with ``mkdocs build --strict``, a page for every rule.

The build runs with no network at all where the machine allows it (a network namespace of its
own, via ``unshare -n``), so a theme font, a CDN script or a plugin download would fail it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.docsite import build_site

from vblint import rule_docs
from vblint.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules()
# Tags whose address the browser loads by itself, with no click.
ASSET_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "link": "href",
}
LINK_RELS_THAT_LOAD = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    built = build_site(out)
    assert built.returncode == 0, built.stdout + built.stderr
    return out


class _Assets(HTMLParser):
    """Every address an HTML page loads by itself (scripts, styles, images, frames)."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        attribute = ASSET_ATTRIBUTES.get(tag)
        if tag == "link" and not set(values.get("rel", "").split()) & LINK_RELS_THAT_LOAD:
            attribute = None
        if attribute and values.get(attribute):
            self.loaded.append(values[attribute])
        if tag == "script" and not values.get("src"):
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_scripts.append(data)


def test_every_rule_has_a_page_and_every_page_a_rule(site: Path) -> None:
    pages = {p.stem for p in (site / "rules").glob("*.html")} - {"index"}
    assert pages == set(RULES.rules), "rule pages and rules differ"
    index = (site / "rules" / "index.html").read_text(encoding="utf-8")
    for rule in RULES:
        assert f'href="{rule.id}.html"' in index, rule.id


def test_a_rule_page_says_what_why_source_examples_rewrite_and_limits(site: Path) -> None:
    page = (site / "rules" / "VB101.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    for heading in (
        "What it flags",
        "Why it matters",
        "Guidance",
        "Examples",
        "The rewrite it offers",
        "Known limits",
    ):
        assert heading in text, heading
    rule = RULES.rules["VB101"]
    assert rule_docs.summary(rule) in text
    assert "UKCIS 2022" in text
    assert "She put herself at risk by meeting him." in text  # flagged
    assert "He put her at risk by arranging to meet her." in text  # its fix
    assert "Nothing suggests she put herself at risk." in text  # not flagged
    assert "the subject of the clause is the child" in text  # its condition, in words
    assert "{agent}" not in text and "{match}" not in text


def test_the_site_loads_nothing_from_another_host(site: Path) -> None:
    external: list[str] = []
    for page in site.rglob("*.html"):
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        external += [f"{page.name}: {a}" for a in parser.loaded if "://" in a or a.startswith("//")]
        external += [
            f"{page.name}: inline script loads {m}"
            for script in parser.inline_scripts
            for m in re.findall(r"https?://[^\s\"')]+", script)
        ]
    for sheet in site.rglob("*.css"):
        for address in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            if "://" in address and not address.startswith("data:"):
                external.append(f"{sheet.name}: {address}")
    assert not external, external[:10]
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_guides_for_each_reader_are_in_the_site(site: Path) -> None:
    for page in (
        "page.html",
        "word.html",
        "browser.html",
        "api.html",
        "keys.html",
        "deployment.html",
        "ci.html",
        "configuration.html",
        "rule-packs.html",
        "audit.html",
    ):
        assert (site / page).is_file(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="images/writing-page.png"' in home
    assert (site / "images" / "writing-page.png").stat().st_size > 10_000


def test_the_rule_pack_guide_describes_every_condition(site: Path) -> None:
    assert rule_docs.undocumented() == []
    guide = re.sub(r"<[^>]+>", "", (site / "rule-packs.html").read_text(encoding="utf-8"))
    for name in (*rule_docs.CONDITIONS, *rule_docs.CONTEXTS):
        assert name in guide, name
    assert "rule-conditions" not in guide  # the marker was filled in


def test_the_pages_can_also_be_written_to_a_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "scripts/rule_pages.py", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    written = {p.stem for p in (tmp_path / "rules").glob("*.md")} - {"index"}
    assert written == set(RULES.rules)
