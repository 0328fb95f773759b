/**
 * The requests CALM Cite's VS Code extension sends its language server beyond the protocol: what only
 * VS Code shows (the References view, the Insert Citation picker, the status bar, the submission report).
 * Plain data only: the extension imports this file, never the server. Positions are LSP's (0-based).
 */

import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

export interface DocumentParams {
  uri: string;
}

export interface LspPosition {
  line: number;
  character: number;
}

export interface TreeEntry {
  key: string;
  description: string;
  /** The entry's library file, or for a Zotero item the `zotero://select/...` link that shows it in Zotero. */
  uri: string;
  position: LspPosition;
  inZotero?: boolean;
}

export interface TreeGroup {
  label: string;
  description: string;
  uri?: string;
  groups: TreeGroup[];
  entries: TreeEntry[];
  hidden: number;
}

export interface SearchItem {
  key: string;
  detail: string;
  title?: string;
  bundled: boolean;
}

/** A citation's edits (one WorkspaceEdit, the bibliography's new entry included) and what to tell the user. */
export interface CiteEdits {
  edit: WorkspaceEdit;
  notice?: string;
}

export interface LibraryStatus {
  references: number;
  files: number;
  errors: number;
}

export interface SubmissionTargetResult {
  root: string;
  pdfPath: string;
  files: string[];
}

export const Requests = {
  /** `DocumentParams` → `TreeGroup[]`: the document's libraries as the References view shows them. */
  libraryTree: 'calmCite/libraryTree',
  /** `DocumentParams & { query, limit }` → `SearchItem[]`, ranked. */
  search: 'calmCite/search',
  /** `DocumentParams & { key, fullAbstract? }` → Markdown or null. */
  describe: 'calmCite/describe',
  /** `DocumentParams & { position, key }` → `CiteEdits` that cite the key there (and add its entry when needed). */
  insertCitation: 'calmCite/insertCitation',
  /** `DocumentParams & { range, key }` → `CiteEdits` that put the key over `range` (a completion's partial key) and add its entry. */
  citeWithEntry: 'calmCite/citeWithEntry',
  /** `DocumentParams` → `LibraryStatus`. */
  libraryStatus: 'calmCite/libraryStatus',
  /** `DocumentParams` → `SubmissionTargetResult`: the paper's root, PDF and files, as saved. */
  submissionTarget: 'calmCite/submissionTarget',
  /** `DocumentParams & { pdfPath }` → the check's report (findings with 1-based lines, summary, pack). */
  checkSubmission: 'calmCite/checkSubmission',
} as const;

export const Notifications = {
  /** Client → server: forget every file read ("Re-read Reference Libraries"). */
  reload: 'calmCite/reload',
  /** Server → client: a library file was read again; views and the status bar refresh. */
  librariesChanged: 'calmCite/librariesChanged',
} as const;

/** What the VS Code extension tells the server at start-up. */
export interface InitializationOptions {
  /** The command a hover's "whole abstract" link runs, with `[documentUri, key]` as its arguments; no link without it. */
  showReferenceCommand?: string;
  /** The command a Zotero item's "Show in Zotero" link runs, with `[zoteroUri]`; the plain `zotero://` link without it. */
  showInZoteroCommand?: string;
  /** The client shows hints only in an open editor (VS Code): a closed file's diagnostics are sent without them. */
  hintsOnlyForOpenFiles?: boolean;
}
