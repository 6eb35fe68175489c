/**
 * "Update Error Catalog": runs `errcode catalog update` with the interpreter or command the
 * extension starts the server with (no `vscode` import, so it is unit-tested with real processes).
 * The running server picks the new snapshot up by itself (it watches the snapshot file).
 */
import * as cp from 'child_process';
import { displayCommand, lastLine, SECTION, SERVER_MODULE, ServerCommand, SettingsError } from './config';

export const UPDATE_ARGS = ['catalog', 'update'];
/** After a cancel: SIGINT first (the update stops cleanly, the previous snapshot stays), then SIGKILL. */
export const KILL_AFTER_MS = 5000;

export interface UpdateCommand {
  command: string;
  args: string[];
  display: string;
}

/**
 * The update command for the server command: `<python> -m ohos_errcode catalog update` for
 * `<python> -m ohos_errcode.server`; for a command setting, its `lsp` argument (and what
 * follows) replaced by `catalog update` (`errcode lsp --stdio` → `errcode catalog update`,
 * `uvx --from ohos-errcode errcode lsp` → `uvx --from ohos-errcode errcode catalog update`).
 */
export function updateCommand(server: ServerCommand): UpdateCommand {
  const args = server.args;
  const m = args.indexOf('-m');
  let out: string[] | undefined;
  if (m >= 0 && args[m + 1] === SERVER_MODULE) {
    out = [...args.slice(0, m), '-m', 'ohos_errcode', ...UPDATE_ARGS];
  } else {
    const lsp = args.indexOf('lsp');
    if (lsp >= 0) out = [...args.slice(0, lsp), ...UPDATE_ARGS];
  }
  if (!out) {
    throw new SettingsError(
      `cannot tell how to run \`errcode catalog update\` from ${SECTION}.server.command (${server.display}): ` +
        'it should end in `errcode lsp` or `-m ohos_errcode.server`',
      `${SECTION}.server.command`,
    );
  }
  return { command: server.command, args: out, display: displayCommand(server.command, out) };
}

export interface UpdateResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  cancelled: boolean;
  /** Everything the command printed (stdout and stderr, in order). */
  output: string;
  /** The spawn error (ENOENT, EACCES), when the command did not start. */
  error?: Error;
}

export interface UpdateHooks {
  /** Each line the command prints, as it comes. */
  onLine?: (line: string) => void;
  /** Registers the cancel callback (vscode's CancellationToken.onCancellationRequested). */
  onCancel?: (cancel: () => void) => void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** How long a cancelled update may take to stop after SIGINT before it is killed. */
  killAfterMs?: number;
}

/** Runs the update; resolves when the process is gone (never rejects). */
export function runUpdate(cmd: UpdateCommand, hooks: UpdateHooks = {}): Promise<UpdateResult> {
  return new Promise((resolve) => {
    let output = '';
    let cancelled = false;
    let child: cp.ChildProcess;
    const done = (r: Omit<UpdateResult, 'output' | 'cancelled'>) => resolve({ ...r, output, cancelled });
    try {
      child = cp.spawn(cmd.command, cmd.args, {
        cwd: hooks.cwd,
        env: { ...(hooks.env ?? process.env), PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true,
      });
    } catch (err) {
      done({ code: null, signal: null, error: err as Error });
      return;
    }
    let partial = '';
    const take = (d: Buffer) => {
      const text = d.toString('utf8');
      output += text;
      const lines = (partial + text).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) hooks.onLine?.(line);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    let killTimer: NodeJS.Timeout | undefined;
    hooks.onCancel?.(() => {
      if (child.exitCode !== null || child.signalCode !== null || cancelled) return;
      cancelled = true;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), hooks.killAfterMs ?? KILL_AFTER_MS);
    });
    let spawnError: Error | undefined;
    child.once('error', (err) => {
      spawnError = err;
      if (child.pid === undefined) done({ code: null, signal: null, error: err });
    });
    child.once('close', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      if (partial) hooks.onLine?.(partial);
      done({ code, signal, error: spawnError });
    });
  });
}

export interface UpdateOutcome {
  kind: 'updated' | 'unchanged' | 'cancelled' | 'failed';
  /** The one sentence the notification shows. */
  message: string;
}

const NAME = 'OpenHarmony Error Codes';

/** The notification for a finished update: the summary's head line, or why it failed. */
export function describeUpdate(cmd: UpdateCommand, r: UpdateResult): UpdateOutcome {
  if (r.cancelled) {
    return { kind: 'cancelled', message: `${NAME}: the catalog update was cancelled; the previous catalog stays in use.` };
  }
  if (r.error) {
    const errno = (r.error as { code?: unknown }).code;
    const why = errno === 'ENOENT' ? `"${cmd.command}" was not found` : r.error.message;
    return { kind: 'failed', message: `${NAME}: could not run ${cmd.display}: ${why}.` };
  }
  if (r.code === 0) {
    const unchanged = /^catalog snapshot unchanged/m.test(r.output);
    return unchanged
      ? { kind: 'unchanged', message: `${NAME}: the error catalog is up to date (no source changed).` }
      : { kind: 'updated', message: `${NAME}: the error catalog was updated; the language server uses it now.` };
  }
  const failed = r.output.split(/\r?\n/).find((l) => l.startsWith('errcode: catalog update failed:'));
  const why = failed ? failed.replace(/^errcode: /, '') : lastLine(r.output) || 'no output';
  const status = r.code !== null ? `exit status ${r.code}` : `killed by ${r.signal}`;
  return { kind: 'failed', message: `${NAME}: ${why} (${status}).` };
}
