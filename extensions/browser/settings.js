// The extension's only stored data: which sites to check, the vblint server and its key.
"use strict";

var vblintSettings = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const DEFAULTS = { origins: [], serverUrl: "", apiKey: "" };

  /** "https://cms.example.org/path" -> "https://cms.example.org"; null when not http(s). */
  function normaliseOrigin(value) {
    try {
      const url = new URL(String(value).trim());
      return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
    } catch {
      return null;
    }
  }

  /** The match pattern covering every page of one origin. */
  function originPattern(origin) {
    return `${origin}/*`;
  }

  async function load() {
    const stored = await api.storage.local.get(DEFAULTS);
    return {
      origins: Array.isArray(stored.origins) ? stored.origins : [],
      serverUrl: typeof stored.serverUrl === "string" ? stored.serverUrl : "",
      apiKey: typeof stored.apiKey === "string" ? stored.apiKey : "",
    };
  }

  async function save(settings) {
    await api.storage.local.set({
      origins: settings.origins,
      serverUrl: settings.serverUrl,
      apiKey: settings.apiKey,
    });
  }

  /** The URL of the check endpoint under the configured server (which may have a path). */
  function checkUrl(serverUrl) {
    return `${serverUrl.replace(/\/+$/, "")}/v1/check`;
  }

  return { api, load, save, normaliseOrigin, originPattern, checkUrl };
})();
