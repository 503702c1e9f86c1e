"""No input raises and time grows linearly with the input, through the library.

Times are compared within one test (the doubled input against the single one, or the check
against a bare parse of the same text), never against a number of seconds: the ratios hold on
a busy machine too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from tests.conftest import Cli

from vblint import Finding, Linter
from vblint.analysis import bounds, runs
from vblint.documents import Document
from vblint.documents.reader import read_bytes
from vblint.text import REPLACEMENT, clean

NOTE = "She put herself at risk by meeting him."


def fastest(run: Callable[[], object], repeat: int = 2) -> float:
    """The least CPU time of a few runs: the least disturbed by other work on the machine."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


# How much larger the large input is than the small one. Linear time gives about 4, the
# square about 16: a wide gap, so a busy machine's noise cannot carry one across the bound
# (8, the geometric middle) the way it could with a doubling (2 against 4, bound 3).
GROWTH = 4


def growth_ratio(linter: Linter, make: Callable[[int], str], n: int, repeat: int = 2) -> float:
    """Time to check ``make(GROWTH * n)`` over time to check ``make(n)``: about 4 if linear."""
    small, large = make(n), make(GROWTH * n)
    linter.check(small)  # warm: first-call costs are not the input's
    return fastest(lambda: linter.check(large), repeat) / fastest(
        lambda: linter.check(small), repeat
    )


# --- surrogates -------------------------------------------------------------------------


def test_clean_replaces_each_lone_surrogate_with_one_code_point() -> None:
    text = "a\ud800b\udfffc\ud83d\ude00"
    cleaned = clean(text)
    assert cleaned.replaced == 4
    assert len(cleaned.text) == len(text)
    assert cleaned.text == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}{REPLACEMENT}"
    ordinary = "café 😀"
    assert clean(ordinary).text is ordinary
    assert clean(ordinary).replaced == 0


@pytest.mark.parametrize("where", ["before", "inside", "after"])
def test_check_with_a_lone_surrogate_finds_with_exact_offsets(linter: Linter, where: str) -> None:
    text = {
        "before": "\ud800 " + NOTE,
        "inside": "She put herself \ud800 at risk. " + NOTE,
        "after": NOTE + " \udc00",
    }[where]
    found = [f for f in linter.check(text) if f.rule == "VB101"]
    assert found
    for finding in found:
        assert clean(text).text[finding.start : finding.end] == finding.text
    assert any(text[f.start : f.end] == "She put herself at risk by meeting him" for f in found)


def test_every_library_entry_survives_a_lone_surrogate(linter: Linter) -> None:
    texts = [NOTE + "\ud800", "\udfff", NOTE]
    many = list(linter.check_many(texts))
    assert [bool(f) for f in many] == [True, False, True]
    each = linter.check_each(texts, [linter_options()] * 3, [(), (), ()])
    assert [[f.start for f in found] for found in each] == [[f.start for f in m] for m in many]
    checked = linter.check_document(Document("<x>", "text", NOTE + "\ud800", NOTE + "\ud800"))
    assert checked.findings
    assert checked.document.replaced == 1
    assert "\ud800" not in checked.document.text + checked.document.source


def linter_options() -> object:
    from vblint import Options

    return Options()


def test_a_document_replaces_surrogates_in_its_text_and_source() -> None:
    document = Document("<x>", "html", "a\ud800", "<p>a\ud800</p>")
    assert document.text == "a" + REPLACEMENT
    assert document.source == "<p>a" + REPLACEMENT + "</p>"
    assert document.replaced == 1


@pytest.mark.parametrize("kind", ["text", "markdown", "html"])
def test_readers_give_clean_text_for_a_surrogate_escape(kind: str) -> None:
    # HTML can spell one as an entity; UTF-8 with an encoded surrogate is not UTF-8 at all.
    data = {
        "text": NOTE.encode(),
        "markdown": NOTE.encode(),
        "html": f"<p>{NOTE} &#xD800;</p>".encode(),
    }[kind]
    document = read_bytes("<x>", data, kind)  # type: ignore[arg-type]
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in document.text)
    with pytest.raises(Exception, match="not UTF-8"):
        read_bytes("<x>", NOTE.encode() + b"\xed\xa0\x80", kind)  # type: ignore[arg-type]


def test_cli_on_encoded_surrogate_bytes_reports_the_file_and_checks_the_rest(
    cli: Cli, tmp_path: object
) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "bad.txt").write_bytes(NOTE.encode() + b" \xed\xa0\x80\n")
    (folder / "good.txt").write_text(NOTE + "\n")
    code, out, err = cli("check", str(folder / "bad.txt"), str(folder / "good.txt"))
    assert "Traceback" not in err
    assert "bad.txt" in err and "not UTF-8" in err
    assert "good.txt" in out and "VB101" in out
    assert code != 0


# --- linear time ------------------------------------------------------------------------


def test_a_repeated_finding_with_no_full_stop_checks_in_linear_time(linter: Linter) -> None:
    # Before sentences were bounded: 2.6 s for 250 repeats, 8.4 s for 500 (3.2x).
    ratio = growth_ratio(linter, lambda n: "she put herself at risk " * n, 250)
    assert ratio < 7.0, f"four times the input multiplied the time by {ratio:.1f}"


@pytest.mark.parametrize(
    "repeat",
    [
        "she put herself at risk aged 13 ",
        "'she put herself at risk' ",
        "the man said she put herself at risk, ",
    ],
    ids=["ages", "quotes", "agents"],
)
def test_repeated_findings_with_ages_quotes_and_agents_stay_linear(
    linter: Linter, repeat: str
) -> None:
    ratio = growth_ratio(linter, lambda n: repeat * n, 100)
    assert ratio < 8.0, f"four times the input multiplied the time by {ratio:.1f}"


def test_no_sentence_is_longer_than_the_bound(linter: Linter) -> None:
    doc = linter.nlp("she put herself at risk " * 200)
    assert max(len(s) for s in doc.sents) <= bounds.MAX_TOKENS
    findings = doc._.vblint_findings
    assert len(findings) >= 150
    for finding in findings:
        assert doc.text[finding.start : finding.end] == finding.text


def test_ordinary_prose_keeps_its_sentences(linter: Linter) -> None:
    prose = (
        "Jade, who is 14, went to the flat with a man she met online; she said she was scared, "
        "that he had given her alcohol, that she could not leave, and that her phone had been "
        "taken from her. "
    ) * 20
    doc = linter.nlp(prose)
    assert bounds.forced_starts(doc) == []
    assert len(list(doc.sents)) >= 20


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "(" * (n // 2) + ")" * (n // 2),
        lambda n: "\"'" * (n // 2),
        lambda n: "\U0001f600" * n,
        lambda n: "[{<" * (n // 3),
        lambda n: "!?." * (n // 3),
    ],
    ids=["parentheses", "quotes", "emoji", "brackets", "punctuation"],
)
def test_runs_with_no_space_tokenize_in_linear_time(
    linter: Linter, make: Callable[[int], str]
) -> None:
    # Before long runs were cut: 8,000 nested parentheses took 46 s, growing with the square.
    ratio = growth_ratio(linter, lambda n: NOTE + " " + make(n) + " " + NOTE, 2000, repeat=3)
    assert ratio < 8.0, f"four times the run multiplied the time by {ratio:.1f}"


def test_a_cut_run_keeps_every_offset_exact(linter: Linter) -> None:
    text = "Jade said (" + "(" * 1000 + "she put herself at risk" + ")" * 1000 + " " + NOTE
    doc = linter.nlp.make_doc(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    for finding in linter.check(text):
        assert text[finding.start : finding.end] == finding.text
    assert any(f.rule == "VB101" for f in linter.check(text))


def test_ordinary_words_are_not_cut() -> None:
    url = "https://example.org/" + "a" * 150
    assert runs.cuts(f"see {url} and more") == []
    assert runs.cuts("x" * (runs.MAX_RUN + 1))


def test_one_finding_per_wording_is_linear_in_the_findings(linter: Linter) -> None:
    import dataclasses

    from vblint.findings import one_per_wording

    found = linter.check(NOTE + " She is promiscuous.")
    assert len(found) >= 2

    def many(n: int) -> list[Finding]:
        return [
            dataclasses.replace(f, start=f.start + 100 * k, end=f.end + 100 * k)
            for k in range(n)
            for f in found
        ]

    small, large = many(2000), many(2000 * GROWTH)
    assert len(one_per_wording(small)) == len(small)  # type: ignore[arg-type]
    ratio = fastest(lambda: one_per_wording(large), 3) / fastest(  # type: ignore[arg-type]
        lambda: one_per_wording(small),
        3,  # type: ignore[arg-type]
    )
    assert ratio < 8.0, f"four times the findings multiplied the time by {ratio:.1f}"
