// The pane's only stored data: which vblint server to use, its key and the kind of writing.
// Document text is never stored. Office keeps each add-in's local storage to itself.

const KEY = "vblint-word-settings";

/** The server the pane came from, when it came from one (vblint serve hosts it at /word/). */
export function defaultServer(location) {
  return /^https?:$/.test(location.protocol) ? location.origin : "";
}

/** "https://vblint.example.org/path/" -> "https://vblint.example.org/path"; null if not http(s). */
export function normaliseServer(value) {
  try {
    const url = new URL(String(value).trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return null;
  }
}

export function load(storage, location) {
  let stored = {};
  try {
    stored = JSON.parse(storage.getItem(KEY) || "{}");
  } catch {
    stored = {};
  }
  return {
    server: typeof stored.server === "string" && stored.server ? stored.server : defaultServer(location),
    apiKey: typeof stored.apiKey === "string" ? stored.apiKey : "",
    profile: typeof stored.profile === "string" ? stored.profile : "",
  };
}

export function save(storage, settings) {
  storage.setItem(KEY, JSON.stringify(settings));
}
