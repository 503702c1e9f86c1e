// A Word host for the pane's tests: a document of paragraphs behind the Word JavaScript API
// calls the pane makes. Every object the pane gets is an office-addin-mock OfficeMockObject, so
// reading a property before load() and context.sync() fails as it does in Word. Edits follow
// the document's change-tracking mode at the moment they are made: a replacement under
// "TrackAll" is kept as a deletion and an insertion, as Word records it. Searching is limited
// to the one-character wildcard, so a test fails if the pane looks for a finding's words.
//
// The OfficeMockObject class is passed in, so the same file runs in Node and in the browser.

const MODES = { off: "Off", trackAll: "TrackAll", trackMineOnly: "TrackMineOnly" };
const LOCATIONS = {
  replace: "Replace", start: "Start", end: "End", before: "Before", after: "After", whole: "Whole",
};
const NOT_READ = new Set(["Error, property was not loaded", "Error, context.sync() was not called"]);

function versionAtMost(wanted, have) {
  const [a, b] = [wanted, have].map((v) => String(v).split(".").map(Number));
  return a[0] < b[0] || (a[0] === b[0] && (a[1] ?? 0) <= (b[1] ?? 0));
}

function unescapeXml(text) {
  return text
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

export function createWordHost(OfficeMockObject, options = {}) {
  const { paragraphs = [], apiVersion = "1.9", mode = MODES.off, user = "Sam Writer" } = options;
  const state = {
    paragraphs: paragraphs.map((text) => [{ kind: "text", text }]),
    mode,
    comments: [],
    revisions: [],
    selection: null,
    modeLog: [],
    listeners: new Set(),
  };
  const supports = (name, version) =>
    name === "WordApi" && versionAtMost(version ?? "1.1", apiVersion);
  const changed = () => state.listeners.forEach((fn) => fn(state));
  const finalText = (p) => state.paragraphs[p].filter((r) => r.kind !== "del").map((r) => r.text).join("");

  /** Split paragraph p's runs so that a run starts at final-text offset ``at``; its index. */
  function cut(p, at) {
    const runs = state.paragraphs[p];
    let pos = 0;
    for (let i = 0; i < runs.length; i++) {
      if (runs[i].kind === "del") continue;
      const len = runs[i].text.length;
      if (at === pos) return i;
      if (at < pos + len) {
        const run = runs[i];
        runs.splice(i, 1, { ...run, text: run.text.slice(0, at - pos) }, { ...run, text: run.text.slice(at - pos) });
        return i + 1;
      }
      pos += len;
    }
    return runs.length;
  }

  function replace(p, start, end, text, tracked) {
    const from = cut(p, start);
    const to = cut(p, end);
    const runs = state.paragraphs[p];
    const old = runs.slice(from, to);
    const removed = old.filter((r) => r.kind !== "del").map((r) => r.text).join("");
    const kept = tracked ? old.map((r) => (r.kind === "del" ? r : { kind: "del", text: r.text, author: user })) : old.filter((r) => r.kind === "del");
    const inserted = text ? [{ kind: tracked ? "ins" : "text", text, author: user }] : [];
    runs.splice(from, to - from, ...kept, ...inserted);
    state.selection = null;
    if (tracked) state.revisions.push({ paragraph: p, deleted: removed, inserted: text, author: user, mode: state.liveMode });
  }

  function newContext() {
    const created = [];
    const track = (mock) => (created.push(mock), mock);
    const document = track(new OfficeMockObject({ changeTrackingMode: state.mode }, "word"));
    const liveMode = () => {
      const value = document.changeTrackingMode;
      return NOT_READ.has(value) || !Object.values(MODES).includes(value) ? state.mode : value;
    };

    function collection(items) {
      const mock = track(new OfficeMockObject({ items }, "word"));
      mock.load = function load(names) {
        const wanted = (Array.isArray(names) ? names : String(names ?? "").split(","))
          .map((n) => n.trim().replace(/^items\//, "")).filter((n) => n && n !== "items");
        OfficeMockObject.prototype.load.call(this, "items");
        for (const item of items) item.load(wanted.length ? wanted : undefined);
        return this;
      };
      return mock;
    }

    function range(p, start, end) {
      const text = finalText(p).slice(start, end);
      const mock = track(new OfficeMockObject({ text }, "word"));
      Object.assign(mock, {
        getTextRanges(marks, trimSpacing = false) {
          const pieces = [];
          let from = 0;
          for (let i = 0; i < text.length; i++) {
            if (marks.includes(text[i])) { pieces.push([from, i + 1]); from = i + 1; }
          }
          if (from < text.length) pieces.push([from, text.length]);
          return collection(pieces.map(([s, e]) => {
            let [a, b] = [s, e];
            if (trimSpacing) { while (a < b && /\s/.test(text[a])) a++; while (b > a && /\s/.test(text[b - 1])) b--; }
            return range(p, start + a, start + b);
          }));
        },
        search(pattern, searchOptions = {}) {
          if (pattern !== "?" || !searchOptions.matchWildcards) {
            throw new Error(`the test host only finds single characters, not ${JSON.stringify(pattern)}`);
          }
          let at = start;
          return collection(Array.from(text, (ch) => { const r = range(p, at, at + ch.length); at += ch.length; return r; }));
        },
        expandTo(other) {
          if (other._p !== p) throw new Error("the test host keeps ranges inside one paragraph");
          return range(p, Math.min(start, other._start), Math.max(end, other._end));
        },
        getRange(location = LOCATIONS.whole) {
          if (location === LOCATIONS.start) return range(p, start, start);
          if (location === LOCATIONS.end) return range(p, end, end);
          return range(p, start, end);
        },
        select() { state.selection = { paragraph: p, start, end, text }; changed(); },
        insertText(value, location) {
          state.liveMode = liveMode();
          const tracked = state.liveMode !== MODES.off;
          const at = { Replace: [start, end], Start: [start, start], Before: [start, start], End: [end, end], After: [end, end] }[location];
          if (!at) throw new Error(`unknown insert location ${location}`);
          replace(p, at[0], at[1], value, tracked);
          changed();
          return range(p, at[0], at[0] + value.length);
        },
        insertComment(value) {
          if (!supports("WordApi", "1.4")) throw Object.assign(new Error("ApiNotFound"), { code: "ApiNotFound" });
          state.comments.push({ paragraph: p, start, end, text: value, words: text, author: user, via: "api" });
          changed();
          return track(new OfficeMockObject({ content: value }, "word"));
        },
        insertOoxml(ooxml, location) {
          if (globalThis.DOMParser) {
            const parsed = new DOMParser().parseFromString(ooxml, "application/xml");
            if (parsed.getElementsByTagName("parsererror").length) throw new Error("the Office Open XML is not well formed");
          }
          const commentsPart = /<w:comments\b[\s\S]*<\/w:comments>/.exec(ooxml)?.[0] ?? "";
          const bodyPart = /<w:body>[\s\S]*<\/w:body>/.exec(ooxml)?.[0] ?? "";
          const lines = [...commentsPart.matchAll(/<w:t[^>]*>([\s\S]*?)<\/w:t>/g)].map((m) => unescapeXml(m[1]));
          const author = /w:author="([^"]*)"/.exec(commentsPart)?.[1] ?? "";
          const bodyText = [...bodyPart.matchAll(/<w:t[^>]*>([\s\S]*?)<\/w:t>/g)].map((m) => m[1]).join("");
          if (bodyText) throw new Error("the comment package would add text to the document");
          const at = location === LOCATIONS.after || location === LOCATIONS.end ? end : start;
          state.comments.push({ paragraph: p, start: at, end: at, text: lines.join("\n"), words: "", author: unescapeXml(author), via: "ooxml" });
          changed();
        },
      });
      Object.defineProperties(mock, { _p: { value: p }, _start: { value: start }, _end: { value: end } });
      return mock;
    }

    const body = track(new OfficeMockObject({}, "word"));
    Object.defineProperty(body, "paragraphs", {
      get: () => collection(state.paragraphs.map((_, p) => range(p, 0, finalText(p).length))),
    });
    document.body = body;
    return {
      document,
      async sync() {
        for (const mock of [...created]) await mock.sync();
        await new Promise((resolve) => setTimeout(resolve, 0));
        const mode = liveMode();
        if (mode !== state.mode) { state.mode = mode; state.modeLog.push(mode); changed(); }
      },
    };
  }

  const Word = {
    run: async (callback) => callback(newContext()),
    ChangeTrackingMode: MODES,
    InsertLocation: LOCATIONS,
  };
  const Office = {
    HostType: { Word: "Word" },
    onReady: async () => ({ host: "Word", platform: "OfficeOnline" }),
    context: { requirements: { isSetSupported: supports } },
  };
  return {
    Office,
    Word,
    state,
    text: () => state.paragraphs.map((_, p) => finalText(p)),
    setParagraphs(texts) { state.paragraphs = texts.map((text) => [{ kind: "text", text }]); changed(); },
    onChange(fn) { state.listeners.add(fn); },
  };
}
