// vblint writing page: checks as you type and underlines findings in place.
// Offsets come from the API in UTF-16 code units, which are JavaScript string indices, so
// an emoji before a finding never shifts its underline.
"use strict";

(() => {
  const DEBOUNCE_MS = 350;
  const SEVERITY = {
    error: { icon: "■", label: "Error", rank: 3 },
    warning: { icon: "▲", label: "Warning", rank: 2 },
    info: { icon: "●", label: "Info", rank: 1 },
  };
  const QUOTE = /“[^”]*”|"[^"\n]*"|‘[^’\n]{2,}’/g;

  const $ = (id) => document.getElementById(id);
  const note = $("note");
  const highlights = $("highlights");
  const backdrop = $("backdrop");
  const counts = $("counts");
  const checkStatus = $("check-status");
  const detail = $("detail");
  const groups = $("groups");

  let findings = [];
  let checkedText = "";
  let current = -1;
  let timer = 0;
  let sequence = 0;
  let lastCountText = "";

  const apiKey = () => sessionStorage.getItem("vblint-key") || "";

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  // Keep findings on the right words while the writer types, until the next check answers.
  function shiftFindings(oldText, newText) {
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
    findings = findings
      .filter((f) => f.end <= prefix || f.start >= editEnd)
      .map((f) => (f.start >= editEnd ? { ...f, start: f.start + delta, end: f.end + delta } : f));
  }

  function quotedRanges(text) {
    const ranges = [];
    for (const m of text.matchAll(QUOTE)) ranges.push([m.index, m.index + m[0].length]);
    return ranges;
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
    renderDetail();
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
    if (message !== lastCountText) { counts.textContent = message; lastCountText = message; }
  }

  function excerpt(f) {
    const words = note.value.slice(f.start, f.end);
    return words.length > 60 ? `${words.slice(0, 57)}…` : words;
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
        if (idx === current) b.setAttribute("aria-current", "true");
        const sev = SEVERITY[f.severity];
        b.innerHTML = `<span class="icon" aria-hidden="true">${sev.icon}</span>` +
          `<span class="sev-label">${sev.label}</span> ${escapeHtml(f.rule)}: ` +
          `<span class="excerpt">“${escapeHtml(excerpt(f))}”</span>` +
          (f.context.includes("quoted") ? " (quoted speech)" : "");
        b.addEventListener("click", () => select(idx, true));
        li.append(b);
        ul.append(li);
      }
      groups.append(h, ul);
    }
  }

  function renderDetail() {
    const f = findings[current];
    if (!f) { detail.hidden = true; return; }
    const sev = SEVERITY[f.severity];
    detail.hidden = false;
    detail.className = `detail sev-${f.severity}`;
    $("detail-title").textContent = `${sev.icon} ${sev.label}: “${excerpt(f)}”`;
    $("detail-meta").textContent = `${f.rule} ${f.name} · ${f.category.replace(/-/g, " ")} · line ${f.line}`;
    $("detail-message").textContent = f.message;
    $("detail-why").textContent = f.explanation;
    $("detail-source").textContent = f.source;
    // The service serves the rule's page itself, so the link works with no internet.
    $("detail-link").href = `/rules/${encodeURIComponent(f.rule)}`;
    const quoted = f.context.includes("quoted");
    $("detail-protected").hidden = !quoted;
    const list = $("rewrites");
    list.replaceChildren();
    f.suggestions.forEach((s, i) => {
      if (quoted && s.kind === "replace") return;
      const li = document.createElement("li");
      const span = document.createElement("span");
      span.textContent = s.text;
      const b = document.createElement("button");
      b.type = "button";
      b.className = "accept";
      b.textContent = s.kind === "frame" ? "Add this sentence" : "Use this wording";
      b.setAttribute("aria-label", `${b.textContent}: ${s.text}`);
      b.addEventListener("click", () => accept(current, i));
      li.append(span, b);
      list.append(li);
    });
    if (!list.children.length) {
      const li = document.createElement("li");
      li.textContent = "No rewrite offered: reword it in your own words.";
      list.append(li);
    }
  }

  function select(idx, focusDetail) {
    current = idx;
    const f = findings[idx];
    if (!f) return render();
    render();
    if (focusDetail) {
      detail.focus();
    } else {
      note.focus();
      note.setSelectionRange(f.start, f.end);
    }
  }

  function step(direction) {
    if (!findings.length) return;
    const order = findings.map((f, i) => [f.start, i]).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    const pos = order.indexOf(current);
    const next = pos === -1 ? (direction > 0 ? 0 : order.length - 1)
      : (pos + direction + order.length) % order.length;
    select(order[next], false);
    checkStatus.textContent = `Finding ${next + 1} of ${order.length}: ${findings[order[next]].message}`;
  }

  // Placeholder offsets are code points into the suggestion; Array.from counts those.
  function fillPlaceholders(suggestion) {
    if (!suggestion.placeholders.length) return Promise.resolve(suggestion.text);
    const dialog = $("fill");
    const fields = $("fill-fields");
    fields.replaceChildren();
    suggestion.placeholders.forEach((p, i) => {
      const label = document.createElement("label");
      label.htmlFor = `fill-${i}`;
      label.textContent = p.label;
      const input = document.createElement("input");
      input.id = `fill-${i}`;
      input.required = true;
      fields.append(label, input);
    });
    return new Promise((resolve) => {
      const done = (value) => { dialog.close(); resolve(value); };
      $("fill-cancel").onclick = () => done(null);
      dialog.oncancel = () => resolve(null);
      $("fill-form").onsubmit = (event) => {
        event.preventDefault();
        const chars = Array.from(suggestion.text);
        const sorted = suggestion.placeholders.map((p, i) => [p, $(`fill-${i}`).value.trim()])
          .sort((a, b) => b[0].start - a[0].start);
        for (const [p, value] of sorted) chars.splice(p.start, p.end - p.start, value);
        done(chars.join(""));
      };
      dialog.showModal();
      fields.querySelector("input").focus();
    });
  }

  function sentenceEnd(text, from) {
    const rest = text.slice(from);
    const m = rest.match(/[.!?…]["”’)]*|\n/);
    return m ? from + m.index + (m[0] === "\n" ? 0 : m[0].length) : text.length;
  }

  async function accept(idx, suggestionIndex) {
    const f = findings[idx];
    const suggestion = f && f.suggestions[suggestionIndex];
    if (!suggestion) return;
    let replacement = await fillPlaceholders(suggestion);
    if (replacement === null) { detail.focus(); return; }
    const text = note.value;
    let start = f.start;
    let end = f.end;
    if (suggestion.kind === "frame") {
      start = end = sentenceEnd(text, f.end);
      replacement = ` ${replacement}`;
    } else {
      const original = text.slice(f.start, f.end);
      if (/^\p{Lu}/u.test(original) && /^\p{Ll}/u.test(replacement)) {
        replacement = replacement[0].toUpperCase() + replacement.slice(1);
      }
    }
    note.value = text.slice(0, start) + replacement + text.slice(end);
    findings.splice(idx, 1);
    shiftFindings(text, note.value);
    current = -1;
    render();
    announceCounts();
    note.focus();
    note.setSelectionRange(start + replacement.length, start + replacement.length);
    checkStatus.textContent = "Wording replaced.";
    scheduleCheck(0);
  }

  async function check() {
    const text = note.value;
    const mine = ++sequence;
    if (!text.trim()) {
      findings = []; checkedText = text; current = -1; render(); announceCounts();
      checkStatus.textContent = "";
      return;
    }
    checkStatus.textContent = "Checking…";
    const headers = { "Content-Type": "application/json" };
    if (apiKey()) headers.Authorization = `Bearer ${apiKey()}`;
    let response;
    try {
      response = await fetch("/v1/check", {
        method: "POST", headers, cache: "no-store",
        body: JSON.stringify({ text, offset_encoding: "utf-16" }),
      });
    } catch {
      if (mine === sequence) checkStatus.textContent = "Cannot reach the checking service.";
      return;
    }
    const data = await response.json().catch(() => ({}));
    if (mine !== sequence || note.value !== text) return;
    if (!response.ok) {
      if (response.status === 401) { $("auth").hidden = false; $("auth").open = true; }
      const message = data.error ? data.error.message : `error ${response.status}`;
      checkStatus.textContent = `Not checked: ${message}`;
      return;
    }
    $("auth").open = false;
    const keep = findings[current];
    findings = data.findings;
    checkedText = text;
    current = keep ? findings.findIndex((f) => f.rule === keep.rule && f.start === keep.start) : -1;
    render();
    announceCounts();
    checkStatus.textContent = "Checked.";
  }

  function scheduleCheck(delay) {
    clearTimeout(timer);
    timer = setTimeout(check, delay);
  }

  function caretFinding() {
    const pos = note.selectionStart;
    const idx = findings.findIndex((f) => f.start <= pos && pos <= f.end && note.selectionEnd <= f.end);
    if (idx !== current) { current = idx; render(); }
  }

  note.addEventListener("input", () => {
    shiftFindings(checkedText, note.value);
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
})();
