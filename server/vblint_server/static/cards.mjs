// The card for one finding: its message first, the words it is about, each rewrite exactly as
// accepting would insert it and where, or advice in words when no rewrite fits, then why it
// matters, the source, and dismissing it for this note.

import { insertable, isQuoted, offered, planEdit } from "./wording.mjs";

export const SEVERITY = {
  error: { icon: "■", label: "Error", rank: 3 },
  warning: { icon: "▲", label: "Warning", rank: 2 },
  info: { icon: "●", label: "Info", rank: 1 },
};

const $ = (id) => document.getElementById(id);

/** The finding's words, shortened for a heading or a list. */
export function excerpt(words, max = 60) {
  return words.length > max ? `${words.slice(0, max - 3)}…` : words;
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function rewriteItem(text, finding, suggestion, index, onAccept) {
  const plan = planEdit(text, finding, suggestion);
  const shown = plan.insert.trimStart();
  const frame = suggestion.kind === "frame";
  const li = element("li", "rewrite");
  li.dataset.index = String(index);
  const wording = element("p", "wording", shown);
  wording.lang = "en-GB";
  const { suggestion: used, lead } = insertable(suggestion);
  const notes = [];
  if (lead) notes.push(lead.replace(/,?\s*for example:$/u, "."));
  if (frame) notes.push("Added after the sentence with the quoted words, which stay as said.");
  if (used.placeholders.length) notes.push("You fill in the parts in [brackets] first.");
  const verb = frame ? "Add this sentence" : "Use this wording";
  const use = element("button", "accept", verb);
  use.type = "button";
  use.setAttribute("aria-label", `${verb}: ${shown}`);
  use.addEventListener("click", () => onAccept(index, false));
  const next = element("button", "accept-next", frame ? "Add and go to next" : "Use and go to next");
  next.type = "button";
  next.setAttribute("aria-label", `${next.textContent}: ${shown}`);
  next.addEventListener("click", () => onAccept(index, true));
  const actions = element("div", "actions");
  actions.append(use, next);
  li.append(wording);
  if (notes.length) li.append(element("p", "where", notes.join(" ")));
  li.append(actions);
  return li;
}

/** Fill the card for ``finding`` in the note ``text``; hide it when there is none. */
export function renderCard(finding, text, handlers) {
  const detail = $("detail");
  if (!finding) {
    detail.hidden = true;
    return;
  }
  const sev = SEVERITY[finding.severity];
  detail.hidden = false;
  detail.className = `detail sev-${finding.severity}`;
  detail.dataset.fingerprint = finding.fingerprint;
  detail.dataset.start = String(finding.start);
  $("detail-title").textContent = `${sev.icon} ${sev.label}: ${finding.message}`;
  $("detail-words").textContent = excerpt(finding.text, 120);
  $("detail-meta").textContent =
    `${finding.rule} ${finding.name} · ${finding.category.replace(/-/g, " ")} · line ${finding.line}`;
  $("detail-why").textContent = finding.explanation;
  $("detail-source").textContent = finding.source;
  // The service serves the rule's page itself, so the link works with no internet.
  $("detail-link").href = `/rules/${encodeURIComponent(finding.rule)}`;
  $("detail-protected").hidden = !isQuoted(finding);
  const list = $("rewrites");
  list.replaceChildren();
  finding.suggestions.forEach((s, i) => {
    if (offered(finding).includes(s)) list.append(rewriteItem(text, finding, s, i, handlers.accept));
  });
  const advice = $("detail-advice");
  const none = !list.children.length;
  const replacing = offered(finding).some((s) => s.kind === "replace");
  $("rewrites-where").hidden = !replacing;
  $("detail-words").parentElement.hidden = replacing;
  $("rewrites-where").textContent = replacing
    ? `Each replaces the words “${excerpt(finding.text, 120)}”.`
    : "";
  $("rewrites-title").hidden = none;
  list.hidden = none;
  advice.hidden = !none;
  advice.textContent = none
    ? finding.advice || "No rewrite fits here: reword it in your own words, saying who did what."
    : "";
  $("dismiss-reason").value = "";
}

/** The findings dismissed in this note, each with its reason and a way to bring it back. */
export function renderDismissed(entries, onRestore) {
  const panel = $("dismissed");
  const list = $("dismissed-list");
  list.replaceChildren();
  panel.hidden = entries.length === 0;
  $("dismissed-title").textContent = `Dismissed in this note (${entries.length})`;
  entries.forEach((entry, index) => {
    const li = element("li");
    li.dataset.fingerprint = entry.fingerprint;
    li.append(element("span", "dismissed-what", `${entry.rule}: “${excerpt(entry.words)}”`));
    li.append(element("span", "dismissed-why", entry.reason ? ` — ${entry.reason}` : " — no reason given"));
    const restore = element("button", "restore", "Show again");
    restore.type = "button";
    restore.setAttribute("aria-label", `Show again: ${entry.rule} “${excerpt(entry.words)}”`);
    restore.addEventListener("click", () => onRestore(index));
    li.append(" ", restore);
    list.append(li);
  });
}
