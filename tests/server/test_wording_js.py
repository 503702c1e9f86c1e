"""The page's ``wording.mjs``, run in Node: what accepting a rewrite inserts, and where.

The card shows what :func:`planEdit` returns and accepting inserts the same, so these cases pin
the rules a practitioner sees: a capital only where a sentence begins (not after "e.g." or in
mid-sentence, even when the words replaced began with a name), placeholders filled by code
points (an emoji in the suggestion does not shift them), a frame sentence added after the
quotation rather than inside it, and other findings kept on their words after an edit.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parents[2] / "server" / "vblint_server" / "static"

SCRIPT = """
import * as w from %(module)s;
const cases = JSON.parse(process.argv[1]);
const out = cases.map(([fn, ...args]) => w[fn](...args));
process.stdout.write(JSON.stringify(out));
"""


def run(*cases: list[Any]) -> list[Any]:
    """Call ``wording.mjs`` functions in Node: each case is ``[name, *arguments]``."""
    node = shutil.which("node")
    assert node, "Node.js is missing: python3 scripts/dev.py setup installs it"
    module = json.dumps((STATIC / "wording.mjs").as_uri())
    result = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT % {"module": module}, json.dumps(cases)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out: list[Any] = json.loads(result.stdout)
    return out


def finding(text: str, words: str, suggestions: list[dict[str, Any]]) -> dict[str, Any]:
    start = text.index(words)
    return {
        "start": len(text[:start].encode("utf-16-le")) // 2,
        "end": len(text[: start + len(words)].encode("utf-16-le")) // 2,
        "text": words,
        "suggestions": suggestions,
        "context": [],
    }


def suggestion(text: str, kind: str = "replace") -> dict[str, Any]:
    """A suggestion as the API sends it: placeholder offsets in code points."""
    marks = []
    depth_start = None
    for i, char in enumerate(text):
        if char == "[":
            depth_start = i
        elif char == "]" and depth_start is not None:
            marks.append({"start": depth_start, "end": i + 1, "label": text[depth_start + 1 : i]})
            depth_start = None
    return {"text": text, "kind": kind, "placeholders": marks}


def test_a_capital_only_where_a_sentence_begins() -> None:
    note = (
        "Visit 😀 went well. she was seen, e.g. she was out. Then\nshe left (\u201cshe ran\u201d)."
    )
    starts = [0, note.index("she was seen"), note.index("she was out"), note.index("\nshe") + 1]
    mid = note.index("went")
    utf16 = [len(note[:s].encode("utf-16-le")) // 2 for s in [*starts, mid]]
    got = run(*[["startsSentence", note, s] for s in utf16])
    assert got == [True, True, False, True, False]


def test_casing_follows_the_place_not_the_replaced_words() -> None:
    note = "Staff noted that Maya put herself at risk. Maya put herself at risk."
    got = run(
        ["casedFor", note, note.index("Maya"), "they put Maya at risk"],
        ["casedFor", note, note.index(". Maya") + 2, "they put Maya at risk"],
        ["casedFor", note, 0, "\u201cit was only\u201d"],
        ["capitalise", "[the person who harmed her] put her at risk"],
    )
    assert got == [
        "they put Maya at risk",
        "They put Maya at risk",
        "\u201cIt was only\u201d",
        "[The person who harmed her] put her at risk",
    ]


def test_placeholders_are_filled_by_code_points_and_take_the_sentence_s_case() -> None:
    start = suggestion("[The person who harmed her] pressured her into sending the images")
    emoji = suggestion("😀 [name] told [who] at [place]")
    got = run(
        ["fill", start, ["a man she met online"]],
        ["fill", emoji, ["Jade", "her aunt", "the flat"]],
        ["fill", suggestion("she was at risk from [the person who harmed her]"), ["Mr Khan"]],
    )
    assert got == [
        "A man she met online pressured her into sending the images",
        "😀 Jade told her aunt at the flat",
        "she was at risk from Mr Khan",
    ]


def test_a_plan_names_the_range_the_card_shows() -> None:
    note = "😀 e\u0301 She put herself at risk by meeting him. Staff were told."
    f = finding(note, "She put herself at risk by meeting him", [])
    top = suggestion("He put her at risk by arranging to meet her")
    quote = "Maya said: \u201cI put myself at risk.\u201d Staff were told."
    q = finding(quote, "put myself at risk", [])
    frame = suggestion("[Name] used these words.", "frame")
    later = "Visit 😀 went well. She put herself at risk."
    g = finding(later, "She put herself at risk", [])
    [plan, kept, framed, filled] = run(
        ["planEdit", note, f, top],
        ["planEdit", later, g, suggestion("[the person who harmed her] put her at risk")],
        ["planEdit", quote, q, frame],
        ["planEdit", quote, q, frame, ["Maya"]],
    )
    assert (plan["start"], plan["end"]) == (f["start"], f["end"])
    assert f["start"] == len("😀 e\u0301 ") + 1  # the emoji is two UTF-16 units
    assert plan["insert"] == "He put her at risk by arranging to meet her"
    assert kept["insert"] == "[The person who harmed her] put her at risk"
    after_quote = len(quote[: quote.index("\u201d") + 1].encode("utf-16-le")) // 2
    assert framed == {
        "start": after_quote,
        "end": after_quote,
        "insert": " [Name] used these words.",
    }
    assert filled["insert"] == " Maya used these words."


def test_other_findings_stay_on_their_words_after_an_edit() -> None:
    old = "She put herself at risk. 😀 Jade was promiscuous."
    new = "He put her at risk. 😀 Jade was promiscuous."
    first = finding(old, "She put herself at risk", [])
    second = finding(old, "promiscuous", [])
    [moved] = run(["shift", [first, second], old, new])
    assert len(moved) == 1
    start = moved[0]["start"]
    assert new.encode("utf-16-le")[start * 2 : moved[0]["end"] * 2].decode("utf-16-le") == (
        "promiscuous"
    )


def test_a_frame_given_as_advice_inserts_only_its_example_sentence() -> None:
    advice = suggestion(
        "Add a sentence 😀 in your own words, for example: "
        "'[Name] used these words; [who caused the harm and how].'",
        "frame",
    )
    sentence = suggestion("[Name] calls him her 'boyfriend'; he is [age].", "frame")
    [split, whole] = run(["insertable", advice], ["insertable", sentence])
    assert split["lead"] == "Add a sentence 😀 in your own words, for example:"
    assert split["suggestion"]["text"] == "[Name] used these words; [who caused the harm and how]."
    assert [p["label"] for p in split["suggestion"]["placeholders"]] == [
        "Name",
        "who caused the harm and how",
    ]
    [filled] = run(["fill", split["suggestion"], ["Maya", "a man pressured her"]])
    assert filled == "Maya used these words; a man pressured her."
    assert whole == {"suggestion": sentence, "lead": ""}


def dismissals(*cases: list[Any]) -> list[Any]:
    """Call ``dismissals.mjs`` functions in Node, as :func:`run` does for ``wording.mjs``."""
    node = shutil.which("node")
    assert node
    module = json.dumps((STATIC / "dismissals.mjs").as_uri())
    result = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT % {"module": module}, json.dumps(cases)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out: list[Any] = json.loads(result.stdout)
    return out


def test_a_dismissal_hides_one_finding_and_survives_edits_elsewhere() -> None:
    words = "child pornography"
    note = f"The law 😀 says {words} in section 1. Police found {words} on his phone."
    first = {**finding(note, words, []), "fingerprint": "fp", "rule": "VB401", "message": "m"}
    later = note.rindex(words)
    second = {**first, "start": first["start"] + later - note.index(words)}
    second["end"] = second["start"] + len(words)
    [mark] = dismissals(["dismissal", note, first, "the guidance term is needed here"])
    assert mark["reason"] == "the guidance term is needed here"
    edited = "Visit on 3 March. " + note
    shift = len("Visit on 3 March. ")
    moved = [{**f, "start": f["start"] + shift, "end": f["end"] + shift} for f in (first, second)]
    rewritten = note.replace("The law 😀 says child pornography in section 1", "It was removed")
    gone = {**second, "start": second["start"] - (len(note) - len(rewritten))}
    gone["end"] = gone["start"] + len(words)
    [kept, after_edit, after_rewrite] = dismissals(
        ["undismissed", [mark], [first, second], note],
        ["undismissed", [mark], moved, edited],
        ["undismissed", [mark], [gone], rewritten],
    )
    assert [f["start"] for f in kept] == [second["start"]]
    assert [f["start"] for f in after_edit] == [moved[1]["start"]]
    # The dismissed words were rewritten: the same words elsewhere are not hidden in their place.
    assert [f["start"] for f in after_rewrite] == [gone["start"]]
