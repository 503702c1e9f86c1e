// Sends text from allowed pages to the configured vblint server, and nowhere else.
"use strict";

if (typeof importScripts === "function") {
  importScripts("settings.js");
}

const SCRIPT_ID = "vblint-fields";
const { api } = vblintSettings;

/** Register the field checker for the allowed origins the user has granted, and no others. */
async function syncContentScripts() {
  const settings = await vblintSettings.load();
  const matches = [];
  for (const origin of settings.origins) {
    const pattern = vblintSettings.originPattern(origin);
    if (await api.permissions.contains({ origins: [pattern] })) {
      matches.push(pattern);
    }
  }
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length > 0) {
    await api.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  }
  if (matches.length > 0) {
    await api.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches,
        js: ["fields.js", "overlay.js", "content.js"],
        runAt: "document_idle",
        persistAcrossSessions: true,
      },
    ]);
  }
  return matches;
}

function failure(code, message) {
  return { error: { code, message } };
}

/** One check: only for a page on an allowed origin, only to the configured server. */
async function check(text, sender) {
  const settings = await vblintSettings.load();
  const origin = vblintSettings.normaliseOrigin(sender.origin ?? sender.url ?? "");
  if (origin === null || !settings.origins.includes(origin)) {
    return failure("not-allowed", "vblint is not enabled on this site.");
  }
  if (!settings.serverUrl) {
    return failure("not-configured", "Set the vblint server in the extension's options.");
  }
  const headers = { "Content-Type": "application/json" };
  if (settings.apiKey) {
    headers.Authorization = `Bearer ${settings.apiKey}`;
  }
  let response;
  try {
    response = await fetch(vblintSettings.checkUrl(settings.serverUrl), {
      method: "POST",
      headers,
      body: JSON.stringify({ text, format: "text", offset_encoding: "utf-16" }),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
  } catch {
    return failure("unreachable", "The vblint server could not be reached.");
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data && data.error;
    return error && error.message
      ? failure(String(error.code), String(error.message))
      : failure(`http-${response.status}`, `The vblint server answered ${response.status}.`);
  }
  return { findings: Array.isArray(data && data.findings) ? data.findings : [] };
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || !message) {
    return false;
  }
  let work = null;
  if (message.type === "vblint-check" && typeof message.text === "string") {
    work = check(message.text, sender);
  } else if (message.type === "vblint-sync") {
    work = syncContentScripts().then((matches) => ({ matches }));
  }
  if (work === null) {
    return false;
  }
  work.then(sendResponse, () => sendResponse(failure("extension", "vblint could not check.")));
  return true;
});

api.runtime.onInstalled.addListener(() => void syncContentScripts());
api.runtime.onStartup.addListener(() => void syncContentScripts());
api.permissions.onAdded.addListener(() => void syncContentScripts());
api.permissions.onRemoved.addListener(() => void syncContentScripts());
api.action.onClicked.addListener(() => void api.runtime.openOptionsPage());
