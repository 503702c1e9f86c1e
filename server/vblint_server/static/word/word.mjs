// Everything the pane does to the Word document, through the Word JavaScript API only.
//
// A finding is found again by its paragraph and its UTF-16 offsets in that paragraph, never by
// searching for its words (they can occur twice): the paragraph is split into word ranges, the
// ranges' own texts give their offsets, and at a boundary inside a word the word is split into
// its characters (a one-character wildcard). The range's text is compared with the words that
// were checked before anything is changed.
//
// ``host`` is { Office, Word }: the globals inside Word, the test host in tests.

import { commentText, isQuoted } from "./findings.mjs";
import { commentPackage } from "./ooxml.mjs";

export const TRACKING_SET = ["WordApi", "1.4"];
export const NO_TRACKING =
  "This version of Word cannot record an add-in's edit as a tracked change (it needs " +
  "WordApi 1.4), so the wording was left as a comment for you to apply.";
const PIECE_MARKS = [" "];
const ONE_CHARACTER = "?";
const START = "Start";
const END = "End";

/** The document changed since the check, so the finding's words are no longer where they were. */
export class ChangedError extends Error {
  constructor() {
    super("The document has changed since it was checked: check it again.");
    this.name = "ChangedError";
  }
}

/** A rewrite was asked for inside quoted speech. */
export class ProtectedError extends Error {
  constructor() {
    super("These are someone's own words (quoted speech): they are never rewritten.");
    this.name = "ProtectedError";
  }
}

/** True where Word can track the pane's edits and take comments (WordApi 1.4). */
export function tracksChanges(host) {
  return host.Office.context.requirements.isSetSupported(...TRACKING_SET);
}

/** The body's paragraphs as { index, text }, in document order. */
export async function readParagraphs(host) {
  return host.Word.run(async (context) => {
    const paragraphs = context.document.body.paragraphs;
    paragraphs.load("items/text");
    await context.sync();
    return paragraphs.items.map((p, index) => ({ index, text: p.text }));
  });
}

/** The ranges of a collection with their offsets, from their own texts. */
async function withOffsets(context, collection, base = 0) {
  collection.load("items/text");
  await context.sync();
  let at = base;
  return collection.items.map((range) => {
    const piece = { range, start: at, end: at + range.text.length };
    at = piece.end;
    return piece;
  });
}

/** The range that starts (or ends) exactly at ``offset`` inside ``piece``. */
async function boundary(context, piece, offset, edge) {
  if (edge === "start" ? offset === piece.start : offset === piece.end) return piece.range;
  const characters = piece.range.search(ONE_CHARACTER, { matchWildcards: true });
  const chars = await withOffsets(context, characters, piece.start);
  const hit = chars.find((c) => (edge === "start" ? c.start === offset : c.end === offset));
  if (!hit) throw new ChangedError();
  return hit.range;
}

/** The Word range of a finding, checked to hold the words that were checked. */
export async function locate(context, finding) {
  const paragraphs = context.document.body.paragraphs;
  paragraphs.load("items/text");
  await context.sync();
  const paragraph = paragraphs.items[finding.paragraph];
  if (!paragraph || paragraph.text !== finding.paragraphText) throw new ChangedError();
  const { start, end } = finding;
  let pieces = await withOffsets(context, paragraph.getTextRanges(PIECE_MARKS, false));
  if (pieces.map((p) => p.range.text).join("") !== paragraph.text) {
    pieces = [{ range: paragraph, start: 0, end: paragraph.text.length }];
  }
  const first = pieces.find((p) => p.start <= start && start < p.end);
  const last = pieces.find((p) => p.start < end && end <= p.end);
  if (!first || !last) throw new ChangedError();
  const from = await boundary(context, first, start, "start");
  const to = await boundary(context, last, end, "end");
  // expandTo covers both ranges whole, so join the start of one to the end of the other.
  const range =
    from === to ? from : from.getRange(START).expandTo(to.getRange(END));
  range.load("text");
  await context.sync();
  if (range.text !== finding.paragraphText.slice(start, end)) throw new ChangedError();
  return range;
}

/** Select the finding's words in the document, as the spelling checker does. */
export async function selectFinding(host, finding) {
  await host.Word.run(async (context) => {
    const range = await locate(context, finding);
    range.select();
    await context.sync();
  });
}

/**
 * Leave a comment on the finding's words: Word's comments API where the host has it, else the
 * same comment as Office Open XML inserted after the words.
 */
export async function addComment(host, finding, text) {
  return host.Word.run(async (context) => {
    const range = await locate(context, finding);
    if (tracksChanges(host)) {
      range.insertComment(text);
    } else {
      range.insertOoxml(commentPackage(text), "After");
    }
    await context.sync();
    return { how: "comment" };
  });
}

/**
 * Replace the finding's words with ``replacement`` as a tracked change, so the author or a
 * manager accepts or rejects it in Word. Tracking is switched on for this one edit and the
 * writer's own mode (off, all, only mine) is put back afterwards, even when the edit fails.
 * Where the host cannot track changes the wording becomes a comment, and the answer says why.
 */
export async function acceptRewrite(host, finding, replacement) {
  if (isQuoted(finding)) throw new ProtectedError();
  if (!tracksChanges(host)) {
    await addComment(host, finding, commentText(finding, replacement, NO_TRACKING));
    return { how: "comment", reason: NO_TRACKING };
  }
  return host.Word.run(async (context) => {
    const range = await locate(context, finding);
    const document = context.document;
    document.load("changeTrackingMode");
    await context.sync();
    const previous = document.changeTrackingMode;
    document.changeTrackingMode = host.Word.ChangeTrackingMode.trackAll;
    try {
      range.insertText(replacement, host.Word.InsertLocation.replace);
      await context.sync();
    } finally {
      document.changeTrackingMode = previous;
      await context.sync();
    }
    return { how: "tracked", previous };
  });
}
