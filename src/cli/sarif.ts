import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../core/checks/finding';
import type { RulesPack } from '../core/checks/rulesPack';
import { visibleControls } from '../core/text/controlCharacters';
import { CITATION_RULE_DOCS, type CitationRuleId } from '../core/citationChecks/rules';
import { VERSION } from './version';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const INFORMATION_URI = 'https://calm-workshop-2024.github.io/';

/** A rule's one-line description and help page: the pack's for submission rules, CALM Cite's own for citation rules. */
function describeRule(id: string, pack: RulesPack | undefined): { shortDescription: { text: string }; helpUri: string; properties?: { stage: string } } {
  const setting = pack?.rules[id];
  if (setting) return { shortDescription: { text: sarifText(setting.title) }, helpUri: setting.source, properties: { stage: setting.stage ?? 'both' } };
  const docs = CITATION_RULE_DOCS[id as CitationRuleId];
  if (docs) return { shortDescription: { text: docs.title }, helpUri: docs.helpUri };
  return { shortDescription: { text: id }, helpUri: INFORMATION_URI };
}

/**
 * Findings as SARIF 2.1.0, which GitHub code scanning and other CI annotators read. Every result has a
 * region: the source line (for PDF findings SyncTeX's, when the build left a SyncTeX file), or line 1
 * with the page in the message. Paths are relative to `cwd`, as code scanning expects.
 */
export function toSarif(findings: readonly Finding[], pack: RulesPack | undefined, cwd = process.cwd()) {
  const ruleIds = [...new Set(findings.map((finding) => finding.rule))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'calm-cite',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => ({ id, ...describeRule(id, pack) })),
          },
        },
        results: findings.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIds.indexOf(finding.rule),
          level: LEVEL[finding.severity],
          message: { text: sarifText(finding.page !== undefined ? `${finding.message} (page ${finding.page})` : finding.message) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(finding.file, cwd) },
                region: { startLine: finding.line ?? 1, ...(finding.column !== undefined ? { startColumn: finding.column } : {}) },
              },
            },
          ],
          ...(finding.pdf !== undefined && finding.page !== undefined
            ? {
                relatedLocations: [
                  { id: 1, message: { text: `page ${finding.page}` }, physicalLocation: { artifactLocation: { uri: artifactUri(finding.pdf, cwd) }, region: { startLine: 1 } } },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}

/**
 * A SARIF plain-text message: `[text](target)` in one is an embedded link (SARIF 2.1.0, 3.11.6), so literal
 * brackets, and a backslash before one, are escaped; control characters from the files are shown escaped.
 */
export function sarifText(text: string): string {
  return visibleControls(text).replace(/\\(?=[[\]])|[[\]]/g, (character) => `\\${character}`);
}

/** Paths under the working directory stay relative, as code-scanning tools expect; others become file URIs. */
function artifactUri(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? pathToFileURL(file).href : relative.split(path.sep).join('/');
}
