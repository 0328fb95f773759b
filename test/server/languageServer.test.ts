import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import {
  CancellationTokenSource,
  CompletionRequest,
  CompletionResolveRequest,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  DocumentDiagnosticRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LSPErrorCodes,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ResponseError,
  ShutdownRequest,
  createProtocolConnection,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { main } from '../../src/cli/main';
import { startLanguageServer } from '../../src/server/server';

const REPO = path.resolve(__dirname, '..', '..');
const PAPER = '\\documentclass{article}\n\\begin{document}\nCausality \\citep{pearl2009} and \\citep{pearl2090}.\nMore \\citep{\n\\bibliography{refs}\n\\end{document}\n';
const REFS = '@book{pearl2009,\n  title = {Causality: *Models* <img src=x onerror=alert(1)> [click](https://evil.example)},\n  author = {Pearl, Judea},\n  publisher = {Cambridge University Press},\n  year = {2009}\n}\n';
const EXTRA = '@book{rubin1974,\n  title = {Estimating Causal Effects},\n  author = {Rubin, Donald},\n  publisher = {Wiley},\n  year = {1974}\n}\n';

/** The server in this process over a pair of streams, and a client with the given capabilities. */
class Session {
  readonly folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-lsp-')));
  readonly client: ProtocolConnection;
  readonly published = new Map<string, Diagnostic[]>();
  readonly registrations: Registration[] = [];
  refreshes = 0;
  initialized!: InitializeResult;

  constructor(
    private readonly capabilities: ClientCapabilities,
    private readonly configuration?: unknown,
  ) {
    fs.writeFileSync(path.join(this.folder, 'paper.tex'), PAPER);
    fs.writeFileSync(path.join(this.folder, 'refs.bib'), REFS);
    fs.mkdirSync(path.join(this.folder, 'more'));
    fs.writeFileSync(path.join(this.folder, 'more', 'extra.bib'), EXTRA);
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startLanguageServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), { packageRoot: REPO, distDir: path.join(REPO, 'dist') });
    this.client = createProtocolConnection(toClient, toServer);
    this.client.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, params.diagnostics);
    });
    this.client.onRequest(RegistrationRequest.type, (params) => void this.registrations.push(...params.registrations));
    this.client.onRequest(DiagnosticRefreshRequest.type, () => void this.refreshes++);
    this.client.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.configuration ?? null));
    this.client.listen();
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.folder, file)).href;
  }

  async start(): Promise<void> {
    this.initialized = await this.client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: pathToFileURL(this.folder).href,
      workspaceFolders: [{ uri: pathToFileURL(this.folder).href, name: 'paper' }],
      capabilities: this.capabilities,
    });
    await this.client.sendNotification(InitializedNotification.type, {});
    await this.client.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri('paper.tex'), languageId: 'latex', version: 1, text: PAPER } });
  }

  complete(line: number, character: number, token?: CancellationTokenSource): Promise<CompletionList | null> {
    return this.client.sendRequest(CompletionRequest.type, { textDocument: { uri: this.uri('paper.tex') }, position: { line, character } }, token?.token) as Promise<CompletionList | null>;
  }

  async close(): Promise<void> {
    await this.client.sendRequest(ShutdownRequest.type);
    this.client.dispose();
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}

async function until<T>(probe: () => T | Promise<T>, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`no ${what} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const keys = (list: CompletionList | null) => (list?.items ?? []).map((item) => item.label);
const MORE_LINE = 3;
const MORE_COLUMN = 'More \\citep{'.length;

describe('the language server over LSP', () => {
  const sessions: Session[] = [];
  const open = async (capabilities: ClientCapabilities, configuration?: unknown) => {
    const session = new Session(capabilities, configuration);
    sessions.push(session);
    await session.start();
    return session;
  };
  after(async () => {
    for (const session of sessions) await session.close();
  });

  test('a client with push diagnostics gets them pushed, and the server offers no pull', async () => {
    const session = await open({ textDocument: { publishDiagnostics: {} } });
    assert.equal(session.initialized.capabilities.diagnosticProvider, undefined);
    const diagnostics = await until(() => session.published.get(session.uri('paper.tex')), 'pushed diagnostics');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['cite/undefined-key', 2]],
    );
  });

  test('a client with pull diagnostics only is told to pull again when the findings change, and pulls them', async () => {
    const session = await open({ textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } });
    assert.ok(session.initialized.capabilities.diagnosticProvider);
    await until(() => session.refreshes > 0, 'workspace/diagnostic/refresh');
    const report = await session.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: session.uri('paper.tex') } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      report.kind === 'full' ? report.items.map((d) => [d.code, d.range.start.line]) : [],
      [['cite/undefined-key', 2]],
    );
    assert.equal(session.published.size, 0);
  });

  test('a cancelled request ends with RequestCancelled; the same request not cancelled answers', async () => {
    const session = await open({ textDocument: { publishDiagnostics: {} } });
    const cancel = new CancellationTokenSource();
    const cancelled = session.complete(MORE_LINE, MORE_COLUMN, cancel);
    cancel.cancel();
    await assert.rejects(cancelled, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
    assert.ok(keys(await session.complete(MORE_LINE, MORE_COLUMN)).includes('pearl2009'));
  });

  test('settings are asked with workspace/configuration and may use dotted names', async () => {
    const plain = await open({ workspace: { configuration: true } });
    assert.ok(!keys(await plain.complete(MORE_LINE, MORE_COLUMN)).includes('rubin1974'));
    const configured = await open({ workspace: { configuration: true } }, { 'library.paths': ['more/*.bib'], 'library.includeBundled': false });
    assert.deepEqual(keys(await configured.complete(MORE_LINE, MORE_COLUMN)).sort(), ['pearl2009', 'rubin1974']);
  });

  test('a client that can watch files is asked to, and what it reports is read again', async () => {
    const session = await open({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const registration = await until(() => session.registrations.find((each) => each.method === 'workspace/didChangeWatchedFiles'), 'file watcher registration');
    assert.match(JSON.stringify(registration.registerOptions), /bib/);
    fs.appendFileSync(path.join(session.folder, 'refs.bib'), EXTRA);
    // The client watches for the server here: its notice makes the server read the file again.
    await session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: session.uri('refs.bib'), type: 2 }] });
    await until(async () => keys(await session.complete(MORE_LINE, MORE_COLUMN)).includes('rubin1974'), 'the entry written to refs.bib');
  });

  test('the list carries the first items\' documentation only for a client that does not resolve it', async () => {
    const lazy = await open({ textDocument: { completion: { completionItem: { resolveSupport: { properties: ['documentation'] } } } } });
    const lazyItems = (await lazy.complete(MORE_LINE, MORE_COLUMN))!.items;
    assert.ok(lazyItems.length > 10 && lazyItems.every((item) => item.documentation === undefined));
    const eager = await open({});
    const eagerItems = (await eager.complete(MORE_LINE, MORE_COLUMN))!.items;
    assert.deepEqual(
      eagerItems.map((item) => item.documentation !== undefined),
      eagerItems.map((_, index) => index < 10),
    );
    const pearl = eagerItems.find((item) => item.label === 'pearl2009');
    assert.match((pearl?.documentation as { value: string } | undefined)?.value ?? '', /^Pearl, J\. \(2009\)\. Causality/);
  });

  test('library text is escaped in the hover and in a resolved completion item', async () => {
    const session = await open({});
    const hover = await session.client.sendRequest(HoverRequest.type, { textDocument: { uri: session.uri('paper.tex') }, position: { line: 2, character: 'Causality \\citep{pe'.length } });
    const markdown = (hover?.contents as { value: string }).value;
    const item = (await session.complete(MORE_LINE, MORE_COLUMN))!.items.find((each) => each.label === 'pearl2009')!;
    const resolved: CompletionItem = await session.client.sendRequest(CompletionResolveRequest.type, item);
    for (const text of [markdown, (resolved.documentation as { value: string }).value]) {
      assert.match(text, /\\\*Models\\\* &lt;img src=x onerror=alert\(1\)&gt; \\\[click\\\]\(https:\/\/evil\.example\)/);
      assert.ok(!text.includes('<img') && !text.includes('[click]'), text);
    }
  });
});

describe('calm-cite lsp', () => {
  test('without a transport is a usage error that names --stdio', async () => {
    const errors: string[] = [];
    assert.equal(await main(['lsp'], () => undefined, (text) => errors.push(text)), 2);
    assert.match(errors.join('\n'), /^calm-cite: lsp needs a transport: run 'calm-cite lsp --stdio'/);
  });
});
