// The Word task pane: check the document, list the findings by category, select one in the
// document, accept a rewrite as a tracked change or leave a comment. Re-checks on demand and
// after every accepted change. Office.js is the host's; everything else is served with the pane.

import { CheckError, checkParagraphs } from "./check.mjs";
import {
  categoryLabel,
  commentText,
  countText,
  excerpt,
  fill,
  groupByCategory,
  isQuoted,
  matchCase,
  rewrites,
  SEVERITY,
} from "./findings.mjs";
import * as stored from "./settings.mjs";
import {
  acceptRewrite,
  addComment,
  ChangedError,
  NO_TRACKING,
  readParagraphs,
  selectFinding,
  tracksChanges,
} from "./word.mjs";

const $ = (id) => document.getElementById(id);
const host = { Office: globalThis.Office, Word: globalThis.Word };
let settings = stored.load(localStorage, location);
let findings = [];
let open = -1;
let busy = false;
let checked = false;

function status(text) {
  $("status").textContent = text;
}

function element(tag, props = {}, ...children) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

function hidden(el) {
  el.setAttribute("aria-hidden", "true");
  return el;
}

async function run(label, work) {
  if (busy) return;
  busy = true;
  $("check").disabled = true;
  try {
    await work();
  } catch (error) {
    if (error instanceof ChangedError) {
      status(error.message);
    } else if (error instanceof CheckError) {
      status(error.message);
      if (error.status === 401) $("settings").open = true;
    } else {
      status(`${label} did not work: ${error?.message || "Word refused the change"}.`);
    }
  } finally {
    busy = false;
    $("check").disabled = false;
  }
}

async function check() {
  status("Checking…");
  const paragraphs = await readParagraphs(host);
  findings = await checkParagraphs(paragraphs, settings);
  checked = true;
  open = -1;
  render();
  status("Checked.");
}

function rewriteBlock(f, suggestion) {
  const block = element("div", { className: "rewrite" });
  block.append(element("span", { className: "wording", textContent: suggestion.text }));
  const inputs = suggestion.placeholders.map((p, i) => {
    const id = `fill-${f.rule}-${f.paragraph}-${f.start}-${i}`;
    const input = element("input", { id, required: true, autocomplete: "off" });
    block.append(element("label", { htmlFor: id, textContent: `Fill in: ${p.label}` }), input);
    return input;
  });
  const accept = element("button", {
    type: "button",
    className: "accept primary",
    textContent: tracksChanges(host) ? "Accept as tracked change" : "Accept (as a comment)",
  });
  accept.setAttribute("aria-label", `${accept.textContent}: ${suggestion.text}`);
  accept.addEventListener("click", () => {
    const wording = fill(suggestion, inputs.map((input) => input.value));
    if (wording === null) {
      status("Fill in every part in brackets first.");
      inputs.find((input) => !input.value.trim())?.focus();
      return;
    }
    const original = f.paragraphText.slice(f.start, f.end);
    run("Accepting", async () => {
      const result = await acceptRewrite(host, f, matchCase(original, wording));
      status(
        result.how === "tracked"
          ? "Replaced as a tracked change: review it in Word. Checking again…"
          : `Comment added. ${result.reason}`,
      );
      if (result.how === "tracked") {
        await check();
        status("Replaced as a tracked change, and checked again.");
      }
    });
  });
  block.append(element("div", { className: "actions" }, accept));
  return block;
}

function detail(f) {
  const box = element("div", { className: "detail", tabIndex: -1 });
  box.append(element("p", { className: "message", textContent: f.message }));
  if (isQuoted(f)) {
    box.append(
      element("p", {
        className: "protected",
        textContent:
          "Quoted speech: these are someone's own words, kept as evidence and never rewritten. " +
          "You can leave a comment with a sentence to add beside them.",
      }),
    );
  }
  box.append(element("h3", { textContent: "Why it matters" }), element("p", { textContent: f.explanation }));
  box.append(element("h3", { textContent: "Source" }), element("p", { textContent: f.source }));
  const offered = rewrites(f);
  if (offered.length) {
    box.append(element("h3", { textContent: "Better wording" }));
    for (const s of offered) box.append(rewriteBlock(f, s));
  }
  const comment = element("button", { type: "button", className: "comment", textContent: "Add as comment" });
  comment.addEventListener("click", () =>
    run("Adding a comment", async () => {
      await addComment(host, f, commentText(f));
      status("Comment added: it shows in Word's comments for the writer or a manager.");
    }),
  );
  box.append(element("div", { className: "actions" }, comment));
  return box;
}

function render() {
  $("counts").textContent = checked ? countText(findings) : "";
  const groups = $("groups");
  groups.replaceChildren();
  for (const [category, items] of groupByCategory(findings)) {
    groups.append(element("h2", { textContent: `${categoryLabel(category)} (${items.length})` }));
    const list = element("ul", { className: "findings" });
    for (const f of items) {
      const index = findings.indexOf(f);
      const sev = SEVERITY[f.severity];
      const li = element("li", { className: `finding sev-${f.severity}` });
      const pick = element(
        "button",
        { type: "button", className: "pick" },
        hidden(element("span", { className: "icon", textContent: sev.icon })),
        element("span", { className: "sev-label", textContent: sev.label }),
        ` ${f.rule}: `,
        element("span", { className: "excerpt", textContent: `“${excerpt(f)}”` }),
        isQuoted(f) ? " (quoted speech)" : "",
      );
      pick.setAttribute("aria-expanded", String(index === open));
      pick.addEventListener("click", () => {
        open = index === open ? -1 : index;
        render();
        if (open === index) {
          $("groups").querySelector(".detail")?.focus();
          run("Selecting", () => selectFinding(host, f));
        }
      });
      li.append(pick);
      if (index === open) li.append(detail(f));
      list.append(li);
    }
    groups.append(list);
  }
}

function showSettings() {
  $("server").value = settings.server;
  $("api-key").value = settings.apiKey;
  $("profile").value = settings.profile;
  if (!settings.server) $("settings").open = true;
}

$("settings-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const server = stored.normaliseServer($("server").value);
  if (!server) {
    status("The server must be an address starting https://");
    $("server").focus();
    return;
  }
  settings = { server, apiKey: $("api-key").value.trim(), profile: $("profile").value };
  stored.save(localStorage, settings);
  $("settings").open = false;
  status("Settings saved.");
  run("Checking", check);
});
$("check").addEventListener("click", () => run("Checking", check));

async function start() {
  showSettings();
  if (!host.Office || !host.Word) {
    $("notice").textContent = "Open this pane from Word: Home › Check wording.";
    $("notice").hidden = false;
    return;
  }
  const info = await host.Office.onReady();
  if (info.host !== host.Office.HostType.Word) {
    $("notice").textContent = "This pane works in Word only.";
    $("notice").hidden = false;
    return;
  }
  if (!tracksChanges(host)) {
    $("notice").textContent = NO_TRACKING.replace("so the wording was left", "so accepted wording is left");
    $("notice").hidden = false;
  }
  $("check").disabled = false;
  status("Ready: choose Check document.");
}

start();
