import type { Severity } from '../checks/finding';

/** The citation rules, with their default severities (issue #5; ids are a contract with users' CI). */
export const CITATION_RULES = {
  'cite/undefined-key': 'error',
  'cite/duplicate-key': 'error',
  'cite/duplicate-doi': 'warning',
  'cite/missing-field': 'warning',
  'cite/preprint-published': 'warning',
  'cite/unused-entry': 'hint',
  'bib/parse-error': 'error',
  /** A library file the document names does not exist or cannot be read. */
  'bib/missing-file': 'error',
  /**
   * A file the document names cannot be used: an include that is missing, outside the project, in a cycle or
   * nested too deep; a bibliography outside the project; a `% !TEX root` that does not include the document.
   */
  'doc/project-file': 'warning',
  /** The document is past MAX_CITATION_DOCUMENT_LENGTH (src/core/limits.ts), so its citations were not scanned. */
  'cite/document-too-large': 'warning',
} as const satisfies Record<string, Severity>;

export type CitationRuleId = keyof typeof CITATION_RULES;

const BIBTEX_DOCS = 'https://ctan.org/pkg/bibtex';

/** What each citation rule checks and where to read about it, for SARIF and reports. */
export const CITATION_RULE_DOCS: Record<CitationRuleId, { title: string; helpUri: string }> = {
  'cite/undefined-key': { title: 'Every cited key is defined in a library the document uses', helpUri: BIBTEX_DOCS },
  'cite/duplicate-key': { title: 'No key is defined twice', helpUri: BIBTEX_DOCS },
  'cite/duplicate-doi': { title: 'No paper is in the libraries twice under two keys (same DOI or arXiv id)', helpUri: 'https://www.doi.org/the-identifier/what-is-a-doi/' },
  'cite/missing-field': { title: 'Cited entries have the fields their type needs', helpUri: BIBTEX_DOCS },
  'cite/preprint-published': { title: 'Preprints that have a published version cite it', helpUri: 'https://info.arxiv.org/help/jref.html' },
  'cite/unused-entry': { title: "Entries of the document's own bibliography are cited", helpUri: BIBTEX_DOCS },
  'bib/parse-error': { title: 'Library files can be parsed', helpUri: BIBTEX_DOCS },
  'bib/missing-file': { title: 'Library files the document names exist', helpUri: BIBTEX_DOCS },
  'cite/document-too-large': { title: 'The document is small enough to scan for citations', helpUri: BIBTEX_DOCS },
  'doc/project-file': { title: 'Every file the document includes or names can be read, inside the project', helpUri: 'https://www.latex-project.org/help/documentation/' },
};
export type CitationSeverities = Partial<Record<CitationRuleId, Severity | 'off'>>;

/** The `calmCite.diagnostics.severity` setting (VS Code's level names) as the checks' severities. */
export function severitiesFromSetting(setting: Partial<Record<CitationRuleId, Severity | 'information' | 'off'>>): CitationSeverities {
  const severities: CitationSeverities = {};
  for (const [rule, level] of Object.entries(setting) as [CitationRuleId, Severity | 'information' | 'off'][]) {
    severities[rule] = level === 'information' ? 'info' : level;
  }
  return severities;
}

export function severityOf(rule: CitationRuleId, overrides: CitationSeverities | undefined): Severity | 'off' {
  return overrides?.[rule] ?? CITATION_RULES[rule];
}

/**
 * Fields each entry type needs for BibTeX's standard styles and biblatex, as `a|b` when either
 * will do. Types not listed (misc, online, unpublished...) need only a title.
 */
export const REQUIRED_FIELDS: Record<string, readonly string[]> = {
  article: ['author', 'title', 'journal|journaltitle', 'year|date'],
  book: ['author|editor', 'title', 'publisher', 'year|date'],
  inproceedings: ['author', 'title', 'booktitle', 'year|date'],
  conference: ['author', 'title', 'booktitle', 'year|date'],
  incollection: ['author', 'title', 'booktitle', 'publisher', 'year|date'],
  inbook: ['author|editor', 'title', 'chapter|pages', 'publisher', 'year|date'],
  phdthesis: ['author', 'title', 'school', 'year|date'],
  mastersthesis: ['author', 'title', 'school', 'year|date'],
  thesis: ['author', 'title', 'institution|school', 'year|date'],
  techreport: ['author', 'title', 'institution', 'year|date'],
  report: ['author', 'title', 'institution', 'year|date'],
  proceedings: ['title', 'year|date'],
  manual: ['title'],
};
export const DEFAULT_REQUIRED_FIELDS = ['title'] as const;
