import { strict as assert } from "node:assert";
import { test } from "node:test";

import {
  batchUrl,
  chunkParagraphs,
  placeFindings,
  SEPARATOR,
} from "../../../server/vblint_server/static/word/check.mjs";
import {
  commentText,
  countText,
  excerpt,
  fill,
  groupByCategory,
  matchCase,
  rewrites,
} from "../../../server/vblint_server/static/word/findings.mjs";
import { commentPackage } from "../../../server/vblint_server/static/word/ooxml.mjs";
import { finding } from "./fixtures.mjs";

const PARAGRAPHS = ["Maya (14).", "", "😀 She put herself at risk.", "Kai absconded."];

test("paragraphs travel together, empty ones left out, each remembering its offset", () => {
  const [chunk, ...rest] = chunkParagraphs(PARAGRAPHS.map((text, index) => ({ index, text })));
  assert.equal(rest.length, 0);
  assert.equal(chunk.text, ["Maya (14).", "😀 She put herself at risk.", "Kai absconded."].join(SEPARATOR));
  assert.deepEqual(chunk.parts.map((p) => [p.index, p.offset]), [[0, 0], [2, 12], [3, 41]]);
});

test("long documents are split at paragraphs", () => {
  const paragraphs = Array.from({ length: 5 }, (_, index) => ({ index, text: "x".repeat(40) }));
  const chunks = chunkParagraphs(paragraphs, 100);
  assert.deepEqual(chunks.map((c) => c.parts.map((p) => p.index)), [[0, 1], [2, 3], [4]]);
  assert.ok(chunks.every((c) => c.text.length <= 100));
});

test("findings are placed on their paragraph in UTF-16 units, after an emoji", () => {
  const [chunk] = chunkParagraphs(PARAGRAPHS.map((text, index) => ({ index, text })));
  const start = chunk.text.indexOf("She put");
  const placed = placeFindings(chunk, [
    { rule: "VB101", start, end: start + 23, context: [] },
    { rule: "VB999", start: 5, end: 20, context: [] }, // crosses paragraphs: left out
  ]);
  assert.equal(placed.length, 1);
  const [f] = placed;
  assert.equal(f.paragraph, 2);
  assert.equal(f.start, 3); // the emoji is two UTF-16 units, then a space
  assert.equal(f.paragraphText.slice(f.start, f.end), "She put herself at risk");
});

test("the check URL is under the configured server, with or without a trailing slash", () => {
  assert.equal(batchUrl("https://vblint.example.org/"), "https://vblint.example.org/v1/check/batch");
  assert.equal(batchUrl("https://x.example/vblint"), "https://x.example/vblint/v1/check/batch");
});

test("quoted speech offers no rewrite, only a frame sentence for a comment", () => {
  const texts = ["She said “I put myself at risk”."];
  const quoted = finding(texts, 0, "I put myself at risk", { quoted: true });
  assert.deepEqual(rewrites(quoted), []);
  const text = commentText(quoted);
  assert.match(text, /A sentence to add beside these words: “\[Name\] was describing/);
  assert.match(text, /kept as said/);
  const plain = finding(["She put herself at risk."], 0, "She put herself at risk");
  assert.equal(rewrites(plain).length, 1);
  assert.match(commentText(plain), /^vblint VB101 \(responsibility shifting\): /);
  assert.match(commentText(plain), /Suggested wording: “they put her at risk”/);
  assert.match(commentText(plain), /Source: UKCIS 2022/);
});

test("groups: most severe category first, document order inside", () => {
  const texts = ["A b c d e f g h."];
  const findings = [
    { ...finding(texts, 0, "f"), category: "minimising", severity: "warning" },
    { ...finding(texts, 0, "d"), category: "responsibility-shifting" },
    { ...finding(texts, 0, "b"), category: "responsibility-shifting" },
  ];
  const groups = groupByCategory(findings);
  assert.deepEqual(groups.map(([c]) => c), ["responsibility-shifting", "minimising"]);
  assert.deepEqual(groups[0][1].map((f) => excerpt(f)), ["b", "d"]);
  assert.equal(countText(findings), "3 findings: 2 errors, 1 warning.");
  assert.equal(countText([]), "No findings.");
});

test("placeholders are filled by code point, and nothing half-filled is used", () => {
  const suggestion = {
    text: "😀 [person] put her at risk",
    kind: "replace",
    placeholders: [{ start: 2, end: 10, label: "person" }],
  };
  assert.equal(fill(suggestion, ["an adult"]), "😀 an adult put her at risk");
  assert.equal(fill(suggestion, ["  "]), null);
  assert.equal(matchCase("Maya put", "they put"), "They put");
  assert.equal(matchCase("maya put", "they put"), "they put");
});

test("the comment package escapes the text and adds no words to the document", () => {
  const xml = commentPackage("Use “they” & <not> 'her'\nWhy: because");
  assert.ok(!xml.includes("<not>"));
  assert.match(xml, /&#60;not&#62;/);
  const body = /<w:body>[\s\S]*<\/w:body>/.exec(xml)[0];
  assert.ok(!body.includes("<w:t"));
  assert.equal((xml.match(/<w:p>/g) || []).length, 3);
});
