// What an accepted rewrite puts in the note, worked out before anything is inserted, so the
// card can show exactly the text and the range that accepting will use. No DOM here: the
// functions are pure, and the page and its tests share them.
//
// Offsets into the note are UTF-16 code units (JavaScript string indices, what the API returns
// with offset_encoding "utf-16"); placeholder offsets are code points into the suggestion text,
// as the API documents them.

const OPENERS = /["“‘'(\[\s]*$/u;
const SENTENCE_END = /[.!?…]["”’')\]]*$/u;
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|cf|approx|vs|viz|no|nos|mr|mrs|ms|dr|st)\.$/iu;

/** True when ``offset`` begins a sentence: the note's start, a new line, or after . ! ? … */
export function startsSentence(text, offset) {
  const before = text.slice(0, offset);
  const gap = before.match(OPENERS)[0];
  if (gap.includes("\n")) return true;
  const rest = before.slice(0, before.length - gap.length);
  if (!rest) return true;
  return SENTENCE_END.test(rest) && !ABBREVIATION.test(rest.replace(/["”’')\]]+$/u, ""));
}

/** ``text`` with its first letter upper case (after any opening quote or bracket). */
export function capitalise(text) {
  const chars = Array.from(text);
  const first = chars.findIndex((c) => /\p{L}/u.test(c));
  if (first === -1 || !/\p{Ll}/u.test(chars[first])) return text;
  if (chars.slice(0, first).some((c) => !/["“‘'(\[]/u.test(c))) return text;
  chars[first] = chars[first].toLocaleUpperCase("en-GB");
  return chars.join("");
}

/**
 * The suggestion with each placeholder replaced by the writer's words (``values[i]`` for
 * placeholder ``i``). A value that fills a placeholder at the very start follows the case the
 * service gave it: "[The person who harmed her]" begins a sentence, so "a man she met" becomes
 * "A man she met".
 */
export function fill(suggestion, values) {
  const chars = Array.from(suggestion.text);
  const marks = suggestion.placeholders.map((p, i) => [p, values[i] ?? ""]);
  for (const [p, value] of marks.sort((a, b) => b[0].start - a[0].start)) {
    const label = chars.slice(p.start + 1, p.end).join("");
    const words = p.start === 0 && /^\p{Lu}/u.test(label) ? capitalise(value) : value;
    chars.splice(p.start, p.end - p.start, words);
  }
  return chars.join("");
}

/** The rewrite in the case its place in the note asks for (capital at a sentence start). */
export function casedFor(text, start, replacement) {
  return startsSentence(text, start) ? capitalise(replacement) : replacement;
}

/** Where a sentence added after ``from`` goes: just past the end of that sentence. */
export function sentenceEnd(text, from) {
  const rest = text.slice(from);
  const m = rest.match(/[.!?…]["”’)]*|\n/u);
  return m ? from + m.index + (m[0] === "\n" ? 0 : m[0].length) : text.length;
}

const EXAMPLE = /^(.*?for example:)\s*['‘"“](.+)['’"”]\s*$/su;

/**
 * The part of a suggestion that goes into the note, and any words about it that do not.
 * A frame given as advice with an example ("Add a sentence ..., for example: '[Name] used these
 * words.'") inserts only the example sentence; its placeholders move with it.
 */
export function insertable(suggestion) {
  const m = suggestion.kind === "frame" ? suggestion.text.match(EXAMPLE) : null;
  if (!m) return { suggestion, lead: "" };
  const chars = Array.from(suggestion.text);
  const body = Array.from(m[2]);
  let from = Array.from(m[1]).length;
  while (from < chars.length && chars.slice(from, from + body.length).join("") !== m[2]) from += 1;
  const placeholders = suggestion.placeholders
    .filter((p) => p.start >= from && p.end <= from + body.length)
    .map((p) => ({ ...p, start: p.start - from, end: p.end - from }));
  return { suggestion: { ...suggestion, text: m[2], placeholders }, lead: m[1] };
}

/**
 * The one edit accepting ``suggestion`` makes: ``{start, end, insert}`` in UTF-16 units.
 * A ``replace`` suggestion replaces the finding's words; a ``frame`` sentence is added after
 * the sentence holding them, which stay exactly as they were. With ``values`` the placeholders
 * are filled in first; without, they stay as "[labels]" (what the card shows).
 */
export function planEdit(text, finding, suggestion, values = null) {
  const use = insertable(suggestion).suggestion;
  const words = values === null ? use.text : fill(use, values);
  if (use.kind === "frame") {
    const at = sentenceEnd(text, finding.end);
    const space = at > 0 && !/\s/u.test(text[at - 1]) ? " " : "";
    return { start: at, end: at, insert: space + capitalise(words) };
  }
  return { start: finding.start, end: finding.end, insert: casedFor(text, finding.start, words) };
}

/** True when the note still holds the finding's words where the check found them. */
export function stillThere(text, finding) {
  return text.slice(finding.start, finding.end) === finding.text;
}

/**
 * Findings moved to the same words after an edit from ``oldText`` to ``newText``: findings
 * before or after the changed stretch shift with it, findings inside it are dropped.
 */
export function shift(findings, oldText, newText) {
  let prefix = 0;
  const max = Math.min(oldText.length, newText.length);
  while (prefix < max && oldText[prefix] === newText[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]
  ) suffix++;
  const delta = newText.length - oldText.length;
  const editEnd = oldText.length - suffix;
  return findings
    .filter((f) => f.end <= prefix || f.start >= editEnd)
    .map((f) => (f.start >= editEnd ? { ...f, start: f.start + delta, end: f.end + delta } : f));
}

/** Quoted speech in the note, as [start, end) pairs, for shading. */
export function quotedRanges(text) {
  const ranges = [];
  for (const m of text.matchAll(/“[^”]*”|"[^"\n]*"|‘[^’\n]{2,}’/gu)) {
    ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

/** True for findings in quoted speech: someone's own words, kept as evidence. */
export function isQuoted(finding) {
  return (finding.context || []).includes("quoted");
}

/** The suggestions the page offers: never a rewrite of quoted words, only a sentence beside. */
export function offered(finding) {
  const quoted = isQuoted(finding);
  return finding.suggestions.filter((s) => (quoted ? s.kind === "frame" : true));
}
