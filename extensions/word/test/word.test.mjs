import { strict as assert } from "node:assert";
import { test } from "node:test";

import {
  acceptRewrite,
  addComment,
  ChangedError,
  locate,
  NO_TRACKING,
  ProtectedError,
  readParagraphs,
  selectFinding,
} from "../../../server/vblint_server/static/word/word.mjs";
import { finding, host } from "./fixtures.mjs";

const LETTER = [
  "Dear Ms Khan,",
  "At the meeting we heard that Maya put herself at risk. Staff said Maya put herself at risk again in June.",
  "Maya (14) said: “I put myself at risk because he was nice to me.”",
];

test("the test host refuses to let a property be read before load and sync", async () => {
  const word = host(["She put herself at risk."]);
  await word.Word.run(async (context) => {
    const paragraphs = context.document.body.paragraphs;
    assert.equal(paragraphs.items, "Error, property was not loaded");
    paragraphs.load("items/text");
    await context.sync();
    assert.equal(paragraphs.items[0].text, "She put herself at risk.");
  });
});

test("paragraphs are read in document order", async () => {
  const word = host(LETTER);
  assert.deepEqual(await readParagraphs(word), LETTER.map((text, index) => ({ index, text })));
});

test("a range is found by paragraph and offset: the second of two identical phrases", async () => {
  const word = host(LETTER);
  const second = finding(LETTER, 1, "Maya put herself at risk", { nth: 1 });
  await selectFinding(word, second);
  assert.deepEqual(word.state.selection, {
    paragraph: 1,
    start: second.start,
    end: second.end,
    text: "Maya put herself at risk",
  });
  assert.ok(second.start > LETTER[1].indexOf("Maya put herself at risk"));
});

test("an emoji before a finding does not shift its range (UTF-16 offsets)", async () => {
  const texts = ["😀👩🏽‍⚕️ e\u0301 Then she put herself at risk, again."];
  const word = host(texts);
  const f = finding(texts, 0, "she put herself at risk");
  await word.Word.run(async (context) => {
    const range = await locate(context, f);
    assert.equal(range.text, "she put herself at risk");
  });
  await acceptRewrite(word, f, "they put her at risk");
  assert.equal(word.text()[0], "😀👩🏽‍⚕️ e\u0301 Then they put her at risk, again.");
});

test("words inside a word-piece (after a bracket, before a comma) are split to characters", async () => {
  const texts = ["Reported (she sexted him), then left."];
  const word = host(texts);
  const f = finding(texts, 0, "sexted");
  await word.Word.run(async (context) => {
    assert.equal((await locate(context, f)).text, "sexted");
  });
});

test("accepting records a tracked change and restores the writer's mode", async (t) => {
  for (const mode of ["Off", "TrackMineOnly", "TrackAll"]) {
    await t.test(mode, async () => {
      const word = host(LETTER, { mode });
      const f = finding(LETTER, 1, "Maya put herself at risk");
      const result = await acceptRewrite(word, f, "They put Maya at risk");
      assert.deepEqual(result, { how: "tracked", previous: mode });
      assert.deepEqual(word.state.revisions, [
        {
          paragraph: 1,
          deleted: "Maya put herself at risk",
          inserted: "They put Maya at risk",
          author: "Sam Writer",
          mode: "TrackAll",
        },
      ]);
      assert.equal(word.state.mode, mode);
      assert.equal(word.state.modeLog.at(-1) ?? mode, mode);
      assert.ok(word.text()[1].startsWith("At the meeting we heard that They put Maya at risk."));
      // The second occurrence is untouched.
      assert.ok(word.text()[1].includes("Staff said Maya put herself at risk again"));
    });
  }
});

test("the writer's mode is restored even when the edit fails", async () => {
  const word = host(LETTER, { mode: "Off" });
  const f = finding(LETTER, 1, "Maya put herself at risk");
  const original = word.Word.run;
  word.Word.run = (callback) =>
    original(async (context) => {
      const sync = context.sync.bind(context);
      let calls = 0;
      context.sync = async () => {
        await sync();
        // Fail the sync that carries the edit (the one after tracking was switched on).
        if (word.state.mode === "TrackAll" && calls++ === 0) throw new Error("GeneralException");
      };
      return callback(context);
    });
  await assert.rejects(acceptRewrite(word, f, "They put Maya at risk"), /GeneralException/);
  assert.equal(word.state.mode, "Off");
});

test("quoted speech is never rewritten", async () => {
  const word = host(LETTER);
  const f = finding(LETTER, 2, "I put myself at risk", { quoted: true });
  await assert.rejects(acceptRewrite(word, f, "he put me at risk"), ProtectedError);
  assert.deepEqual(word.text(), LETTER);
  assert.deepEqual(word.state.revisions, []);
});

test("add as comment leaves a Word comment on the words with the suggested wording", async () => {
  const word = host(LETTER);
  const f = finding(LETTER, 2, "I put myself at risk", { quoted: true });
  await addComment(word, f, "vblint VB101: keep the words; add a sentence beside them.");
  assert.equal(word.state.comments.length, 1);
  const [comment] = word.state.comments;
  assert.equal(comment.via, "api");
  assert.equal(comment.words, "I put myself at risk");
  assert.equal(comment.text, "vblint VB101: keep the words; add a sentence beside them.");
  assert.deepEqual(word.text(), LETTER);
});

test("without WordApi 1.4 accepting falls back to a comment, and says why", async () => {
  const word = host(LETTER, { apiVersion: "1.3" });
  const f = finding(LETTER, 1, "Maya put herself at risk");
  const result = await acceptRewrite(word, f, "They put Maya at risk");
  assert.deepEqual(result, { how: "comment", reason: NO_TRACKING });
  assert.deepEqual(word.text(), LETTER);
  assert.deepEqual(word.state.revisions, []);
  const [comment] = word.state.comments;
  assert.equal(comment.via, "ooxml");
  assert.equal(comment.author, "vblint");
  assert.equal(comment.start, f.end);
  assert.match(comment.text, /Suggested wording: “They put Maya at risk”/);
  assert.match(comment.text, /WordApi 1\.4/);
});

test("a paragraph that changed after the check is not edited", async () => {
  const word = host(LETTER);
  const f = finding(LETTER, 1, "Maya put herself at risk");
  word.setParagraphs([LETTER[0], `Update: ${LETTER[1]}`, LETTER[2]]);
  await assert.rejects(acceptRewrite(word, f, "They put Maya at risk"), ChangedError);
  await assert.rejects(selectFinding(word, f), ChangedError);
  assert.deepEqual(word.state.revisions, []);
});
