import "./vscode-mock";

import { strict as assert } from "assert";
import { test } from "node:test";

import { registerCommands, RESTART, SHOW_OUTPUT } from "../commands";
import { registered } from "./vscode-mock";

const manifest = require("../../package.json") as {
  contributes: { commands: { command: string }[]; configuration: { properties: object } };
  activationEvents: string[];
};

test("every command is registered and contributed in package.json", async () => {
  const calls: string[] = [];
  const disposables = registerCommands({
    restart: async () => {
      calls.push("restart");
    },
    showOutput: () => {
      calls.push("showOutput");
    },
  });
  const names = registered.map((r) => r.command).sort();
  assert.deepEqual(names, [RESTART, SHOW_OUTPUT].sort());
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, names);

  await registered.find((r) => r.command === RESTART)!.callback();
  registered.find((r) => r.command === SHOW_OUTPUT)!.callback();
  assert.deepEqual(calls, ["restart", "showOutput"]);

  disposables.forEach((d) => d.dispose());
  assert.ok(registered.every((r) => r.disposed));
});

test("package.json contributes the settings the server reads", () => {
  const keys = Object.keys(manifest.contributes.configuration.properties).sort();
  for (const key of ["vblint.path", "vblint.select", "vblint.ignore", "vblint.profile",
    "vblint.minSeverity", "vblint.debounceMs"]) {
    assert.ok(keys.includes(key), key);
  }
  assert.deepEqual(manifest.activationEvents.sort(),
    ["onLanguage:markdown", "onLanguage:plaintext"]);
});
