// A stand-in for the `vscode` module, installed before the code under test is loaded.
import Module = require("module");

export interface Registered {
  command: string;
  callback: (...args: unknown[]) => unknown;
  disposed: boolean;
}

export const registered: Registered[] = [];

const mock = {
  commands: {
    registerCommand(command: string, callback: (...args: unknown[]) => unknown) {
      const entry: Registered = { command, callback, disposed: false };
      registered.push(entry);
      return { dispose: () => (entry.disposed = true) };
    },
  },
};

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const original = loader._load;
loader._load = function (request: string, parent: unknown, isMain: boolean): unknown {
  if (request === "vscode") {
    return mock;
  }
  return original.call(this, request, parent, isMain);
};
