"""A long text is checked as a stream of bounded blocks, with the findings of one whole parse.

The cutting itself is checked on plain strings; the findings with the real model: the same
(rule, offsets, severity, line, column, fingerprint, suggestions) whether the text is parsed in
one Doc or in blocks, also where a rule reads a fact from far away in the document (the
youngest child's age, whether anyone is named). Peak memory is measured in subprocesses.
"""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from vblint import Linter
from vblint.blocks import BLOCK_CHARS, LEAD_CHARS, PARAGRAPH_CHARS, Block, blocks, lead_in, split
from vblint.documents import Document
from vblint.memo import Memo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from casenotes import corpus  # noqa: E402


def _notes(words: int, seed: int = 11, sep: str = "\n\n") -> str:
    return sep.join(corpus(words, seed))


def _covered(text: str, found: list[Block], limit: int) -> None:
    assert found[0].start == 0 and found[-1].end == len(text)
    for before, after in itertools.pairwise(found):
        assert before.end == after.start
    for block in found:
        assert block.start < block.end and block.end - block.start <= limit
        assert 0 <= block.start - block.lead <= LEAD_CHARS


def test_a_short_text_is_one_block() -> None:
    text = _notes(300)
    assert len(text) < BLOCK_CHARS
    assert list(blocks(text)) == [Block(0, 0, len(text))]


@pytest.mark.parametrize("sep", ["\n\n", "\n", " "])
def test_blocks_cover_the_text_and_stay_bounded(sep: str) -> None:
    text = _notes(20_000, sep=sep)
    found = list(blocks(text))
    _covered(text, found, BLOCK_CHARS)
    assert len(found) > 10
    if sep == "\n\n":  # cut at paragraph breaks, never inside a paragraph
        assert all(text.endswith("\n", 0, b.end) for b in found[:-1])


def test_a_paragraph_with_no_spaces_is_cut_anyway_and_never_inside_a_surrogate_pair() -> None:
    text = "x" * 5_001 + "\ud83d\ude00" * 9_000  # one run of letters, then emoji as pairs
    found = list(blocks(text, 2_000))
    _covered(text, found, 2_000)
    assert all(not 0xDC00 <= ord(text[b.start]) <= 0xDFFF for b in found)


def test_an_edit_in_one_paragraph_moves_no_block_far_from_it() -> None:
    """Where blocks end is decided by the paragraphs, not by how much text came before."""
    text = _notes(20_000)
    at = text.index("\n\n", len(text) // 2)
    edited = text[:at] + " Seen again today with mum." + text[at:]
    old = {text[b.lead : b.end] for b in blocks(text)}
    new = [edited[b.lead : b.end] for b in blocks(edited)]
    assert sum(piece not in old for piece in new) <= 3
    assert len(new) > 15


def _same(a: list[object], b: list[object]) -> None:
    assert [repr(x) for x in a] == [repr(x) for x in b]


@pytest.mark.parametrize("limit", [1_000, 2_000, BLOCK_CHARS])
def test_blocks_give_the_findings_of_one_whole_parse(linter: Linter, limit: int) -> None:
    text = _notes(4_000, seed=7)
    whole = Linter(nlp=linter.nlp, block_chars=len(text) + 1).check(text)
    blocked = Linter(nlp=linter.nlp, block_chars=limit).check(text)
    assert len(list(blocks(text, limit))) > 3
    assert len(whole) > 10
    _same(blocked, whole)
    for finding in blocked:
        assert text[finding.start : finding.end] == finding.text


def test_facts_from_far_away_in_the_document_reach_every_block(linter: Linter) -> None:
    """The youngest child's age, stated in the first block, makes a later wording a concern."""
    filler = _notes(3_000, seed=5).replace("aged", "about").replace("(", "").replace(")", "")
    filler = "".join(c for c in filler if not c.isdigit())
    text = (
        "Maya, 12, was seen at home.\n\n"
        + filler
        + "\n\nShe was abused.\n\nShe had a relationship with her boyfriend.\n\n"
        + filler
        + "\n\nMr Smith was arrested on Friday.\n"
    )
    whole = Linter(nlp=linter.nlp, block_chars=len(text) + 1).check(text)
    blocked = Linter(nlp=linter.nlp, block_chars=1_000).check(text)
    _same(blocked, whole)
    near = [f for f in whole if f.start > len(filler) and f.end < len(text) - len(filler)]
    assert [f.rule for f in near] == ["VB302"]  # flagged only because Maya is 12


@pytest.mark.parametrize("named", [True, False])
def test_a_person_named_in_another_block_silences_a_passive(linter: Linter, named: bool) -> None:
    """ "She was abused." asks who did it only if the note names nobody, in any block."""
    r = random.Random(1)
    plain = ["The bus was late again today.", "Homework was handed in on time."]
    filler = "\n\n".join(" ".join(r.choice(plain) for _ in range(4)) for _ in range(40))
    last = "Mr Smith was arrested on Friday." if named else "The bus was late."
    text = filler + "\n\nShe was abused.\n\n" + filler + "\n\n" + last + "\n"
    whole = Linter(nlp=linter.nlp, block_chars=len(text) + 1).check(text)
    blocked = Linter(nlp=linter.nlp, block_chars=1_000).check(text)
    assert len(list(blocks(text, 1_000))) > 4
    _same(blocked, whole)
    assert [f.text for f in blocked] == ([] if named else ["She was abused"])


def test_the_same_text_in_many_shapes_gives_exact_offsets(linter: Linter) -> None:
    """Offsets stay exact across block boundaries: each finding is where its words are."""
    r = random.Random(3)
    flagged = "She put herself at risk by meeting him."
    parts = [flagged if r.random() < 0.3 else "The visit went well." for _ in range(200)]
    text = "".join(p + r.choice(["\n\n", "\n", " ", "\n \n"]) for p in parts)
    blocked = Linter(nlp=linter.nlp, block_chars=700).check(text)
    whole = Linter(nlp=linter.nlp, block_chars=len(text) + 1).check(text)
    _same(blocked, whole)
    assert len(blocked) == parts.count(flagged)
    assert all(text[f.start : f.end] == f.text and "herself" in f.text for f in blocked)


def test_a_memo_reparses_only_the_block_an_edit_touched(linter: Linter) -> None:
    text = _notes(5_000, seed=3)
    memo = Memo()
    first = linter.check_document(Document("n.txt", "text", text, text), None, memo)
    assert memo.parsed > 5 and memo.reused == 0
    assert memo.parsed_chars < 1.2 * len(text)  # opened: the larger blocks, few lead-ins
    at = text.index("\n\n", len(text) // 2)
    edited = text[:at] + " She put herself at risk by meeting him." + text[at:]
    document = Document("n.txt", "text", edited, edited)
    again = linter.check_document(document, None, memo)
    assert memo.reused >= 5 and memo.parsed_chars < len(edited) / 4
    fresh = linter.check_document(document)
    _same(again.findings, fresh.findings)
    assert len(again.findings) == len(first.findings) + 1
    shifted = Document("n.txt", "text", "Note.\n\n" + edited, "Note.\n\n" + edited)
    moved = linter.check_document(shifted, None, memo)  # every offset moves: still exact
    _same(moved.findings, linter.check_document(shifted).findings)


def _paragraph_at(text: str, at: int) -> tuple[int, int]:
    return text.rfind("\n\n", 0, at) + 2, text.index("\n\n", at)


def test_after_the_first_edit_in_a_block_an_edit_reparses_about_its_paragraph(
    linter: Linter,
) -> None:
    """The block an edit changed is kept in paragraphs: the next edit there parses one."""
    text = _notes(5_000, seed=3)
    memo = Memo()
    linter.check_document(Document("n.txt", "text", text, text), None, memo)
    # At the paragraph's start: far from its end.
    _edit_one_paragraph(linter, memo, text, ["Seen again. ", "She put herself at risk. ", "Okay. "])


def _edit_one_paragraph(linter: Linter, memo: Memo, text: str, edits: list[str]) -> None:
    """Words put, one edit after another, at the start of the note's middle paragraph: each
    check gives the whole parse's findings, and after the first, parses that paragraph alone.
    """
    start, _ = _paragraph_at(text, len(text) // 2)
    for n, words in enumerate(edits):
        text = text[:start] + words + text[start:]
        document = Document("n.txt", "text", text, text)
        again = linter.check_document(document, None, memo)
        _same(again.findings, linter.check_document(document).findings)
        if n:
            para_start, para_end = _paragraph_at(text, start)
            assert memo.parsed == 1
            assert memo.parsed_chars <= para_end - para_start + 2 + LEAD_CHARS


def test_blocks_cut_again_for_editing_cover_their_block_at_paragraph_breaks() -> None:
    text = _notes(20_000)
    for block in blocks(text):
        parts = list(split(text, block))
        assert parts[0].start == block.start and parts[-1].end == block.end
        for before, after in itertools.pairwise(parts):
            assert before.end == after.start and text.endswith("\n", 0, before.end)
        for part in parts:
            assert part.lead == lead_in(text, part.start)
            own = text[part.start : part.end]
            assert len(own) >= PARAGRAPH_CHARS or part is parts[-1] or own.count("\n\n") == 0


@pytest.mark.parametrize("seed", [2, 8])
def test_a_memo_gives_the_findings_of_one_whole_parse_after_edits_anywhere(
    linter: Linter, seed: int
) -> None:
    """Edits in many blocks, each then cut into paragraphs: still the whole parse's findings."""
    memo = Memo()
    for document in _edited(linter, memo, _notes(4_000, seed=seed), seed, rounds=6, cut=[0, 0, 3]):
        again = linter.check_document(document, None, memo)
        whole = Linter(nlp=linter.nlp, block_chars=len(document.text) + 1).check_document(document)
        _same(again.findings, whole.findings)


def _edited(
    linter: Linter, memo: Memo, text: str, seed: int, rounds: int, cut: list[int]
) -> Iterator[Document]:
    """The note checked once into ``memo``, then edited at random places, a round at a time."""
    r = random.Random(seed)
    linter.check_document(Document("n.txt", "text", text, text), None, memo)
    for _ in range(rounds):
        at = r.randrange(len(text))
        words = r.choice(["", " She put herself at risk.", "\n\n", " Maya, 12, was seen."])
        text = text[:at] + words + text[at + r.choice(cut) :]
        yield Document("n.txt", "text", text, text)


def test_a_short_note_is_cut_into_paragraphs_once_edited(linter: Linter) -> None:
    """A short note is parsed whole when opened; after an edit, it is kept in paragraphs."""
    text = _notes(500, seed=12)
    assert len(text) < BLOCK_CHARS
    memo = Memo()
    linter.check_document(Document("n.txt", "text", text, text), None, memo)
    assert memo.parsed == 1 and memo.parsed_chars == len(text)
    edits = ["Seen again. ", "She put herself at risk. ", "Maya, 12, was seen. "]
    _edit_one_paragraph(linter, memo, text, edits)


@pytest.mark.parametrize("seed", [40, 41, 42])
def test_short_notes_edited_anywhere_give_the_findings_of_one_whole_parse(
    linter: Linter, seed: int
) -> None:
    memo = Memo()
    for document in _edited(linter, memo, _notes(500, seed=seed), seed, rounds=4, cut=[0, 3]):
        _same(
            linter.check_document(document, None, memo).findings,
            linter.check_document(document).findings,
        )


def test_an_edited_note_in_which_no_rule_can_match_is_still_not_parsed(linter: Linter) -> None:
    text = "\n\n".join(["The bus was late again today. Homework was handed in."] * 20)
    memo = Memo()
    linter.check_document(Document("n.txt", "text", text, text), None, memo)
    text = text.replace("late", "early", 1)
    again = linter.check_document(Document("n.txt", "text", text, text), None, memo)
    assert again.findings == [] and memo.parsed_chars == 0


PEAK = textwrap.dedent(
    """
    import resource, sys
    from vblint import Linter
    from vblint.documents import Document

    linter = Linter()
    linter.check("A first note, so the model is warm.")
    text = open(sys.argv[1], encoding="utf-8").read()
    linter.check_document(Document("n.txt", "text", text, text))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def _peak_kb(path: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1])


@pytest.mark.slow
def test_peak_memory_does_not_grow_with_the_document(tmp_path: Path) -> None:
    """Twice the text, about the same peak: a block's Docs are freed before the next zone."""
    text = _notes(12_000, seed=9)  # about 70 KB: more than one of the old 50,000-char chunks
    small, large = tmp_path / "n.txt", tmp_path / "2n.txt"
    small.write_text(text, encoding="utf-8")
    large.write_text(text + "\n\n" + text, encoding="utf-8")
    small_kb, large_kb = _peak_kb(small), _peak_kb(large)
    assert large_kb < 1.3 * small_kb, f"peak {large_kb} KB for 2N against {small_kb} KB for N"
