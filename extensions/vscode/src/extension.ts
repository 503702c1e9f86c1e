// Starts `vblint lsp` for plain text and Markdown and keeps it in step with the settings.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

import { registerCommands } from "./commands";
import { findExecutable, notFoundMessage, serverSettings } from "./config";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function folders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("vblint");
  const configured = config.get<string>("path", "vblint");
  const executable = findExecutable(configured, folders());
  if (executable === undefined) {
    const message = notFoundMessage(configured);
    output?.appendLine(message);
    const choice = await vscode.window.showErrorMessage(message, "Open Settings");
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "vblint.path");
    }
    return;
  }
  output?.appendLine(`Starting ${executable} lsp`);
  const serverOptions: ServerOptions = { command: executable, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
    ],
    initializationOptions: serverSettings(config),
    synchronize: { configurationSection: "vblint" },
    outputChannel: output,
  };
  client = new LanguageClient("vblint", "vblint", serverOptions, clientOptions);
  await client.start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("vblint");
  context.subscriptions.push(output);
  context.subscriptions.push(
    ...registerCommands({
      restart: async () => {
        await stop();
        await start();
      },
      showOutput: () => output?.show(true),
    }),
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("vblint.path")) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
