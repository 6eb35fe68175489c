import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ExecuteCommandRequest,
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  State,
} from 'vscode-languageclient/node';
import {
  describeStartFailure,
  resolveServerCommand,
  RestartPolicy,
  SECTION,
  ServerCommand,
  serverSettings,
  SettingsError,
  StartFailure,
  Tail,
} from './config';
import { spawnServer } from './spawn';
import { describeUpdate, runUpdate, updateCommand, UpdateCommand } from './update';
import { explanationName, ExplainItem, initialQuery, toItems } from './explain';

const NAME = 'OpenHarmony Error Codes';

/** Start failures get one notification of ours (with the fix); the client's own go to the output only. */
const CLIENT_START_ERRORS = /couldn't create connection|initialization failed|connection to server got closed|crashed \d+ times/i;

class Client extends LanguageClient {
  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, CLIENT_START_ERRORS.test(message) ? false : showNotification);
  }
}
const SCHEME = 'ohos-errcode';

export const DOCUMENT_SELECTOR = [
  { language: 'ets' },
  { language: 'arkts' },
  { language: 'c' },
  { language: 'cpp' },
  { pattern: '**/*.ets' },
];

type Status = 'starting' | 'running' | 'stopped' | 'failed';

class Extension implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel(NAME);
  private readonly status = vscode.window.createStatusBarItem('ohosErrcode.status', vscode.StatusBarAlignment.Right, 100);
  private readonly docs = new Map<string, string>();
  private readonly docsChanged = new vscode.EventEmitter<vscode.Uri>();
  private client: LanguageClient | undefined;
  private cmd: ServerCommand | undefined;
  private readonly stderr = new Tail();
  private exitCode: number | null | undefined;
  private spawnError: unknown;
  private failureShown = false;
  private everRunning = false;
  private readonly restarts = new RestartPolicy();
  private starting: Promise<void> | undefined;
  private disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status.name = NAME;
    this.status.command = 'ohosErrcode.showOutput';
    this.setStatus('stopped');
    this.status.show();
    this.disposables.push(
      this.output,
      this.status,
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
        onDidChange: this.docsChanged.event,
        provideTextDocumentContent: (uri) => this.docs.get(uri.toString()) ?? '',
      }),
      vscode.commands.registerCommand('ohosErrcode.explain', (arg?: unknown) => this.explain(arg)),
      vscode.commands.registerCommand('ohosErrcode.restartServer', () => this.restart(true)),
      vscode.commands.registerCommand('ohosErrcode.showOutput', () => this.output.show(true)),
      vscode.commands.registerCommand('ohosErrcode.updateCatalog', () => this.updateCatalog()),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigChange(e)),
    );
  }

  private setStatus(state: Status, detail?: string): void {
    const icon = { starting: '$(loading~spin)', running: '$(check)', stopped: '$(circle-slash)', failed: '$(error)' }[state];
    this.status.text = `${icon} OH errcode`;
    const words = { starting: 'starting', running: 'running', stopped: 'stopped', failed: 'failed to start' }[state];
    this.status.tooltip = `${NAME} server: ${words}${detail ? `\n${detail}` : ''}\nClick to show the output.`;
    this.status.backgroundColor =
      state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  private settingsForServer(): { ohosErrcode: object } {
    const cfg = vscode.workspace.getConfiguration(SECTION);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return {
      ohosErrcode: serverSettings(
        {
          docsPaths: cfg.get('docsPaths'),
          language: cfg.get('language'),
          knownCodeSeverity: cfg.get('knownCodeSeverity'),
          inlayHints: cfg.get('inlayHints'),
          codeNotThrownSeverity: cfg.get('codeNotThrownSeverity'),
        },
        folder,
      ),
    };
  }

  async start(): Promise<void> {
    if (this.starting) return this.starting;
    this.starting = this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async doStart(): Promise<void> {
    this.failureShown = false;
    this.everRunning = false;
    this.setStatus('starting');
    let cmd: ServerCommand;
    try {
      cmd = await this.serverCommand();
    } catch (err) {
      const setting = err instanceof SettingsError ? err.setting : `${SECTION}.server.command`;
      this.setStatus('failed', String((err as Error).message));
      this.notify({ message: `${NAME}: ${(err as Error).message}`, setting });
      return;
    }
    this.cmd = cmd;
    this.output.appendLine(`[client] starting the server: ${cmd.display}`);
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      initializationOptions: () => this.settingsForServer(),
      initializationFailedHandler: () => false,
      errorHandler: {
        error: (_error, _message, count) => ({
          action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
          handled: true,
        }),
        closed: () => {
          if (this.everRunning && this.restarts.shouldRestart()) {
            this.output.appendLine('[client] the server stopped; restarting it');
            return { action: CloseAction.Restart, handled: true };
          }
          this.setStatus('failed');
          this.notifyFailure();
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
    };
    const client = new Client(SECTION, NAME, () => this.spawn(cmd, cwd), clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        this.everRunning = true;
        this.setStatus('running', cmd.display);
      } else if (e.newState === State.Starting) {
        this.setStatus('starting', cmd.display);
      } else if (this.status.text.indexOf('$(error)') < 0) {
        this.setStatus('stopped', cmd.display);
      }
    });
    try {
      await client.start();
    } catch (err) {
      this.spawnError = this.spawnError ?? err;
      this.setStatus('failed', cmd.display);
      this.notifyFailure();
    }
  }

  private async serverCommand(): Promise<ServerCommand> {
    const cfg = vscode.workspace.getConfiguration(SECTION);
    return resolveServerCommand(
      { command: cfg.get('server.command'), python: cfg.get('server.python') },
      await pythonFromExtension(),
    );
  }

  /** `errcode catalog update` with the server's interpreter or command; the server reloads by itself. */
  async updateCatalog(): Promise<void> {
    let update: UpdateCommand;
    try {
      update = updateCommand(await this.serverCommand());
    } catch (err) {
      const setting = err instanceof SettingsError ? err.setting : `${SECTION}.server.command`;
      this.notify({ message: `${NAME}: ${(err as Error).message}`, setting });
      return;
    }
    this.output.appendLine(`[client] updating the error catalog: ${update.display}`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Updating the OpenHarmony error catalog', cancellable: true },
      (progress, token) =>
        runUpdate(update, {
          cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
          onLine: (line) => {
            this.output.appendLine(line);
            if (line.trim()) progress.report({ message: line.trim().slice(0, 120) });
          },
          onCancel: (cancel) => token.onCancellationRequested(cancel),
        }),
    );
    const outcome = describeUpdate(update, result);
    this.output.appendLine(`[client] ${outcome.message}`);
    if (outcome.kind === 'failed') {
      const out = 'Show Output';
      void vscode.window.showErrorMessage(outcome.message, out).then((c) => (c === out ? this.output.show(true) : undefined));
    } else {
      void vscode.window.showInformationMessage(outcome.message);
    }
  }

  private async spawn(cmd: ServerCommand, cwd: string | undefined) {
    this.stderr.clear();
    this.exitCode = undefined;
    this.spawnError = undefined;
    try {
      return await spawnServer(cmd, cwd, {
        log: (line) => this.output.appendLine(line),
        stderr: this.stderr,
        onExit: (code) => (this.exitCode = code),
      });
    } catch (err) {
      this.spawnError = err;
      throw err;
    }
  }

  private notifyFailure(): void {
    if (this.failureShown || !this.cmd) return;
    this.failureShown = true;
    // the exit status and stderr arrive a moment after the connection closes
    setTimeout(() => {
      if (!this.cmd) return;
      const f = describeStartFailure(this.cmd, {
        error: this.spawnError,
        stderr: this.stderr.toString(),
        exitCode: this.exitCode,
      });
      this.output.appendLine(`[client] ${f.message}`);
      this.notify(f);
    }, 300);
  }

  private notify(f: StartFailure): void {
    const open = 'Open Setting';
    const out = 'Show Output';
    const copy = f.fix ? 'Copy Install Command' : undefined;
    const buttons = [open, out, ...(copy ? [copy] : [])];
    void vscode.window.showErrorMessage(f.message, ...buttons).then(async (choice) => {
      if (choice === open) {
        await vscode.commands.executeCommand('workbench.action.openSettings', f.setting);
      } else if (choice === out) {
        this.output.show(true);
      } else if (choice && choice === copy && f.fix) {
        await vscode.env.clipboard.writeText(f.fix);
      }
    });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      if (client.needsStop()) await client.stop(2000);
    } catch (err) {
      this.output.appendLine(`[client] stopping the server: ${(err as Error).message}`);
    }
    try {
      await client.dispose(2000);
    } catch {
      // already gone
    }
  }

  private queue: Promise<void> = Promise.resolve();

  /** Restarts run one after another, so quick settings changes end with the latest settings. */
  restart(byUser: boolean): Promise<void> {
    this.queue = this.queue
      .then(async () => {
        if (byUser) this.restarts.reset();
        if (this.starting) await this.starting;
        await this.stop();
        await this.start();
      })
      .catch((err) => this.output.appendLine(`[client] restart failed: ${(err as Error).message}`));
    return this.queue;
  }

  private onConfigChange(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration(SECTION)) return;
    if (e.affectsConfiguration(`${SECTION}.server`)) {
      this.output.appendLine('[client] server settings changed; restarting the server');
      void this.restart(true);
      return;
    }
    if (this.client?.isRunning()) {
      void this.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: this.settingsForServer(),
      });
    }
  }

  private running(): LanguageClient | undefined {
    if (this.client?.isRunning()) return this.client;
    const restart = 'Restart Server';
    void vscode.window
      .showErrorMessage(`${NAME}: the language server is not running.`, restart, 'Show Output')
      .then((c) => (c === restart ? this.restart(true) : c ? this.output.show(true) : undefined));
    return undefined;
  }

  async explain(arg?: unknown): Promise<void> {
    if (typeof arg === 'string' || typeof arg === 'number') {
      return this.showExplanation(String(arg));
    }
    const client = this.running();
    if (!client) return;
    const qp = vscode.window.createQuickPick<ExplainItem>();
    qp.title = 'Explain Error Code';
    qp.placeholder = 'A code (7700201, 0x3C10000), a C name (IMAGE_ALLOC_FAILED) or words (shared memory)';
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    const editor = vscode.window.activeTextEditor;
    if (editor) {
      const pos = editor.selection.active;
      qp.value = initialQuery(
        editor.document.getText(editor.selection),
        editor.document.lineAt(pos.line).text,
        pos.character,
      );
    }
    let seq = 0;
    let timer: NodeJS.Timeout | undefined;
    const search = async (value: string): Promise<void> => {
      const mine = ++seq;
      qp.busy = true;
      try {
        const res = await client.sendRequest(ExecuteCommandRequest.type, {
          command: 'errcode.search',
          arguments: [value, 50],
        });
        if (mine === seq) qp.items = toItems(res, value);
      } catch (err) {
        if (mine === seq) qp.items = toItems([], value);
        this.output.appendLine(`[client] errcode.search failed: ${(err as Error).message}`);
      } finally {
        if (mine === seq) qp.busy = false;
      }
    };
    qp.onDidChangeValue((v) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void search(v), 120);
    });
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0];
      const query = item ? item.query : qp.value.trim();
      qp.hide();
      if (query) void this.showExplanation(query, item?.kit);
    });
    qp.onDidHide(() => {
      if (timer) clearTimeout(timer);
      qp.dispose();
    });
    qp.show();
    await search(qp.value);
  }

  private async showExplanation(query: string, kit?: string): Promise<void> {
    const client = this.running();
    if (!client) return;
    let markdown: string;
    try {
      const res = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: 'errcode.explain',
        arguments: kit ? [query, { kit }] : [query],
      })) as { markdown?: unknown } | null;
      markdown = typeof res?.markdown === 'string' ? res.markdown : `Nothing found for "${query}"`;
    } catch (err) {
      void vscode.window.showErrorMessage(`${NAME}: could not explain "${query}": ${(err as Error).message}`);
      return;
    }
    const uri = vscode.Uri.from({ scheme: SCHEME, path: '/' + explanationName(query) });
    this.docs.set(uri.toString(), markdown);
    this.docsChanged.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await vscode.window.showTextDocument(doc, { preview: true });
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.disposables = [];
  }
}

/** The Python extension's selected interpreter, when that extension is installed (never throws). */
async function pythonFromExtension(): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension('ms-python.python');
  if (!ext) return undefined;
  try {
    const api = ext.isActive
      ? ext.exports
      : await Promise.race([ext.activate(), new Promise((r) => setTimeout(() => r(undefined), 5000))]);
    const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
    const env = api?.environments?.getActiveEnvironmentPath?.(resource);
    if (env && typeof env.path === 'string' && env.path) return env.path;
    const exec = api?.settings?.getExecutionDetails?.(resource)?.execCommand;
    if (Array.isArray(exec) && typeof exec[0] === 'string') return exec[0];
  } catch {
    // no interpreter from the Python extension: fall back to python3
  }
  return undefined;
}

let instance: Extension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  instance = new Extension(context);
  context.subscriptions.push(instance);
  await instance.start();
}

export async function deactivate(): Promise<void> {
  const ext = instance;
  instance = undefined;
  if (ext) {
    await ext.stop();
    ext.dispose();
  }
}
