import * as nodePath from 'node:path';
import { isTooLongToScan, type Citation, type CitationOptions } from '../citations';
import type { Finding, Severity } from '../checks/finding';
import type { CitingDocument } from '../documents';
import type { Library } from '../library/library';
import { isPreprint, laterPublishedVersion, notesPublishedVersion } from '../library/publishedVersion';
import { isOutsideBibliography, type Reference } from '../library/reference';
import { MAX_CITATION_DOCUMENT_LENGTH, megabytes } from '../limits';
import { keySuggestions } from './keySuggestions';
import { libraryDuplicates } from './libraryDuplicates';
import { DEFAULT_REQUIRED_FIELDS, REQUIRED_FIELDS, severityOf, type CitationRuleId, type CitationSeverities } from './rules';

export interface CitationCheckInput {
  /** The files of one document: a LaTeX root and everything it \input's, or one Markdown file. */
  documents: readonly CitingDocument[];
  /** The libraries in the document's scope. */
  library: Library;
  /** The document's own bibliography files: unused entries are reported only there. */
  ownLibraryFiles?: readonly string[];
  /** The CALM library shipped with CALM Cite: BibTeX and Pandoc do not see it, but it knows keys and published versions. */
  bundled?: Library;
  /** The user's Zotero items the document is offered: BibTeX and Pandoc do not see them either, but they know keys. */
  zotero?: Library;
  severities?: CitationSeverities;
  extraCommands?: readonly string[];
  /** Overrides `MAX_CITATION_DOCUMENT_LENGTH` (tests use a small one). */
  maxDocumentLength?: number;
}

/** What a quick fix needs to know, beside the finding itself. */
export type CitationFix =
  | { kind: 'replace-key'; start: number; end: number; suggestions: string[] }
  | { kind: 'copy-entry'; key: string; from: Reference; start: number; end: number }
  | { kind: 'update-to-published'; reference: Reference; publishedVersion: string };

export interface CitationFinding extends Finding {
  rule: CitationRuleId;
  fix?: CitationFix;
}

/**
 * The citation checks of issue #5, over one document and the libraries it sees: undefined and
 * duplicate keys, duplicate DOIs or arXiv ids, missing required fields, preprints with a published
 * version, unused entries of the document's own bibliography, and library parse errors.
 */
export function checkCitations(input: CitationCheckInput): CitationFinding[] {
  const documents = documentFindings(input);
  return [...documents.findings, ...libraryFindings(input, documents).findings];
}

/**
 * The findings of `checkCitations` by the file they are in. A library file's list is the very array the
 * previous check of the same library gave (same own files and severities) as long as the library did not
 * change and the document cites the same keys of it: typing a key that no library defines yet leaves the
 * 90,000 unused-entry hints of a big bibliography untouched, and a caller that publishes only the files
 * whose list is not the one it published last time does no work per entry on a keystroke.
 */
export function checkCitationsByFile(input: CitationCheckInput): Map<string, readonly CitationFinding[]> {
  const documents = documentFindings(input);
  // The documents' files first, as `checkCitations` lists their findings first.
  const byFile = new Map<string, readonly CitationFinding[]>(groupByFile(documents.findings));
  for (const [file, list] of libraryFindings(input, documents).byFile) {
    const own = byFile.get(file);
    byFile.set(file, own ? [...own, ...list] : list);
  }
  return byFile;
}

/** Findings by the file they are in, each file's in their order. */
export function groupByFile(findings: readonly CitationFinding[]): Map<string, CitationFinding[]> {
  const byFile = new Map<string, CitationFinding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  return byFile;
}

type Report = (rule: CitationRuleId, finding: Omit<CitationFinding, 'rule' | 'severity'>) => void;

function reporter(input: CitationCheckInput, findings: CitationFinding[]): Report {
  return (rule, finding) => {
    const severity = severityOf(rule, input.severities);
    if (severity !== 'off') findings.push({ rule, severity: severity as Severity, ...finding });
  };
}

interface DocumentFindings {
  findings: CitationFinding[];
  /** Every cited key, in the order first cited. */
  cited: ReadonlySet<string>;
  /** `\nocite{*}`, or a document too large to scan: no entry is unused. */
  citesEverything: boolean;
}

/** What the document's own text decides: undefined keys, preprints cited, a document too large to scan. */
function documentFindings(input: CitationCheckInput): DocumentFindings {
  const findings: CitationFinding[] = [];
  const report = reporter(input, findings);
  const cited = new Set<string>();
  // A hand-written thebibliography defines its keys in the document itself.
  const bibitems = new Set(input.documents.flatMap((document) => (document.language === 'latex' ? document.bibitemKeys() : [])));
  let citesEverything = false;
  const scanOptions: CitationOptions = { extraCommands: input.extraCommands, maxDocumentLength: input.maxDocumentLength };
  for (const document of input.documents) {
    if (isTooLongToScan(document.text, scanOptions)) {
      report('cite/document-too-large', {
        file: document.path,
        line: 1,
        column: 1,
        message: `The document is ${megabytes(document.text.length)}; CALM Cite scans documents up to ${megabytes(scanOptions.maxDocumentLength ?? MAX_CITATION_DOCUMENT_LENGTH)} for citations, so its citations were not checked.`,
      });
      // Its citations are unknown, so no entry can be called unused.
      citesEverything = true;
      continue;
    }
    const citations = document.language === 'latex' ? document.citations(input.extraCommands) : document.citations();
    if (document.language === 'latex' && document.citesWholeBibliography(input.extraCommands)) citesEverything = true;
    for (const citation of citations) {
      const firstUse = !cited.has(citation.key);
      cited.add(citation.key);
      const end = document.position(citation.end);
      const at = { file: document.path, ...document.position(citation.start), endLine: end.line, endColumn: end.column };
      const definitions = input.library.lookupAll(citation.key);
      if (definitions.length === 0) {
        if (!bibitems.has(citation.key)) checkUndefined(citation, at, input, report);
        continue;
      }
      const published = publishedVersionFor(definitions[0]!, input.bundled);
      if (published && firstUse) {
        report('cite/preprint-published', {
          ...at,
          message: `'${citation.key}' cites a preprint that has a peer-reviewed version: ${published}. Cite the published version unless you mean the preprint.`,
          fix: { kind: 'update-to-published', reference: definitions[0]!, publishedVersion: published },
        });
      }
    }
  }
  return { findings, cited, citesEverything };
}

interface LibraryFindings {
  findings: CitationFinding[];
  byFile: ReadonlyMap<string, readonly CitationFinding[]>;
}

/** Per library, the last library-side findings for each combination of own files, severities and mode. */
const libraryFindingsCache = new WeakMap<Library, Map<string, { generation: number; cited: string; result: LibraryFindings }>>();

/**
 * What the libraries decide, given which of their keys the document cites: duplicate keys and papers,
 * missing fields of cited entries, unused entries of the own bibliography, parse errors. Kept until the
 * library changes or the document cites another set of its keys, since it costs a pass over every entry.
 */
function libraryFindings(input: CitationCheckInput, documents: DocumentFindings): LibraryFindings {
  const alone = input.documents.length === 0;
  // Only defined keys matter here; a key being typed is not one yet.
  const citedDefined = [...documents.cited].filter((key) => input.library.lookup(key) !== undefined);
  const scope = [alone, documents.citesEverything, JSON.stringify(input.severities ?? {}), ...(input.ownLibraryFiles ?? [])].join('\u0000');
  const cited = citedDefined.join('\u0000');
  let cache = libraryFindingsCache.get(input.library);
  if (!cache) libraryFindingsCache.set(input.library, (cache = new Map()));
  const cached = cache.get(scope);
  if (cached && cached.generation === input.library.generation && cached.cited === cited) return cached.result;

  const findings: CitationFinding[] = [];
  const report = reporter(input, findings);
  const citedSet = new Set(citedDefined);
  const duplicates = libraryDuplicates(input.library);
  for (const [key, definitions] of duplicates.keys) {
    for (const definition of definitions) {
      if (isOutsideBibliography(definition)) continue;
      const places = definitions.map((other) => describePlace(other, definition.source.path));
      report('cite/duplicate-key', {
        ...referencePlace(definition),
        message: `The key '${key}' is defined ${definitions.length} times: ${places.join(' and ')}. Rename or remove one; LaTeX uses the first it reads.`,
      });
    }
  }

  // A library checked on its own (no documents) reports every duplicate paper; a document only those it cites.
  checkDuplicateIdentifiers(duplicates.identifiers, alone ? undefined : citedSet, report);

  for (const key of citedDefined) {
    const reference = input.library.lookup(key)!;
    if (isOutsideBibliography(reference)) continue;
    const missing = missingFields(reference);
    if (missing.length > 0) {
      report('cite/missing-field', {
        ...referencePlace(reference),
        message: `@${reference.type}{${key}} lacks ${missing.map((field) => field.replace('|', ' or ')).join(', ')}; bibliography styles will print an incomplete reference.`,
      });
    }
  }

  const ownFiles = new Set(input.ownLibraryFiles ?? []);
  if (!documents.citesEverything && ownFiles.size > 0 && severityOf('cite/unused-entry', input.severities) !== 'off') {
    for (const path of ownFiles) {
      for (const reference of input.library.fileReferences(path)) {
        if (!citedSet.has(reference.key)) {
          report('cite/unused-entry', { ...referencePlace(reference), message: `'${reference.key}' is never cited in this document.` });
        }
      }
    }
  }

  for (const error of input.library.errors()) {
    report('bib/parse-error', { file: error.path, line: error.line, column: error.column, message: error.message });
  }
  const result = { findings, byFile: groupByFile(findings) };
  cache.set(scope, { generation: input.library.generation, cited, result });
  return result;
}

function checkUndefined(citation: Citation, at: { file: string; line: number; column: number; endLine: number; endColumn: number }, input: CitationCheckInput, report: Report): void {
  const suggestions = keySuggestions(input.library, citation.key);
  // The user's own Zotero before the bundled library, as completion offers them.
  const elsewhere = input.zotero?.lookup(citation.key) ?? input.bundled?.lookup(citation.key);
  let message = `'${citation.key}' is not defined in any library this document uses.`;
  if (suggestions.length > 0) message += ` Did you mean ${suggestions.map((key) => `'${key}'`).join(', ')}?`;
  if (elsewhere) message += ` It is in ${describePlace(elsewhere, at.file)}: ${elsewhere.library === 'zotero' ? 'add the entry to' : 'copy the entry into'} your bibliography.`;
  report('cite/undefined-key', {
    ...at,
    message,
    fix: elsewhere
      ? { kind: 'copy-entry', key: citation.key, from: elsewhere, start: citation.start, end: citation.end }
      : { kind: 'replace-key', start: citation.start, end: citation.end, suggestions },
  });
}

/** Two entries for one paper (same DOI, case-insensitive, or same arXiv id) split its citations. */
function checkDuplicateIdentifiers(
  byIdentifier: ReadonlyMap<string, readonly Reference[]>,
  cited: ReadonlySet<string> | undefined,
  report: Report,
): void {
  const reported = new Set<string>();
  for (const [identifier, references] of byIdentifier) {
    // Only where it matters to this document: at least one of them is cited.
    if (cited && !references.some((reference) => cited.has(reference.key))) continue;
    for (const reference of references) {
      if (isOutsideBibliography(reference) || reported.has(`${reference.key}|${identifier}`)) continue;
      reported.add(`${reference.key}|${identifier}`);
      const others = references.filter((other) => other !== reference).map((other) => `'${other.key}' (${describePlace(other, reference.source.path)})`);
      const [kind, value] = identifier.split(/:(.*)/);
      report('cite/duplicate-doi', {
        ...referencePlace(reference),
        message: `'${reference.key}' has the same ${kind === 'doi' ? 'DOI' : 'arXiv id'} ${value} as ${others.join(', ')}. Keep one entry and cite it everywhere.`,
      });
    }
  }
}

function publishedVersionFor(reference: Reference, bundled: Library | undefined): string | undefined {
  if (notesPublishedVersion(reference)) return undefined;
  const own = laterPublishedVersion(reference);
  if (own || !reference.arxiv || !isPreprint(reference) || !bundled) return own;
  // The user's own entry for an arXiv paper whose published version the bundled library records.
  return bundledPublishedVersions(bundled).get(reference.arxiv.replace(/v\d+$/, ''));
}

const publishedByArxiv = new WeakMap<Library, { generation: number; versions: Map<string, string> }>();

function bundledPublishedVersions(bundled: Library): Map<string, string> {
  let cached = publishedByArxiv.get(bundled);
  if (cached?.generation !== bundled.generation) {
    const versions = new Map<string, string>();
    for (const known of bundled.references()) {
      const published = laterPublishedVersion(known);
      if (known.arxiv && published) versions.set(known.arxiv, published);
    }
    cached = { generation: bundled.generation, versions };
    publishedByArxiv.set(bundled, cached);
  }
  return cached.versions;
}

export function missingFields(reference: Reference): string[] {
  const required = REQUIRED_FIELDS[reference.type] ?? DEFAULT_REQUIRED_FIELDS;
  return required.filter((alternatives) => !alternatives.split('|').some((field) => reference.fields[field]?.trim()));
}

/** Where a finding about a library entry goes: on its key, as its reader recorded it, else at the entry's start. */
function referencePlace(reference: Reference): { file: string; line: number; column: number; endLine?: number; endColumn?: number } {
  const key = reference.keySpan;
  if (key) return { file: reference.source.path, line: key.line, column: key.column, endLine: key.line, endColumn: key.column + key.end - key.start };
  return { file: reference.source.path, line: reference.source.line, column: reference.source.column };
}

/**
 * Where an entry is, for a message shown on `from`: relative to that file's folder (`refs.bib:12`,
 * `../shared/refs.bib:12`), so messages carry no absolute paths.
 */
function describePlace(reference: Reference, from: string): string {
  if (reference.library === 'bundled') return 'the CALM 2024 library';
  if (reference.zotero) return `your Zotero library (${reference.zotero.libraryName})`;
  const relative = nodePath.relative(nodePath.dirname(from), reference.source.path) || nodePath.basename(reference.source.path);
  return `${relative.split(nodePath.sep).join('/')}:${reference.source.line}`;
}
