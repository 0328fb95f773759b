/**
 * The limits CALM Cite holds to on hostile or absurdly large input, in one place. Past each one the
 * tool says so in a located message and goes on with what it could read; nothing hangs or crashes.
 * The README's Limits table states the same numbers; a unit test keeps them equal.
 */

const MB = 1024 * 1024;

/**
 * Largest library file read, in UTF-8 bytes. V8 cannot hold a string much past 512 M UTF-16 units, and
 * the largest real exports (all of DBLP for one venue series, a whole Zotero group) stay well under
 * 100 MB, so 256 MB leaves room for real files while refusing dumps that would exhaust memory.
 */
export const MAX_LIBRARY_FILE_BYTES = 256 * MB;

/**
 * Most entries read from one library file. Each reference costs about 1 KB with its search-index
 * words, so 2,000,000 entries is already ~2 GB; past it the rest of the file is not read.
 */
export const MAX_ENTRIES_PER_FILE = 2_000_000;

/**
 * How deeply `\input`/`\include` may nest. TeX itself stops at 15 open files in practice
 * (`\openin` streams and the input stack); 32 follows every real project while cutting runaway chains.
 */
export const MAX_INCLUDE_DEPTH = 32;

/**
 * Most PDF pages the submission rules read. Workshop papers have 4-6 pages plus appendix, a thesis a few
 * hundred; 2,000 keeps a check of a pathological PDF to about a minute of pdf.js text extraction.
 */
export const MAX_PDF_PAGES = 2000;

/**
 * The bounds on reading one PDF for the PDF rules; past any of them the check reports
 * `calm/pdf-unreadable` saying which, and the source and citation checks still run.
 * - `maxFileBytes`: the file is not read past it (OpenReview itself takes at most 50 MB).
 * - `maxStreamBytes`, `maxInflatedBytes`: what the compressed (Flate) streams pdf.js would decode may
 *   inflate to, one stream and all together. Real papers stay under a few MB a stream; a 1 MB file can
 *   inflate to 1 GiB, which pdf.js would hold in memory several times over.
 * - `pageTreeBudget`: pages read times pages in the document. pdf.js walks the page tree from the root
 *   for every page, so a flat /Kids array of n pages costs n per page read; the budget reads every page
 *   of any document up to 2,000 pages and fewer of a larger one (the rest is reported as not checked).
 * - `timeMs`, `heapMb`: the worker thread that reads the PDF is stopped past them.
 * - `maxSynctexBytes`: the SyncTeX file beside the PDF is read as a stream up to this many inflated bytes
 *   (a 300-page thesis writes about 50 MB); findings on later pages stay on the PDF.
 */
export const PDF_READ_LIMITS = {
  maxFileBytes: 256 * MB,
  maxStreamBytes: 128 * MB,
  maxInflatedBytes: 1024 * MB,
  pageTreeBudget: 4_000_000,
  timeMs: 180_000,
  heapMb: 2048,
  maxSynctexBytes: 512 * MB,
};
export type PdfReadLimits = typeof PDF_READ_LIMITS;

/**
 * Largest document scanned for citations, in UTF-16 units (about bytes for LaTeX and Markdown). The
 * largest real papers are a few MB; 50 MB keeps completion and checks responsive on generated files.
 */
export const MAX_CITATION_DOCUMENT_LENGTH = 50 * MB;

/**
 * Located errors listed per library file. Each costs about 350 bytes, and a file of short broken lines has
 * one every few bytes (a 256 MB file of `@a{` lines would hold 20 GB of them); past the first 1,000, one more
 * error says how many were not listed. Nobody reads further: the file is damaged or not a library.
 */
export const MAX_ERRORS_PER_FILE = 1000;

/**
 * Most text given to the `yaml` parser at once, in characters: one CSL-YAML item, or a whole file that is
 * not a block list of items. The parser holds about 170 bytes per character while it works (a 13.9 MB list
 * took 2.4 GB whole), so CSL-YAML is parsed item by item; no real item comes near 1 MB.
 */
export const MAX_YAML_PARSE_CHARS = MB;

/**
 * Text that @string macros and `#` joins may build in one BibTeX file, in characters, beyond the file's own
 * length. Each level of `@string{m2 = m1 # m1}` doubles a value, so 28 lines of a 1 KB file would make one
 * of 2^28 characters (past V8's longest string: the whole file was lost). Real files use macros for journal
 * and month names, a small fraction of their size; past the budget the field (or macro) is left out with a
 * located error and the rest of the file is read.
 */
export const MACRO_EXPANSION_ALLOWANCE = MB;

/**
 * Deepest BibTeX `crossref` chain followed (BibTeX follows one level, biber a few): a chain of 10,000
 * entries, each inheriting from the next, would copy n^2/2 fields. Below it a child is kept as written,
 * with a located problem.
 */
export const MAX_CROSSREF_DEPTH = 16;

/**
 * Fields `crossref` inheritance may copy in a library: this many per field written in it, plus
 * CROSSREF_BUDGET_FLOOR for small libraries. A parent of 3,000 fields with 3,000 children would otherwise
 * copy 9 million; past the budget a child is kept as written, with a located problem.
 */
export const CROSSREF_BUDGET_PER_FIELD = 4;
export const CROSSREF_BUDGET_FLOOR = 10_000;

/**
 * BibTeX brace nesting needs no limit: the scanner matches braces with an iterative counter (no
 * recursion, so no stack to exhaust) and never reads a value past the next entry header, so 200,000
 * unbalanced braces end in one linear pass with a located "not closed" error (tested in limits.test.ts).
 */

/** `12.3 MB` (or `3 KB` for the small limits tests use), for messages about sizes. */
export function megabytes(bytes: number): string {
  if (bytes < MB) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
}

export function libraryFileTooLargeMessage(bytes: number, maxBytes: number): string {
  return `file is ${megabytes(bytes)}; CALM Cite reads library files up to ${megabytes(maxBytes)}`;
}

export function tooManyErrorsMessage(maxErrors: number, more: number): string {
  return `${more.toLocaleString('en-US')} more errors from here on are not listed (CALM Cite lists the first ${maxErrors.toLocaleString('en-US')} of a file); fix the first ones, or check that this is a library file`;
}

export function macroBudgetMessage(budget: number): string {
  return `left out: @string macros and '#' joins would build more than ${budget.toLocaleString('en-US')} characters in this file (its size plus ${megabytes(MACRO_EXPANSION_ALLOWANCE)}); look for a macro defined from itself twice over`;
}

export function tooManyEntriesMessage(maxEntries: number): string {
  const count = maxEntries.toLocaleString('en-US');
  return `the file has more than ${count} entries; CALM Cite read the first ${count} and stopped here`;
}
