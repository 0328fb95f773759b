import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../core/checks/finding';
import type { RulesPack } from '../core/checks/rulesPack';
import { visibleControls } from '../core/text/controlCharacters';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Findings as SARIF 2.1.0, which GitHub code scanning and other CI annotators read. */
export function toSarif(findings: readonly Finding[], pack: RulesPack | undefined) {
  const ruleIds = [...new Set(findings.map((finding) => finding.rule))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'calm-cite',
            informationUri: 'https://calm-workshop-2024.github.io/',
            rules: ruleIds.map((id) => {
              const setting = pack?.rules[id];
              return { id, ...(setting ? { shortDescription: { text: sarifText(setting.title) }, helpUri: setting.source } : {}) };
            }),
          },
        },
        results: findings.map((finding) => ({
          ruleId: finding.rule,
          level: LEVEL[finding.severity],
          message: { text: sarifText(finding.page !== undefined ? `${finding.message} (page ${finding.page})` : finding.message) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(finding.file) },
                ...(finding.line !== undefined ? { region: { startLine: finding.line, ...(finding.column !== undefined ? { startColumn: finding.column } : {}) } } : {}),
              },
            },
          ],
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
function artifactUri(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? pathToFileURL(file).href : relative.split(path.sep).join('/');
}
