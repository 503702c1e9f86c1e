// Checks textareas and contenteditable fields as the practitioner types (debounced), keeps
// results only for the text they were made from, and applies an accepted rewrite.
"use strict";

(() => {
  const V = (globalThis.__vblint ??= {});
  if (V.started) {
    return;
  }
  V.started = true;
  const api = globalThis.browser ?? globalThis.chrome;
  const DEBOUNCE_MS = 400;
  const overlay = new V.Overlay();
  const entries = new Map(); // element -> {field, text, findings, timer, sequence}

  function entryFor(element) {
    let entry = entries.get(element);
    if (!entry) {
      entry = { field: V.wrap(element), text: null, findings: [], timer: 0, sequence: 0 };
      entries.set(element, entry);
    }
    return entry;
  }

  function redraw() {
    for (const [element, entry] of entries) {
      if (!element.isConnected) {
        entries.delete(element);
      } else if (entry.field.text() !== entry.text) {
        entry.findings = []; // never show results for text that has changed since
      }
    }
    overlay.draw([...entries.values()], pick);
  }

  function schedule(entry, delay) {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void check(entry), delay);
  }

  async function check(entry) {
    const text = entry.field.text();
    const sequence = ++entry.sequence;
    let result = { findings: [] };
    if (text.trim()) {
      try {
        result = await api.runtime.sendMessage({ type: "vblint-check", text });
      } catch {
        result = { error: { code: "extension", message: "vblint could not check." } };
      }
    }
    if (sequence !== entry.sequence || entry.field.text() !== text) {
      return; // a newer check is on its way
    }
    if (result && result.error) {
      console.warn(`vblint: ${result.error.message}`);
      return;
    }
    entry.text = text;
    entry.findings = (result && result.findings) || [];
    redraw();
  }

  function pick(entry, finding, rect) {
    overlay.show(finding, rect, (suggestion) => accept(entry, finding, suggestion));
  }

  function accept(entry, finding, suggestion) {
    if ((finding.context || []).includes("quoted") || suggestion.kind !== "replace") {
      return; // quoted speech is evidence: never rewritten
    }
    const field = entry.field;
    if (field.text().slice(finding.start, finding.end) !== finding.text) {
      schedule(entry, 0);
      return;
    }
    field.replace(finding.start, finding.end, suggestion.text);
    const first = (suggestion.placeholders || [])[0];
    if (first) {
      const from = finding.start + V.units(suggestion.text, first.start);
      field.select(from, finding.start + V.units(suggestion.text, first.end));
    }
  }

  document.addEventListener("input", (event) => {
    const element = V.fieldFor(event.target);
    if (element) {
      const entry = entryFor(element);
      entry.findings = [];
      redraw();
      schedule(entry, DEBOUNCE_MS);
    }
  }, true);

  document.addEventListener("focusin", (event) => {
    const element = V.fieldFor(event.target);
    if (element && !entries.has(element)) {
      schedule(entryFor(element), 0);
    }
  }, true);

  document.addEventListener("click", (event) => {
    const element = V.fieldFor(event.target);
    const entry = element && entries.get(element);
    const caret = entry ? entry.field.caret() : null;
    if (caret === null) {
      return;
    }
    const finding = entry.findings.find((f) => f.start <= caret && caret <= f.end);
    if (finding) {
      const [rect] = entry.field.rects(finding.start, finding.end, overlay.layer);
      if (rect) {
        pick(entry, finding, rect);
      }
    }
  }, true);

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      overlay.hide();
    }
  }, true);
  window.addEventListener("scroll", redraw, { capture: true, passive: true });
  window.addEventListener("resize", redraw, { passive: true });

  const focused = V.fieldFor(document.activeElement);
  if (focused) {
    schedule(entryFor(focused), 0);
  }
})();
