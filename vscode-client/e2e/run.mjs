#!/usr/bin/env node
// End-to-end test of the packaged extension in a real VS Code (code-server 4.99.4) driven
// through headless Chromium with playwright-core.
//
//   node e2e/run.mjs [--vsix dist/ohos-errcode.vsix] [--python ../.venv/bin/python] [--out test-results/e2e]
//
// Needs `bash scripts/setup-e2e.sh` first (code-server in .cache/, Debian's chromium).
// Prints one line per check and a closing "N passed, M failed"; exits 0 only when all pass.
// Code-server runs in its own process group with its own config/data folders on 127.0.0.1 and
// the whole group is ended afterwards (the extension host and the Python server with it).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLIENT = path.resolve(HERE, '..');
const REPO = path.resolve(CLIENT, '..');
const CS_VERSION = '4.99.4';
const CS_ENTRY = path.join(CLIENT, '.cache', `code-server-${CS_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
}
const VSIX = arg('--vsix', path.join(CLIENT, 'dist', 'ohos-errcode.vsix'));
const PYTHON = arg('--python', path.join(REPO, '.venv', 'bin', 'python'));
const OUT = arg('--out', path.join(CLIENT, 'test-results', 'e2e'));
const CHROMIUM = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const UPDATE_README_SHOT = process.argv.includes('--update-readme-screenshot');

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[e2e ${elapsed()}] ${msg}`);

for (const [what, p] of [['code-server (run scripts/setup-e2e.sh)', CS_ENTRY], ['the .vsix (run npm run package)', VSIX], ['the Python interpreter', PYTHON], ['chromium', CHROMIUM]]) {
  if (!p || !fs.existsSync(p)) {
    console.error(`e2e: missing ${what}: ${p ?? '(not found)'}`);
    process.exit(2);
  }
}
const { chromium } = await import('playwright-core');

// ---------------------------------------------------------------- workspace and folders
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'errcode-e2e-'));
const WS = path.join(TMP, 'workspace');
const USER_DATA = path.join(TMP, 'user-data');
const EXT_DIR = path.join(TMP, 'extensions');
const XDG_CONFIG = path.join(TMP, 'config');
const XDG_DATA = path.join(TMP, 'data');
for (const d of [WS, path.join(WS, '.vscode'), path.join(USER_DATA, 'User'), EXT_DIR, XDG_CONFIG, XDG_DATA, OUT]) fs.mkdirSync(d, { recursive: true });

// line 4 has an emoji (two UTF-16 code units) before the literal: the hover must still land on it
const ETS = [
  "import { image } from '@kit.ImageKit';",
  '',
  'function onError(err: BusinessError) {',
  "  console.error('🖼️ failed'); if (err.code === 7700201) { return; }",
  "  if (err.code === 7700210) { console.log('retry'); }",
  '}',
  '',
].join('\n');
const CPP = [
  '#include <multimedia/image_framework/image/image_common.h>',
  '',
  'Image_ErrorCode Load() {',
  '    Image_ErrorCode code = OH_ImageSourceNative_CreateFromUri(nullptr, 0, nullptr);',
  '    if (code == 7700102) { return IMAGE_BAD_PARAMETER; }',
  '    return code;',
  '}',
  '',
].join('\n');
fs.writeFileSync(path.join(WS, 'demo.ets'), ETS);
fs.writeFileSync(path.join(WS, 'demo.cpp'), CPP);
// 39900001: no catalog knows it until the "Update Error Catalog" check's update
fs.writeFileSync(path.join(WS, 'update.ets'), 'function f(err: BusinessError) {\n  if (err.code === 39900001) { return; }\n}\n');
fs.writeFileSync(
  path.join(WS, '.vscode', 'settings.json'),
  JSON.stringify({ 'ohosErrcode.server.python': PYTHON, 'ohosErrcode.trace.server': 'messages' }, null, 2),
);
fs.writeFileSync(
  path.join(USER_DATA, 'User', 'settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'extensions.ignoreRecommendations': true,
      'update.mode': 'none',
      'chat.commandCenter.enabled': false,
      'editor.hover.delay': 200,
      'editor.lightbulb.enabled': 'on',
      'editor.minimap.enabled': false,
      'window.commandCenter': false,
      'workbench.colorTheme': 'Default Light Modern',
    },
    null,
    2,
  ),
);
const csConfig = path.join(XDG_CONFIG, 'code-server', 'config.yaml');
fs.mkdirSync(path.dirname(csConfig), { recursive: true });
fs.writeFileSync(csConfig, 'auth: none\ncert: false\n');

const env = {
  ...process.env,
  XDG_CONFIG_HOME: XDG_CONFIG,
  XDG_DATA_HOME: XDG_DATA,
  XDG_CACHE_HOME: path.join(TMP, 'cache'),
  CS_DISABLE_GETTING_STARTED_OVERRIDE: '1',
};
delete env.VSCODE_IPC_HOOK_CLI;
// the product's settings and cache come from the XDG folders above, not from whoever runs the e2e
for (const v of ['ERRCODE_CONFIG', 'ERRCODE_CACHE', 'ERRCODE_DOCS', 'ERRCODE_LANG']) delete env[v];
const csArgs = ['--config', csConfig, '--user-data-dir', USER_DATA, '--extensions-dir', EXT_DIR, '--disable-telemetry', '--disable-update-check'];

// ---------------------------------------------------------------- install the .vsix
log(`installing ${path.relative(CLIENT, VSIX)} into code-server ${CS_VERSION}`);
const inst = spawnSync(process.execPath, [CS_ENTRY, ...csArgs, '--install-extension', VSIX, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
if (inst.status !== 0 || !/was successfully installed/.test(inst.stdout + inst.stderr)) {
  console.error(`e2e: installing the .vsix failed (${inst.status}):\n${inst.stdout}\n${inst.stderr}`);
  process.exit(1);
}
const installed = fs.readdirSync(EXT_DIR).filter((d) => d.startsWith('ohos-errcode.ohos-errcode-'));
log(`installed: ${installed.join(', ')}`);

// ---------------------------------------------------------------- start code-server (own process group)
const port = await new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const csLog = fs.openSync(path.join(OUT, 'code-server.log'), 'w');
const cs = spawn(
  process.execPath,
  [CS_ENTRY, ...csArgs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', WS],
  { env, detached: true, stdio: ['ignore', csLog, csLog] },
);
let ended = false;
function endGroup() {
  if (ended) return;
  ended = true;
  for (const sig of ['SIGTERM']) {
    try {
      process.kill(-cs.pid, sig);
    } catch {
      /* already gone */
    }
  }
}
function killGroupHard() {
  try {
    process.kill(-cs.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}
process.on('exit', () => {
  endGroup();
  killGroupHard();
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

async function waitForPort() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (cs.exitCode !== null) throw new Error(`code-server exited with ${cs.exitCode}; see ${OUT}/code-server.log`);
    const ok = await new Promise((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.end();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('code-server did not listen within 60 s');
}

// ---------------------------------------------------------------- checks
const results = [];
let page;
let shotNo = 0;
async function shot(name) {
  shotNo += 1;
  const file = path.join(OUT, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  try {
    await page.screenshot({ path: file });
  } catch (e) {
    log(`screenshot ${name} failed: ${e.message}`);
  }
  return file;
}
async function check(name, fn) {
  const start = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    console.log(`PASS ${name}${detail ? ` — ${detail}` : ''} (${((Date.now() - start) / 1000).toFixed(1)}s)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.message.split('\n').slice(0, 6).join('\n    ')}`);
    await shot(`FAIL-${name.replace(/\W+/g, '-')}`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
  }
}
function norm(s) {
  return (s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}
async function waitFor(pred, what, timeout = 20_000, every = 200) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await pred();
    if (last) return last;
    await page.waitForTimeout(every);
  }
  throw new Error(`timed out after ${timeout / 1000}s waiting for ${what}`);
}

/**
 * Open a quick input with `key` and type `text` into it.  A quick input still closing (the one
 * before) or a webview holding the keyboard (a Markdown preview) can swallow the key or detach
 * the box being typed into: then Escape, and the key again (three tries, each bounded).
 */
async function quickInput(key, text) {
  const input = page.locator('.quick-input-widget:not([aria-hidden="true"]) input.input');
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press(key);
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(text, { timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
      await page.locator('.monaco-workbench .part.statusbar').first().hover().catch(() => {});
      await page.waitForTimeout(500);
    }
  }
}

async function runCommand(title) {
  await quickInput('F1', `>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await page.waitForTimeout(200);
  await row.click();
}

async function openFile(name) {
  await quickInput('Control+P', name);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 10_000 });
  await page.waitForTimeout(200);
  await row.click();
  await page.locator(`.tab.active[aria-label^="${name}"]`).first().waitFor({ timeout: 10_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
}

async function goTo(line, column) {
  await quickInput('Control+G', `:${line}:${column}`);
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
}

/** 1-based UTF-16 column (what VS Code's Go to Line uses) of `needle` on 1-based `line`. */
function columnOf(text, line, needle, offset = 0) {
  const l = text.split('\n')[line - 1];
  const i = l.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not on line ${line}`);
  return i + 1 + offset;
}

async function hoverText() {
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
  if (!(await hover.isVisible().catch(() => false))) return '';
  return norm(await hover.innerText());
}

let failedEarly;
const browserArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];
let browser;
try {
  await waitForPort();
  log(`code-server listening on 127.0.0.1:${port}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: browserArgs });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(WS)}`, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  log('workbench loaded');

  await check('extension activates and the server runs (status bar)', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'OH errcode' }).first();
    await item.waitFor({ timeout: 45_000 });
    await waitFor(async () => (await item.locator('.codicon-check').count()) > 0, 'the status item to show $(check)', 45_000);
    const label = await item.getAttribute('aria-label').catch(() => '');
    return norm(label ?? '');
  });

  await openFile('demo.ets');
  await openFile('demo.cpp');
  await openFile('demo.ets');
  await shot('opened');

  await check('hover on a literal after an emoji on the same line', async () => {
    const col = columnOf(ETS, 4, '7700201', 3); // inside the literal, UTF-16 columns
    await goTo(4, col);
    await waitFor(async () => {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.waitForTimeout(400);
      return (await hoverText()).includes('Unsupported Memory Allocation Type');
    }, 'the hover to show the 7700201 entry', 30_000, 600);
    const text = await hoverText();
    if (!text.includes('7700201')) throw new Error(`hover text lacks the code: ${text.slice(0, 300)}`);
    // the README's screenshot: the hover and the line it explains
    const box = await page.locator('.monaco-hover:not(.hidden)').first().boundingBox();
    const editorBox = await page.locator('.editor-group-container .monaco-editor').first().boundingBox();
    await shot('hover');
    if (box && editorBox) {
      const x = Math.max(editorBox.x, Math.min(box.x, editorBox.x + 40) - 10);
      const y = Math.max(0, Math.min(box.y, editorBox.y) - 10);
      const right = Math.min(1280, Math.max(box.x + box.width, editorBox.x + 640) + 10);
      const bottom = Math.min(800, Math.max(box.y + box.height, editorBox.y + 140) + 10);
      const clip = { x, y, width: right - x, height: bottom - y };
      await page.screenshot({ path: path.join(OUT, 'hover.png'), clip });
      if (UPDATE_README_SHOT) fs.copyFileSync(path.join(OUT, 'hover.png'), path.join(CLIENT, 'images', 'hover.png'));
    }
    await page.keyboard.press('Escape');
    return text.slice(0, 90);
  });

  await check('diagnostics in the Problems panel', async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 10_000 });
    // [message, where] pairs: the columns are UTF-16 (what VS Code shows), the emoji counts two
    const want = [
      ['Unknown error code 7700210 — did you mean 7700201 (Unsupported Memory Allocation Type)?', `[Ln 5, Col ${columnOf(ETS, 5, '7700210')}]`],
      ['7700201: Unsupported Memory Allocation Type (Image Kit)', `[Ln 4, Col ${columnOf(ETS, 4, '7700201')}]`],
      ['7700102: Unsupported MIME Type (Image Kit)', `[Ln 5, Col ${columnOf(CPP, 5, '7700102')}]`],
    ];
    let texts = [];
    try {
      await waitFor(async () => {
        texts = (await panel.locator('.monaco-list-row').allInnerTexts()).map(norm);
        return want.every(([m, at]) => texts.some((t) => t.includes(m) && t.includes(at)));
      }, 'the Problems rows', 30_000);
    } catch (e) {
      throw new Error(`${e.message}; wanted ${JSON.stringify(want)}; rows: ${JSON.stringify(texts)}`);
    }
    const row = texts.find((t) => t.includes(want[0][0]));
    await shot('problems');
    return row;
  });

  await check('quick fix applied through the lightbulb menu', async () => {
    await openFile('demo.ets');
    await goTo(5, columnOf(ETS, 5, '7700210', 2));
    const bulb = page.locator('.lightBulbWidget .codicon, .lightBulbWidget').first();
    await bulb.waitFor({ state: 'visible', timeout: 20_000 });
    await shot('lightbulb');
    await bulb.click();
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Replace with 7700201' }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await shot('lightbulb-menu');
    // the menu is keyboard-driven: move the focus to the fix, then Enter
    await waitFor(async () => {
      const focused = await page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label').catch(() => '');
      if (focused && focused.startsWith('Replace with 7700201')) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    }, 'the "Replace with 7700201" item to take the focus', 5_000, 150);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+S');
    const line = await waitFor(() => {
      const l = fs.readFileSync(path.join(WS, 'demo.ets'), 'utf8').split('\n')[4];
      return l.includes('7700201') ? l : null;
    }, 'demo.ets line 5 on disk to read 7700201', 10_000);
    if (line !== "  if (err.code === 7700201) { console.log('retry'); }") throw new Error(`line 5 is ${JSON.stringify(line)}`);
    // the warning is gone once the code is known
    await waitFor(async () => {
      const texts = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map(norm);
      return !texts.some((t) => t.includes('Unknown error code 7700210'));
    }, 'the 7700210 warning to disappear', 15_000);
    return line.trim();
  });

  await check('"Explain Error Code…" command: fuzzy search and explanation', async () => {
    await runCommand('OpenHarmony: Explain Error Code…');
    const input = page.locator('.quick-input-widget input.input');
    await waitFor(async () => norm(await page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '')) === 'Explain Error Code', 'the Explain Error Code quick pick', 10_000);
    await input.fill('shared memory');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Shared Memory Error' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    const labels = (await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map(norm);
    await shot('explain-quick-pick');
    if (!labels.some((l) => l.includes('62980098'))) throw new Error(`no 62980098 row: ${labels.join(' | ')}`);
    await row.click();
    const text = await waitFor(async () => {
      // the rendered Markdown lives in the preview's webview frames, not in the workbench
      for (const f of page.frames()) {
        if (f === page.mainFrame()) continue;
        const t = norm(await f.locator('body').innerText({ timeout: 1000 }).catch(() => ''));
        if (t.includes('62980098 Shared Memory Error') && t.includes('Error message')) return t;
      }
      return null;
    }, 'the explanation preview of 62980098', 30_000, 500);
    const tab = page.locator('.tab', { hasText: 'Error 62980098.md' }).first();
    await tab.waitFor({ timeout: 5_000 });
    await shot('explain-preview');
    return text.slice(0, 90);
  });

  await check('"Restart Server" and "Show Output" commands, with the LSP trace', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'OH errcode' }).first();
    await runCommand('OpenHarmony: Restart Server');
    await waitFor(async () => (await item.locator('.codicon-check').count()) > 0, 'the server to run again', 30_000);
    await runCommand('OpenHarmony: Show Output');
    const view = page.locator('.output-view .view-lines, .panel .output .view-lines').first();
    await view.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await waitFor(async () => {
      const t = norm(await view.innerText().catch(() => ''));
      return /\[Trace - [^\]]+\] (Sending|Received) /.test(t) ? t : null;
    }, 'LSP trace lines in the output channel', 15_000);
    await shot('output');
    return text.match(/\[Trace - [^\]]+\] (Sending|Received) [^.]+\./)[0];
  });

  const wsSettings = path.join(WS, '.vscode', 'settings.json');
  const writeWsSettings = (extra) =>
    fs.writeFileSync(wsSettings, JSON.stringify({ 'ohosErrcode.server.python': PYTHON, 'ohosErrcode.trace.server': 'messages', ...extra }, null, 2));

  await check('settings apply live (knownCodeSeverity off hides known codes)', async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 10_000 });
    const known = async () => (await panel.locator('.monaco-list-row').allInnerTexts()).map(norm).filter((t) => t.includes('known-error-code'));
    // after the quick fix: 7700201 twice in demo.ets, 7700102 in demo.cpp
    const before = await waitFor(async () => {
      const rows = await known();
      return rows.length === 3 ? rows : null;
    }, 'three known-code rows before the change', 20_000);
    writeWsSettings({ 'ohosErrcode.knownCodeSeverity': 'off' });
    await waitFor(async () => (await known()).length === 0, 'the known-code rows to disappear', 20_000);
    await shot('known-off');
    writeWsSettings({});
    await waitFor(async () => (await known()).length === before.length, 'the known-code rows to come back', 20_000);
    return `${before.length} known-code rows hidden, then shown again`;
  });

  await check('a server that cannot start: one notification with the fix, no restart loop', async () => {
    writeWsSettings({ 'ohosErrcode.server.python': '/nonexistent/python3' });
    const want = 'the Python interpreter "/nonexistent/python3" was not found';
    const toast = page.locator('.notification-toast', { hasText: want });
    await toast.first().waitFor({ state: 'visible', timeout: 20_000 });
    const item = page.locator('.statusbar-item', { hasText: 'OH errcode' }).first();
    await waitFor(async () => (await item.locator('.codicon-error').count()) > 0, 'the status item to show $(error)', 10_000);
    await page.waitForTimeout(4000); // a restart loop would add more notifications here
    const count = await toast.count();
    if (count !== 1) throw new Error(`expected one notification, got ${count}`);
    const all = (await page.locator('.notification-toast').allInnerTexts()).map(norm);
    if (all.length !== 1) throw new Error(`expected no other notification, got ${JSON.stringify(all)}`);
    const text = norm(await toast.first().innerText());
    if (!text.includes('python3 -m pip install ohos-errcode')) throw new Error(`no install command in: ${text}`);
    await shot('start-failure');
    await toast.first().locator('a.monaco-button, .monaco-button', { hasText: 'Open Setting' }).first().click();
    const settingsTab = page.locator('.tab.active', { hasText: 'Settings' }).first();
    await settingsTab.waitFor({ timeout: 10_000 });
    await page.locator('.settings-editor .setting-item-contents', { hasText: 'Python interpreter that has' }).first().waitFor({ timeout: 10_000 });
    await shot('open-setting');
    // back to a working server: the settings change restarts it
    writeWsSettings({});
    await waitFor(async () => (await item.locator('.codicon-check').count()) > 0, 'the server to run again', 30_000);
    return text.slice(0, 120);
  });

  await check('a Python without ohos-errcode: the notification gives its pip command', async () => {
    const sysPython = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => fs.existsSync(p));
    if (!sysPython) return 'skipped: no system python3';
    const bin = path.join(TMP, 'bare', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    const bare = path.join(bin, 'python3');
    fs.writeFileSync(bare, `#!/bin/sh\nexec ${sysPython} -I "$@"\n`, { mode: 0o755 }); // -I: no site-packages of the user
    for (const b of await page.locator('.notification-toast .codicon-notifications-clear, .notification-toast .codicon-close').all()) await b.click().catch(() => {});
    writeWsSettings({ 'ohosErrcode.server.python': bare });
    const want = `${bare} has no ohos-errcode package. Install it with \`${bare} -m pip install ohos-errcode\``;
    const toast = page.locator('.notification-toast', { hasText: want });
    await toast.first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.waitForTimeout(3000);
    const all = (await page.locator('.notification-toast').allInnerTexts()).map(norm);
    if (all.length !== 1) throw new Error(`expected exactly one notification, got ${JSON.stringify(all)}`);
    await shot('no-module');
    writeWsSettings({});
    const item = page.locator('.statusbar-item', { hasText: 'OH errcode' }).first();
    await waitFor(async () => (await item.locator('.codicon-check').count()) > 0, 'the server to run again', 30_000);
    return all[0].slice(0, 140);
  });

  await check('"Update Error Catalog" command: the update runs, the server reloads', async () => {
    // a reference folder documenting 39900001, the config's [update] table pointing at it (no network)
    const docs = path.join(TMP, 'update-docs');
    const pageDir = path.join(docs, 'en', 'application-dev', 'reference', 'apis-foo-kit');
    const empty = path.join(TMP, 'update-empty');
    for (const d of [pageDir, empty, path.join(XDG_CONFIG, 'ohos-errcode')]) fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(pageDir, 'errorcode-foo.md'),
      '# Foo Error Codes\n\n<!--Kit: Foo Kit-->\n\n## 39900001 Retry Later\n\n**Error Message**\n\nTry again later.\n');
    fs.writeFileSync(path.join(XDG_CONFIG, 'ohos-errcode', 'config.toml'),
      `[update]\ndocs_repo = ${JSON.stringify(docs)}\nsdk_js_repo = ${JSON.stringify(empty)}\nsdk_c_repo = ${JSON.stringify(empty)}\n`);
    await openFile('update.ets');
    for (const b of await page.locator('.notification-toast .codicon-notifications-clear, .notification-toast .codicon-close').all()) await b.click().catch(() => {});
    await runCommand('OpenHarmony: Update Error Catalog');
    const toast = page.locator('.notification-toast', { hasText: 'the error catalog was updated' });
    await toast.first().waitFor({ state: 'visible', timeout: 60_000 });
    await shot('update-done');
    // the server picked the new snapshot up by itself: the code is known now
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 10_000 });
    const row = await waitFor(async () => {
      const texts = (await panel.locator('.monaco-list-row').allInnerTexts()).map(norm);
      return texts.find((t) => t.includes('39900001: Retry Later (Foo Kit)'));
    }, 'the Problems row of 39900001 from the new catalog', 30_000);
    await shot('update-reloaded');
    return row.slice(0, 90);
  });
} catch (e) {
  failedEarly = e;
  console.log(`FAIL setup: ${e.message}`);
  if (page) await shot('FAIL-setup');
} finally {
  if (browser) await browser.close().catch(() => {});
  endGroup();
  await new Promise((r) => setTimeout(r, 1500));
  killGroupHard();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed + (failedEarly ? 1 : 0);
log(`screenshots and code-server.log in ${OUT}`);
if (!process.env.ERRCODE_E2E_KEEP) fs.rmSync(TMP, { recursive: true, force: true });
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
