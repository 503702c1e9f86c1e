import { strict as assert } from "assert";
import * as path from "path";
import { test } from "node:test";

import { Configuration, findExecutable, notFoundMessage, serverSettings } from "../config";

function config(values: Record<string, unknown>): Configuration {
  return {
    get<T>(section: string, defaultValue: T): T {
      return section in values ? (values[section] as T) : defaultValue;
    },
  };
}

test("defaults leave every choice to the project's configuration", () => {
  assert.deepEqual(serverSettings(config({})), {
    select: [],
    ignore: [],
    profile: null,
    minSeverity: null,
    debounceMs: 30,
  });
});

test("settings are passed through, trimmed, and comma lists split", () => {
  const settings = serverSettings(
    config({
      select: [" VB101 ", "minimising"],
      ignore: "VB102, VB103",
      profile: "letter",
      minSeverity: "Warning",
      debounceMs: 200,
      ruleUrl: "https://intranet.example/vblint/{rule}",
    }),
  );
  assert.equal(settings.ruleUrl, "https://intranet.example/vblint/{rule}");
  assert.deepEqual(settings.select, ["VB101", "minimising"]);
  assert.deepEqual(settings.ignore, ["VB102", "VB103"]);
  assert.equal(settings.profile, "letter");
  assert.equal(settings.minSeverity, "warning");
  assert.equal(settings.debounceMs, 200);
});

test("unusable values fall back to defaults", () => {
  const settings = serverSettings(
    config({ profile: "novel", minSeverity: "loud", debounceMs: -5, select: 42 }),
  );
  assert.equal(settings.profile, null);
  assert.equal(settings.minSeverity, null);
  assert.equal(settings.debounceMs, 30);
  assert.deepEqual(settings.select, []);
});

test("a bare name is looked up on PATH", () => {
  const bin = path.join(path.sep, "opt", "tools", "bin");
  const envPath = [path.join(path.sep, "nowhere"), bin].join(path.delimiter);
  const exists = (candidate: string) => candidate === path.join(bin, "vblint");
  assert.equal(findExecutable("vblint", [], envPath, exists), path.join(bin, "vblint"));
  assert.equal(findExecutable("", [], envPath, exists), path.join(bin, "vblint"));
  assert.equal(findExecutable("other", [], envPath, exists), undefined);
});

test("a relative path is resolved against the workspace folders", () => {
  const root = path.join(path.sep, "work", "notes");
  const wanted = path.join(root, ".venv", "bin", "vblint");
  const found = findExecutable(".venv/bin/vblint", ["/elsewhere", root], "", (c) => c === wanted);
  assert.equal(found, wanted);
});

test("an absolute path must exist", () => {
  assert.equal(findExecutable("/no/such/vblint", [], "", () => false), undefined);
  assert.equal(findExecutable("/usr/bin/vblint", [], "", () => true), "/usr/bin/vblint");
});

test("the not-found message names the setting and how to install", () => {
  const message = notFoundMessage("/no/such/vblint");
  assert.match(message, /\/no\/such\/vblint/);
  assert.match(message, /vblint\.path/);
  assert.match(message, /pip install/);
});
