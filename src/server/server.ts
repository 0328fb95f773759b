import * as path from 'node:path';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type MarkupContent,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CitationFinding } from '../core/citationChecks/checkCitations';
import type { Severity } from '../core/checks/finding';
import { createWorkerParser } from '../core/library/worker/workerParser';
import { readPdfInWorker } from '../core/checks/pdf/worker/readPdfInWorker';
import { LIBRARY_FILE_EXTENSIONS } from '../core/library/formats';
import { bundledLibrary } from '../core/library/bundled';
import { createCiteService, type CiteService } from '../core/service/citeService';
import { DocumentUnreadableError } from '../core/service/submission';
import type { EditsWithNotice } from '../core/service/entryAdditions';
import { NothingToRename, RequestRefused, type FileEdit, type Location, type Range, type ServiceLog } from '../core/service/types';
import type { LibraryTreeGroup } from '../core/features/libraryTree';
import { RulesPackError } from '../core/checks/rulesPack';
import { RequestCancelled } from '../core/workspace';
import { NodeWorkspace } from '../core/workspace/nodeWorkspace';
import { ClientSettings } from './clientSettings';
import { Notifications, Requests, type CiteEdits, type DocumentParams, type InitializationOptions, type LspPosition, type TreeGroup } from './protocol';
import { pathOf, uriOf } from './uris';
import { watchFolders } from './folderWatcher';
import { ZoteroWatcher } from './zoteroWatcher';
import { zoteroSelectUri } from '../core/library/zotero/toReference';

/** Where the server's own files lie: the bundles (worker scripts) and media/ (the bundled library). */
export interface ServerLocation {
  packageRoot: string;
  distDir: string;
}

/** Characters after which editors ask for completions: a key list opens, a key ends, a Pandoc citation starts. */
const TRIGGER_CHARACTERS = ['{', ',', '@', ';', ' '];
/** The live checks wait this long after the last keystroke. */
const DIAGNOSTICS_DELAY_MS = 300;
const COMPLETION_LIMIT = 100;
/** Run by a client after a completion that needs its entry added to the bibliography (see `Requests.citeWithEntry`). */
export const ADD_ENTRY_COMMAND = 'calmCite.addEntry';
/** Items that carry their documentation for a client that does not resolve it: formatting costs a few ms each. */
const EAGER_DOCUMENTATION = 10;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The CALM Cite language server: the citation service behind the Language Server Protocol, for VS Code
 * (its first client) and every other editor. The client's open documents and settings are put over the
 * file system (`NodeWorkspace`); heavy work (parsing a big library, reading a PDF) runs on worker threads.
 */
export function startLanguageServer(connection: Connection, location: ServerLocation): void {
  const documents = new TextDocuments(TextDocument);
  const log: ServiceLog = {
    info: (message) => connection.console.info(message),
    warn: (message) => connection.console.warn(message),
    error: (message) => connection.console.error(message),
  };
  let settings: ClientSettings;
  let workspace: NodeWorkspace;
  let service: CiteService;
  let options: InitializationOptions = {};
  let pushDiagnostics = true;
  let canRefreshDiagnostics = false;
  let resolvesDocumentation = false;
  let stopWatching: (() => void) | undefined;
  let zoteroWatcher: ZoteroWatcher | undefined;
  const disposeParser: (() => void)[] = [];

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    options = (params.initializationOptions ?? {}) as InitializationOptions;
    const folders = (params.workspaceFolders ?? []).map((folder) => pathOf(folder.uri));
    if (folders.length === 0 && params.rootUri) folders.push(pathOf(params.rootUri));
    settings = new ClientSettings(connection, params.capabilities, log, params.initializationOptions);
    workspace = new NodeWorkspace({ folders, settings: (file) => settings.forPath(file, workspace.folders()) });
    zoteroWatcher = new ZoteroWatcher((database) => workspace.fire({ kind: 'files', paths: [database] }), log);
    const parser = createWorkerParser(path.join(location.distDir, 'libraryWorker.js'), (message) => log.warn(message));
    disposeParser.push(parser.dispose);
    let librariesChanged: ReturnType<typeof setTimeout> | undefined;
    service = createCiteService(workspace, {
      bundled: bundledLibrary(location.packageRoot),
      parser: parser.parse,
      readZoteroDatabase: parser.readZotero,
      readPdf: (bytes) => readPdfInWorker(path.join(location.distDir, 'pdfWorker.js'), bytes),
      log,
      liveDiagnostics: { delayMs: DIAGNOSTICS_DELAY_MS, hintsOnlyForOpenFiles: options.hintsOnlyForOpenFiles === true },
      onLibraryRead: (file, format) => {
        // Zotero's data directory is outside the workspace, where no client watches for the server.
        if (format === 'zotero') zoteroWatcher?.watch(file);
        clearTimeout(librariesChanged);
        librariesChanged = setTimeout(() => void connection.sendNotification(Notifications.librariesChanged), 200);
      },
    });
    const textDocument = params.capabilities.textDocument;
    // Push reaches every file a check concerns (a .bib, an included chapter); pull only for a client without push.
    pushDiagnostics = textDocument?.publishDiagnostics !== undefined || textDocument?.diagnostic === undefined;
    canRefreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    resolvesDocumentation = textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('documentation') === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: [ADD_ENTRY_COMMAND] },
        ...(pushDiagnostics ? {} : { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } }),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'calm-cite', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (settings.canWatchFiles) {
      const extensions = [...LIBRARY_FILE_EXTENSIONS, '.tex', '.ltx', '.md', '.markdown', '.qmd', '.Rmd', '.rmd', '.csl'].map((extension) => extension.slice(1));
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/*.{${extensions.join(',')}}` }, { globPattern: '**/{_quarto.yml,_bookdown.yml}' }],
      });
    }
    const watchOnServer = () => {
      if (settings.canWatchFiles) return;
      stopWatching?.();
      stopWatching = watchFolders(workspace.folders(), (paths) => workspace.fire({ kind: 'files', paths }), log);
    };
    watchOnServer();
    if (settings.canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => pathOf(folder.uri)));
        workspace.setFolders([...workspace.folders().filter((folder) => !removed.has(folder)), ...event.added.map((folder) => pathOf(folder.uri))]);
        watchOnServer();
      });
    }
    if (pushDiagnostics) service.onDidUpdateDiagnostics((update) => publish(update));
    // A client that pulls asks again when told the findings changed (the checks run after a pause in typing).
    else if (canRefreshDiagnostics) service.onDidUpdateDiagnostics(() => void connection.languages.diagnostics.refresh());
    log.info(`CALM Cite language server ready for ${workspace.folders().join(', ') || 'single files'}.`);
  });

  documents.onDidOpen(({ document }) => workspace.setDocument(openDocument(document)));
  documents.onDidChangeContent(({ document }) => workspace.setDocument(openDocument(document)));
  documents.onDidClose(({ document }) => workspace.closeDocument(pathOf(document.uri)));
  function openDocument(document: TextDocument) {
    return { path: pathOf(document.uri), text: document.getText(), version: document.version, languageId: document.languageId };
  }

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    workspace.fire({ kind: 'settings' });
  });
  connection.onDidChangeWatchedFiles((change) => workspace.fire({ kind: 'files', paths: change.changes.map((event) => pathOf(event.uri)) }));
  connection.onNotification(Notifications.reload, () => service.reload());

  connection.onCompletion((params, token) =>
    answer(token, async () => {
      const completion = await service.completion(pathOf(params.textDocument.uri), fromLsp(params.position), token);
      if (!completion) return null;
      const range = toLspRange(completion.range);
      const items = completion.items.slice(0, COMPLETION_LIMIT);
      // A client that does not resolve documentation lazily (Neovim 0.7's omni completion) shows what the
      // list carries: the formatted reference of the first few items.
      const documented = resolvesDocumentation ? [] : await Promise.all(items.slice(0, EAGER_DOCUMENTATION).map((item) => documentation(params.textDocument.uri, item.key, token)));
      return {
        // Incomplete: the editor asks again as the query grows, since its own filter cannot rank titles or authors.
        isIncomplete: true,
        items: items.map((item, index) => ({
          label: item.key,
          labelDetails: { description: item.detail },
          kind: 18, // CompletionItemKind.Reference
          detail: item.title,
          sortText: item.sortText,
          // The edit replaces the whole typed key, `:` and all. An item found by its title or authors gets a
          // filter text that starts with the query, so the editor's own filter keeps it and ranks it as it
          // ranks a key that starts with the query (the query alone would be an exact match and rank first);
          // the others get none, since Neovim 0.7 takes the edit's range only from items without one.
          ...(item.key.startsWith(completion.query) ? {} : { filterText: `${completion.query}${item.key}` }),
          textEdit: { range, newText: item.key },
          ...(documented[index] ? { documentation: documented[index] } : {}),
          data: { uri: params.textDocument.uri, key: item.key },
          ...(item.addsEntry ? { command: { title: 'Add its entry to the bibliography', command: ADD_ENTRY_COMMAND, arguments: [params.textDocument.uri, item.key] } } : {}),
        })),
      };
    }),
  );

  connection.onCompletionResolve(async (item, token) => {
    const data = item.data as { uri: string; key: string } | undefined;
    if (!data) return item;
    item.documentation = (await documentation(data.uri, data.key, token)) ?? item.documentation;
    return item;
  });

  connection.onHover((params, token) =>
    answer(token, async () => {
      const hover = await service.hover(pathOf(params.textDocument.uri), fromLsp(params.position), previewOptions(params.textDocument.uri), token);
      return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: toLspRange(hover.range) } : null;
    }),
  );

  connection.onDefinition((params, token) =>
    answer(token, async () => (await service.definition(pathOf(params.textDocument.uri), fromLsp(params.position), token)).map(toLspLocation)),
  );

  connection.onReferences((params, token) =>
    answer(token, async () =>
      (await service.references(pathOf(params.textDocument.uri), fromLsp(params.position), params.context.includeDeclaration, token)).map(toLspLocation),
    ),
  );

  connection.onPrepareRename((params, token) =>
    answer(token, async () => {
      try {
        const prepared = await service.prepareRename(pathOf(params.textDocument.uri), fromLsp(params.position), token);
        return { range: toLspRange(prepared.range), placeholder: prepared.placeholder };
      } catch (error) {
        // Null, not an error, where no key is: Neovim 0.7 stops only on null.
        if (error instanceof NothingToRename) return null;
        throw error;
      }
    }),
  );

  connection.onRenameRequest((params, token) =>
    answer(token, async () => toWorkspaceEdit(await service.rename(pathOf(params.textDocument.uri), fromLsp(params.position), params.newName, token))),
  );

  connection.onCodeAction((params, token) =>
    answer(token, async () => {
      // From the service's own findings on the range: some clients hand over only the diagnostics they show.
      const actions = await service.codeActions(pathOf(params.textDocument.uri), fromLspRange(params.range), token);
      return actions.map((action) => ({
        title: action.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: action.isPreferred,
        diagnostics: [toDiagnostic(action.finding)],
        edit: toWorkspaceEdit(action.edits),
      }));
    }),
  );

  connection.onWorkspaceSymbol((params, token) =>
    answer(token, async () =>
      (await service.searchWorkspace(params.query, COMPLETION_LIMIT, token)).map((result) => ({
        name: result.key,
        kind: SymbolKind.Key,
        containerName: [result.detail, result.title].filter(Boolean).join(' — '),
        location: toLspLocation(result.location),
      })),
    ),
  );

  connection.languages.diagnostics.on(async (params) => ({
    kind: 'full',
    items: service.diagnostics(pathOf(params.textDocument.uri)).map(toDiagnostic),
  }));

  connection.onRequest(Requests.libraryTree, (params: DocumentParams, token) => answer(token, async () => (await service.libraryTree(pathOf(params.uri), token)).map(treeGroup)));
  connection.onRequest(Requests.search, (params: DocumentParams & { query: string; limit: number }, token) =>
    answer(token, async () =>
      (await service.search(pathOf(params.uri), params.query, params.limit, token)).map((result) => ({ key: result.key, detail: result.detail, title: result.title, bundled: result.library === 'bundled' })),
    ),
  );
  connection.onRequest(Requests.describe, (params: DocumentParams & { key: string; fullAbstract?: boolean }, token) =>
    answer(token, async () => (await service.describe(pathOf(params.uri), params.key, { ...previewOptions(params.uri), fullAbstract: params.fullAbstract }, token)) ?? null),
  );
  connection.onRequest(Requests.insertCitation, (params: DocumentParams & { position: LspPosition; key: string }, token) =>
    answer(token, async () => citeEdits(await service.insertCitation(pathOf(params.uri), fromLsp(params.position), params.key, token))),
  );
  connection.onRequest(Requests.citeWithEntry, (params: DocumentParams & { range: { start: LspPosition; end: LspPosition }; key: string }, token) =>
    answer(token, async () => citeEdits(await service.citeWithEntry(pathOf(params.uri), fromLspRange(params.range), params.key, token))),
  );
  // What a client runs after accepting a completion whose key only Zotero or the bundled library defines: the entry
  // goes into the document's bibliography. (VS Code makes the citation and the entry one edit instead.)
  connection.onExecuteCommand(async (params, token) => {
    if (params.command !== ADD_ENTRY_COMMAND) return null;
    const [uri, key] = (params.arguments ?? []) as [string, string];
    // The key is in the document already (the item's own edit): the entry is added here.
    const entry = await service.addEntry(pathOf(uri), key, token);
    if (entry.edits.length > 0) await connection.workspace.applyEdit({ label: `Add '${key}' to the bibliography`, edit: citeEdits(entry).edit });
    if (entry.notice) void connection.window.showWarningMessage(entry.notice);
    return null;
  });
  connection.onRequest(Requests.libraryStatus, (params: DocumentParams, token) =>
    answer(token, async () => {
      const library = await service.library(pathOf(params.uri), token);
      return { references: library.size, files: library.filePaths().length, errors: library.errors().length };
    }),
  );
  connection.onRequest(Requests.submissionTarget, (params: DocumentParams, token) => answer(token, () => service.submissionTarget(pathOf(params.uri), token)));
  connection.onRequest(Requests.checkSubmission, (params: DocumentParams & { pdfPath: string }, token) =>
    answer(token, async () => {
      const report = await service.checkSubmission({ path: pathOf(params.uri), pdfPath: params.pdfPath }, token);
      return { findings: report.findings.map(({ rule, severity, file, line, column, page, message, bbox }) => ({ rule, severity, file, line, column, page, message, bbox })), summary: report.summary, pack: report.pack, packChoice: report.packChoice, target: report.target };
    }),
  );

  connection.onShutdown(() => {
    stopWatching?.();
    zoteroWatcher?.dispose();
    service?.dispose();
    for (const dispose of disposeParser) dispose();
  });

  documents.listen(connection);
  connection.listen();

  async function documentation(uri: string, key: string, token: CancellationToken): Promise<MarkupContent | undefined> {
    const markdown = await service.describe(pathOf(uri), key, {}, token).catch(() => undefined);
    return markdown ? { kind: 'markdown', value: markdown } : undefined;
  }

  function previewOptions(uri: string) {
    const command = options.showReferenceCommand;
    const zoteroCommand = options.showInZoteroCommand;
    return {
      ...(command ? { fullAbstractLink: (key: string) => `command:${command}?${encodeURIComponent(JSON.stringify([uri, key]))}` } : {}),
      ...(zoteroCommand ? { zoteroLink: (zoteroUri: string) => `command:${zoteroCommand}?${encodeURIComponent(JSON.stringify([zoteroUri]))}` } : {}),
    };
  }

  function publish(update: ReadonlyMap<string, readonly CitationFinding[]>): void {
    for (const [file, findings] of update) void connection.sendDiagnostics({ uri: uriOf(file), diagnostics: findings.map(toDiagnostic) });
  }
}

/** Runs a request; the service's refusals become errors the editor shows, cancellation LSP's own code. */
async function answer<T>(token: CancellationToken, work: () => Promise<T>): Promise<T | ResponseError<void>> {
  try {
    const result = await work();
    // An answer the client no longer waits for is not sent (LSP: a cancelled request ends with this error).
    return token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled') : result;
  } catch (error) {
    if (error instanceof RequestCancelled || token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (error instanceof RequestRefused || error instanceof DocumentUnreadableError || error instanceof RulesPackError) {
      return new ResponseError(ErrorCodes.InvalidRequest, error.message);
    }
    return new ResponseError(ErrorCodes.InternalError, `CALM Cite failed: ${(error as Error).message}`);
  }
}

function fromLsp(position: LspPosition) {
  return { line: position.line + 1, column: position.character + 1 };
}

function fromLspRange(range: { start: LspPosition; end: LspPosition }): Range {
  return { start: fromLsp(range.start), end: fromLsp(range.end) };
}

function toLspPosition(position: { line: number; column: number }): LspPosition {
  return { line: Math.max(0, position.line - 1), character: Math.max(0, position.column - 1) };
}

function toLspRange(range: Range) {
  return { start: toLspPosition(range.start), end: toLspPosition(range.end) };
}

function toLspLocation(location: Location) {
  return { uri: uriOf(location.path), range: toLspRange(location.range) };
}

/**
 * `changes`, not `documentChanges`: every client applies them (Neovim 0.7 applies nothing else). Only an
 * edit that creates a file needs `documentChanges`, which the clients that create files understand.
 */
function toWorkspaceEdit(edits: readonly FileEdit[]): WorkspaceEdit {
  if (edits.some((edit) => edit.create)) {
    return {
      documentChanges: edits.flatMap((edit) => [
        ...(edit.create ? [{ kind: 'create' as const, uri: uriOf(edit.path), options: { ignoreIfExists: true } }] : []),
        { textDocument: { uri: uriOf(edit.path), version: null }, edits: [{ range: toLspRange(edit.range), newText: edit.newText }] },
      ]),
    };
  }
  const changes: Record<string, { range: ReturnType<typeof toLspRange>; newText: string }[]> = {};
  for (const edit of edits) (changes[uriOf(edit.path)] ??= []).push({ range: toLspRange(edit.range), newText: edit.newText });
  return { changes };
}

function citeEdits(cite: EditsWithNotice): CiteEdits {
  return { edit: toWorkspaceEdit(cite.edits), ...(cite.notice ? { notice: cite.notice } : {}) };
}

function toDiagnostic(finding: CitationFinding): Diagnostic {
  const start = toLspPosition({ line: finding.line ?? 1, column: finding.column ?? 1 });
  const end = finding.endLine !== undefined && finding.endColumn !== undefined ? toLspPosition({ line: finding.endLine, column: finding.endColumn }) : { line: start.line, character: start.character + 1 };
  return {
    range: { start, end },
    severity: SEVERITY[finding.severity],
    source: 'CALM Cite',
    code: finding.rule,
    message: finding.message,
    ...(finding.rule === 'cite/unused-entry' ? { tags: [1] } : {}), // DiagnosticTag.Unnecessary
  };
}

function treeGroup(group: LibraryTreeGroup): TreeGroup {
  return {
    label: group.label,
    description: group.description,
    uri: group.path === undefined ? undefined : uriOf(group.path),
    groups: group.groups.map(treeGroup),
    entries: group.entries.map((entry) => {
      const { zotero } = entry.reference;
      return {
        key: entry.reference.key,
        description: entry.description,
        ...(zotero
          ? { uri: zoteroSelectUri(zotero), position: { line: 0, character: 0 }, inZotero: true }
          : { uri: uriOf(entry.reference.source.path), position: toLspPosition(entry.reference.source) }),
      };
    }),
    hidden: group.hidden,
  };
}
