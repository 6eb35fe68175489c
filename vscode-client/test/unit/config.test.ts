import * as assert from 'assert';
import {
  describeStartFailure,
  resolveDocsPath,
  resolveServerCommand,
  RestartPolicy,
  serverSettings,
  SettingsError,
  Tail,
} from '../../src/config';

const HOME = '/home/dev';

describe('resolveServerCommand', () => {
  it('uses ohosErrcode.server.command when set', () => {
    const c = resolveServerCommand({ command: ['errcode', 'lsp'], python: '/opt/py/bin/python' }, '/ext/python', 'linux', HOME);
    assert.deepStrictEqual(
      { command: c.command, args: c.args, source: c.source, python: c.python, display: c.display },
      { command: 'errcode', args: ['lsp'], source: 'command-setting', python: undefined, display: 'errcode lsp' },
    );
  });

  it('expands ~ in the command and quotes arguments with spaces for display', () => {
    const c = resolveServerCommand({ command: ['~/bin/errcode', 'lsp', '--docs', '/my docs'] }, undefined, 'linux', HOME);
    assert.strictEqual(c.command, '/home/dev/bin/errcode');
    assert.deepStrictEqual(c.args, ['lsp', '--docs', '/my docs']);
    assert.strictEqual(c.display, "/home/dev/bin/errcode lsp --docs '/my docs'");
  });

  it('accepts a command written as one string', () => {
    const c = resolveServerCommand({ command: '  errcode   lsp ' }, undefined, 'linux', HOME);
    assert.deepStrictEqual([c.command, ...c.args], ['errcode', 'lsp']);
  });

  it('falls back to <python> -m ohos_errcode.server with ohosErrcode.server.python', () => {
    const c = resolveServerCommand({ command: [], python: '~/venv/bin/python' }, '/ext/python', 'linux', HOME);
    assert.deepStrictEqual([c.command, ...c.args], ['/home/dev/venv/bin/python', '-m', 'ohos_errcode.server']);
    assert.strictEqual(c.source, 'python-setting');
    assert.strictEqual(c.python, '/home/dev/venv/bin/python');
  });

  it("uses the Python extension's interpreter when no python setting is given", () => {
    const c = resolveServerCommand({ command: [], python: '' }, '/ext/.venv/bin/python', 'linux', HOME);
    assert.deepStrictEqual([c.command, ...c.args], ['/ext/.venv/bin/python', '-m', 'ohos_errcode.server']);
    assert.strictEqual(c.source, 'python-extension');
  });

  it('falls back to python3 (python on Windows)', () => {
    assert.strictEqual(resolveServerCommand({}, undefined, 'linux', HOME).display, 'python3 -m ohos_errcode.server');
    assert.strictEqual(resolveServerCommand({}, '  ', 'win32', HOME).display, 'python -m ohos_errcode.server');
  });

  it('treats an empty first element as unset', () => {
    assert.strictEqual(resolveServerCommand({ command: [''] }, undefined, 'linux', HOME).source, 'default');
  });

  it('refuses a command list with non-strings, naming the setting', () => {
    assert.throws(
      () => resolveServerCommand({ command: ['errcode', 5] }, undefined, 'linux', HOME),
      (e: unknown) =>
        e instanceof SettingsError &&
        e.setting === 'ohosErrcode.server.command' &&
        e.message === 'ohosErrcode.server.command should be a list of strings such as ["errcode", "lsp"], got ["errcode",5]',
    );
    assert.throws(() => resolveServerCommand({ command: { a: 1 } }), SettingsError);
  });

  it('refuses a python setting that is not a string', () => {
    assert.throws(
      () => resolveServerCommand({ python: 3 }, undefined, 'linux', HOME),
      (e: unknown) =>
        e instanceof SettingsError &&
        e.message === 'ohosErrcode.server.python should be the path of a Python interpreter, got 3',
    );
  });
});

describe('serverSettings', () => {
  it('passes the five settings under their camelCase names', () => {
    assert.deepStrictEqual(
      serverSettings(
        { docsPaths: ['docs/errorcode-image.md', '/abs/zh', '~/ohos', '${workspaceFolder}/x'], language: 'zh-cn', knownCodeSeverity: 'hint', inlayHints: false, codeNotThrownSeverity: 'warning' },
        '/ws',
        HOME,
      ),
      {
        docsPaths: ['/ws/docs/errorcode-image.md', '/abs/zh', '/home/dev/ohos', '/ws/x'],
        language: 'zh-cn',
        knownCodeSeverity: 'hint',
        inlayHints: false,
        codeNotThrownSeverity: 'warning',
      },
    );
  });

  it('leaves out values of the wrong type so the server keeps its defaults', () => {
    assert.deepStrictEqual(serverSettings({ docsPaths: [1, '', ' '], language: 7, knownCodeSeverity: null, inlayHints: 'yes', codeNotThrownSeverity: 3 }, '/ws', HOME), {
      docsPaths: [],
    });
    assert.deepStrictEqual(serverSettings({}, undefined, HOME), {});
  });

  it('keeps relative doc paths relative without a workspace folder', () => {
    assert.strictEqual(resolveDocsPath('docs', undefined, HOME), 'docs');
    assert.deepStrictEqual(serverSettings({ docsPaths: 'one.md' }, '/ws', HOME), { docsPaths: ['/ws/one.md'] });
  });
});

describe('describeStartFailure', () => {
  const py = resolveServerCommand({ python: '/opt/my py/bin/python3' }, undefined, 'linux', HOME);
  const def = resolveServerCommand({}, undefined, 'linux', HOME);
  const cmd = resolveServerCommand({ command: ['errcode', 'lsp'] }, undefined, 'linux', HOME);

  it('tells how to install the package when the module is missing', () => {
    const f = describeStartFailure(py, {
      stderr: "Traceback...\n/opt/my py/bin/python3: No module named ohos_errcode\n",
      exitCode: 1,
    });
    assert.strictEqual(f.fix, "'/opt/my py/bin/python3' -m pip install ohos-errcode");
    assert.strictEqual(f.setting, 'ohosErrcode.server.python');
    assert.strictEqual(
      f.message,
      "OpenHarmony error codes: the language server could not start: /opt/my py/bin/python3 has no ohos-errcode package. Install it with `'/opt/my py/bin/python3' -m pip install ohos-errcode`, or set ohosErrcode.server.python to an interpreter that has it.",
    );
  });

  it('names the missing interpreter', () => {
    const f = describeStartFailure(def, { error: Object.assign(new Error('spawn python3 ENOENT'), { code: 'ENOENT' }) });
    assert.strictEqual(
      f.message,
      'OpenHarmony error codes: the language server could not start: the Python interpreter "python3" was not found. Install Python 3 and run `python3 -m pip install ohos-errcode`, or set ohosErrcode.server.python to an interpreter that has ohos-errcode.',
    );
  });

  it('points at ohosErrcode.server.command when that command is missing', () => {
    const f = describeStartFailure(cmd, { error: { code: 'ENOENT' } });
    assert.strictEqual(f.setting, 'ohosErrcode.server.command');
    assert.strictEqual(
      f.message,
      'OpenHarmony error codes: the language server could not start: "errcode" was not found. Install the server (python3 -m pip install ohos-errcode) or fix ohosErrcode.server.command.',
    );
  });

  it("quotes the server's last stderr line otherwise", () => {
    const f = describeStartFailure(cmd, { stderr: 'x\nerrcode lsp: error: unrecognized arguments: --bogus\n\n', exitCode: 2 });
    assert.strictEqual(
      f.message,
      'OpenHarmony error codes: the language server could not start (errcode lsp): errcode lsp: error: unrecognized arguments: --bogus. See the output channel; fix ohosErrcode.server.command or run `python3 -m pip install ohos-errcode`.',
    );
    assert.match(describeStartFailure(cmd, { exitCode: 3 }).message, /\(errcode lsp\): it exited with code 3\./);
  });
});

describe('RestartPolicy', () => {
  it('allows three restarts within three minutes, then stops until reset or the window passes', () => {
    let t = 0;
    const p = new RestartPolicy(3, 180_000, () => t);
    assert.deepStrictEqual([p.shouldRestart(), p.shouldRestart(), p.shouldRestart(), p.shouldRestart()], [true, true, true, false]);
    t = 179_999;
    assert.strictEqual(p.shouldRestart(), false);
    t = 180_000;
    assert.strictEqual(p.shouldRestart(), true);
    p.reset();
    assert.strictEqual(p.shouldRestart(), true);
  });
});

describe('Tail', () => {
  it('keeps only the last characters', () => {
    const t = new Tail(5);
    t.push('abc');
    t.push('defg');
    assert.strictEqual(t.toString(), 'cdefg');
  });
});
