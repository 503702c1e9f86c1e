// A stand-in for the `vscode` module, installed before the code under test is loaded.
import Module = require("module");

export interface Registered {
  command: string;
  callback: (...args: unknown[]) => unknown;
  disposed: boolean;
}

export const registered: Registered[] = [];
export const errors: string[] = [];
export const outputLines: string[] = [];
export const settings: Record<string, unknown> = {};

const disposable = { dispose: () => undefined };

const known: Record<string, unknown> = {
  commands: {
    registerCommand(command: string, callback: (...args: unknown[]) => unknown) {
      const entry: Registered = { command, callback, disposed: false };
      registered.push(entry);
      return { dispose: () => (entry.disposed = true) };
    },
    executeCommand: async () => undefined,
  },
  window: {
    createOutputChannel: () => ({
      appendLine: (line: string) => outputLines.push(line),
      show: () => undefined,
      dispose: () => undefined,
    }),
    showErrorMessage: async (message: string) => {
      errors.push(message);
      return undefined;
    },
  },
  workspace: {
    workspaceFolders: [],
    getConfiguration: () => ({
      get: <T>(key: string, fallback: T): T => (key in settings ? (settings[key] as T) : fallback),
    }),
    onDidChangeConfiguration: () => disposable,
  },
};

// Anything else the language client touches while loading is an inert stub.
function stub(): unknown {
  return new Proxy(function () {}, { get: () => stub(), construct: () => ({}) });
}
const mock = new Proxy(known, {
  get: (target, key: string) => (key in target ? target[key] : key === "__esModule" ? false : stub()),
});

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const original = loader._load;
loader._load = function (request: string, parent: unknown, isMain: boolean): unknown {
  if (request === "vscode") {
    return mock;
  }
  return original.call(this, request, parent, isMain);
};
