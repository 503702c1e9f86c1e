// The options page: asks for access to exactly the listed sites and the server, then saves.
"use strict";

const { api } = vblintSettings;
const form = document.getElementById("settings");
const originsField = document.getElementById("origins");
const serverField = document.getElementById("server");
const keyField = document.getElementById("key");
const status = document.getElementById("status");

function say(message, isError = false) {
  status.textContent = message;
  status.className = isError ? "error" : "";
}

async function show() {
  const settings = await vblintSettings.load();
  originsField.value = settings.origins.join("\n");
  serverField.value = settings.serverUrl;
  keyField.value = settings.apiKey;
}

function read() {
  const lines = originsField.value.split(/\s+/).filter((line) => line.length > 0);
  const origins = [];
  for (const line of lines) {
    const origin = vblintSettings.normaliseOrigin(line);
    if (origin === null) {
      throw new Error(`Not a web address: ${line}`);
    }
    if (!origins.includes(origin)) {
      origins.push(origin);
    }
  }
  const server = vblintSettings.normaliseOrigin(serverField.value);
  if (serverField.value.trim() && server === null) {
    throw new Error("The vblint server must be an http:// or https:// address.");
  }
  const serverUrl = server === null ? "" : new URL(serverField.value.trim()).href.replace(/\/+$/, "");
  return { origins, serverUrl, apiKey: keyField.value.trim() };
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  let settings;
  try {
    settings = read();
  } catch (error) {
    say(error.message, true);
    return;
  }
  const wanted = settings.origins.map(vblintSettings.originPattern);
  if (settings.serverUrl) {
    wanted.push(vblintSettings.originPattern(new URL(settings.serverUrl).origin));
  }
  // Ask only for the sites and server named here, while the click still counts as a gesture.
  const granted = wanted.length === 0 || (await api.permissions.request({ origins: wanted }));
  if (!granted) {
    say("Access to those sites was not granted, so nothing was saved.", true);
    return;
  }
  const previous = await vblintSettings.load();
  const dropped = previous.origins
    .filter((origin) => !settings.origins.includes(origin))
    .map(vblintSettings.originPattern)
    .filter((pattern) => !wanted.includes(pattern));
  if (dropped.length > 0) {
    await api.permissions.remove({ origins: dropped });
  }
  await vblintSettings.save(settings);
  const result = await api.runtime.sendMessage({ type: "vblint-sync" });
  const count = result && Array.isArray(result.matches) ? result.matches.length : 0;
  say(`Saved. Checking ${count} site${count === 1 ? "" : "s"}.`);
});

void show();
