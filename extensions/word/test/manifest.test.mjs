import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const PANE = join(ROOT, "..", "..", "server", "vblint_server", "static", "word");
const XML = readFileSync(join(PANE, "manifest.xml"), "utf8");
const UNIFIED = JSON.parse(readFileSync(join(PANE, "manifest.json"), "utf8"));
const ORIGIN = "https://vblint.example.org";

/** Microsoft's own converter reads the XML manifest (offline) into the unified form. */
function converted() {
  const out = mkdtempSync(join(tmpdir(), "vblint-manifest-"));
  try {
    const cli = join(ROOT, "node_modules", "office-addin-manifest-converter", "cli.js");
    execFileSync(process.execPath, [cli, "convert", join(PANE, "manifest.xml"), "--output", out], {
      stdio: "pipe",
    });
    return JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test("the XML manifest asks for the narrowest permission and declares its requirement sets", () => {
  assert.match(XML, /<Permissions>ReadWriteDocument<\/Permissions>/);
  assert.match(XML, /<Host Name="Document"\/>/);
  assert.match(XML, /<Set Name="WordApi" MinVersion="1.3"\/>/);
});

test("every address in both manifests is https on the one server", () => {
  const urls = [...XML.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0])
    .filter((u) => !u.startsWith("http://schemas.") && !u.startsWith("http://www.w3.org"));
  const jsonUrls = JSON.stringify(UNIFIED).match(/https?:\/\/[^"]+/g)
    .filter((u) => !u.startsWith("https://developer.microsoft.com/json-schemas/"));
  assert.ok(urls.length > 5);
  for (const url of [...urls, ...jsonUrls]) assert.ok(url.startsWith(`${ORIGIN}/`) || url === ORIGIN, url);
});

test("the XML manifest, read by Microsoft's converter, matches the unified manifest", () => {
  const fromXml = converted();
  assert.equal(fromXml.id, UNIFIED.id);
  assert.equal(fromXml.version, UNIFIED.version);
  assert.deepEqual(fromXml.authorization, UNIFIED.authorization);
  assert.deepEqual(UNIFIED.authorization.permissions.resourceSpecific, [
    { name: "Document.ReadWrite.User", type: "Delegated" },
  ]);
  const [a] = fromXml.extensions;
  const [b] = UNIFIED.extensions;
  assert.deepEqual(a.requirements, b.requirements);
  assert.deepEqual(
    a.runtimes.map((r) => r.code.page),
    b.runtimes.map((r) => r.code.page),
  );
  const control = (ext) => ext.ribbons[0].tabs[0].groups[0].controls[0];
  assert.equal(control(a).label, control(b).label);
  assert.equal(control(a).supertip.description, control(b).supertip.description);
  assert.equal(a.ribbons[0].tabs[0].builtInTabId, "TabHome");
  assert.deepEqual(fromXml.validDomains, UNIFIED.validDomains);
});
