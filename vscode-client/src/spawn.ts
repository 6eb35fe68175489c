/** Starting the server process (no `vscode` import, so the error paths are unit-tested). */
import * as cp from 'child_process';
import { ServerCommand, Tail } from './config';

export interface SpawnHooks {
  log?: (line: string) => void;
  stderr?: Tail;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/**
 * Spawns the server with piped stdio. Resolves once the process runs; rejects with the spawn
 * error (ENOENT: not found, EACCES: not executable). Its stderr is kept in `hooks.stderr`.
 */
export function spawnServer(cmd: ServerCommand, cwd: string | undefined, hooks: SpawnHooks = {}): Promise<cp.ChildProcess> {
  return new Promise((resolve, reject) => {
    let child: cp.ChildProcess;
    try {
      child = cp.spawn(cmd.command, cmd.args, {
        cwd,
        env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' },
        stdio: 'pipe',
        shell: false,
        windowsHide: true,
      });
    } catch (err) {
      reject(err);
      return;
    }
    child.once('error', (err) => {
      hooks.log?.(`[client] ${cmd.command}: ${err.message}`);
      reject(err);
    });
    child.once('spawn', () => resolve(child));
    child.stderr?.on('data', (d: Buffer) => hooks.stderr?.push(d.toString('utf8')));
    child.once('exit', (code, signal) => {
      hooks.log?.(`[client] the server exited (${signal ?? `code ${code}`})`);
      hooks.onExit?.(code, signal);
    });
  });
}
