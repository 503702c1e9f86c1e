// Findings the writer has dismissed for this note, with an optional reason. They live only in
// this page's memory: nothing is sent with a check or stored anywhere.
//
// A dismissal is found again after each check by the finding's fingerprint (its rule, words and
// occurrence in the sentence, not its offset), so edits elsewhere never bring it back. The same
// words in another sentence share the fingerprint, so a dismissal also keeps the words either
// side of the finding, and takes the one finding whose surroundings match it best (and none when
// nothing around the words is left as it was).

const CONTEXT = 40;
// How many characters either side must still match: fewer, and the sentence has changed so
// much that the finding is shown again rather than hiding words the writer never dismissed.
const ENOUGH = 8;

function around(text, finding) {
  return [
    text.slice(Math.max(0, finding.start - CONTEXT), finding.start),
    text.slice(finding.end, finding.end + CONTEXT),
  ];
}

function sharedEnd(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function sharedStart(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** A dismissal of ``finding`` in the note ``text``. */
export function dismissal(text, finding, reason) {
  const [before, after] = around(text, finding);
  return {
    fingerprint: finding.fingerprint,
    before,
    after,
    reason,
    rule: finding.rule,
    words: finding.text,
    message: finding.message,
  };
}

/** ``findings`` less those the dismissals name, each dismissal hiding at most one. */
export function undismissed(dismissals, findings, text) {
  const hidden = new Set();
  for (const d of dismissals) {
    let best = null;
    let score = -1;
    for (const f of findings) {
      if (f.fingerprint !== d.fingerprint || hidden.has(f)) continue;
      const [before, after] = around(text, f);
      const same = before === d.before && after === d.after;
      const s = same ? Infinity : sharedEnd(d.before, before) + sharedStart(d.after, after);
      if (s >= ENOUGH && s > score) { best = f; score = s; }
    }
    if (best) hidden.add(best);
  }
  return findings.filter((f) => !hidden.has(f));
}
