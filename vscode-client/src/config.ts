/**
 * Pure logic (no `vscode` import): settings → server command, settings → the object the
 * server receives, and start-failure → the one notification the user sees.
 */
import * as os from 'os';
import * as path from 'path';

export const SECTION = 'ohosErrcode';
export const SERVER_MODULE = 'ohos_errcode.server';
export const PACKAGE = 'ohos-errcode';
export const LANGUAGES = ['en', 'zh-cn'] as const;
export const KNOWN_SEVERITIES = ['off', 'hint', 'information'] as const;

export type CommandSource = 'command-setting' | 'python-setting' | 'python-extension' | 'default';

export interface ServerCommand {
  command: string;
  args: string[];
  source: CommandSource;
  /** The interpreter, when the command is `<python> -m ohos_errcode.server`. */
  python?: string;
  /** For the output channel and messages: the command as a shell would read it. */
  display: string;
}

export class SettingsError extends Error {
  constructor(message: string, readonly setting: string) {
    super(message);
  }
}

export function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function displayCommand(command: string, args: readonly string[]): string {
  return [command, ...args].map(quoteArg).join(' ');
}

export function expandHome(p: string, home: string = os.homedir()): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}

function show(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length <= 60 ? text : text.slice(0, 57) + '...';
}

/**
 * The command that starts the server:
 * `ohosErrcode.server.command` when set; else `<python> -m ohos_errcode.server` with the
 * interpreter from `ohosErrcode.server.python`, the Python extension's, or `python3`.
 * Throws SettingsError (naming the setting) for a value that cannot be a command.
 */
export function resolveServerCommand(
  settings: { command?: unknown; python?: unknown },
  pythonFromExtension?: string,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): ServerCommand {
  let command = settings.command;
  if (typeof command === 'string') {
    command = command.trim() ? command.trim().split(/\s+/) : [];
  }
  if (command !== undefined && command !== null) {
    if (!Array.isArray(command) || !command.every((a) => typeof a === 'string')) {
      throw new SettingsError(
        `${SECTION}.server.command should be a list of strings such as ["errcode", "lsp"], got ${show(command)}`,
        `${SECTION}.server.command`,
      );
    }
    const parts = (command as string[]).filter((a, i) => i > 0 || a.trim() !== '');
    if (parts.length > 0) {
      const exe = expandHome(parts[0].trim(), home);
      const args = parts.slice(1);
      return { command: exe, args, source: 'command-setting', display: displayCommand(exe, args) };
    }
  }
  const args = ['-m', SERVER_MODULE];
  const py = settings.python;
  if (py !== undefined && py !== null && typeof py !== 'string') {
    throw new SettingsError(
      `${SECTION}.server.python should be the path of a Python interpreter, got ${show(py)}`,
      `${SECTION}.server.python`,
    );
  }
  let python: string;
  let source: CommandSource;
  if (typeof py === 'string' && py.trim()) {
    python = expandHome(py.trim(), home);
    source = 'python-setting';
  } else if (pythonFromExtension && pythonFromExtension.trim()) {
    python = pythonFromExtension.trim();
    source = 'python-extension';
  } else {
    python = platform === 'win32' ? 'python' : 'python3';
    source = 'default';
  }
  return { command: python, args, source, python, display: displayCommand(python, args) };
}

/** The settings object the server reads (initializationOptions and didChangeConfiguration). */
export interface ServerSettings {
  docsPaths: string[];
  language: string;
  knownCodeSeverity: string;
  inlayHints: boolean;
  codeNotThrownSeverity: string;
}

/**
 * `ohosErrcode.*` values → what the server receives. Doc paths are made absolute
 * (`~`, `${workspaceFolder}`, relative to the first workspace folder); other values are
 * passed as they are when their type is right (the server reports bad values itself) and
 * left out otherwise, so the server keeps its default.
 */
export function serverSettings(
  raw: {
    docsPaths?: unknown;
    language?: unknown;
    knownCodeSeverity?: unknown;
    inlayHints?: unknown;
    codeNotThrownSeverity?: unknown;
  },
  workspaceFolder?: string,
  home: string = os.homedir(),
): Partial<ServerSettings> {
  const out: Partial<ServerSettings> = {};
  let docs = raw.docsPaths;
  if (typeof docs === 'string') docs = [docs];
  if (Array.isArray(docs)) {
    out.docsPaths = docs
      .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
      .map((p) => resolveDocsPath(p.trim(), workspaceFolder, home));
  }
  if (typeof raw.language === 'string') out.language = raw.language;
  if (typeof raw.knownCodeSeverity === 'string') out.knownCodeSeverity = raw.knownCodeSeverity;
  if (typeof raw.inlayHints === 'boolean') out.inlayHints = raw.inlayHints;
  if (typeof raw.codeNotThrownSeverity === 'string') out.codeNotThrownSeverity = raw.codeNotThrownSeverity;
  return out;
}

export function resolveDocsPath(p: string, workspaceFolder?: string, home: string = os.homedir()): string {
  let q = p;
  if (workspaceFolder) {
    q = q.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  }
  q = expandHome(q, home);
  if (!path.isAbsolute(q) && workspaceFolder) {
    q = path.join(workspaceFolder, q);
  }
  return q;
}

/** What the user is told when the server cannot start. */
export interface StartFailure {
  message: string;
  /** A shell command that fixes it, when there is one. */
  fix?: string;
  /** The setting to open from the notification's button. */
  setting: string;
}

export interface StartFailureFacts {
  /** The error from spawn (`code` ENOENT, EACCES) or from the client's start. */
  error?: unknown;
  /** The last lines the server printed on stderr. */
  stderr?: string;
  exitCode?: number | null;
}

const NO_MODULE = /No module named '?ohos_errcode/;

export function describeStartFailure(cmd: ServerCommand, facts: StartFailureFacts): StartFailure {
  const setting = cmd.source === 'command-setting' ? `${SECTION}.server.command` : `${SECTION}.server.python`;
  const err = facts.error as { code?: unknown; message?: unknown } | undefined;
  const errno = err && typeof err.code === 'string' ? err.code : undefined;
  const stderr = facts.stderr ?? '';
  const head = 'OpenHarmony error codes: the language server could not start';
  const install = cmd.python ? `${quoteArg(cmd.python)} -m pip install ${PACKAGE}` : `python3 -m pip install ${PACKAGE}`;
  if (errno === 'ENOENT') {
    if (cmd.source === 'command-setting') {
      return {
        message: `${head}: "${cmd.command}" was not found. Install the server (${install}) or fix ${setting}.`,
        fix: install,
        setting,
      };
    }
    const generic = `python3 -m pip install ${PACKAGE}`;
    return {
      message: `${head}: the Python interpreter "${cmd.command}" was not found. Install Python 3 and run \`${generic}\`, or set ${setting} to an interpreter that has ${PACKAGE}.`,
      fix: generic,
      setting,
    };
  }
  if (errno === 'EACCES') {
    return { message: `${head}: "${cmd.command}" is not executable. Fix ${setting}.`, setting };
  }
  if (cmd.python && NO_MODULE.test(stderr)) {
    return {
      message: `${head}: ${cmd.python} has no ${PACKAGE} package. Install it with \`${install}\`, or set ${setting} to an interpreter that has it.`,
      fix: install,
      setting,
    };
  }
  const last = lastLine(stderr);
  const why =
    last ||
    (typeof facts.exitCode === 'number' ? `it exited with code ${facts.exitCode}` : '') ||
    (err && typeof err.message === 'string' ? err.message : '') ||
    'unknown error';
  return {
    message: `${head} (${cmd.display}): ${why}. See the output channel; fix ${setting} or run \`${install}\`.`,
    fix: install,
    setting,
  };
}

export function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.length ? lines[lines.length - 1] : '';
}

/** Keeps the last `max` characters written to it (the server's stderr, for messages). */
export class Tail {
  private text = '';
  constructor(private readonly max = 4000) {}
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.max);
  }
  clear(): void {
    this.text = '';
  }
  toString(): string {
    return this.text;
  }
}

/**
 * At most `max` automatic restarts within `windowMs`; after that the server stays down until
 * the user restarts it (no endless restart loop).
 */
export class RestartPolicy {
  private times: number[] = [];
  constructor(
    private readonly max = 3,
    private readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}
  shouldRestart(): boolean {
    const t = this.now();
    this.times = this.times.filter((x) => t - x < this.windowMs);
    if (this.times.length >= this.max) return false;
    this.times.push(t);
    return true;
  }
  reset(): void {
    this.times = [];
  }
}
