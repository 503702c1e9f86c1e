// Reading the extension's settings: what the server is sent, and where the executable is.
import * as fs from "fs";
import * as path from "path";

/** The part of vscode.WorkspaceConfiguration this module needs (so tests need no editor). */
export interface Configuration {
  get<T>(section: string, defaultValue: T): T;
}

export type Severity = "info" | "warning" | "error";

/** The settings the language server understands (see vblint/lsp/settings.py). */
export interface ServerSettings {
  select: string[];
  ignore: string[];
  profile: string | null;
  /** Null when the writer did not choose one: the project's configuration then decides. */
  minSeverity: Severity | null;
  debounceMs: number;
  ruleUrl?: string;
}

const SEVERITIES: readonly Severity[] = ["info", "warning", "error"];
const PROFILES: readonly string[] = ["case-note", "letter", "policy", "child-facing"];

function names(value: unknown): string[] {
  if (typeof value === "string") {
    return value.split(",").map((v) => v.trim()).filter((v) => v.length > 0);
  }
  if (Array.isArray(value)) {
    return value.map((v) => String(v).trim()).filter((v) => v.length > 0);
  }
  return [];
}

/** Settings for the server, with anything unusable replaced by its default. */
export function serverSettings(config: Configuration): ServerSettings {
  const chosen = config.get<string | null>("minSeverity", null);
  const severity = chosen ? String(chosen).toLowerCase() : "";
  const profile = config.get<string | null>("profile", null);
  const debounce = config.get<number>("debounceMs", 30);
  const ruleUrl = String(config.get<string>("ruleUrl", "")).trim();
  return {
    ...(ruleUrl.includes("{rule}") ? { ruleUrl } : {}),
    select: names(config.get<unknown>("select", [])),
    ignore: names(config.get<unknown>("ignore", [])),
    profile: profile && PROFILES.includes(profile) ? profile : null,
    minSeverity: SEVERITIES.includes(severity as Severity) ? (severity as Severity) : null,
    debounceMs:
      Number.isInteger(debounce) && debounce >= 0 && debounce <= 5000 ? debounce : 30,
  };
}

/**
 * The executable to start: an absolute path, a path relative to a workspace folder, or a
 * bare name found on PATH. Undefined when there is nothing runnable there.
 */
export function findExecutable(
  configured: string,
  workspaceFolders: readonly string[],
  envPath: string = process.env.PATH ?? "",
  isFile: (candidate: string) => boolean = runnable,
): string | undefined {
  const command = configured.trim() || "vblint";
  if (path.isAbsolute(command)) {
    return isFile(command) ? command : undefined;
  }
  if (command.includes("/") || command.includes("\\")) {
    return workspaceFolders.map((root) => path.join(root, command)).find(isFile);
  }
  const suffixes = process.platform === "win32" ? [".exe", ".cmd", ""] : [""];
  for (const dir of envPath.split(path.delimiter).filter((d) => d.length > 0)) {
    for (const suffix of suffixes) {
      const candidate = path.join(dir, command + suffix);
      if (isFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** The message shown when the executable cannot be found: what is wrong and what to do. */
export function notFoundMessage(configured: string): string {
  return (
    `vblint: cannot find the vblint executable '${configured || "vblint"}'. ` +
    "Install it (pip install 'vblint[lsp]') or set 'vblint.path' to its full path."
  );
}

function runnable(candidate: string): boolean {
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}
