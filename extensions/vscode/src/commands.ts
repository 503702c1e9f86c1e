// The extension's commands, registered in one place so they can be tested with a mock editor.
import * as vscode from "vscode";

export const RESTART = "vblint.restart";
export const SHOW_OUTPUT = "vblint.showOutput";

export interface Handlers {
  restart(): Promise<void>;
  showOutput(): void;
}

/** Register every command; the disposables go into the extension's subscriptions. */
export function registerCommands(handlers: Handlers): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(RESTART, () => handlers.restart()),
    vscode.commands.registerCommand(SHOW_OUTPUT, () => handlers.showOutput()),
  ];
}
