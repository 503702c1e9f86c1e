// Underlines and the popover, drawn in a shadow root of their own so the page's markup,
// styles and fields stay exactly as they were.
"use strict";

(() => {
  const V = (globalThis.__vblint ??= {});
  const COLOURS = { error: "#c62828", warning: "#ef6c00", info: "#1565c0" };
  const STYLE = `
    :host { all: initial; }
    .layer { position: fixed; left: 0; top: 0; width: 0; height: 0; z-index: 2147483646; }
    .underline { position: fixed; height: 3px; border-radius: 1px; cursor: pointer;
      pointer-events: auto; opacity: 0.85; }
    .popover { position: fixed; z-index: 2147483647; max-width: 24rem; background: #fff;
      color: #1d1d1f; border: 1px solid #c8c8cc; border-radius: 6px; padding: 0.75rem;
      box-shadow: 0 4px 16px rgba(0,0,0,0.18); font: 14px/1.45 system-ui, sans-serif; }
    .popover[hidden] { display: none; }
    .message { font-weight: 600; margin: 0 0 0.4rem; }
    .why, .source, .note, .advice { margin: 0 0 0.4rem; }
    .advice { border-left: 3px solid #1565c0; padding-left: 0.5rem; }
    .source { color: #555; font-size: 12px; }
    .rewrite { display: block; width: 100%; text-align: left; margin: 0.25rem 0 0; font: inherit;
      padding: 0.3rem 0.5rem; border: 1px solid #9aa0a6; border-radius: 4px; background: #f4f8ff;
      cursor: pointer; }
    .close { float: right; border: none; background: none; font: inherit; cursor: pointer; }
  `;

  class Overlay {
    constructor() {
      this.host = document.createElement("vblint-overlay");
      this.root = this.host.attachShadow({ mode: "open" });
      const style = document.createElement("style");
      style.textContent = STYLE;
      this.layer = document.createElement("div");
      this.layer.className = "layer";
      this.popover = document.createElement("div");
      this.popover.className = "popover";
      this.popover.hidden = true;
      this.root.append(style, this.layer, this.popover);
      document.documentElement.appendChild(this.host);
    }

    /** Underline every finding of every field; ``onPick(entry, finding, rect)`` on a click. */
    draw(entries, onPick) {
      for (const old of this.layer.querySelectorAll(".underline")) {
        old.remove();
      }
      for (const entry of entries) {
        const bounds = entry.field.visible();
        for (const finding of entry.findings) {
          for (const rect of entry.field.rects(finding.start, finding.end, this.layer)) {
            if (rect.bottom < bounds.top || rect.top > bounds.bottom || rect.width === 0) {
              continue;
            }
            const line = document.createElement("div");
            line.className = `underline ${finding.severity}`;
            line.dataset.rule = finding.rule;
            line.dataset.fingerprint = finding.fingerprint || "";
            line.dataset.start = String(finding.start);
            line.title = finding.message;
            Object.assign(line.style, {
              left: `${rect.left}px`, top: `${rect.bottom - 2}px`, width: `${rect.width}px`,
              background: COLOURS[finding.severity] || COLOURS.warning,
            });
            line.addEventListener("mousedown", (event) => event.preventDefault());
            line.addEventListener("click", () => onPick(entry, finding, rect));
            this.layer.appendChild(line);
          }
        }
      }
    }

    /**
     * Message, why, source, and one button per rewrite (none for quoted words), each showing
     * exactly the text accepting inserts. With no rewrite, the advice says what to write instead.
     */
    show(finding, rect, onAccept) {
      const p = this.popover;
      p.replaceChildren();
      const close = this.element("button", "close", "\u00d7");
      close.setAttribute("aria-label", "Close");
      close.addEventListener("click", () => this.hide());
      p.append(close, this.element("p", "message", finding.message));
      p.append(this.element("p", "why", finding.explanation));
      p.append(this.element("p", "source", `Source: ${finding.source}`));
      const quoted = (finding.context || []).includes("quoted");
      if (quoted) {
        p.append(this.element("p", "note",
          "These are someone's own words, so they are kept as said."));
      }
      let offered = 0;
      for (const suggestion of finding.suggestions || []) {
        if (suggestion.kind === "replace" && !quoted) {
          offered += 1;
          const button = this.element("button", "rewrite", suggestion.text);
          button.addEventListener("mousedown", (event) => event.preventDefault());
          button.addEventListener("click", () => {
            this.hide();
            onAccept(suggestion);
          });
          p.append(button);
        } else if (suggestion.kind === "frame") {
          offered += 1;
          p.append(this.element("p", "note", suggestion.text));
        }
      }
      if (!offered && finding.advice) {
        p.append(this.element("p", "advice", finding.advice));
      }
      p.hidden = false;
      const top = Math.min(rect.bottom + 6, window.innerHeight - p.offsetHeight - 8);
      const left = Math.min(rect.left, window.innerWidth - p.offsetWidth - 8);
      Object.assign(p.style, { top: `${Math.max(8, top)}px`, left: `${Math.max(8, left)}px` });
    }

    hide() {
      this.popover.hidden = true;
    }

    element(tag, className, text) {
      const el = document.createElement(tag);
      el.className = className;
      el.textContent = text;
      return el;
    }
  }

  V.Overlay = Overlay;
})();
