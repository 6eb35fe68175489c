import * as assert from 'assert';
import * as path from 'path';
import * as fs from 'fs';
import { describeStartFailure, resolveServerCommand, Tail } from '../../src/config';
import { spawnServer } from '../../src/spawn';

function exited(child: import('child_process').ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('spawnServer error paths (real processes)', () => {
  it('rejects with ENOENT for a missing command and the message names the setting', async () => {
    const cmd = resolveServerCommand({ command: ['/nonexistent/errcode', 'lsp'] });
    let error: unknown;
    await spawnServer(cmd, undefined).catch((e) => (error = e));
    assert.strictEqual((error as { code?: string }).code, 'ENOENT');
    assert.strictEqual(
      describeStartFailure(cmd, { error }).message,
      'OpenHarmony error codes: the language server could not start: "/nonexistent/errcode" was not found. Install the server (python3 -m pip install ohos-errcode) or fix ohosErrcode.server.command.',
    );
  });

  it('reports a Python without the package with the pip command for that Python', async function () {
    // a throw-away interpreter wrapper whose module path has no ohos_errcode: python3 -I (isolated)
    const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => fs.existsSync(p));
    if (!python) this.skip();
    const tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'errcode-py-'));
    const wrapper = path.join(tmp, 'python');
    fs.writeFileSync(wrapper, `#!/bin/sh\nexec ${python} -I "$@"\n`, { mode: 0o755 });
    const cmd = resolveServerCommand({ python: wrapper });
    const stderr = new Tail();
    const child = await spawnServer(cmd, tmp, { stderr });
    const code = await exited(child);
    await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(code, 1);
    const f = describeStartFailure(cmd, { stderr: stderr.toString(), exitCode: code });
    assert.strictEqual(f.fix, `${wrapper} -m pip install ohos-errcode`);
    assert.match(f.message, /has no ohos-errcode package\. Install it with `.+ -m pip install ohos-errcode`/);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('starts the real server from the repository venv and answers initialize', async function () {
    // ERRCODE_PYTHON (set by tests/vscode), else the repository's .venv beside vscode-client/
    const python = process.env.ERRCODE_PYTHON || path.resolve(__dirname, '../../../../.venv/bin/python');
    if (!fs.existsSync(python)) this.skip();
    const cmd = resolveServerCommand({ python });
    const child = await spawnServer(cmd, undefined);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { ohosErrcode: { language: 'en' } } } });
    child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const reply = await new Promise<string>((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error('no initialize reply: ' + buf)), 15000);
      child.stdout!.on('data', (d: Buffer) => {
        buf += d.toString('utf8');
        if (buf.includes('"capabilities"')) {
          clearTimeout(timer);
          resolve(buf);
        }
      });
    });
    child.kill();
    assert.match(reply, /"hoverProvider":\s*true/);
    assert.match(reply, /"errcode\.explain"/);
    assert.match(reply, /"errcode\.search"/);
  });
});
