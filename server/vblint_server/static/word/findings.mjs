// What the Word pane shows about a finding and what it may do with it. No Word and no network
// here, so every rule of the pane (quoted speech is never rewritten, placeholders are filled
// before anything reaches the document) is tested on its own.

export const SEVERITY = {
  error: { icon: "■", label: "Error", rank: 3 },
  warning: { icon: "▲", label: "Warning", rank: 2 },
  info: { icon: "●", label: "Info", rank: 1 },
};

/** Quoted speech is someone's own words, kept as evidence: never rewritten, only commented on. */
export function isQuoted(finding) {
  return finding.context.includes("quoted");
}

/** The rewrites the pane may put into the document: none inside quoted speech. */
export function rewrites(finding) {
  return isQuoted(finding) ? [] : finding.suggestions.filter((s) => s.kind === "replace");
}

/** The wording to offer in a comment: a frame sentence for quoted speech, else the rewrites. */
export function commentSuggestions(finding) {
  return isQuoted(finding)
    ? finding.suggestions.filter((s) => s.kind === "frame")
    : finding.suggestions;
}

/** "responsibility-shifting" -> "responsibility shifting". */
export function categoryLabel(category) {
  return category.replace(/-/g, " ");
}

/** Findings grouped by category, the most severe group first, document order inside. */
export function groupByCategory(findings) {
  const groups = new Map();
  for (const f of findings) {
    if (!groups.has(f.category)) groups.set(f.category, []);
    groups.get(f.category).push(f);
  }
  const worst = (items) => Math.max(...items.map((f) => SEVERITY[f.severity].rank));
  for (const items of groups.values()) {
    items.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
  }
  return [...groups.entries()].sort((a, b) => worst(b[1]) - worst(a[1]));
}

/** A short quotation of the words found, for the list. */
export function excerpt(finding, limit = 60) {
  const words = finding.paragraphText.slice(finding.start, finding.end);
  return words.length > limit ? `${words.slice(0, limit - 3)}…` : words;
}

/**
 * A suggestion with its [placeholders] replaced by what the writer typed.
 * Placeholder offsets are code points into the suggestion, so Array.from counts them; null
 * while any placeholder is still empty, so nothing half-filled reaches the document.
 */
export function fill(suggestion, values) {
  const chars = Array.from(suggestion.text);
  const filled = suggestion.placeholders.map((p, i) => [p, (values[i] ?? "").trim()]);
  if (filled.some(([, value]) => !value)) return null;
  for (const [p, value] of filled.sort((a, b) => b[0].start - a[0].start)) {
    chars.splice(p.start, p.end - p.start, value);
  }
  return chars.join("");
}

/** A rewrite starts with a capital where the words it replaces did. */
export function matchCase(original, replacement) {
  if (/^\p{Lu}/u.test(original) && /^\p{Ll}/u.test(replacement)) {
    return replacement[0].toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

/**
 * The text of a Word comment about a finding: rule, message, the wording to consider and why,
 * so a manager reviewing the document sees the guidance without the pane.
 */
export function commentText(finding, wording, note = "") {
  const lines = [`vblint ${finding.rule} (${categoryLabel(finding.category)}): ${finding.message}`];
  const offered = wording ? [wording] : commentSuggestions(finding).map((s) => s.text);
  if (offered.length) {
    const label = isQuoted(finding) ? "A sentence to add beside these words" : "Suggested wording";
    lines.push(`${label}: ${offered.map((t) => `“${t}”`).join(" or ")}`);
  }
  if (isQuoted(finding)) lines.push("These are someone's own words: they are kept as said.");
  lines.push(`Why: ${finding.explanation}`);
  if (finding.source) lines.push(`Source: ${finding.source}`);
  if (note) lines.push(note);
  return lines.join("\n");
}

/** "3 findings: 1 error, 2 warnings." */
export function countText(findings) {
  const n = findings.length;
  if (!n) return "No findings.";
  const tally = { error: 0, warning: 0, info: 0 };
  for (const f of findings) tally[f.severity]++;
  const parts = Object.entries(tally)
    .filter(([, c]) => c)
    .map(([s, c]) => `${c} ${SEVERITY[s].label.toLowerCase()}${c === 1 ? "" : "s"}`);
  return `${n} finding${n === 1 ? "" : "s"}: ${parts.join(", ")}.`;
}
