import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveServerCommand, SettingsError } from '../../src/config';
import { describeUpdate, runUpdate, updateCommand, UpdateCommand } from '../../src/update';

describe('updateCommand: the same interpreter or command as the server', () => {
  it('runs `<python> -m ohos_errcode catalog update` for the interpreter the server uses', () => {
    const cmd = updateCommand(resolveServerCommand({ python: '/opt/venv/bin/python' }));
    assert.deepStrictEqual([cmd.command, ...cmd.args], ['/opt/venv/bin/python', '-m', 'ohos_errcode', 'catalog', 'update']);
    assert.strictEqual(cmd.display, '/opt/venv/bin/python -m ohos_errcode catalog update');
  });

  it('replaces `lsp` and what follows in a command setting', () => {
    assert.strictEqual(updateCommand(resolveServerCommand({ command: ['errcode', 'lsp', '--stdio'] })).display,
      'errcode catalog update');
    assert.strictEqual(updateCommand(resolveServerCommand({ command: 'uvx --from ohos-errcode errcode lsp' })).display,
      'uvx --from ohos-errcode errcode catalog update');
    assert.strictEqual(updateCommand(resolveServerCommand({ command: ['py', '-m', 'ohos_errcode.server', '--tcp', 'x'] })).display,
      'py -m ohos_errcode catalog update');
  });

  it('names the setting when the command cannot be turned into an update', () => {
    assert.throws(() => updateCommand(resolveServerCommand({ command: ['my-wrapper', '--serve'] })), (err: unknown) => {
      assert.ok(err instanceof SettingsError);
      assert.strictEqual(err.setting, 'ohosErrcode.server.command');
      assert.strictEqual(err.message, 'cannot tell how to run `errcode catalog update` from ohosErrcode.server.command '
        + '(my-wrapper --serve): it should end in `errcode lsp` or `-m ohos_errcode.server`');
      return true;
    });
  });
});

describe('runUpdate (real processes)', () => {
  const python = process.env.ERRCODE_PYTHON || path.resolve(__dirname, '../../../../.venv/bin/python');
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'errcode-update-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function page(title: string): string {
    const docs = path.join(tmp, 'docs');
    const dir = path.join(docs, 'en', 'application-dev', 'reference', 'apis-foo-kit');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'errorcode-foo.md'),
      `# Foo Error Codes\n\n<!--Kit: Foo Kit-->\n\n## 39900001 ${title}\n\n**Error Message**\n\nThe foo failed.\n`);
    return docs;
  }

  it('updates the snapshot with the real errcode, streams its lines, then finds nothing changed', async function () {
    if (!fs.existsSync(python)) this.skip();
    const base = updateCommand(resolveServerCommand({ python }));
    const cmd: UpdateCommand = { ...base, args: [...base.args, '--docs-repo', page('Foo Exploded'), '--no-sdk'] };
    const env = { ...process.env, ERRCODE_CACHE: path.join(tmp, 'cache') };
    const lines: string[] = [];
    const first = await runUpdate(cmd, { env, onLine: (l) => lines.push(l) });
    assert.strictEqual(first.code, 0, first.output);
    assert.strictEqual(lines[0], `catalog snapshot updated: ${path.join(tmp, 'cache', 'catalog.snapshot')}`);
    assert.strictEqual(lines[1], '  en: 1 pages, 1 entries');
    assert.strictEqual(first.output, lines.join('\n') + '\n');
    assert.deepStrictEqual(describeUpdate(cmd, first), {
      kind: 'updated', message: 'OpenHarmony Error Codes: the error catalog was updated; the language server uses it now.' });
    const second = await runUpdate(cmd, { env });
    assert.deepStrictEqual(describeUpdate(cmd, second), {
      kind: 'unchanged', message: 'OpenHarmony Error Codes: the error catalog is up to date (no source changed).' });
  });

  it('reports a failed update with errcode\'s own reason and the exit status', async function () {
    if (!fs.existsSync(python)) this.skip();
    const base = updateCommand(resolveServerCommand({ python }));
    const cmd: UpdateCommand = { ...base, args: [...base.args, '--docs-repo', path.join(tmp, 'nothing-here'), '--no-sdk'] };
    const r = await runUpdate(cmd, { env: { ...process.env, ERRCODE_CACHE: path.join(tmp, 'cache') } });
    assert.strictEqual(r.code, 1);
    assert.deepStrictEqual(describeUpdate(cmd, r), {
      kind: 'failed',
      message: `OpenHarmony Error Codes: catalog update failed: docs: ${path.join(tmp, 'nothing-here')} is neither a folder nor a git URL (exit status 1).`,
    });
  });

  it('a command that is not there is a failure naming it', async () => {
    const cmd = updateCommand(resolveServerCommand({ command: ['/nonexistent/errcode', 'lsp'] }));
    const r = await runUpdate(cmd);
    assert.strictEqual((r.error as { code?: string }).code, 'ENOENT');
    assert.deepStrictEqual(describeUpdate(cmd, r), {
      kind: 'failed',
      message: 'OpenHarmony Error Codes: could not run /nonexistent/errcode catalog update: "/nonexistent/errcode" was not found.',
    });
  });

  it('cancelling interrupts the process (SIGINT)', async () => {
    const cmd: UpdateCommand = { command: '/bin/sh', args: ['-c', 'echo started; exec sleep 30'], display: 'sh' };
    let cancel: (() => void) | undefined;
    const r = await runUpdate(cmd, { onCancel: (c) => (cancel = c), onLine: (l) => l === 'started' && cancel?.() });
    assert.deepStrictEqual([r.cancelled, r.code, r.signal], [true, null, 'SIGINT']);
    assert.deepStrictEqual(describeUpdate(cmd, r), {
      kind: 'cancelled', message: 'OpenHarmony Error Codes: the catalog update was cancelled; the previous catalog stays in use.' });
  });

  it('a process that ignores SIGINT is killed', async () => {
    const cmd: UpdateCommand = { command: '/bin/sh', args: ['-c', "trap '' INT; echo started; exec sleep 30"], display: 'sh' };
    let cancel: (() => void) | undefined;
    const r = await runUpdate(cmd, { killAfterMs: 100, onCancel: (c) => (cancel = c), onLine: (l) => l === 'started' && cancel?.() });
    assert.deepStrictEqual([r.cancelled, r.code, r.signal], [true, null, 'SIGKILL']);
  });
});
