// Text fields as the checker sees them: their text, where a span of it is on screen, and
// how to replace a span the way typing would (so the page's own input listeners run).
"use strict";

(() => {
  const V = (globalThis.__vblint ??= {});
  const BLOCKS = new Set(["DIV", "P", "LI", "UL", "OL", "H1", "H2", "H3", "H4", "H5", "H6",
    "BLOCKQUOTE", "PRE", "TABLE", "TR", "SECTION", "ARTICLE"]);
  const MIRRORED = ["boxSizing", "width", "paddingTop", "paddingRight", "paddingBottom",
    "paddingLeft", "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth",
    "borderStyle", "fontFamily", "fontSize", "fontWeight", "fontStyle", "fontVariant",
    "letterSpacing", "wordSpacing", "lineHeight", "textIndent", "textTransform", "tabSize",
    "direction"];

  /** Type ``text`` over the current selection: execCommand when the browser supports it. */
  function typeOver(target, text) {
    try {
      return document.execCommand("insertText", false, text);
    } catch {
      return false;
    }
  }

  class TextareaField {
    constructor(element) {
      this.element = element;
    }

    text() {
      return this.element.value;
    }

    /** Viewport rectangles of [start, end), measured on an invisible copy of the textarea. */
    rects(start, end, layer) {
      const el = this.element;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const mirror = document.createElement("div");
      for (const key of MIRRORED) {
        mirror.style[key] = style[key];
      }
      Object.assign(mirror.style, {
        position: "fixed", left: `${box.left}px`, top: `${box.top}px`, visibility: "hidden",
        whiteSpace: "pre-wrap", overflowWrap: "break-word", overflow: "hidden",
        height: `${box.height}px`,
      });
      const value = el.value;
      const mark = document.createElement("span");
      mark.textContent = value.slice(start, end) || "\u200b";
      mirror.append(value.slice(0, start), mark, value.slice(end) + "\u200b");
      layer.appendChild(mirror);
      mirror.scrollTop = 0;
      const dy = el.scrollTop;
      const dx = el.scrollLeft;
      const rects = [...mark.getClientRects()].map((r) => new DOMRect(r.left - dx, r.top - dy,
        r.width, r.height));
      mirror.remove();
      return rects;
    }

    visible() {
      return this.element.getBoundingClientRect();
    }

    caret() {
      const el = this.element;
      return el.selectionStart === el.selectionEnd ? el.selectionStart : null;
    }

    replace(start, end, text) {
      const el = this.element;
      el.focus();
      el.setSelectionRange(start, end);
      const before = el.value;
      const typed = typeOver(el, text);
      const expected = before.slice(0, start) + text + before.slice(end);
      if (!typed || el.value !== expected) {
        el.value = before;
        el.setRangeText(text, start, end, "end");
        el.dispatchEvent(new InputEvent("input", {
          bubbles: true, inputType: "insertReplacementText", data: text,
        }));
      }
    }

    select(start, end) {
      this.element.focus();
      this.element.setSelectionRange(start, end);
    }
  }

  class EditableField {
    constructor(element) {
      this.element = element;
    }

    /** [{node, start, end}] for text nodes, and the text with line breaks between blocks. */
    segments() {
      const parts = [];
      const pieces = [];
      let length = 0;
      const push = (text, node) => {
        if (node) {
          parts.push({ node, start: length, end: length + text.length });
        }
        pieces.push(text);
        length += text.length;
      };
      const walk = (node) => {
        for (const child of node.childNodes) {
          if (child.nodeType === Node.TEXT_NODE) {
            push(child.data, child);
          } else if (child.nodeName === "BR") {
            push("\n", null);
          } else if (child.nodeType === Node.ELEMENT_NODE) {
            const block = BLOCKS.has(child.nodeName);
            if (block && length > 0 && !pieces[pieces.length - 1].endsWith("\n")) {
              push("\n", null);
            }
            walk(child);
          }
        }
      };
      walk(this.element);
      return { parts, text: pieces.join("") };
    }

    text() {
      return this.segments().text;
    }

    /** A DOM Range over [start, end) of text(). */
    range(start, end) {
      const { parts } = this.segments();
      const at = (offset, preferNext) => {
        for (const part of parts) {
          if (offset < part.end || (offset === part.end && !preferNext)) {
            if (offset >= part.start) {
              return [part.node, offset - part.start];
            }
          }
        }
        const last = parts[parts.length - 1];
        return last ? [last.node, last.node.data.length] : [this.element, 0];
      };
      const range = document.createRange();
      range.setStart(...at(start, true));
      range.setEnd(...at(end, false));
      return range;
    }

    rects(start, end) {
      return [...this.range(start, end).getClientRects()];
    }

    visible() {
      return this.element.getBoundingClientRect();
    }

    caret() {
      return null;
    }

    select(start, end) {
      this.element.focus();
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(this.range(start, end));
    }

    replace(start, end, text) {
      this.select(start, end);
      const before = this.text();
      const typed = typeOver(this.element, text);
      const expected = before.slice(0, start) + text + before.slice(end);
      if (!typed || this.text() !== expected) {
        const range = this.range(start, end);
        range.deleteContents();
        range.insertNode(document.createTextNode(text));
        this.element.dispatchEvent(new InputEvent("input", {
          bubbles: true, inputType: "insertReplacementText", data: text,
        }));
      }
    }
  }

  /** The checkable field an event target belongs to, or null. */
  V.fieldFor = (target) => {
    if (target instanceof HTMLTextAreaElement) {
      return target.readOnly || target.disabled ? null : target;
    }
    let el = target instanceof Element ? target : target && target.parentElement;
    if (!el || !el.isContentEditable) {
      return null;
    }
    while (el.parentElement && el.parentElement.isContentEditable) {
      el = el.parentElement;
    }
    return el;
  };

  V.wrap = (element) =>
    element instanceof HTMLTextAreaElement ? new TextareaField(element) : new EditableField(element);

  /** A code-point offset into ``text`` as UTF-16 units (how JavaScript strings count). */
  V.units = (text, codePoints) => [...text].slice(0, codePoints).join("").length;
})();
