import "./vscode-mock";

import { strict as assert } from "assert";
import { test } from "node:test";

import { errors, outputLines, registered, settings } from "./vscode-mock";

test("a missing executable gives a clear message and registers the commands anyway", async () => {
  settings.path = "/no/such/dir/vblint";
  const extension = await import("../extension");
  const context = { subscriptions: [] as { dispose(): unknown }[] };
  await extension.activate(context as never);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /cannot find the vblint executable '\/no\/such\/dir\/vblint'/);
  assert.match(errors[0], /vblint\.path/);
  assert.ok(outputLines.some((line) => line.includes("/no/such/dir/vblint")));
  const commands = registered.map((r) => r.command).sort();
  assert.deepEqual(commands, ["vblint.restart", "vblint.showOutput"]);
  assert.ok(context.subscriptions.length >= 3);
  await extension.deactivate();
});
