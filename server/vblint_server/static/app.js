// vblint writing page: checks as you type, underlines findings in place, and applies a rewrite
// exactly as its card shows it, as one undoable edit.
// Offsets come from the API in UTF-16 code units, which are JavaScript string indices, so an
// emoji or a combining accent before a finding never shifts its underline or its rewrite.

import { renderCard, renderDismissed, excerpt, SEVERITY } from "./cards.mjs";
import { dismissal, undismissed } from "./dismissals.mjs";
import { history, typeOver } from "./editor.mjs";
import { insertable, isQuoted, planEdit, quotedRanges, shift, stillThere } from "./wording.mjs";

const DEBOUNCE_MS = 350;
const $ = (id) => document.getElementById(id);
const note = $("note");
const highlights = $("highlights");
const backdrop = $("backdrop");
const counts = $("counts");
const checkStatus = $("check-status");
const detail = $("detail");
const groups = $("groups");
const actionStatus = $("action-status");
const side = document.querySelector(".side");

let findings = []; // what is shown: the last check's findings, less the dismissed ones
let checkedText = "";
let current = -1;
let timer = 0;
let sequence = 0;
let lastCountText = "";
// Dismissed in this note (see dismissals.mjs): only in this page's memory, never sent or stored.
let dismissed = [];

const apiKey = () => sessionStorage.getItem("vblint-key") || "";

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render() {
  const text = note.value;
  const points = new Set([0, text.length]);
  const quotes = quotedRanges(text);
  for (const f of findings) { points.add(f.start); points.add(f.end); }
  for (const [s, e] of quotes) { points.add(s); points.add(e); }
  const cuts = [...points].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i < cuts.length - 1; i++) {
    const [s, e] = [cuts[i], cuts[i + 1]];
    const piece = escapeHtml(text.slice(s, e));
    const covering = findings.map((f, idx) => [f, idx]).filter(([f]) => f.start <= s && f.end >= e);
    const quoted = quotes.some(([qs, qe]) => qs <= s && qe >= e);
    if (!covering.length && !quoted) { html += piece; continue; }
    if (!covering.length) { html += `<span class="quoted">${piece}</span>`; continue; }
    const [top] = covering.sort((a, b) => SEVERITY[b[0].severity].rank - SEVERITY[a[0].severity].rank);
    const classes = [`sev-${top[0].severity}`];
    if (quoted) classes.push("quoted");
    if (covering.some(([, idx]) => idx === current)) classes.push("current");
    html += `<mark class="${classes.join(" ")}" data-index="${top[1]}">${piece}</mark>`;
  }
  highlights.innerHTML = html + "\u200b\n";
  backdrop.scrollTop = note.scrollTop;
  renderPanel();
  renderCard(findings[current], text, { accept });
  renderDismissed(dismissed, restore);
}

function announceCounts() {
  const tally = { error: 0, warning: 0, info: 0 };
  for (const f of findings) tally[f.severity]++;
  const n = findings.length;
  let message = n === 0 ? "No findings." : `${n} finding${n === 1 ? "" : "s"}: `;
  if (n) {
    message += Object.entries(tally).filter(([, c]) => c)
      .map(([s, c]) => `${c} ${SEVERITY[s].label.toLowerCase()}${c === 1 ? "" : "s"}`)
      .join(", ") + ".";
  }
  if (dismissed.length) message += ` ${dismissed.length} dismissed.`;
  if (message !== lastCountText) { counts.textContent = message; lastCountText = message; }
}

function renderPanel() {
  const byCategory = new Map();
  findings.forEach((f, idx) => {
    if (!byCategory.has(f.category)) byCategory.set(f.category, []);
    byCategory.get(f.category).push([f, idx]);
  });
  groups.replaceChildren();
  for (const [category, items] of byCategory) {
    const h = document.createElement("h3");
    h.textContent = `${category.replace(/-/g, " ")} (${items.length})`;
    const ul = document.createElement("ul");
    for (const [f, idx] of items) {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.index = String(idx);
      b.dataset.fingerprint = f.fingerprint;
      b.dataset.start = String(f.start);
      if (idx === current) b.setAttribute("aria-current", "true");
      const sev = SEVERITY[f.severity];
      b.innerHTML = `<span class="icon" aria-hidden="true">${sev.icon}</span>` +
        `<span class="sev-label">${sev.label}</span> ${escapeHtml(f.rule)}: ` +
        `<span class="excerpt">“${escapeHtml(excerpt(f.text))}”</span>` +
        (isQuoted(f) ? " (quoted speech)" : "") +
        `<span class="panel-message">${escapeHtml(f.message)}</span>`;
      b.addEventListener("click", () => select(idx, true));
      li.append(b);
      ul.append(li);
    }
    groups.append(h, ul);
  }
}

function select(idx, focusCard) {
  current = idx;
  const f = findings[idx];
  render();
  if (!f) return;
  if (focusCard) {
    detail.focus();
  } else {
    note.focus();
    note.setSelectionRange(f.start, f.end);
  }
}

function inOrder() {
  return findings.map((f, i) => [f.start, i]).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
}

function step(direction) {
  if (!findings.length) return;
  const order = inOrder();
  const pos = order.indexOf(current);
  const next = pos === -1 ? (direction > 0 ? 0 : order.length - 1)
    : (pos + direction + order.length) % order.length;
  select(order[next], false);
  checkStatus.textContent = `Finding ${next + 1} of ${order.length}: ${findings[order[next]].message}`;
}

// Ask for each placeholder, showing the finished wording as it will be inserted.
function askForPlaceholders(finding, suggestion) {
  const { placeholders } = insertable(suggestion).suggestion;
  if (!placeholders.length) return Promise.resolve([]);
  const dialog = $("fill");
  const fields = $("fill-fields");
  const preview = $("fill-preview");
  fields.replaceChildren();
  const inputs = placeholders.map((p, i) => {
    const label = document.createElement("label");
    label.htmlFor = `fill-${i}`;
    label.textContent = p.label;
    const input = document.createElement("input");
    input.id = `fill-${i}`;
    input.required = true;
    fields.append(label, input);
    return input;
  });
  const values = () => inputs.map((input) => input.value.trim());
  const show = () => {
    preview.textContent = planEdit(note.value, finding, suggestion, values()).insert.trimStart();
  };
  inputs.forEach((input) => input.addEventListener("input", show));
  show();
  return new Promise((resolve) => {
    const done = (value) => { dialog.close(); resolve(value); };
    $("fill-cancel").onclick = () => done(null);
    dialog.oncancel = () => resolve(null);
    $("fill-form").onsubmit = (event) => {
      event.preventDefault();
      done(values());
    };
    dialog.showModal();
    inputs[0].focus();
  });
}

async function accept(suggestionIndex, thenNext) {
  const f = findings[current];
  const suggestion = f && f.suggestions[suggestionIndex];
  if (!suggestion) return;
  if (isQuoted(f) && suggestion.kind !== "frame") return; // quoted speech is never rewritten
  if (!stillThere(note.value, f)) {
    actionStatus.textContent = "The note has changed: checking again before changing it.";
    scheduleCheck(0);
    return;
  }
  const values = await askForPlaceholders(f, suggestion);
  if (values === null) { detail.focus(); return; }
  const plan = planEdit(note.value, f, suggestion, values);
  const undoable = typeOver(note, plan.start, plan.end, plan.insert);
  // The input listener has moved the other findings past the edit and dropped this one.
  const after = plan.start + plan.insert.length;
  note.setSelectionRange(after, after);
  announceCounts();
  const done = suggestion.kind === "frame" ? "Sentence added." : "Wording replaced.";
  actionStatus.textContent = undoable ? `${done} Ctrl+Z undoes it.` : done;
  if (thenNext) goToNextAfter(after);
  scheduleCheck(0);
}

function goToNextAfter(offset) {
  const order = inOrder();
  const next = order.find((i) => findings[i].start >= offset) ?? order[0];
  if (next === undefined) {
    current = -1;
    render();
    actionStatus.textContent += " No more findings.";
    note.focus();
    return;
  }
  select(next, true);
}

function dismiss(event) {
  event.preventDefault();
  const f = findings[current];
  if (!f) return;
  const reason = $("dismiss-reason").value.trim();
  dismissed.push(dismissal(note.value, f, reason));
  const order = inOrder();
  const after = order.map((i) => findings[i]).find((x) => x.start > f.start && x !== f);
  findings = findings.filter((x) => x !== f);
  current = after === undefined ? -1 : findings.indexOf(after);
  render();
  announceCounts();
  actionStatus.textContent = `Dismissed ${f.rule} for this note${reason ? `: ${reason}` : ""}.`;
  if (current === -1) note.focus(); else detail.focus();
}

function restore(index) {
  dismissed = dismissed.filter((_, i) => i !== index);
  actionStatus.textContent = "Shown again.";
  scheduleCheck(0);
}

// The findings panel is busy from an edit until the check of the text as it now is answers.
function busy(state) {
  side.setAttribute("aria-busy", state ? "true" : "false");
}

async function check() {
  const text = note.value;
  const mine = ++sequence;
  if (!text.trim()) {
    findings = []; checkedText = text; current = -1; dismissed = [];
    render(); announceCounts();
    checkStatus.textContent = "";
    busy(false);
    return;
  }
  checkStatus.textContent = "Checking…";
  const headers = { "Content-Type": "application/json" };
  if (apiKey()) headers.Authorization = `Bearer ${apiKey()}`;
  const profile = $("profile").value;
  let response;
  try {
    response = await fetch("/v1/check", {
      method: "POST", headers, cache: "no-store",
      body: JSON.stringify({ text, offset_encoding: "utf-16", profile }),
    });
  } catch {
    if (mine === sequence) { checkStatus.textContent = "Cannot reach the checking service."; busy(false); }
    return;
  }
  const data = await response.json().catch(() => ({}));
  if (mine !== sequence || note.value !== text) return;
  if (!response.ok) {
    if (response.status === 401) { $("auth").hidden = false; $("auth").open = true; }
    const message = data.error ? data.error.message : `error ${response.status}`;
    checkStatus.textContent = `Not checked: ${message}`;
    busy(false);
    return;
  }
  $("auth").open = false;
  const keep = findings[current];
  findings = undismissed(dismissed, data.findings, text);
  checkedText = text;
  current = keep ? same(keep) : -1;
  render();
  announceCounts();
  checkStatus.textContent = "Checked.";
  busy(false);
}

// The finding that was open, found again: the same fingerprint, nearest where it was.
function same(kept) {
  let best = -1;
  findings.forEach((f, i) => {
    if (f.fingerprint !== kept.fingerprint) return;
    if (best === -1 || Math.abs(f.start - kept.start) < Math.abs(findings[best].start - kept.start)) best = i;
  });
  return best;
}

function scheduleCheck(delay) {
  busy(true);
  clearTimeout(timer);
  timer = setTimeout(check, delay);
}

function caretFinding() {
  const pos = note.selectionStart;
  const idx = findings.findIndex((f) => f.start <= pos && pos <= f.end && note.selectionEnd <= f.end);
  if (idx !== current) { current = idx; render(); }
}

note.addEventListener("input", () => {
  findings = shift(findings, checkedText, note.value);
  checkedText = note.value;
  current = -1;
  render();
  scheduleCheck(DEBOUNCE_MS);
});
note.addEventListener("scroll", () => { backdrop.scrollTop = note.scrollTop; });
note.addEventListener("click", caretFinding);
note.addEventListener("keyup", (event) => {
  if (event.key.startsWith("Arrow") || event.key === "Home" || event.key === "End") caretFinding();
});
document.addEventListener("keydown", (event) => {
  if (event.altKey && (event.key === "n" || event.key === "N")) { event.preventDefault(); step(1); }
  else if (event.altKey && (event.key === "p" || event.key === "P")) { event.preventDefault(); step(-1); }
  else if (event.key === "F8") { event.preventDefault(); step(event.shiftKey ? -1 : 1); }
  else if (event.key === "Escape" && !$("fill").open) { note.focus(); }
});
$("dismiss-form").addEventListener("submit", dismiss);
$("profile").addEventListener("change", () => {
  checkStatus.textContent = "Checking for this kind of writing…";
  scheduleCheck(0);
});
$("undo").addEventListener("click", () => history(note, "undo"));
$("redo").addEventListener("click", () => history(note, "redo"));
$("copy").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(note.value);
  } catch {
    note.select();
    document.execCommand("copy");
  }
  checkStatus.textContent = "Revised text copied.";
});
$("save-key").addEventListener("click", () => {
  sessionStorage.setItem("vblint-key", $("api-key").value.trim());
  $("api-key").value = "";
  scheduleCheck(0);
});
new ResizeObserver(() => { backdrop.scrollTop = note.scrollTop; }).observe(note);
if (note.value) scheduleCheck(0);
